//! Fragments (one per exported item, read out of a plugin library) → one [`Manifest`].
//!
//! Resolves the paths each fragment wrote relative to its module, merges `impl` blocks
//! into their types, foreign traits Keyton uses into `derives`, local trait impls into
//! traits (and their methods onto the types, called through the trait's path), and
//! applies `pub use` aliases so that the public path is the one users write.
use crate::fragment::{Entry, Fragment, FRAGMENT_VERSION};
use crate::schema::{FnSig, Manifest, RustType, TraitDef, TypeDef, Unbound, MANIFEST_SCHEMA};
use std::collections::BTreeMap;

/// Foreign traits whose impls become `derives` of the type (what Keyton uses them for:
/// showing, copying and comparing values).
pub const KNOWN_TRAITS: &[&str] = &["Display", "Debug", "Clone", "PartialEq", "Default", "Index"];

/// The canonical order of instantiation shapes (manifests list instantiations in it).
pub const SHAPES: &[&str] = &[
    "i64", "f64", "&str", "String", "Vec<i64>", "Vec<f64>", "Dynamic",
];

/// Assemble the fragments of crate `krate` into its manifest.
pub fn assemble(
    krate: &str,
    fragments: &[Fragment],
    fingerprint: &str,
) -> Result<Manifest, String> {
    let mut m = Manifest {
        schema: MANIFEST_SCHEMA,
        krate: krate.to_string(),
        fingerprint: fingerprint.to_string(),
        ..Manifest::default()
    };
    let mut plugin = false;
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut traits: BTreeMap<String, TraitDef> = BTreeMap::new();
    let mut aliases = Vec::new();
    let mut other_paths: Vec<(String, String)> = Vec::new();
    for f in fragments {
        if f.version != FRAGMENT_VERSION {
            return Err(format!(
                "a fragment of module `{}` has format {}, this host reads {FRAGMENT_VERSION}: rebuild the plugin",
                f.module, f.version
            ));
        }
        let module = f.module.as_str();
        match &f.entry {
            Entry::Plugin {
                version,
                features,
                paths,
                unbound,
            } => {
                plugin = true;
                m.version = version.clone();
                m.features = features.clone();
                other_paths.extend(paths.iter().cloned());
                m.unbound
                    .extend(unbound.iter().map(|(path, reason)| Unbound {
                        path: path.clone(),
                        reason: reason.clone(),
                    }));
            }
            Entry::Function { sig } => {
                let mut sig = fix_sig(sig, krate);
                sig.name = join(module, &sig.name, krate);
                sig.rust = sig.rust.map(|r| join(module, &r, krate));
                m.functions.push(sig);
            }
            Entry::Type { def, impls } => {
                let path = join(module, &def.path, krate);
                let t = types.entry(path.clone()).or_default();
                t.path = path;
                t.doc = def.doc.clone();
                t.kind = def.kind.clone();
                t.borrowed |= def.borrowed;
                if def.owned.is_some() {
                    t.owned = def.owned.clone();
                }
                if !def.defaults.is_empty() {
                    t.defaults = def
                        .defaults
                        .iter()
                        .map(|d| d.resolve_relative(krate))
                        .collect();
                }
                t.fields
                    .extend(def.fields.iter().map(|p| fix_param(p, krate)));
                t.consts
                    .extend(def.consts.iter().map(|c| fix_const(c, krate)));
                for s in &def.methods {
                    let mut s = fix_sig(s, krate);
                    s.rust = s.rust.map(|r| join(module, &r, krate));
                    t.methods.push(s);
                }
                for d in impls
                    .split_whitespace()
                    .chain(def.derives.iter().map(|s| s.as_str()))
                {
                    add_derive(t, d);
                }
            }
            Entry::Impl {
                self_ty,
                methods,
                consts,
            } => {
                let path = type_path(module, self_ty, krate);
                let t = types.entry(path.clone()).or_default();
                t.path = path;
                t.methods.extend(methods.iter().map(|s| fix_sig(s, krate)));
                t.consts.extend(consts.iter().map(|c| fix_const(c, krate)));
            }
            Entry::TraitImpl {
                trait_path,
                self_ty,
                methods,
            } => {
                // `std::ops::Index<usize>` is the trait `Index`.
                let bare = &trait_path[..trait_path.find('<').unwrap_or(trait_path.len())];
                let last = bare.rsplit("::").next().unwrap_or(bare);
                let foreign = !trait_path.contains("::")
                    || ["std::", "core::", "alloc::"]
                        .iter()
                        .any(|p| trait_path.starts_with(p));
                if foreign && KNOWN_TRAITS.contains(&last) {
                    let path = type_path(module, self_ty, krate);
                    let t = types.entry(path.clone()).or_default();
                    t.path = path;
                    add_derive(t, last);
                    // `Index` at a concrete key: its `index` (`caps[1]` is a `str`).
                    for f in methods {
                        t.methods.push(FnSig {
                            via_trait: Some(trait_path.clone()),
                            ..fix_sig(f, krate)
                        });
                    }
                    continue;
                }
                // `ContinuousCDF<f64, f64>`: methods are called through the trait at
                // those parameters; the trait itself is imported by its bare path.
                let tpath = join(module, trait_path, krate);
                let def_path = join(module, bare, krate);
                let target = if is_primitive(self_ty) {
                    self_ty.clone()
                } else {
                    type_path(module, self_ty, krate)
                };
                let tr = traits.entry(def_path.clone()).or_default();
                tr.path = def_path;
                if !tr.implemented_for.contains(&target) {
                    tr.implemented_for.push(target.clone());
                }
                for s in methods {
                    let s = fix_sig(s, krate);
                    // Once per name, and per instantiation of a generic one
                    // (num-format's `to_formatted_string` for `Locale` and for
                    // `CustomFormat`).
                    push_once(&mut tr.methods, &s);
                    if is_primitive(self_ty) {
                        push_once(tr.primitive_impls.entry(self_ty.clone()).or_default(), &s);
                    } else {
                        // Callable on the type as a method, through the trait's path.
                        let t = types.entry(target.clone()).or_default();
                        t.path = target.clone();
                        t.methods.push(FnSig {
                            via_trait: Some(tpath.clone()),
                            ..s
                        });
                    }
                }
            }
            Entry::Trait { def } => {
                let tpath = join(module, &def.path, krate);
                let tr = traits.entry(tpath.clone()).or_default();
                tr.path = tpath;
                for s in &def.methods {
                    if !tr.methods.iter().any(|x| x.name == s.name) {
                        tr.methods.push(fix_sig(s, krate));
                    }
                }
            }
            Entry::Alias { target, public } => {
                aliases.push((join(module, target, krate), join(module, public, krate)));
            }
            Entry::TypeAlias { name, target } => m.aliases.push(crate::schema::TypeAlias {
                path: join(module, name, krate),
                target: target.resolve_relative(krate),
            }),
            Entry::Const { name, ty } => m.consts.push(crate::schema::Const {
                name: join(module, name, krate),
                ty: ty.resolve_relative(krate),
            }),
        }
    }
    if !plugin {
        return Err(format!(
            "crate `{krate}` has exported items but no `kayton::plugin!();` (add it once, at the crate root)"
        ));
    }
    m.types = types.into_values().collect();
    m.traits = traits.into_values().collect();
    held_as_owned(&mut m);
    m.functions
        .sort_by_key(|f| (f.name.clone(), shape_rank(f.shape.as_deref())));
    for (target, public) in aliases {
        rename(&mut m, &target, &public);
    }
    // Another public path of an item is an alias of the path the item has here (unless
    // something else is there).
    for (other, at) in other_paths {
        let taken = m.type_def(&other).is_some()
            || m.function(&other).is_some()
            || m.trait_def(&other).is_some()
            || m.alias(&other).is_some();
        if let (false, Ok(target)) = (taken, RustType::parse(&at)) {
            m.aliases.push(crate::schema::TypeAlias {
                path: other,
                target,
            });
        }
    }
    default_instances(&mut m);
    structural_aliases(&mut m);
    map_aliases::write_out(&mut m);
    m.types.sort_by(|a, b| a.path.cmp(&b.path));
    m.aliases.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(m)
}

