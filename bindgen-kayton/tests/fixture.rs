//! bindgen on a fixture crate (`tests/fixture/top.rs`, which re-exports items of
//! `tests/fixture/dep.rs`): its rustdoc JSON is made here with the pinned toolchain,
//! and the emitted plugin source and coverage are insta snapshots, so a change to bindgen shows up
//! as a reviewable diff.
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture")
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("the toolchain runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// (top's JSON, dep's JSON), built once into the test's target dir.
fn rustdoc_json() -> (String, String) {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bindgen-fixture");
    std::fs::create_dir_all(&out).unwrap();
    let rustdoc = |name: &str, extra: &[&str]| {
        run(Command::new("rustdoc")
            .env("RUSTC_BOOTSTRAP", "1")
            .args([
                "--edition",
                "2021",
                "--crate-name",
                name,
                "--crate-type",
                "lib",
            ])
            .args(["-Z", "unstable-options", "--output-format", "json", "-o"])
            .arg(&out)
            .args(extra)
            .arg(fixture().join(format!("{name}.rs"))));
        std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap()
    };
    run(Command::new("rustc")
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "--crate-name",
            "dep",
            "--out-dir",
        ])
        .arg(&out)
        .arg(fixture().join("dep.rs")));
    let dep_lib = format!("dep={}", out.join("libdep.rlib").display());
    let dep = rustdoc("dep", &[]);
    let top = rustdoc("top", &["--extern", &dep_lib]);
    (top, dep)
}

#[test]
fn plugin_source_and_coverage_of_the_fixture() {
    let (top, dep) = rustdoc_json();
    let top = bindgen_kayton::load(&top).unwrap();
    let dep = bindgen_kayton::load(&dep).unwrap();
    assert_eq!(bindgen_kayton::reexported_crates(&top, "top"), vec!["dep"]);

    let api = bindgen_kayton::api(&top, &[dep], "top", "0.1.0");
    let lib_rs = bindgen_kayton::emit::lib_rs(&api, &Default::default()).unwrap();
    insta::assert_snapshot!("fixture_lib_rs", lib_rs);
    insta::assert_debug_snapshot!("fixture_coverage", api.coverage);

    // Without the dependency's JSON its items are skipped, with the reason.
    let api = bindgen_kayton::api(&top, &[], "top", "0.1.0");
    assert!(!api
        .manifest
        .types
        .iter()
        .any(|t| t.path == "top::StatusCode"));
    let cov = &api.coverage;
    assert!(
        cov.skipped
            .keys()
            .any(|k| k
                .contains("re-export of `dep::status::Code` without that crate's rustdoc JSON")),
        "{cov:?}"
    );
}

#[test]
fn a_format_version_mismatch_names_both_numbers() {
    let err = bindgen_kayton::load(r#"{"format_version": 12}"#).unwrap_err();
    assert!(
        err.contains("format_version 12") && err.contains("format_version 57"),
        "{err}"
    );
}
