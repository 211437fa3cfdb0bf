//! Lexer + parser + type checker on arbitrary UTF-8: a diagnostic is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        if let Err(keyton_compiler::CompileError::Diag(d)) = keyton_compiler::Compiler::new().compile(src) {
            let _ = d.render("fuzz", src);
        }
        let _ = keyton_compiler::completeness(src);
    }
});