/// A generic type whose parameters all have defaults is declared as its default
/// instance, at its bare path (`petgraph::graph::NodeIndex`); signatures of other
/// generic types' instances name it with those defaults filled in
/// (`NodeIndex<DefaultIx>`). Those are written as the bare path, the one type a cell
/// holds. (A type that has instances of its own is left alone.)
fn default_instances(m: &mut Manifest) {
    let bare: std::collections::BTreeSet<String> = m
        .types
        .iter()
        .filter(|t| !t.path.contains('<'))
        .map(|t| t.path.clone())
        .collect();
    let instanced: std::collections::BTreeSet<String> = m
        .types
        .iter()
        .filter_map(|t| t.path.split_once('<').map(|(b, _)| b.to_string()))
        .collect();
    let f = |p: &crate::rust_type::TypePath| {
        let b = p.bare();
        if !p.type_args().is_empty() && bare.contains(&b) && !instanced.contains(&b) {
            crate::rust_type::TypePath::plain(&b)
        } else {
            p.clone()
        }
    };
    each_type(m, &|t: &mut RustType| *t = t.map_type_paths(&f));
}

/// An unsized type (`Utf8Path`) is named as its owned form (`Utf8PathBuf`) wherever
/// signatures take or give one (`&Utf8Path`, the items of an iterator of them): a cell
/// copies a result into the owned value (`ToOwned`) and lends that value where one is
/// taken (rustc's `Deref` coercion).
fn held_as_owned(m: &mut Manifest) {
    let owned: BTreeMap<String, String> = m
        .types
        .iter()
        .filter_map(|t| {
            let o = RustType::Path(crate::rust_type::TypePath::plain(t.owned.as_deref()?));
            Some((t.path.clone(), o.resolve_relative(&m.krate).to_string()))
        })
        .collect();
    if owned.is_empty() {
        return;
    }
    let f = |p: &crate::rust_type::TypePath| match owned.get(&p.bare()) {
        Some(o) if p.type_args().is_empty() => crate::rust_type::TypePath::plain(o),
        _ => p.clone(),
    };
    each_type(m, &|t: &mut RustType| *t = t.map_type_paths(&f));
}

