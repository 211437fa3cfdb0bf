//! Installing a crate into an environment: bindgen-kayton's one pipeline
//! ([`bindgen_kayton::pipeline::run`]: resolve → vendor → rustdoc JSON → emit
//! `kayton_rplugin__<crate>` → prune by compiling → build), run in the environment's
//! directories against the session's own cell runtime, so that the plugin and every cell
//! share one `kayton_api`. The built dylib (with the macro library it names) is copied to
//! `dlls/<crate>/<hash>/`; its embedded manifest is what sessions type cells from. The
//! record is renamed into place last, so a failed or killed install leaves the
//! environment as it was.
use crate::cargo_run::env_flags;
use crate::env::{valid_crate_name, Env, Installed};
use crate::runtime::Runtime;
use crate::toolchain::{fnv64, Toolchain};
use bindgen_kayton::emit::KaytonDeps;
use bindgen_kayton::pipeline::{self, Request};
use std::path::Path;

/// What an install asks for, checked, with the hash of everything that changes the plugin.
pub struct InstallRequest {
    /// The package as crates.io spells it (`unicode-width`).
    pub package: String,
    /// The library's name in Rust (`unicode_width`): what cells and records use.
    pub rust_name: String,
    pub version_req: String,
    pub features: Vec<String>,
    pub hash: String,
    /// Loaded plugins this one links against (plugin crate, dylib): see
    /// [`bindgen_kayton::cargo_toml::KaytonDeps::Prebuilt`].
    pub chain: Vec<(String, std::path::PathBuf)>,
}

impl InstallRequest {
    pub fn new(package: &str, version_req: &str, features: &[String]) -> Result<Self, String> {
        if !valid_crate_name(package) {
            return Err(format!(
                "{} is not a valid crate name (letters, digits, `-`, `_`; at most 64)",
                shown(package)
            ));
        }
        if !valid_version_req(version_req) {
            return Err(format!(
                "{} is not a version requirement (like `1.2.3`, `=0.4.1`, `^1.0`, `*`)",
                shown(version_req)
            ));
        }
        if let Some(f) = features.iter().find(|f| !valid_feature(f)) {
            return Err(format!("{} is not a valid feature name", shown(f)));
        }
        let hash = format!(
            "{:016x}",
            fnv64(&[
                package.as_bytes(),
                version_req.as_bytes(),
                features.join(",").as_bytes(),
                kayton_api::fingerprint().as_bytes(),
                bindgen_kayton::REVISION.as_bytes(),
            ])
        );
        Ok(InstallRequest {
            package: package.to_string(),
            rust_name: crate::env::rust_name(package),
            version_req: version_req.to_string(),
            features: features.to_vec(),
            hash,
            chain: Vec::new(),
        })
    }

    /// This request, linked against the loaded plugins `chain` (a plugin of its own:
    /// its hash names them).
    pub fn chained(mut self, chain: &[(String, std::path::PathBuf)]) -> Self {
        if chain.is_empty() {
            return self;
        }
        let paths: Vec<String> = chain.iter().map(|(_, p)| p.display().to_string()).collect();
        self.hash = format!(
            "{:016x}",
            fnv64(&[self.hash.as_bytes(), paths.join(",").as_bytes()])
        );
        self.chain = chain.to_vec();
        self
    }

    pub fn plugin_crate(&self) -> String {
        bindgen_kayton::emit::plugin_crate(&self.package)
    }
}

/// Shown the generated plugin crate before it is installed (`kik rinstall --review`): the
/// crate's directory and its `src/lib.rs`; `Ok(false)` cancels the install.
pub type Review<'a> = dyn FnMut(&Path, &str) -> Result<bool, String> + 'a;

/// Bad input quoted in a message: at most 40 characters of it, control characters
/// escaped, and its length when cut.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    let more = if cut.len() < s.len() {
        format!("… ({} bytes)", s.len())
    } else {
        String::new()
    };
    format!("`{}`{more}", cut.escape_debug())
}

