//! A manifest's [`RustType`] as the [`RTy`] a cell converts by: the Rust types Keyton
//! has a conversion for, read off the typed tree.
use super::RTy;
use crate::types::Ty;
use kayton_manifest::rust_type::{Args, Bound, RustType, TypePath};

/// Rust's integer types, by name.
pub(crate) const INTS: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
];

/// std's range types Keyton passes (`Range<i64>` is Keyton's own `a..b`).
const RANGES: &[&str] = &[
    "Range",
    "RangeInclusive",
    "RangeFrom",
    "RangeTo",
    "RangeToInclusive",
];

/// The conversion type of `t`. `self_path` replaces `Self`.
pub fn parse(t: &RustType, self_path: &str) -> Result<RTy, String> {
    parse_with(t, self_path, &[])
}

/// The conversion type of `t`, in which the names in `generics` are type parameters.
pub fn parse_with(t: &RustType, self_path: &str, generics: &[String]) -> Result<RTy, String> {
    // `Self` inside a generic type's arguments (chrono's `TimeZone::with_ymd_and_hms`
    // gives `MappedLocalTime<DateTime<Self>>`) is the implementing type, as at the top.
    let with_self;
    let nested_self = !matches!(t.as_path(), Some(p) if p.bare() == "Self") && mentions_self(t);
    let t = match nested_self.then(|| RustType::parse(self_path)) {
        Some(Ok(own)) => {
            with_self = t.substitute(&|n| (n == "Self").then(|| own.clone()));
            &with_self
        }
        _ => t,
    };
    let rec = |t: &RustType| parse_with(t, self_path, generics);
    let unsupported = || format!("unsupported type `{t}`");
    Ok(match t {
        RustType::Ref {
            mutable: true,
            inner,
            ..
        } => match &**inner {
            // `&mut [u8]`: a list lent to be written into.
            RustType::Slice(e) => RTy::RefMut(Box::new(RTy::Slice(Box::new(rec(e)?)))),
            RustType::Ref {
                mutable: false,
                inner: bytes,
                ..
            } if matches!(&**bytes, RustType::Slice(e) if is_named(e, "u8")) => RTy::Reader,
            inner => RTy::RefMut(Box::new(rec(inner)?)),
        },
        RustType::Ref {
            lifetime, inner, ..
        } => match &**inner {
            i if is_named(i, "str") && lifetime.as_deref() == Some("'static") => RTy::StaticStr,
            i if is_named(i, "str") => RTy::StrRef,
            RustType::Slice(e) if lifetime.as_deref() == Some("'static") => {
                RTy::StaticSlice(Box::new(rec(e)?))
            }
            RustType::Slice(e) => RTy::Slice(Box::new(rec(e)?)),
            inner => match (rec(inner)?, lifetime.as_deref()) {
                (RTy::Named(p), Some("'static")) => RTy::StaticRef(p),
                (t, _) => RTy::Ref(Box::new(t)),
            },
        },
        RustType::ImplTrait(bounds) if takes_str(bounds) => RTy::StrRef,
        // A result that shows but cannot be held (chrono's `format`): its text.
        RustType::ImplTrait(bounds) if shows(bounds) => RTy::Shown,
        // A result of bytes of a type the plugin cannot name (bindgen's `BYTES`).
        RustType::ImplTrait(bounds) if gives_bytes(bounds) => RTy::Bytes,
        RustType::Array { elem, len } => RTy::Array(Box::new(rec(elem)?), len.clone()),
        // `dyn svg::Node` (lent as `&dyn Node`): any value of a type implementing it.
        RustType::DynTrait(bounds) => RTy::Dyn(dyn_traits(bounds).ok_or_else(unsupported)?),
        RustType::Tuple(ts) if ts.is_empty() => RTy::Unit,
        RustType::Tuple(ts) => RTy::Tuple(ts.iter().map(rec).collect::<Result<_, _>>()?),
        RustType::Path(p) => return path(p, self_path, generics).ok_or_else(unsupported)?,
        _ => return Err(unsupported()),
    })
}

/// `impl AsRef<str>` / `impl Into<String>`: a Keyton string is passed as `&str`.
fn takes_str(bounds: &[Bound]) -> bool {
    let [Bound::Trait(b)] = bounds else {
        return false;
    };
    let arg = b.type_args();
    match (b.bare().as_str(), arg.as_slice()) {
        ("AsRef", [a]) => is_named(a, "str"),
        ("Into", [a]) => is_named(a, "String"),
        _ => false,
    }
}

