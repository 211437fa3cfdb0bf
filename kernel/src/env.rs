//! Environments: `$KAYTON_HOME/envs/<name>` (the active one is `$KAYTON_ENV`, else
//! `default`, created on first use). `install` makes a crate from crates.io rimportable:
//! a generated `kayton_rplugin__<crate>` that re-exports it, built as a dylib in the
//! environment's shared target; its manifest comes from the crate's rustdoc JSON.
use crate::builder::ExternLib;
use crate::cargo_run::{cargo, dep_spec, rustdoc_json};
use crate::runtime::kayton_home;
use crate::toolchain::{fnv64, Toolchain};
use keyton_compiler::Manifest;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub struct Env {
    pub name: String,
    pub dir: PathBuf,
}

/// What an install left: enough to load the plugin without building anything.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Installed {
    pub krate: String,
    pub version: String,
    pub features: Vec<String>,
    pub hash: String,
    pub plugin_crate: String,
    pub dylib: PathBuf,
    pub deps: PathBuf,
    pub manifest: PathBuf,
}

impl Installed {
    pub fn extern_lib(&self) -> ExternLib {
        ExternLib {
            name: self.plugin_crate.clone(),
            dylib: self.dylib.clone(),
            deps: self.deps.clone(),
        }
    }
    pub fn load_manifest(&self) -> Result<Manifest, String> {
        let text = std::fs::read_to_string(&self.manifest)
            .map_err(|e| format!("cannot read {}: {e}", self.manifest.display()))?;
        Manifest::from_json(&text, &self.manifest.display().to_string())
    }
}

