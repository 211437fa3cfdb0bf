//! Generic types: which can be bound and as what. A type whose parameters all have
//! defaults is its default instance (`HeaderMap` is `HeaderMap<HeaderValue>`); one whose
//! inherent impls are all for one instance is that instance (`serde_json::Map<String,
//! Value>`); any other (or one that borrows) is skipped with a reason naming it.
use crate::render::Renderer;
use rustdoc_types::{Crate, Id, Item, ItemEnum, Type, Visibility};
use std::collections::HashMap;

/// `K, V` of a struct or enum `Map<K, V>` whose type parameters are not all defaulted
/// (or `'a` of one that borrows).
pub fn unbindable_generics(item: &Item) -> Option<String> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return None,
    };
    // Lifetimes too: a type that borrows cannot be a kind (kinds are `'static`).
    let open: Vec<&str> = generics
        .params
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                rustdoc_types::GenericParamDefKind::Type { default: None, .. }
                    | rustdoc_types::GenericParamDefKind::Const { default: None, .. }
                    | rustdoc_types::GenericParamDefKind::Lifetime { .. }
            )
        })
        .map(|p| p.name.as_str())
        .collect();
    let name = item.name.as_deref().unwrap_or("_");
    if open.is_empty() {
        return None;
    }
    let what = if open.iter().all(|p| p.starts_with('\'')) {
        "a type that borrows"
    } else {
        "a generic type"
    };
    Some(format!("{what} (`{name}<{}>`)", open.join(", ")))
}

/// Whether `item` is a struct or enum with one lifetime parameter and no other
/// (`serde_json::map::Entry<'a>`): the plugin declares it borrowed — no kind, its
/// methods called by cells on the value an expression made.
pub fn borrowed(item: &Item) -> bool {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return false,
    };
    !generics.params.is_empty()
        && generics
            .params
            .iter()
            .all(|p| matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
}

/// Whether `item` borrows and has type parameters that no crate default gives
/// (`indexmap::map::Entry<'a, K, V>`, `bs58::encode::EncodeBuilder<'a, I>`): it is
/// instantiated per shape like an owned generic type, each instance declared borrowed
/// (no kind; a cell uses it in the expression that made it, `m.entry(k).or_insert(v)`).
pub fn borrowed_generic(r: &Renderer, item: &Item) -> bool {
    lifetimes(item) > 0 && borrowed_args(r, item).is_none() && instantiable(r, item).is_some()
}

/// How many lifetime parameters `item` has (`Node<'a, 'input>`: 2).
pub fn lifetimes(item: &Item) -> usize {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return 0,
    };
    generics
        .params
        .iter()
        .filter(|p| matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
        .count()
}

/// `'_, '_` for `n` elided lifetimes.
pub fn elided(n: usize) -> String {
    vec!["'_"; n.max(1)].join(", ")
}

/// A type that borrows and has type parameters (`http::header::Entry<'a, T>`), each of
/// which the crate gives a default elsewhere (`HeaderMap<T = HeaderValue>`): its
/// arguments, rendered (`HeaderValue`). It is declared borrowed, for that instance.
pub fn borrowed_args(r: &Renderer, item: &Item) -> Option<Vec<String>> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return None,
    };
    let lifetimes = generics
        .params
        .iter()
        .filter(|p| matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
        .count();
    if lifetimes != 1 || generics.params.len() < 2 {
        return None;
    }
    generics
        .params
        .iter()
        .filter(|p| !matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
        .map(|p| match &p.kind {
            rustdoc_types::GenericParamDefKind::Type { default, .. } => {
                let d = default
                    .as_ref()
                    .or_else(|| crate_default(r.krate, &p.name))?;
                r.ty(d, "").ok()
            }
            _ => None,
        })
        .collect()
}

/// Whether every type parameter of the struct or enum `item` has a default of its own
/// (`F = DefaultBrokenLinkCallback` of `Parser<'a, F>`).
pub fn own_defaults(item: &Item) -> bool {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return false,
    };
    generics.params.iter().all(|p| match &p.kind {
        rustdoc_types::GenericParamDefKind::Lifetime { .. } => true,
        rustdoc_types::GenericParamDefKind::Type { default, .. } => default.is_some(),
        rustdoc_types::GenericParamDefKind::Const { default, .. } => default.is_some(),
    })
}