/// `impl AsRef<[u8]>`.
fn gives_bytes(bounds: &[Bound]) -> bool {
    let [Bound::Trait(b)] = bounds else {
        return false;
    };
    match (b.bare().as_str(), b.type_args().as_slice()) {
        ("AsRef", [RustType::Slice(e)]) => is_named(e, "u8"),
        _ => false,
    }
}

/// `impl Display` (`impl std::fmt::Display + '_`).
fn shows(bounds: &[Bound]) -> bool {
    bounds
        .iter()
        .any(|b| matches!(b, Bound::Trait(p) if p.last_name() == "Display"))
}

/// Whether `path` is one of std's iterators of `&str` pieces of a string.
fn str_pieces(path: &str) -> bool {
    const PIECES: &[&str] = &[
        "Split",
        "RSplit",
        "SplitN",
        "RSplitN",
        "SplitTerminator",
        "RSplitTerminator",
        "SplitInclusive",
        "SplitWhitespace",
        "SplitAsciiWhitespace",
        "Lines",
        "Matches",
        "RMatches",
    ];
    let name = path
        .strip_prefix("std::str::")
        .or_else(|| path.strip_prefix("core::str::"));
    name.is_some_and(|n| PIECES.contains(&n))
}

/// Whether `t` is the bare path `name` (no arguments).
fn is_named(t: &RustType, name: &str) -> bool {
    t.as_path().is_some_and(|p| {
        p.bare() == name && p.type_args().is_empty() && p.last_args() == &Args::None
    })
}

/// Whether `t` names no type parameter, `impl Trait` or reference: a type an instance of
/// a generic type can be for.
fn concrete(t: &RustType, generics: &[String]) -> bool {
    let text = t.to_string();
    // A `&'static [u8]` is (csv's `Reader<&'static [u8]>`, over a leaked string).
    let borrows = text
        .match_indices('&')
        .any(|(i, _)| !text[i + 1..].starts_with("'static"));
    !text.contains("impl ")
        && !borrows
        && !text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| generics.iter().any(|g| g == w))
}

/// std's map types, as manifests write them.
const MAPS: &[&str] = &[
    "std::collections::HashMap",
    "std::collections::hash_map::HashMap",
    "HashMap",
    "std::collections::BTreeMap",
    "std::collections::btree_map::BTreeMap",
    "alloc::collections::btree_map::BTreeMap",
    "BTreeMap",
];