/// An alias of a type that is not a path (`uuid::Bytes = [u8; 16]`) is written out in
/// signatures, so that a cell converts the array, tuple or reference it is.
fn structural_aliases(m: &mut Manifest) {
    let targets: std::collections::BTreeMap<String, RustType> = m
        .aliases
        .iter()
        .filter(|a| !matches!(a.target, RustType::Path(_)))
        .map(|a| (a.path.clone(), a.target.clone()))
        .collect();
    if targets.is_empty() {
        return;
    }
    let f = |t: &RustType| match t {
        RustType::Path(p) if p.type_args().is_empty() => targets.get(&p.bare()).cloned(),
        _ => None,
    };
    each_type(m, &|t: &mut RustType| *t = t.map(&mut |x| f(x)));
}

/// Apply `go` to every type the manifest's signatures, fields, constants and aliases name.
fn each_type(m: &mut Manifest, go: &dyn Fn(&mut RustType)) {
    let sig = |s: &mut FnSig| {
        s.params.iter_mut().for_each(|p| go(&mut p.ty));
        go(&mut s.ret);
    };
    m.functions.iter_mut().for_each(sig);
    for t in &mut m.types {
        t.fields.iter_mut().for_each(|p| go(&mut p.ty));
        t.consts.iter_mut().for_each(|c| go(&mut c.ty));
        t.methods.iter_mut().for_each(sig);
    }
    for tr in &mut m.traits {
        tr.methods.iter_mut().for_each(sig);
    }
    m.aliases.iter_mut().for_each(|a| go(&mut a.target));
}

/// The registrar symbols of the fragments: kinds first, so that every kind has its id
/// before any function that returns it is registered.
pub fn registrars(fragments: &[Fragment]) -> Vec<String> {
    let mut v: Vec<(bool, &String)> = fragments
        .iter()
        .filter_map(|f| {
            let r = f.register.as_ref()?;
            Some((!matches!(f.entry, Entry::Type { .. }), r))
        })
        .collect();
    v.sort();
    v.dedup();
    v.into_iter().map(|(_, r)| r.clone()).collect()
}

fn shape_rank(shape: Option<&str>) -> usize {
    shape
        .and_then(|s| SHAPES.iter().position(|x| *x == s))
        .unwrap_or(0)
}

fn add_derive(t: &mut TypeDef, d: &str) {
    if !t.derives.iter().any(|x| x == d) {
        t.derives.push(d.to_string());
    }
}

/// A type of the language itself, or a borrow of one (`impl Colorize for &str`).
/// A trait's method into `list`, once per name and instantiation (its `rust` path is
/// the impl's, not the trait's).
fn push_once(list: &mut Vec<FnSig>, s: &FnSig) {
    if !list.iter().any(|x| x.name == s.name && x.shape == s.shape) {
        list.push(FnSig {
            rust: None,
            ..s.clone()
        });
    }
}

