//! A picked instantiation's result type, written for a turbofish: a generic method whose
//! type parameter only its result names (clap's `get_one<T>(&self, id) -> Option<&T>`)
//! is called with method syntax, where nothing tells rustc which `T` the compiler picked
//! (E0283). `::std::convert::identity::<Option<&String>>(m.get_one("name"))` says it,
//! leaving temporaries where they were. Types a cell cannot name are `_`.
use kayton_manifest::rust_type::{Args, GenericArg, RustType};

/// Names a cell writes as they are.
const PLAIN: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char", "str", "String", "Option", "Vec", "Result", "Box",
];

/// `t` with every type a cell cannot name written `_`, lifetimes left out.
pub(super) fn pin(t: &RustType) -> String {
    match t {
        RustType::Path(p)
            if p.segments.len() == 1 && PLAIN.contains(&p.segments[0].name.as_str()) =>
        {
            let s = &p.segments[0];
            match &s.args {
                Args::None => s.name.clone(),
                Args::Angle(args) => {
                    let parts: Vec<String> = args
                        .iter()
                        .filter_map(|a| match a {
                            GenericArg::Type(t) => Some(pin(t)),
                            GenericArg::Lifetime(_) => None,
                            GenericArg::Const(_) | GenericArg::Binding { .. } => Some("_".into()),
                        })
                        .collect();
                    format!("{}<{}>", s.name, parts.join(", "))
                }
                Args::Paren { .. } => "_".into(),
            }
        }
        RustType::Ref { mutable, inner, .. } => {
            format!("&{}{}", if *mutable { "mut " } else { "" }, pin(inner))
        }
        RustType::Slice(e) => format!("[{}]", pin(e)),
        RustType::Tuple(ts) if ts.is_empty() => "()".into(),
        RustType::Tuple(ts) => {
            let parts: Vec<String> = ts.iter().map(pin).collect();
            format!("({},)", parts.join(", "))
        }
        _ => "_".into(),
    }
}

/// `call` pinned to the result type `ret`, if that says anything (not just `_`).
pub(super) fn pinned(call: String, ret: &RustType) -> String {
    let t = pin(ret);
    if t.chars().all(|c| "_&mut ".contains(c)) {
        return call;
    }
    format!("::std::convert::identity::<{t}>({call})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        pin(&RustType::parse(text).unwrap())
    }

    #[test]
    fn what_a_cell_cannot_name_is_left_to_inference() {
        assert_eq!(p("Option<&'a String>"), "Option<&String>");
        assert_eq!(p("Result<Vec<i64>, clap::Error>"), "Result<Vec<i64>, _>");
        assert_eq!(p("(i64, geometry::Point)"), "(i64, _,)");
        assert_eq!(p("impl Iterator<Item = i64>"), "_");
        assert_eq!(
            pinned("f()".into(), &RustType::parse("m::T").unwrap()),
            "f()"
        );
    }
}
