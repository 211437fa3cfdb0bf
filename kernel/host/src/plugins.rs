//! Plugins found on disk: a directory of `KAYTON_PLUGIN_PATH` holds, per crate,
//! `lib<crate>.so` and `<crate>.manifest.json`. `keyton plugin-build` makes them from a
//! single-file crate; environments (`kik`) will install them from crates.io.
use crate::builder::ExternLib;
use crate::runtime::{dylib_name, Runtime};
use crate::toolchain::Toolchain;
use keyton_compiler::Manifest;
use std::path::{Path, PathBuf};

/// A plugin ready to load: its library, its manifest and the registrars to call.
pub struct Plugin {
    pub lib: ExternLib,
    pub manifest: Manifest,
    pub registrars: Vec<String>,
    /// The libraries linked into it (empty for a local plugin: not known).
    pub linked: Vec<String>,
    /// The crate's vendored source (an installed plugin; `None` for a local one).
    pub source: Option<PathBuf>,
}

/// The plugin for `krate`: from `KAYTON_PLUGIN_PATH`, else the active environment,
/// else (unless `KAYTON_NO_AUTO_INSTALL` is set) installed now from crates.io. Either
/// way its manifest is the one embedded in the library.
pub fn find_or_install(
    krate: &str,
    version_req: &str,
    features: &[String],
    progress: &mut dyn FnMut(&str),
) -> Result<Option<Plugin>, String> {
    find_or_install_chained(krate, version_req, features, &[], progress)
}

/// [`find_or_install`], the plugin linked against the loaded plugins `chain` (plugin
/// crate, dylib), whose libraries it then does not contain again.
pub fn find_or_install_chained(
    krate: &str,
    version_req: &str,
    features: &[String],
    chain: &[(String, std::path::PathBuf)],
    progress: &mut dyn FnMut(&str),
) -> Result<Option<Plugin>, String> {
    if let Some(p) = find(krate)? {
        return Ok(Some(p));
    }
    let env = crate::env::Env::active();
    env.check_toolchain(&crate::toolchain::Toolchain::detect()?)?;
    // An install is reused only for the wanted version, this keyton's fingerprint and
    // this bindgen: a plugin built against another kayton_api would be refused at load,
    // and one an older bindgen generated binds less or differently.
    let mut why_not = None;
    let previous = env.installed(krate);
    let reusable = previous.clone().and_then(|i| {
        let version_ok = version_req == "*" || version_req.trim_start_matches('=') == i.version;
        if let Some(why) = i.stale() {
            why_not = Some(why);
            return None;
        }
        let chain_ok =
            i.chain.len() == chain.len() && chain.iter().all(|(_, p)| i.chain.contains(p));
        let e = i.load().ok()?;
        (version_ok && chain_ok && e.manifest.fingerprint == kayton_api::fingerprint())
            .then_some((i, e))
    });
    let (installed, embedded) = match reusable {
        Some(found) => found,
        None if auto_install_off() => {
            return Err(format!(
                "crate `{krate}` is not installed for this keyton in environment `{}`{} and auto-install is off \
                 (KAYTON_NO_AUTO_INSTALL): run `kik rinstall {krate}`",
                env.name,
                why_not.map(|w| format!(" ({w})")).unwrap_or_default()
            ));
        }
        None => {
            if let Some(why) = why_not {
                progress(&format!("rebuilding {krate}: {why}"));
            }
            let (version_req, features) = match &previous {
                Some(p) => p.rebuild_request(version_req, features),
                None => (version_req.to_string(), features.to_vec()),
            };
            let i = env.install_chained(krate, &version_req, &features, chain, progress)?;
            let e = i.load()?;
            (i, e)
        }
    };
    Ok(Some(Plugin {
        lib: installed.extern_lib(),
        manifest: embedded.manifest,
        registrars: embedded.registrars,
        linked: installed.linked,
        source: Some(installed.source),
    }))
}

/// The chain (dylibs), version and features of the active environment's plugin of
/// `krate`, when it was built linked against other plugins.
pub fn installed_chain(krate: &str) -> Option<(Vec<std::path::PathBuf>, String, Vec<String>)> {
    let i = crate::env::Env::active().installed(krate)?;
    (!i.chain.is_empty()).then_some((i.chain, i.version, i.features))
}

