//! Bakes the build fingerprint (exact `rustc -vV`, target) into the crate, so that
//! every artifact linked against this copy of `kayton_api` can say what built it.
use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc)
        .arg("-vV")
        .output()
        .expect("kayton_api build: could not run `rustc -vV`");
    let vv = String::from_utf8_lossy(&out.stdout)
        .trim()
        .replace('\n', "; ");
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=KAYTON_RUSTC_VV={vv}");
    println!("cargo:rustc-env=KAYTON_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
