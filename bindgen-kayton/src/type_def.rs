//! One struct or enum as the manifest's `TypeDef`: its public fields, its inherent
//! methods and consts, the trait impls declared for it (per instance for a generic type
//! the plugin instantiates), and the constructor of a tuple struct.
use crate::render::Renderer;
use crate::{function, generics, projected_methods, structured_impls, traits, Coverage, Extra};
use kayton_manifest::{Const, FnSig, Param, TypeDef};
use rustdoc_types::{Id, Item, ItemEnum, Visibility};
use std::collections::HashMap;

/// Whether the trait impl `imp` of a generic type is declared per instance: one written
/// for the type (`impl<Tz> Datelike for DateTime<Tz>`), not a blanket impl (itertools'
/// `Itertools` for every iterator would be declared for every adaptor at every shape),
/// nor an iterator's (an adaptor's items are a list).
fn per_instance_impl(imp: &rustdoc_types::Impl, trait_name: &str) -> bool {
    imp.blanket_impl.is_none() && !["Iterator", "IntoIterator"].contains(&trait_name)
}

/// The type parameters of `item` at `path` when the plugin instantiates it per shape
/// (they stay named in what is emitted); none otherwise.
fn own_params(r: &Renderer, item: &Item, path: &str, extra: &Extra) -> Vec<String> {
    generics::instantiable(r, item)
        .filter(|_| extra.generic_types.contains(path))
        .unwrap_or_default()
}

