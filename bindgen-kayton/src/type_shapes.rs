//! The instantiations of a generic type whose parameters have types of their own: a
//! default (`F = CompactFormatter`) or what an impl's bounds name (`impl<W: io::Write>
//! Serializer<W>` → `Vec<u8>`). `serde_json::Serializer<W, F>` is declared for
//! `{Vec<u8>, serde_json::ser::CompactFormatter}` rather than the seven shapes, which
//! none of its impls accept.
use crate::render::Renderer;
use rustdoc_types::{GenericParamDefKind, Item, ItemEnum, Type};

/// At most this many instances of one type (a product of its parameters' types).
const MAX_INSTANCES: usize = 12;

/// The instantiations of the generic `item`, if any parameter has types of its own;
/// `None` leaves it to the shapes.
pub fn of(r: &Renderer, item: &Item) -> Option<Vec<String>> {
    let (generics, impls) = match &item.inner {
        ItemEnum::Struct(s) => (&s.generics, &s.impls),
        ItemEnum::Enum(e) => (&e.generics, &e.impls),
        _ => return None,
    };
    // Those instantiated (not those left to a default no plugin can name).
    let kept = crate::generics::instantiable(r, item).map_or(0, |p| p.len());
    let params: Vec<&rustdoc_types::GenericParamDef> = generics
        .params
        .iter()
        .filter(|p| matches!(p.kind, GenericParamDefKind::Type { .. }))
        .take(kept)
        .collect();
    let borrows = generics
        .params
        .iter()
        .any(|p| matches!(p.kind, GenericParamDefKind::Lifetime { .. }));
    let mut per: Vec<Vec<String>> = Vec::new();
    let mut open: Vec<bool> = Vec::new();
    let mut specific = false;
    for (i, p) in params.iter().enumerate() {
        let mut options: Vec<String> = Vec::new();
        // A type that borrows takes the default the crate gives a parameter of that
        // name elsewhere (hashbrown's `Entry<'a, K, V, S>` has `S = DefaultHashBuilder`
        // of `HashMap<K, V, S = DefaultHashBuilder>`, whose `entry` makes it).
        let default = match &p.kind {
            GenericParamDefKind::Type {
                default: Some(d), ..
            } => Some(d),
            GenericParamDefKind::Type { default: None, .. } if borrows => {
                crate::generics::crate_default(r.krate, &p.name)
            }
            _ => None,
        };
        let defaulted = default.is_some();
        if let Some(Ok(t)) = default.map(|d| r.ty(d, "")) {
            options.push(t);
        }
        // What the type's own bounds on this parameter name (`pub struct GzEncoder<W:
        // Write>` → `Vec<u8>`); a shape that misses them is pruned alone (`prune.rs`).
        let mut needs: Vec<String> = Vec::new();
        let own_names: Vec<String> = generics.params.iter().map(|g| g.name.clone()).collect();
        let ro = Renderer {
            generics: &own_names,
            ..*r
        };
        let own_bounds = crate::bounds::bounds_of(generics, std::slice::from_ref(&p.name));
        // A parameter without a default bounded by a trait only narrow numbers implement
        // takes the widest of them (`implementors::only_narrow_numbers`).
        let mut narrow = false;
        // A bound no plain shape meets (slotmap's `K: Key`): only its implementors.
        let mut no_shape = false;
        for b in &own_bounds {
            if let rustdoc_types::GenericBound::TraitBound { trait_, .. } = b {
                needs.push(r.trait_name(trait_));
                narrow |= !defaulted && crate::implementors::only_narrow_numbers(r, trait_);
                no_shape |= crate::implementors::no_plain_shape(r, trait_);
            }
        }
        add_bound_types(
            &mut options,
            crate::bounds::bound_types(&ro, generics, std::slice::from_ref(&p.name)),
            narrow,
        );
        // What the inherent impls' bounds on this parameter name, and the traits they
        // need of it (a map's key: `Hash + Eq`).
        for imp in impls.iter().filter_map(|id| r.krate.index.get(id)) {
            let ItemEnum::Impl(imp) = &imp.inner else {
                continue;
            };
            if imp.trait_.is_some() {
                continue;
            }
            let Some(name) = impl_param_at(&imp.for_, i) else {
                continue;
            };
            let names: Vec<String> = imp.generics.params.iter().map(|g| g.name.clone()).collect();
            let ri = Renderer {
                generics: &names,
                ..*r
            };
            let mut narrow = false;
            for b in crate::bounds::bounds_of(&imp.generics, std::slice::from_ref(&name)) {
                if let rustdoc_types::GenericBound::TraitBound { trait_, .. } = b {
                    needs.push(r.trait_name(trait_));
                    narrow |= !defaulted && crate::implementors::only_narrow_numbers(r, trait_);
                }
            }
            add_bound_types(
                &mut options,
                crate::bounds::bound_types(&ri, &imp.generics, std::slice::from_ref(&name)),
                narrow,
            );
        }
        // A default is the instance; bound types come first, the shapes after them.
        specific |= !options.is_empty();
        open.push(!defaulted);
        // Shapes for an open parameter, unless only the bound's implementors fit it.
        let only_implementors = no_shape && !options.is_empty();
        if !defaulted && !only_implementors {
            for sh in crate::instances::generic_shapes() {
                if !meets(sh, &needs) {
                    continue;
                }
                if !options.iter().any(|o| o == sh) {
                    options.push(sh.to_string());
                }
            }
        }
        per.push(options);
    }
    // The instances the crate's aliases name come first (`RgbImage`'s).
    let aliased = crate::alias_instances::of(r, &item.id, params.len());
    if !specific && aliased.is_empty() {
        return mixed_pairs(&per);
    }
    // One shape for every parameter without a default (`Graph<String, String>` of
    // petgraph's docs, `LruCache<String, String>`) comes first: a cut keeps those too.
    let mut combos = crate::instances::product_spread(&per, MAX_INSTANCES * 4);
    combos.sort_by_key(|c| !same_shape(c, &open));
    combos.retain(|c| !aliased.contains(c));
    let mut combos: Vec<Vec<String>> = aliased.into_iter().chain(combos).collect();
    combos.truncate(MAX_INSTANCES);
    Some(
        combos
            .into_iter()
            .map(|c| match c.as_slice() {
                [one] => one.clone(),
                many => format!("{{{}}}", many.join(", ")),
            })
            .collect(),
    )
}