/// The type parameters of the struct or enum `item` bound to their own defaults, when
/// every one has a default that renders (`T` → `f64` of `Coord<T = f64>`); else none.
pub fn own_default_bindings(r: &Renderer, item: &Item) -> HashMap<String, String> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return HashMap::new(),
    };
    let mut out = HashMap::new();
    for p in &generics.params {
        match &p.kind {
            rustdoc_types::GenericParamDefKind::Lifetime { .. } => {}
            rustdoc_types::GenericParamDefKind::Type {
                default: Some(d), ..
            } => match r.ty(d, "") {
                Ok(t) => {
                    out.insert(p.name.clone(), t);
                }
                Err(_) => return HashMap::new(),
            },
            // bumpalo's `Bump<const MIN_ALIGN: usize = 1>`: `MIN_ALIGN` is `1`.
            rustdoc_types::GenericParamDefKind::Const {
                default: Some(d), ..
            } => {
                out.insert(p.name.clone(), d.clone());
            }
            _ => return HashMap::new(),
        }
    }
    out
}

/// The default the crate gives a type parameter named `name` on its public types, if
/// exactly one (`T` → `HeaderValue` of `HeaderMap<T = HeaderValue>`).
pub(crate) fn crate_default<'a>(krate: &'a Crate, name: &str) -> Option<&'a Type> {
    let mut found: Option<&Type> = None;
    for item in krate.index.values() {
        if !matches!(item.visibility, Visibility::Public) {
            continue;
        }
        let generics = match &item.inner {
            ItemEnum::Struct(s) => &s.generics,
            ItemEnum::Enum(e) => &e.generics,
            _ => continue,
        };
        for p in &generics.params {
            if let rustdoc_types::GenericParamDefKind::Type {
                default: Some(d), ..
            } = &p.kind
            {
                if p.name == name {
                    if found.is_some_and(|f| f != d) {
                        return None;
                    }
                    found = Some(d);
                }
            }
        }
    }
    found
}

/// The one instance of a generic type that all its inherent impls are for, if they
/// are all for the same concrete one (`serde_json::Map<String, serde_json::Value>`).
pub fn single_instance(r: &Renderer, krate: &Crate, item: &Item) -> Option<String> {
    let impls: &[Id] = match &item.inner {
        ItemEnum::Struct(s) => &s.impls,
        ItemEnum::Enum(e) => &e.impls,
        _ => return None,
    };
    agreed(
        impls
            .iter()
            .filter_map(|i| krate.index.get(i))
            .filter_map(|i| match &i.inner {
                ItemEnum::Impl(imp) if imp.trait_.is_none() => Some(r.ty(&imp.for_, "").ok()),
                _ => None,
            }),
    )
}

/// The one instance all of `texts` name (each rendered, `None` if one does not), if they
/// agree and it has arguments.
fn agreed(texts: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut one: Option<String> = None;
    for text in texts {
        let text = text?;
        if one.as_ref().is_some_and(|o| *o != text) {
            return None;
        }
        one = Some(text);
    }
    one.filter(|t| t.contains('<'))
}

/// The one instance of a generic type that the crate's public aliases name, when they
/// all name the same one (`WildMatch = WildMatchPattern<'*', '?'>`, over const
/// parameters no shape can stand for): the type is declared as that instance.
pub fn alias_instance(r: &Renderer, krate: &Crate, id: &Id) -> Option<String> {
    agreed(krate.index.values().filter_map(|it| match &it.inner {
        ItemEnum::TypeAlias(a)
            if matches!(it.visibility, Visibility::Public)
                && a.generics.params.is_empty()
                && matches!(&a.type_, Type::ResolvedPath(p) if p.id == *id) =>
        {
            Some(r.ty(&a.type_, "").ok())
        }
        _ => None,
    }))
}