/// A tuple struct whose fields are all public (`pub struct OrderedFloat<T>(pub T)`) is
/// called like a function (`OrderedFloat(1.5)`): its constructor, a free function at the
/// type's path, instantiated per shape when the type is.
pub(crate) fn tuple_constructor(
    r: &Renderer,
    path: &str,
    item: &Item,
    fields: &[Option<Id>],
    extra: &Extra,
) -> Option<FnSig> {
    let own = own_params(r, item, path, extra);
    if generics::unbindable_generics(item).is_some() && own.is_empty() {
        return None;
    }
    let r = &Renderer {
        generics: &own,
        ..*r
    };
    let params = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let f = r.krate.index.get(f.as_ref()?)?;
            let (ItemEnum::StructField(ty), Visibility::Public) = (&f.inner, &f.visibility) else {
                return None;
            };
            let ty = r.rust_type(ty, path).ok()?;
            Some(Param {
                name: format!("v{i}"),
                ty,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let ret = kayton_manifest::RustType::parse(path).ok()?;
    (!params.is_empty()).then(|| FnSig {
        name: path.split('<').next().unwrap_or(path).to_string(),
        params,
        ret,
        generics: own,
        doc: item.docs.clone().unwrap_or_default(),
        ..FnSig::default()
    })
}

/// What a struct or enum is made of, for [`type_def`].
pub(crate) struct TypeParts<'a> {
    /// Public fields (a struct's).
    pub(crate) fields: &'a [Id],
    pub(crate) impls: &'a [Id],
    /// A type that borrows (see `generics::borrowed`, `generics::borrowed_args`).
    pub(crate) borrowed: bool,
}

pub(crate) fn type_def(
    r: &Renderer,
    path: &str,
    parts: TypeParts,
    item: &Item,
    cov: &mut Coverage,
    extra: &mut Extra,
) -> TypeDef {
    let TypeParts {
        fields,
        impls,
        borrowed,
    } = parts;
    let mut t = TypeDef {
        path: path.to_string(),
        fields: Vec::new(),
        methods: Vec::new(),
        consts: Vec::new(),
        derives: Vec::new(),
        doc: item.docs.clone().unwrap_or_default(),
        kind: None,
        borrowed,
        defaults: Vec::new(),
        owned: crate::owned_form::of(r, path, impls),
    };
    // A type instantiated per shape: its parameters stay named in what is emitted.
    let own = own_params(r, item, path, extra);
    if !own.is_empty() {
        t.defaults = generics::param_defaults(r, item);
    }
    let r = &Renderer {
        generics: &own,
        ..*r
    };
    // The type's default instance (geo-types' `Coord<T = f64>`, declared at its bare
    // path): its fields at those defaults (`x: f64`).
    let defaults = match own.is_empty() {
        true => generics::own_default_bindings(r, item),
        false => Default::default(),
    };
    let rf = Renderer {
        bound: &defaults,
        ..*r
    };
    for f in fields.iter().filter_map(|f| r.krate.index.get(f)) {
        let r = if defaults.is_empty() { r } else { &rf };
        if let (ItemEnum::StructField(ty), Visibility::Public, Some(n)) =
            (&f.inner, &f.visibility, &f.name)
        {
            match r.rust_type(ty, path) {
                Ok(ty) => t.fields.push(Param {
                    name: n.clone(),
                    ty,
                }),
                Err(why) => cov.skip(format!("field: {why}")),
            }
        }
    }
    // A generic type with no methods of its own: what it offers is its traits.
    let traits_only = !own.is_empty() && generics::inherent_fns(r.krate, item).next().is_none();
    for imp_item in impls.iter().filter_map(|i| r.krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp_item.inner else {
            continue;
        };
        if let Some(tr) = &imp.trait_ {
            let last = tr.path.rsplit("::").next().unwrap_or(&tr.path);
            // A borrowed type's trait impls would need the same: not yet. A generic
            // type's impl over its parameters is declared per instance, by the emitter.
            if own.is_empty() && !t.borrowed {
                // At the type's defaults (geo's `impl<T: CoordFloat> Area<T> for
                // Polygon<T>` of `Polygon<T = f64>`), as its inherent impls are.
                let b = generics::defaults(r, item, imp);
                let r = &Renderer { bound: &b, ..*r };
                extra.trait_impls.extend(traits::of_type(r, path, imp));
            } else if t.borrowed
                && own.is_empty()
                && ["Index", "Default", "Iterator"].contains(&last)
            {
                // `caps[1]` of regex's `Captures<'h>`: indexing is used in the expression
                // that made the value, so a borrowed type's `Index` is declared too;
                // `Default`, made in an argument (comrak's `Options.default()`); and
                // `Iterator` (names' `Generator<'a>`: `g.next()`).
                extra
                    .trait_impls
                    .extend(traits::std_impl(r, path, imp).map(|mut i| {
                        i.self_ty = traits::with_elided_lifetime(&i.self_ty);
                        i
                    }));
            } else if let (false, true, Some(b)) = (
                t.borrowed,
                per_instance_impl(imp, last),
                generics::impl_params(r, item, imp),
            ) {
                let r = &Renderer { bound: &b, ..*r };
                extra
                    .trait_impls
                    .extend(traits::plain_of_type(r, path, imp));
            } else if let (false, true, Some(instance)) = (
                t.borrowed,
                per_instance_impl(imp, last),
                generics::concrete_instance(r, item, imp),
            ) {
                // An impl for one instance (toml's `impl FromStr for Table`, of
                // `Map<String, Value>`): declared for that instance, as it is written.
                extra
                    .trait_impls
                    .extend(traits::plain_of_type(r, &instance, imp));
            } else if let (false, true, Some(g)) =
                (t.borrowed, traits_only, traits::crate_blanket(r, imp))
            {
                // A generic type that offers only traits (blake2's `Blake2b<OutSize>`):
                // the blanket impls that give them (`Digest` for every hasher), per
                // instance.
                let b = HashMap::from([(g, path.to_string())]);
                let r = &Renderer { bound: &b, ..*r };
                extra
                    .trait_impls
                    .extend(traits::plain_of_type(r, path, imp));
            }
            if ["Display", "Debug", "Clone", "PartialEq", "Index"].contains(&last)
                && imp.blanket_impl.is_none()
            {
                t.derives.push(last.to_string());
            }
            continue;
        }
        let bound = if own.is_empty() {
            // An instance the type is declared as (an alias's) binds the impl's own
            // parameters; the type's defaults bind the rest.
            let mut b = generics::instance_bindings(path, imp);
            for (k, v) in generics::defaults(r, item, imp) {
                b.entry(k).or_insert(v);
            }
            b
        } else {
            let params = generics::impl_params(r, item, imp);
            // `impl<S, T, A> Alpha<Hsl<S, T>, A>`: matched against the type's instances
            // once they are all known (`structured_impls`).
            if structured_impls::is_structured(imp, params.as_ref()) && !t.borrowed {
                if let Some(krate) = r.crates.iter().position(|c| std::ptr::eq(*c, r.krate)) {
                    extra.structured_impls.push(structured_impls::Deferred {
                        krate,
                        imp: imp_item.id,
                        path: path.to_string(),
                    });
                    continue;
                }
            }
            match params {
                Some(b) => b,
                // `impl RequestBuilder<WithoutBody> { pub fn call(self) … }` (ureq's
                // typestates, crc's `impl Crc<u32, Table<1>>`): that instance is one the
                // plugin makes, with these methods besides the type's.
                // (Not an instance over a borrowing type: serde_json's
                // `Deserializer<SliceRead<'a>>`.)
                None => match generics::concrete_instance(r, item, imp)
                    .filter(|i| !t.borrowed && !i.contains('\''))
                {
                    Some(instance) => {
                        let consts = generics::const_defaults(item, imp);
                        let r = &Renderer {
                            bound: &consts,
                            ..*r
                        };
                        instance_methods(r, path, &instance, imp, cov, extra);
                        continue;
                    }
                    None => {
                        for it in imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
                            if matches!(it.inner, ItemEnum::Function(_)) {
                                cov.skip("method of an impl for one instance of a generic type");
                            }
                        }
                        continue;
                    }
                },
            }
        };
        let r = &Renderer {
            bound: &bound,
            ..*r
        };
        for it in imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
            if !matches!(it.visibility, Visibility::Public) {
                continue;
            }
            match &it.inner {
                ItemEnum::Function(_) => {
                    let mut scratch = Coverage::default();
                    if let Some((f, b)) = function(r, it, Some(path), &mut scratch) {
                        // A borrowed type's generic method is checked per shape
                        // (handlebars' `Handlebars<'reg>::render_template::<T>`).
                        extra.bounds.add(path, &f.name, b);
                        t.methods.push(f);
                    } else if !own.is_empty()
                        && projected_methods::projects(&scratch)
                        && projected_methods::per_instance(r, path, &own, it, extra)
                    {
                        scratch = Coverage {
                            bound: 1,
                            ..Coverage::default()
                        };
                    }
                    cov.add(scratch);
                }
                ItemEnum::AssocConst { type_, .. } => match r.rust_type(type_, path) {
                    Ok(ty) => t.consts.push(Const {
                        name: it.name.clone().unwrap_or_default(),
                        ty,
                    }),
                    Err(why) => cov.skip(format!("const: {why}")),
                },
                _ => {}
            }
        }
    }
    // The target's methods where the type dereferences to another of the crate's.
    if !t.borrowed {
        if let Some((target, found)) = crate::deref::methods(r, path, impls, &t.methods) {
            let mut fs = Vec::new();
            for (f, b) in found {
                extra.bounds.add(path, &f.name, b);
                fs.push(f);
            }
            extra.deref.insert(path.to_string(), (target, fs));
        }
    }
    t.derives.sort();
    t.derives.dedup();
    t
}

