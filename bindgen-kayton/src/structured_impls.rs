//! Inherent impls for structured instances of a generic type: palette's `impl<S, T, A>
//! Alpha<Hsl<S, T>, A>` (its `new(hue, saturation, lightness, alpha)`), or an `impl<T>
//! Wrapper<Vec<T>>`. Such an impl's parameters are not the type's, so no shape binds them;
//! instead its methods are declared for each instance the plugin makes that the impl's
//! self type matches (`Alpha<palette::Hsl, f32>`, added by the alias `Hsla`, is
//! `Alpha<Hsl<encoding::Srgb, f32>, f32>` with `Hsl`'s defaults: `S = Srgb, T = f32, A =
//! f32`). The impls are set aside while types are bound and matched once every instance
//! is known (after aliases and result instances add theirs).
use crate::render::Renderer;
use crate::{Coverage, Extra};
use kayton_manifest::RustType;
use rustdoc_types::{GenericParamDefKind, Id, Impl, Item, ItemEnum};
use std::collections::HashMap;

/// A type's number of parameters and the defaults of its last ones, by its public path
/// (`palette::Hsl` → `2, [palette::encoding::Srgb, f32]`).
pub(crate) type DefaultsOf<'a> = dyn Fn(&str) -> Option<(usize, Vec<RustType>)> + 'a;

/// An impl set aside: the crate it is in (index into the crates read), its id, and the
/// generic type's path with its parameters (`palette::Alpha<C, T>`).
pub(crate) struct Deferred {
    pub(crate) krate: usize,
    pub(crate) imp: Id,
    pub(crate) path: String,
}

/// The impl's type parameters (lifetimes left out; `None` if it has const parameters).
fn type_params(imp: &Impl) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for p in &imp.generics.params {
        match p.kind {
            GenericParamDefKind::Type { .. } => out.push(p.name.clone()),
            GenericParamDefKind::Lifetime { .. } => {}
            GenericParamDefKind::Const { .. } => return None,
        }
    }
    Some(out)
}

/// Whether the inherent impl `imp` of a generic type is one for structured instances:
/// some of its type parameters are not bound by `bound` (what `generics::impl_params`
/// made of the arguments that are parameters themselves), so they appear only inside
/// an argument (`S`, `T` of `Alpha<Hsl<S, T>, A>`).
pub(crate) fn is_structured(imp: &Impl, bound: Option<&HashMap<String, String>>) -> bool {
    let Some(params) = type_params(imp) else {
        return false;
    };
    !params.is_empty()
        && params
            .iter()
            .any(|p| bound.is_none_or(|b| !b.contains_key(p)))
}

/// Declare the methods of each impl set aside for the instances of its type it matches;
/// an impl that matches none counts its methods as skipped. `defaults_of` gives a type's
/// parameter defaults by its public path (`palette::Hsl` → `[palette::encoding::Srgb,
/// f32]`), to match an instance that leaves them out.
pub(crate) fn add<'a>(
    deferred: Vec<Deferred>,
    renderer: &dyn Fn(usize) -> Renderer<'a>,
    defaults_of: &DefaultsOf,
    cov: &mut Coverage,
    extra: &mut Extra,
) {
    for d in deferred {
        let r = renderer(d.krate);
        let Some(item) = r.krate.index.get(&d.imp) else {
            continue;
        };
        let ItemEnum::Impl(imp) = &item.inner else {
            continue;
        };
        let found = type_params(imp).is_some_and(|params| {
            declare_matching(&r, &d.path, imp, &params, defaults_of, cov, extra)
        });
        if !found {
            skip_methods(&r, item, cov);
        }
    }
}

/// Declare the impl's methods for every instance of `path` its self type matches;
/// whether there was one.
fn declare_matching(
    r: &Renderer,
    path: &str,
    imp: &Impl,
    params: &[String],
    defaults_of: &DefaultsOf,
    cov: &mut Coverage,
    extra: &mut Extra,
) -> bool {
    let rg = Renderer {
        generics: params,
        ..*r
    };
    let Some(pattern) = rg
        .rust_type(&imp.for_, path)
        .ok()
        .map(|t| expand(&t, defaults_of))
    else {
        return false;
    };
    let bare = path.split('<').next().unwrap_or(path);
    let n = path.matches(',').count() + 1;
    let shapes = extra.type_shapes.get(path).cloned().unwrap_or_else(|| {
        crate::instances::generic_shapes()
            .map(String::from)
            .collect()
    });
    let mut found = false;
    for shape in shapes {
        let args = crate::aliases::shape_args(&shape, n);
        let instance = format!("{bare}<{}>", args.join(", "));
        let Ok(inst) = RustType::parse(&instance) else {
            continue;
        };
        let mut binds = HashMap::new();
        if unify(&pattern, &expand(&inst, defaults_of), params, &mut binds)
            && params.iter().all(|p| binds.contains_key(p))
        {
            let rb = Renderer {
                generics: &[],
                bound: &binds,
                ..*r
            };
            crate::type_def::instance_methods(&rb, path, &instance, imp, cov, extra);
            found = true;
        }
    }
    found
}

