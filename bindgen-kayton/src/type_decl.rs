//! The declarations of the crate's structs and enums in the plugin source: a mirror
//! (`#[kayton::export(remote = …)] pub struct Version { … }`) and its inherent impl of
//! bodiless methods; a generic type's mirror with its `instantiate` shapes and one impl
//! per instance. Split from [`crate::emit`], which orders everything else.
use crate::emit::{doc, fn_decl, last, Api};
use crate::fn_bounds::ByName;
use crate::idents::ident;
use crate::instances::{generic_instance, instance_bounds};
use crate::keys::{const_key, method_key, shape_key, type_key, variant_key, Key};
use kayton_manifest::TypeDef;
use std::collections::BTreeSet;

/// The variants of the enum `t` that were not pruned, declared.
fn variant_decls(t: &TypeDef, vs: &[(String, String)], dropped: &BTreeSet<Key>) -> String {
    let kept: Vec<&str> = vs
        .iter()
        .filter(|(n, _)| !dropped.contains(&variant_key(&t.path, n)))
        .map(|(_, d)| d.as_str())
        .collect();
    kept.join(", ")
}

pub(crate) fn type_decl(
    t: &TypeDef,
    units: Option<&Vec<(String, String)>>,
    bounds: &ByName,
    lifetimes: usize,
    literal: bool,
    dropped: &BTreeSet<Key>,
) -> String {
    // `serde_json::Map<String, serde_json::Value>`: the mirror is `Map`, and the path in
    // the attribute (an expression) needs the turbofish.
    let (base, args) = t.path.split_once('<').unwrap_or((&t.path, ""));
    let name = last(base);
    let remote = if args.is_empty() {
        t.path.clone()
    } else {
        format!("{base}::<{args}")
    };
    let mut s = doc(&t.doc);
    s.push_str(&format!("#[kayton::export(remote = {remote})]\n"));
    if literal {
        s.push_str("#[kayton::literal]\n");
    }
    if let Some(owned) = &t.owned {
        s.push_str(&format!("#[kayton::owned({owned})]\n"));
    }
    // A type that borrows: declared with its lifetime (`Entry<'a>`), no kind.
    let (name, header) = if t.borrowed {
        // `'a`, or `'a, 'b` of `Node<'a, 'input>`.
        let ls = (0..lifetimes.max(1))
            .map(|i| format!("'{}", (b'a' + i as u8) as char))
            .collect::<Vec<_>>()
            .join(", ");
        let header = match t.path.split_once('<') {
            // `Entry<HeaderValue>` → `impl<'a> Entry<'a, HeaderValue>`.
            Some((b, rest)) => format!("impl<{ls}> {b}<{ls}, {rest}"),
            None => format!("impl<{ls}> {}<{ls}>", t.path),
        };
        (format!("{name}<{ls}>"), header)
    } else {
        (name.to_string(), format!("impl {}", t.path))
    };
    s.push_str(&mirror(t, &name, units, dropped));
    let body = members(t, bounds, dropped);
    if !body.is_empty() {
        s.push_str(&format!(
            "#[kayton::export(remote)]\n{header} {{\n{body}}}\n"
        ));
    }
    s
}

/// The mirror of `t` named `name` (with its parameters, if generic): an enum of its
/// declarable variants not pruned, or a struct of its readable fields.
fn mirror(
    t: &TypeDef,
    name: &str,
    variants: Option<&Vec<(String, String)>>,
    dropped: &BTreeSet<Key>,
) -> String {
    match variants {
        Some(vs) => format!("pub enum {name} {{ {} }}\n", variant_decls(t, vs, dropped)),
        None => {
            let fields: Vec<String> = t
                .fields
                .iter()
                .map(|f| format!("pub {}: {}", ident(&f.name, 0), f.ty))
                .collect();
            format!("pub struct {name} {{ {} }}\n", fields.join(", "))
        }
    }
}

/// The methods the type at `path` reaches through `Deref` to `target`, in a block of
/// their own marked `#[kayton::deref]` (see [`crate::deref`]).
pub(crate) fn deref_decl(
    path: &str,
    target: &str,
    fs: &[kayton_manifest::FnSig],
    bounds: &ByName,
    dropped: &BTreeSet<Key>,
) -> String {
    let t = TypeDef {
        path: path.to_string(),
        methods: fs.to_vec(),
        ..TypeDef::default()
    };
    let body = members(&t, bounds, dropped);
    match body.is_empty() {
        true => String::new(),
        false => format!(
            "#[kayton::export(remote)]\n#[kayton::deref({target})]\nimpl {path} {{\n{body}}}\n"
        ),
    }
}

