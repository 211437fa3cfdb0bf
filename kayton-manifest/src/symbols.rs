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

/// Rust source of the ABI version and fingerprint entry points, written over `api`, the
/// path that names `kayton_api` in the crate (`kayton` in cells, `::kayton_api` in
/// plugins), returning `fingerprint` (an expression of type `&'static str`).
pub fn abi_exports(api: &str, fingerprint: &str) -> String {
    format!(
        "#[no_mangle]\npub extern \"C\" fn {SYM_ABI_VERSION}() -> u32 {{\n    {api}::ABI_VERSION\n}}\n\
         #[no_mangle]\npub extern \"C\" fn {SYM_FINGERPRINT}() -> {api}::KStr {{\n    {api}::KStr::new({fingerprint})\n}}\n"
    )
}

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