/// `KAYTON_NO_AUTO_INSTALL`: sessions do not install crates on first rimport.
pub fn auto_install_off() -> bool {
    crate::vars::is_set("KAYTON_NO_AUTO_INSTALL")
}

/// A plugin directory holds `lib<crate>.so`, with its manifest embedded (built with
/// `kayton-macros`) or beside it as `<crate>.manifest.json` (hand-written).
pub fn find(krate: &str) -> Result<Option<Plugin>, String> {
    let Some(path) = crate::vars::var_os("KAYTON_PLUGIN_PATH") else {
        return Ok(None);
    };
    for dir in std::env::split_paths(&path) {
        let lib = dir.join(dylib_name(krate));
        if !lib.is_file() {
            continue;
        }
        let extern_lib = ExternLib {
            name: krate.into(),
            dylib: lib.clone(),
            deps: vec![dir.clone()],
        };
        if let Some(e) = crate::embedded::read(&lib, krate)? {
            return Ok(Some(Plugin {
                lib: extern_lib,
                manifest: e.manifest,
                registrars: e.registrars,
                linked: Vec::new(),
                source: None,
            }));
        }
        let man = dir.join(format!("{krate}.manifest.json"));
        if man.is_file() {
            let manifest = read_manifest_file(&man, krate)?;
            return Ok(Some(Plugin {
                lib: extern_lib,
                manifest,
                registrars: Vec::new(),
                linked: Vec::new(),
                source: None,
            }));
        }
        return Err(format!(
            "{} has no manifest: it carries none (build it with kayton-macros and `kayton::plugin!()`) \
             and there is no {}",
            lib.display(),
            man.display()
        ));
    }
    Ok(None)
}

/// A hand-written manifest file, which must describe `krate`.
fn read_manifest_file(path: &Path, krate: &str) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let m = Manifest::from_json(&text, &path.display().to_string())?;
    if m.krate != krate {
        return Err(format!(
            "{} describes crate `{}`, not `{krate}`",
            path.display(),
            m.krate
        ));
    }
    Ok(m)
}

pub use kayton_env::runtime::macros_lib;

/// Build a single-file plugin crate against the cell runtime (same toolchain, same
/// `kayton_api` dylib, `kayton` = that same crate, with its macros) into `out`. Its manifest is
/// the one the macros embedded, or (for a plugin without them) the hand-written
/// `manifest`, written beside the library.
pub fn build(
    src: &Path,
    name: &str,
    manifest: Option<&Path>,
    out: &Path,
) -> Result<PathBuf, String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a valid crate name (letters, digits, `_`)"
        ));
    }
    let hand_written = manifest.map(|m| read_manifest_file(m, name)).transpose()?;
    // The runtime re-exports the macros only when it was built with them.
    macros_lib()?;
    let tc = Toolchain::detect()?;
    let rt = Runtime::ensure(&tc)?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let lib = out.join(dylib_name(name));
    let o = crate::builder::rustc_dylib(&tc, &rt, name, &[])
        // `kayton` is `kayton_api` (re-exporting the macros), as in cells.
        .arg("--extern")
        .arg(format!("kayton={}", rt.dylib.display()))
        // Built once, called often: optimized (cells stay at opt-level 0; they
        // instantiate what an optimized upstream does not share).
        .args(["-C", "opt-level=2"])
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
    // (A cell resolves the plugin's dependencies, the macro crate included, in the
    // runtime's `deps`: the runtime was built with the same macro library.)
    let sidecar = out.join(format!("{name}.manifest.json"));
    let _ = std::fs::remove_file(&sidecar);
    match (crate::embedded::read(&lib, name)?, hand_written) {
        (Some(_), None) => {}
        (Some(_), Some(_)) => {
            return Err(format!(
                "{} embeds its manifest (kayton-macros): drop --manifest",
                src.display()
            ))
        }
        (None, Some(mut m)) => {
            m.fingerprint = kayton_api::fingerprint().to_string();
            let json = serde_json::to_string_pretty(&m).expect("manifests serialize");
            std::fs::write(&sidecar, json)
                .map_err(|e| format!("cannot write the manifest: {e}"))?;
        }
        (None, None) => {
            return Err(format!(
                "{} exports nothing to Keyton: annotate items with #[kayton::export] and add `kayton::plugin!();`, \
                 or pass a hand-written --manifest",
                src.display()
            ))
        }
    }
    Ok(lib)
}
