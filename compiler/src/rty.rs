//! Rust types as manifests write them, and how each maps to a Keyton type.
use crate::types::Ty;

mod read;
pub(crate) use read::INTS;
pub use read::{parse, parse_with};

#[derive(Debug, Clone, PartialEq)]
pub enum RTy {
    /// `i64` or a narrower/wider integer (`u8`, `u64`, `usize`, …), by name.
    Int(String),
    Float(String),
    Bool,
    /// `&str`, `impl AsRef<str>`
    StrRef,
    /// `&'static str` (`HeaderName::from_static`): a Keyton string is leaked to pass it,
    /// as a Rust program would write a literal.
    StaticStr,
    String,
    Unit,
    Vec(Box<RTy>),
    /// `kayton_api::Iter<T>` (what `impl Iterator<Item = T>` is exported as): a list is
    /// passed as one; a returned one is collected into a list.
    Iter(Box<RTy>),
    /// `kayton_api::OwnedIter<T>`: an iterator that borrows (items `&T`), collected
    /// into owned items during the call (`kayton::Iter::owned`).
    OwnedIter(Box<RTy>),
    /// `&[T]`
    Slice(Box<RTy>),
    /// `[T; N]` (`N` as written): a Keyton list, of exactly `N` items where one is passed.
    Array(Box<RTy>, String),
    /// `&'static [T]` (`Bytes::from_static`): a Keyton list (or a string's bytes) is
    /// leaked to pass it, as a Rust program would pass a literal.
    StaticSlice(Box<RTy>),
    Option(Box<RTy>),
    /// `Result<T, E>`: `Ok` unwraps, `Err` raises.
    Result(Box<RTy>),
    Ref(Box<RTy>),
    /// `(A, B)`: converted element by element.
    Tuple(Vec<RTy>),
    /// `HashMap<K, V>`, `BTreeMap<K, V>` (`rust` names which): a Keyton dict, converted
    /// entry by entry at the call; a `HashMap` result comes back ordered by key, so that
    /// a notebook shows the same dict every run.
    Map {
        rust: &'static str,
        k: Box<RTy>,
        v: Box<RTy>,
    },
    RefMut(Box<RTy>),
    /// `&mut &[u8]`: bytes read through `std::io::Read` (murmur3's `murmur3_32(&mut
    /// source, seed)`), from a string or a list of ints, as `&[u8]` is.
    Reader,
    /// A type the plugin's crate (or another) defines, by Rust path.
    Named(String),
    /// `&'static T` of such a type: held as the reference (`types::STATIC_REF`).
    StaticRef(String),
    /// A type parameter of the function (`T`), before a call binds it.
    Generic(String),
    /// A type parameter bound by a call to a Keyton type.
    Bound(Ty),
    /// `kayton_api::Dynamic`: the instantiation shape for a value of any Rust type.
    Dynamic,
    /// A plugin's serde bridge type (`serde_json::__kayton_serde::Serde`, by path): any
    /// data-shaped Keyton value is passed as one; a result is read as the type wanted.
    Data(String),
    /// `std::ops::Range<i32>` (any integer but `i64`, which is Keyton's own `a..b`),
    /// or another of std's ranges over an integer (`RangeInclusive<usize>`, by its name
    /// `RangeInclusive`): a Keyton range, narrowed (checked) into it.
    IntRange(String, &'static str),
    /// `std::time::Duration`: a Rust value (`std_types`); a number of seconds converts to it.
    Duration,
    /// A call's `u64`/`u128`/`i128` result (`types::WIDE_INTS`): kept as the Rust integer
    /// (a hash past `i64::MAX` prints exactly); only results are read so ([`RTy::widen_result`]).
    Wide(String),
    /// `impl Display` results (a value that borrows its arguments): its text.
    Shown,
    /// `impl AsRef<[u8]>` results (a digest's `Output<Self>`, an array type of a crate
    /// the plugin cannot name): its bytes, a list of ints.
    Bytes,
    /// `std::path::PathBuf` (and `Path`, behind a `&`): a Keyton string, as Python's
    /// `os.path` gives them (non-UTF-8 bytes shown as U+FFFD).
    PathBuf,
    /// `std::num::NonZero<usize>` (`NonZeroUsize`), by the integer's name: a Keyton int,
    /// checked (0 raises where one is taken).
    NonZero(String),
    /// `char`: a one-character Keyton string (Python has no character type); a string of
    /// any other length raises where a `char` is taken.
    Char,
    /// `std::ffi::OsStr` (behind a `&`: a file name): a Keyton string, read lossily.
    OsStr,
    /// `std::ffi::OsString` (gethostname's result): a Keyton string, read lossily.
    OsString,
    Path,
    /// `std::cmp::Ordering`: -1, 0 or 1, like a Python `cmp` (as the registry converts it).
    Ordering,
    /// `Cow<str>`, `Cow<[T]>` results (regex's `replace_all`): their owned form (`String`,
    /// `Vec<T>`), taken with `into_owned`.
    Cow(Box<RTy>),
    /// `dyn svg::Node` (the traits, as written), lent as `&dyn Node`; `Box<dyn Node>`
    /// (`DynBox`): a Rust value of any type that implements them, lent or boxed.
    Dyn(String),
    DynBox(String),
    /// `Box<dyn FnMut(&i64) -> bool>`: a Keyton `fn` passed by name, wrapped in a
    /// closure that converts its arguments and result.
    /// The Rust texts are kept to annotate the closure (`&i64` must be written for the
    /// closure to take any lifetime).
    Func {
        args: Vec<RTy>,
        ret: Box<RTy>,
        rust_args: Vec<String>,
        rust_ret: String,
    },
}

impl RTy {
    /// The Keyton type of a value of this Rust type (as an argument or a result).
    pub fn keyton(&self) -> Ty {
        match self {
            RTy::Int(_) | RTy::NonZero(_) => Ty::Int,
            RTy::Float(_) => Ty::Float,
            RTy::Bool => Ty::Bool,
            RTy::StrRef
            | RTy::StaticStr
            | RTy::String
            | RTy::Shown
            | RTy::PathBuf
            | RTy::Path
            | RTy::Char
            | RTy::OsStr
            | RTy::OsString => Ty::Str,
            RTy::Unit => Ty::Unit,
            RTy::Vec(t)
            | RTy::Slice(t)
            | RTy::Array(t, _)
            | RTy::StaticSlice(t)
            | RTy::Iter(t)
            | RTy::OwnedIter(t) => Ty::List(Box::new(t.keyton())),
            RTy::Reader => Ty::List(Box::new(Ty::Int)),
            RTy::Option(t) => Ty::Option(Box::new(t.keyton())),
            RTy::Tuple(ts) => Ty::Tuple(ts.iter().map(RTy::keyton).collect()),
            RTy::Map { k, v, .. } => Ty::Dict(Box::new(k.keyton()), Box::new(v.keyton())),
            RTy::Result(t) | RTy::Ref(t) | RTy::RefMut(t) => t.keyton(),
            RTy::Named(p) => Ty::Rust(p.clone()),
            // A trait object that shows (`Box<dyn Error>`, `&dyn Display`): its text.
            RTy::Dyn(p) | RTy::DynBox(p) if shows_dyn(p) => Ty::Str,
            RTy::Dyn(p) | RTy::DynBox(p) => Ty::Rust(format!("dyn {p}")),
            RTy::StaticRef(p) => Ty::Rust(format!("{}{p}", crate::types::STATIC_REF)),
            RTy::Bound(t) => t.clone(),
            RTy::Generic(_) | RTy::Func { .. } => Ty::Unit,
            RTy::Duration => Ty::Rust(crate::std_types::DURATION.into()),
            RTy::Wide(n) => Ty::int_result(n),
            RTy::IntRange(_, "Range") => Ty::Range,
            RTy::IntRange(_, kind) => Ty::Rust(format!("std::ops::{kind}<i64>")),
            RTy::Ordering => Ty::Int,
            RTy::Bytes => Ty::List(Box::new(Ty::Int)),
            RTy::Cow(t) => t.keyton(),
            // A value of some Rust type the compiler cannot name (`Stack<Dynamic>::peek`):
            // it shows, and is kept, through its kind.
            RTy::Dynamic => Ty::Rust("kayton_api::Dynamic".into()),
            // Only as the call that reads it says (`lower::data`); by itself, its path.
            RTy::Data(p) => Ty::Rust(p.clone()),
        }
    }

