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

/// Numbers, `bool`, `char`, `String`, and `Vec`s and `Option`s of them.
fn passed_as_is(ty: &RustType) -> bool {
    const PLAIN: &[&str] = &[
        "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "f32", "f64",
        "bool", "char", "String",
    ];
    if let Some(inner) = ty.args_of(&["Vec", "Option"]) {
        return matches!(inner.as_slice(), [one] if passed_as_is(one));
    }
    PLAIN.contains(&ty.to_string().as_str())
}

#[cfg(test)]
mod tests {
    use super::passed_as_is;
    use kayton_manifest::RustType;

    #[test]
    fn plain_values_are_passed_as_is() {
        let t = |s: &str| passed_as_is(&RustType::parse(s).unwrap());
        assert!(t("f64") && t("String") && t("Vec<u8>") && t("Option<Vec<i64>>"));
        assert!(!t("&str") && !t("geo::Point") && !t("Vec<geo::Point>") && !t("&'static [u8]"));
    }
}
