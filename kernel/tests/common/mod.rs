//! Shared by the kernel's integration tests.
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Build the example plugin (`examples/geometry`, kayton-macros) into `out` with
/// `keyton plugin-build`, the command users run.
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