/// A type of two parameters that name no types of their own (`Either<L, R>`): each
/// shape for both, as for any generic type, and also the pairs of different plain types
/// (`Either[i64, str]`, a map-like `Pairs[str, int]`), which one shape for all cannot give.
fn mixed_pairs(per: &[Vec<String>]) -> Option<Vec<String>> {
    let [a, b] = per else {
        return None;
    };
    let plain = ["i64", "f64", "String"];
    let diagonal = a
        .iter()
        .filter(|sh| b.contains(sh))
        .map(|sh| (sh.as_str(), sh.as_str()));
    let mixed = plain
        .iter()
        .flat_map(|x| plain.iter().map(move |y| (*x, *y)))
        .filter(|(x, y)| x != y && a.iter().any(|o| o == x) && b.iter().any(|o| o == y));
    let out: Vec<String> = diagonal
        .chain(mixed)
        .map(|(x, y)| format!("{{{x}, {y}}}"))
        .collect();
    (!out.is_empty()).then_some(out)
}

/// Add the types a bound names (`bounds::bound_types`) to a parameter's `options`, byte
/// streams as an instance holds them.
fn add_bound_types(options: &mut Vec<String>, types: Vec<String>, narrow: bool) {
    for t in types.into_iter().flat_map(owned_stream) {
        // Not the number types a bound names (petgraph's `Ix: IndexType` is `u32` by
        // default: `Graph<i64, i64, Directed, u32>` is the default instance itself, and
        // two instances of one type cannot both be kinds; rand's `Uniform<X>` has `i64`).
        // Where only narrow numbers meet the bound (`narrow`), the widest one
        // (hdrhistogram's `Histogram<T: Counter>` is `Histogram<u64>`).
        let first_number = narrow
            && !options
                .iter()
                .any(|o| crate::bounds::NUMBERS.contains(&o.as_str()));
        let number = crate::bounds::NUMBERS.contains(&t.as_str()) && !first_number;
        // Nor `&str` (of `S: AsRef<str>`): an instance is `'static`. Nor an unsized
        // type (radix_trie's `TrieKey` is implemented for `Path`): no value holds one.
        if (!t.contains('<') || t.starts_with("Vec<"))
            && !number
            && t != "&str"
            && !is_unsized(&t)
            && !options.contains(&t)
        {
            options.push(t);
        }
    }
}

/// Whether `t` is a type of no known size (a parameter of a value cannot be one).
fn is_unsized(t: &str) -> bool {
    matches!(
        t,
        "str" | "std::path::Path" | "std::ffi::OsStr" | "std::ffi::CStr" | "core::ffi::CStr"
    ) || t.starts_with('[') && !t.contains(';')
        || t.starts_with("dyn ")
}

/// Whether the open parameters of the instance `c` (two or more) are all one of the
/// plain shapes.
fn same_shape(c: &[String], open: &[bool]) -> bool {
    let opens: Vec<&String> = c
        .iter()
        .zip(open)
        .filter(|(_, o)| **o)
        .map(|(t, _)| t)
        .collect();
    opens.len() >= 2
        && ["i64", "f64", "String"].contains(&opens[0].as_str())
        && opens.iter().all(|t| *t == opens[0])
}

/// What a byte stream a bound names is held as in an instance (a kind is `'static`):
/// a reader of bytes (`&[u8]` for `R: io::Read`) reads a Keyton list or string that is
/// leaked for it, as a literal would be, or a file; a writer writes into a `Vec<u8>` or a
/// file (csv's `Reader<R>`, `Writer<W>`).
fn owned_stream(t: String) -> Vec<String> {
    match t.as_str() {
        "&[u8]" => vec!["&'static [u8]".into(), "std::fs::File".into()],
        "Vec<u8>" => vec![t, "std::fs::File".into()],
        _ => vec![t],
    }
}

/// Whether the shape `sh` can meet bounds naming `needs`: floats are not `Eq`, `Ord` or
/// `Hash`, nor is a `Dynamic`. (A shape that fails another bound is pruned; these are
/// left out before, so that the instances a type can have fit in [`MAX_INSTANCES`].)
fn meets(sh: &str, needs: &[String]) -> bool {
    let strict = needs
        .iter()
        .any(|n| ["Eq", "Ord", "Hash"].contains(&n.as_str()));
    !(strict && (sh.contains("f64") || sh == "Dynamic"))
}

/// The impl's type parameter at position `i` of its self type (`W` of `Serializer<W>`).
fn impl_param_at(for_: &Type, i: usize) -> Option<String> {
    let Type::ResolvedPath(p) = for_ else {
        return None;
    };
    let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
        return None;
    };
    let types: Vec<&rustdoc_types::GenericArg> = args
        .iter()
        .filter(|a| matches!(a, rustdoc_types::GenericArg::Type(_)))
        .collect();
    match types.get(i) {
        Some(rustdoc_types::GenericArg::Type(Type::Generic(g))) => Some(g.clone()),
        _ => None,
    }
}
