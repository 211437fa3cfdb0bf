//! cargo as bindgen and environments run it: in a crate's directory, with a chosen
//! target directory (shared, so dependencies build once), cargo home and `RUSTFLAGS`;
//! rustdoc JSON; and which package a dependency is, from `Cargo.lock`.
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cargo {
    pub dir: PathBuf,
    pub target: PathBuf,
    /// `CARGO_HOME` (the user's when `None`).
    pub home: Option<PathBuf>,
    pub rustflags: Option<String>,
}

impl Cargo {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("cargo");
        cmd.args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target);
        if let Some(h) = &self.home {
            cmd.env("CARGO_HOME", h);
        }
        if let Some(f) = &self.rustflags {
            cmd.env("RUSTFLAGS", f);
        }
        // rustdoc's JSON output is unstable; the pinned stable toolchain allows it this way.
        // Builds get the same variable: cargo's fingerprints include it, and a `cargo
        // rustdoc` without the build's value would rebuild proc-macro crates (same file,
        // new hash) under the plugin, so cells could no longer load its metadata.
        cmd.env("RUSTC_BOOTSTRAP", "1");
        // Resolve to versions the pinned toolchain can build: a dependency whose newest
        // release needs a later rustc (`easy-cast` 0.5.5 of `average`) falls back to the
        // newest that declares this one (`rustc -V`), as resolver 3 does.
        cmd.env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback");
        cmd
    }

    /// Run cargo with `args`; stdout on success, the end of stderr otherwise.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = err
                .lines()
                .filter(|l| !l.trim().is_empty())
                .rev()
                .take(15)
                .collect();
            return Err(format!(
                "`cargo {}` failed:\n{}",
                args[0],
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Run cargo with `args` whatever its status: (success, stdout, stderr).
    pub fn run_any(&self, args: &[&str]) -> Result<(bool, String, String), String> {
        let out = self
            .command(args)
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        Ok((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }

    /// The rustdoc JSON of package `spec` (its library is `lib_name`).
    pub fn rustdoc_json(&self, spec: &str, lib_name: &str) -> Result<crate::RustdocCrate, String> {
        self.run(&[
            "rustdoc",
            "--offline",
            "-p",
            spec,
            "--lib",
            "--",
            "-Z",
            "unstable-options",
            "--output-format",
            "json",
        ])?;
        let json_path = self.target.join("doc").join(format!("{lib_name}.json"));
        let json = std::fs::read_to_string(&json_path)
            .map_err(|e| format!("cannot read {}: {e}", json_path.display()))?;
        crate::load(&json).map_err(|e| format!("{}: {e}", json_path.display()))
    }

    pub fn target_dir(&self) -> &Path {
        &self.target
    }
}

/// `err` (the crate's own build failing, as moka's does without `sync` or `future`:
/// "At least one of the crate features … must be enabled") with what to do when it asks
/// for features: install it with some, named from its manifest's `[features]`.
pub fn feature_hint(err: String, vendor: &Path, krate: &str, version: &str) -> String {
    let asks = err.contains("compile_error") || err.contains("error:");
    if !asks || !err.to_lowercase().contains("feature") {
        return err;
    }
    let manifest = vendor.join(format!("{krate}-{version}")).join("Cargo.toml");
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    let mut in_features = false;
    let mut features = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if let (true, Some((name, _))) = (in_features, line.split_once('=')) {
            let name = name.trim().trim_matches('"');
            if name != "default" && !name.starts_with('_') {
                features.push(name.to_string());
            }
        }
    }
    let known = if features.is_empty() {
        String::new()
    } else {
        format!(" (its features: {})", features.join(", "))
    };
    format!(
        "{err}\n{krate} {version} does not build with its default features{known}: install it with the ones its docs name, e.g. `kik rinstall {krate}=={version} --features NAME`, then rimport it"
    )
}

/// The library name of the vendored package `krate` `version`: its manifest's `[lib]
/// name` (Inflector's is `inflector`), else the package name with `-` as `_`.
pub fn lib_name(vendor: &Path, krate: &str, version: &str) -> String {
    let fallback = krate.replace('-', "_");
    let manifest = vendor.join(format!("{krate}-{version}")).join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(manifest) else {
        return fallback;
    };
    let mut in_lib = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_lib = line == "[lib]";
        } else if let Some(v) = line.strip_prefix("name").map(str::trim_start) {
            if let (true, Some(v)) = (in_lib, v.strip_prefix('=')) {
                return v.trim().trim_matches('"').to_string();
            }
        }
    }
    fallback
}

