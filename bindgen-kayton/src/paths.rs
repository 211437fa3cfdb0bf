//! Public paths: where a user can name each item, re-exports included — renamed, glob,
//! and `pub use` of other crates' items or modules (`reqwest::StatusCode`,
//! `reqwest::header::HeaderMap`), which are found in those crates' own rustdoc JSON.
use rustdoc_types::{Crate, Id, ItemEnum, ItemKind, Visibility};
use std::collections::{HashMap, HashSet};

/// One item a user can name: defined in `crates[krate]` as `id`, written as `public`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub public: String,
    pub krate: usize,
    pub id: Id,
}

#[derive(Debug, Default)]
pub struct PublicApi {
    /// Sorted by public path, one per item (its shortest public path).
    pub entries: Vec<Entry>,
    /// Canonical path (`http::status::StatusCode`) → public path, for type rendering.
    pub by_canonical: HashMap<String, String>,
    /// Re-exports of other crates' items whose JSON was not given: canonical path, kind.
    pub missing: Vec<(Vec<String>, ItemKind)>,
    /// Those re-exports by canonical path (`crypto_common::Output`) → the public path a
    /// plugin names them at (`sha2::digest::Output`).
    pub foreign: HashMap<String, String>,
    /// The other public paths of items in `entries` (`base64::engine::general_purpose::
    /// STANDARD` beside `base64::prelude::BASE64_STANDARD`), each with its item's
    /// shortest path: docs write either.
    pub others: Vec<(Entry, String)>,
    /// The crates whose whole root a glob re-exports, JSON not given (clap_builder's
    /// `pub mod styling { pub use anstyle::*; }`).
    pub globbed: Vec<String>,
}

/// The public path of `canonical`, an item of a crate without rustdoc JSON: where a read
/// crate re-exports it, or its name inside the longest of its modules one re-exports
/// (`typenum::gen::consts::U64` in `typenum::gen::consts`, re-exported as
/// `blake2::digest::consts`: `blake2::digest::consts::U64`).
pub fn foreign_public(foreign: &HashMap<String, String>, canonical: &str) -> Option<String> {
    if let Some(p) = foreign.get(canonical) {
        return Some(p.clone());
    }
    let mut cut = canonical.len();
    while let Some(i) = canonical[..cut].rfind("::") {
        if let Some(module) = foreign.get(&canonical[..i]) {
            return Some(format!("{module}{}", &canonical[i..]));
        }
        cut = i;
    }
    None
}

/// Deep re-export chains are cut here (a glob of a parent module would never end).
const MAX_DEPTH: usize = 8;

