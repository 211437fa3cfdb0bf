//! Associated types a trait's methods name through a supertrait: cgmath's `InnerSpace:
//! VectorSpace` writes `fn magnitude(self) -> Self::Scalar`, and `Scalar` is what the
//! self type's impl of `VectorSpace` says (`impl<S: BaseNum> VectorSpace for Vector3<S>
//! { type Scalar = S; }`), at the instance's parameters (`Vector3<f64>` → `f64`).
use crate::render::Renderer;
use rustdoc_types::{GenericArg, GenericArgs, GenericBound, Impl, ItemEnum, Trait, Type};
use std::collections::HashMap;

/// How many supertraits up an associated type is looked for.
const MAX_DEPTH: u8 = 3;

/// `Self::Name` → type text for the associated types of `tr`'s supertraits, from the
/// impls of the type `imp` is for. `params` binds `imp`'s own type parameters (those a
/// generic self type names, as the caller bound them); a supertrait impl's parameters
/// are matched to them by their position in the self type. `depth` is how many
/// supertraits up this is (0 from the caller).
pub(super) fn assoc_types(
    r: &Renderer,
    rt: &Renderer,
    tr: &Trait,
    imp: &Impl,
    (self_ty, params): (&str, &HashMap<String, String>),
    depth: u8,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    if depth >= MAX_DEPTH {
        return out;
    }
    // The self type's impls: a struct's or enum's own list; for a primitive (approx's
    // `impl RelativeEq for f64`, whose `Self::Epsilon` is `AbsDiffEq`'s), the supertrait's
    // impls for that same type (below).
    let own_impls = match &imp.for_ {
        Type::ResolvedPath(for_path) => match r.krate.index.get(&for_path.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => Some(&s.impls),
            Some(ItemEnum::Enum(e)) => Some(&e.impls),
            _ => return out,
        },
        Type::Primitive(_) => None,
        _ => return out,
    };
    for b in &tr.bounds {
        let GenericBound::TraitBound { trait_: sup, .. } = b else {
            continue;
        };
        let last = |p: &str| p.rsplit("::").next().unwrap_or(p).to_string();
        // The supertrait as its own crate declares it (its own supertraits, one level up).
        let sup_trait = rt.krate.index.get(&sup.id).and_then(|i| match &i.inner {
            ItemEnum::Trait(t) => Some((t, i.name.clone().unwrap_or_default())),
            _ => None,
        });
        let Some((sup_trait, sup_name)) = sup_trait else {
            continue;
        };
        let impls = own_impls.unwrap_or(&sup_trait.implementations);
        let found = impls
            .iter()
            .filter_map(|id| r.krate.index.get(id))
            .find_map(|i| match &i.inner {
                ItemEnum::Impl(si)
                    if si
                        .trait_
                        .as_ref()
                        .is_some_and(|t| last(&t.path) == sup_name)
                        && (own_impls.is_some() || si.for_ == imp.for_) =>
                {
                    Some(si)
                }
                _ => None,
            });
        let Some(sup_imp) = found else {
            continue;
        };
        let bound = rename(&imp.for_, &sup_imp.for_, params);
        let rs = Renderer {
            bound: &bound,
            ..*r
        };
        for it in sup_imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
            if let ItemEnum::AssocType { type_: Some(t), .. } = &it.inner {
                if let (Some(name), Ok(text)) = (&it.name, rs.ty(t, self_ty)) {
                    out.entry(format!("Self::{name}")).or_insert(text);
                }
            }
        }
        let up = assoc_types(r, rt, sup_trait, sup_imp, (self_ty, &bound), depth + 1);
        for (k, v) in up {
            out.entry(k).or_insert(v);
        }
    }
    out
}

/// The supertrait impl's parameters bound to what `params` binds the impl's parameters
/// at the same position of the self type (`Vector3<S>` and `Vector3<T>`: `T` is `S`'s).
fn rename(ours: &Type, theirs: &Type, params: &HashMap<String, String>) -> HashMap<String, String> {
    let args = |t: &Type| -> Vec<Option<String>> {
        let Type::ResolvedPath(p) = t else {
            return Vec::new();
        };
        match p.args.as_deref() {
            Some(GenericArgs::AngleBracketed { args, .. }) => args
                .iter()
                .filter(|a| matches!(a, GenericArg::Type(_)))
                .map(|a| match a {
                    GenericArg::Type(Type::Generic(g)) => Some(g.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut out = params.clone();
    for (a, b) in args(ours).into_iter().zip(args(theirs)) {
        if let (Some(a), Some(b)) = (a, b) {
            if let Some(v) = params.get(&a) {
                out.insert(b, v.clone());
            }
        }
    }
    out
}