/// A generic type the plugin instantiates per shape: the mirror and the impl block,
/// each with the shapes the compiler kept for the type (`&str` never: a kind must own
/// its values).
pub(crate) fn generic_type_decl(t: &TypeDef, api: &Api, dropped: &BTreeSet<Key>) -> String {
    let (base, params) = t.path.split_once('<').unwrap_or((&t.path, ">"));
    let params = params.trim_end_matches('>');
    let shapes = instance_shapes(t, api, dropped);
    // A type that borrows (`Entry<'a, K, V>`): its lifetimes lead, in the mirror and in
    // each impl (`impl<'a> Entry<'a, i64, i64>`).
    let ls = match t.borrowed {
        true => (0..api.lifetimes.get(&t.path).copied().unwrap_or(1))
            .map(|i| format!("'{}", (b'a' + i as u8) as char))
            .collect::<Vec<_>>()
            .join(", "),
        false => String::new(),
    };
    let header = |path: &str| match (ls.is_empty(), path.split_once('<')) {
        (false, Some((b, rest))) => format!("impl<{ls}> {b}<{ls}, {rest}"),
        _ => format!("impl {path}"),
    };
    // One impl block per shape, so that a method is pruned per instance
    // (`left_or_default` needs `Default`, which `Dynamic` lacks). Without a method left,
    // an instance would be a kind nothing can make or use.
    let impls: Vec<String> = shapes
        .iter()
        .filter_map(|sh| {
            let mut one = generic_instance(t, sh);
            let own = api.instance_methods.get(&t.path).into_iter().flatten();
            one.methods
                .extend(own.filter(|(s, _)| s == sh).map(|(_, f)| f.clone()));
            let bounds = instance_bounds(&t.path, sh, api.bounds.owner(&t.path));
            let body = members(&one, &bounds, dropped);
            // What the instance reaches through `Deref`, at its arguments.
            let deref = match api.deref.get(&t.path).filter(|_| !t.borrowed) {
                Some((target, fs)) => {
                    let through = TypeDef {
                        path: t.path.clone(),
                        methods: fs.clone(),
                        ..TypeDef::default()
                    };
                    let at = generic_instance(&through, sh);
                    let target = crate::instances::instance_text(&t.path, sh, target);
                    deref_decl(&at.path, &target, &at.methods, &bounds, dropped)
                }
                None => String::new(),
            };
            (!body.is_empty()).then(|| {
                format!(
                    "#[kayton::export(remote)]\n{} {{\n{body}}}\n{deref}",
                    header(&one.path)
                )
            })
        })
        .collect();
    // A type with public fields and no methods is still declared where the crate's
    // constants or results name its instances: crc's `Algorithm<W: Width>`, the type of
    // its constants, which `Crc::new` takes.
    let own_instances = !t.fields.is_empty() && api.named_instances.contains(&t.path);
    // So is one whose traits are all it offers, at the instances an alias names:
    // blake2's `Blake2b<OutSize>` (`Blake2b512 = Blake2b<U64>`), made by `Default` and
    // used through `Digest`.
    let by_traits = api.aliased_instances.contains(&t.path);
    if shapes.is_empty() || impls.is_empty() && !own_instances && !by_traits {
        return String::new();
    }
    let inst = format!("#[kayton::instantiate({})]\n", shapes.join(", "));
    let mut s = doc(&t.doc);
    s.push_str(&format!("#[kayton::export(remote = {base})]\n{inst}"));
    // Its instances at plain values are made from their fields (rgb's `RGB8(r=…)`).
    if api.literal.contains(&t.path) {
        s.push_str("#[kayton::literal]\n");
    }
    // The last parameters' defaults, which each instance records (`Graph[str, i64]` in a
    // cell is `Graph<String, i64, Directed, DefaultIx>`).
    let mut ps: Vec<String> = params.split(',').map(|p| p.trim().to_string()).collect();
    let first_default = ps.len().saturating_sub(t.defaults.len());
    for (p, d) in ps[first_default..].iter_mut().zip(&t.defaults) {
        *p = format!("{p} = {d}");
    }
    if !ls.is_empty() {
        ps.insert(0, ls.clone());
    }
    let name = format!("{}<{}>", last(base), ps.join(", "));
    s.push_str(&mirror(t, &name, api.enums.get(base), dropped));
    s.push_str(&impls.concat());
    s
}

/// The shapes the generic type `t` is instantiated for that pruning kept.
pub(crate) fn instance_shapes(t: &TypeDef, api: &Api, dropped: &BTreeSet<Key>) -> Vec<String> {
    let key = type_key(&t.path);
    api.shapes_of(t)
        .into_iter()
        .filter(|sh| !dropped.contains(&shape_key(&key, sh)))
        // An error at one instance's whole impl (a bound of a method that rustc reports
        // at the attribute: `binary_search_keys` needs `K: Ord`) drops that instance.
        .filter(|sh| !dropped.contains(&type_key(&generic_instance(t, sh).path)))
        .collect()
}

/// The consts and methods of `t` not dropped, as bodiless declarations (`bounds`: what
/// the bounds of its methods name).
fn members(t: &TypeDef, bounds: &ByName, dropped: &BTreeSet<Key>) -> String {
    let mut body = String::new();
    for c in &t.consts {
        if !dropped.contains(&const_key(&t.path, &c.name)) {
            body.push_str(&format!("pub const {}: {};\n", c.name, c.ty));
        }
    }
    let mut seen = BTreeSet::new();
    for f in &t.methods {
        let key = method_key(&t.path, &f.name);
        if dropped.contains(&key) || !seen.insert(f.name.clone()) {
            continue;
        }
        if let Some(d) = fn_decl(f, bounds.of(&f.name), &key, dropped, Some("pub ")) {
            body.push_str(&d);
        }
    }
    body
}
