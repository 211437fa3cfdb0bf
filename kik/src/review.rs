//! `kik rinstall --review`: show the generated plugin crate's `src/lib.rs` — the bindings
//! a user is about to trust — in full, or as a unified diff against the installed one,
//! after pruning and before anything is built.
use kayton_env::env::Env;
use similar::TextDiff;
use std::path::Path;

/// The review text for `krate`'s newly generated `lib_rs` (in `dir`) in `env`.
pub fn review(env: &Env, krate: &str, dir: &Path, lib_rs: &str) -> String {
    let installed = env
        .installed(krate)
        .map(|i| i.plugin_dir.join("src/lib.rs"))
        .filter(|p| p.is_file());
    let mut out = String::new();
    match installed {
        Some(old_path) => {
            let old = std::fs::read_to_string(&old_path).unwrap_or_default();
            out.push_str(&format!(
                "plugin for {krate} against the installed one ({}):\n",
                old_path.display()
            ));
            if old == lib_rs {
                out.push_str("  src/lib.rs: unchanged\n");
            } else {
                let diff = TextDiff::from_lines(old.as_str(), lib_rs);
                out.push_str(
                    &diff
                        .unified_diff()
                        .header("installed/src/lib.rs", "new/src/lib.rs")
                        .to_string(),
                );
            }
        }
        None => {
            out.push_str(&format!(
                "plugin crate {} that will be built:\n--- src/lib.rs\n{lib_rs}",
                dir.display()
            ));
            if !lib_rs.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out.push_str(&format!(
        "(what bindgen could not bind, with the reason: {})\n",
        dir.join("coverage.txt").display()
    ));
    out
}
