//! Impls of std's traits whose methods Keyton calls on a crate's types: `FromStr`,
//! `Default`, `Iterator`, `IntoIterator`, io's `Write` and `Read`, `Hasher`, `Index`,
//! `From<X>` and `FromIterator<X>` at a concrete `X`, and the arithmetic operators at
//! another type than `Self`.
use super::{assoc_types, maybe_unsized, TraitImpl};
use crate::fn_bounds::ByName;
use crate::render::Renderer;
use kayton_manifest::{FnSig, RustType};
use rustdoc_types::{Impl, Type};

/// The std traits whose method Keyton calls: the name rustdoc gives → the path written.
const STD_TRAITS: &[(&str, &str)] = &[
    ("FromStr", "std::str::FromStr"),
    ("Default", "std::default::Default"),
    ("Iterator", "std::iter::Iterator"),
    // `for entry in WalkDir::new(".")`: looped over through its iterator.
    ("IntoIterator", "std::iter::IntoIterator"),
    // flate2's `GzEncoder<Vec<u8>>`: `e.write_all(b"foo")`, then the crate's `finish()`.
    ("Write", "std::io::Write"),
    // flate2's `GzDecoder<&[u8]>`: `d.read_to_string(s)`, into a string variable.
    ("Read", "std::io::Read"),
    // fnv's `FnvHasher`, siphasher's `SipHasher`: `h.write(b"…")`, then `h.finish()`.
    ("Hasher", "std::hash::Hasher"),
];

/// The declaration of a std trait impl (`FromStr`, `Default`, `Iterator`, io's `Write`) of the type at
/// `self_path`, if `imp` is one and its types render.
pub fn std_impl(r: &Renderer, self_path: &str, imp: &Impl) -> Option<TraitImpl> {
    let tr = imp.trait_.as_ref()?;
    let last = tr.path.rsplit("::").next().unwrap_or(&tr.path);
    if last == "Index" {
        return index_impl(r, self_path, imp, tr);
    }
    if last == "From" {
        return from_impl(r, self_path, imp, tr);
    }
    if last == "FromIterator" {
        return from_iter_impl(r, self_path, imp, tr);
    }
    if OPERATORS.iter().any(|(t, _)| *t == last) {
        return operator_impl(r, self_path, imp, tr, last);
    }
    let (_, trait_path) = STD_TRAITS.iter().find(|(n, _)| *n == last)?;
    if imp.blanket_impl.is_some() {
        return None;
    }
    // `Write` is io's, not fmt's (or the crate's own); `Read` is io's.
    if ["Write", "Read"].contains(&last)
        && crate::bounds::canonical_of(r, tr).as_deref() != Some(*trait_path)
    {
        return None;
    }
    // `Hasher` is std's (defined in core), not the crate's own.
    if last == "Hasher"
        && !crate::bounds::canonical_of(r, tr)
            .is_some_and(|p| p == "core::hash::Hasher" || p == "std::hash::Hasher")
    {
        return None;
    }
    // `impl IntoIterator for &Map`: not of the type itself.
    if last == "IntoIterator" && !matches!(imp.for_, Type::ResolvedPath(_)) {
        return None;
    }
    let bound = assoc_types(r, imp, self_path);
    let sig = |name: &str, receiver, params: Vec<(&str, &str)>, ret: String| -> Option<FnSig> {
        Some(FnSig {
            name: name.into(),
            receiver,
            params: params
                .into_iter()
                .map(|(n, t)| {
                    Some(kayton_manifest::Param {
                        name: n.into(),
                        ty: RustType::parse(t).ok()?,
                    })
                })
                .collect::<Option<_>>()?,
            ret: RustType::parse(&ret).ok()?,
            ..FnSig::default()
        })
    };
    use kayton_manifest::Receiver;
    // io's traits and `Hasher`: the methods a Keyton value can call (the others take
    // buffers Keyton does not lend, or are `write` at one integer width).
    let io_methods = match last {
        "Write" => {
            let io = "Result<(), std::io::Error>".to_string();
            Some(vec![
                sig(
                    "write_all",
                    Some(Receiver::RefMut),
                    vec![("buf", "&[u8]")],
                    io.clone(),
                )?,
                sig("flush", Some(Receiver::RefMut), vec![], io)?,
            ])
        }
        "Read" => {
            let n = "Result<usize, std::io::Error>".to_string();
            Some(vec![
                sig(
                    "read_to_string",
                    Some(Receiver::RefMut),
                    vec![("buf", "&mut String")],
                    n.clone(),
                )?,
                sig(
                    "read_to_end",
                    Some(Receiver::RefMut),
                    vec![("buf", "&mut Vec<u8>")],
                    n,
                )?,
            ])
        }
        "Hasher" => Some(vec![
            sig(
                "write",
                Some(Receiver::RefMut),
                vec![("bytes", "&[u8]")],
                "()".into(),
            )?,
            sig("finish", Some(Receiver::Ref), vec![], "u64".into())?,
        ]),
        _ => None,
    };
    if let Some(methods) = io_methods {
        return Some(TraitImpl {
            trait_path: trait_path.to_string(),
            self_ty: self_path.to_string(),
            methods,
            generics: Vec::new(),
            bounds: ByName::default(),
        });
    }
    let method = match last {
        "FromStr" => sig(
            "from_str",
            None,
            vec![("s", "&str")],
            format!("Result<Self, {}>", bound.get("Self::Err")?),
        ),
        "Default" => sig("default", None, vec![], "Self".into()),
        "IntoIterator" => sig(
            "into_iter",
            Some(Receiver::Value),
            vec![],
            bound.get("Self::IntoIter")?.clone(),
        ),
        _ => sig(
            "next",
            Some(Receiver::RefMut),
            vec![],
            format!("Option<{}>", bound.get("Self::Item")?),
        ),
    };
    Some(TraitImpl {
        trait_path: trait_path.to_string(),
        self_ty: self_path.to_string(),
        methods: vec![method?],
        generics: Vec::new(),
        bounds: ByName::default(),
    })
}

