//! `rty`: manifest types read as Keyton's conversions.
use super::*;

fn parse(text: &str, self_path: &str) -> Result<RTy, String> {
    super::parse(&kayton_manifest::RustType::parse(text)?, self_path)
}

#[test]
fn wide_integer_results_stay_rust_integers_at_the_top_only() {
    let wide = Ty::Rust("core::primitive::u64".into());
    let r = parse("Result<u64, E>", "").unwrap().widen_result();
    assert_eq!(r.keyton(), wide);
    assert_eq!(r.to_keyton("x", &|_| false).unwrap(), "kayton::raise!(x)?");
    let o = parse("Option<&u128>", "").unwrap().widen_result();
    assert_eq!(o.keyton(), Ty::Option(Box::new(Ty::int_result("u128"))));
    // In a list the items are ints, converted (checked).
    let v = parse("Vec<u64>", "").unwrap().widen_result();
    assert_eq!(v.keyton(), Ty::List(Box::new(Ty::Int)));
    assert_eq!(parse("usize", "").unwrap().widen_result().keyton(), Ty::Int);
    assert!(wide.is_wide_int() && wide.name() == "u64");
}

#[test]
fn cow_results_are_their_owned_form() {
    let s = parse("std::borrow::Cow<str>", "").unwrap();
    assert_eq!(s, RTy::Cow(Box::new(RTy::String)));
    assert_eq!(s.keyton(), Ty::Str);
    assert_eq!(s.to_keyton("c", &|_| false).unwrap(), "(c).into_owned()");
    let b = parse("std::borrow::Cow<'_, [u8]>", "").unwrap();
    assert_eq!(b.keyton(), Ty::List(Box::new(Ty::Int)));
    assert!(parse("std::borrow::Cow<'_, Path>", "").is_err());
}

#[test]
fn std_string_piece_iterators_are_lists_of_strings() {
    let t = parse("Option<std::str::Split<'_, char>>", "url::Url").unwrap();
    assert_eq!(
        t.keyton(),
        Ty::Option(Box::new(Ty::List(Box::new(Ty::Str))))
    );
    let code = RTy::Vec(Box::new(RTy::StrRef))
        .to_keyton("it", &|_| false)
        .unwrap();
    assert!(code.contains("for k_el in it"), "{code}");
    assert_eq!(
        parse("core::str::Bytes<'_>", "").unwrap().keyton(),
        Ty::List(Box::new(Ty::Int))
    );
}

#[test]
fn parses_manifest_types() {
    assert_eq!(parse("&str", "X").unwrap(), RTy::StrRef);
    assert_eq!(
        parse("Result<Self, semver::Error>", "semver::Version").unwrap(),
        RTy::Result(Box::new(RTy::Named("semver::Version".into())))
    );
    assert_eq!(
        parse("&[f64]", "X").unwrap(),
        RTy::Slice(Box::new(RTy::Float("f64".into())))
    );
    assert_eq!(
        parse("Option<u64>", "X").unwrap().keyton(),
        Ty::Option(Box::new(Ty::Int))
    );
    assert!(parse("fn(i32) -> i32", "X").is_err());
    assert_eq!(
        parse("Box<dyn FnMut(&i64, (u8, String)) -> bool + Send>", "X").unwrap(),
        RTy::Func {
            args: vec![
                RTy::Ref(Box::new(RTy::Int("i64".into()))),
                RTy::Tuple(vec![RTy::Int("u8".into()), RTy::String]),
            ],
            ret: Box::new(RTy::Bool),
            rust_args: vec!["&i64".into(), "(u8, String)".into()],
            rust_ret: "bool".into(),
        }
    );
    // Other trait objects: a value of any type implementing the traits.
    assert_eq!(
        parse("std::boxed::Box<dyn svg::Node + Send>", "X").unwrap(),
        RTy::DynBox("svg::Node + Send".into())
    );
    assert_eq!(
        parse("&dyn std::error::Error", "X").unwrap(),
        RTy::Ref(Box::new(RTy::Dyn("std::error::Error".into())))
    );
    // A type that borrows is named by its path; an iterator that borrows collects.
    assert_eq!(
        parse("m::Entry<'_>", "X").unwrap(),
        RTy::Named("m::Entry".into())
    );
    assert_eq!(
        parse("kayton_api::OwnedIter<(usize, m::Point)>", "X").unwrap(),
        RTy::OwnedIter(Box::new(RTy::Tuple(vec![
            RTy::Int("usize".into()),
            RTy::Named("m::Point".into())
        ])))
    );
    assert_eq!(
        parse("std::ops::Range<i64>", "X").unwrap().keyton(),
        Ty::Range
    );
    assert_eq!(
        parse("(u8, String)", "X").unwrap().keyton(),
        Ty::Tuple(vec![Ty::Int, Ty::Str])
    );
}

