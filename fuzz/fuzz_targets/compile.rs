//! Lexer + parser + type checker on arbitrary UTF-8: a diagnostic is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

// On a thread with the 8 MB stack sessions have (the REPL's main thread, the Jupyter
// engine's); AddressSanitizer's larger frames get twice that.
fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let src = src.to_string();
        std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || {
                if let Err(keyton_compiler::CompileError::Diag(d)) =
                    keyton_compiler::Compiler::new().compile(&src)
                {
                    let _ = d.render("fuzz", &src);
                }
                let _ = keyton_compiler::completeness(&src);
            })
            .unwrap()
            .join()
            .unwrap();
    }
});