/// `name@version` of the dependency of `krate` whose library is `lib_name`, from the
/// plugin's `Cargo.lock` packages (offline; a bare name is ambiguous when two versions are
/// in the tree, and the lock names the one `krate` uses). A dependency of a dependency
/// counts too, nearest first: ureq re-exports `http` through `ureq-proto`.
pub fn dep_spec(packages: &[LockPackage], krate: &str, lib_name: &str) -> Result<String, String> {
    let find = |name: &str, version: Option<&str>| {
        packages
            .iter()
            .find(|p| p.name == name && version.is_none_or(|v| p.version == v))
    };
    let parent =
        find(krate, None).ok_or_else(|| format!("`{krate}` is not in the plugin's Cargo.lock"))?;
    let same_lib = |name: &str| name.replace('-', "_") == lib_name;
    let (mut level, mut seen) = (vec![parent], std::collections::BTreeSet::new());
    let mut found = None;
    for _ in 0..4 {
        found = level.iter().find_map(|p| {
            p.deps
                .iter()
                .find(|d| same_lib(d.split(' ').next().unwrap_or(d)))
        });
        if found.is_some() {
            break;
        }
        level = level
            .iter()
            .flat_map(|p| &p.deps)
            .filter(|d| seen.insert(d.as_str()))
            .filter_map(|d| {
                let (name, version) = match d.split_once(' ') {
                    Some((n, v)) => (n, Some(v)),
                    None => (d.as_str(), None),
                };
                find(name, version)
            })
            .collect();
    }
    let dep = found.ok_or_else(|| format!("`{lib_name}` is not a dependency of `{krate}`"))?;
    match dep.split_once(' ') {
        // "http 1.3.1": the lock names the version because several are present.
        Some((name, version)) => Ok(format!("{name}@{version}")),
        None => packages
            .iter()
            .find(|p| p.name == *dep)
            .map(|p| format!("{}@{}", p.name, p.version))
            .ok_or_else(|| format!("`{dep}` is not in the plugin's Cargo.lock")),
    }
}

pub struct LockPackage {
    pub name: String,
    pub version: String,
    pub deps: Vec<String>,
}

/// The `[[package]]` entries of a Cargo.lock (name, version, dependency strings).
/// The packages of `<dir>/Cargo.lock` and the version it resolved for `krate`.
pub fn resolved(dir: &std::path::Path, krate: &str) -> Result<(Vec<LockPackage>, String), String> {
    let lock = std::fs::read_to_string(dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot read the plugin's Cargo.lock: {e}"))?;
    let packages = lock_packages(&lock);
    let version = packages
        .iter()
        .find(|p| p.name == krate)
        .map(|p| p.version.clone())
        .ok_or_else(|| format!("cargo resolved no `{krate}` (is it on crates.io?)"))?;
    Ok((packages, version))
}

pub fn lock_packages(lock: &str) -> Vec<LockPackage> {
    let unquote = |v: &str| v.trim().trim_end_matches(',').trim_matches('"').to_string();
    let mut out: Vec<LockPackage> = Vec::new();
    let mut in_deps = false;
    for line in lock.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            out.push(LockPackage {
                name: String::new(),
                version: String::new(),
                deps: Vec::new(),
            });
            in_deps = false;
        } else if let Some(p) = out.last_mut() {
            if in_deps {
                if line == "]" {
                    in_deps = false;
                } else {
                    p.deps.push(unquote(line));
                }
            } else if let Some(v) = line.strip_prefix("name = ") {
                p.name = unquote(v);
            } else if let Some(v) = line.strip_prefix("version = ") {
                p.version = unquote(v);
            } else if line.starts_with("dependencies = [") {
                in_deps = !line.ends_with(']');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "http"
version = "0.2.12"

[[package]]
name = "http"
version = "1.3.1"
dependencies = [
 "bytes",
]

[[package]]
name = "reqwest"
version = "0.12.15"
dependencies = [
 "http 1.3.1",
 "serde_json",
 "url",
]

[[package]]
name = "serde_json"
version = "1.0.140"
"#;

    #[test]
    fn dependency_versions_come_from_the_lock() {
        let packages = lock_packages(LOCK);
        assert_eq!(
            dep_spec(&packages, "reqwest", "http").unwrap(),
            "http@1.3.1"
        );
        assert_eq!(
            dep_spec(&packages, "reqwest", "serde_json").unwrap(),
            "serde_json@1.0.140"
        );
        let err = dep_spec(&packages, "reqwest", "tokio").unwrap_err();
        assert!(
            err.contains("`tokio` is not a dependency of `reqwest`"),
            "{err}"
        );
        let err = dep_spec(&packages, "reqwest", "url").unwrap_err();
        assert!(err.contains("`url` is not in"), "{err}");
    }

    #[test]
    fn a_build_that_asks_for_features_says_which_there_are() {
        let vendor = std::env::temp_dir().join(format!("kayton-hint-{}", std::process::id()));
        let dir = vendor.join("moka-0.12.16");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"moka\"\n[features]\ndefault = []\nsync = []\nfuture = [\"x\"]\n[dependencies]\nx = \"1\"\n",
        )
        .unwrap();
        let asked = "error: At least one of the crate features `sync` or `future` must be enabled";
        let e = feature_hint(asked.into(), &vendor, "moka", "0.12.16");
        assert!(e.contains("(its features: sync, future)"), "{e}");
        assert!(
            e.contains("kik rinstall moka==0.12.16 --features NAME"),
            "{e}"
        );
        // Any other failure is left as it is.
        let other = "error: could not compile `x`";
        assert_eq!(
            feature_hint(other.into(), &vendor, "moka", "0.12.16"),
            other
        );
        let _ = std::fs::remove_dir_all(&vendor);
    }
}
