//! What the bounds of a function's type parameters name, as extra instantiations
//! beside the seven shapes: conversion targets (`Into<Option<Duration>>`), the crate's
//! implementors of a bound trait (`R: Rng` → `ThreadRng`), std's byte streams
//! (`io::Write` → `Vec<u8>`), impls over another parameter (`R: SampleRange<T>` →
//! `Range<T>`), tuples of an item type, and closures declared as boxed closures.
use crate::implementors::{concrete_trait_arg, implementors, impls_over, over_param};
use crate::render::Renderer;
use rustdoc_types::{ItemEnum, Type};

/// Whether `text` is one of the seven shapes (instantiated anyway).
fn is_shape(text: &str) -> bool {
    kayton_manifest::assemble::SHAPES
        .iter()
        .any(|s| s.replace(' ', "") == text.replace(' ', ""))
}

/// Stands for a bound's `Item = X` in an implementor (a tuple `(A, A)` of it).
pub(crate) const ITEM: &str = "@ITEM@";

/// `X` of a bound `Trait<Item = X>`, rendered.
fn item_constraint(r: &Renderer, tr: &rustdoc_types::Path) -> Option<String> {
    use rustdoc_types::{AssocItemConstraintKind, GenericArgs, Term};
    let Some(GenericArgs::AngleBracketed { constraints, .. }) = tr.args.as_deref() else {
        return None;
    };
    constraints.iter().find_map(|c| match &c.binding {
        AssocItemConstraintKind::Equality(Term::Type(t)) if c.name == "Item" => r.ty(t, "").ok(),
        _ => None,
    })
}

/// The canonical path of the item `tr` names (`core::iter::traits::collect::IntoIterator`).
pub(crate) fn canonical_of(r: &Renderer, tr: &rustdoc_types::Path) -> Option<String> {
    r.krate.paths.get(&tr.id).map(|s| s.path.join("::"))
}

/// Primitive implementors taken for a bound, widest first.
pub(crate) const NUMBERS: &[&str] = &[
    "u64", "usize", "u32", "i32", "f32", "u16", "i16", "u8", "i8",
];

/// At most this many extra instantiations per function: each costs compile time.
const MAX_BOUND_TYPES: usize = 3;

/// The bounds on the type parameters `names`, inline and in `where` clauses.
pub fn bounds_of<'g>(
    g: &'g rustdoc_types::Generics,
    names: &[String],
) -> Vec<&'g rustdoc_types::GenericBound> {
    use rustdoc_types::{GenericParamDefKind, WherePredicate};
    let mut bounds = Vec::new();
    for p in &g.params {
        if let GenericParamDefKind::Type { bounds: b, .. } = &p.kind {
            if names.contains(&p.name) {
                bounds.extend(b);
            }
        }
    }
    for w in &g.where_predicates {
        if let WherePredicate::BoundPredicate {
            type_: Type::Generic(t),
            bounds: b,
            ..
        } = w
        {
            if names.contains(t) {
                bounds.extend(b);
            }
        }
    }
    bounds
}

/// The types the bounds of a function's type parameters name as a conversion target:
/// `T: Into<Option<Duration>>` (reqwest's `timeout`), `AsRef<X>`, `Borrow<X>`. Each is an
/// extra instantiation beside the seven shapes (a `T` of `Into<X>` is at least `X`).
pub fn bound_types(r: &Renderer, g: &rustdoc_types::Generics, names: &[String]) -> Vec<String> {
    types_of_bounds(r, g, names, false)
}

/// [`bound_types`] of a function's type parameters, where bytes are passed as `&[u8]`
/// too (hex's `encode<T: AsRef<[u8]>>(data: T)`); a type's parameter is not lent bytes
/// (bs58's `EncodeBuilder<'a, I>` would borrow them).
pub fn fn_bound_types(r: &Renderer, g: &rustdoc_types::Generics, names: &[String]) -> Vec<String> {
    types_of_bounds(r, g, names, true)
}

