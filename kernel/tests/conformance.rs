//! Every conformance session — the shared corpus and the project's own — through the
//! `keyton conformance` command users run, checked by its closing line and exit status.
use std::path::PathBuf;
use std::process::Command;

mod common;
use common::repo;

fn conformance(dir: PathBuf) -> (bool, String) {
    assert!(
        dir.is_dir(),
        "missing conformance directory {}",
        dir.display()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_keyton"))
        .arg("conformance")
        .arg("--known-gaps")
        .arg(repo().join("conformance/known-gaps.txt"))
        .arg(&dir)
        .env("KAYTON_PLUGIN_PATH", example_plugins())
        .output()
        .expect("keyton runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    (out.status.success(), text)
}

#[test]
fn shared_conformance_corpus() {
    let (ok, text) = conformance(repo().join("../shared/conformance"));
    assert!(ok, "conformance failed:\n{text}");
    // Every file passes, the rimport ones included: semver, heck, serde_json and reqwest
    // (blocking, against the runner's loopback server) are installed from crates.io on
    // first use.
    assert!(text.lines().any(|l| l == "12 passed, 0 failed"), "{text}");
    for f in [
        "20_rimport_semver",
        "21_rimport_module_path",
        "22_rimport_generics",
        "23_rimport_reqwest",
    ] {
        assert!(text.contains(&format!("PASS {f}.ky")), "{text}");
    }
    for line in text.lines().filter(|l| l.starts_with("SKIP")) {
        assert!(
            line.contains("known gap"),
            "only known gaps may be skipped: {line}"
        );
    }
}

/// The example plugin, built once per test process into the shared target directory.
fn example_plugins() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT.get_or_init(build_example_plugins).clone()
}

fn build_example_plugins() -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("plugins");
    common::build_example_plugin(&out);
    out
}

#[test]
fn project_conformance_sessions() {
    let (ok, text) = conformance(repo().join("conformance"));
    assert!(ok, "conformance failed:\n{text}");
    assert!(!text.contains("SKIP"), "{text}");
}

#[test]
fn a_failing_expectation_fails_the_run() {
    let dir = std::env::temp_dir().join(format!("keyton-conf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("wrong.ky"),
        "1 + 1\n# ==> 3\n# %%\nprint(1)\n# >>> 2\n",
    )
    .unwrap();
    let (ok, text) = conformance(dir);
    assert!(!ok);
    assert!(text.contains("FAIL wrong.ky"), "{text}");
    assert!(
        text.contains(r#"result: expected Some("3"), got Some("2")"#),
        "{text}"
    );
    assert!(
        text.contains(r#"stdout: expected ["2"], got ["1"]"#),
        "{text}"
    );
    assert!(text.trim_end().ends_with("0 passed, 1 failed"), "{text}");
}