/// A path type: `None` when Keyton has no conversion for it.
fn path(p: &TypePath, self_path: &str, generics: &[String]) -> Option<Result<RTy, String>> {
    let rec = |t: &RustType| parse_with(t, self_path, generics);
    let bare = p.bare();
    let args = p.type_args();
    let one = |names: &[&str]| -> Option<&RustType> {
        match args.as_slice() {
            [a] if names.contains(&bare.as_str()) => Some(*a),
            _ => None,
        }
    };
    // std's range types (`std::ops::RangeInclusive<usize>`): which, and over what.
    let range = RANGES.iter().find_map(|k| {
        let named = [
            bare.strip_prefix("std::ops::"),
            bare.strip_prefix("core::ops::"),
        ];
        match args.as_slice() {
            [a] if named.contains(&Some(*k)) => Some((*k, *a)),
            _ => None,
        }
    });
    let plain = args.is_empty() && !matches!(p.last_args(), Args::Paren { .. });
    let b = bare.as_str();
    Some(Ok(match () {
        _ if plain && generics.iter().any(|g| g == b) => RTy::Generic(bare),
        _ if plain && INTS.contains(&b) => RTy::Int(bare),
        _ if plain && (b == "f64" || b == "f32") => RTy::Float(bare),
        _ if plain && b == "bool" => RTy::Bool,
        _ if plain && b == "char" => RTy::Char,
        // `std::num::NonZeroUsize`, the alias rustdoc names.
        _ if plain
            && p.last_name().strip_prefix("NonZero").is_some_and(|i| INTS.contains(&i.to_lowercase().as_str()))
            && (!b.contains("::") || b.starts_with("std::num::") || b.starts_with("core::num::")) =>
        {
            RTy::NonZero(p.last_name()["NonZero".len()..].to_lowercase())
        }
        _ if one(&["std::num::NonZero", "core::num::NonZero", "NonZero"])
            .is_some_and(|a| INTS.iter().any(|i| is_named(a, i))) =>
        {
            RTy::NonZero(one(&["std::num::NonZero", "core::num::NonZero", "NonZero"]).expect("checked").to_string())
        }
        _ if plain && b == "String" => RTy::String,
        _ if plain && (b == "Dynamic" || b == "kayton_api::Dynamic") => RTy::Dynamic,
        _ if plain && kayton_manifest::symbols::is_serde_data(b) => RTy::Data(bare),
        // `Self` of an impl for a number (`Integer for i64`) is that number.
        _ if plain && b == "Self" && INTS.contains(&self_path) => RTy::Int(self_path.into()),
        _ if plain && b == "Self" && (self_path == "f64" || self_path == "f32") => {
            RTy::Float(self_path.into())
        }
        _ if plain && b == "Self" && self_path == "bool" => RTy::Bool,
        _ if plain && b == "Self" => RTy::Named(self_path.into()),
        _ if plain && ["std::time::Duration", "core::time::Duration", "Duration"].contains(&b) => {
            RTy::Duration
        }
        _ if plain && ["std::cmp::Ordering", "core::cmp::Ordering"].contains(&b) => RTy::Ordering,
        _ if plain && ["std::path::PathBuf", "PathBuf"].contains(&b) => RTy::PathBuf,
        _ if plain && ["std::path::Path", "Path"].contains(&b) => RTy::Path,
        _ if plain && ["std::ffi::OsStr", "std::ffi::os_str::OsStr", "OsStr"].contains(&b) => {
            RTy::OsStr
        }
        _ if plain && ["std::ffi::OsString", "std::ffi::os_str::OsString", "OsString"].contains(&b) => {
            RTy::OsString
        }
        // Keyton's own `a..b`.
        _ if range.is_some_and(|(k, a)| k == "Range" && is_named(a, "i64")) => {
            RTy::Bound(Ty::Range)
        }
        // `Range<f64>` and the others over a float (rand's `random_range(-1.0..1.0)`):
        // Keyton's `-1.0..1.0` is that Rust value.
        _ if range.is_some_and(|(_, a)| is_named(a, "f64")) => {
            let (kind, _) = range?;
            RTy::Bound(Ty::Rust(format!("std::ops::{kind}<f64>")))
        }
        // `Range<i32>`, `RangeInclusive<usize>` and the others over an integer (`i64`
        // too but for `Range`: Keyton's `1..=6` is a `RangeInclusive<i64>`).
        _ if range.is_some_and(|(_, a)| INTS.iter().any(|n| is_named(a, n))) => {
            let (kind, a) = range?;
            RTy::IntRange(a.to_string(), kind)
        }
        _ if one(&["std::borrow::Cow", "Cow"]).is_some() => {
            // `Cow<'_, str>`: the lifetime says nothing here.
            let owned = match one(&["std::borrow::Cow", "Cow"])? {
                RustType::Slice(e) => RTy::Vec(Box::new(match rec(e) {
                    Ok(e) => e,
                    Err(e) => return Some(Err(e)),
                })),
                s if is_named(s, "str") => RTy::String,
                _ => return None,
            };
            RTy::Cow(Box::new(owned))
        }
        _ if one(&["kayton_api::OwnedIter"]).is_some() => {
            return Some(rec(one(&["kayton_api::OwnedIter"])?).map(|i| RTy::OwnedIter(Box::new(i))))
        }
        _ if one(&["kayton_api::Iter"]).is_some() => {
            return Some(rec(one(&["kayton_api::Iter"])?).map(|i| RTy::Iter(Box::new(i))))
        }
        // std's iterators over a string's pieces (`Url::path_segments` gives a
        // `std::str::Split<'_, char>`): read out into a list during the call, like a `Vec`.
        _ if str_pieces(b) => RTy::Vec(Box::new(RTy::StrRef)),
        // A slice's iterator (sublime_fuzzy's `matched_indices() -> slice::Iter<usize>`):
        // its items, copied out during the call.
        _ if one(&["std::slice::Iter", "core::slice::Iter"]).is_some() => {
            let item = one(&["std::slice::Iter", "core::slice::Iter"])?;
            return Some(rec(item).map(|i| RTy::Vec(Box::new(RTy::Ref(Box::new(i))))));
        }
        _ if ["std::str::Bytes", "core::str::Bytes"].contains(&b) => {
            RTy::Vec(Box::new(RTy::Int("u8".into())))
        }
        _ if one(&["Box", "std::boxed::Box"]).is_some() => match one(&["Box", "std::boxed::Box"])? {
            RustType::DynTrait(bounds) => match dyn_traits(bounds) {
                Some(traits) => RTy::DynBox(traits),
                None => return closure(bounds, self_path, generics),
            },
            _ => return None,
        },
        // std's maps: a Keyton dict, converted at the call (`HashMap<String, i64>`).
        _ if MAPS.contains(&b) && args.len() == 2 => {
            let (k, v) = match (rec(args[0]), rec(args[1])) {
                (Ok(k), Ok(v)) => (k, v),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            RTy::Map {
                rust: if b.contains("BTreeMap") {
                    "::std::collections::BTreeMap"
                } else {
                    "::std::collections::HashMap"
                },
                k: Box::new(k),
                v: Box::new(v),
            }
        }
        _ if one(&["Vec"]).is_some() => {
            return Some(rec(one(&["Vec"])?).map(|i| RTy::Vec(Box::new(i))))
        }
        _ if one(&["Option"]).is_some() => {
            return Some(rec(one(&["Option"])?).map(|i| RTy::Option(Box::new(i))))
        }
        _ if b == "Result" && !args.is_empty() => {
            return Some(rec(args[0]).map(|i| RTy::Result(Box::new(i))))
        }
        // A type the crate defines, by its path (`serde_json::map::Entry<'_>`: a type
        // that borrows, whose lifetimes say nothing here). A bare name is relative to the
        // module of the type whose item this is.
        _ if plain
            && p.segments
                .iter()
                .rev()
                .skip(1)
                .all(|s| s.args == Args::None) =>
        {
            // Const arguments are part of the type (`WildMatchPattern<'*', '?'>`).
            let consts: Vec<&str> = match p.last_args() {
                Args::Angle(a) => a
                    .iter()
                    .filter_map(|g| match g {
                        kayton_manifest::rust_type::GenericArg::Const(c) => Some(c.as_str()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let b = if consts.is_empty() {
                bare.clone()
            } else {
                format!("{bare}<{}>", consts.join(", "))
            };
            match (b.contains("::"), self_path.rsplit_once("::")) {
                (false, Some((module, _))) => RTy::Named(format!("{module}::{b}")),
                _ => RTy::Named(b),
            }
        }
        // An instance of a generic type the plugin instantiates (`chrono::DateTime<
        // chrono::Utc>` of `Utc::now`, `OrderedFloat<f64>`), by its full path: concrete
        // types as arguments.
        // (Over primitives, not std's: a `HashMap<String, i64>` is no type a plugin
        // instantiates.)
        _ if b.contains("::")
            && !args.is_empty()
            && args.iter().all(|a| {
                matches!(a, RustType::Path(q) if q.bare().contains("::") && !generics.contains(&q.bare()))
            }) =>
        {
            RTy::Named(p.to_string())
        }
        _ if b.contains("::")
            && !["std::", "core::", "alloc::"].iter().any(|s| b.starts_with(s))
            && !args.is_empty()
            && args.iter().all(|a| concrete(a, generics)) =>
        {
            RTy::Named(p.to_string())
        }
        _ => return None,
    }))
}

/// `Box<dyn FnMut(&i64, String) -> bool + Send>`: a closure of the `Fn` traits.
fn closure(bounds: &[Bound], self_path: &str, generics: &[String]) -> Option<Result<RTy, String>> {
    let f = bounds.iter().find_map(|b| match b {
        Bound::Trait(p) if ["Fn", "FnMut", "FnOnce"].contains(&p.bare().as_str()) => Some(p),
        _ => None,
    })?;
    let Args::Paren { inputs, output } = f.last_args() else {
        return None;
    };
    let rec = |t: &RustType| parse_with(t, self_path, generics);
    Some((|| {
        Ok(RTy::Func {
            args: inputs.iter().map(rec).collect::<Result<_, _>>()?,
            ret: Box::new(rec(output)?),
            rust_args: inputs.iter().map(ToString::to_string).collect(),
            rust_ret: output.to_string(),
        })
    })())
}

/// The traits of a trait object that is not a closure (`svg::Node`, `std::error::Error +
/// std::marker::Send`), as written; lifetimes left out.
fn dyn_traits(bounds: &[Bound]) -> Option<String> {
    let traits: Vec<String> = bounds
        .iter()
        .filter_map(|b| match b {
            Bound::Trait(p) => Some(p),
            Bound::Lifetime(_) => None,
        })
        .map(|p| {
            let closure = ["Fn", "FnMut", "FnOnce"].contains(&p.bare().as_str());
            (!closure).then(|| p.to_string())
        })
        .collect::<Option<_>>()?;
    (!traits.is_empty()).then(|| traits.join(" + "))
}

/// Whether `t` names `Self` anywhere.
fn mentions_self(t: &RustType) -> bool {
    let mut found = false;
    t.map(&mut |n| {
        found |= matches!(n.as_path(), Some(p) if p.bare() == "Self");
        None
    });
    found
}
