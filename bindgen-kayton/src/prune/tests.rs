use super::*;

const LIB: &str = r#"kayton::plugin!();
#[kayton::export(remote = demo::Point)]
pub struct Point {
    pub x: i64,
}
#[kayton::export(remote)]
impl demo::Point {
    pub const ORIGIN: demo::Point;
    pub fn norm(&self) -> f64;
    #[kayton::instantiate(i64, &str)]
    pub fn scale<T>(&self, by: T) -> demo::Point;
}
#[kayton::export(remote = demo::parse)]
pub fn parse(text: &str) -> Result<demo::Point, demo::Error>;
"#;

#[test]
fn errors_map_to_the_innermost_item() {
    let ix = Index::new(LIB).unwrap();
    let at = |l, c| ix.locate(l, c).cloned();
    assert_eq!(at(3, 10).as_deref(), Some("type demo::Point"));
    assert_eq!(at(8, 10).as_deref(), Some("const demo::Point::ORIGIN"));
    assert_eq!(at(9, 20).as_deref(), Some("method demo::Point::norm"));
    // The `&str` of the instantiate line: that shape only.
    assert_eq!(
        at(10, 31).as_deref(),
        Some("method demo::Point::scale [&str]")
    );
    assert_eq!(at(11, 30).as_deref(), Some("method demo::Point::scale"));
    // The attribute line of the impl: the whole type's impl.
    assert_eq!(at(6, 3).as_deref(), Some("type demo::Point"));
    assert_eq!(at(14, 30).as_deref(), Some("fn demo::parse"));
    assert_eq!(at(1, 3), None);
}

#[test]
fn cargo_messages_are_read_through_macro_expansions() {
    let direct = r#"{"reason":"compiler-message","message":{"level":"error","message":"`HashMap<String, i64>` cannot be a parameter of an exported function","code":{"code":"E0277"},"spans":[{"file_name":"src/lib.rs","line_start":10,"column_start":21,"is_primary":true,"expansion":null}]}}"#;
    let expanded = r#"{"reason":"compiler-message","message":{"level":"error","message":"mismatched types","code":{"code":"E0308"},"spans":[{"file_name":"/k/kayton_api/src/export.rs","line_start":3,"column_start":1,"is_primary":true,"expansion":{"span":{"file_name":"src/lib.rs","line_start":14,"column_start":5,"expansion":null}}}]}}"#;
    let abort = r#"{"reason":"compiler-message","message":{"level":"error","message":"aborting due to 2 previous errors","code":null,"spans":[]}}"#;
    let text = [direct, expanded, abort, "not json"].join("\n");
    let errs = errors(&text, "src/lib.rs");
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0].at, Some((10, 20)));
    assert_eq!(reason(&errs[0]), "a parameter type Keyton cannot pass");
    assert_eq!(errs[1].at, Some((14, 4)));
    assert_eq!(
        reason(&errs[1]),
        "a type that does not match the declaration"
    );
    let ix = Index::new(LIB).unwrap();
    let (drop, unplaced) = attribute(&ix, &errs);
    assert!(unplaced.is_empty());
    assert_eq!(
        drop.keys().cloned().collect::<Vec<_>>(),
        vec![
            "fn demo::parse".to_string(),
            "method demo::Point::scale".to_string()
        ]
    );
}

const GENERIC: &str = r#"kayton::plugin!();
#[kayton::export(remote = demo::Either)]
#[kayton::instantiate(i64, Dynamic)]
pub enum Either<L, R> {
    Left(L),
    Right(R),
}
#[kayton::export(remote)]
#[kayton::instantiate(i64, Dynamic)]
impl<L, R> demo::Either<L, R> {
    pub fn is_left(&self) -> bool;
}
"#;

#[test]
fn a_generic_type_is_keyed_with_its_parameters_shapes_and_variants() {
    let ix = Index::new(GENERIC).unwrap();
    let at = |l, c| ix.locate(l, c).cloned();
    assert_eq!(at(3, 23).as_deref(), Some("type demo::Either<L,R> [i64]"));
    assert_eq!(at(5, 6).as_deref(), Some("variant demo::Either<L,R>::Left"));
    assert_eq!(
        at(9, 28).as_deref(),
        Some("type demo::Either<L,R> [Dynamic]")
    );
    assert_eq!(
        at(11, 20).as_deref(),
        Some("method demo::Either<L,R>::is_left")
    );
    assert_eq!(at(4, 2).as_deref(), Some("type demo::Either<L,R>"));
}

