//! Instances of a generic type that the crate's results and constants name at its own
//! types: chrono's `Utc.with_ymd_and_hms(…)` gives a `MappedLocalTime<DateTime<Utc>>` (an
//! alias of `LocalResult<T>`, otherwise instantiated only at the shapes), whose `unwrap`
//! its docs call next; crc's `CRC_32_ISO_HDLC` is an `Algorithm<u32>`. Each such instance
//! is added to the type's instantiations, as an alias's instance is (`aliases::add`); one
//! that does not compile is pruned alone.
use crate::Extra;
use kayton_manifest::{FnSig, Manifest, RustType};

/// At most this many instances are added to one type.
const MAX_ADDED: usize = 8;

/// Add the instances the results in `m` and the trait impls name.
pub(crate) fn add(m: &Manifest, extra: &mut Extra) {
    let mut named: Vec<(String, String)> = Vec::new();
    let in_type = |ty: &RustType, named: &mut Vec<(String, String)>| {
        ty.map(&mut |t| {
            if let Some(found) = instance_of(t, m, extra) {
                named.push(found);
            }
            None
        });
    };
    let own = |f: &FnSig, self_ty: &str, named: &mut Vec<(String, String)>| {
        let ret = match RustType::parse(self_ty) {
            Ok(s) => f.ret.substitute(&|n| (n == "Self").then(|| s.clone())),
            Err(_) => f.ret.clone(),
        };
        in_type(&ret, named);
    };
    for f in &m.functions {
        own(f, "", &mut named);
    }
    for c in &m.consts {
        in_type(&c.ty, &mut named);
    }
    for t in m.types.iter().filter(|t| !t.path.contains('<')) {
        for f in &t.methods {
            own(f, &t.path, &mut named);
        }
    }
    for i in &extra.trait_impls {
        for f in &i.methods {
            own(f, &i.self_ty, &mut named);
        }
    }
    for (g, shape) in named {
        let shapes = extra.type_shapes.entry(g.clone()).or_insert_with(|| {
            crate::instances::generic_shapes()
                .map(String::from)
                .collect()
        });
        let added = extra.result_instances.entry(g).or_default();
        if !shapes.contains(&shape) && added.len() < MAX_ADDED {
            shapes.push(shape.clone());
            added.push(shape);
        }
    }
}

/// The generic type (by its key in `extra.generic_types`) and instance arguments (as a
/// shape) that `t` names, if it names one at concrete types of the crate.
fn instance_of(t: &RustType, m: &Manifest, extra: &Extra) -> Option<(String, String)> {
    let p = t.as_path()?;
    let args = p.type_args();
    if args.is_empty() {
        return None;
    }
    // Through an alias of the generic type (`MappedLocalTime<T> = LocalResult<T>`).
    let (bare, args): (String, Vec<RustType>) = match m.alias(&p.bare()) {
        Some(target) => {
            let params = extra.alias_params.get(&p.bare())?;
            if params.len() != args.len() {
                return None;
            }
            let at =
                target.substitute(&|n| params.iter().position(|q| q == n).map(|i| args[i].clone()));
            let tp = at.as_path()?;
            match tp.type_args() {
                // The alias names the generic type itself: its arguments are the alias's.
                none if none.is_empty() => (tp.bare(), args.into_iter().cloned().collect()),
                some => (tp.bare(), some.into_iter().cloned().collect()),
            }
        }
        None => (p.bare(), args.into_iter().cloned().collect()),
    };
    let g = extra
        .generic_types
        .iter()
        .find(|g| g.split('<').next() == Some(bare.as_str()))?;
    if args.is_empty() || !args.iter().all(|a| concrete(a, m)) {
        return None;
    }
    let texts: Vec<String> = args.iter().map(ToString::to_string).collect();
    let shape = match texts.as_slice() {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(", ")),
    };
    Some((g.clone(), shape))
}

/// Whether `t` is an owned type of the crate (a type it declares, at its own types or
/// numbers): no type parameter, no borrow.
fn concrete(t: &RustType, m: &Manifest) -> bool {
    let text = t.to_string();
    if text.contains('&') || text.contains('\'') || text.contains("dyn ") {
        return false;
    }
    let Some(p) = t.as_path() else {
        return false;
    };
    let bare = p.bare();
    let declared = m
        .types
        .iter()
        .any(|d| d.path.split('<').next() == Some(bare.as_str()));
    (declared || kayton_manifest::symbols::NUMBERS.contains(&bare.as_str()) || bare == "bool")
        && p.type_args().iter().all(|a| concrete(a, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kayton_manifest::{TypeAlias, TypeDef};

    #[test]
    fn a_result_through_an_alias_adds_that_instance_and_a_generic_one_does_not() {
        let ty = |p: &str| TypeDef {
            path: p.into(),
            ..TypeDef::default()
        };
        let returning = |name: &str, ret: &str| FnSig {
            name: name.into(),
            ret: RustType::parse(ret).unwrap(),
            ..FnSig::default()
        };
        let m = Manifest {
            types: vec![ty("c::Wrap<T>"), ty("c::Utc"), ty("c::Day<Tz>")],
            functions: vec![
                returning("c::at", "c::Alias<c::Day<c::Utc>>"),
                returning("c::open", "c::Wrap<U>"),
                returning("c::lent", "c::Wrap<&'static str>"),
            ],
            aliases: vec![TypeAlias {
                path: "c::Alias".into(),
                target: RustType::parse("c::Wrap<T>").unwrap(),
            }],
            ..Manifest::default()
        };
        let mut extra = Extra::default();
        extra.generic_types.insert("c::Wrap<T>".into());
        extra
            .alias_params
            .insert("c::Alias".into(), vec!["T".into()]);
        add(&m, &mut extra);
        let shapes = &extra.type_shapes["c::Wrap<T>"];
        assert!(shapes.contains(&"c::Day<c::Utc>".to_string()), "{shapes:?}");
        assert!(shapes.contains(&"i64".to_string()));
        assert!(
            !shapes.iter().any(|s| s == "U" || s.contains('&')),
            "{shapes:?}"
        );
    }
}
