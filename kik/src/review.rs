//! `kik rinstall --review`: show the plugin crate an install would build — in full, or as
//! a unified diff against the one installed now — before anything is built.
use keyton_kernel::env::Env;
use keyton_kernel::install::PluginSource;
use similar::TextDiff;

/// The review text for `src` in `env`.
pub fn review(env: &Env, src: &PluginSource) -> String {
    let new = [("Cargo.toml", &src.cargo_toml), ("lib.rs", &src.lib_rs)];
    let installed = env
        .installed(&src.krate)
        .map(|i| env.dir.join("plugins").join(&src.krate).join(i.hash))
        .filter(|d| d.is_dir());
    let mut out = String::new();
    match installed {
        Some(dir) => {
            out.push_str(&format!(
                "plugin for {} against the installed one ({}):\n",
                src.krate,
                dir.display()
            ));
            for (name, text) in new {
                let old = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
                if old == **text {
                    out.push_str(&format!("  {name}: unchanged\n"));
                    continue;
                }
                let diff = TextDiff::from_lines(old.as_str(), text.as_str());
                out.push_str(
                    &diff
                        .unified_diff()
                        .header(&format!("installed/{name}"), &format!("new/{name}"))
                        .to_string(),
                );
            }
        }
        None => {
            out.push_str(&format!(
                "plugin crate {} (hash {}) that will be built:\n",
                src.plugin_crate, src.hash
            ));
            for (name, text) in new {
                out.push_str(&format!("--- {name}\n{text}"));
                if !text.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    out.push_str(
        "(the Keyton bindings are read from the crate's rustdoc JSON after the build: see its manifest)\n",
    );
    out
}
