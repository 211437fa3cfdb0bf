//! Keyton's `dict[K, V]`: insertion-ordered, as Python's dicts are since 3.7.
//!
//! Written here rather than taken from `indexmap`: this runtime is a dylib that every
//! plugin links, and rustc refuses a crate that reaches a plugin both inside that dylib
//! and as the plugin's own dependency (toml and serde_yaml depend on indexmap).
use super::{KErr, KShow};
use std::collections::HashMap;
use std::format;
use std::hash::Hash;
use std::string::String;
use std::vec::Vec;

/// The entries in insertion order, and where each key is among them.
#[derive(Clone, Debug)]
pub struct Dict<K, V> {
    entries: Vec<(K, V)>,
    index: HashMap<K, usize>,
}

impl<K, V> Default for Dict<K, V> {
    fn default() -> Self {
        Dict {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Dict<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// `d[k] = v`: a new key goes last; an existing one keeps its place.
    pub fn insert(&mut self, k: K, v: V) {
        match self.index.get(&k) {
            Some(&i) => self.entries[i].1 = v,
            None => {
                self.index.insert(k.clone(), self.entries.len());
                self.entries.push((k, v));
            }
        }
    }

    pub fn get(&self, k: &K) -> Option<&V> {
        self.index.get(k).map(|&i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        self.index.get(k).map(|&i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, k: &K) -> bool {
        self.index.contains_key(k)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `d.pop(k)`: the value, the later entries moving up one place.
    pub fn remove(&mut self, k: &K) -> Option<V> {
        let i = self.index.remove(k)?;
        let (_, v) = self.entries.remove(i);
        for j in self.index.values_mut() {
            if *j > i {
                *j -= 1;
            }
        }
        Some(v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Hash + Eq + Clone, V: PartialEq> PartialEq for Dict<K, V> {
    /// Equal when they hold the same pairs, in any order (as Python compares dicts).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq + Clone, V> FromIterator<(K, V)> for Dict<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(it: I) -> Self {
        let mut d = Dict::new();
        for (k, v) in it {
            d.insert(k, v);
        }
        d
    }
}

/// Python's text of a missing key: `KeyError: 'dan'`.
fn missing<K: KShow>(k: &K) -> KErr {
    KErr::new(format!("KeyError: {}", k.krepr()))
}

/// `d[k]`.
pub fn dict_get<K: Hash + Eq + Clone + KShow, V: Clone>(d: &Dict<K, V>, k: &K) -> Result<V, KErr> {
    d.get(k).cloned().ok_or_else(|| missing(k))
}

/// `d[k]` as the place a method changes (`groups[k].append(w)`).
pub fn dict_at_mut<'a, K: Hash + Eq + Clone + KShow, V>(
    d: &'a mut Dict<K, V>,
    k: &K,
) -> Result<&'a mut V, KErr> {
    d.get_mut(k).ok_or_else(|| missing(k))
}

/// `d.get(k, default)` (a function, not a method, so that rustc can type a dict from
/// `{}` by the default).
pub fn dict_get_or<K: Hash + Eq + Clone, V: Clone>(d: &Dict<K, V>, k: &K, default: V) -> V {
    d.get(k).cloned().unwrap_or(default)
}

/// `d.get(k)`.
pub fn dict_get_opt<K: Hash + Eq + Clone, V: Clone>(d: &Dict<K, V>, k: &K) -> Option<V> {
    d.get(k).cloned()
}

/// `d.keys()`, as a list.
pub fn dict_keys<K: Clone, V>(d: &Dict<K, V>) -> Vec<K> {
    d.entries.iter().map(|(k, _)| k.clone()).collect()
}

/// `d.values()`, as a list.
pub fn dict_values<K, V: Clone>(d: &Dict<K, V>) -> Vec<V> {
    d.entries.iter().map(|(_, v)| v.clone()).collect()
}

/// `d.items()`, as a list of pairs.
pub fn dict_items<K: Clone, V: Clone>(d: &Dict<K, V>) -> Vec<(K, V)> {
    d.entries.clone()
}

/// A dict of a Rust `HashMap`'s entries, ordered by key: a map has no order of its own,
/// and a notebook should show the same dict every run.
pub fn dict_sorted<K: Hash + Eq + Clone + Ord, V>(mut entries: Vec<(K, V)>) -> Dict<K, V> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}

/// `d.pop(k)`.
pub fn dict_pop<K: Hash + Eq + Clone + KShow, V>(d: &mut Dict<K, V>, k: &K) -> Result<V, KErr> {
    d.remove(k).ok_or_else(|| missing(k))
}

impl<K: KShow, V: KShow> KShow for Dict<K, V> {
    fn kshow(&self) -> String {
        let parts: Vec<String> = self
            .entries
            .iter()
            .map(|(k, v)| format!("{}: {}", k.krepr(), v.krepr()))
            .collect();
        format!("{{{}}}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn keeps_insertion_order() {
        let mut d: Dict<String, i64> = Dict::new();
        d.insert("b".to_string(), 1);
        d.insert("a".to_string(), 2);
        d.insert("b".to_string(), 3);
        assert_eq!(d.kshow(), "{'b': 3, 'a': 2}");
        assert_eq!(dict_pop(&mut d, &"b".to_string()), Ok(3));
        d.insert("c".to_string(), 4);
        assert_eq!(d.kshow(), "{'a': 2, 'c': 4}");
        assert_eq!(dict_get(&d, &"c".to_string()), Ok(4));
        assert_eq!(
            dict_get(&d, &"zz".to_string()),
            Err(KErr::new("KeyError: 'zz'"))
        );
        let e: Dict<String, i64> = [("c".to_string(), 4), ("a".to_string(), 2)]
            .into_iter()
            .collect();
        assert_eq!(d, e);
        let sorted = dict_sorted(std::vec![("b".to_string(), 1), ("a".to_string(), 2)]);
        assert_eq!(sorted.kshow(), "{'a': 2, 'b': 1}");
    }
}