#[test]
fn static_references_are_held_as_they_are() {
    let r = parse("Option<&'static m::Emoji>", "X").unwrap();
    assert_eq!(r, RTy::Option(Box::new(RTy::StaticRef("m::Emoji".into()))));
    assert_eq!(
        r.keyton(),
        Ty::Option(Box::new(Ty::Rust("&'static m::Emoji".into())))
    );
    assert_eq!(r.to_keyton("e", &|_| false).unwrap(), "e");
    assert_eq!(
        Ty::Rust("&'static m::Emoji".into()).rust(),
        "&'static ::m::Emoji"
    );
    // Not `'static`: still a borrow to copy.
    assert!(parse("&m::Emoji", "X")
        .unwrap()
        .to_keyton("e", &|_| false)
        .is_err());
}

#[test]
fn arrays_are_lists_of_their_length() {
    let a = parse("[u8; 4]", "X").unwrap();
    assert_eq!(a, RTy::Array(Box::new(RTy::Int("u8".into())), "4".into()));
    assert_eq!(a.keyton(), Ty::List(Box::new(Ty::Int)));
    let out = a.to_keyton("c", &|_| false).unwrap();
    assert!(
        out.contains("(c).to_vec()") && out.contains("to_i64"),
        "{out}"
    );
    let back = a.from_keyton("xs").unwrap();
    assert!(
        back.starts_with("kayton::rt::to_array::<_, { 4 }>("),
        "{back}"
    );
    assert!(back.contains("narrow::<u8>"), "{back}");
    let f = parse("[f64; 3]", "X").unwrap().from_keyton("xs").unwrap();
    assert_eq!(f, "kayton::rt::to_array::<_, { 3 }>(xs)?");
}

#[test]
fn std_maps_are_dicts_converted_entry_by_entry() {
    let m = parse("std::collections::HashMap<String, u8>", "X").unwrap();
    assert_eq!(m.keyton(), Ty::Dict(Box::new(Ty::Str), Box::new(Ty::Int)));
    let out = m.to_keyton("v", &|_| false).unwrap();
    assert!(
        out.contains("kayton::rt::to_i64(k_v)?") && out.contains("dict_sorted"),
        "{out}"
    );
    let inp = m.from_keyton("d").unwrap();
    assert!(
        inp.contains("::std::collections::HashMap::new()") && inp.contains("narrow::<u8>"),
        "{inp}"
    );
    let b = parse("BTreeMap<i64, Vec<String>>", "X").unwrap();
    assert!(!b
        .to_keyton("v", &|_| false)
        .unwrap()
        .contains("dict_sorted"));
}

#[test]
fn converts_containers_element_by_element() {
    let any = |_: &str| true;
    let opt = parse("Option<u64>", "X")
        .unwrap()
        .to_keyton("v", &any)
        .unwrap();
    assert_eq!(
        opt,
        "match v { Some(k_el) => Some(kayton::rt::to_i64(k_el)?), None => None }"
    );
    let strs = parse("Vec<&str>", "X")
        .unwrap()
        .to_keyton("v", &any)
        .unwrap();
    assert!(strs.contains("k_out.push(k_el.to_string())"), "{strs}");
    let slice = parse("&[String]", "X")
        .unwrap()
        .to_keyton("v", &any)
        .unwrap();
    assert!(
        slice.contains("(v).iter()") && slice.contains("k_el.clone()"),
        "{slice}"
    );
    let direct = parse("Option<i64>", "X")
        .unwrap()
        .to_keyton("v", &any)
        .unwrap();
    assert_eq!(direct, "v");
    let pair = parse("(u8, &str)", "X")
        .unwrap()
        .to_keyton("v", &any)
        .unwrap();
    assert_eq!(
        pair,
        "match v { k_tup => (kayton::rt::to_i64(k_tup.0)?, k_tup.1.to_string(),) }"
    );
}

#[test]
fn os_strings_are_keyton_strings_read_lossily() {
    let s = parse("std::ffi::OsString", "").unwrap();
    assert_eq!(s, RTy::OsString);
    assert_eq!(s.keyton(), Ty::Str);
    assert_eq!(
        s.to_keyton("h", &|_| false).unwrap(),
        "(h).to_string_lossy().into_owned()"
    );
    assert_eq!(
        s.from_keyton("k").as_deref(),
        Some("::std::ffi::OsString::from(k)")
    );
    let r = parse("Result<std::ffi::OsString, std::io::Error>", "").unwrap();
    assert_eq!(r.keyton(), Ty::Str);
}

#[test]
fn self_inside_a_generic_types_arguments_is_the_implementing_type() {
    let r = parse(
        "chrono::MappedLocalTime<chrono::DateTime<Self>>",
        "chrono::Utc",
    )
    .unwrap();
    assert_eq!(
        r,
        RTy::Named("chrono::MappedLocalTime<chrono::DateTime<chrono::Utc>>".into())
    );
    assert_eq!(parse("Self", "i64").unwrap(), RTy::Int("i64".into()));
    assert_eq!(
        parse("Option<Self>", "chrono::Utc").unwrap(),
        RTy::Option(Box::new(RTy::Named("chrono::Utc".into())))
    );
}
