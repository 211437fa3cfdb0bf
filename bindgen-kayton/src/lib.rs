//! bindgen-kayton: a crate's rustdoc JSON → the Keyton manifest of its public API.
//!
//! This first cut binds what cells can call directly through the Rust ABI: public
//! structs and enums (pub fields, inherent non-generic methods, associated consts, the
//! Display/Debug/Clone/PartialEq they implement), free non-generic functions, and traits
//! with their methods and implementors. Everything skipped is counted with its reason.
mod bounds;
pub mod fn_bounds;
mod function;
pub(crate) use function::function;
mod alias_instances;
mod aliases;
pub mod cargo;
mod cargo_toml;
mod consts;
mod deref;
mod deref_std;
pub mod emit;
mod generics;
mod held;
mod idents;
mod implementors;
pub mod instances;
mod iter_bound;
mod iter_item;
mod keys;
mod literal;
mod owned_form;
mod paths;
pub mod pipeline;
mod positional_defaults;
mod projected_methods;
mod projection;
pub mod prune;
mod render;
pub mod report;
mod result_alias;
mod result_instances;
mod structured_impls;
pub mod traits;
mod type_decl;
mod type_def;
mod type_shapes;
mod unbound;
mod variants;

use kayton_manifest::{Const, Manifest, TraitDef, MANIFEST_SCHEMA};
use render::Renderer;
pub use rustdoc_types::Crate as RustdocCrate;
use type_def::{tuple_constructor, type_def, TypeParts};

/// What made a generated plugin: a hash of bindgen's, the macros' and the manifest
/// schema's sources (`build.rs`). An install made by another revision is rebuilt.
pub const REVISION: &str = env!("BINDGEN_KAYTON_REVISION");
use rustdoc_types::{Crate, Id, Item, ItemEnum, ItemKind, StructKind};
use std::collections::{BTreeMap, BTreeSet};

/// What was bound and what was skipped, by reason.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Coverage {
    pub bound: usize,
    pub skipped: BTreeMap<String, usize>,
}

impl Coverage {
    fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }

    /// Count what `other` counted too.
    fn add(&mut self, other: Coverage) {
        self.bound += other.bound;
        for (why, n) in other.skipped {
            *self.skipped.entry(why).or_default() += n;
        }
    }
}

/// Parse rustdoc JSON, refusing a format this build does not read.
pub fn load(json: &str) -> Result<Crate, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not rustdoc JSON: {e}"))?;
    let found = v["format_version"].as_u64().unwrap_or(0) as u32;
    if found != rustdoc_types::FORMAT_VERSION {
        return Err(format!(
            "rustdoc JSON format_version {found}, but this bindgen reads format_version {} (rustdoc-types {}): use rustc 1.95.0",
            rustdoc_types::FORMAT_VERSION,
            "0.57"
        ));
    }
    serde_json::from_value(v)
        .map_err(|e| format!("rustdoc JSON does not match format {found}: {e}"))
}

/// The public API of `krate` (its name as Rust spells it) as the plugin emitter needs
/// it, from its rustdoc JSON and that of the dependencies whose items it re-exports
/// (`reqwest::StatusCode` is `http::StatusCode`: bound from `http`'s JSON under the path
/// the user writes; see [`reexported_crates`]).
pub fn api(krate: &Crate, deps: &[Crate], name: &str, version: &str) -> emit::Api {
    let (manifest, coverage, extra) = build(krate, deps, name, version);
    emit::Api {
        manifest,
        coverage,
        enums: extra.enums,
        trait_impls: extra.trait_impls,
        generic_types: extra.generic_types,
        type_shapes: extra.type_shapes,
        other_paths: extra.other_paths,
        lifetimes: extra.lifetimes,
        bounds: extra.bounds,
        alias_params: extra.alias_params,
        instance_methods: extra.instance_methods,
        literal: extra.literal,
        alias_patterns: extra.alias_patterns,
        deref: extra.deref,
        public_items: extra.public_items,
        macros: extra.macros,
        named_instances: extra.result_instances.into_keys().collect(),
        aliased_instances: extra.aliased_instances,
    }
}