    /// A call's result type with a wide integer at its top (through `Option`, `Result`
    /// and `&`) kept as the Rust integer; integers inside lists, tuples and maps stay
    /// `int`s, converted (checked) item by item.
    pub fn widen_result(self) -> RTy {
        let w = |t: Box<RTy>| Box::new(t.widen_result());
        match self {
            RTy::Int(n) if crate::types::WIDE_INTS.contains(&n.as_str()) => RTy::Wide(n),
            RTy::Option(t) => RTy::Option(w(t)),
            RTy::Result(t) => RTy::Result(w(t)),
            RTy::Ref(t) => RTy::Ref(w(t)),
            other => other,
        }
    }

    /// Replace bound type parameters (`T` → the Keyton type a call gave it).
    pub fn subst(&self, b: &std::collections::HashMap<String, Ty>) -> RTy {
        let s = |t: &RTy| Box::new(t.subst(b));
        match self {
            RTy::Generic(g) => b
                .get(g)
                .map(|t| RTy::Bound(t.clone()))
                .unwrap_or_else(|| self.clone()),
            RTy::Vec(t) => RTy::Vec(s(t)),
            RTy::Iter(t) => RTy::Iter(s(t)),
            RTy::OwnedIter(t) => RTy::OwnedIter(s(t)),
            RTy::Slice(t) => RTy::Slice(s(t)),
            RTy::Array(t, n) => RTy::Array(s(t), n.clone()),
            RTy::Option(t) => RTy::Option(s(t)),
            RTy::Result(t) => RTy::Result(s(t)),
            RTy::Ref(t) => RTy::Ref(s(t)),
            RTy::RefMut(t) => RTy::RefMut(s(t)),
            RTy::Tuple(ts) => RTy::Tuple(ts.iter().map(|t| t.subst(b)).collect()),
            RTy::Map { rust, k, v } => RTy::Map {
                rust,
                k: s(k),
                v: s(v),
            },
            other => other.clone(),
        }
    }

