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

/// The Rust of a hand-written cell whose body is `body` (with `ctx: &Ctx` in scope),
/// exporting the symbols every cell exports; `fp` is its fingerprint expression.
#[allow(dead_code)]
pub fn cell_with_fingerprint(body: &str, fp: &str) -> String {
    format!(
        r#"#![allow(unused)]
extern crate kayton_api as kayton;
use kayton::rt::{{KErr, KShow}};
fn body(ctx: &kayton::Ctx<'_>) -> Result<(), KErr> {{
{body}
    Ok(())
}}
#[no_mangle] pub extern "C" fn kayton_cell_main(c: *const kayton::KaytonContext) -> i32 {{ unsafe {{ kayton::rt::run_cell(c, body) }} }}
#[no_mangle] pub extern "C" fn kayton_abi_version() -> u32 {{ kayton::ABI_VERSION }}
#[no_mangle] pub extern "C" fn kayton_build_fingerprint() -> kayton::KStr {{ kayton::KStr::new({fp}) }}
"#
    )
}

/// [`cell_with_fingerprint`] with this build's fingerprint.
#[allow(dead_code)]
pub fn cell(body: &str) -> String {
    cell_with_fingerprint(body, "kayton::fingerprint()")
}