/// The public functions of `item`'s inherent impls (what a generic type would offer).
pub fn inherent_fns<'a>(krate: &'a Crate, item: &'a Item) -> impl Iterator<Item = &'a Item> {
    let impls: &[Id] = match &item.inner {
        ItemEnum::Struct(s) => &s.impls,
        ItemEnum::Enum(e) => &e.impls,
        _ => &[],
    };
    impls
        .iter()
        .filter_map(|i| krate.index.get(i))
        .filter_map(|i| match &i.inner {
            ItemEnum::Impl(imp) if imp.trait_.is_none() => Some(imp),
            _ => None,
        })
        .flat_map(|imp| imp.items.iter().filter_map(|i| krate.index.get(i)))
        .filter(|i| {
            matches!(i.inner, ItemEnum::Function(_)) && matches!(i.visibility, Visibility::Public)
        })
}

/// The type parameters of the inherent impl `imp` of `item` bound to the type's
/// defaults: `impl<T> HeaderMap<T>` renders `T` as `HeaderValue`.
pub fn defaults(r: &Renderer, item: &Item, imp: &rustdoc_types::Impl) -> HashMap<String, String> {
    let mut out = HashMap::new();
    // A borrowed type's parameters take the crate's defaults (see `borrowed_args`).
    let borrowed = borrowed_args(r, item).is_some();
    for (param, arg) in params_beside_args(item, imp) {
        // `impl<const MIN_ALIGN: usize> Bump<MIN_ALIGN>` of `Bump<const MIN_ALIGN: usize
        // = 1>`: `MIN_ALIGN` is `1`.
        if let (
            rustdoc_types::GenericParamDefKind::Const {
                default: Some(d), ..
            },
            rustdoc_types::GenericArg::Const(rustdoc_types::Constant {
                expr,
                is_literal: false,
                ..
            })
            | rustdoc_types::GenericArg::Type(Type::Generic(expr)),
        ) = (&param.kind, arg)
        {
            out.insert(expr.clone(), d.clone());
            continue;
        }
        if let (
            rustdoc_types::GenericParamDefKind::Type { default, .. },
            rustdoc_types::GenericArg::Type(Type::Generic(name)),
        ) = (&param.kind, arg)
        {
            let d = default.as_ref().or_else(|| {
                borrowed
                    .then(|| crate_default(r.krate, &param.name))
                    .flatten()
            });
            if let Some(Ok(text)) = d.map(|d| r.ty(d, "")) {
                out.insert(name.clone(), text);
            }
        }
    }
    out
}

/// The type `item`'s parameters, each beside the argument the impl `imp` gives it in
/// its self type (lifetimes left out on both sides).
pub(crate) fn params_beside_args<'a>(
    item: &'a Item,
    imp: &'a rustdoc_types::Impl,
) -> Vec<(
    &'a rustdoc_types::GenericParamDef,
    &'a rustdoc_types::GenericArg,
)> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return Vec::new(),
    };
    let Type::ResolvedPath(p) = &imp.for_ else {
        return Vec::new();
    };
    let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
        return Vec::new();
    };
    let params = generics
        .params
        .iter()
        .filter(|g| !matches!(g.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }));
    let args = args
        .iter()
        .filter(|a| !matches!(a, rustdoc_types::GenericArg::Lifetime(_)));
    params.zip(args).collect()
}

