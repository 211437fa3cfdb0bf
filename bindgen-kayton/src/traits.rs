//! Trait impls a plugin declares, so that their methods are callable on the type:
//!
//! - impls of the crate's own public traits (`base64::Engine for GeneralPurpose`, heck's
//!   `ToSnakeCase` for every `AsRef<str>`, which Keyton holds as `str`), each with every
//!   method of the trait (required and provided), signatures from the trait's
//!   declaration with the impl's associated types filled in;
//! - `FromStr`, `Default`, `Iterator` and io's `Write` of std, implemented for the
//!   crate's types, whose methods Keyton calls like any other (`Version.from_str("1.2.3")`,
//!   `encoder.write_all(b"foo")`), with `Index`, `From<X>` and the operators: `std_impls.rs`.
use crate::fn_bounds::ByName;
use crate::render::Renderer;
use crate::{function, Coverage};
use kayton_manifest::{FnSig, RustType};
use rustdoc_types::{Id, Impl, Item, ItemEnum, Type};
use std::collections::HashMap;

/// `impl <trait_path> for <self_ty> { methods }` as the plugin declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitImpl {
    pub trait_path: String,
    pub self_ty: String,
    pub methods: Vec<FnSig>,
    /// Type parameters of the impl, instantiated per item type (`KItem` of an impl for
    /// `kayton_api::Iter<KItem>`).
    pub generics: Vec<String>,
    /// What the bounds of its generic methods name (bindgen's working data).
    pub bounds: ByName,
}

/// The item type of a trait declared for every iterator (`impl<KItem> Tr for
/// kayton_api::Iter<KItem>`): a name no trait method uses for its own parameters.
pub const ITER_ITEM: &str = "KItem";
/// What such a trait is declared for.
pub const ITER_SELF: &str = "kayton_api::Iter<KItem>";
/// A trait for every slice (`impl<T> IndexedRandom for [T]`), declared per item type a
/// Keyton list lends as a slice (`[i64]`).
pub const SLICE_SELF: &str = "[KItem]";

/// Whether `self_ty` is declared once per item type (`ITER_SELF`, `SLICE_SELF`).
pub fn per_item(self_ty: &str) -> bool {
    self_ty == ITER_SELF || self_ty == SLICE_SELF
}

/// Whether the type parameter `g` of `imp` is bound by `Iterator` (itertools'
/// `impl<T: Iterator + ?Sized> Itertools for T`).
fn iterator_bound(imp: &Impl, g: &str) -> bool {
    use rustdoc_types::{GenericBound, GenericParamDefKind, WherePredicate};
    let is_iter = |bs: &[GenericBound]| {
        bs.iter().any(|b| {
            matches!(b, GenericBound::TraitBound { trait_, .. }
            if trait_.path.rsplit("::").next() == Some("Iterator"))
        })
    };
    let on_param = imp.generics.params.iter().any(|p| {
        p.name == g
            && matches!(&p.kind, GenericParamDefKind::Type { bounds, .. } if is_iter(bounds))
    });
    let in_where = imp.generics.where_predicates.iter().any(|w| {
        matches!(w, WherePredicate::BoundPredicate { type_: Type::Generic(t), bounds, .. }
            if t == g && is_iter(bounds))
    });
    on_param || in_where
}

/// The impl's associated types as `Self::Name` → type text (`Self::Err` → `semver::Error`).
fn assoc_types(r: &Renderer, imp: &Impl, self_path: &str) -> HashMap<String, String> {
    imp.items
        .iter()
        .filter_map(|i| r.krate.index.get(i))
        .filter_map(|i| match &i.inner {
            ItemEnum::AssocType { type_: Some(t), .. } => {
                let text = r.ty(t, self_path).ok()?;
                Some((format!("Self::{}", i.name.as_deref()?), text))
            }
            _ => None,
        })
        .collect()
}

/// Whether the impl's type parameter `g` is `?Sized`.
fn maybe_unsized(imp: &Impl, g: &str) -> bool {
    use rustdoc_types::{GenericBound, GenericParamDefKind, TraitBoundModifier, WherePredicate};
    let maybe = |bs: &[GenericBound]| {
        bs.iter().any(|b| {
            matches!(
                b,
                GenericBound::TraitBound {
                    modifier: TraitBoundModifier::Maybe,
                    ..
                }
            )
        })
    };
    imp.generics.params.iter().any(|p| {
        p.name == g && matches!(&p.kind, GenericParamDefKind::Type { bounds, .. } if maybe(bounds))
    }) || imp.generics.where_predicates.iter().any(|w| {
        matches!(w, WherePredicate::BoundPredicate { type_: Type::Generic(t), bounds, .. }
            if t == g && maybe(bounds))
    })
}

