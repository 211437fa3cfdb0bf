//! The types that implement a bound's trait: the crates' implementors of it (`R: Rng` →
//! `ThreadRng`, through one blanket impl), and its impls over a parameter (`impl<T>
//! SampleRange<T> for Range<T>` → `Range<T>`), which `bounds.rs` takes as instances.
use crate::bounds::{ITEM, NUMBERS};
use crate::render::Renderer;
use rustdoc_types::{Crate, Id, Item, ItemEnum, Type};
use std::collections::HashMap;

/// The trait `tr` names: in the crate being read, or a public trait of another crate read
/// (by canonical path: ids are per crate), with whether that is the bound crate itself.
fn trait_item<'a>(
    r: &Renderer<'a>,
    tr: &rustdoc_types::Path,
) -> Option<(&'a Crate, &'a Item, bool)> {
    if let Some(i) = r.krate.index.get(&tr.id) {
        return Some((r.krate, i, r.own));
    }
    let canonical = r.krate.paths.get(&tr.id)?.path.join("::");
    let (c, id) = r.traits.get(&canonical)?;
    Some((r.crates[*c], r.crates[*c].index.get(id)?, *c == 0))
}

/// The public types of the crates read that implement the trait `tr` (through one
/// blanket impl: `Rng` is implemented for every `RngCore`), as the plugin names them.
/// Whether the crate's trait `tr` is implemented for numbers, none of them Keyton's own
/// `i64` or `f64`, and nothing generic (hdrhistogram's `Counter`, for `u8` to `u64`): a
/// parameter it bounds has no plain shape, so its widest number is an instance.
pub(crate) fn only_narrow_numbers(r: &Renderer, tr: &rustdoc_types::Path) -> bool {
    let Some((krate, item, _)) = trait_item(r, tr) else {
        return false;
    };
    let ItemEnum::Trait(t) = &item.inner else {
        return false;
    };
    let mut numbers = false;
    for imp in t.implementations.iter().filter_map(|i| krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp.inner else {
            continue;
        };
        match &imp.for_ {
            Type::Primitive(p) if p == "i64" || p == "f64" => return false,
            Type::Primitive(p) if NUMBERS.contains(&p.as_str()) => numbers = true,
            Type::Generic(_) => return false,
            _ => {}
        }
    }
    numbers
}

/// Whether no plain shape (`i64`, `f64`, `String`, a `Vec`, `Dynamic`) can meet the trait
/// `tr`: a trait of the crates read with implementations, none of them for a primitive,
/// a std string or collection, or blanket over a parameter (slotmap's `Key`, implemented
/// by `DefaultKey` and the user's key types). A parameter it bounds then takes only its
/// implementors; shapes would fail to compile, and cost a check round.
pub(crate) fn no_plain_shape(r: &Renderer, tr: &rustdoc_types::Path) -> bool {
    let Some((krate, item, _)) = trait_item(r, tr) else {
        return false;
    };
    let ItemEnum::Trait(t) = &item.inner else {
        return false;
    };
    let mut any = false;
    for imp in t.implementations.iter().filter_map(|i| krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp.inner else {
            continue;
        };
        any = true;
        let plain = match &imp.for_ {
            Type::Primitive(_) | Type::Generic(_) | Type::BorrowedRef { .. } => true,
            Type::ResolvedPath(p) => {
                let name = p.path.rsplit("::").next().unwrap_or(&p.path);
                ["String", "Vec", "Dynamic", "Box", "Cow"].contains(&name)
            }
            _ => false,
        };
        if plain {
            return false;
        }
    }
    any
}

pub(crate) fn implementors(r: &Renderer, tr: &rustdoc_types::Path, depth: u8) -> Vec<String> {
    // Asked once per generic function with a bound: remembered per trait (the scan of
    // the crate's impls is the cost).
    // Keyed by the crate's name and version, not its address: one process (`keyton
    // conformance`, a kernel) runs bindgen for many crates, and a freed crate's address
    // is reused by the next one's JSON.
    // The root crate is in the key too: its own types are searched (`root_implementors`).
    type Seen = HashMap<(String, String, Id, u8), Vec<String>>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(HashMap::new());
    }
    let key = (crate_id(r.krate), crate_id(r.crates[0]), tr.id, depth);
    if let Some(v) = SEEN.with(|s| s.borrow().get(&key).cloned()) {
        return v;
    }
    let v = find_implementors(r, tr, depth);
    SEEN.with(|s| s.borrow_mut().insert(key, v.clone()));
    v
}

/// A crate's name and version, which name its rustdoc JSON.
fn crate_id(k: &Crate) -> String {
    let name = k
        .index
        .get(&k.root)
        .and_then(|i| i.name.as_deref())
        .unwrap_or_default();
    format!("{name} {}", k.crate_version.as_deref().unwrap_or_default())
}

