//! Methods reached through `Deref`: a type that dereferences to another type of the
//! crate (toml_edit's `DocumentMut` → `Table`, camino's `Utf8PathBuf` → `Utf8Path`)
//! has the target's methods too, as Rust's method calls auto-deref. Those taking
//! `&self` (and `&mut self` where the type is `DerefMut`) that the type does not have
//! itself are declared in a block marked `#[kayton::deref(Target)]`, whose calls the
//! macros make on the target with the receiver coerced. They are the target's
//! functions, counted there, not again.
use crate::fn_bounds::FnBounds;
use crate::render::Renderer;
use crate::Coverage;
use kayton_manifest::{FnSig, Receiver};
use rustdoc_types::{Id, ItemEnum, Type};

/// The target's path and the methods `path` reaches through its `Deref` impl (with
/// what their bounds name, for a generic one: camino's `join<P: AsRef<Utf8Path>>`), if
/// it has one to a non-generic struct or enum of the crate. `own`: the type's own methods.
pub(crate) fn methods(
    r: &Renderer,
    path: &str,
    impls: &[Id],
    own: &[FnSig],
) -> Option<(String, Vec<(FnSig, FnBounds)>)> {
    let trait_impls: Vec<&rustdoc_types::Impl> = impls
        .iter()
        .filter_map(|i| r.krate.index.get(i))
        .filter_map(|i| match &i.inner {
            ItemEnum::Impl(imp) if imp.trait_.is_some() && imp.blanket_impl.is_none() => Some(imp),
            _ => None,
        })
        .collect();
    let named = |name: &str| {
        trait_impls
            .iter()
            .find(|imp| imp.trait_.as_ref().is_some_and(|t| r.trait_name(t) == name))
    };
    let deref = named("Deref")?;
    let mutable = named("DerefMut").is_some();
    let target = deref.items.iter().find_map(|i| {
        let item = r.krate.index.get(i)?;
        match &item.inner {
            ItemEnum::AssocType { type_: Some(t), .. }
                if item.name.as_deref() == Some("Target") =>
            {
                Some(t)
            }
            _ => None,
        }
    })?;
    let Type::ResolvedPath(p) = target else {
        return None;
    };
    // One of std's collections (ahash's `AHashMap<K, V, S>` → `HashMap<K, V, S>`).
    let canonical = r.krate.paths.get(&p.id).map(|s| s.path.join("::"));
    if let Some(c) = canonical.filter(|_| !r.krate.index.contains_key(&p.id)) {
        let target_path = r.ty(target, path).ok()?;
        let args = r.type_args(&p.args, path).ok()?;
        let fs: Vec<(FnSig, FnBounds)> = crate::deref_std::methods(&c, &args, mutable)
            .into_iter()
            .filter(|f| !own.iter().any(|o| o.name == f.name))
            .map(|f| (f, FnBounds::default()))
            .collect();
        return (!fs.is_empty()).then_some((target_path, fs));
    }
    if p.args.as_deref().is_some_and(has_type_args) {
        return None;
    }
    let target_item = r.krate.index.get(&p.id)?;
    let plain = match &target_item.inner {
        ItemEnum::Struct(s) => s.generics.params.is_empty(),
        ItemEnum::Enum(e) => e.generics.params.is_empty(),
        _ => false,
    };
    if !plain {
        return None;
    }
    let target_path = r.ty(target, path).ok()?;
    let mut out: Vec<(FnSig, FnBounds)> = Vec::new();
    let mut scratch = Coverage::default();
    for it in crate::generics::inherent_fns(r.krate, target_item) {
        let Some((f, b)) = crate::function::function(r, it, Some(&target_path), &mut scratch)
        else {
            continue;
        };
        let reachable = match f.receiver {
            Some(Receiver::Ref) => true,
            Some(Receiver::RefMut) => mutable,
            _ => false,
        };
        let taken = own
            .iter()
            .chain(out.iter().map(|(o, _)| o))
            .any(|o| o.name == f.name);
        if reachable && !taken && !names_self(&f) {
            out.push((f, b));
        }
    }
    (!out.is_empty()).then_some((target_path, out))
}

/// Whether generic arguments name a type (not only lifetimes).
fn has_type_args(a: &rustdoc_types::GenericArgs) -> bool {
    matches!(a, rustdoc_types::GenericArgs::AngleBracketed { args, .. }
        if args.iter().any(|a| !matches!(a, rustdoc_types::GenericArg::Lifetime(_))))
}

/// `Self` in a parameter or the result is the target there, not the type.
fn names_self(f: &FnSig) -> bool {
    let mentions = |t: &kayton_manifest::RustType| {
        t.to_string()
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == "Self")
    };
    mentions(&f.ret) || f.params.iter().any(|p| mentions(&p.ty))
}
