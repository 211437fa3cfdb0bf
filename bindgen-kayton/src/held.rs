//! Which instances of generic types a trait impl may be declared for: the plugin
//! declares an impl only for a type it holds (a kind), and an instance of a generic
//! type it holds counts (`impl FromStr for toml::map::Map<String, toml::Value>`).
use crate::emit::Api;
use crate::traits::TraitImpl;
use std::collections::BTreeSet;

/// `toml::map::Map<String, toml::Value>`: an instance of a generic type the plugin holds
/// (an impl for that one instance is declared as written).
pub(crate) fn instance_of_held(self_ty: &str, api: &Api, held: &BTreeSet<&str>) -> bool {
    let head = &self_ty[..self_ty.find('<').unwrap_or(self_ty.len())];
    head.len() < self_ty.len() && api.generic_types.contains(head) && held.contains(head)
}

/// Whether `self_ty` is an instance of a generic type the plugin holds that is listed
/// with its parameters (`toml::map::Map<K, V>`), which [`instance_of_held`] does not
/// match. Used for the `FromStr` declared on an alias's instance (`aliases.rs`) only:
/// for every impl it would declare many more (rand's `UniformSampler` on its instances),
/// which the crate sessions have not been run against yet.
pub(crate) fn alias_instance_of_held(i: &TraitImpl, api: &Api, held: &BTreeSet<&str>) -> bool {
    let head = &i.self_ty[..i.self_ty.find('<').unwrap_or(i.self_ty.len())];
    let named = |g: &str| g.split('<').next() == Some(head);
    i.trait_path == "std::str::FromStr"
        && head.len() < i.self_ty.len()
        && api.generic_types.iter().any(|g| named(g))
        && held.iter().any(|h| named(h))
}