/// The parameters of the impl `imp` bound to the arguments of the instance `path` it
/// is declared for (`impl<const M: char, const S: char> WildMatchPattern<M, S>` at
/// `WildMatchPattern<'*', '?'>`: `M` is `'*'`), matched by position.
pub fn instance_bindings(path: &str, imp: &rustdoc_types::Impl) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Some(inner) = path.split_once('<').and_then(|(_, a)| a.strip_suffix('>')) else {
        return out;
    };
    let given = crate::instances::split_top(inner);
    let Type::ResolvedPath(p) = &imp.for_ else {
        return out;
    };
    let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
        return out;
    };
    let params = args
        .iter()
        .filter(|a| !matches!(a, rustdoc_types::GenericArg::Lifetime(_)));
    for (arg, text) in params.zip(given) {
        let name = match arg {
            rustdoc_types::GenericArg::Type(Type::Generic(n)) => n.clone(),
            rustdoc_types::GenericArg::Const(c) if !c.is_literal => c.expr.clone(),
            _ => continue,
        };
        out.insert(name, text.trim().to_string());
    }
    out
}

/// Stands, in a renderer's bindings, for a type parameter left to a default no plugin
/// can name (see [`instantiable`]): a path's trailing argument that is left out.
pub(crate) const LEFT_TO_DEFAULT: &str = "@DEFAULT@";