/// Walk the public modules of `crates[0]` (named `name`); `crates[1..]` are dependencies.
pub fn public_api(crates: &[&Crate], name: &str) -> PublicApi {
    let mut best: HashMap<String, Entry> = HashMap::new();
    let mut all: Vec<(String, Entry)> = Vec::new();
    let mut missing = Vec::new();
    let mut foreign: HashMap<String, String> = HashMap::new();
    let mut globbed: Vec<String> = Vec::new();
    let mut stack = vec![(0usize, crates[0].root, name.to_string())];
    let mut seen = HashSet::new();
    while let Some((c, id, prefix)) = stack.pop() {
        let krate = crates[c];
        if prefix.matches("::").count() >= MAX_DEPTH || !seen.insert((c, id, prefix.clone())) {
            continue;
        }
        let Some(ItemEnum::Module(module)) = krate.index.get(&id).map(|i| &i.inner) else {
            continue;
        };
        for child in &module.items {
            let Some(item) = krate.index.get(child) else {
                continue;
            };
            if !matches!(item.visibility, Visibility::Public) {
                continue;
            }
            let (target, item_name, glob) = match &item.inner {
                // `pub use Trait as _` brings a trait's methods into scope but gives it
                // no name a cell (or the plugin) can write.
                ItemEnum::Use(u) if u.name == "_" && !u.is_glob => continue,
                ItemEnum::Use(u) => match u.id {
                    Some(t) => (t, u.name.clone(), u.is_glob),
                    None => continue,
                },
                _ => match &item.name {
                    Some(n) => (*child, n.clone(), false),
                    None => continue,
                },
            };
            let Some((tc, tid)) = resolve(crates, c, target) else {
                if let Some(s) = krate.paths.get(&target) {
                    missing.push((s.path.clone(), s.kind));
                    if glob && s.path.len() == 1 && !globbed.contains(&s.path[0]) {
                        globbed.push(s.path[0].clone());
                    }
                    if !glob {
                        let path = format!("{prefix}::{item_name}");
                        let e = foreign.entry(s.path.join("::")).or_insert(path.clone());
                        if shorter(&path, e) {
                            *e = path;
                        }
                    }
                }
                continue;
            };
            let is_module = matches!(
                crates[tc].index.get(&tid).map(|i| &i.inner),
                Some(ItemEnum::Module(_))
            );
            if glob {
                if is_module {
                    stack.push((tc, tid, prefix.clone()));
                }
                continue;
            }
            let path = format!("{prefix}::{item_name}");
            if is_module {
                stack.push((tc, tid, path));
                continue;
            }
            let key = canonical(crates[tc], tid).unwrap_or_else(|| format!("{tc}:{}", tid.0));
            all.push((
                key.clone(),
                Entry {
                    public: path.clone(),
                    krate: tc,
                    id: tid,
                },
            ));
            if best.get(&key).is_none_or(|e| shorter(&path, &e.public)) {
                best.insert(
                    key,
                    Entry {
                        public: path,
                        krate: tc,
                        id: tid,
                    },
                );
            }
        }
    }
    let by_canonical = best
        .iter()
        .map(|(k, e)| (k.clone(), e.public.clone()))
        .collect();
    let mut others: Vec<(Entry, String)> = all
        .into_iter()
        .filter_map(|(k, e)| {
            let b = &best[&k];
            (b.public != e.public).then(|| (e, b.public.clone()))
        })
        .collect();
    others.sort();
    others.dedup();
    let mut entries: Vec<Entry> = best.into_values().collect();
    entries.sort();
    missing.sort_by(|a, b| a.0.cmp(&b.0));
    missing.dedup_by(|a, b| a.0 == b.0);
    PublicApi {
        entries,
        by_canonical,
        missing,
        foreign,
        others,
        globbed,
    }
}

/// Where `id` (as crate `c` knows it) is defined: in `c` itself, or — for another
/// crate's item — in the dependency JSON that defines the same canonical path.
fn resolve(crates: &[&Crate], c: usize, id: Id) -> Option<(usize, Id)> {
    if crates[c].index.contains_key(&id) {
        return Some((c, id));
    }
    let path = &crates[c].paths.get(&id)?.path;
    crates
        .iter()
        .enumerate()
        .filter(|(d, _)| *d != c)
        .find_map(|(d, k)| Some((d, local_id(k, path)?)))
}

/// Whether the public path `a` is preferred to `b`: fewer segments, then the first in
/// order (so that the choice is the same every run).
fn shorter(a: &str, b: &str) -> bool {
    (a.matches("::").count(), a) < (b.matches("::").count(), b)
}

fn canonical(krate: &Crate, id: Id) -> Option<String> {
    krate.paths.get(&id).map(|s| s.path.join("::"))
}

/// The id of the item that `krate` itself defines at the canonical `path`.
pub(crate) fn local_id(krate: &Crate, path: &[String]) -> Option<Id> {
    krate
        .paths
        .iter()
        .find(|(id, s)| s.crate_id == 0 && s.path == path && krate.index.contains_key(id))
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_item_is_named_by_its_re_export_or_its_re_exported_module() {
        let foreign: HashMap<String, String> = [
            ("typenum::gen::consts", "blake2::digest::consts"),
            ("typenum", "blake2::digest::typenum"),
            ("crypto_common::Output", "blake2::digest::Output"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into_iter()
        .collect();
        let at = |c: &str| foreign_public(&foreign, c);
        assert_eq!(
            at("crypto_common::Output").as_deref(),
            Some("blake2::digest::Output")
        );
        // The longest module re-exported wins.
        assert_eq!(
            at("typenum::gen::consts::U64").as_deref(),
            Some("blake2::digest::consts::U64")
        );
        assert_eq!(
            at("typenum::uint::UInt").as_deref(),
            Some("blake2::digest::typenum::uint::UInt")
        );
        assert_eq!(at("hybrid_array::Array"), None);
    }
}
