//! Methods of std's collections that a type dereferencing to one reaches (ahash's
//! `AHashMap<K, V, S>` → `HashMap<K, V, S>`: `len`, `contains_key`, `keys`). No rustdoc
//! JSON of std is read, so they are listed here: the inherent methods a cell calls most,
//! by the collection's canonical path, over its arguments `{0}`, `{1}`, … (only
//! inherent ones: the macros call `<HashMap<…>>::len`, which finds no slice method).
use kayton_manifest::{FnSig, Param, Receiver, RustType};

type Method = (
    Receiver,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const HASH_MAP: &[Method] = &[
    (Receiver::Ref, "len", &[], "usize"),
    (Receiver::Ref, "is_empty", &[], "bool"),
    (Receiver::Ref, "capacity", &[], "usize"),
    (Receiver::Ref, "contains_key", &[("k", "&{0}")], "bool"),
    (Receiver::Ref, "get", &[("k", "&{0}")], "Option<&{1}>"),
    (Receiver::Ref, "keys", &[], "impl Iterator<Item = &{0}>"),
    (Receiver::Ref, "values", &[], "impl Iterator<Item = &{1}>"),
    (
        Receiver::Ref,
        "iter",
        &[],
        "impl Iterator<Item = (&{0}, &{1})>",
    ),
    (
        Receiver::RefMut,
        "insert",
        &[("k", "{0}"), ("v", "{1}")],
        "Option<{1}>",
    ),
    (Receiver::RefMut, "remove", &[("k", "&{0}")], "Option<{1}>"),
    (Receiver::RefMut, "clear", &[], "()"),
];

const HASH_SET: &[Method] = &[
    (Receiver::Ref, "len", &[], "usize"),
    (Receiver::Ref, "is_empty", &[], "bool"),
    (Receiver::Ref, "capacity", &[], "usize"),
    (Receiver::Ref, "contains", &[("value", "&{0}")], "bool"),
    (Receiver::Ref, "iter", &[], "impl Iterator<Item = &{0}>"),
    (Receiver::RefMut, "insert", &[("value", "{0}")], "bool"),
    (Receiver::RefMut, "remove", &[("value", "&{0}")], "bool"),
    (Receiver::RefMut, "clear", &[], "()"),
];

const VEC: &[Method] = &[
    (Receiver::Ref, "len", &[], "usize"),
    (Receiver::Ref, "is_empty", &[], "bool"),
    (Receiver::Ref, "capacity", &[], "usize"),
    (Receiver::RefMut, "push", &[("value", "{0}")], "()"),
    (Receiver::RefMut, "pop", &[], "Option<{0}>"),
    (
        Receiver::RefMut,
        "insert",
        &[("index", "usize"), ("element", "{0}")],
        "()",
    ),
    (Receiver::RefMut, "remove", &[("index", "usize")], "{0}"),
    (Receiver::RefMut, "truncate", &[("len", "usize")], "()"),
    (Receiver::RefMut, "clear", &[], "()"),
];

/// The listed methods of the std collection at the canonical path `canonical`, at the
/// arguments `args` (rendered), those taking `&mut self` only if `mutable`.
pub(crate) fn methods(canonical: &str, args: &[String], mutable: bool) -> Vec<FnSig> {
    let table = match canonical {
        "std::collections::hash::map::HashMap" => HASH_MAP,
        "std::collections::hash::set::HashSet" => HASH_SET,
        "alloc::vec::Vec" | "std::vec::Vec" => VEC,
        _ => return Vec::new(),
    };
    let at = |text: &str| {
        let mut t = text.to_string();
        for (i, a) in args.iter().enumerate() {
            t = t.replace(&format!("{{{i}}}"), a);
        }
        (!t.contains('{'))
            .then(|| RustType::parse(&t).ok())
            .flatten()
    };
    let mut out = Vec::new();
    for (receiver, name, params, ret) in table {
        if matches!(receiver, Receiver::RefMut) && !mutable {
            continue;
        }
        let params: Option<Vec<Param>> = params
            .iter()
            .map(|(n, t)| {
                at(t).map(|ty| Param {
                    name: n.to_string(),
                    ty,
                })
            })
            .collect();
        let (Some(params), Some(ret)) = (params, at(ret)) else {
            continue;
        };
        out.push(FnSig {
            name: name.to_string(),
            receiver: Some(*receiver),
            params,
            ret,
            doc: format!("std's `{name}`, through `Deref`."),
            ..FnSig::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_maps_methods_at_its_arguments() {
        let args = ["i64".to_string(), "String".to_string(), "S".to_string()];
        let fs = super::methods("std::collections::hash::map::HashMap", &args, false);
        let get = fs.iter().find(|f| f.name == "get").unwrap();
        assert_eq!(get.params[0].ty.to_string(), "&i64");
        assert_eq!(get.ret.to_string(), "Option<&String>");
        assert!(
            fs.iter().all(|f| f.name != "insert"),
            "`&mut self` only through DerefMut"
        );
        assert!(super::methods("std::string::String", &args, true).is_empty());
    }
}