fn is_primitive(t: &str) -> bool {
    let t = t.trim_start_matches('&');
    // A slice, array or tuple (`[i64]` of rand's `SliceRandom for [i64]`) is no path
    // of the module either.
    t.starts_with('[')
        || t.starts_with('(')
        || ["str", "String", "bool", "char"].contains(&t)
        || crate::symbols::NUMBERS.contains(&t)
}

/// `name` (bare, `crate::…`, `self::…`, `super::…`) as seen from `module`.
fn join(module: &str, name: &str, krate: &str) -> String {
    let name = name.trim_start_matches("::");
    // The standard library's paths are absolute wherever they are written (a remote
    // `impl std::str::FromStr for semver::Version` sits in module `semver`).
    let std_path = ["std::", "core::", "alloc::"]
        .iter()
        .any(|p| name.starts_with(p));
    let full = if std_path || name.starts_with("crate::") || name.starts_with(&format!("{krate}::"))
    {
        name.to_string()
    } else {
        format!("{module}::{name}")
    };
    normalize(&full, krate)
}

/// A self type's path without its generic arguments' resolution (`Wrapper<i64>` keeps them).
fn type_path(module: &str, ty: &str, krate: &str) -> String {
    // Only the path before the arguments says whether it is relative
    // (`Stack<kayton_api::Dynamic>` is).
    let head = &ty[..ty.find('<').unwrap_or(ty.len())];
    if head.contains("::") {
        normalize(ty, krate)
    } else {
        join(module, ty, krate)
    }
}

/// Resolve `crate::`, `self::` and `super::` segments of a path (`crate::a::super::B`
/// → `<krate>::B`), on its tree; text that is no Rust path is kept as it is.
pub fn normalize(text: &str, krate: &str) -> String {
    RustType::parse(text).map_or_else(
        |_| text.to_string(),
        |t| t.resolve_relative(krate).to_string(),
    )
}

fn fix_param(p: &crate::schema::Param, krate: &str) -> crate::schema::Param {
    crate::schema::Param {
        name: p.name.clone(),
        ty: p.ty.resolve_relative(krate),
    }
}

fn fix_const(c: &crate::schema::Const, krate: &str) -> crate::schema::Const {
    crate::schema::Const {
        name: c.name.clone(),
        ty: c.ty.resolve_relative(krate),
    }
}

fn fix_sig(s: &FnSig, krate: &str) -> FnSig {
    FnSig {
        params: s.params.iter().map(|p| fix_param(p, krate)).collect(),
        ret: s.ret.resolve_relative(krate),
        ..s.clone()
    }
}

/// Rename the item at `target` to `public` everywhere (paths and type text).
fn rename(m: &mut Manifest, target: &str, public: &str) {
    let re = |t: &mut String| *t = replace_path(t, target, public);
    let re_ty = |t: &mut RustType| *t = t.rename_path(target, public);
    for f in &mut m.functions {
        rename_sig(f, target, public);
    }
    for t in &mut m.types {
        re(&mut t.path);
        t.owned.iter_mut().for_each(re);
        for f in &mut t.fields {
            re_ty(&mut f.ty);
        }
        for c in &mut t.consts {
            re_ty(&mut c.ty);
        }
        for f in &mut t.methods {
            rename_sig(f, target, public);
        }
    }
    for a in &mut m.aliases {
        re_ty(&mut a.target);
    }
    for tr in &mut m.traits {
        re(&mut tr.path);
        for i in &mut tr.implemented_for {
            re(i);
        }
        for f in &mut tr.methods {
            rename_sig(f, target, public);
        }
    }
}

fn rename_sig(f: &mut FnSig, target: &str, public: &str) {
    f.name = replace_path(&f.name, target, public);
    for r in [&mut f.rust, &mut f.via_trait].into_iter().flatten() {
        *r = replace_path(r, target, public);
    }
    for p in &mut f.params {
        p.ty = p.ty.rename_path(target, public);
    }
    f.ret = f.ret.rename_path(target, public);
}

/// A path (`geo::inner::Stack<T>`) with the item `from` (or a path under it) renamed
/// `to`, on its tree; text that is no Rust path is kept as it is.
fn replace_path(s: &str, from: &str, to: &str) -> String {
    RustType::parse(s).map_or_else(|_| s.to_string(), |t| t.rename_path(from, to).to_string())
}

mod map_aliases;
#[cfg(test)]
mod tests;
