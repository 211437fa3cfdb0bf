//! The environment variables Keyton reads. The rule (ARCHITECTURE.md, "Names"): every
//! variable is `KAYTON_*`, like the environments and the VM they configure. The
//! `KEYTON_*` spellings of the previous release still work, with a warning, until the
//! next one; `kernel/tests/naming.rs` allows them nowhere else.
use std::ffi::OsString;
use std::sync::Mutex;

/// Variables and what they do (the list the naming test checks sources against).
pub const VARS: &[(&str, &str)] = &[
    (
        "KAYTON_HOME",
        "where runtime, environments and failed cells live (~/.kayton)",
    ),
    ("KAYTON_ENV", "the active environment (default)"),
    (
        "KAYTON_PLUGIN_PATH",
        "directories of local plugins, searched before environments",
    ),
    (
        "KAYTON_NO_AUTO_INSTALL",
        "sessions do not install crates on first rimport",
    ),
    (
        "KAYTON_NO_LOCK",
        "sessions neither read nor write keyton.lock",
    ),
    (
        "KAYTON_CHROMIUM",
        "the Chromium the browser test drives (/usr/bin/chromium)",
    ),
    (
        "KAYTON_KEEP_CELLS",
        "keep generated cell sources after the session",
    ),
    (
        "KAYTON_MACROS_LIB",
        "the kayton-macros library plugins are built with",
    ),
    (
        "KAYTON_EXE",
        "the keyton binary whose __executor runs cells",
    ),
    (
        "KAYTON_RUSTC",
        "the rustc that builds cells and plugins (rustc on PATH)",
    ),
    (
        "KAYTON_BINDGEN_KEEP_ROUNDS",
        "keep each pruning round's source and messages",
    ),
    (
        "KAYTON_CORPUS_ONLY",
        "run one crate of bindgen's corpus test",
    ),
];

/// Deprecated spelling → the variable it stands for.
pub const DEPRECATED: &[(&str, &str)] = &[
    ("KEYTON_PLUGIN_PATH", "KAYTON_PLUGIN_PATH"),
    ("KEYTON_NO_AUTO_INSTALL", "KAYTON_NO_AUTO_INSTALL"),
    ("KEYTON_KEEP_CELLS", "KAYTON_KEEP_CELLS"),
    ("KEYTON_MACROS_LIB", "KAYTON_MACROS_LIB"),
    ("KEYTON_EXE", "KAYTON_EXE"),
];

static WARNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// The value of `name` (a `KAYTON_*` variable), else of its deprecated spelling, which
/// is named in a warning on stderr (once per process).
pub fn var_os(name: &str) -> Option<OsString> {
    if let Some(v) = std::env::var_os(name) {
        return Some(v);
    }
    let (old, _) = DEPRECATED.iter().find(|(_, new)| *new == name)?;
    let v = std::env::var_os(old)?;
    let mut warned = WARNED.lock().unwrap_or_else(|e| e.into_inner());
    if !warned.contains(old) {
        warned.push(old);
        eprintln!(
            "warning: {old} is deprecated and will stop working in the next release: set {name}"
        );
    }
    Some(v)
}

/// Whether `name` (or its deprecated spelling) is set.
pub fn is_set(name: &str) -> bool {
    var_os(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_deprecated_spelling_stands_for_a_listed_variable() {
        for (old, new) in DEPRECATED {
            assert!(old.starts_with("KEYTON_") && new.starts_with("KAYTON_"));
            assert_eq!(old["KEYTON_".len()..], new["KAYTON_".len()..]);
            assert!(VARS.iter().any(|(v, _)| v == new), "{new} is not in VARS");
        }
    }
}
