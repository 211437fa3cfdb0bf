//! Plugins found on disk: a directory of `KEYTON_PLUGIN_PATH` holds, per crate,
//! `lib<crate>.so` and `<crate>.manifest.json`. `keyton plugin-build` makes them from a
//! single-file crate; environments (`kik`) will install them from crates.io.
use crate::builder::ExternLib;
use crate::runtime::{dylib_name, Runtime};
use crate::toolchain::Toolchain;
use keyton_compiler::Manifest;
use std::path::{Path, PathBuf};

/// A plugin ready to load: its library and its manifest.
pub struct Plugin {
    pub lib: ExternLib,
    pub manifest: Manifest,
}

/// Look for `krate` in the directories of `KEYTON_PLUGIN_PATH`.
/// The plugin for `krate`: from `KEYTON_PLUGIN_PATH`, else the active environment,
/// else (unless `KEYTON_NO_AUTO_INSTALL` is set) installed now from crates.io.
pub fn find_or_install(
    krate: &str,
    version_req: &str,
    features: &[String],
    progress: &mut dyn FnMut(&str),
) -> Result<Option<Plugin>, String> {
    if let Some(p) = find(krate)? {
        return Ok(Some(p));
    }
    let env = crate::env::Env::active();
    env.check_toolchain(&crate::toolchain::Toolchain::detect()?)?;
    // An install is reused only for the wanted version and this keyton's fingerprint; a
    // plugin built against another kayton_api would be refused at load, so rebuild it.
    let reusable = env.installed(krate).and_then(|i| {
        let version_ok = version_req == "*" || version_req.trim_start_matches('=') == i.version;
        let manifest = i.load_manifest().ok()?;
        (version_ok && manifest.fingerprint == kayton_api::fingerprint()).then_some((i, manifest))
    });
    let (installed, manifest) = match reusable {
        Some(found) => found,
        None if std::env::var_os("KEYTON_NO_AUTO_INSTALL").is_some() => {
            return Err(format!(
                "crate `{krate}` is not installed for this keyton in environment `{}` and auto-install is off \
                 (KEYTON_NO_AUTO_INSTALL): run `kik rinstall {krate}`",
                env.name
            ));
        }
        None => {
            let i = env.install(krate, version_req, features, progress)?;
            let m = i.load_manifest()?;
            (i, m)
        }
    };
    Ok(Some(Plugin {
        lib: installed.extern_lib(),
        manifest,
    }))
}

pub fn find(krate: &str) -> Result<Option<Plugin>, String> {
    let Some(path) = std::env::var_os("KEYTON_PLUGIN_PATH") else {
        return Ok(None);
    };
    for dir in std::env::split_paths(&path) {
        let man = dir.join(format!("{krate}.manifest.json"));
        let lib = dir.join(dylib_name(krate));
        if man.is_file() && lib.is_file() {
            let text = std::fs::read_to_string(&man)
                .map_err(|e| format!("cannot read {}: {e}", man.display()))?;
            let manifest = Manifest::from_json(&text, &man.display().to_string())?;
            if manifest.krate != krate {
                return Err(format!(
                    "{} describes crate `{}`, not `{krate}`",
                    man.display(),
                    manifest.krate
                ));
            }
            return Ok(Some(Plugin {
                lib: ExternLib {
                    name: krate.into(),
                    dylib: lib,
                    deps: dir.clone(),
                },
                manifest,
            }));
        }
    }
    Ok(None)
}

/// Build a single-file plugin crate against the cell runtime (same toolchain, same
/// `kayton_api` dylib, opt-level 0) and put it with its manifest into `out`.
pub fn build(src: &Path, name: &str, manifest: &Path, out: &Path) -> Result<PathBuf, String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a valid crate name (letters, digits, `_`)"
        ));
    }
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let mut m = Manifest::from_json(&text, &manifest.display().to_string())?;
    if m.krate != name {
        return Err(format!(
            "{} describes crate `{}`, not `{name}`",
            manifest.display(),
            m.krate
        ));
    }
    let tc = Toolchain::detect()?;
    let rt = Runtime::ensure(&tc)?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let lib = out.join(dylib_name(name));
    let o = crate::builder::rustc_dylib(&tc, &rt, name, &[])
        .arg("-o")
        .arg(&lib)
        .arg(src)
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "building plugin `{name}` from {} failed:\n{}",
            src.display(),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    m.fingerprint = kayton_api::fingerprint().to_string();
    let json = serde_json::to_string_pretty(&m).expect("manifests serialize");
    std::fs::write(out.join(format!("{name}.manifest.json")), json)
        .map_err(|e| format!("cannot write the manifest: {e}"))?;
    Ok(lib)
}
