//! The symbols every Keyton artifact exports, named once for what writes them: the
//! compiler into cells, the macros into plugins, and the host that reads the manifest
//! statics. The executor looks them up by `kayton_api`'s `SYM_*` constants, which must be
//! these (`kernel/env`'s tests check it: `kayton_api` is a dylib crate, which a proc
//! macro's dependency cannot be).
/// `extern "C" fn() -> u32`: the artifact's ABI version.
pub const SYM_ABI_VERSION: &str = "kayton_abi_version";
/// `extern "C" fn() -> KStr`: the artifact's build fingerprint.
pub const SYM_FINGERPRINT: &str = "kayton_build_fingerprint";
/// A cell's entry point.
pub const SYM_CELL_MAIN: &str = "kayton_cell_main";
/// A plugin's optional registration entry point.
pub const SYM_PLUGIN_REGISTER: &str = "kayton_plugin_register";

/// The exported static holding a plugin's build fingerprint as bytes (read from the
/// library file without loading it).
pub const FINGERPRINT_STATIC: &str = "KAYTON_FINGERPRINT";
pub use crate::fragment::META_SYMBOL_PREFIX;

/// The module `kayton::serde_bridge!()` declares in a plugin (the macro, in `kayton_api`,
/// must write this name: a plugin's test checks it).
pub const SERDE_BRIDGE: &str = "__kayton_serde";
/// Its type: a Keyton value as data, which implements serde's traits. bindgen
/// instantiates functions bounded by them for it (as `crate::__kayton_serde::Serde`); the
/// compiler passes any data-shaped value for it and reads a result as the type wanted.
pub const SERDE_DATA: &str = "__kayton_serde::Serde";

/// Whether `path` (as a manifest writes it, `serde_json::__kayton_serde::Serde`) is a
/// plugin's serde bridge type.
pub fn is_serde_data(path: &str) -> bool {
    path == SERDE_DATA || path.ends_with(&format!("::{SERDE_DATA}"))
}

/// Rust source of the ABI version and fingerprint entry points, written over `api`, the
/// path that names `kayton_api` in the crate (`kayton` in cells, `::kayton_api` in
/// plugins), returning `fingerprint` (an expression of type `&'static str`).
pub fn abi_exports(api: &str, fingerprint: &str) -> String {
    format!(
        "#[no_mangle]\npub extern \"C\" fn {SYM_ABI_VERSION}() -> u32 {{\n    {api}::ABI_VERSION\n}}\n\
         #[no_mangle]\npub extern \"C\" fn {SYM_FINGERPRINT}() -> {api}::KStr {{\n    {api}::KStr::new({fingerprint})\n}}\n"
    )
}

/// std's maps as a manifest names an alias's target when the alias is one of them with a
/// crate's hasher (rustc-hash's `FxHashMap`): bindgen writes these, the compiler reads
/// such an alias as a dict.
pub const STD_MAPS: &[&str] = &["std::collections::HashMap", "std::collections::BTreeMap"];

/// Whether an alias's target (as a manifest writes it) is one of std's maps: bare, for an
/// alias with a crate's hasher, or with its two parameters as holes (xmltree's
/// `AttributeMap<K, V> = HashMap<K, V>` is `std::collections::HashMap<_, _>`, written
/// out where the manifest names it).
pub fn is_std_map(target: &str) -> bool {
    let bare = target.split('<').next().unwrap_or(target);
    STD_MAPS.contains(&bare)
}

/// Rust's number types: what a Keyton number literal converts to, checked.
pub const NUMBERS: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64",
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_exports_name_the_abi_symbols() {
        let src = super::abi_exports("::kayton_api", "::kayton_api::fingerprint()");
        assert!(src.contains("fn kayton_abi_version() -> u32"), "{src}");
        assert!(
            src.contains("fn kayton_build_fingerprint() -> ::kayton_api::KStr"),
            "{src}"
        );
    }
}
