//! Inputs the coverage-guided fuzzer (`scripts/fuzz.sh compile`) found crashing, kept
//! once fixed: each compiles to a diagnostic or code on a thread with the stack
//! sessions have (8 MB: a main thread's, the Jupyter engine's), never a panic or a
//! stack overflow.
use std::path::Path;

fn compile_on_session_stack(src: String) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(
            move || match keyton_compiler::Compiler::new().compile(&src) {
                Err(keyton_compiler::CompileError::Diag(d)) => Err(d.render("fuzz", &src)),
                _ => Ok(()),
            },
        )
        .unwrap()
        .join()
        .expect("the compiler did not panic")
}

#[test]
fn every_kept_fuzz_input_compiles_or_is_a_diagnostic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let _ = compile_on_session_stack(String::from_utf8_lossy(&bytes).into_owned());
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    for src in [
        format!("{}1", "-".repeat(5000)),
        format!("{}1{}", "(".repeat(5000), ")".repeat(5000)),
        format!("{}True", "not ".repeat(5000)),
        format!("{}1{}", "[".repeat(5000), "]".repeat(5000)),
        format!("2{}", " ** 2".repeat(5000)),
        format!("x = 1{}", " - 1".repeat(5000)),
        format!("x = True{}", " and True".repeat(5000)),
    ] {
        let e = compile_on_session_stack(src).unwrap_err();
        assert!(
            e.contains("nested too deeply") || e.contains("chains more than"),
            "{e}"
        );
    }
    // Deep but within the limit still compiles.
    compile_on_session_stack(format!("x = {}1{}", "(".repeat(49), ")".repeat(49))).unwrap();
    compile_on_session_stack(format!("x = 1{}", " + 1".repeat(99))).unwrap();
}

#[test]
fn an_unclosed_unicode_escape_at_the_end_is_a_diagnostic() {
    // The fuzzer's third finding (`dd.f"e \0\u{1`): the escape ran past the text.
    for src in ["f\"e \\u{1", "\"\\u{1", "x = \"\\u{41"] {
        let e = compile_on_session_stack(src.to_string()).unwrap_err();
        assert!(e.contains("never closed"), "{src}: {e}");
    }
}
