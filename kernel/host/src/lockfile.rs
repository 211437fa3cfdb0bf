//! `keyton.lock`: the crates a session in this directory rimported, at their exact
//! versions, features and crates.io checksums (as Deno keeps `deno.lock` beside a
//! notebook). A later session here, on any machine, installs the locked versions, and
//! refuses a source whose checksum differs. Front ends that work in a directory (the
//! Jupyter kernel, the REPL, `keyton run`) keep one; the conformance runner does not.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "keyton.lock";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locked {
    pub version: String,
    #[serde(default)]
    pub features: Vec<String>,
    /// The crates.io package checksum (sha256), when the source came from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Content {
    version: u32,
    crates: BTreeMap<String, Locked>,
}

#[derive(Debug)]
pub struct Lockfile {
    path: PathBuf,
    content: Content,
}

impl Lockfile {
    /// The lock at `path`; an absent file is an empty lock (written on first record).
    pub fn open(path: &Path) -> Result<Lockfile, String> {
        let content = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                format!(
                    "{} is not a Keyton lock file: {e} (fix it or delete it)",
                    path.display()
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Content {
                version: 1,
                ..Default::default()
            },
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        Ok(Lockfile {
            path: path.to_path_buf(),
            content,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, krate: &str) -> Option<&Locked> {
        self.content.crates.get(krate)
    }

    /// Record `krate` as loaded; refuses a checksum that differs from the locked one.
    /// The file is replaced whole (written beside it, then renamed), so a reader never
    /// sees half of it.
    pub fn record(&mut self, krate: &str, now: Locked) -> Result<(), String> {
        if let Some(old) = self.get(krate) {
            if old.version == now.version {
                if let (Some(a), Some(b)) = (&old.checksum, &now.checksum) {
                    if a != b {
                        return Err(format!(
                            "{krate} {}: its source's checksum {b} differs from {}'s {a}: the crate was published again or the source was changed; delete its entry to accept this one",
                            now.version,
                            self.path.display()
                        ));
                    }
                }
            }
            if *old == now {
                return Ok(());
            }
        }
        self.content.crates.insert(krate.to_string(), now);
        self.content.version = 1;
        let text = serde_json::to_string_pretty(&self.content).expect("serializes") + "\n";
        let tmp = self.path.with_extension("lock.tmp");
        std::fs::write(&tmp, text)
            .and_then(|_| std::fs::rename(&tmp, &self.path))
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// The crates.io checksum of a vendored source (cargo's `.cargo-checksum.json`).
pub fn checksum_of(source: &Path) -> Option<String> {
    let text = std::fs::read_to_string(source.join(".cargo-checksum.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["package"].as_str().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_a_changed_checksum_is_refused() {
        let dir = std::env::temp_dir().join(format!("keyton-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE);
        let _ = std::fs::remove_file(&path);
        let mut lock = Lockfile::open(&path).unwrap();
        assert!(lock.get("regex").is_none());
        let entry = Locked {
            version: "1.11.1".into(),
            features: vec!["unicode".into()],
            checksum: Some("abc".into()),
        };
        lock.record("regex", entry.clone()).unwrap();
        let again = Lockfile::open(&path).unwrap();
        assert_eq!(again.get("regex"), Some(&entry));
        let mut changed = entry.clone();
        changed.checksum = Some("def".into());
        let e = Lockfile::open(&path)
            .unwrap()
            .record("regex", changed)
            .unwrap_err();
        assert!(e.contains("differs"), "{e}");
        std::fs::write(&path, "not json").unwrap();
        assert!(Lockfile::open(&path)
            .unwrap_err()
            .contains("not a Keyton lock file"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