    /// Rust code converting the Rust value `code` (of this type) to its Keyton value.
    pub fn to_keyton(&self, code: &str, clone_ok: &dyn Fn(&str) -> bool) -> Result<String, String> {
        Ok(match self {
            RTy::Int(n) if n == "i64" => code.into(),
            RTy::Int(_) => {
                format!("kayton::rt::to_i64({code})?")
            }
            RTy::Float(f) if f == "f32" => format!("kayton::widen_f32({code})"),
            RTy::Float(_)
            | RTy::Bool
            | RTy::String
            | RTy::Unit
            | RTy::StaticRef(_)
            | RTy::Named(_)
            | RTy::Bound(_)
            | RTy::Dynamic => code.into(),
            RTy::StrRef | RTy::StaticStr => format!("{code}.to_string()"),
            RTy::Duration | RTy::Wide(_) => code.into(),
            RTy::Shown | RTy::Char => format!("({code}).to_string()"),
            RTy::NonZero(_) => format!("kayton::rt::to_i64(({code}).get())?"),
            RTy::Bytes => RTy::Vec(Box::new(RTy::Int("u8".into()))).to_keyton(
                &format!("<[u8]>::to_vec(::std::convert::AsRef::<[u8]>::as_ref(&({code})))"),
                clone_ok,
            )?,
            RTy::PathBuf | RTy::Path | RTy::OsStr | RTy::OsString => {
                format!("({code}).to_string_lossy().into_owned()")
            }
            RTy::IntRange(_, kind) => range_parts(kind, code, |x| format!("kayton::rt::to_i64({x})?")),
            RTy::Ordering => format!("({code} as i8 as i64)"),
            RTy::Cow(t) => t.to_keyton(&format!("({code}).into_owned()"), clone_ok)?,
            RTy::Dyn(p) | RTy::DynBox(p) if shows_dyn(p) => format!("({code}).to_string()"),
            RTy::OwnedIter(t) => RTy::Iter(t.clone()).to_keyton(&owned_iter(t, code), clone_ok)?,
            RTy::Iter(t) => RTy::Vec(t.clone())
                .to_keyton(&format!("kayton::rt::collect_iter({code})?"), clone_ok)?,
            RTy::Vec(t) | RTy::Option(t) if t.is_direct() => code.into(),
            // An array (by value) converts item by item, as a `Vec` does.
            RTy::Array(t, _) => RTy::Vec(t.clone()).to_keyton(&format!("({code}).to_vec()"), clone_ok)?,
            // Element conversions may use `?`, so they run in a loop or a match of the
            // cell's own function rather than in a closure.
            RTy::Vec(t) => format!(
                "{{ let mut k_out = Vec::new(); for k_el in {code} {{ k_out.push({}); }} k_out }}",
                t.to_keyton("k_el", clone_ok)?
            ),
            RTy::Slice(t) | RTy::StaticSlice(t) => format!(
                "{{ let mut k_out = Vec::new(); for k_el in ({code}).iter() {{ k_out.push({}); }} k_out }}",
                RTy::Ref(t.clone()).to_keyton("k_el", clone_ok)?
            ),
            RTy::Option(t) => format!(
                "match {code} {{ Some(k_el) => Some({}), None => None }}",
                t.to_keyton("k_el", clone_ok)?
            ),
            RTy::Result(t) => t.to_keyton(&format!("kayton::raise!({code})?"), clone_ok)?,
            RTy::Map { rust, k, v } => {
                let (kc, vc) = (k.to_keyton("k_k", clone_ok)?, v.to_keyton("k_v", clone_ok)?);
                let sorted = if rust.ends_with("HashMap") { "kayton::rt::dict_sorted(k_out)" } else { "k_out.into_iter().collect()" };
                format!(
                    "{{ let mut k_out = Vec::new(); for (k_k, k_v) in {code} {{ k_out.push(({kc}, {vc})); }} {sorted} }}"
                )
            }
            RTy::Tuple(_) if self.is_direct() => code.into(),
            RTy::Tuple(ts) => {
                let parts = ts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| t.to_keyton(&format!("k_tup.{i}"), clone_ok))
                    .collect::<Result<Vec<_>, _>>()?;
                // A `match`, not a `let`: temporaries the call borrows (encoding_rs's
                // `decode(bytes)` → `(Cow<str>, …)`) live until the parts are converted.
                format!("match {code} {{ k_tup => ({},) }}", parts.join(", "))
            }
            RTy::Ref(t) | RTy::RefMut(t) => match &**t {
                // `ToOwned`, which is `Clone` for a sized type, and copies a borrowed
                // unsized one (`&Utf8Path`, which the manifest names as its owned form)
                // into that owned form.
                RTy::Named(p) if clone_ok(p) => {
                    format!("<_ as ::std::borrow::ToOwned>::to_owned(&*({code}))")
                }
                RTy::Named(p) => {
                    return Err(format!("returns a borrowed `{p}`, which is not Clone"))
                }
                RTy::String => format!("{code}.clone()"),
                // A borrowed list, tuple or map (multimap's `get_vec` → `Option<&Vec<V>>`):
                // a copy, converted.
                other @ (RTy::Vec(_) | RTy::Tuple(_) | RTy::Option(_) | RTy::Map { .. }) => {
                    other.to_keyton(&format!("(*{code}).clone()"), clone_ok)?
                }
                other => other.to_keyton(&format!("(*{code})"), clone_ok)?,
            },
            other => {
                return Err(format!(
                    "returns `{other:?}`, which Keyton cannot convert yet"
                ))
            }
        })
    }

