//! The crate's public items that its plugin does not declare, each with why, for the
//! manifest (`kayton::plugin!(unbound = […])`): a cell naming one is told the reason
//! (`from geo_types rimport coord` — a macro), not only that the item is missing.
use kayton_manifest::Unbound;
use std::collections::BTreeSet;

/// Of `items` (public paths of structs, enums and functions), those the plugin source
/// `lib_rs` does not declare, and every macro of `macros`: each with its reason (see
/// [`Unbound`]).
pub fn list(
    items: &BTreeSet<String>,
    macros: &BTreeSet<String>,
    lib_rs: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = macros
        .iter()
        .map(|m| (m.clone(), Unbound::MACRO.to_string()))
        .collect();
    for path in items {
        if !declares(lib_rs, path) {
            out.push((path.clone(), Unbound::ITEM.to_string()));
        }
    }
    out
}

/// Whether the plugin source declares the item at `path` (a mirror, an instantiated
/// generic type, or a function: each is `#[kayton::export(remote = path)]`).
fn declares(lib_rs: &str, path: &str) -> bool {
    lib_rs.contains(&format!("remote = {path})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_items_and_macros_are_listed_with_a_reason() {
        let items: BTreeSet<String> = ["k::Shown", "k::Missing", "k::Shown2"]
            .map(String::from)
            .into();
        let macros: BTreeSet<String> = ["k::point".to_string()].into();
        let lib = "#[kayton::export(remote = k::Shown)]\npub struct Shown {}\n\
                   #[kayton::export(remote = k::Shown2)]\npub fn shown2();\n";
        let out = list(&items, &macros, lib);
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["k::point", "k::Missing"]);
        assert_eq!(out[0].1, Unbound::MACRO);
        assert_eq!(out[1].1, Unbound::ITEM);
    }
}