/// What an impl is for, as types Keyton can hold: a path, a primitive, or — for a
/// blanket impl over a type parameter — `str`, Keyton's most common value (and the
/// numbers, for a sized one): whether each meets the impl's bounds (heck's `T: AsRef<str>`, not itertools' `T: Iterator`)
/// is left to the compiler, which prunes the impl's methods if not.
fn self_types(r: &Renderer, imp: &Impl) -> Vec<String> {
    let one = |t: &str| vec![t.to_string()];
    match &imp.for_ {
        Type::Primitive(p) => one(p),
        // Over every iterator: Keyton passes a list as a `kayton_api::Iter`.
        Type::Generic(g) if iterator_bound(imp, g) => one(ITER_SELF),
        Type::Slice(e) if matches!(&**e, Type::Generic(_)) => one(SLICE_SELF),
        // `T: ?Sized` may be `str` itself; a sized `T` (convert_case's `impl<T:
        // AsRef<str>> Casing<T> for T`) is `&str` — or a number (num-format's `impl<T:
        // ToFormattedStr> ToFormattedString for T`): each is declared, and the compiler
        // prunes those that miss the bounds.
        Type::Generic(g) if maybe_unsized(imp, g) => one("str"),
        Type::Generic(_) => ["&str", "i64", "f64"].map(String::from).to_vec(),
        other => r.ty(other, "").ok().into_iter().collect(),
    }
}

