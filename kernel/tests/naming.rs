//! The naming rule (ARCHITECTURE.md, "Names"), checked against the sources: the
//! language is Keyton, the VM, its plugin API and environments are Kayton. Every
//! environment variable is `KAYTON_*` and listed in `kernel/env/src/vars.rs` (a misspelled
//! one fails here instead of being ignored at run time); the old `KEYTON_*` spellings
//! appear only there, as deprecated aliases; crates are named by the side they are on.
use keyton_kernel::vars::{DEPRECATED, VARS};
use std::path::{Path, PathBuf};

/// Names that look like variables but are not read from the environment: values baked
/// at build time and symbols plugins export.
const NOT_VARIABLES: &[&str] = &[
    "KAYTON_RUSTC_VV",
    "KAYTON_SOURCE_HASH",
    "KAYTON_TARGET",
    "KAYTON_FINGERPRINT",
    "KAYTON_META__",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if p.is_dir() {
            if !["target", ".git", "node_modules", "corpus-locks"].contains(&name.as_str()) {
                sources(&p, out);
            }
        } else if ["rs", "sh", "py", "md", "toml", "ky", "txt", "ipynb"]
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
        {
            out.push(p);
        }
    }
}

/// Every `PREFIX…` word in `text` (`PREFIX` at a word start, then `A-Z0-9_`).
fn words<'t>(text: &'t str, prefix: &str) -> Vec<&'t str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(prefix).map(|i| i + from) {
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let end = text[i..]
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .map_or(text.len(), |j| i + j);
        // A bare prefix (`KAYTON_*` in prose) names the pattern, not a variable.
        if starts_word && end > i + prefix.len() {
            out.push(&text[i..end]);
        }
        from = end.max(i + 1);
    }
    out
}

#[test]
fn variables_and_crates_follow_the_naming_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    sources(root, &mut files);
    assert!(
        files.len() > 50,
        "sources not found under {}",
        root.display()
    );
    let old_prefix = format!("KEY{}", "TON_");
    let vars_rs = root.join("kernel/env/src/vars.rs");
    let mut wrong = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        for w in words(&text, &old_prefix) {
            if *f != vars_rs {
                wrong.push(format!("{rel}: `{w}` (variables are KAYTON_*)"));
            }
        }
        for w in words(&text, "KAYTON_") {
            let listed =
                VARS.iter().any(|(v, _)| *v == w) || NOT_VARIABLES.iter().any(|n| w.starts_with(n));
            if !listed {
                wrong.push(format!(
                    "{rel}: `{w}` is not a variable kernel/env/src/vars.rs lists"
                ));
            }
        }
    }
    for (old, _) in DEPRECATED {
        assert!(old.starts_with(&old_prefix));
    }
    // Crates: the language's side is `keyton-*`, the VM's and plugin API's `kayton*`.
    for f in files.iter().filter(|f| f.ends_with("Cargo.toml")) {
        let text = std::fs::read_to_string(f).unwrap();
        let Some(name) = text
            .split("[package]")
            .nth(1)
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("name = ")))
        else {
            continue;
        };
        let name = name.trim().trim_matches('"');
        let ok = match name {
            "keyton-compiler" | "keyton-kernel" | "keyton-host" | "keyton-jupyter"
            | "keyton-dev" | "keyton-fuzz" | "kik" => true,
            n => {
                n.starts_with("kayton")
                    || n == "bindgen-kayton"
                    || n.starts_with("kayton_rplugin__")
            }
        };
        if !ok {
            wrong.push(format!(
                "{}: crate `{name}` breaks the naming rule",
                f.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