/// `t` with every path that leaves out trailing parameters given their defaults
/// (`palette::Hsl` → `palette::Hsl<palette::encoding::Srgb, f32>`).
fn expand(t: &RustType, defaults_of: &DefaultsOf) -> RustType {
    t.map(&mut |x| {
        let p = x.as_path()?;
        let (n, defaults) = defaults_of(&p.bare())?;
        let given: Vec<RustType> = p.type_args().into_iter().cloned().collect();
        let missing = n.checked_sub(given.len()).filter(|m| *m > 0)?;
        let from = defaults.len().checked_sub(missing)?;
        let args: Vec<String> = given
            .iter()
            .map(|g| expand(g, defaults_of))
            .chain(defaults[from..].iter().cloned())
            .map(|a| a.to_string())
            .collect();
        RustType::parse(&format!("{}<{}>", p.bare(), args.join(", "))).ok()
    })
}

/// Whether `pattern` (over the type parameters `vars`) matches `inst`, binding each
/// parameter it meets to the type there (the same type each time it appears).
fn unify(
    pattern: &RustType,
    inst: &RustType,
    vars: &[String],
    binds: &mut HashMap<String, String>,
) -> bool {
    match (pattern, inst) {
        (RustType::Path(p), _)
            if p.segments.len() == 1
                && p.type_args().is_empty()
                && vars.contains(&p.segments[0].name) =>
        {
            let text = inst.to_string();
            binds
                .entry(p.segments[0].name.clone())
                .or_insert_with(|| text.clone())
                == &text
        }
        (RustType::Path(p), RustType::Path(i)) => {
            let (pa, ia) = (p.type_args(), i.type_args());
            p.bare() == i.bare()
                && pa.len() == ia.len()
                && pa.iter().zip(&ia).all(|(a, b)| unify(a, b, vars, binds))
        }
        (
            RustType::Ref {
                mutable: m1,
                inner: a,
                ..
            },
            RustType::Ref {
                mutable: m2,
                inner: b,
                ..
            },
        ) => m1 == m2 && unify(a, b, vars, binds),
        (RustType::Slice(a), RustType::Slice(b)) => unify(a, b, vars, binds),
        (RustType::Tuple(a), RustType::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| unify(x, y, vars, binds))
        }
        _ => pattern == inst,
    }
}

/// Count the impl's public functions as skipped: no instance the plugin makes is one it
/// is for.
fn skip_methods(r: &Renderer, item: &Item, cov: &mut Coverage) {
    let ItemEnum::Impl(imp) = &item.inner else {
        return;
    };
    for it in imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
        if matches!(it.inner, ItemEnum::Function(_)) {
            cov.skip("method of an impl for instances of a generic type the plugin does not make");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> RustType {
        RustType::parse(s).unwrap()
    }

    fn defaults(path: &str) -> Option<(usize, Vec<RustType>)> {
        match path {
            "p::Hsl" => Some((2, vec![ty("p::Srgb"), ty("f32")])),
            "p::Alpha" => Some((2, vec![])),
            _ => None,
        }
    }

    #[test]
    fn a_structured_self_type_binds_its_parameters_from_an_instance() {
        let vars = ["S", "T", "A"].map(String::from);
        let pattern = expand(&ty("p::Alpha<p::Hsl<S, T>, A>"), &defaults);
        let inst = expand(&ty("p::Alpha<p::Hsl, f32>"), &defaults);
        assert_eq!(inst, ty("p::Alpha<p::Hsl<p::Srgb, f32>, f32>"));
        let mut b = HashMap::new();
        assert!(unify(&pattern, &inst, &vars, &mut b));
        assert_eq!(b["S"], "p::Srgb");
        assert_eq!((b["T"].as_str(), b["A"].as_str()), ("f32", "f32"));
        // Another type in that place, or one parameter at two types, does not match.
        let other = expand(&ty("p::Alpha<p::Lab, f32>"), &defaults);
        assert!(!unify(&pattern, &other, &vars, &mut HashMap::new()));
        let twice = ty("p::W<T, T>");
        let mut b = HashMap::new();
        assert!(!unify(&twice, &ty("p::W<i64, f64>"), &vars, &mut b));
        assert!(unify(
            &ty("p::W<Vec<T>>"),
            &ty("p::W<Vec<i64>>"),
            &vars,
            &mut HashMap::new()
        ));
    }
}
