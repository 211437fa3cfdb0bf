//! The manifest a `kayton-macros` plugin carries inside its library file: fragments in
//! exported `KAYTON_META__…` statics and the build fingerprint in `KAYTON_FINGERPRINT`,
//! read from the ELF dynamic symbol table without loading or running the library.
use kayton_manifest::assemble::{assemble, registrars};
use kayton_manifest::fragment::{Fragment, META_SYMBOL_PREFIX};
use kayton_manifest::Manifest;
use object::{Object, ObjectSection, ObjectSymbol};
use std::path::Path;

/// What the library says about itself.
pub struct Embedded {
    pub manifest: Manifest,
    /// Registrar symbols, in the order the host calls them (kinds first).
    pub registrars: Vec<String>,
}

/// The embedded manifest of `lib` (crate `krate`), `None` if it carries none.
pub fn read(lib: &Path, krate: &str) -> Result<Option<Embedded>, String> {
    let data = std::fs::read(lib).map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
    read_bytes(&data, &lib.display().to_string(), krate)
}

/// [`read`] of a library's bytes (`what` names it in messages): any bytes give a
/// manifest, `None` or an error, never a panic (fuzzed: `fuzz/fuzz_targets/manifest.rs`).
pub fn read_bytes(data: &[u8], what: &str, krate: &str) -> Result<Option<Embedded>, String> {
    let file = object::File::parse(data)
        .map_err(|e| format!("{what}: not a library this host can read: {e}"))?;
    let mut fragments = Vec::new();
    let mut fingerprint = String::new();
    for sym in file.dynamic_symbols() {
        let Ok(name) = sym.name() else { continue };
        let is_meta = name.starts_with(META_SYMBOL_PREFIX);
        if !is_meta && name != kayton_manifest::symbols::FINGERPRINT_STATIC {
            continue;
        }
        let bytes = symbol_bytes(&file, &sym)
            .ok_or_else(|| format!("{}: cannot read the data of `{name}`", what))?;
        let text =
            std::str::from_utf8(bytes).map_err(|_| format!("{}: `{name}` is not UTF-8", what))?;
        if is_meta {
            let f: Fragment = serde_json::from_str(text).map_err(|e| {
                format!(
                    "{}: manifest fragment `{name}` does not parse ({e}): rebuild the plugin",
                    what
                )
            })?;
            fragments.push((name.to_string(), f));
        } else {
            fingerprint = text.to_string();
        }
    }
    if fragments.is_empty() {
        return Ok(None);
    }
    // Symbol-table order is the linker's: sort for a deterministic manifest.
    fragments.sort_by(|a, b| a.0.cmp(&b.0));
    let fragments: Vec<Fragment> = fragments.into_iter().map(|(_, f)| f).collect();
    let manifest =
        assemble(krate, &fragments, &fingerprint).map_err(|e| format!("{}: {e}", what))?;
    Ok(Some(Embedded {
        manifest,
        registrars: registrars(&fragments),
    }))
}

fn symbol_bytes<'d>(file: &object::File<'d>, sym: &object::Symbol<'d, '_>) -> Option<&'d [u8]> {
    let section = file.section_by_index(sym.section_index()?).ok()?;
    section.data_range(sym.address(), sym.size()).ok()?
}

#[cfg(test)]
mod tests {
    /// The names the writers use are the ones the executor looks up.
    #[test]
    fn symbol_names_agree_with_the_abi() {
        use kayton_manifest::symbols as s;
        assert_eq!(s::SYM_ABI_VERSION, kayton_api::SYM_ABI_VERSION);
        assert_eq!(s::SYM_FINGERPRINT, kayton_api::SYM_FINGERPRINT);
        assert_eq!(s::SYM_CELL_MAIN, kayton_api::SYM_CELL_MAIN);
        assert_eq!(s::SYM_PLUGIN_REGISTER, kayton_api::SYM_PLUGIN_REGISTER);
    }

    /// `kayton::serde_bridge!()` declares what bindgen instantiates for and the
    /// compiler recognizes (`__kayton_serde::Serde`).
    #[test]
    fn the_serde_bridge_declares_the_names_bindgen_and_the_compiler_use() {
        use kayton_manifest::symbols as s;
        let src = include_str!("../../../kayton_api/src/rt/serde_bridge.rs");
        let (module, ty) = s::SERDE_DATA.split_once("::").unwrap();
        assert_eq!(module, s::SERDE_BRIDGE);
        assert!(src.contains(&format!("pub mod {module} {{")), "{src}");
        assert!(
            src.contains(&format!("pub struct {ty}(pub Data);")),
            "{src}"
        );
        assert!(s::is_serde_data("serde_json::__kayton_serde::Serde"));
        assert!(s::is_serde_data(s::SERDE_DATA));
        assert!(!s::is_serde_data("serde_json::Serde"));
        assert!(!s::is_serde_data("my__kayton_serde::Serde"));
    }
}
