//! An alias of one of std's maps over its own parameters (xmltree's `AttributeMap<K, V> =
//! HashMap<K, V>`, in the manifest `HashMap<_, _>`) is written out where signatures and
//! fields name it (`AttributeMap<String, String>` → `HashMap<String, String>`): a cell
//! holds that value as a dict, which it knows from std's path. (An alias with a hasher of
//! the crate, `FxHashMap<K, V>`, bare in the manifest, is left as it is.)
use crate::rust_type::RustType;
use crate::schema::Manifest;
use crate::symbols::is_std_map;
use std::collections::BTreeMap;

pub(super) fn write_out(m: &mut Manifest) {
    let targets: BTreeMap<String, RustType> = m
        .aliases
        .iter()
        .filter(|a| {
            is_std_map(&a.target.to_string())
                && a.target.as_path().is_some_and(|p| p.type_args().len() == 2)
        })
        .map(|a| (a.path.clone(), a.target.clone()))
        .collect();
    if targets.is_empty() {
        return;
    }
    let f = |t: &RustType| {
        let p = t.as_path()?;
        let target = targets.get(&p.bare())?.as_path()?;
        // The target's holes take the alias's arguments, in order.
        let mut next = p.type_args().into_iter();
        let args: Vec<String> = target
            .type_args()
            .iter()
            .map(|a| match a.to_string().as_str() {
                "_" => next.next().map(ToString::to_string),
                fixed => Some(fixed.to_string()),
            })
            .collect::<Option<_>>()?;
        if next.next().is_some() {
            return None;
        }
        RustType::parse(&format!("{}<{}>", target.bare(), args.join(", "))).ok()
    };
    super::each_type(m, &|t: &mut RustType| *t = t.map(&mut |x| f(x)));
}