/// The methods of an inherent impl for one `instance` of the generic type at `path`
/// (`ureq::RequestBuilder<ureq::typestate::WithoutBody>`), recorded for that instance
/// (`Extra::instance_methods`), which becomes one of the type's instances.
pub(crate) fn instance_methods(
    r: &Renderer,
    path: &str,
    instance: &str,
    imp: &rustdoc_types::Impl,
    cov: &mut Coverage,
    extra: &mut Extra,
) {
    let Some(args) = instance
        .split_once('<')
        .and_then(|(_, a)| a.strip_suffix('>'))
    else {
        return;
    };
    let args = crate::instances::split_top(args);
    let shape = match args.as_slice() {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(", ")),
    };
    let mut found = false;
    for it in imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
        if !matches!(it.visibility, Visibility::Public)
            || !matches!(it.inner, ItemEnum::Function(_))
        {
            continue;
        }
        if let Some((f, b)) = function(r, it, Some(instance), cov) {
            add_instance_method(extra, path, &shape, f, b);
            found = true;
        }
    }
    if found {
        let shapes = extra
            .type_shapes
            .entry(path.to_string())
            .or_insert_with(|| {
                crate::instances::generic_shapes()
                    .map(String::from)
                    .collect()
            });
        if !shapes.contains(&shape) {
            shapes.push(shape);
        }
    }
}

/// Record `f` as a method of the instance `shape` of the generic type at `path` only
/// (`Extra::instance_methods`), with its bounds.
pub(crate) fn add_instance_method(
    extra: &mut Extra,
    path: &str,
    shape: &str,
    f: FnSig,
    b: crate::fn_bounds::FnBounds,
) {
    extra.bounds.add(path, &f.name, b);
    extra
        .instance_methods
        .entry(path.to_string())
        .or_default()
        .push((shape.to_string(), f));
}