/// What the plugin emitter needs beyond the manifest.
#[derive(Default)]
struct Extra {
    /// Public path of each enum → its declarable variants.
    enums: BTreeMap<String, Vec<variants::Variant>>,
    trait_impls: Vec<traits::TraitImpl>,
    /// The crate's public traits (crate index, id, public path), whose methods are
    /// counted once the impls of every type are known.
    traits: Vec<(usize, Id, String)>,
    /// Generic types instantiated per shape, by path with parameters (`Either<L, R>`).
    generic_types: BTreeSet<String>,
    /// Their instantiations where not the shapes (see [`type_shapes`]).
    type_shapes: BTreeMap<String, Vec<String>>,
    /// See [`emit::Api::aliased_instances`].
    aliased_instances: BTreeSet<String>,
    /// The other public paths of types, functions and traits, each with the path the
    /// manifest names the item by (`petgraph::graph::Graph` → `petgraph::Graph`).
    other_paths: Vec<(String, String)>,
    /// What the bounds of the generic functions and methods name.
    bounds: fn_bounds::Table,
    /// See [`emit::Api::lifetimes`].
    lifetimes: BTreeMap<String, usize>,
    /// See [`emit::Api::alias_params`].
    alias_params: BTreeMap<String, Vec<String>>,
    /// See [`emit::Api::instance_methods`].
    instance_methods: BTreeMap<String, Vec<(String, kayton_manifest::FnSig)>>,
    /// See [`emit::Api::literal`].
    literal: BTreeSet<String>,
    /// See [`emit::Api::alias_patterns`].
    alias_patterns: BTreeMap<String, String>,
    /// See [`emit::Api::deref`].
    deref: BTreeMap<String, (String, Vec<kayton_manifest::FnSig>)>,
    /// See [`emit::Api::public_items`].
    public_items: BTreeSet<String>,
    /// The instances `result_instances` added, per generic type.
    result_instances: BTreeMap<String, Vec<String>>,
    /// See [`emit::Api::macros`].
    macros: BTreeSet<String>,
    /// Inherent impls for structured instances, declared once every instance is known.
    structured_impls: Vec<structured_impls::Deferred>,
}

fn build(krate: &Crate, deps: &[Crate], name: &str, version: &str) -> (Manifest, Coverage, Extra) {
    let mut extra = Extra::default();
    let none = std::collections::HashMap::new();
    let crates: Vec<&Crate> = std::iter::once(krate).chain(deps).collect();
    let api = paths::public_api(&crates, name);
    let mut cov = Coverage::default();
    let mut m = Manifest {
        schema: MANIFEST_SCHEMA,
        krate: name.to_string(),
        version: version.to_string(),
        features: Vec::new(),
        fingerprint: String::new(),
        plugin_crate: None,
        functions: Vec::new(),
        types: Vec::new(),
        traits: Vec::new(),
        aliases: Vec::new(),
        consts: Vec::new(),
        unbound: Vec::new(),
    };
    let public_traits: std::collections::HashMap<String, (usize, Id)> = api
        .entries
        .iter()
        .filter(|e| {
            matches!(
                crates[e.krate].index.get(&e.id).map(|i| &i.inner),
                Some(ItemEnum::Trait(_))
            )
        })
        .filter_map(|e| {
            let canonical = crates[e.krate].paths.get(&e.id)?.path.join("::");
            Some((canonical, (e.krate, e.id)))
        })
        .collect();
    let renderer = |k: usize| Renderer {
        krate: crates[k],
        public: &api.by_canonical,
        own: k == 0,
        generics: &[],
        bound: &none,
        iter_item: None,
        crates: &crates,
        traits: &public_traits,
        foreign: &api.foreign,
        foreign_shown: false,
        foreign_named: false,
    };
    let mut found_aliases = Vec::new();
    for e in &api.entries {
        let r = renderer(e.krate);
        if let Some(item) = crates[e.krate].index.get(&e.id) {
            if let ItemEnum::TypeAlias(a) = &item.inner {
                if let Some((t, params)) = aliases::target(&r, &e.public, a) {
                    if !params.is_empty() {
                        extra.alias_params.insert(e.public.clone(), params);
                    }
                    found_aliases.push((e.public.clone(), t));
                } else if let Some((t, pattern)) = aliases::partial_family(&r, a) {
                    extra
                        .alias_params
                        .insert(e.public.clone(), aliases::type_params(a));
                    extra.alias_patterns.insert(e.public.clone(), pattern);
                    found_aliases.push((e.public.clone(), t));
                }
            }
            match &item.inner {
                ItemEnum::Struct(_) | ItemEnum::Enum(_) | ItemEnum::Function(_) => {
                    extra.public_items.insert(e.public.clone());
                }
                ItemEnum::Macro(_) => {
                    extra.macros.insert(e.public.clone());
                }
                ItemEnum::ProcMacro(p) if p.kind == rustdoc_types::MacroKind::Bang => {
                    extra.macros.insert(e.public.clone());
                }
                _ => {}
            }
            bind_item(&r, &e.public, item, &mut m, &mut cov, &mut extra);
            if matches!(item.inner, ItemEnum::Trait(_)) {
                extra.traits.push((e.krate, e.id, e.public.clone()));
            }
            if let ItemEnum::Enum(_) = &item.inner {
                let params = generics::instantiable(&r, item).unwrap_or_default();
                let vs = variants::of(&r, crates[e.krate], item, &params);
                extra.enums.insert(e.public.clone(), vs);
            }
        }
    }
    aliases::add(found_aliases, &mut m, &mut extra);
    result_instances::add(&m, &mut extra);
    // A type's parameter defaults by its public path, for matching instances that leave
    // them out (`palette::Hsl` is `Hsl<Srgb, f32>`).
    let types: std::collections::HashMap<&str, (usize, &Id)> = api
        .entries
        .iter()
        .map(|e| (e.public.as_str(), (e.krate, &e.id)))
        .collect();
    let defaults_of = |bare: &str| {
        let (k, id) = types.get(bare)?;
        let item = crates[*k].index.get(id)?;
        let n = generics::instantiable(&renderer(*k), item)?.len();
        Some((n, generics::param_defaults(&renderer(*k), item)))
    };
    let deferred = std::mem::take(&mut extra.structured_impls);
    structured_impls::add(deferred, &renderer, &defaults_of, &mut cov, &mut extra);
    consts::other_paths(&api, &crates, &mut m);
    extra.other_paths = api
        .others
        .iter()
        .filter(|(e, _)| {
            crates[e.krate].index.get(&e.id).is_some_and(|i| {
                matches!(
                    i.inner,
                    ItemEnum::Struct(_)
                        | ItemEnum::Enum(_)
                        | ItemEnum::Function(_)
                        | ItemEnum::Trait(_)
                )
            })
        })
        .map(|(e, best)| (e.public.clone(), best.clone()))
        .collect();
    for (path, kind) in &api.missing {
        if matches!(kind, ItemKind::Struct | ItemKind::Enum | ItemKind::Function) {
            cov.skip(format!(
                "re-export of `{}` without that crate's rustdoc JSON",
                path.join("::")
            ));
        }
    }
    // A trait impl is found from the trait and again from its type.
    extra
        .trait_impls
        .sort_by(|a, b| (&a.trait_path, &a.self_ty).cmp(&(&b.trait_path, &b.self_ty)));
    extra
        .trait_impls
        .dedup_by(|a, b| a.trait_path == b.trait_path && a.self_ty == b.self_ty);
    for (k, id, path) in &extra.traits {
        let r = renderer(*k);
        if let Some(item) = crates[*k].index.get(id) {
            traits::count_unbound(&r, path, item, &extra.trait_impls, &mut cov);
        }
    }
    (m, cov, extra)
}