/// Every impl of the crate's public trait `trait_item` (at `trait_path`) listed on the
/// trait that Keyton can use. Blanket impls (`impl<R: RngCore> Rng for R`) are found
/// from the types instead, by [`of_type`].
pub fn local_impls(r: &Renderer, trait_path: &str, trait_item: &Item) -> Vec<TraitImpl> {
    let ItemEnum::Trait(t) = &trait_item.inner else {
        return Vec::new();
    };
    impls(r, &t.implementations)
        .into_iter()
        .flat_map(|imp| {
            let (defaults, at_defaults) = impl_params::foreign_defaults(r, imp);
            let r = &Renderer {
                bound: &defaults,
                ..*r
            };
            self_types(r, imp)
                .into_iter()
                // The instance at every default is the type's bare path, as it is held.
                .map(|t| match at_defaults {
                    true => t.split('<').next().unwrap_or(&t).to_string(),
                    false => t,
                })
                .filter_map(|self_ty| declare(r, r, trait_path, trait_item, imp, &self_ty))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `imp` of the trait `trait_item` for `self_ty`, with every trait method that renders.
/// `r` renders the impl (its crate); `rt` the trait's methods (the trait's crate).
fn declare(
    r: &Renderer,
    rt: &Renderer,
    trait_path: &str,
    trait_item: &Item,
    imp: &Impl,
    self_ty: &str,
) -> Option<TraitImpl> {
    // Over a slice `[T]`: `T` is the item type, in the impl's associated types too
    // (`type Output = T`).
    // The impl's parameters a generic self type names (`Tz` of `impl<Tz: TimeZone>
    // Datelike for DateTime<Tz>`) come bound by the caller.
    let mut item_param = r.bound.clone();
    // A blanket impl over `T` held as a string or a number: `T` is that type wherever
    // the impl names it (`Casing<T>` is `Casing<&str>`).
    if let (Type::Generic(g), "str" | "&str" | "i64" | "f64") = (&imp.for_, self_ty) {
        item_param.insert(g.clone(), self_ty.to_string());
    }
    if let (true, Type::Slice(e)) = (self_ty == SLICE_SELF, &imp.for_) {
        if let Type::Generic(g) = &**e {
            item_param.insert(g.clone(), ITER_ITEM.to_string());
        }
    }
    let rb = Renderer {
        bound: &item_param,
        ..*r
    };
    let mut bound = assoc_types(&rb, imp, self_ty);
    bound.extend(item_param.clone());
    // A generic trait implemented at concrete parameters (`impl ContinuousCDF<f64, f64>
    // for Normal`): its parameters are those types in the methods, and the impl is of
    // the trait at them.
    let ItemEnum::Trait(t) = &trait_item.inner else {
        return None;
    };
    // `Self::Scalar` declared by a supertrait (cgmath's `InnerSpace: VectorSpace`).
    for (k, v) in supertraits::assoc_types(r, rt, t, imp, (self_ty, &item_param), 0) {
        bound.entry(k).or_insert(v);
    }
    let params: Vec<&rustdoc_types::GenericParamDef> = t
        .generics
        .params
        .iter()
        .filter(|p| !matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
        .collect();
    let mut args = match &imp.trait_ {
        Some(tr) if !params.is_empty() => rb.type_args(&tr.args, self_ty).ok()?,
        _ => Vec::new(),
    };
    // Parameters the impl leaves to the trait's defaults (approx's `impl AbsDiffEq for
    // f64` of `AbsDiffEq<Rhs = Self>`): `Self` is the implementing type.
    for p in params.iter().skip(args.len()) {
        args.push(trait_default(&rb, p, self_ty)?);
    }
    if args.len() != params.len() {
        return None;
    }
    let params: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    for (p, a) in params.iter().zip(&args) {
        bound.insert(p.to_string(), a.clone());
    }
    let trait_path = match args.is_empty() {
        true => trait_path.to_string(),
        false => format!("{trait_path}<{}>", args.join(", ")),
    };
    let over_iter = self_ty == ITER_SELF;
    if over_iter {
        bound.insert("Self::Item".into(), ITER_ITEM.into());
    }
    if self_ty == SLICE_SELF {
        // `[T]: Index<usize, Output = T>` (std's impl, which rustdoc does not show here).
        bound.insert("Self::Output".into(), ITER_ITEM.into());
    }
    let ri = Renderer {
        bound: &bound,
        iter_item: over_iter.then_some(ITER_ITEM),
        ..*rt
    };
    // Reasons are counted once per trait method, by `count_unbound`.
    let mut scratch = Coverage::default();
    let mut bounds = ByName::default();
    let methods: Vec<FnSig> = trait_methods(rt, trait_item)
        .filter_map(|m| function(&ri, m, Some(self_ty), &mut scratch))
        // An adaptor is an `impl Iterator` only as the whole result (not in a tuple, not
        // as a parameter).
        .filter(|(f, _)| {
            let iter = |t: &RustType| t.to_string().contains("impl Iterator");
            let whole = matches!(f.ret, RustType::ImplTrait(_));
            (whole || !iter(&f.ret)) && !f.params.iter().any(|p| iter(&p.ty))
        })
        .map(|(f, b)| {
            bounds.add(&f.name, b);
            f
        })
        .collect();
    (!methods.is_empty()).then(|| TraitImpl {
        trait_path,
        self_ty: self_ty.to_string(),
        methods,
        generics: if per_item(self_ty) {
            vec![ITER_ITEM.to_string()]
        } else {
            Vec::new()
        },
        bounds,
    })
}

/// The default of the trait parameter `p`, rendered for an impl on `self_ty`.
fn trait_default(
    r: &Renderer,
    p: &rustdoc_types::GenericParamDef,
    self_ty: &str,
) -> Option<String> {
    match &p.kind {
        rustdoc_types::GenericParamDefKind::Type {
            default: Some(Type::Generic(s)),
            ..
        } if s == "Self" => Some(self_ty.to_string()),
        rustdoc_types::GenericParamDefKind::Type {
            default: Some(d), ..
        } => r.ty(d, self_ty).ok(),
        rustdoc_types::GenericParamDefKind::Const {
            default: Some(d), ..
        } => Some(d.clone()),
        _ => None,
    }
}

fn trait_methods<'a>(r: &Renderer<'a>, trait_item: &'a Item) -> impl Iterator<Item = &'a Item> {
    let items: &[Id] = match &trait_item.inner {
        ItemEnum::Trait(t) => &t.items,
        _ => &[],
    };
    let krate = r.krate;
    items
        .iter()
        .filter_map(move |i| krate.index.get(i))
        .filter(|i| matches!(i.inner, ItemEnum::Function(_)))
}

/// The trait impl `imp` of the type at `self_path` as the plugin declares it, if it is
/// of one of the crate's public traits (a blanket one included) or of a std trait
/// Keyton calls.
/// The parameter of `imp` when it is a blanket impl of a public trait of the crates
/// read (`impl<D: FixedOutput + Default + Update> Digest for D`), not one over every
/// iterator (itertools' `Itertools`) nor std's (`Into`, `ToOwned`).
pub(crate) fn crate_blanket(r: &Renderer, imp: &Impl) -> Option<String> {
    // Listed on a type, a blanket impl is `for` that type; `blanket_impl` is its `D`.
    let Some(Type::Generic(g)) = &imp.blanket_impl else {
        return None;
    };
    let tr = imp.trait_.as_ref()?;
    let canonical = r.krate.paths.get(&tr.id)?.path.join("::");
    (!iterator_bound(imp, g) && r.traits.contains_key(&canonical)).then(|| g.clone())
}

/// [`of_type`] with its plain methods only, if it has any: a generic one (rand's
/// `Distribution::sample<R: Rng>`) of an impl declared per instance multiplies the type's
/// shapes by its own, which doubled rand's bindgen time.
pub fn plain_of_type(r: &Renderer, self_path: &str, imp: &Impl) -> Option<TraitImpl> {
    let mut i = of_type(r, self_path, imp)?;
    i.methods.retain(|f| f.generics.is_empty());
    (!i.methods.is_empty()).then_some(i)
}

pub fn of_type(r: &Renderer, self_path: &str, imp: &Impl) -> Option<TraitImpl> {
    if let Some(std) = std_impl(r, self_path, imp) {
        return Some(std);
    }
    let tr = imp.trait_.as_ref()?;
    let canonical = r.krate.paths.get(&tr.id)?.path.join("::");
    let (c, id) = r.traits.get(&canonical)?;
    let rt = Renderer {
        krate: r.crates[*c],
        own: *c == 0,
        ..*r
    };
    let trait_item = rt.krate.index.get(id)?;
    let public = r.public.get(&canonical)?;
    let floats = impl_params::float_params(r, imp);
    if floats.is_empty() {
        return declare(r, &rt, public, trait_item, imp, self_path);
    }
    let rf = Renderer {
        bound: &floats,
        ..*r
    };
    let rtf = Renderer {
        bound: &floats,
        ..rt
    };
    declare(&rf, &rtf, public, trait_item, imp, self_path)
}

/// Count each method of the trait at `trait_path` that no declared impl binds, with
/// its reason.
pub fn count_unbound(
    r: &Renderer,
    trait_path: &str,
    trait_item: &Item,
    declared: &[TraitImpl],
    cov: &mut Coverage,
) {
    let ItemEnum::Trait(t) = &trait_item.inner else {
        return;
    };
    let mine: Vec<&TraitImpl> = declared
        .iter()
        .filter(|i| i.trait_path.split('<').next() == Some(trait_path))
        .collect();
    for m in trait_methods(r, trait_item) {
        let bound = mine
            .iter()
            .any(|i| i.methods.iter().any(|f| Some(&f.name) == m.name.as_ref()));
        if bound {
            continue;
        }
        if mine.is_empty() {
            cov.skip(if t.implementations.is_empty() {
                "method of a trait no public type implements"
            } else {
                "method of a trait implemented only for types Keyton cannot hold"
            });
        } else {
            // Its own reason: render it once more. One that renders was left out of the
            // declarations for an iterator where Keyton cannot take one.
            if function(r, m, Some(trait_path), cov).is_some() {
                cov.skip("an iterator inside a tuple or as a parameter");
            }
        }
    }
}

fn impls<'a>(r: &Renderer<'a>, ids: &[Id]) -> Vec<&'a Impl> {
    ids.iter()
        .filter_map(|i| r.krate.index.get(i))
        .filter_map(|i| match &i.inner {
            ItemEnum::Impl(imp) if !imp.is_negative => Some(imp),
            _ => None,
        })
        .collect()
}

mod impl_params;
mod std_impls;
mod supertraits;
pub use std_impls::std_impl;

/// `regex::Captures` → `regex::Captures<'_>`: a borrowed type (one lifetime, first) as
/// an impl header names it.
pub fn with_elided_lifetime(path: &str) -> String {
    match path.find('<') {
        Some(i) => format!("{}<'_, {}", &path[..i], &path[i + 1..]),
        None => format!("{path}<'_>"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_borrowed_type_is_named_with_its_lifetime_elided() {
        use super::with_elided_lifetime as e;
        assert_eq!(e("regex::Captures"), "regex::Captures<'_>");
        assert_eq!(
            e("http::header::Entry<HeaderValue>"),
            "http::header::Entry<'_, HeaderValue>"
        );
    }
}
