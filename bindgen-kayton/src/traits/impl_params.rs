//! What an impl's own type parameters are bound to where nothing names them for the
//! plugin: another crate's type's defaults (`impl<T> Area<T> for geo_types::Polygon<T>`
//! at `Polygon<T = f64>`), or `f64` where only the trait's arguments name them.
use crate::render::Renderer;
use rustdoc_types::{Impl, ItemEnum, Type};
use std::collections::HashMap;

/// For an impl on another crate's generic type (geo's `impl<T: CoordFloat> Area<T> for
/// Polygon<T>`, `Polygon<T = f64>` being geo-types'), the impl's parameters that the
/// type's arguments name, bound to that type's defaults: the impl of the instance a
/// cell holds (`Polygon` is `Polygon<f64>`). A type of the crate's own has its impls
/// declared with the type (`type_def`). With whether every argument is a default.
pub(super) fn foreign_defaults(r: &Renderer, imp: &Impl) -> (HashMap<String, String>, bool) {
    let mut out = r.bound.clone();
    let Type::ResolvedPath(p) = &imp.for_ else {
        return (out, false);
    };
    if r.krate.index.contains_key(&p.id) {
        return (out, false);
    }
    let Some(summary) = r.krate.paths.get(&p.id) else {
        return (out, false);
    };
    let found = r.crates.iter().find_map(|c| {
        let id = crate::paths::local_id(c, &summary.path)?;
        Some((*c, c.index.get(&id)?))
    });
    let Some((c, item)) = found else {
        return (out, false);
    };
    if !matches!(item.inner, ItemEnum::Struct(_) | ItemEnum::Enum(_))
        || !matches!(
            p.args.as_deref(),
            Some(rustdoc_types::GenericArgs::AngleBracketed { .. })
        )
    {
        return (out, false);
    }
    let rc = Renderer { krate: c, ..*r };
    let mut all = true;
    for (param, arg) in crate::generics::params_beside_args(item, imp) {
        match (&param.kind, arg) {
            (
                rustdoc_types::GenericParamDefKind::Type {
                    default: Some(d), ..
                },
                rustdoc_types::GenericArg::Type(Type::Generic(g)),
            ) => match rc.ty(d, "") {
                Ok(text) => {
                    out.entry(g.clone()).or_insert(text);
                }
                Err(_) => all = false,
            },
            _ => all = false,
        }
    }
    (out, all)
}

/// The impl's type parameters that only the trait's arguments name, bound to `f64`
/// (with what the caller bound): geo's `impl<F: CoordFloat + FromPrimitive> Distance<F,
/// Point<F>, Point<F>> for HaversineMeasure` is declared as `Distance<f64, Point<f64>,
/// Point<f64>>` — the number type such a parameter stands for in numeric crates, and
/// Keyton's float; rustc prunes the impl where `f64` misses the bounds.
pub(super) fn float_params(r: &Renderer, imp: &Impl) -> HashMap<String, String> {
    let mut out = HashMap::new();
    // rustdoc writes a type parameter as `{"generic": "F"}` wherever a type names it.
    let self_text = serde_json::to_string(&imp.for_).unwrap_or_default();
    let self_names = |g: &str| self_text.contains(&format!("{{\"generic\":\"{g}\"}}"));
    for p in &imp.generics.params {
        if let rustdoc_types::GenericParamDefKind::Type { bounds, .. } = &p.kind {
            if !r.bound.contains_key(&p.name) && !bounds.is_empty() && !self_names(&p.name) {
                out.insert(p.name.clone(), "f64".to_string());
            }
        }
    }
    if !out.is_empty() {
        out.extend(r.bound.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}
