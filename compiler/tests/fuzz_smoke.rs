//! A bounded, deterministic fuzz run in every `cargo test`: mutations of every
//! conformance source through lexer, parser and type checker must give a result or a
//! diagnostic, never a panic. (Coverage-guided fuzzing: `fuzz/`, see the README.)
use keyton_compiler::{CompileError, Compiler};
use std::path::PathBuf;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ":",
    "\n",
    "    ",
    "\t",
    "\"",
    "'",
    "f\"{",
    "}",
    "{",
    "..",
    "**",
    "fn ",
    "if ",
    "else:",
    "return",
    "let x: ",
    "Option<",
    ">",
    "None",
    "é",
    "0x",
    "1e",
    "#",
    "\\",
    "is not ",
    "rimport ",
    "for i in ",
    "=",
    "+=",
    "-",
    // The v1.1 forms: comprehensions, dicts, slices, lambdas, try/except, globals.
    " for x in ",
    " if ",
    "{1: 2}",
    "[::-1]",
    "[1:",
    "lambda x: ",
    "try:\n    ",
    "except Exception as e:\n    ",
    "finally:\n    ",
    "raise Exception(\"e\")",
    "global ",
    "key=len",
    "=\"d\"",
    "r\"\\d",
    "b\"\\x41",
    "[0].append(",
];

fn seeds() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let mut out = Vec::new();
    for dir in [
        root.join("../shared/conformance"),
        root.join("../shared/conformance/v1.1"),
        root.join("conformance"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "ky") {
                let text = std::fs::read_to_string(e.path()).unwrap();
                out.extend(text.split("# %%").map(str::to_string));
            }
        }
    }
    assert!(out.len() > 20, "conformance sources not found");
    out
}

fn mutate(rng: &mut Lcg, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if !chars.is_empty() => {
                let end = (at + rng.below(8)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            1 => {
                let p = PIECES[rng.below(PIECES.len())];
                chars.splice(at..at, p.chars());
            }
            2 if !chars.is_empty() => {
                let from = rng.below(chars.len());
                let end = (from + rng.below(12)).min(chars.len());
                let piece: Vec<char> = chars[from..end].to_vec();
                chars.splice(at..at, piece);
            }
            _ => {
                if at < chars.len() {
                    chars[at] = PIECES[rng.below(PIECES.len())]
                        .chars()
                        .next()
                        .unwrap_or(' ');
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_programs_never_panic_the_compiler() {
    let seeds = seeds();
    let mut rng = Lcg(0x5eed);
    let mut diagnostics = 0;
    for i in 0..20000 {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        let res = std::panic::catch_unwind(|| match Compiler::new().compile(&input) {
            Err(CompileError::Diag(d)) => {
                let _ = d.render("fuzz", &input);
                true
            }
            _ => false,
        });
        match res {
            Ok(diag) => diagnostics += diag as usize,
            Err(_) => panic!("the compiler panicked on input #{i}:\n{input:?}"),
        }
    }
    assert!(
        diagnostics > 100,
        "mutations should mostly produce diagnostics, got {diagnostics}"
    );
}