/// The one type argument of the trait `tr` of a non-generic, non-blanket `imp` (`u32` of
/// `impl From<u32> for BigUint`), rendered; `None` for any other impl.
fn concrete_arg(
    r: &Renderer,
    self_path: &str,
    imp: &Impl,
    tr: &rustdoc_types::Path,
) -> Option<String> {
    use rustdoc_types::{GenericArg, GenericArgs};
    if imp.blanket_impl.is_some() || crate::generics::has_type_params(imp) {
        return None;
    }
    let Some(GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() else {
        return None;
    };
    let [GenericArg::Type(x)] = args.as_slice() else {
        return None;
    };
    r.ty(x, self_path).ok()
}

/// Arithmetic operator traits and their methods.
const OPERATORS: &[(&str, &str)] = &[
    ("Add", "add"),
    ("Sub", "sub"),
    ("Mul", "mul"),
    ("Div", "div"),
    ("Rem", "rem"),
];

/// `impl Add<X> for T` with `X` another type than `T` (chrono's `NaiveDate + TimeDelta`,
/// a vector times an `f64`): declared with its method, so that the compiler finds the
/// impl whose `X` the right operand is. `T op T` and `T op i64` are probed on the kind
/// instead (`derives`).
fn operator_impl(
    r: &Renderer,
    self_path: &str,
    imp: &Impl,
    tr: &rustdoc_types::Path,
    last: &str,
) -> Option<TraitImpl> {
    if !matches!(imp.for_, Type::ResolvedPath(_)) {
        return None;
    }
    // `impl Sub for NaiveDate`: the right side defaults to `Self`.
    let text = match tr.args.as_deref() {
        None if !crate::generics::has_type_params(imp) => self_path.to_string(),
        _ => concrete_arg(r, self_path, imp, tr)?,
    };
    if text == "i64" || text.starts_with('&') {
        return None;
    }
    let output = assoc_types(r, imp, self_path).remove("Self::Output")?;
    // `T op T` giving a `T` is probed among the type's derives; one giving another type
    // (chrono's `NaiveDate - NaiveDate` is a `TimeDelta`) is declared here.
    let own = |t: &str| t == self_path || t == "Self";
    if own(&text) && own(&output) {
        return None;
    }
    let text = if own(&text) {
        self_path.to_string()
    } else {
        text
    };
    let (_, method) = OPERATORS.iter().find(|(t, _)| *t == last)?;
    Some(TraitImpl {
        trait_path: format!("std::ops::{last}<{text}>"),
        self_ty: self_path.to_string(),
        methods: vec![FnSig {
            name: method.to_string(),
            receiver: Some(kayton_manifest::Receiver::Value),
            params: vec![kayton_manifest::Param {
                name: "rhs".into(),
                ty: RustType::parse(&text).ok()?,
            }],
            ret: RustType::parse(&output).ok()?,
            ..FnSig::default()
        }],
        generics: Vec::new(),
        bounds: ByName::default(),
    })
}

/// `impl From<X> for T` at a concrete `X` (`BigUint::from(2u32)`, `Decimal::from(5)`):
/// `T.from(x)`. Each is one `from` of the type; the compiler picks the one the argument
/// fits. Generic impls (`impl<T: Into<u64>> From<T>`) are left out: rustc could not
/// choose an instance for them.
fn from_impl(
    r: &Renderer,
    self_path: &str,
    imp: &Impl,
    tr: &rustdoc_types::Path,
) -> Option<TraitImpl> {
    let text = concrete_arg(r, self_path, imp, tr)?;
    constructor(
        format!("std::convert::From<{text}>"),
        self_path,
        "from",
        ("value", &text),
    )
}

/// A trait impl declared with its one constructor, `name(param) -> Self`.
fn constructor(
    trait_path: String,
    self_path: &str,
    name: &str,
    (param, ty): (&str, &str),
) -> Option<TraitImpl> {
    Some(TraitImpl {
        trait_path,
        self_ty: self_path.to_string(),
        methods: vec![FnSig {
            name: name.into(),
            params: vec![kayton_manifest::Param {
                name: param.into(),
                ty: RustType::parse(ty).ok()?,
            }],
            ret: RustType::parse("Self").ok()?,
            ..FnSig::default()
        }],
        generics: Vec::new(),
        bounds: ByName::default(),
    })
}

/// `impl FromIterator<X> for T` at a concrete `X` (average's `Mean` of `f64`s):
/// `T.from_iter(xs)`, a Keyton list of `X`s passed as the iterator.
fn from_iter_impl(
    r: &Renderer,
    self_path: &str,
    imp: &Impl,
    tr: &rustdoc_types::Path,
) -> Option<TraitImpl> {
    let text = concrete_arg(r, self_path, imp, tr)?;
    // Items a Keyton list holds as they are (a list of Rust values is not passed by value).
    let plain = ["i64", "f64", "String", "bool"].contains(&text.as_str())
        || crate::bounds::NUMBERS.contains(&text.as_str());
    if !plain {
        return None;
    }
    constructor(
        format!("std::iter::FromIterator<{text}>"),
        self_path,
        "from_iter",
        ("iter", &format!("Vec<{text}>")),
    )
}

/// `impl Index<K> for T`: the type's manifest says it is indexable (`derives` gets
/// `Index`) once rustc has checked that it is, for a key Keyton passes (`usize` for an
/// int, `&str` for a string). At a concrete key the impl is declared with its `index`
/// method, whose result is the `Output` (regex's `caps[1]` is a `str`); an impl over a
/// key type parameter (serde_json's `Value[…]`) is declared with `usize` and no method,
/// and indexes by either key to a `Self`.
fn index_impl(
    r: &Renderer,
    self_path: &str,
    imp: &Impl,
    tr: &rustdoc_types::Path,
) -> Option<TraitImpl> {
    use rustdoc_types::{GenericArg, GenericArgs};
    if imp.blanket_impl.is_some() {
        return None;
    }
    let Some(GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() else {
        return None;
    };
    let Some(GenericArg::Type(k)) = args.first() else {
        return None;
    };
    // `Index<&Q> for Map<K, V>` with `K: Borrow<Q>, Q: ?Sized`: by a string.
    let unsized_ref = |t: &Type| match t {
        Type::BorrowedRef { type_, .. } => {
            matches!(&**type_, Type::Generic(q) if maybe_unsized(imp, q))
        }
        _ => false,
    };
    // `impl<K: Key, V> Index<K> for SlotMap<K, V>`: the key is the type's own parameter,
    // which each instance names (`SlotMap<DefaultKey, i64>` is indexed by a `DefaultKey`).
    let own_param = |g: &str| {
        let Type::ResolvedPath(p) = &imp.for_ else {
            return false;
        };
        matches!(p.args.as_deref(), Some(GenericArgs::AngleBracketed { args, .. })
            if args.iter().any(|a| matches!(a, GenericArg::Type(Type::Generic(n)) if n == g)))
    };
    let (key, methods) = match k {
        Type::Generic(g) if own_param(g) => {
            let output = assoc_types(r, imp, self_path).remove("Self::Output")?;
            (g.clone(), vec![index_method(g, &output)?])
        }
        Type::Generic(_) => ("usize".to_string(), Vec::new()),
        other => {
            let text = if unsized_ref(other) {
                "&str".to_string()
            } else {
                r.ty(other, "").ok()?
            };
            let key = match text.as_str() {
                "usize" => text,
                "&str" => "&'static str".into(),
                // A key that is a type of the crate (generational-arena's `arena[idx]`
                // with `idx: Index`, slotmap's keys): passed as the Rust value it is.
                t if t.contains("::")
                    && !t.starts_with("std::")
                    && t.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') =>
                {
                    text
                }
                _ => return None,
            };
            let output = assoc_types(r, imp, self_path).remove("Self::Output")?;
            let method = index_method(&key, &output)?;
            (key, vec![method])
        }
    };
    Some(TraitImpl {
        trait_path: format!("std::ops::Index<{key}>"),
        self_ty: self_path.to_string(),
        methods,
        generics: Vec::new(),
        bounds: ByName::default(),
    })
}

/// `fn index(&self, index: K) -> &Output` of an `Index<K>` impl.
fn index_method(key: &str, output: &str) -> Option<FnSig> {
    Some(FnSig {
        name: "index".into(),
        receiver: Some(kayton_manifest::Receiver::Ref),
        params: vec![kayton_manifest::Param {
            name: "index".into(),
            ty: RustType::parse(key).ok()?,
        }],
        ret: RustType::parse(&format!("&{output}")).ok()?,
        ..FnSig::default()
    })
}
