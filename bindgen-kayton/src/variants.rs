//! An enum's variants as the mirror declares them: unit variants (associated consts in
//! Keyton) and data variants whose fields Keyton can pass (constructors:
//! `Value.String("x")`, `Either.Left(5)`). A variant whose fields cannot be written is
//! left out; one the compiler rejects is pruned on its own (`variant <enum>::<name>`).
use crate::render::Renderer;
use rustdoc_types::{Crate, Item, ItemEnum, VariantKind};

/// One variant: its name and its declaration (`Left(L)`, `Rect { w: f64 }`, `North`).
pub type Variant = (String, String);

/// The declarable variants of the enum `item`; `params` are its type parameters when the
/// plugin instantiates it per shape.
pub fn of(r: &Renderer, krate: &Crate, item: &Item, params: &[String]) -> Vec<Variant> {
    let ItemEnum::Enum(en) = &item.inner else {
        return Vec::new();
    };
    let r = &Renderer {
        generics: params,
        ..*r
    };
    let field = |id: &rustdoc_types::Id| -> Option<(String, String)> {
        let f = krate.index.get(id)?;
        let ItemEnum::StructField(ty) = &f.inner else {
            return None;
        };
        Some((f.name.clone().unwrap_or_default(), r.ty(ty, "").ok()?))
    };
    let mut out = Vec::new();
    for v in en.variants.iter().filter_map(|v| krate.index.get(v)) {
        let (Some(name), ItemEnum::Variant(var)) = (&v.name, &v.inner) else {
            continue;
        };
        let decl = match &var.kind {
            VariantKind::Plain => Some(name.clone()),
            VariantKind::Tuple(fs) => fs
                .iter()
                .map(|f| f.as_ref().and_then(&field).map(|(_, t)| t))
                .collect::<Option<Vec<_>>>()
                .map(|ts| format!("{name}({})", ts.join(", "))),
            VariantKind::Struct {
                fields,
                has_stripped_fields: false,
            } => fields
                .iter()
                .map(|f| {
                    field(f).map(|(n, t)| format!("{}: {t}", crate::idents::raw_if_keyword(&n)))
                })
                .collect::<Option<Vec<_>>>()
                .map(|fs| format!("{name} {{ {} }}", fs.join(", "))),
            VariantKind::Struct { .. } => None,
        };
        if let Some(d) = decl {
            out.push((name.clone(), d));
        }
    }
    out
}
