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
    // Two builds of this crate from different sources are different crates to rustc: a
    // plugin built against one cannot be linked with cells built against the other.
    println!("cargo:rustc-env=KAYTON_SOURCE_HASH={:016x}", source_hash());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rustc-env=KAYTON_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
}

/// FNV-1a over every file under `src/`, in path order.
fn source_hash() -> u64 {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut all = Vec::new();
    files(std::path::Path::new("src"), &mut all);
    all.sort();
    let mut h: u64 = 0xcbf29ce484222325;
    for p in all {
        let rel = p.to_string_lossy().replace('\\', "/");
        for b in rel.bytes().chain(std::fs::read(&p).unwrap_or_default()) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}
