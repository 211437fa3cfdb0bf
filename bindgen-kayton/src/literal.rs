//! Structs a cell makes from their fields by name, as Rust's struct literal does
//! (geohash's `Coord { x: -120.66, y: 35.3 }` is `Coord(x=-120.66, y=35.3)`): every field
//! public and bound, none stripped, not `#[non_exhaustive]`, and each a value Keyton
//! passes as it is ([`RustType::is_plain_value`]) or a type parameter of a generic
//! struct (rgb's `Rgb<T> { r: T, g: T, b: T }`, whose instances at plain values get the
//! constructor: `RGB8(r=0, g=255, b=0)`). The mirror is marked `#[kayton::literal]`,
//! and the macros make the constructor.
use kayton_manifest::{RustType, TypeDef};
use rustdoc_types::{Attribute, GenericParamDefKind, Item, Struct, StructKind};

/// Whether the struct `s` (the item `item`, bound as `t`) gets a literal constructor.
pub fn constructible(item: &Item, s: &Struct, t: &TypeDef) -> bool {
    // A unit struct (sqlparser's `GenericDialect`, chrono's `Utc`) is made with no
    // arguments, as `GenericDialect {}` makes it in Rust.
    let fields = match &s.kind {
        StructKind::Plain {
            fields,
            has_stripped_fields: false,
        } => fields.as_slice(),
        StructKind::Unit => &[],
        _ => return false,
    };
    let params: Vec<&str> = s
        .generics
        .params
        .iter()
        .filter(|p| matches!(p.kind, GenericParamDefKind::Type { .. }))
        .map(|p| p.name.as_str())
        .collect();
    let plain = |ty: &RustType| ty.is_plain_value() || params.contains(&ty.to_string().as_str());
    fields.len() == t.fields.len()
        && !t.borrowed
        // Not an instance an alias names (declared at its arguments): the type itself.
        && (!t.path.contains('<') || t.path.ends_with(&format!("<{}>", params.join(", "))))
        && !item
            .attrs
            .iter()
            .any(|a| matches!(a, Attribute::NonExhaustive))
        && t.fields.iter().all(|f| plain(&f.ty))
}
