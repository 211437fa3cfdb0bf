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

/// The one type an instantiation of a method whose result is an `Option` of an
/// iterator is at, written for a turbofish: an iterator result is not a type
/// [`pinned`] can name (clap's `get_many<T>` → `Option<impl Iterator<Item = &T>>`).
pub(super) fn iterator_shape(f: &kayton_manifest::FnSig) -> Option<String> {
    let shape = f.shape.as_deref().filter(|s| !s.starts_with('{'))?;
    // Only a type parameter no argument names (an argument's would infer it, and a real
    // `impl Trait` parameter refuses a turbofish).
    if f.params.iter().any(|p| p.ty.to_string().contains(shape)) {
        return None;
    }
    let iter = |t: &RustType| {
        t.as_path().is_some_and(|p| {
            let b = p.bare();
            b.ends_with("kayton_api::OwnedIter") || b.ends_with("kayton_api::Iter")
        })
    };
    // (A bare iterator is collected into the type wanted, which infers them.)
    let ret = f
        .ret
        .args_of(&["Option"])
        .and_then(|a| a.first().copied())?;
    iter(ret).then(|| match shape {
        "Dynamic" => "kayton_api::Dynamic".to_string(),
        s => s.to_string(),
    })
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

    #[test]
    fn an_iterator_result_names_its_shape_unless_an_argument_does() {
        let sig = |ret: &str, param: &str| kayton_manifest::FnSig {
            name: "get_many".into(),
            shape: Some("String".into()),
            ret: RustType::parse(ret).unwrap(),
            params: vec![kayton_manifest::Param {
                name: "id".into(),
                ty: RustType::parse(param).unwrap(),
            }],
            ..Default::default()
        };
        let many = sig("Option<kayton_api::OwnedIter<String>>", "&str");
        assert_eq!(iterator_shape(&many).as_deref(), Some("String"));
        assert_eq!(iterator_shape(&sig("Option<&String>", "&str")), None);
        assert_eq!(
            iterator_shape(&sig("kayton_api::Iter<String>", "String")),
            None
        );
    }
}
