//! Snapshots of what the compiler produces: parse trees, the generated Rust of
//! representative cells, and rendered diagnostics. Review changes with `cargo insta review`.
use keyton_compiler::{parse, CompileError, Compiler};

fn rust_of(cells: &[&str]) -> String {
    let mut c = Compiler::new();
    let mut last = String::new();
    for src in cells {
        let compiled = c.compile(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        last = compiled.rust.clone();
        c.commit(compiled);
    }
    last
}

fn diagnostic(cells: &[&str]) -> String {
    let mut c = Compiler::new();
    for (i, src) in cells.iter().enumerate() {
        match c.compile(src) {
            Ok(compiled) => c.commit(compiled),
            Err(CompileError::Diag(d)) => return d.render(&format!("cell {}", i + 1), src),
            Err(CompileError::Internal(m)) => panic!("internal error: {m}"),
        }
    }
    panic!("no diagnostic for {cells:?}")
}

#[test]
fn parse_tree_of_a_function_and_control_flow() {
    let tree = parse("fn sign(x: i64) -> String:\n    if x > 0:\n        \"+\"\n    else:\n        \"-\"\nfor i in 0..3:\n    print(f\"{i:02}\")\n").unwrap();
    insta::assert_debug_snapshot!(tree);
}

#[test]
fn rust_for_globals_loops_and_results() {
    insta::assert_snapshot!(rust_of(&[
        "total = 0",
        "for i in 0..10:\n    if i % 2 == 0:\n        continue\n    total += i\ntotal"
    ]));
}

#[test]
fn rust_for_template_instantiations() {
    insta::assert_snapshot!(rust_of(&[
        "fn my(a, b):\n    a + b",
        "print(my(1, 2), my(\"x\", \"y\"))\nmy(1.5, 2.25)"
    ]));
}

#[test]
fn rust_for_lists_options_and_fstrings() {
    insta::assert_snapshot!(rust_of(&[
        "let maybe: Option<i64> = None\nxs = [3, 1]\nxs.append(10)\nf\"{xs[-1]} {len(xs)} {maybe is None} {2.5:.1}\""
    ]));
}

#[test]
fn diagnostic_missing_operand() {
    insta::assert_snapshot!(diagnostic(&["x = 1 +"]));
}

#[test]
fn diagnostic_argument_type() {
    insta::assert_snapshot!(diagnostic(&["fn f(a: i64) -> i64:\n    a", "f(\"no\")"]));
}

#[test]
fn diagnostic_template_body() {
    insta::assert_snapshot!(diagnostic(&["fn half(v):\n    v / 2", "half(\"text\")"]));
}

#[test]
fn diagnostic_undefined_name_in_function() {
    insta::assert_snapshot!(diagnostic(&[
        "g = 1",
        "fn uses_global(x: i64) -> i64:\n    x + g"
    ]));
}

#[test]
fn diagnostic_tab_indentation() {
    insta::assert_snapshot!(diagnostic(&["if True:\n\tpass"]));
}

#[test]
fn diagnostic_block_rebinds_type() {
    insta::assert_snapshot!(diagnostic(&["n = 1\nwhile n < 3:\n    n = \"three\""]));
}
