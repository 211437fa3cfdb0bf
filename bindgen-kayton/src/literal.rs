//! Structs a cell makes from their fields by name, as Rust's struct literal does
//! (geohash's `Coord { x: -120.66, y: 35.3 }` is `Coord(x=-120.66, y=35.3)`): every field
//! public and bound, none stripped, not `#[non_exhaustive]`, and each a value Keyton
//! passes as it is (numbers, strings, `bool`, lists and `Option`s of those). The mirror
//! is marked `#[kayton::literal]`, and the macros make the constructor.
use kayton_manifest::{RustType, TypeDef};
use rustdoc_types::{Attribute, Item, Struct, StructKind};

/// Whether the struct `s` (the item `item`, bound as `t`) gets a literal constructor.
pub fn constructible(item: &Item, s: &Struct, t: &TypeDef) -> bool {
    let StructKind::Plain {
        fields,
        has_stripped_fields: false,
    } = &s.kind
    else {
        return false;
    };
    !fields.is_empty()
        && fields.len() == t.fields.len()
        && !t.borrowed
        && !t.path.contains('<')
        && !item
            .attrs
            .iter()
            .any(|a| matches!(a, Attribute::NonExhaustive))
        && t.fields.iter().all(|f| passed_as_is(&f.ty))
}

/// Integers, `f64`, `String` (alone, or in a `Vec` or an `Option`), `f32`, `bool`,
/// `char`: what the registry takes too (a `Vec<bool>` comes only from compiled cells,
/// and a constructor that did not build would take its type with it).
fn passed_as_is(ty: &RustType) -> bool {
    const ITEMS: &[&str] = &[
        "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "f64", "String",
    ];
    let text = ty.to_string();
    if let Some(inner) = ty.args_of(&["Vec", "Option"]) {
        return matches!(inner.as_slice(), [one] if ITEMS.contains(&one.to_string().as_str()));
    }
    ITEMS.contains(&text.as_str()) || ["f32", "bool", "char"].contains(&text.as_str())
}

#[cfg(test)]
mod tests {
    use super::passed_as_is;
    use kayton_manifest::RustType;

    #[test]
    fn plain_values_are_passed_as_is() {
        let t = |s: &str| passed_as_is(&RustType::parse(s).unwrap());
        assert!(
            t("f64") && t("String") && t("Vec<u8>") && t("Option<i64>") && !t("Option<Vec<i64>>")
        );
        assert!(t("bool") && t("char") && !t("Vec<bool>") && !t("Option<Option<i64>>"));
        assert!(!t("&str") && !t("geo::Point") && !t("Vec<geo::Point>") && !t("&'static [u8]"));
    }
}