fn types_of_bounds(
    r: &Renderer,
    g: &rustdoc_types::Generics,
    names: &[String],
    slices: bool,
) -> Vec<String> {
    use rustdoc_types::{GenericArg, GenericArgs, GenericBound};
    let bounds = bounds_of(g, names);
    let maybe_sized = bounds.iter().any(|b| {
        matches!(b, GenericBound::TraitBound { modifier, .. }
            if matches!(modifier, rustdoc_types::TraitBoundModifier::Maybe))
    });
    // `T: 'static` (reqwest's `HeaderValue::from_maybe_shared<T: AsRef<[u8]> + 'static>`)
    // keeps its argument: no bytes a cell lends.
    let keeps = bounds
        .iter()
        .any(|b| matches!(b, GenericBound::Outlives(l) if l == "'static"));
    let mut out: Vec<String> = Vec::new();
    let mut serde = false;
    for b in bounds {
        let GenericBound::TraitBound {
            trait_, modifier, ..
        } = b
        else {
            continue;
        };
        // `Q: ?Sized` is borrowed (`get<Q: ?Sized>(&self, key: &Q)`): `str` is the
        // unsized type Keyton passes most (`String: Borrow<str>`).
        if matches!(modifier, rustdoc_types::TraitBoundModifier::Maybe) {
            if !out.iter().any(|t| t == "str") {
                out.push("str".to_string());
            }
            continue;
        }
        // serde's traits (`to_string<T: Serialize>`, `from_str<T: Deserialize>`): the
        // plugin's bridge type, which a dict, a list or any data-shaped value becomes,
        // added last (it does not count against the crate's own types that implement
        // them, tried below).
        serde |= is_serde_trait(r, trait_);
        let last = trait_.path.rsplit("::").next().unwrap_or(&trait_.path);
        // std's byte streams: a `Vec<u8>` is written to, a `&[u8]` read from (buffered
        // too: lzma-rs's `lzma_decompress(&mut R: BufRead, …)`).
        let io = match r.krate.paths.get(&trait_.id).map(|s| s.path.join("::")) {
            Some(p) if p == "std::io::Write" => Some("Vec<u8>"),
            Some(p) if p == "std::io::Read" || p == "std::io::BufRead" => Some("&[u8]"),
            _ => None,
        };
        if let Some(t) = io {
            if !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
            continue;
        }
        // `I: IntoIterator<Item = P>` (aho-corasick's `AhoCorasick::new(patterns)`): a
        // list of the items, written over `P` when it is another parameter (the
        // combinations fill it in: `{Vec<String>, String}`).
        // (Not in a trait declared for every iterator, whose items are `KItem`.)
        if r.iter_item.is_none()
            && canonical_of(r, trait_).as_deref()
                == Some("core::iter::traits::collect::IntoIterator")
        {
            if let Some(item) = item_constraint(r, trait_).filter(|i| !i.contains("impl ")) {
                let t = format!("Vec<{item}>");
                if !out.contains(&t) {
                    out.push(t);
                }
                push_new(&mut out, crate::iter_bound::iterators_yielding(r, &item));
            }
            continue;
        }
        // `I: Iterator<Item = Event<'a>>` (pulldown-cmark's `push_html`): the crate's
        // iterators of those items (its `Parser`), which a cell holds.
        if r.iter_item.is_none()
            && canonical_of(r, trait_).as_deref() == Some("core::iter::traits::iterator::Iterator")
        {
            if let Some(item) = item_constraint(r, trait_).filter(|i| !i.contains("impl ")) {
                push_new(&mut out, crate::iter_bound::iterators_yielding(r, &item));
            }
            continue;
        }
        // `impl RangeBounds<i32>` (fastrand's `i32(1..10)`): Keyton's `a..b`, narrowed.
        let canonical = r.krate.paths.get(&trait_.id).map(|s| s.path.join("::"));
        if canonical.as_deref() == Some("core::ops::range::RangeBounds") {
            // Also `1..=6`, `..10` and `3..` (fastrand's `usize(..10)`).
            if let Ok([x]) = r.type_args(&trait_.args, "").as_deref() {
                for kind in ["Range", "RangeInclusive", "RangeTo", "RangeFrom"] {
                    let t = format!("std::ops::{kind}<{x}>");
                    if !out.contains(&t) {
                        out.push(t);
                    }
                }
            }
            continue;
        }
        // `R: SampleRange<T>` of another type parameter `T`: the trait's impls for a
        // type over that parameter (`Range<T>`), written over `T`, which the
        // combinations fill in (`{i64, std::ops::Range<i64>}`).
        if let Some(x) = over_param(r, trait_) {
            for t in impls_over(r, trait_, &x) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            continue;
        }
        if !["Into", "AsRef", "Borrow"].contains(&last) {
            // A trait the crate's own types implement (`R: Rng`): up to three of them
            // (`StdRng`, `SmallRng`, `ThreadRng`), which Keyton holds.
            // (In a trait for every iterator, `Self: Iterator<Item = T::Item>` says it
            // is the iterator's item.)
            let item = item_constraint(r, trait_).or_else(|| r.iter_item.map(str::to_string));
            // Its impls over its own parameter, at the argument the bound gives it or its
            // default (fixedbitset's `T: IndexRange` is `IndexRange<usize>`, implemented
            // for `Range<T>`: `Range<usize>`), then the crate's types that implement it.
            let arg = concrete_trait_arg(r, trait_);
            let mut found = match &arg {
                Some(x) => impls_over(r, trait_, x),
                None => Vec::new(),
            };
            push_new(&mut found, implementors(r, trait_, 2));
            // `a..b` and `..` first: what a cell writes most.
            found.sort_by_key(|t| range_rank(t));
            // The bound's own argument, a `char` or a number (clap's `short(c: impl
            // IntoResettable<char>)`, with `impl IntoResettable<char> for char`; `index(
            // impl IntoResettable<usize>)`): first, before the trait's implementors at
            // other arguments. Pruned if it does not implement the trait.
            if let Some(x) = arg.filter(|x| *x == "char" || NUMBERS.contains(&x.as_str())) {
                found.retain(|t| *t != x);
                found.insert(0, x);
            }
            // A tuple trait whose impls rustdoc hides (itertools' `HomogeneousTuple`,
            // over a private `TupleCollect`): its name and `Item` are all there is.
            if found.is_empty() && last.contains("Tuple") && item.is_some() {
                found = vec![
                    format!("({ITEM}, {ITEM})"),
                    format!("({ITEM}, {ITEM}, {ITEM})"),
                ];
            }
            for t in found {
                // A tuple over the bound's item type, if it names one.
                let t = match (&item, t.contains(ITEM)) {
                    (Some(i), true) => t.replace(ITEM, i),
                    (None, true) => continue,
                    _ => t,
                };
                if out.len() < MAX_BOUND_TYPES && !out.contains(&t) && !is_shape(&t) {
                    out.push(t);
                }
            }
            continue;
        }
        let Some(GenericArgs::AngleBracketed { args, .. }) = trait_.args.as_deref() else {
            continue;
        };
        let Some(GenericArg::Type(t)) = args.first() else {
            continue;
        };
        // `T: Into<Options>` where the crate has `impl From<usize> for Options`: a
        // `usize` is what Keyton can pass (textwrap's `fill(text, 15)`).
        if last == "Into" {
            for from in from_sources(r, t) {
                if out.len() < MAX_BOUND_TYPES && !out.contains(&from) {
                    out.push(from);
                }
            }
        }
        // Only concrete targets: `Into<T>` of another parameter says nothing.
        let Ok(text) = r.ty(t, "") else { continue };
        // `T: Into<String>` (svg's `set(name: T, value: U)`): a string is what a cell
        // passes, first among the parameter's types, whatever else converts.
        if last == "Into" && text == "String" {
            for (i, s) in ["String", "&str"].into_iter().enumerate() {
                out.retain(|o| o != s);
                out.insert(i.min(out.len()), s.to_string());
            }
        }
        // An unsized target is no instance of a parameter taken by value: a string is
        // passed as `&str` (version-compare's `compare<A: AsRef<str>, B: AsRef<str>>`,
        // whose `{&str, &str}` would come too late among the combinations).
        let unsized_text = ["str", "std::path::Path", "std::ffi::OsStr"].contains(&text.as_str());
        // (Not for `S: ?Sized` taken by reference, `encode_text(text: &S)`: `&&str`.)
        if unsized_text && last != "Into" && !maybe_sized && !out.iter().any(|o| o == "&str") {
            out.push("&str".to_string());
        }
        // So is a slice, to a function: bytes are passed as `&[u8]` (hex's `encode<T:
        // AsRef<[u8]>>(data: T)` of `b"…"` or a list of ints).
        let slice = text.starts_with('[') && !text.contains(';');
        if slices && slice && last != "Into" && !maybe_sized && !keeps {
            let by_ref = format!("&{text}");
            if !out.contains(&by_ref) {
                out.push(by_ref);
            }
            continue;
        }
        let shape_like = is_shape(&text);
        let mentions_param = text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| names.iter().any(|n| n == w));
        // Not a type that borrows (textwrap's `Into<Options<'a>>`): with it the result's
        // lifetime is ambiguous (E0106, which drops the whole function).
        let borrowed = text.contains('\'');
        if !shape_like && !mentions_param && !borrowed && !out.contains(&text) {
            out.push(text);
        }
    }
    if serde {
        out.push(serde_data());
    }
    out
}