/// What cargo reads as a version requirement: comparators of digits, letters (pre-release
/// and build parts), `.`, `*`, `^`, `~`, `=`, `<`, `>`, `,`, `-`, `+`, spaces.
fn valid_version_req(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && v.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '.' | '*' | '^' | '~' | '=' | '<' | '>' | ',' | '-' | '+' | ' '
                )
        })
}

fn valid_feature(f: &str) -> bool {
    !f.is_empty()
        && f.len() <= 100
        && f.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '+' | '.'))
}

fn mkdir(p: &Path) -> Result<(), String> {
    std::fs::create_dir_all(p).map_err(|e| format!("cannot create {}: {e}", p.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Whether cargo said there is no package of that name (as opposed to a failed build).
fn no_such_package(err: &str) -> bool {
    // cargo 1.95: "no matching package found / searched package name: `x`"; older
    // releases: "no matching package named `x` found".
    err.contains("no matching package")
}

/// The package cargo's "perhaps you meant" names, when it is `krate` in another case.
fn suggested(err: &str, krate: &str) -> Option<String> {
    let line = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("perhaps you meant:"))?;
    let name = line.trim();
    (name != krate && name.eq_ignore_ascii_case(krate) && valid_crate_name(name))
        .then(|| name.to_string())
}

impl Env {
    /// Install `krate` (`version_req` as cargo reads it, e.g. `=1.0.26` or `*`).
    /// Identical requests are cache hits; a failed install leaves the record untouched.
    pub fn install(
        &self,
        krate: &str,
        version_req: &str,
        features: &[String],
        progress: &mut dyn FnMut(&str),
    ) -> Result<Installed, String> {
        self.install_reviewed(krate, version_req, features, progress, &mut |_, _| Ok(true))
    }

    /// [`Env::install`] of a plugin linked against the loaded plugins `chain` (the
    /// libraries it shares with them come from theirs). Its record replaces the crate's.
    pub fn install_chained(
        &self,
        krate: &str,
        version_req: &str,
        features: &[String],
        chain: &[(String, std::path::PathBuf)],
        progress: &mut dyn FnMut(&str),
    ) -> Result<Installed, String> {
        self.install_spelled(
            krate,
            version_req,
            features,
            chain,
            progress,
            &mut |_, _| Ok(true),
        )
    }

    /// [`Env::install`], showing the generated plugin crate to `review` before installing it.
    /// A Rust name with `_` (`unicode_width`) that crates.io does not know is tried as the
    /// package spelled with `-` (`unicode-width`).
    pub fn install_reviewed(
        &self,
        krate: &str,
        version_req: &str,
        features: &[String],
        progress: &mut dyn FnMut(&str),
        review: &mut Review,
    ) -> Result<Installed, String> {
        self.install_spelled(krate, version_req, features, &[], progress, review)
    }

    /// The install of `krate` as cargo spells it: by its name, the package cargo suggests
    /// in another case, or the name with `-` for `_`.
    fn install_spelled(
        &self,
        krate: &str,
        version_req: &str,
        features: &[String],
        chain: &[(String, std::path::PathBuf)],
        progress: &mut dyn FnMut(&str),
        review: &mut Review,
    ) -> Result<Installed, String> {
        let mut install = |package: &str, progress: &mut dyn FnMut(&str)| {
            let req = InstallRequest::new(package, version_req, features)?.chained(chain);
            self.install_request(req, progress, review)
        };
        let first = install(krate, progress);
        // `rimport inflector`: cargo suggests the package whose library that is when the
        // names differ only in case (`Inflector`).
        let first = match first {
            Err(e) if no_such_package(&e) => match suggested(&e, krate) {
                Some(p) => {
                    progress(&format!("no package `{krate}` on crates.io; trying `{p}`"));
                    install(&p, progress)
                }
                None => Err(e),
            },
            other => other,
        };
        match first {
            Err(e) if no_such_package(&e) && krate.contains('_') => {
                let dashed = krate.replace('_', "-");
                progress(&format!(
                    "no package `{krate}` on crates.io; trying `{dashed}`"
                ));
                install(&dashed, progress).map_err(|e2| {
                    if no_such_package(&e2) {
                        format!("no crate named `{krate}` or `{dashed}` on crates.io")
                    } else {
                        e2
                    }
                })
            }
            Err(e) if no_such_package(&e) => Err(format!(
                "no crate named `{krate}` on crates.io{}",
                if krate.contains('-') {
                    format!(
                        " (Keyton spells it `{}` in `rimport`)",
                        crate::env::rust_name(krate)
                    )
                } else {
                    String::new()
                }
            )),
            other => other,
        }
    }

    fn install_request(
        &self,
        req: InstallRequest,
        progress: &mut dyn FnMut(&str),
        review: &mut Review,
    ) -> Result<Installed, String> {
        let tc = Toolchain::detect()?;
        self.ensure_created(&tc)?;
        self.check_toolchain(&tc)?;
        // One install at a time per environment (two sessions, or parallel tests, may
        // rimport the same crate at once); the loser of the race then finds a cache hit.
        let lock_path = self.dir.join("install.lock");
        let lock = std::fs::File::create(&lock_path)
            .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
        lock.lock()
            .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
        // By the package's Rust spelling, or (a library named otherwise: Inflector's is
        // `inflector`) by the package the record names.
        let hit = |i: &Installed| i.hash == req.hash && i.dylib.exists();
        if let Some(i) = self.installed(&req.rust_name).filter(hit) {
            return Ok(i);
        }
        if let Some(i) = self
            .list()
            .into_iter()
            .find(|i| i.package == req.package && hit(i))
        {
            return Ok(i);
        }
        self.build_plugin(&tc, &req, progress, review)
    }

    fn build_plugin(
        &self,
        tc: &Toolchain,
        req: &InstallRequest,
        progress: &mut dyn FnMut(&str),
        review: &mut Review,
    ) -> Result<Installed, String> {
        let rt = Runtime::ensure(tc)?;
        let out = self
            .dir
            .join("plugins")
            .join(&req.rust_name)
            .join(&req.hash);
        let preq = Request {
            krate: req.package.clone(),
            version_req: req.version_req.clone(),
            features: req.features.clone(),
            out: out.clone(),
            target: self.dir.join("target"),
            // One vendor directory per environment, shared by every install: a dependency
            // keeps one source path, so cargo never rebuilds it (with a new crate hash)
            // under a plugin that is already installed.
            vendor: self.dir.join("crates-src"),
            kayton: KaytonDeps::Prebuilt {
                api_dylib: rt.dylib.clone(),
                api_deps: rt.deps.clone(),
                rpath: vec![rt.dylib.parent().expect("a file").to_path_buf()],
                plugins: req.chain.clone(),
            },
            build: true,
            lockfile: None,
            cargo_home: Some(self.dir.join("cargo")),
            rustflags: Some(env_flags(tc)),
        };
        // Built inside `run`: some errors show only when code is generated, and each
        // drops its item and goes round again, like `cargo check`'s.
        let outcome = pipeline::run(&preq, progress)?;
        if !review(&outcome.dir, &outcome.lib_rs)? {
            return Err("install cancelled; the environment is unchanged".into());
        }
        let built = outcome
            .dylib
            .clone()
            .ok_or("bindgen built no plugin library (a bindgen bug)")?;
        let linked = outcome.linked.clone();

        // The shared target keeps one `libkayton_rplugin__<crate>` per crate; the install
        // keeps its own copy, so another install of the crate cannot replace it. (The
        // macro library it was expanded with is in the runtime's `deps`, where cells
        // resolve the plugin's dependencies.)
        let dll_dir = self.dir.join("dlls").join(&req.rust_name).join(&req.hash);
        mkdir(&dll_dir)?;
        let dylib = dll_dir.join(built.file_name().unwrap_or_default());
        copy(&built, &dylib)?;
        // What a session will read: refuse an install whose library carries no manifest.
        // Records and cells name the crate by its library (`inflector`).
        let lib = outcome.lib_name.clone();
        crate::embedded::read(&dylib, &lib)?.ok_or_else(|| {
            format!(
                "{} carries no manifest (a bindgen or macro bug)",
                dylib.display()
            )
        })?;
        progress(&format!(
            "bound {} of {} public functions and methods of {} {}",
            outcome.report.bound, outcome.report.found, req.package, outcome.version,
        ));

        let rec = Installed {
            krate: lib.clone(),
            package: req.package.clone(),
            version: outcome.version.clone(),
            features: req.features.clone(),
            hash: req.hash.clone(),
            plugin_crate: req.plugin_crate(),
            deps: self.dir.join("target/debug/deps"),
            dylib,
            source: self
                .dir
                .join("crates-src")
                .join(format!("{}-{}", req.package, outcome.version)),
            plugin_dir: outcome.dir.clone(),
            coverage: outcome.dir.join("coverage.txt"),
            bound: outcome.report.bound,
            found: outcome.report.found,
            bindgen: bindgen_kayton::REVISION.to_string(),
            linked,
            phases_ms: outcome.phases_ms,
            chain: req.chain.iter().map(|(_, p)| p.clone()).collect(),
        };
        // Atomic: the record appears whole, only once everything it names exists.
        let tmp = self.record(&lib).with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_string_pretty(&rec).expect("records serialize"),
        )
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, self.record(&lib))
            .map_err(|e| format!("cannot record the install: {e}"))?;
        Ok(rec)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_package_in_another_case_is_what_cargo_suggests() {
        let err = "error: no matching package found\nsearched package name: `inflector`\nperhaps you meant:      Inflector\nlocation searched: crates.io index";
        assert_eq!(
            super::suggested(err, "inflector").as_deref(),
            Some("Inflector")
        );
        assert_eq!(super::suggested(err, "Inflector"), None);
        assert_eq!(
            super::suggested("perhaps you meant: serde", "inflector"),
            None
        );
    }

    /// Names, versions and features that could reach a path, a shell or cargo's own
    /// syntax are refused before anything is written, each with a message naming it.
    #[test]
    fn bad_input_is_refused_with_a_message() {
        use super::InstallRequest;
        let long = "a".repeat(10_000);
        let feats = |f: &str| vec![f.to_string()];
        for (krate, version, features, says) in [
            ("../evil", "*", vec![], "not a valid crate name"),
            ("a/b", "*", vec![], "not a valid crate name"),
            ("x;rm -rf ~", "*", vec![], "not a valid crate name"),
            ("nul\0", "*", vec![], "not a valid crate name"),
            (long.as_str(), "*", vec![], "(10000 bytes)"),
            ("serde", "../1", vec![], "not a version requirement"),
            ("serde", "1; echo hi", vec![], "not a version requirement"),
            ("serde", "$(id)", vec![], "not a version requirement"),
            (
                "serde",
                "1",
                feats("derive\n--locked"),
                "not a valid feature name",
            ),
            ("serde", "1", feats(&long), "not a valid feature name"),
        ] {
            let e = InstallRequest::new(krate, version, &features)
                .err()
                .unwrap_or_default();
            assert!(e.contains(says), "{krate:?} {version:?} {features:?}: {e}");
            assert!(e.len() < 200, "the message quotes all of the input: {e}");
        }
        assert!(InstallRequest::new("unicode-width", "=0.2.0", &feats("std")).is_ok());
        assert!(InstallRequest::new("regex", ">=1.5, <2", &feats("serde/std")).is_ok());
    }
}