/// Names of the crates whose types, modules or functions `krate` re-exports (their JSON
/// makes those bindable: primal's `is_prime` is `primal_check::miller_rabin`).
pub fn reexported_crates(krate: &Crate, name: &str) -> Vec<String> {
    let api = paths::public_api(&[krate], name);
    let mut out: Vec<String> = api
        .missing
        .iter()
        .filter(|(_, k)| {
            matches!(
                k,
                ItemKind::Struct | ItemKind::Enum | ItemKind::Module | ItemKind::Function
            )
        })
        .filter_map(|(p, _)| p.first().cloned())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The crates whose whole root `krate` (named `name`) re-exports by a glob into one of
/// its modules: their JSON is read too when `krate` is itself a re-exported dependency
/// (clap → clap_builder → anstyle). Re-exports of single items of a crate two levels
/// down are not followed: a digest's `Output<Self>` stays bytes, not crypto-common's
/// alias.
pub fn glob_reexported_crates(krate: &Crate, name: &str) -> Vec<String> {
    paths::public_api(&[krate], name).globbed
}

/// Bind one public item (function, struct, enum or trait) under `path`.
fn bind_item(
    r: &Renderer,
    path: &str,
    item: &Item,
    m: &mut Manifest,
    cov: &mut Coverage,
    extra: &mut Extra,
) {
    let krate = r.krate;
    let instance;
    let mut path = path;
    let borrowed = generics::borrowed(item);
    // A borrowed type with parameters is declared for the crate's defaults of them.
    // Parameters the type itself defaults (pulldown-cmark's `Parser<'a, F =
    // DefaultBrokenLinkCallback>`) are left out: the bare path is that instance, as
    // results name it (`render.rs`), so its methods join its entry.
    let borrowed_args = generics::borrowed_args(r, item);
    let borrowed_generic = generics::borrowed_generic(r, item);
    let borrowed = borrowed || borrowed_args.is_some() || borrowed_generic;
    let borrowed_instance = borrowed_args
        .filter(|_| !generics::own_defaults(item))
        .map(|a| format!("{path}<{}>", a.join(", ")));
    let bi;
    if let Some(i) = borrowed_instance {
        bi = i;
        path = &bi;
    }
    if let Some(generic) =
        generics::unbindable_generics(item).filter(|_| !borrowed || borrowed_generic)
    {
        // `Map<K, V>`: no kind can stand for every instance (defaulted parameters, like
        // `HeaderMap<T = HeaderValue>`'s, are fine: the default is the type) — unless
        // every inherent impl is of one instance (`impl Map<String, Value>`): that is it.
        let per_shape = generics::instantiable(r, item);
        match (generics::single_instance(r, krate, item), per_shape) {
            // An iterator adaptor renders as `impl Iterator<…>`: a list, not a type.
            (Some(p), _) if p.starts_with("impl ") => {
                for _ in generics::inherent_fns(krate, item) {
                    cov.skip("method of an iterator adaptor (its items are a list)");
                }
                return;
            }
            (Some(p), _) => {
                instance = p;
                path = &instance;
            }
            // The plugin instantiates it per shape (`Either<i64, i64>`, …).
            (None, Some(params)) => {
                instance = format!("{path}<{}>", params.join(", "));
                path = &instance;
                extra.generic_types.insert(instance.clone());
                if let Some(shapes) = type_shapes::of(r, item) {
                    extra.type_shapes.insert(instance.clone(), shapes);
                }
            }
            (None, None) if generics::alias_instance(r, krate, &item.id).is_some() => {
                instance = generics::alias_instance(r, krate, &item.id).expect("checked");
                path = &instance;
            }
            (None, None) => {
                for _ in generics::inherent_fns(krate, item) {
                    cov.skip(format!("method of {generic}"));
                }
                return;
            }
        }
    }
    if borrowed && generics::lifetimes(item) > 1 {
        extra
            .lifetimes
            .insert(path.to_string(), generics::lifetimes(item));
    }
    match &item.inner {
        ItemEnum::Function(_) => {
            if let Some((mut f, b)) = function(r, item, None, cov) {
                f.name = path.to_string();
                extra.bounds.add(fn_bounds::FREE, path, b);
                m.functions.push(f);
            }
        }
        // A `static` is read like a constant (encoding_rs's `pub static SHIFT_JIS:
        // &'static Encoding`); one whose type is not `Copy` is pruned by rustc.
        ItemEnum::Static(s) if !s.is_mutable => {
            if let Some(ty) = consts::declared_type(r, &s.type_) {
                m.consts.push(Const {
                    name: path.to_string(),
                    ty,
                });
            }
        }
        ItemEnum::Constant { type_, .. } => {
            if let Some(ty) = consts::declared_type(r, type_) {
                m.consts.push(Const {
                    name: path.to_string(),
                    ty,
                });
            }
        }
        ItemEnum::Struct(s) => {
            if let StructKind::Tuple(fs) = &s.kind {
                m.functions
                    .extend(tuple_constructor(r, path, item, fs, extra));
            }
            let fields = match &s.kind {
                StructKind::Plain { fields, .. } => fields.clone(),
                _ => Vec::new(),
            };
            let parts = TypeParts {
                fields: &fields,
                impls: &s.impls,
                borrowed,
            };
            let t = type_def(r, path, parts, item, cov, extra);
            if literal::constructible(item, s, &t) {
                extra.literal.insert(t.path.clone());
            }
            m.types.push(t);
        }
        ItemEnum::Enum(e) => {
            let parts = TypeParts {
                fields: &[],
                impls: &e.impls,
                borrowed,
            };
            let t = type_def(r, path, parts, item, cov, extra);
            m.types.push(t);
        }
        ItemEnum::Trait(t) => {
            // The plugin declares the trait's impls (counted there, not here).
            let mut scratch = Coverage::default();
            extra.trait_impls.extend(traits::local_impls(r, path, item));
            let count = &mut scratch;
            let methods = t
                .items
                .iter()
                .filter_map(|i| krate.index.get(i))
                .filter_map(|i| function(r, i, Some(path), count))
                .map(|(f, _)| f)
                .collect();
            let mut implemented_for: Vec<String> = t
                .implementations
                .iter()
                .filter_map(|i| krate.index.get(i))
                .filter_map(|i| r.implementor(i))
                .collect();
            implemented_for.sort();
            implemented_for.dedup();
            m.traits.push(TraitDef {
                path: path.to_string(),
                methods,
                implemented_for,
                primitive_impls: Default::default(),
            });
        }
        _ => {}
    }
}
