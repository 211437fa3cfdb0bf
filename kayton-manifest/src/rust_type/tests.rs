use super::*;

/// Text that parses and is written back unchanged (the manifests' own spelling).
#[test]
fn manifest_text_round_trips() {
    for text in [
        "i64",
        "&str",
        "&'static str",
        "&mut [u8]",
        "()",
        "(i64, String)",
        "(i64,)",
        "[u8; 32]",
        "Result<Version, Error>",
        "Option<Vec<(String, f64)>>",
        "std::borrow::Cow<'_, str>",
        "serde_json::map::Entry<'a>",
        "impl AsRef<str>",
        "impl Iterator<Item = &str> + '_",
        "Box<dyn FnMut(&i64) -> bool + Send>",
        "Box<dyn Fn(i64)>",
        "fn(u8) -> u8",
        "<T as Iterator>::Item",
        "::kayton_api::Iter<T>",
        "*const u8",
        "!",
        "Self",
    ] {
        let t = RustType::parse(text).unwrap();
        assert_eq!(t.to_string(), text, "{t:?}");
    }
}

#[test]
fn spacing_is_normalised_and_garbage_is_refused() {
    let t = RustType::parse("Entry < 'a , HeaderValue >").unwrap();
    assert_eq!(t.to_string(), "Entry<'a, HeaderValue>");
    let e = RustType::parse("Vec<").unwrap_err();
    assert!(e.contains("not a Rust type `Vec<`"), "{e}");
}

#[test]
fn lifetimes_are_dropped_and_parameters_replaced() {
    let t = RustType::parse("Entry<'a, HashMap<K, V>>").unwrap();
    assert_eq!(t.without_lifetimes().to_string(), "Entry<HashMap<K, V>>");
    assert_eq!(
        RustType::parse("Token<'a>")
            .unwrap()
            .without_lifetimes()
            .to_string(),
        "Token"
    );
    assert_eq!(
        RustType::parse("&'a str")
            .unwrap()
            .without_lifetimes()
            .to_string(),
        "&str"
    );
    let sub = t.substitute(&|p| (p == "K").then(|| RustType::named("i64")));
    assert_eq!(sub.to_string(), "Entry<'a, HashMap<i64, V>>");
    // A path segment that merely spells the name is not the parameter.
    let m = RustType::parse("K::Assoc").unwrap();
    assert_eq!(m.substitute(&|_| Some(RustType::unit())), m);
}

#[test]
fn a_static_reference_keeps_its_lifetime() {
    let t = RustType::parse("Option<&'static [u8]>").unwrap();
    assert_eq!(t.without_lifetimes().to_string(), "Option<&'static [u8]>");
}

#[test]
fn accessors_name_what_they_find() {
    let t = RustType::parse("std::option::Option<u8>").unwrap();
    let args = t.args_of(&["Option", "std::option::Option"]).unwrap();
    assert_eq!(args, vec![&RustType::named("u8")]);
    assert!(t.args_of(&["Vec"]).is_none());
    assert_eq!(
        RustType::generic("Vec", vec![RustType::named("i64")]).to_string(),
        "Vec<i64>"
    );
}

#[test]
fn serialized_as_its_text() {
    let t = RustType::parse("Option<&str>").unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), "\"Option<&str>\"");
    let back: RustType = serde_json::from_str("\"Option<&str>\"").unwrap();
    assert_eq!(back, t);
    assert!(serde_json::from_str::<RustType>("\"Option<\"").is_err());
}

#[test]
fn relative_paths_resolve_and_items_rename() {
    let t = RustType::parse("Result<crate::a::super::B, m::self::E<'_>>").unwrap();
    assert_eq!(
        t.resolve_relative("geo").to_string(),
        "Result<geo::B, m::E<'_>>"
    );
    let t = RustType::parse("Option<geo::inner::Stack<geo::inner::Item>>").unwrap();
    assert_eq!(
        t.rename_path("geo::inner::Stack", "geo::Stack").to_string(),
        "Option<geo::Stack<geo::inner::Item>>"
    );
    // A longer name that merely starts with the same letters is another item.
    let t = RustType::parse("geo::StackOf").unwrap();
    assert_eq!(t.rename_path("geo::Stack", "geo::S"), t);
    let t = RustType::parse("impl geo::inner::Tr<Item = geo::inner::A>").unwrap();
    assert_eq!(
        t.rename_path("geo::inner", "geo").to_string(),
        "impl geo::Tr<Item = geo::A>"
    );
}

#[test]
fn lifetime_bounds_are_dropped_and_type_paths_mapped_alone() {
    let t = RustType::parse("Box<dyn FnMut(&'a T) -> Point + Send + 'static>").unwrap();
    assert_eq!(
        t.without_lifetimes().to_string(),
        "Box<dyn FnMut(&T) -> Point + Send>"
    );
    let local = t.map_type_paths(&|p| {
        let mut p = p.clone();
        if p.segments.len() == 1 && p.segments[0].name == "Point" {
            p.segments.insert(0, Segment::plain("m"));
        }
        p
    });
    assert_eq!(
        local.to_string(),
        "Box<dyn FnMut(&'a T) -> m::Point + Send + 'static>"
    );
}

#[test]
fn plain_values_are_numbers_strings_and_lists_or_options_of_them() {
    let t = |s: &str| RustType::parse(s).unwrap().is_plain_value();
    assert!(t("f64") && t("String") && t("Vec<u8>") && t("Option<i64>") && !t("Option<Vec<i64>>"));
    assert!(t("bool") && t("char") && !t("Vec<bool>") && !t("Option<Option<i64>>"));
    assert!(!t("&str") && !t("geo::Point") && !t("Vec<geo::Point>") && !t("&'static [u8]"));
    assert!(!t("T") && !t("kayton_api::Dynamic"));
}