#[test]
fn an_error_at_a_whole_item_waits_for_the_errors_inside_it() {
    let ix = Index::new(GENERIC).unwrap();
    let err = |line, col| CompileError {
        labels: Vec::new(),
        notes: Vec::new(),
        at: Some((line, col)),
        code: "E0277".into(),
        message: "the trait bound `f64: Eq` is not satisfied".into(),
    };
    // One at the impl's attribute, one at its method: only the method goes this round.
    let (drop, _) = attribute(&ix, &[err(8, 0), err(11, 20)]);
    let keys: Vec<&String> = drop.keys().collect();
    assert_eq!(keys, ["method demo::Either<L,R>::is_left"]);
    // Alone, the whole impl goes.
    let (drop, _) = attribute(&ix, &[err(8, 0)]);
    assert_eq!(drop.keys().collect::<Vec<_>>(), ["type demo::Either<L,R>"]);
}

#[test]
fn a_borrowed_impl_is_keyed_without_its_lifetimes() {
    assert_eq!(super::without_lifetimes("Entry < 'a >"), "Entry");
    assert_eq!(
        super::without_lifetimes("x::Entry<'a, x::HeaderValue>"),
        "x::Entry<x::HeaderValue>"
    );
    assert_eq!(super::without_lifetimes("Plain"), "Plain");
    assert_eq!(
        super::without_lifetimes("m::Iter<'a, HashMap<K, V>>"),
        "m::Iter<HashMap<K,V>>"
    );
}

#[test]
fn methods_left_without_body_by_a_refused_one_wait_for_it() {
    let ix = Index::new(LIB).unwrap();
    let err = |line, col, message: &str| CompileError {
        labels: Vec::new(),
        notes: Vec::new(),
        at: Some((line, col)),
        code: String::new(),
        message: message.into(),
    };
    let body = "associated function in `impl` without body";
    // The macros refused `scale`; `norm` only followed: `scale` goes this round.
    let errs = [
        err(11, 10, "an `impl Trait` parameter cannot be exported"),
        err(9, 10, body),
    ];
    let (drop, _) = attribute(&ix, &errs);
    assert_eq!(
        drop.keys().collect::<Vec<_>>(),
        ["method demo::Point::scale"]
    );
    // Alone, such an error is the method's own.
    let (drop, _) = attribute(&ix, &[err(9, 10, body)]);
    assert_eq!(
        drop.keys().collect::<Vec<_>>(),
        ["method demo::Point::norm"]
    );
}

#[test]
fn a_shape_missing_the_types_own_bound_is_pruned_alone() {
    let lib = r#"kayton::plugin!();
#[kayton::export(remote = demo::Enc)]
#[kayton::instantiate(Vec<u8>, i64, String, Dynamic)]
pub struct Enc<W> {}
"#;
    let ix = Index::new(lib).unwrap();
    let key = "type demo::Enc<W>".to_string();
    let named = |m: &str| ix.instances_named(&key, &m.replace(' ', "")).pop();
    assert_eq!(
        named("the trait bound `i64: std::io::Write` is not satisfied").as_deref(),
        Some("type demo::Enc<W> [i64]")
    );
    assert_eq!(
        named("the trait bound `kayton_api::Dynamic: std::io::Write` is not satisfied").as_deref(),
        Some("type demo::Enc<W> [Dynamic]")
    );
    assert_eq!(
        named("the trait bound `kayton::Dynamic: std::io::Write` is not satisfied").as_deref(),
        Some("type demo::Enc<W> [Dynamic]")
    );
    assert_eq!(
        named("the trait bound `std::string::String: num_traits::Float` is not satisfied")
            .as_deref(),
        Some("type demo::Enc<W> [String]")
    );
    assert_eq!(
        named("the trait bound `StandardNormal: Distribution<i64>` is not satisfied").as_deref(),
        Some("type demo::Enc<W> [i64]")
    );
    // A path after the shape is not a bound it misses.
    assert_eq!(named("use of `i64::MAX` here"), None);
}

#[test]
fn shapes_of_several_parameters_go_by_any_parameter_missing_the_bound() {
    let lib = r#"kayton::plugin!();
#[kayton::export(remote = demo::Buf)]
#[kayton::instantiate({demo::Rgb<u8>, Vec<u8>}, {i64, i64}, {i64, Vec<u8>}, {f64, f64})]
pub struct Buf<P, C> {}
"#;
    let ix = Index::new(lib).unwrap();
    let key = "type demo::Buf<P,C>".to_string();
    let named = ix.instances_named(&key, "the trait bound `i64: demo::Pixel` is not satisfied");
    assert_eq!(
        named,
        [
            "type demo::Buf<P,C> [{i64,i64}]",
            "type demo::Buf<P,C> [{i64,Vec<u8>}]"
        ]
    );
}