/// Appends the types of `more` that `out` does not have yet.
fn push_new(out: &mut Vec<String>, more: Vec<String>) {
    for t in more {
        if !out.contains(&t) {
            out.push(t);
        }
    }
}

/// The bridge type as a plugin's declarations name it (`crate::__kayton_serde::Serde`).
pub fn serde_data() -> String {
    format!("crate::{}", kayton_manifest::symbols::SERDE_DATA)
}

/// Whether `t` is serde's `Serialize`, `Deserialize` or `DeserializeOwned` (by its
/// canonical path, in `serde` or `serde_core`: a crate's own trait of that name is not).
fn is_serde_trait(r: &Renderer, t: &rustdoc_types::Path) -> bool {
    let Some(p) = r.krate.paths.get(&t.id).map(|s| &s.path) else {
        return false;
    };
    let (Some(first), Some(last)) = (p.first(), p.last()) else {
        return false;
    };
    matches!(first.as_str(), "serde" | "serde_core")
        && matches!(
            last.as_str(),
            "Serialize" | "Deserialize" | "DeserializeOwned"
        )
}

/// The primitive types `X` of the root crate's `impl From<X> for target` (numbers,
/// `bool`: what a Keyton literal converts to, checked), e.g. `usize` for textwrap's
/// `Options`.
fn from_sources(r: &Renderer, target: &Type) -> Vec<String> {
    use rustdoc_types::{GenericArg, GenericArgs};
    let Type::ResolvedPath(tp) = target else {
        return Vec::new();
    };
    let root = r.crates[0];
    let canonical = r.krate.paths.get(&tp.id).map(|s| &s.path);
    let mut out = Vec::new();
    for it in root.index.values() {
        let ItemEnum::Impl(imp) = &it.inner else {
            continue;
        };
        let Some(tr) = &imp.trait_ else { continue };
        if tr.path.rsplit("::").next() != Some("From") {
            continue;
        }
        let same_target = matches!(&imp.for_, Type::ResolvedPath(f)
            if canonical.is_some() && root.paths.get(&f.id).map(|s| &s.path) == canonical);
        if !same_target {
            continue;
        }
        if let Some(GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() {
            match args.first() {
                Some(GenericArg::Type(Type::Primitive(p)))
                    if p != "str" && p != "char" && !out.contains(p) =>
                {
                    out.push(p.clone());
                }
                // A tuple over a parameter (svg's `impl<T: Into<Value>> From<(T, T, T,
                // T)> for Value`, for `set("viewBox", (0, 0, 70, 70))`): at ints and at
                // floats, as a cell writes one.
                Some(GenericArg::Type(Type::Tuple(ts)))
                    if !ts.is_empty()
                        && ts
                            .iter()
                            .all(|t| matches!(t, Type::Generic(_) | Type::Primitive(_))) =>
                {
                    for num in ["i64", "f64"] {
                        let parts: Vec<String> = ts
                            .iter()
                            .map(|t| match t {
                                Type::Primitive(p) => p.clone(),
                                _ => num.to_string(),
                            })
                            .collect();
                        let t = format!("({})", parts.join(", "));
                        if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
                // The target's own parameter (palette's `impl<T> From<T> for RgbHue<T>`,
                // for `Hsl::new<H: Into<RgbHue<f32>>>(hue: H, …)`): the number the
                // target is instantiated at.
                Some(GenericArg::Type(Type::Generic(g))) => {
                    if let Some(t) = param_at(r, &imp.for_, g, tp)
                        .filter(|t| kayton_manifest::symbols::NUMBERS.contains(&t.as_str()))
                    {
                        if !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
                // One of the crate's own types (stop-words' `impl From<LANGUAGE> for
                // String`, for `get<T: Into<String>>`): a value of it is passed as it is.
                Some(GenericArg::Type(src @ Type::ResolvedPath(sp))) if sp.args.is_none() => {
                    if let Ok(t) = r.ty(src, "") {
                        if !t.contains('\'') && !out.contains(&t) {
                            out.push(t);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    // Ints before floats: a literal `(0, 0, 70, 70)` is what a cell most often writes.
    out.sort_by_key(|t| (t.contains("f64"), t.clone()));
    out
}

/// The argument of `target` at the position where the impl's self type `for_` names
/// the parameter `g` (`RgbHue<T>` for `RgbHue<f32>` → `f32`), rendered.
fn param_at(r: &Renderer, for_: &Type, g: &str, target: &rustdoc_types::Path) -> Option<String> {
    let Type::ResolvedPath(fp) = for_ else {
        return None;
    };
    let at =
        crate::iter_item::type_args(fp).position(|a| matches!(a, Type::Generic(n) if n == g))?;
    let arg = crate::iter_item::type_args(target).nth(at)?;
    r.ty(arg, "").ok()
}

/// The type parameters of `g` (among `names`) bounded by a closure trait, each with the
/// boxed closure that stands for it (`F` → `Box<dyn FnMut(&KItem) -> K>`): the
/// declaration takes that type, so Keyton passes a function there. A closure whose types
/// cannot be written is left a type parameter (and pruned with the compiler's reason).
pub fn closures(
    r: &Renderer,
    g: &rustdoc_types::Generics,
    names: &[String],
) -> Vec<(String, String)> {
    use rustdoc_types::{GenericParamDefKind, WherePredicate};
    let mut bounds: Vec<(&String, &rustdoc_types::GenericBound)> = Vec::new();
    for p in &g.params {
        if let GenericParamDefKind::Type { bounds: b, .. } = &p.kind {
            bounds.extend(b.iter().map(|b| (&p.name, b)));
        }
    }
    for w in &g.where_predicates {
        if let WherePredicate::BoundPredicate {
            type_: Type::Generic(t),
            bounds: b,
            ..
        } = w
        {
            bounds.extend(b.iter().map(|b| (t, b)));
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, b) in bounds {
        if !names.contains(name) || out.iter().any(|(n, _)| n == name) {
            continue;
        }
        if let Some(Ok(text)) = r.closure(b) {
            out.push((name.clone(), text));
        }
    }
    out
}

/// Where std's range types sort among a bound's types: `a..b` and `..` first.
fn range_rank(t: &str) -> u8 {
    let kind = t.strip_prefix("std::ops::").unwrap_or(t);
    let kind = &kind[..kind.find('<').unwrap_or(kind.len())];
    match kind {
        "RangeFull" => 1,
        "RangeInclusive" => 2,
        "RangeFrom" | "RangeTo" | "RangeToInclusive" => 3,
        _ => 0,
    }
}
