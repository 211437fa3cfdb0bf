//! Environments: `$KAYTON_HOME/envs/<name>` (the active one is `$KAYTON_ENV`, else
//! `default`, created on first use). `install` makes a crate from crates.io rimportable:
//! a generated `kayton_rplugin__<crate>` that re-exports it, built as a dylib in the
//! environment's shared target; its manifest comes from the crate's rustdoc JSON.
use crate::builder::ExternLib;
use crate::runtime::kayton_home;
use crate::toolchain::Toolchain;
use keyton_compiler::Manifest;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

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
    /// The vendored sources of the crate (`crates-src/<crate>-<version>`; its dependencies
    /// are beside it).
    #[serde(default)]
    pub source: PathBuf,
    /// How long each step of the install took, in milliseconds (for `keyton bench`).
    #[serde(default)]
    pub phases_ms: Vec<(String, u64)>,
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

pub(crate) fn valid_crate_name(n: &str) -> bool {
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

    /// Remove an installed crate: its record, plugin crate and dylib (its vendored sources
    /// and its build stay cached for a later install).
    pub fn uninstall(&self, krate: &str) -> Result<Installed, String> {
        let rec = self
            .installed(krate)
            .ok_or_else(|| format!("`{krate}` is not installed in environment `{}`", self.name))?;
        std::fs::remove_file(self.record(krate))
            .map_err(|e| format!("cannot remove the record: {e}"))?;
        let _ = std::fs::remove_dir_all(self.dir.join("plugins").join(krate));
        let _ = std::fs::remove_dir_all(self.dir.join("dlls").join(krate));
        Ok(rec)
    }

    pub(crate) fn record(&self, krate: &str) -> PathBuf {
        self.dir.join("installed").join(format!("{krate}.json"))
    }

    pub fn installed(&self, krate: &str) -> Option<Installed> {
        let text = std::fs::read_to_string(self.record(krate)).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub(crate) fn ensure_created(&self, tc: &Toolchain) -> Result<(), String> {
        let toml = self.dir.join("env.toml");
        if toml.exists() {
            return Ok(());
        }
        for sub in [
            "installed",
            "bin",
            "toolchain",
            "cargo",
            "crates-src",
            "plugins",
            "dlls",
        ] {
            std::fs::create_dir_all(self.dir.join(sub))
                .map_err(|e| format!("cannot create {}: {e}", self.dir.join(sub).display()))?;
        }
        let marker = self.dir.join("toolchain/rustc-vV.txt");
        std::fs::write(&marker, &tc.version_verbose)
            .map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
        // The env's own cargo home keeps its downloads apart; the user's cargo settings
        // (mirrors, proxies) still apply.
        let user_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        if let Some(cfg) = user_home
            .map(|h| h.join("config.toml"))
            .filter(|c| c.is_file())
        {
            let _ = std::fs::copy(cfg, self.dir.join("cargo/config.toml"));
        }
        let created = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let text = format!(
            "name = {:?}\ntarget = {:?}\nkeyton = {:?}\nrustc = {:?}\ncreated = {created} # seconds since 1970-01-01 UTC\n",
            self.name,
            kayton_api::FINGERPRINT_PARTS.1,
            env!("CARGO_PKG_VERSION"),
            tc.version_verbose
        );
        // env.toml is what makes the directory an environment: written last.
        std::fs::write(toml, text).map_err(|e| format!("cannot write env.toml: {e}"))
    }
}
