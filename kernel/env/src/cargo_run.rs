//! cargo for environments: bindgen's runner with the environment's target, cargo home
//! and the flags a plugin loaded by the executor needs.
use crate::toolchain::Toolchain;
pub use bindgen_kayton::cargo::{dep_spec, lock_packages, Cargo};

/// `RUSTFLAGS` of every build in an environment. The plugin may be the first library the
/// executor loads: it must find libstd itself.
pub fn env_flags(tc: &Toolchain) -> String {
    format!(
        "-C prefer-dynamic -C link-args=-Wl,--disable-new-dtags,-rpath,{}",
        tc.target_libdir.display()
    )
}
