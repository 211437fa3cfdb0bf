//! Native code that misbehaves inside the executor — a stack overflow, `exit(3)`,
//! writes to fd 1 and fd 2, a thread that panics after its cell ended — is an error in
//! its cell (or nothing at all), and the session works after it: the protocol is never
//! corrupted, and the executor is restarted only where the process died.
use common::cell;
use keyton_kernel::host::{CellError, CellRun, Host};
use std::path::PathBuf;

mod common;

fn host() -> Host {
    Host::new(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).expect("host starts")
}

fn result(run: CellRun) -> String {
    if let Some(e) = &run.error {
        panic!("cell failed: {e:?}");
    }
    run.result.unwrap_or_default()
}

fn crashed(run: &CellRun) -> String {
    match &run.error {
        Some(CellError::Crashed(m)) => m.clone(),
        other => panic!("expected a crash, got {other:?}"),
    }
}

const KEEP: &str = r#"ctx.set("kept", 5i64);"#;
const READ: &str = r#"ctx.set_result(&match ctx.get::<i64>("kept") { Ok(k) => k.kshow(), Err(_) => "lost".into() });"#;

#[test]
fn a_stack_overflow_restarts_the_executor_and_the_session_goes_on() {
    let mut h = host();
    result(h.run_rust(&cell(KEEP)));
    let r = h.run_rust(&cell(
        r#"fn deep(n: u64) -> u64 { let a = [n; 512]; if n == 0 { 0 } else { deep(n - 1).wrapping_add(a[n as usize % 512]) } }
        ctx.set_result(&deep(u64::MAX).to_string());"#,
    ));
    let m = crashed(&r);
    assert!(m.starts_with("the executor crashed (signal"), "{m}");
    assert_eq!(result(h.run_rust(&cell(READ))), "lost");
    result(h.run_rust(&cell(KEEP)));
    assert_eq!(result(h.run_rust(&cell(READ))), "5");
}

#[test]
fn exit_is_a_crash_that_says_its_status() {
    let mut h = host();
    let r = h.run_rust(&cell("std::process::exit(3);"));
    assert_eq!(
        crashed(&r),
        "the executor crashed (exit status 3): session variables were lost; definitions and imports are kept"
    );
    result(h.run_rust(&cell(KEEP)));
    assert_eq!(result(h.run_rust(&cell(READ))), "5");
}

#[test]
fn writes_to_fd_1_and_2_do_not_reach_the_protocol() {
    let mut h = host();
    result(h.run_rust(&cell(KEEP)));
    let r = h.run_rust(&cell(
        r#"use std::io::Write;
        use std::os::fd::FromRawFd;
        println!("{{\"Cell\": not a response");
        std::io::stderr().write_all(b"to fd 2\n").unwrap();
        let mut one = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        one.write_all(b"{\"Bye\": null}\n").unwrap();
        ctx.set_result("survived");"#,
    ));
    assert_eq!(result(r), "survived");
    assert_eq!(result(h.run_rust(&cell(READ))), "5");
}

#[test]
fn a_thread_that_panics_after_its_cell_ends_costs_nothing() {
    let mut h = host();
    result(h.run_rust(&cell(KEEP)));
    let r = h.run_rust(&cell(
        r#"std::thread::spawn(|| { std::thread::sleep(std::time::Duration::from_millis(200)); panic!("late"); });
        ctx.set_result("spawned");"#,
    ));
    assert_eq!(result(r), "spawned");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(result(h.run_rust(&cell(READ))), "5");
}
