//! cargo for environments: bindgen's runner with the environment's target, cargo home
//! and the flags a plugin loaded by the executor needs.
use crate::toolchain::Toolchain;
pub use bindgen_kayton::cargo::{dep_spec, lock_packages, Cargo};
use std::path::Path;

/// cargo as an environment runs it: in the plugin's directory `dir`, with the
/// environment's shared target and its own cargo home.
pub fn env_cargo(tc: &Toolchain, dir: &Path, target: &Path, home: &Path) -> Cargo {
    // The plugin may be the first library the executor loads: it must find libstd itself.
    let flags = format!(
        "-C prefer-dynamic -C link-args=-Wl,--disable-new-dtags,-rpath,{}",
        tc.target_libdir.display()
    );
    Cargo {
        dir: dir.to_path_buf(),
        target: target.to_path_buf(),
        home: Some(home.to_path_buf()),
        rustflags: Some(flags),
    }
}