fn valid_crate_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Env {
    pub fn active() -> Env {
        Env::named(&std::env::var("KAYTON_ENV").unwrap_or_else(|_| "default".into()))
    }

    pub fn named(name: &str) -> Env {
        Env {
            name: name.to_string(),
            dir: kayton_home().join("envs").join(name),
        }
    }

    /// Every environment under `$KAYTON_HOME/envs`, sorted.
    pub fn all() -> Vec<Env> {
        let mut v: Vec<Env> = std::fs::read_dir(kayton_home().join("envs"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().join("env.toml").is_file())
            .map(|e| Env::named(&e.file_name().to_string_lossy()))
            .collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }

    pub fn exists(&self) -> bool {
        self.dir.join("env.toml").is_file()
    }

    /// Create the environment (an error if it exists).
    pub fn create(&self) -> Result<(), String> {
        if !valid_crate_name(&self.name) {
            return Err(format!(
                "`{}` is not a valid environment name (letters, digits, `-`, `_`)",
                self.name
            ));
        }
        if self.exists() {
            return Err(format!(
                "environment `{}` already exists at {}",
                self.name,
                self.dir.display()
            ));
        }
        self.ensure_created(&Toolchain::detect()?)
    }

    /// Refuse an environment made by another rustc: its plugins cannot load here.
    pub fn check_toolchain(&self, tc: &Toolchain) -> Result<(), String> {
        let Ok(text) = std::fs::read_to_string(self.dir.join("env.toml")) else {
            return Ok(());
        };
        let recorded = text
            .lines()
            .find_map(|l| l.strip_prefix("rustc = "))
            .map(|v| v.trim().trim_matches('"').to_string());
        match recorded {
            Some(r) if r != tc.version_verbose => Err(format!(
                "environment `{}` was made with another rustc\n  env.toml: {r}\n  now:      {}\n\
                 help: its plugins cannot load in this session; make a new one (`kik create <name>`) or remove {} and rimport again",
                self.name,
                tc.version_verbose,
                self.dir.display()
            )),
            _ => Ok(()),
        }
    }

    /// Installed crates, sorted by name.
    pub fn list(&self) -> Vec<Installed> {
        let mut v: Vec<Installed> = std::fs::read_dir(self.dir.join("installed"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).ok()?).ok())
            .collect();
        v.sort_by(|a: &Installed, b| a.krate.cmp(&b.krate));
        v
    }

    /// Remove an installed crate (its record; its build stays cached in the target).
    pub fn uninstall(&self, krate: &str) -> Result<Installed, String> {
        let rec = self
            .installed(krate)
            .ok_or_else(|| format!("`{krate}` is not installed in environment `{}`", self.name))?;
        std::fs::remove_file(self.record(krate))
            .map_err(|e| format!("cannot remove the record: {e}"))?;
        let _ = std::fs::remove_dir_all(self.dir.join("plugins").join(krate));
        Ok(rec)
    }

    fn record(&self, krate: &str) -> PathBuf {
        self.dir.join("installed").join(format!("{krate}.json"))
    }

    pub fn installed(&self, krate: &str) -> Option<Installed> {
        let text = std::fs::read_to_string(self.record(krate)).ok()?;
        serde_json::from_str(&text).ok()
    }

    fn ensure_created(&self, tc: &Toolchain) -> Result<(), String> {
        let toml = self.dir.join("env.toml");
        if toml.exists() {
            return Ok(());
        }
        std::fs::create_dir_all(self.dir.join("installed"))
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        let text = format!(
            "name = {:?}\ntarget = {:?}\nkeyton = {:?}\nrustc = {:?}\n",
            self.name,
            kayton_api::FINGERPRINT_PARTS.1,
            env!("CARGO_PKG_VERSION"),
            tc.version_verbose
        );
        std::fs::write(toml, text).map_err(|e| format!("cannot write env.toml: {e}"))
    }

    /// Install `krate` (`version_req` as cargo reads it, e.g. `=1.0.26` or `*`).
    /// Identical requests are cache hits; a failed install leaves the record untouched.
    pub fn install(
        &self,
        krate: &str,
        version_req: &str,
        features: &[String],
        progress: &mut dyn FnMut(&str),
    ) -> Result<Installed, String> {
        if !valid_crate_name(krate) {
            return Err(format!("`{krate}` is not a valid crate name"));
        }
        let tc = Toolchain::detect()?;
        self.ensure_created(&tc)?;
        self.check_toolchain(&tc)?;
        let fp = kayton_api::fingerprint();
        let feats = features.join(",");
        let hash = format!(
            "{:016x}",
            fnv64(&[
                krate.as_bytes(),
                version_req.as_bytes(),
                feats.as_bytes(),
                fp.as_bytes(),
                &bindgen_kayton::REVISION.to_le_bytes(),
            ])
        );
        // One install at a time per environment (two sessions, or parallel tests, may
        // rimport the same crate at once); the loser of the race then finds a cache hit.
        let lock_path = self.dir.join("install.lock");
        let lock = std::fs::File::create(&lock_path)
            .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
        lock.lock()
            .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
        if let Some(i) = self
            .installed(krate)
            .filter(|i| i.hash == hash && i.dylib.exists())
        {
            return Ok(i);
        }
        let rname = krate.replace('-', "_");
        let plugin_crate = format!("kayton_rplugin__{rname}");
        let dir = self.dir.join("plugins").join(krate).join(&hash);
        let target = self.dir.join("target");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let fq: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
        let cargo_toml = format!(
            "[package]\nname = {plugin_crate:?}\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[lib]\ncrate-type = [\"dylib\"]\npath = \"lib.rs\"\n\n\
             [dependencies]\n{krate} = {{ version = {version_req:?}, features = [{}] }}\n\n\
             # opt-level 0 like cells: rustc then shares generic instantiations across them.\n[profile.dev]\nopt-level = 0\ndebug = 0\n\n[workspace]\n",
            fq.join(", ")
        );
        let lib_rs = format!(
            "//! Generated by keyton: re-exports `{krate}` so that cells can call it through the Rust ABI.\n\
             pub use {rname}::*;\n\n#[no_mangle]\npub extern \"C\" fn kayton_abi_version() -> u32 {{\n    {}\n}}\n\n\
             #[repr(C)]\npub struct KStr {{\n    ptr: *const u8,\n    len: usize,\n}}\n\n\
             #[no_mangle]\npub extern \"C\" fn kayton_build_fingerprint() -> KStr {{\n    const FP: &str = {fp:?};\n    KStr {{ ptr: FP.as_ptr(), len: FP.len() }}\n}}\n",
            kayton_api::ABI_VERSION
        );
        let write = |p: &Path, t: &str| {
            std::fs::write(p, t).map_err(|e| format!("cannot write {}: {e}", p.display()))
        };
        write(&dir.join("Cargo.toml"), &cargo_toml)?;
        write(&dir.join("lib.rs"), &lib_rs)?;
        progress(&format!(
            "building {krate} {version_req} (plugin {plugin_crate})"
        ));
        let build = cargo(
            &tc,
            &dir,
            &target,
            &["build", "--lib", "--message-format=json-render-diagnostics"],
        )?;
        let dylib = build
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| {
                v["reason"] == "compiler-artifact" && v["target"]["name"] == plugin_crate.as_str()
            })
            .flat_map(|v| v["filenames"].as_array().cloned().unwrap_or_default())
            .filter_map(|f| f.as_str().map(PathBuf::from))
            .find(|p| {
                p.extension()
                    .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
            })
            .ok_or_else(|| format!("cargo built no dylib for {plugin_crate}"))?;
        progress(&format!("reading {krate}'s public API (rustdoc JSON)"));
        let doc = rustdoc_json(&tc, &dir, &target, krate, &rname)?;
        let version = doc
            .crate_version
            .clone()
            .unwrap_or_else(|| version_req.trim_start_matches('=').to_string());
        // Types the crate re-exports from its dependencies (`reqwest::StatusCode`) are
        // bound from those crates' own JSON; one that cannot be read is only skipped.
        let mut deps = Vec::new();
        for dep in bindgen_kayton::reexported_crates(&doc, &rname) {
            match dep_spec(&dir, krate, &dep)
                .and_then(|spec| rustdoc_json(&tc, &dir, &target, &spec, &dep))
            {
                Ok(d) => deps.push(d),
                Err(e) => progress(&format!("note: {dep}'s items stay unbound: {e}")),
            }
        }
        let (mut manifest, cov) = bindgen_kayton::manifest_with_deps(&doc, &deps, &rname, &version);
        manifest.features = features.to_vec();
        manifest.fingerprint = fp.to_string();
        manifest.plugin_crate = Some(plugin_crate.clone());
        let skipped: usize = cov.skipped.values().sum();
        progress(&format!(
            "bound {} functions and methods of {krate} {version}, skipped {skipped}",
            cov.bound
        ));
        let man_path = dir.join(format!("{rname}.manifest.json"));
        write(
            &man_path,
            &serde_json::to_string_pretty(&manifest).expect("manifests serialize"),
        )?;
        let rec = Installed {
            krate: krate.to_string(),
            version,
            features: features.to_vec(),
            hash,
            plugin_crate,
            deps: dylib
                .parent()
                .map(|p| p.join("deps"))
                .filter(|p| p.is_dir())
                .unwrap_or_else(|| target.join("debug/deps")),
            dylib,
            manifest: man_path,
        };
        // Atomic: the record appears whole, only once everything it names exists.
        let tmp = self.record(krate).with_extension("json.tmp");
        write(
            &tmp,
            &serde_json::to_string_pretty(&rec).expect("records serialize"),
        )?;
        std::fs::rename(&tmp, self.record(krate))
            .map_err(|e| format!("cannot record the install: {e}"))?;
        Ok(rec)
    }
}
