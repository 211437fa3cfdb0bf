//! The public API → the source of `kayton_rplugin__<crate>`: `Cargo.toml` and a
//! `src/lib.rs` of `#[kayton::export(remote …)]` declarations, as a careful person would
//! write them by hand (see `docs/macros.md`, "Remote declarations"), pretty-printed by
//! prettyplease in a deterministic order. Every item has a [key](Key) so that pruning
//! can drop it by name and re-emit.
use crate::fn_bounds::{FnBounds, FREE};
use crate::idents::ident;
use crate::instances::{emitted_impls, generic_shapes};
use crate::traits::TraitImpl;
use crate::type_decl::{generic_type_decl, instance_shapes, type_decl};
use crate::Coverage;
// The pruning keys live in `keys.rs`; emit and prune both name items by them.
pub use crate::keys::*;
// The plugin crate's name and Cargo.toml live in `cargo_toml.rs`.
pub use crate::cargo_toml::{cargo_toml, plugin_crate, serde_version, KaytonDeps};
use kayton_manifest::assemble::SHAPES;
use kayton_manifest::{FnSig, Manifest, Receiver, RustType, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// What bindgen knows of a crate's public API (see [`crate::api`]).
pub struct Api {
    pub manifest: Manifest,
    /// What rustdoc showed that cannot be bound, by reason.
    pub coverage: Coverage,
    /// Public path of each enum → its declarable variants (name, declaration).
    pub enums: BTreeMap<String, Vec<(String, String)>>,
    /// Trait impls whose methods Keyton calls (see [`crate::traits`]).
    pub trait_impls: Vec<TraitImpl>,
    /// Generic types the plugin instantiates per shape, by path with parameters
    /// (`itertools::Either<L, R>`).
    pub generic_types: BTreeSet<String>,
    /// Instantiations of a generic type other than the shapes (`{Vec<u8>, …}`).
    pub type_shapes: BTreeMap<String, Vec<String>>,
    /// Other public paths of items (other, the item's path), for `plugin!(paths = …)`.
    pub other_paths: Vec<(String, String)>,
    /// What the bounds of the generic functions and methods name (by owner and name).
    pub bounds: crate::fn_bounds::Table,
    /// Types that borrow with more than one lifetime parameter (`roxmltree::Node<'a,
    /// 'input>`), by path → how many.
    pub lifetimes: BTreeMap<String, usize>,
    /// Aliases that name a generic type (`bimap::BiMap<L, R>` of `BiHashMap<L, R>`), by
    /// path → their type parameters.
    pub alias_params: BTreeMap<String, Vec<String>>,
    /// Methods of an inherent impl for one instance of a generic type (ureq's `impl
    /// RequestBuilder<WithoutBody> { fn call }`), by the type's path → (shape, method).
    pub instance_methods: BTreeMap<String, Vec<(String, FnSig)>>,
    /// Structs a cell makes from their fields by name (see [`crate::literal`]).
    pub literal: BTreeSet<String>,
    /// Aliases that fix some of a generic type's parameters (euclid's `Point2D<T> =
    /// Point2D<T, UnknownUnit>`), by path → their target over their parameters.
    pub alias_patterns: BTreeMap<String, String>,
    /// Methods a type reaches through `Deref` (see [`crate::deref`]), by path → (the
    /// target's path, its methods).
    pub deref: BTreeMap<String, (String, Vec<FnSig>)>,
    /// Public paths of the crate's structs, enums and functions (see [`crate::unbound`]).
    pub public_items: BTreeSet<String>,
    /// Public paths of the crate's function-like macros.
    pub macros: BTreeSet<String>,
    /// Generic types with instances that the crate's results or constants name (see
    /// [`crate::result_instances`]).
    pub named_instances: BTreeSet<String>,
    /// Generic types with instances that the crate's aliases name (see
    /// [`crate::aliases::add`]).
    pub aliased_instances: BTreeSet<String>,
}

impl Api {
    /// The instantiations emitted for the generic type `t`.
    pub fn shapes_of(&self, t: &TypeDef) -> Vec<String> {
        self.type_shapes
            .get(&t.path)
            .cloned()
            .unwrap_or_else(|| match t.borrowed {
                // A type that borrows has no kind: `&str` may be one of its parameters
                // (`bs58::encode("…")` makes an `EncodeBuilder<'static, &str>`).
                true => kayton_manifest::assemble::SHAPES
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                false => generic_shapes().map(String::from).collect(),
            })
    }
}

/// Tried after the seven shapes for a generic function: a list of strings, which Keyton
/// passes as often as a list of numbers (`table.set_header(["a", "b"])` of a
/// `T: Into<Row>`).
const MORE_SHAPES: &[&str] = &["Vec<String>"];

/// The instantiations bindgen tries for the generic `f`: the seven shapes, a list of
/// strings and the types its bounds `b` name.
pub fn candidates(f: &FnSig, b: &FnBounds) -> Vec<String> {
    // A result that borrows an argument (`fn encode_text<S: ?Sized>(text: &S) -> Cow<str>`)
    // has no lifetime to name when `S` is itself a reference (`&&str` has two): the `&str`
    // shape is left out, and `str` (from `?Sized`) is the one a string is passed as.
    // (With `&self`, the result borrows `self`: nothing is ambiguous.)
    let by_ref = matches!(f.receiver, Some(Receiver::Ref | Receiver::RefMut));
    // A `Cow` anywhere in the result borrows too (shellexpand's `full<SI>(input: &SI) ->
    // Result<Cow<str>, LookupError<VarError>>`).
    let mut cow = false;
    f.ret.map(&mut |t| {
        cow |= t.args_of(&["std::borrow::Cow", "Cow"]).is_some();
        None
    });
    let borrows = !by_ref && (f.ret.to_string().contains('&') || cow);
    let mut each: Vec<String> = Vec::new();
    // Each once (a bound may name a shape: ron's `impl Into<Number>`, `From<i64>`).
    for s in SHAPES
        .iter()
        .chain(MORE_SHAPES)
        .map(|s| s.to_string())
        .filter(|s| !(borrows && s.starts_with('&')))
        .chain(b.types.iter().cloned())
    {
        if !each.contains(&s) {
            each.push(s);
        }
    }
    // Type parameters with bounds of their own (`to_writer<W: Write, T: Serialize>`):
    // the combinations of each one's types (the seven shapes where its bounds name
    // none), as groups `{Vec<u8>, i64}`.
    if b.per_param.iter().any(|b| !b.is_empty()) {
        let per: Vec<Vec<String>> = b
            .per_param
            .iter()
            // Its own types first: the product is cut at `MAX_COMBINATIONS`.
            .map(|b| {
                // Numbers a bound is implemented for (rand's `T: SampleUniform`: `u64`,
                // `usize`, …) come after Keyton's own `i64` and `f64`, which are what
                // `random_range(-5..5)` and `(0.0..1.0)` give.
                let numbers = b
                    .iter()
                    .any(|t| crate::bounds::NUMBERS.contains(&t.as_str()));
                let first: &[&str] = if numbers { &["i64", "f64"] } else { &[] };
                let mut o: Vec<String> = first.iter().map(|s| s.to_string()).collect();
                for t in b
                    .iter()
                    .cloned()
                    .chain(SHAPES.iter().chain(MORE_SHAPES).map(|s| s.to_string()))
                {
                    if !o.contains(&t) {
                        o.push(t);
                    }
                }
                o
            })
            .collect();
        // A type written over another parameter (`std::ops::Range<T>`) gets its choice;
        // each once (bumpalo's `I: IntoIterator<Item = T>` tries `Vec<T>` and the shape
        // `Vec<i64>`, one instance at `T = i64`).
        let mut out: Vec<String> = Vec::new();
        let filled = crate::instances::product(&per, MAX_COMBINATIONS)
            .into_iter()
            .map(|c| {
                let filled: Vec<String> = c
                    .iter()
                    .map(|t| {
                        f.generics.iter().zip(&c).fold(t.clone(), |t, (g, v)| {
                            crate::instances::replace_word(&t, g, v)
                        })
                    })
                    .collect();
                format!("{{{}}}", filled.join(", "))
            });
        for c in filled {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        return out;
    }
    each
}

/// Instantiations tried for one function whose type parameters each have their own
/// types (the product grows fast; the first ones are the shapes in order).
const MAX_COMBINATIONS: usize = 24;

/// `src/lib.rs`: every item of `api` not in `dropped`, pretty-printed.
/// Where `plugin!(…)` takes the list of undeclared items (see [`crate::unbound`]).
const UNBOUND: &str = "@@UNBOUND@@";

pub fn lib_rs(api: &Api, dropped: &BTreeSet<Key>) -> Result<String, String> {
    let m = &api.manifest;
    let mut out = String::new();
    out.push_str(&format!(
        "//! The Keyton plugin of `{}` {}, generated by bindgen-kayton from its rustdoc JSON.\n\
         //! Each declaration names an item of `{}`; what Keyton cannot call is listed, with\n\
         //! the reason, in `coverage.txt` beside this crate.\n",
        m.krate, m.version, m.krate
    ));
    let features: Vec<String> = m.features.iter().map(|f| format!("{f:?}")).collect();
    // `kayton` is `kayton_api` (with its macros), as in cells.
    out.push_str("extern crate kayton_api as kayton;\n");
    // The other public paths of what is declared below (an item pruned away leaves its
    // paths naming nothing, as its own path would).
    let declared = |p: &str| {
        m.type_def(p).is_some()
            || m.function(p).is_some()
            || m.trait_def(p).is_some()
            || api
                .generic_types
                .iter()
                .any(|g| g.split('<').next() == Some(p))
    };
    let paths: Vec<String> = api
        .other_paths
        .iter()
        .filter(|(_, at)| declared(at))
        .map(|(other, at)| format!("({other:?}, {at:?})"))
        .collect();
    let paths = match paths.is_empty() {
        true => String::new(),
        false => format!(", paths = [{}]", paths.join(", ")),
    };
    // The public items left undeclared are known once everything below is written.
    out.push_str(&format!(
        "kayton::plugin!(version = {:?}, features = [{}]{paths}{UNBOUND});\n",
        m.version,
        features.join(", ")
    ));
    // Cells call the crate's items directly, through the plugin (`::semver::Version`
    // with `extern crate kayton_rplugin__semver as semver`): the crate's public items are
    // the plugin's. The explicit imports win over that glob (a crate's own `Result`
    // alias must not change what the declarations below mean).
    out.push_str(&format!(
        "pub use {}::*;\n#[allow(unused_imports)]\nuse ::std::{{boxed::Box, option::Option::{{self, None, Some}}, \
         result::Result::{{self, Err, Ok}}, string::String, vec::Vec}};\n",
        m.krate
    ));
    // A module named as the crate (`priority_queue::priority_queue`) comes in with that
    // glob, and `priority_queue::…` would be ambiguous (E0659): an explicit import of
    // the crate wins over the glob.
    let own_module = format!("{0}::{0}::", m.krate);
    if api
        .other_paths
        .iter()
        .any(|(other, _)| other.starts_with(&own_module))
    {
        out.push_str(&format!(
            "#[allow(unused_imports)]
use ::{};
",
            m.krate
        ));
    }
    for t in &m.types {
        if dropped.contains(&type_key(&t.path)) {
            continue;
        }
        if api.generic_types.contains(&t.path) {
            out.push_str(&generic_type_decl(t, api, dropped));
        } else {
            out.push_str(&type_decl(
                t,
                api.enums.get(&t.path),
                api.bounds.owner(&t.path),
                api.lifetimes.get(&t.path).copied().unwrap_or(1),
                api.literal.contains(&t.path),
                dropped,
            ));
            if let Some((target, fs)) = api.deref.get(&t.path).filter(|_| !t.borrowed) {
                let bounds = api.bounds.owner(&t.path);
                out.push_str(&crate::type_decl::deref_decl(
                    &t.path, target, fs, bounds, dropped,
                ));
            }
        }
    }
    let held: BTreeSet<&str> = m
        .types
        .iter()
        .filter(|t| !dropped.contains(&type_key(&t.path)))
        .map(|t| t.path.as_str())
        .collect();
    for i in &api.trait_impls {
        // Of a generic type the plugin instantiates: one impl per instance it holds.
        if let Some(t) = m.types.iter().find(|t| {
            t.path == i.self_ty
                && api.generic_types.contains(&t.path)
                && held.contains(t.path.as_str())
        }) {
            for sh in instance_shapes(t, api, dropped) {
                let one = crate::instances::generic_impl(i, &t.path, &sh);
                out.push_str(&trait_impl_decl(&one, dropped));
            }
            continue;
        }
        // An impl for a type the plugin does not hold would not compile.
        // (`str`, `u64`: a primitive; `[u8]` is no type a remote impl can name.)
        // (`&str` too: colored's `impl Colorize for &str`.)
        let primitive = i
            .self_ty
            .trim_start_matches('&')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let over_iter = crate::traits::per_item(&i.self_ty);
        // `impl Iterator<…>` (an adaptor's rendering) is no type an impl can be for.
        let nameable = RustType::parse(&i.self_ty)
            .is_ok_and(|t| !matches!(t, RustType::ImplTrait(_) | RustType::DynTrait(_)));
        // A borrowed type's `Index`, `Default` and `Iterator` impls name it with `'_`
        // (`Captures<'_>`, names' `Generator<'_>`),
        // held without. (Only those: other impls of types named with a lifetime stay
        // out, as they were, for what their pruning would cost.)
        let bare = || RustType::parse(&i.self_ty).map(|t| t.without_lifetimes().to_string());
        let held_ty = held.contains(i.self_ty.as_str())
            || ((i.trait_path.starts_with("std::ops::Index<")
                || i.trait_path == "std::default::Default"
                || i.trait_path == "std::iter::Iterator")
                && bare().is_ok_and(|b| held.contains(b.as_str())))
            || crate::held::instance_of_held(&i.self_ty, api, &held)
            || crate::held::alias_instance_of_held(i, api, &held);
        if nameable
            && (primitive || over_iter || held_ty)
            && !dropped.contains(&impl_key(&i.trait_path, &i.self_ty))
        {
            out.push_str(&trait_impl_decl(i, dropped));
        }
    }
    let free = api.bounds.owner(FREE);
    for f in &m.functions {
        let key = fn_key(&f.name);
        if dropped.contains(&key) {
            continue;
        }
        let Some(decl) = fn_decl(f, free.of(&f.name), &key, dropped, None) else {
            continue;
        };
        out.push_str(&format!("#[kayton::export(remote = {})]\n{decl}\n", f.name));
    }
    // Crate-level constants: named by cells as values.
    for c in &m.consts {
        if dropped.contains(&item_const_key(&c.name)) {
            continue;
        }
        out.push_str(&format!(
            "#[kayton::export(remote = {})]\npub const {}: {};\n",
            c.name,
            last(&c.name),
            c.ty
        ));
    }
    // Aliases of types the plugin holds (`chrono::Duration` = `chrono::TimeDelta`).
    for a in &m.aliases {
        let target = a.target.to_string();
        // Or an instance of a generic type the plugin instantiates for it (`toml::Table`).
        let instance = a.target.as_path().is_some_and(|p| {
            api.generic_types
                .iter()
                .any(|g| g.split('<').next() == Some(p.bare().as_str()))
        });
        let std_map = crate::aliases::is_std_map(&a.target);
        let named = held.contains(target.as_str())
            || instance
            || std_map
            || crate::aliases::structural(&a.target, &held);
        if dropped.contains(&alias_key(&a.path)) || !named {
            continue;
        }
        // Of a generic type: declared with its parameters (`pub type BiMap<L, R> =
        // bimap::BiHashMap<L, R>;`), the manifest's target is the type's bare path.
        let params = match api.alias_params.get(&a.path) {
            Some(ps) => format!("<{}>", ps.join(", ")),
            None => String::new(),
        };
        // A std map's target is written out over the alias's parameters already, and a
        // partial family's is its pattern (`euclid::Point2D<T, euclid::UnknownUnit>`).
        let target_params = if std_map { "" } else { params.as_str() };
        let written = match api.alias_patterns.get(&a.path) {
            Some(pattern) => pattern.clone(),
            None => format!("{target}{target_params}"),
        };
        out.push_str(&format!(
            "#[kayton::export(remote = {})]\npub type {}{params} = {written};\n",
            a.path,
            last(&a.path)
        ));
    }
    // The serde bridge, where a declaration is instantiated for it.
    if out.contains(&crate::bounds::serde_data()) {
        out.push_str("kayton::serde_bridge!();\n");
    }
    let unbound: Vec<String> = crate::unbound::list(&api.public_items, &api.macros, &out)
        .iter()
        .map(|(path, why)| format!("({path:?}, {why:?})"))
        .collect();
    let unbound = match unbound.is_empty() {
        true => String::new(),
        false => format!(", unbound = [{}]", unbound.join(", ")),
    };
    let out = out.replacen(UNBOUND, &unbound, 1);
    match syn::parse_file(&out) {
        Ok(file) => Ok(prettyplease::unparse(&file)),
        // A bug here, not in the crate: an error (the session goes on), with the line.
        Err(e) => {
            let line = e.span().start().line;
            let text = out.lines().nth(line.saturating_sub(1)).unwrap_or_default();
            Err(format!(
                "the emitted Rust does not parse ({e}) at line {line}: {text}"
            ))
        }
    }
}

pub(crate) fn last(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

pub(crate) fn doc(text: &str) -> String {
    // The first paragraph only: the crate's own docs stay the reference.
    let para: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    if para.is_empty() {
        return String::new();
    }
    format!("#[doc = {:?}]\n", format!(" {}", para.join(" ")))
}

fn trait_impl_decl(i: &TraitImpl, dropped: &BTreeSet<Key>) -> String {
    // A trait for every iterator: one impl per item type a Keyton list can have
    // (`Itertools for kayton_api::Iter<i64>`, …), so that each method is pruned per item
    // type (`sorted` needs `Ord`, which `f64` lacks).
    if crate::traits::per_item(&i.self_ty) {
        return emitted_impls(i)
            .iter()
            .map(|one| trait_impl_decl(one, dropped))
            .collect();
    }
    if dropped.contains(&impl_key(&i.trait_path, &i.self_ty)) {
        return String::new();
    }
    let mut body = String::new();
    for f in &i.methods {
        let key = trait_method_key(&i.trait_path, &i.self_ty, &f.name);
        if !dropped.contains(&key) {
            body.extend(fn_decl(f, i.bounds.of(&f.name), &key, dropped, Some("")));
        }
    }
    // An impl declared for what it says of the type (`Index`) has no methods to lose.
    if body.is_empty() && !i.methods.is_empty() {
        return body;
    }
    format!(
        "#[kayton::export(remote)]\nimpl {} for {} {{\n{body}}}\n",
        i.trait_path, i.self_ty
    )
}

/// Whether `f` is instantiated (type parameters, `impl Trait` arguments among them).
pub fn is_generic(f: &FnSig) -> bool {
    !f.generics.is_empty()
}

/// `pub fn name<G>(params) -> ret;` with its `instantiate` line, or `None` when every
/// shape of a generic one was dropped.
pub(crate) fn fn_decl(
    f: &FnSig,
    b: &FnBounds,
    key: &str,
    dropped: &BTreeSet<Key>,
    vis: Option<&str>,
) -> Option<String> {
    let generics = &f.generics;
    let mut params = Vec::new();
    match f.receiver {
        Some(Receiver::Ref) => params.push("&self".to_string()),
        Some(Receiver::RefMut) => params.push("&mut self".to_string()),
        Some(Receiver::Value) => params.push("self".to_string()),
        None => {}
    }
    for (i, p) in f.params.iter().enumerate() {
        params.push(format!("{}: {}", ident(&p.name, i), p.ty));
    }
    let mut s = doc(&f.doc);
    if !generics.is_empty() {
        let shapes: Vec<String> = candidates(f, b)
            .into_iter()
            .filter(|sh| !dropped.contains(&shape_key(key, sh)))
            .collect();
        if shapes.is_empty() {
            return None;
        }
        s.push_str(&format!("#[kayton::instantiate({})]\n", shapes.join(", ")));
    }
    let g = if generics.is_empty() {
        String::new()
    } else {
        format!("<{}>", generics.join(", "))
    };
    let ret = if f.ret == RustType::unit() {
        String::new()
    } else {
        format!(" -> {}", f.ret)
    };
    let name = last(&f.name);
    s.push_str(&format!(
        "{}fn {name}{g}({}){ret};\n",
        vis.unwrap_or("pub "),
        params.join(", ")
    ));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kayton_manifest::{Param, RustType};

    fn sig(ret: &str) -> FnSig {
        FnSig {
            name: "full".into(),
            params: vec![Param {
                name: "input".into(),
                ty: RustType::parse("&SI").unwrap(),
            }],
            ret: RustType::parse(ret).unwrap(),
            generics: vec!["SI".into()],
            ..FnSig::default()
        }
    }

    #[test]
    fn a_cow_inside_the_result_leaves_out_the_reference_shape() {
        let b = FnBounds::default();
        for ret in [
            "std::borrow::Cow<str>",
            "Result<std::borrow::Cow<str>, shellexpand::LookupError<std::env::VarError>>",
            "Option<Cow<str>>",
        ] {
            let shapes = candidates(&sig(ret), &b);
            assert!(
                !shapes.iter().any(|s| s.starts_with('&')),
                "{ret}: {shapes:?}"
            );
            assert!(shapes.contains(&"String".to_string()), "{ret}: {shapes:?}");
        }
        assert!(candidates(&sig("usize"), &b).contains(&"&str".to_string()));
    }
}
