//! Misuse of the macros: each case's error, at the user's tokens, is a reviewed
//! `.stderr` file (trybuild; regenerate with `TRYBUILD=overwrite`).
#[test]
fn misuse_errors_point_at_the_cause() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
