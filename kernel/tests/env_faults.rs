//! An environment under stress: two sessions rimporting the same new crate at once (both
//! succeed, one builds), and an environment directory that cannot be written (a clear
//! error naming it, nothing left half-written). Each runs `keyton run`, as a user would.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn keyton_run(file: &Path, home: &Path, env: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keyton"))
        .arg("run")
        .arg(file)
        .env("KAYTON_HOME", home)
        .env("KAYTON_ENV", env)
        .env("KAYTON_NO_LOCK", "1")
        .env_remove("KAYTON_PLUGIN_PATH")
        .output()
        .expect("keyton runs")
}

fn home() -> PathBuf {
    common::rimport_home();
    PathBuf::from(std::env::var_os("KAYTON_HOME").expect("set"))
}

#[test]
fn two_sessions_rimporting_one_new_crate_at_once_both_succeed_and_one_builds() {
    let home = home();
    // A fresh environment each run, so that the crate is new to it.
    let env = format!("concurrent-{}", std::process::id());
    let dir = std::env::temp_dir().join(&env);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("session.ky");
    std::fs::write(
        &file,
        "rimport any_ascii\nprint(any_ascii.any_ascii(\"Ĳssel\"))\n",
    )
    .unwrap();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| keyton_run(&file, &home, &env));
        let b = s.spawn(|| keyton_run(&file, &home, &env));
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut builds = 0;
    for out in [&a, &b] {
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{stdout}\n{stderr}");
        assert_eq!(stdout.trim(), "IJssel", "{stderr}");
        builds += stderr.contains("building any_ascii") as usize;
    }
    assert_eq!(builds, 1, "exactly one session builds the plugin");
    let _ = std::fs::remove_dir_all(home.join("envs").join(&env));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_environment_that_cannot_be_written_is_a_clear_error_and_nothing_is_written() {
    // `KAYTON_HOME` under a regular file: no directory can be made there (as for a
    // read-only or full disk, whoever runs the test, root included).
    let dir = std::env::temp_dir().join(format!("unwritable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let blocker = dir.join("not-a-dir");
    std::fs::write(&blocker, "a file").unwrap();
    let file = dir.join("session.ky");
    std::fs::write(&file, "x = 1\nrimport any_ascii\nprint(x)\n").unwrap();
    let out = keyton_run(&file, &blocker.join("home"), "default");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&blocker.display().to_string()),
        "the error names the directory: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"a file");
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(entries.len(), 2, "nothing else written beside the session");
    let _ = std::fs::remove_dir_all(&dir);

    // Where permissions apply (not as root), a read-only environment directory.
    let ro = std::env::temp_dir().join(format!("readonly-{}", std::process::id()));
    let env_dir = ro.join("home/envs/default");
    std::fs::create_dir_all(&env_dir).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = env_dir.join("probe");
    if std::fs::write(&probe, "").is_err() {
        let out = keyton_run(&file, &ro.join("home"), "default");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains(&env_dir.display().to_string()), "{stderr}");
        assert_eq!(std::fs::read_dir(&env_dir).unwrap().count(), 0);
    }
    std::fs::set_permissions(&env_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_dir_all(&ro);
}
