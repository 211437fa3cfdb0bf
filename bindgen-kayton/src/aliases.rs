//! Type aliases of the public API (`pub type Duration = TimeDelta;`, `pub type Table =
//! Map<String, Value>;`): declared so that a cell can import and name them. An alias of
//! an instance of a generic type the plugin instantiates adds that instance to the type's.
use crate::render::Renderer;
use crate::Extra;
use kayton_manifest::symbols::STD_MAPS;
use kayton_manifest::{Manifest, RustType, TypeAlias};
use rustdoc_types::{GenericParamDefKind, TypeAlias as RustdocAlias};

/// The target of the public alias `a`, if it is one a cell can name, and the type
/// parameters a cell names it with (`L, R` of `BiMap[str, i64]`; none for an alias at
/// its defaults). `Result<T>`-like aliases are written out where they are used.
pub(crate) fn target(
    r: &Renderer,
    public: &str,
    a: &RustdocAlias,
) -> Option<(RustType, Vec<String>)> {
    let own_params = a
        .generics
        .params
        .iter()
        .any(|p| !matches!(p.kind, GenericParamDefKind::Lifetime { .. }));
    let params = type_params(a);
    if let Some(map) = std_map(r, a).or_else(|| family(r, a).filter(|_| own_params)) {
        return Some((map, params));
    }
    if own_params {
        return at_defaults(r, public, a).map(|t| (t, Vec::new()));
    }
    let t = through_alias(r, &a.type_)
        .or_else(|| r.rust_type(&a.type_, "").ok())
        .or_else(|| foreign_args(r, a))?;
    nameable(t, public).map(|t| (t, params))
}

/// The instance an alias names at arguments of a crate without rustdoc JSON, written at
/// the paths the crate re-exports them by (blake2's `Blake2b512 = Blake2b<U64>`:
/// `Blake2b<blake2::digest::consts::U64>`). Only an instance of a generic type: nothing
/// else of such a crate is known but its name.
fn foreign_args(r: &Renderer, a: &RustdocAlias) -> Option<RustType> {
    let rf = Renderer {
        foreign_named: true,
        ..*r
    };
    let t = rf.rust_type(&a.type_, "").ok()?;
    let own_type = matches!(&a.type_, rustdoc_types::Type::ResolvedPath(p)
        if r.krate.paths.get(&p.id).is_some_and(|s| s.crate_id == 0));
    (own_type && t.as_path().is_some_and(|p| !p.type_args().is_empty())).then_some(t)
}

/// An alias target a cell names: not a `Result` (raised, not held) nor the alias itself.
fn nameable(t: RustType, public: &str) -> Option<RustType> {
    let is_result = t.args_of(&["Result"]).is_some();
    (!is_result && t.to_string() != public).then_some(t)
}

/// An alias whose type parameters all have defaults (palette's `Srgb<T = f32> =
/// Rgb<encoding::Srgb, T>`), as the docs name it bare: the instance at those defaults
/// (`Srgb.new(0.8, 0.2, 0.1)` is `Rgb::<encoding::Srgb, f32>::new`). No parameters of
/// its own are named in a cell.
fn at_defaults(r: &Renderer, public: &str, a: &RustdocAlias) -> Option<RustType> {
    let mut bound = std::collections::HashMap::new();
    for p in &a.generics.params {
        match &p.kind {
            GenericParamDefKind::Lifetime { .. } => {}
            GenericParamDefKind::Type {
                default: Some(d), ..
            } => {
                bound.insert(p.name.clone(), r.ty(d, "").ok()?);
            }
            _ => return None,
        }
    }
    let rd = Renderer {
        bound: &bound,
        ..*r
    };
    let t = through_alias(&rd, &a.type_).or_else(|| rd.rust_type(&a.type_, "").ok())?;
    nameable(t, public)
}