fn find_implementors(r: &Renderer, tr: &rustdoc_types::Path, depth: u8) -> Vec<String> {
    use rustdoc_types::{GenericBound, GenericParamDefKind};
    // The bound crate's own types first (rand's `StdRng` implements rand_core's
    // `RngCore`; that impl is listed on the type, not on the trait). This needs only
    // the trait's path, so it also finds implementors of a trait whose crate bindgen has
    // no JSON of (serde_json's `Value: Deserialize`).
    let found = trait_item(r, tr);
    let std_trait = r
        .krate
        .paths
        .get(&tr.id)
        .and_then(|s| s.path.first())
        .is_some_and(|c| ["core", "alloc", "std"].contains(&c.as_str()));
    // std's traits (`Display`, `Send`) say nothing about which of the crate's types fit.
    let Some((krate, item, own)) = found else {
        return if std_trait {
            Vec::new()
        } else {
            root_implementors(r, tr)
        };
    };
    let mut out = root_implementors(r, tr);
    let ItemEnum::Trait(t) = &item.inner else {
        return out;
    };
    let rk = Renderer {
        krate,
        own,
        generics: &[],
        ..*r
    };
    let mut slices: Vec<String> = Vec::new();
    for imp in t.implementations.iter().filter_map(|i| krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp.inner else {
            continue;
        };
        match &imp.for_ {
            Type::ResolvedPath(_) => {
                if let Ok(text) = rk.ty(&imp.for_, "") {
                    if !text.contains('<') && !out.contains(&text) {
                        out.push(text);
                    }
                }
            }
            // `impl<A> TupleCollect for (A, A)`: a tuple of the bound's `Item`, filled in
            // by `bound_types` (itertools' `tuple_windows::<(i64, i64)>`).
            Type::Tuple(ts)
                if (2..=3).contains(&ts.len())
                    && ts.iter().all(|t| matches!(t, Type::Generic(_)))
                    && ts.windows(2).all(|w| w[0] == w[1]) =>
            {
                let text = format!("({})", vec![ITEM; ts.len()].join(", "));
                if !out.contains(&text) {
                    out.push(text);
                }
            }
            // `impl ToF64 for u64` (humansize's `T: ToF64 + Unsigned`): the number
            // types Keyton converts an int or a float to (`i64` and `f64` are shapes).
            Type::Primitive(p) if NUMBERS.contains(&p.as_str()) && !out.contains(p) => {
                out.push(p.clone());
            }
            // `impl Buf for &[u8]` (bytes' `put<T: Buf>`): bytes, which a string or a
            // list of ints is passed as.
            Type::BorrowedRef {
                is_mutable: false,
                type_,
                ..
            } if matches!(&**type_, Type::Slice(e) if matches!(&**e, Type::Primitive(p) if p == "u8"))
                && !out.iter().any(|t| t == "&[u8]") =>
            {
                out.push("&[u8]".to_string());
            }
            // `impl Fill for [u8]`: a list lent to be written into (`&mut [u8]`).
            Type::Slice(e) if matches!(&**e, Type::Primitive(_)) => {
                if let Ok(text) = rk.ty(&imp.for_, "") {
                    if !out.contains(&text) {
                        slices.push(text);
                    }
                }
            }
            Type::Generic(g) if depth > 0 => {
                for p in imp.generics.params.iter().filter(|p| &p.name == g) {
                    if let GenericParamDefKind::Type { bounds, .. } = &p.kind {
                        for b in bounds {
                            if let GenericBound::TraitBound { trait_, .. } = b {
                                out.extend(implementors(&rk, trait_, depth - 1));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Numbers widest first: `MAX_BOUND_TYPES` keeps the first few.
    out.sort_by_key(|t| NUMBERS.iter().position(|n| n == t).unwrap_or(0));
    // Slices of what Keyton's lists hold first.
    slices.sort_by_key(|s| {
        ["[i64]", "[f64]", "[u8]"]
            .iter()
            .position(|p| p == s)
            .unwrap_or(9)
    });
    out.extend(slices);
    by_docs(r, &mut out);
    out
}

/// The implementors the root crate's front-page docs name first (svg's `Document`, the
/// name its example uses, before `Blob`), as a user writes them first: only the first
/// few become instances (`MAX_BOUND_TYPES`). Stable otherwise.
fn by_docs(r: &Renderer, out: &mut [String]) {
    let root = r.crates[0];
    let Some(top) = root.index.get(&root.root) else {
        return;
    };
    let Some(docs) = top.docs.as_deref() else {
        return;
    };
    // The names the root re-exports a type under (`pub use …::SVG as Document`).
    let mut aliases: HashMap<&str, Vec<&str>> = HashMap::new();
    if let ItemEnum::Module(m) = &top.inner {
        for u in m
            .items
            .iter()
            .filter_map(|id| match &root.index.get(id)?.inner {
                ItemEnum::Use(u) => Some(u),
                _ => None,
            })
        {
            let source = u.source.rsplit("::").next().unwrap_or(&u.source);
            if source != u.name {
                aliases.entry(source).or_default().push(&u.name);
            }
        }
    }
    let named = |t: &String| {
        let last = t.rsplit("::").next().unwrap_or(t);
        mentions(docs, last)
            || aliases
                .get(last)
                .is_some_and(|a| a.iter().any(|n| mentions(docs, n)))
    };
    out.sort_by_key(|t| !named(t));
}

/// Whether `docs` has `name` as a whole word.
fn mentions(docs: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    docs.match_indices(name).any(|(i, _)| {
        !word(docs[..i].chars().next_back()) && !word(docs[i + name.len()..].chars().next())
    })
}

/// The root crate's non-generic types with an impl of `tr` (compared by canonical path:
/// ids are per crate), sorted.
fn root_implementors(r: &Renderer, tr: &rustdoc_types::Path) -> Vec<String> {
    let name = tr.path.rsplit("::").next().unwrap_or(&tr.path);
    let root = r.crates[0];
    let r0 = r.at_root();
    let canonical = r.krate.paths.get(&tr.id).map(|s| &s.path);
    let mut out = Vec::new();
    for it in root.index.values() {
        let ItemEnum::Impl(imp) = &it.inner else {
            continue;
        };
        let same = imp.trait_.as_ref().is_some_and(|p| {
            p.path.rsplit("::").next() == Some(name)
                && canonical.is_some()
                && root.paths.get(&p.id).map(|s| &s.path) == canonical
        });
        if same
            && !imp.is_synthetic
            && matches!(imp.for_, Type::ResolvedPath(_))
            && imp.blanket_impl.is_none()
        {
            if let Ok(text) = r0.ty(&imp.for_, "") {
                if !text.contains('<') && !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out.sort();
    out
}

/// `T` of a bound `Trait<T>` whose argument is one of the function's type parameters.
pub(crate) fn over_param(r: &Renderer, tr: &rustdoc_types::Path) -> Option<String> {
    use rustdoc_types::{GenericArg, GenericArgs};
    let Some(GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() else {
        return None;
    };
    match args.first() {
        Some(GenericArg::Type(Type::Generic(x))) if r.generics.contains(x) => Some(x.clone()),
        _ => None,
    }
}

/// The first type argument of the bound `tr` when it is concrete, else the default the
/// trait gives its first parameter (`usize` of fixedbitset's `IndexRange<T = usize>`).
pub(crate) fn concrete_trait_arg(r: &Renderer, tr: &rustdoc_types::Path) -> Option<String> {
    use rustdoc_types::{GenericArg, GenericArgs, GenericParamDefKind};
    if let Some(GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() {
        if let Some(GenericArg::Type(t)) = args.first() {
            return r.ty(t, "").ok().filter(|x| !r.generics.contains(x));
        }
    }
    let (krate, item, _) = trait_item(r, tr)?;
    let ItemEnum::Trait(t) = &item.inner else {
        return None;
    };
    let GenericParamDefKind::Type {
        default: Some(d), ..
    } = &t.generics.params.first()?.kind
    else {
        return None;
    };
    Renderer { krate, ..*r }.ty(d, "").ok()
}

/// The types over one parameter that implement `tr` for it (`impl<T> SampleRange<T> for
/// Range<T>`), with that parameter written `x`.
pub(crate) fn impls_over(r: &Renderer, tr: &rustdoc_types::Path, x: &str) -> Vec<String> {
    use rustdoc_types::{GenericArg, GenericArgs};
    let found = trait_item(r, tr);
    let Some((krate, ItemEnum::Trait(t))) = found.map(|(k, i, _)| (k, &i.inner)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for imp in t.implementations.iter().filter_map(|i| krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp.inner else {
            continue;
        };
        let Some(GenericArgs::AngleBracketed { args, .. }) =
            imp.trait_.as_ref().and_then(|p| p.args.as_deref())
        else {
            continue;
        };
        let Some(GenericArg::Type(Type::Generic(p))) = args.first() else {
            continue;
        };
        if !matches!(imp.for_, Type::ResolvedPath(_)) {
            continue;
        }
        let own = [p.clone()];
        let rk = Renderer {
            krate,
            generics: &own,
            ..*r
        };
        if let Ok(text) = rk.ty(&imp.for_, "") {
            let text = crate::instances::replace_word(&text, p, x);
            if text.contains(x) && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}
