//! Shared by the kernel's integration tests.
use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(dead_code)]
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Build the example plugin (`examples/geometry`, kayton-macros) into `out` with
/// `keyton plugin-build`, the command users run.
#[allow(dead_code)]
pub fn build_example_plugin(out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_keyton"))
        .arg("plugin-build")
        .arg(repo().join("examples/geometry/lib.rs"))
        .args(["--name", "geometry", "--out"])
        .arg(out)
        .status()
        .expect("keyton runs");
    assert!(st.success(), "building the example plugin failed");
}

/// Environments for tests that rimport from crates.io: the test command's `KAYTON_HOME`
/// (shared with the conformance run, so each plugin builds once), else one under the
/// test's target dir; local plugins and the auto-install switch of the caller ignored.
#[allow(dead_code)]
pub fn rimport_home() {
    if std::env::var_os("KAYTON_HOME").is_none() {
        let h = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kayton-home");
        std::env::set_var("KAYTON_HOME", h);
    }
    for (old, new) in keyton_kernel::vars::DEPRECATED {
        if ["KAYTON_PLUGIN_PATH", "KAYTON_NO_AUTO_INSTALL"].contains(new) {
            std::env::remove_var(old);
            std::env::remove_var(new);
        }
    }
}