/// The type an alias of another of the crate's aliases stands for (palette's `Srgba<T =
/// f32> = Rgba<encoding::Srgb, T>`, `Rgba<S = Srgb, T = f32> = Alpha<Rgb<S, T>, T>`: the
/// instance `Alpha<Rgb<encoding::Srgb, f32>, f32>`), the inner alias's parameters bound
/// to the arguments given, else to their defaults. `None` if `t` names no alias.
fn through_alias(r: &Renderer, t: &rustdoc_types::Type) -> Option<RustType> {
    use rustdoc_types::{GenericArg, GenericArgs, ItemEnum, Type};
    let Type::ResolvedPath(p) = t else {
        return None;
    };
    let ItemEnum::TypeAlias(inner) = &r.krate.index.get(&p.id)?.inner else {
        return None;
    };
    let given: Vec<String> = match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .filter_map(|g| match g {
                GenericArg::Type(t) => Some(r.ty(t, "").ok()),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => Vec::new(),
    };
    let mut bound = r.bound.clone();
    let mut given = given.into_iter();
    for param in &inner.generics.params {
        match &param.kind {
            GenericParamDefKind::Lifetime { .. } => {}
            GenericParamDefKind::Type { default, .. } => {
                let arg = match (given.next(), default) {
                    (Some(a), _) => a,
                    (None, Some(d)) => r.ty(d, "").ok()?,
                    (None, None) => return None,
                };
                bound.insert(param.name.clone(), arg);
            }
            GenericParamDefKind::Const { .. } => return None,
        }
    }
    let ri = Renderer {
        bound: &bound,
        ..*r
    };
    through_alias(&ri, &inner.type_).or_else(|| ri.rust_type(&inner.type_, "").ok())
}

/// An alias of std's `HashMap` or `BTreeMap` with a hasher of the crate (rustc-hash's
/// `FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>`, fnv's `FnvHashMap`), written out
/// over its own parameters: a cell uses it as a dict (`FxHashMap.default()` is `{}`).
fn std_map(r: &Renderer, a: &RustdocAlias) -> Option<RustType> {
    use rustdoc_types::{GenericArg, GenericArgs, Type};
    let Type::ResolvedPath(p) = &a.type_ else {
        return None;
    };
    let canonical = r.krate.paths.get(&p.id)?.path.join("::");
    let at = RUSTDOC_MAPS.iter().position(|c| *c == canonical)?;
    let name = STD_MAPS[at];
    let own = type_params(a);
    let Some(GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
        return None;
    };
    let ro = Renderer {
        generics: &own,
        ..*r
    };
    let args = args
        .iter()
        .filter_map(|g| match g {
            GenericArg::Type(t) => Some(ro.ty(t, "").ok()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    RustType::parse(&format!("{name}<{}>", args.join(", "))).ok()
}

/// std's maps as rustdoc names them, in the order of `symbols::STD_MAPS` (as a manifest
/// writes them).
const RUSTDOC_MAPS: [&str; 2] = [
    "std::collections::hash::map::HashMap",
    "alloc::collections::btree::map::BTreeMap",
];

/// Whether an alias's target is one of std's maps (see [`std_map`]).
pub(crate) fn is_std_map(target: &RustType) -> bool {
    target
        .as_path()
        .is_some_and(|p| STD_MAPS.contains(&p.bare().as_str()))
}

/// An alias that passes its type parameters on, in order, to a generic type (bimap's
/// `BiMap<L, R> = BiHashMap<L, R>`, whose other parameters are defaulted): another name of
/// that type, whose instances it names.
fn family(r: &Renderer, a: &RustdocAlias) -> Option<RustType> {
    use rustdoc_types::{GenericArg, GenericArgs, Type};
    let Type::ResolvedPath(p) = &a.type_ else {
        return None;
    };
    let own = type_params(a);
    let passed: Vec<String> = match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .filter_map(|g| match g {
                GenericArg::Type(Type::Generic(n)) => Some(n.clone()),
                GenericArg::Lifetime(_) => None,
                _ => Some(String::new()),
            })
            .collect(),
        _ => return None,
    };
    if passed != own || a.generics.params.len() != own.len() {
        return None;
    }
    let canonical = r.krate.paths.get(&p.id)?.path.join("::");
    RustType::parse(r.public.get(&canonical)?).ok()
}

/// An alias that passes its type parameters on and fixes the generic type's others
/// (euclid's `default::Point2D<T> = Point2D<T, UnknownUnit>`): the type's bare path, and
/// the alias's target written over its parameters (`euclid::Point2D<T,
/// euclid::UnknownUnit>`), whose instances at the shapes the type gains (see [`add`]).
pub(crate) fn partial_family(r: &Renderer, a: &RustdocAlias) -> Option<(RustType, String)> {
    use rustdoc_types::{GenericArg, GenericArgs, Type};
    let Type::ResolvedPath(p) = &a.type_ else {
        return None;
    };
    let own = type_params(a);
    if own.is_empty() || a.generics.params.len() != own.len() {
        return None;
    }
    let Some(GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
        return None;
    };
    let mut passed = Vec::new();
    let mut texts = Vec::new();
    for g in args {
        match g {
            GenericArg::Lifetime(_) => {}
            GenericArg::Type(Type::Generic(n)) if own.contains(n) => {
                passed.push(n.clone());
                texts.push(n.clone());
            }
            // A fixed argument: a type of no parameter of the alias.
            GenericArg::Type(t) => {
                let text = r.ty(t, "").ok()?;
                texts.push(text);
            }
            _ => return None,
        }
    }
    // Each parameter once, in order, and at least one argument fixed.
    if passed != own || texts.len() == own.len() {
        return None;
    }
    let canonical = r.krate.paths.get(&p.id)?.path.join("::");
    let bare = r.public.get(&canonical)?;
    // In the manifest each parameter is `_`: the compiler takes the instances that
    // match (`Point2D[f64]` through the alias is `Point2D<f64, UnknownUnit>`).
    let holes: Vec<&str> = texts
        .iter()
        .map(|t| if own.contains(t) { "_" } else { t.as_str() })
        .collect();
    Some((
        RustType::parse(&format!("{bare}<{}>", holes.join(", "))).ok()?,
        format!("{bare}<{}>", texts.join(", ")),
    ))
}

/// The type parameters of the alias `a` (`L, R` of `BiMap<L, R>`).
pub(crate) fn type_params(a: &RustdocAlias) -> Vec<String> {
    a.generics
        .params
        .iter()
        .filter(|g| matches!(g.kind, GenericParamDefKind::Type { .. }))
        .map(|g| g.name.clone())
        .collect()
}

/// Record the aliases found (public path, target), once every type is known.
pub(crate) fn add(found: Vec<(String, RustType)>, m: &mut Manifest, extra: &mut Extra) {
    // A partial family's instances (`Point2D<f64, UnknownUnit>`, …): first among the
    // type's, so that a call through the alias without type arguments picks one. Made
    // from the type's own instances (whose other arguments fit its bounds and defaults):
    // those that match the alias already, else each with the alias's fixed arguments.
    for (path, pattern) in extra.alias_patterns.clone() {
        let bare = pattern.split('<').next().unwrap_or_default();
        let Some(g) = generic_type_named(extra, bare) else {
            continue;
        };
        let params = extra.alias_params.get(&path).cloned().unwrap_or_default();
        let Some(fixed) = fixed_args(&pattern, &params) else {
            continue;
        };
        let shapes = extra.type_shapes.entry(g).or_insert_with(|| {
            crate::instances::generic_shapes()
                .map(String::from)
                .collect()
        });
        let own: Vec<Vec<String>> = shapes.iter().map(|s| shape_args(s, fixed.len())).collect();
        let fits = |args: &[String]| {
            fixed
                .iter()
                .zip(args)
                .all(|(f, a)| f.as_ref().is_none_or(|f| f == a))
        };
        let mut front: Vec<Vec<String>> = own.iter().filter(|a| fits(a)).cloned().collect();
        if front.is_empty() {
            for a in &own {
                let one: Vec<String> = fixed
                    .iter()
                    .zip(a)
                    .map(|(f, a)| f.clone().unwrap_or_else(|| a.clone()))
                    .collect();
                if !front.contains(&one) {
                    front.push(one);
                }
            }
        }
        let front: Vec<String> = front.iter().map(|a| group(a)).collect();
        shapes.retain(|s| !front.contains(s));
        shapes.splice(0..0, front);
    }
    for (path, target) in found {
        // A partial family's instances are added above; it names them by its pattern.
        if is_std_map(&target) || extra.alias_patterns.contains_key(&path) {
            m.aliases.push(TypeAlias { path, target });
            continue;
        }
        if let Some(p) = target.as_path() {
            let args = p.type_args();
            if !args.is_empty() {
                let Some(g) = generic_type_named(extra, &p.bare()) else {
                    continue;
                };
                let texts: Vec<String> = args.iter().map(ToString::to_string).collect();
                let shape = group(&texts);
                let shapes = extra.type_shapes.entry(g.clone()).or_insert_with(|| {
                    crate::instances::generic_shapes()
                        .map(String::from)
                        .collect()
                });
                if !shapes.contains(&shape) {
                    shapes.push(shape);
                }
                extra.aliased_instances.insert(g);
                extra.trait_impls.push(from_str_on_alias(&target));
            }
        }
        m.aliases.push(TypeAlias { path, target });
    }
}

/// `impl FromStr` for the instance an alias names, declared on trust: an impl written on
/// the alias (toml's `impl FromStr for Table`, `Table = Map<String, Value>`) is left out
/// of rustdoc's JSON (rust-lang/rust#89452), and the compiler prunes the declaration
/// where there is none. Its error type is inferred (`_`): a cell raises it by its text.
fn from_str_on_alias(target: &RustType) -> crate::traits::TraitImpl {
    let method = kayton_manifest::FnSig {
        name: "from_str".into(),
        params: vec![kayton_manifest::Param {
            name: "s".into(),
            ty: RustType::parse("&str").expect("a type"),
        }],
        ret: RustType::parse("Result<Self, _>").expect("a type"),
        ..Default::default()
    };
    crate::traits::TraitImpl {
        trait_path: "std::str::FromStr".into(),
        self_ty: target.to_string(),
        methods: vec![method],
        generics: Vec::new(),
        bounds: Default::default(),
    }
}

/// Whether `target` is an array or tuple of primitives and types the plugin holds
/// (`uuid::Bytes = [u8; 16]`): declared, so that signatures naming the alias convert
/// the array or tuple it is.
pub(crate) fn structural(target: &RustType, held: &std::collections::BTreeSet<&str>) -> bool {
    if !matches!(target, RustType::Array { .. } | RustType::Tuple(_)) {
        return false;
    }
    let mut ok = true;
    target.map(&mut |t| {
        match t {
            RustType::Path(p) => {
                let text = p.to_string();
                ok &= ["bool", "char", "String"].contains(&text.as_str())
                    || kayton_manifest::symbols::NUMBERS.contains(&text.as_str())
                    || held.contains(text.as_str());
            }
            RustType::Array { .. } | RustType::Tuple(_) => return None,
            _ => ok = false,
        }
        Some(t.clone())
    });
    ok
}

/// The generic type the plugin instantiates whose bare path is `bare`, by its path with
/// parameters (`euclid::Point2D<T, U>`).
fn generic_type_named(extra: &Extra, bare: &str) -> Option<String> {
    extra
        .generic_types
        .iter()
        .find(|g| g.split('<').next() == Some(bare))
        .cloned()
}

/// The arguments of an alias's pattern (`euclid::Point2D<T, euclid::UnknownUnit>`): `None`
/// where the alias passes one of its parameters on, else the fixed type.
fn fixed_args(pattern: &str, params: &[String]) -> Option<Vec<Option<String>>> {
    let t = RustType::parse(pattern).ok()?;
    Some(
        t.as_path()?
            .type_args()
            .iter()
            .map(|a| {
                let text = a.to_string();
                (!params.contains(&text)).then_some(text)
            })
            .collect(),
    )
}

/// The arguments of an instance shape for `n` parameters (`{f64, i64}`, or `i64` for all).
pub(crate) fn shape_args(shape: &str, n: usize) -> Vec<String> {
    match shape.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(inner) => crate::instances::split_top(inner)
            .into_iter()
            .map(|a| a.trim().to_string())
            .collect(),
        None => vec![shape.to_string(); n],
    }
}

/// The shape text of instance arguments (`{f64, euclid::UnknownUnit}`).
fn group(args: &[String]) -> String {
    match args {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_and_tuples_of_primitives_are_structural() {
        let held = ["m::Point"].into_iter().collect();
        let t = |s: &str| RustType::parse(s).unwrap();
        assert!(structural(&t("[u8; 16]"), &held));
        assert!(structural(&t("(u32, m::Point)"), &held));
        assert!(!structural(&t("[m::Other; 2]"), &held));
        assert!(!structural(&t("m::Point"), &held));
        assert!(!structural(&t("&'static [u8]"), &held));
    }

    #[test]
    fn a_partial_family_fixes_some_arguments_of_its_instances() {
        let params = vec!["T".to_string()];
        assert_eq!(
            super::fixed_args("euclid::Point2D<T, euclid::UnknownUnit>", &params),
            Some(vec![None, Some("euclid::UnknownUnit".to_string())])
        );
        assert_eq!(super::shape_args("{f64, i64}", 2), vec!["f64", "i64"]);
        assert_eq!(super::shape_args("i64", 2), vec!["i64", "i64"]);
        assert_eq!(super::group(&["f64".into(), "m::U".into()]), "{f64, m::U}");
    }
}