/// The type parameters of a generic struct or enum that the plugin instantiates per
/// shape (every parameter replaced by the shape): all of them are types — no consts.
/// Lifetimes are passed over: a type that borrows (`indexmap::map::Entry<'a, K, V>`) is
/// instantiated per shape too, declared borrowed (see [`borrowed_generic`]). Trailing parameters whose default is no type a
/// plugin can name (hashbrown's `A: Allocator = Global`, in a private module) are left
/// to that default: the instances are `HashMap<K, V, S>`.
pub fn instantiable(r: &Renderer, item: &Item) -> Option<Vec<String>> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return None,
    };
    let mut out = Vec::new();
    let mut nameable = Vec::new();
    // A default may name another parameter (itertools' `EitherOrBoth<A, B = A>`).
    let names: Vec<String> = generics.params.iter().map(|p| p.name.clone()).collect();
    let ri = Renderer {
        generics: &names,
        ..*r
    };
    for p in &generics.params {
        match &p.kind {
            rustdoc_types::GenericParamDefKind::Type { default, .. } => {
                out.push(p.name.clone());
                nameable.push(default.as_ref().is_none_or(|d| ri.ty(d, "").is_ok()));
            }
            rustdoc_types::GenericParamDefKind::Lifetime { .. } => {}
            _ => return None,
        }
    }
    while nameable.last() == Some(&false) {
        nameable.pop();
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

/// The defaults of the last type parameters of a struct or enum (`Ty = Directed, Ix =
/// DefaultIx` of petgraph's `Graph`), in order; empty if one does not render.
pub fn param_defaults(r: &Renderer, item: &Item) -> Vec<kayton_manifest::RustType> {
    let generics = match &item.inner {
        ItemEnum::Struct(s) => &s.generics,
        ItemEnum::Enum(e) => &e.generics,
        _ => return Vec::new(),
    };
    // Of the parameters instantiated (not those left to a default no plugin can name).
    let kept = instantiable(r, item).map_or(0, |p| p.len());
    let given: Option<Vec<kayton_manifest::RustType>> = generics
        .params
        .iter()
        .filter(|p| !matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
        .take(kept)
        .filter_map(|p| match &p.kind {
            rustdoc_types::GenericParamDefKind::Type {
                default: Some(d), ..
            } => Some(r.rust_type(d, "").ok()),
            _ => None,
        })
        .collect();
    given.unwrap_or_default()
}

/// Whether `imp` has type (or const) parameters of its own; lifetimes do not count.
pub fn has_type_params(imp: &rustdoc_types::Impl) -> bool {
    imp.generics
        .params
        .iter()
        .any(|p| !matches!(p.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
}

/// An impl of a generic type for one instance of it and no parameters of its own
/// (`impl FromStr for Map<String, Value>`): that instance, rendered. Const parameters
/// that the type's defaults fix count as none (crc's `impl<const L: usize> Crc<u32,
/// Table<L>>` of `Crc<W, I = Table<1>>` is `Crc<u32, Table<1>>`).
pub fn concrete_instance(r: &Renderer, item: &Item, imp: &rustdoc_types::Impl) -> Option<String> {
    let Type::ResolvedPath(p) = &imp.for_ else {
        return None;
    };
    let consts = const_defaults(item, imp);
    let open = imp.generics.params.iter().any(|g| match g.kind {
        rustdoc_types::GenericParamDefKind::Lifetime { .. } => false,
        rustdoc_types::GenericParamDefKind::Const { .. } => !consts.contains_key(&g.name),
        _ => true,
    });
    if open || p.args.is_none() {
        return None;
    }
    let r = Renderer {
        bound: &consts,
        ..*r
    };
    r.ty(&imp.for_, "").ok().filter(|t| t.contains('<'))
}

/// The impl's const parameters that the type's defaults fix: `L` of `impl<const L:
/// usize> Crc<u32, Table<L>>` is `1` where the type is `Crc<W, I = Table<1>>`.
pub fn const_defaults(item: &Item, imp: &rustdoc_types::Impl) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (param, arg) in params_beside_args(item, imp) {
        let (
            rustdoc_types::GenericParamDefKind::Type {
                default: Some(Type::ResolvedPath(d)),
                ..
            },
            rustdoc_types::GenericArg::Type(Type::ResolvedPath(a)),
        ) = (&param.kind, arg)
        else {
            continue;
        };
        if d.id != a.id {
            continue;
        }
        let consts = |p: &rustdoc_types::Path| -> Vec<rustdoc_types::Constant> {
            match p.args.as_deref() {
                Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) => args
                    .iter()
                    .filter_map(|a| match a {
                        rustdoc_types::GenericArg::Const(c) => Some(c.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        for (given, at) in consts(a).iter().zip(consts(d)) {
            if !given.is_literal && at.is_literal {
                out.insert(given.expr.clone(), at.expr.clone());
            }
        }
    }
    out
}

/// For an inherent impl of a type instantiated per shape: the impl's type parameters as
/// the type's own (`impl<T> Either<T, T>` → `T` is `L`); `None` when the impl is for one
/// particular instance (`impl Either<String, i64>`), which no shape is. An impl for some
/// of the instances (`impl<N, E> Graph<N, E, Directed>`) is declared for every one: the
/// compiler prunes its methods from the others.
pub fn impl_params(
    r: &Renderer,
    item: &Item,
    imp: &rustdoc_types::Impl,
) -> Option<HashMap<String, String>> {
    let params = instantiable(r, item)?;
    let Type::ResolvedPath(p) = &imp.for_ else {
        return None;
    };
    let args: Vec<&rustdoc_types::GenericArg> = match p.args.as_deref() {
        Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .filter(|a| !matches!(a, rustdoc_types::GenericArg::Lifetime(_)))
            .collect(),
        _ => Vec::new(),
    };
    let mut out = HashMap::new();
    let fixed = args.len();
    for (param, arg) in params.iter().zip(&args) {
        if let rustdoc_types::GenericArg::Type(Type::Generic(g)) = arg {
            out.entry(g.clone()).or_insert_with(|| param.clone());
        }
    }
    // The impl's parameters at the type's parameters left to their default (`A` of
    // `impl<K, V, S, A: Allocator> HashMap<K, V, S, A>`): the methods are the default's
    // (`entry`, `union`, `drain`), which name it by leaving it out.
    for arg in args.iter().skip(params.len()) {
        if let rustdoc_types::GenericArg::Type(Type::Generic(g)) = arg {
            out.entry(g.clone())
                .or_insert_with(|| LEFT_TO_DEFAULT.to_string());
        }
    }
    (fixed == 0 || !out.is_empty()).then_some(out)
}
