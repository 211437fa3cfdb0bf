//! The host driven with hand-written cell Rust: state across cells, drops, panics,
//! crashes, fingerprint refusal and registry calls.
use keyton_kernel::host::{CellError, CellRun, Host};
use keyton_kernel::protocol::CallArg;
use std::path::PathBuf;

mod common;

fn host() -> Host {
    Host::new(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).expect("host starts")
}

use common::{cell, cell_with_fingerprint};

fn ok(run: CellRun) -> CellRun {
    if let Some(e) = &run.error {
        panic!("cell failed: {e:?}");
    }
    run
}

fn err_text(run: &CellRun) -> String {
    match &run.error {
        Some(CellError::Runtime(m)) | Some(CellError::Crashed(m)) => m.clone(),
        Some(CellError::Build(b)) => panic!("build failed: {}", b.stderr),
        None => panic!("expected an error, got {run:?}"),
    }
}

const SET_ALL: &str = r#"
    ctx.set("i", 42i64);
    ctx.set("f", 2.5f64);
    ctx.set("b", true);
    ctx.set("s", String::from("héllo"));
    ctx.set("vi", vec![1i64, 2, 3]);
    ctx.set("vf", vec![0.5f64]);
    ctx.set("vs", vec![String::from("a"), String::from("b")]);
"#;

const CHECK_ALL: &str = r#"
    let i: i64 = ctx.get("i")?;
    let f: f64 = ctx.get("f")?;
    let b: bool = ctx.get("b")?;
    let s: String = ctx.get("s")?;
    let vi: Vec<i64> = ctx.get("vi")?;
    let vf: Vec<f64> = ctx.get("vf")?;
    let vs: Vec<String> = ctx.get("vs")?;
    ctx.set_result(&format!("{i} {} {} {s} {} {} {}", f.kshow(), b.kshow(), vi.kshow(), vf.kshow(), vs.kshow()));
"#;

#[test]
fn globals_of_every_kind_survive_across_cells() {
    let mut h = host();
    ok(h.run_rust(&cell(SET_ALL)));
    let r = ok(h.run_rust(&cell(CHECK_ALL)));
    assert_eq!(
        r.result.as_deref(),
        Some("42 2.5 True héllo [1, 2, 3] [0.5] ['a', 'b']")
    );
    let vars = h.vars();
    let names: Vec<_> = vars.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(names, ["b", "f", "i", "s", "vf", "vi", "vs"]);
}

#[test]
fn stdout_and_results_are_reported() {
    let mut h = host();
    let r = ok(h.run_rust(&cell(
        r#"kayton::rt::print(ctx, &["a".into(), "b".into()]); ctx.set_result("7");"#,
    )));
    assert_eq!(r.stdout, "a b\n");
    assert_eq!(r.result.as_deref(), Some("7"));
}

/// A kind whose drop appends a line to a file: real drops, counted from outside.
fn counter_cell(path: &str, value: i64) -> String {
    cell(&format!(
        r#"
    struct Counter(i64);
    impl Drop for Counter {{
        fn drop(&mut self) {{
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open({path:?}).unwrap();
            writeln!(f, "dropped {{}}", self.0).unwrap();
        }}
    }}
    let kind = kayton::register_kind_for(ctx, &kayton::KindFns::<Counter>::new("test::Counter"));
    ctx.set_dynamic("d", kind, Counter({value}));
"#
    ))
}

#[test]
fn dynamic_values_drop_exactly_once_on_rebind_and_at_session_end() {
    let dir = std::env::temp_dir().join(format!("keyton-drop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("drops.txt");
    let _ = std::fs::remove_file(&log);
    let path = log.display().to_string();
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    {
        let mut h = host();
        ok(h.run_rust(&counter_cell(&path, 1)));
        assert_eq!(read(), "");
        ok(h.run_rust(&counter_cell(&path, 2)));
        assert_eq!(read(), "dropped 1\n", "rebinding drops the old value once");
        let kinds = h.kinds();
        assert_eq!(kinds.len(), 1);
        assert_eq!((kinds[0].live, kinds[0].dropped), (1, 1));
        h.shutdown();
    }
    assert_eq!(
        read(),
        "dropped 1\ndropped 2\n",
        "session end drops the live value once"
    );
}

#[test]
fn a_panic_is_an_error_and_loses_nothing() {
    let mut h = host();
    ok(h.run_rust(&cell(r#"ctx.set("kept", 5i64);"#)));
    let r = h.run_rust(&cell(r#"kayton::rt::at(3); let v: Vec<i64> = vec![]; if v.is_empty() { panic!("boom: {}", 42); }"#));
    assert_eq!(err_text(&r), "line 3: panic: boom: 42");
    let r = ok(h.run_rust(&cell(
        r#"let k: i64 = ctx.get("kept")?; ctx.set_result(&k.kshow());"#,
    )));
    assert_eq!(r.result.as_deref(), Some("5"));
}

#[test]
fn an_abort_restarts_the_executor() {
    let mut h = host();
    ok(h.run_rust(&cell(r#"ctx.set("lost", 1i64);"#)));
    let r = h.run_rust(&cell("std::process::abort();"));
    assert!(matches!(r.error, Some(CellError::Crashed(_))));
    assert_eq!(
        err_text(&r),
        "the executor crashed (signal 6): session variables were lost; definitions and imports are kept"
    );
    let r = ok(h.run_rust(&cell(
        r#"ctx.set_result(if ctx.get::<i64>("lost").is_err() { "fresh" } else { "stale" });"#,
    )));
    assert_eq!(r.result.as_deref(), Some("fresh"));
}

#[test]
fn a_library_with_another_fingerprint_is_refused() {
    let mut h = host();
    let r = h.run_rust(&cell_with_fingerprint(
        r#"ctx.set("x", 1i64);"#,
        r#""kayton_api 0.1.0; target x; rustc 1.0.0""#,
    ));
    let e = err_text(&r);
    assert!(
        e.contains("refusing to load") && e.contains("build fingerprint differs"),
        "{e}"
    );
    assert!(
        e.contains("help: rebuild it with this host's toolchain"),
        "{e}"
    );
    assert!(h.vars().is_empty(), "the refused cell did not run");
}

#[test]
fn registry_functions_are_callable_from_cells() {
    let mut h = host();
    let r = ok(h.run_rust(&cell(
        r#"
    let add = ctx.lookup_function("add_i64").ok_or(KErr::new("no add_i64"))?;
    let up = ctx.lookup_function("str_upper").ok_or(KErr::new("no str_upper"))?;
    let n: i64 = ctx.call(add, &[kayton::KValue::i64(40), kayton::KValue::i64(2)])?;
    let s: String = ctx.call(up, &[kayton::KValue::str("abc")])?;
    ctx.set_result(&format!("{n} {s}"));
"#,
    )));
    assert_eq!(r.result.as_deref(), Some("42 ABC"));
    let args = [CallArg::Int(1), CallArg::Int(2)];
    let (ns, last) = h.call_bench("add_i64", &args, 1000).unwrap();
    assert_eq!(last, "3");
    assert!(ns > 0.0);
}