    /// Rust code converting the Keyton value `code` to this Rust type, for types that
    /// convert by value (numbers narrow, checked); `None` for the others.
    pub fn from_keyton(&self, code: &str) -> Option<String> {
        Some(match self {
            _ if self.is_direct() => code.into(),
            RTy::Int(n) => format!("kayton::rt::narrow::<{n}>({code}, {n:?})?"),
            RTy::Iter(t) if t.is_direct() => format!("kayton::Iter::new({code})"),
            RTy::PathBuf => format!("::std::path::PathBuf::from({code})"),
            RTy::OsString => format!("::std::ffi::OsString::from({code})"),
            RTy::Char => format!("kayton::rt::to_char(&{code})?"),
            RTy::NonZero(n) => format!(
                "kayton::rt::nonzero::<::std::num::NonZero<{n}>, {n}>({code}, \"NonZero<{n}>\")?"
            ),
            RTy::IntRange(n, kind) => range_parts(kind, code, |x| {
                format!("kayton::rt::narrow::<{n}>({x}, {n:?})?")
            }),
            // A Duration value (`coerce` made one of a number of seconds).
            RTy::Duration => code.into(),
            // `Option<&str>` (or `Option<impl AsRef<str>>`): a view of the string, which
            // lives to the end of the call's statement.
            RTy::Option(t) if **t == RTy::StrRef => format!("({code}).as_deref()"),
            RTy::Option(t) => format!(
                "match {code} {{ Some(k_opt) => Some({}), None => None }}",
                t.from_keyton("k_opt")?
            ),
            RTy::Float(f) if f == "f32" => format!("({code} as f32)"),
            // `Cow<str>` (minijinja's filters): the string, owned.
            RTy::Cow(t) => format!("::std::borrow::Cow::Owned({})", t.from_keyton(code)?),
            RTy::Map { rust, k, v } => {
                let kc = k.from_keyton("k_k.clone()")?;
                let vc = v.from_keyton("k_v.clone()")?;
                format!(
                    "{{ let mut k_m = {rust}::new(); for (k_k, k_v) in ({code}).iter() {{ k_m.insert({kc}, {vc}); }} k_m }}"
                )
            }
            RTy::Array(t, n) => {
                let items = if t.is_direct() {
                    code.to_string()
                } else {
                    let el = t.from_keyton("k_el")?;
                    format!("{{ let mut k_out = ::std::vec::Vec::new(); for k_el in {code} {{ k_out.push({el}); }} k_out }}")
                };
                format!("kayton::rt::to_array::<_, {{ {n} }}>({items})?")
            }
            RTy::Tuple(ts) => {
                let parts = ts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| t.from_keyton(&format!("k_tup.{i}")))
                    .collect::<Option<Vec<_>>>()?;
                format!("{{ let k_tup = {code}; ({},) }}", parts.join(", "))
            }
            _ => return None,
        })
    }

    /// The serde bridge type's path, if this is it (`by_ref`: behind a `&`).
    pub fn serde_data(&self) -> Option<(&str, bool)> {
        match self {
            RTy::Data(p) => Some((p, false)),
            RTy::Ref(t) => match &**t {
                RTy::Data(p) => Some((p, true)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the Rust value is already the Keyton value (no conversion).
    pub fn is_direct(&self) -> bool {
        match self {
            RTy::Int(n) => n == "i64",
            RTy::Float(f) => f == "f64",
            RTy::Bool | RTy::String | RTy::Unit | RTy::Named(_) | RTy::Bound(_) => true,
            RTy::StaticRef(_) | RTy::Wide(_) => true,
            RTy::Vec(t) | RTy::Option(t) => t.is_direct(),
            RTy::Tuple(ts) => ts.iter().all(RTy::is_direct),
            _ => false,
        }
    }
}

/// Whether a trait object of `traits` shows (`std::error::Error`, `std::fmt::Display`).
fn shows_dyn(traits: &str) -> bool {
    traits.split(" + ").any(|t| {
        [
            "std::error::Error",
            "std::fmt::Display",
            "core::error::Error",
            "core::fmt::Display",
        ]
        .contains(&t)
    })
}

/// The range `code` (of std's range type `kind`) rebuilt with each bound converted by
/// `conv` (`k_r.start` → `kayton::rt::narrow::<usize>(k_r.start, "usize")?`).
/// A borrowing iterator's items made owned, collected during the call: a tuple item part
/// by part (`kayton::iter::OwnPart`: `&U` gives `U::Owned`, a crate's value its clone,
/// as slotmap's `(DefaultKey, &V)` needs), any other through `Own`.
fn owned_iter(item: &RTy, code: &str) -> String {
    match item {
        RTy::Tuple(parts) => {
            let names: Vec<String> = (0..parts.len()).map(|i| format!("k_part{i}")).collect();
            let owned: Vec<String> = names
                .iter()
                .map(|n| format!("(&{n}).own_part(), "))
                .collect();
            format!(
                "kayton::Iter::owned_by({code}, |({},)| {{ use kayton::iter::OwnPart as _; ({}) }})?",
                names.join(", "),
                owned.concat()
            )
        }
        _ => format!("kayton::Iter::owned({code})?"),
    }
}

fn range_parts(kind: &str, code: &str, conv: impl Fn(&str) -> String) -> String {
    let rebuilt = match kind {
        "RangeInclusive" => format!("{}..={}", conv("*k_r.start()"), conv("*k_r.end()")),
        "RangeFrom" => format!("{}..", conv("k_r.start")),
        "RangeTo" => format!("..{}", conv("k_r.end")),
        "RangeToInclusive" => format!("..={}", conv("k_r.end")),
        _ => format!("{}..{}", conv("k_r.start"), conv("k_r.end")),
    };
    format!("{{ let k_r = {code}; {rebuilt} }}")
}

#[cfg(test)]
mod tests;
