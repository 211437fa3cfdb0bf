//! Conversions between Rust values and ABI values: [`FromKayton`] copies a borrowed
//! [`KValue`] into Rust; [`Owned`] holds Rust data while a [`KValue`] borrows it.
use crate::abi::{KStr, KValue, Tag};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ffi::c_void;

/// Copy a Rust value out of a borrowed ABI value. The error says what was found.
pub trait FromKayton: Sized {
    /// # Safety
    /// `v`'s pointers must be valid as its producer promised.
    unsafe fn from_kayton(v: &KValue) -> Result<Self, String>;
}

/// Turn a Rust value into something the ABI can borrow from.
pub trait IntoKayton {
    fn into_kayton(self) -> Owned;
}
impl<T: Into<Owned>> IntoKayton for T {
    fn into_kayton(self) -> Owned {
        self.into()
    }
}

/// Rust-owned data a [`KValue`] can point into while it crosses the ABI.
pub enum Owned {
    Unit,
    I64(i64),
    F64(f64),
    Bool(bool),
    Str(String),
    VecI64(Vec<i64>),
    VecF64(Vec<f64>),
    VecStr(Vec<String>, Vec<KStr>),
    /// An opaque value whose ownership moves to the receiver.
    Dynamic(*mut c_void, u32),
}

impl Owned {
    pub fn as_kvalue(&self) -> KValue {
        let t = |tag: Tag| KValue {
            tag: tag as u32,
            ..KValue::UNIT
        };
        match self {
            Owned::Unit => KValue::UNIT,
            Owned::I64(v) => KValue::i64(*v),
            Owned::F64(v) => KValue::f64(*v),
            Owned::Bool(v) => KValue::bool(*v),
            Owned::Str(s) => KValue::str(s),
            Owned::VecI64(v) => KValue {
                ptr: v.as_ptr().cast(),
                len: v.len(),
                ..t(Tag::VecI64)
            },
            Owned::VecF64(v) => KValue {
                ptr: v.as_ptr().cast(),
                len: v.len(),
                ..t(Tag::VecF64)
            },
            Owned::VecStr(_, k) => KValue {
                ptr: k.as_ptr().cast(),
                len: k.len(),
                ..t(Tag::VecStr)
            },
            Owned::Dynamic(p, kind) => KValue {
                ptr: *p,
                kind: *kind,
                ..t(Tag::Dynamic)
            },
        }
    }
    /// Copy a value out of the ABI; a `Dynamic` is taken over (the caller gave it up).
    /// `None` for an unknown tag.
    ///
    /// # Safety
    /// `v`'s pointers must be valid as its producer promised.
    pub unsafe fn from_kvalue(v: &KValue) -> Option<Owned> {
        Some(match v.tag()? {
            Tag::Unit => Owned::Unit,
            Tag::I64 => Owned::I64(v.int),
            Tag::F64 => Owned::F64(v.float),
            Tag::Bool => Owned::Bool(v.int != 0),
            Tag::Str => Owned::Str(String::from_kayton(v).ok()?),
            Tag::VecI64 => Owned::VecI64(slice::<i64>(v).to_vec()),
            Tag::VecF64 => Owned::VecF64(slice::<f64>(v).to_vec()),
            Tag::VecStr => Owned::from(Vec::<String>::from_kayton(v).ok()?),
            Tag::Dynamic => Owned::Dynamic(v.ptr as *mut c_void, v.kind),
        })
    }

    /// The Keyton/Rust name of the value's type (`dynamic` for an opaque value).
    pub fn type_name(&self) -> &'static str {
        match self {
            Owned::Unit => "()",
            Owned::I64(_) => "i64",
            Owned::F64(_) => "f64",
            Owned::Bool(_) => "bool",
            Owned::Str(_) => "String",
            Owned::VecI64(_) => "Vec<i64>",
            Owned::VecF64(_) => "Vec<f64>",
            Owned::VecStr(..) => "Vec<String>",
            Owned::Dynamic(..) => "dynamic",
        }
    }

    /// Called once the receiver has copied the data (or taken a dynamic value).
    pub fn forget_moved(self) {
        drop(self)
    }
}

impl From<()> for Owned {
    fn from(_: ()) -> Owned {
        Owned::Unit
    }
}
impl From<i64> for Owned {
    fn from(v: i64) -> Owned {
        Owned::I64(v)
    }
}
impl From<f64> for Owned {
    fn from(v: f64) -> Owned {
        Owned::F64(v)
    }
}
impl From<bool> for Owned {
    fn from(v: bool) -> Owned {
        Owned::Bool(v)
    }
}
impl From<String> for Owned {
    fn from(v: String) -> Owned {
        Owned::Str(v)
    }
}
impl From<&str> for Owned {
    fn from(v: &str) -> Owned {
        Owned::Str(v.to_string())
    }
}
impl From<Vec<i64>> for Owned {
    fn from(v: Vec<i64>) -> Owned {
        Owned::VecI64(v)
    }
}
impl From<Vec<f64>> for Owned {
    fn from(v: Vec<f64>) -> Owned {
        Owned::VecF64(v)
    }
}
impl From<Vec<String>> for Owned {
    fn from(v: Vec<String>) -> Owned {
        let k = v.iter().map(|s| KStr::new(s)).collect();
        Owned::VecStr(v, k)
    }
}
macro_rules! narrow_into {
    ($($t:ty),*) => {$(
        impl From<$t> for Owned {
            fn from(v: $t) -> Owned { Owned::I64(v as i64) }
        }
    )*};
}
narrow_into!(i8, i16, i32, u8, u16, u32);

pub(crate) fn mismatch(want: &str, v: &KValue) -> String {
    let found = v.tag().map(Tag::name).unwrap_or("an unknown tag");
    format!("expected {want}, found {found}")
}

impl FromKayton for () {
    unsafe fn from_kayton(v: &KValue) -> Result<(), String> {
        match v.tag() {
            Some(Tag::Unit) => Ok(()),
            _ => Err(mismatch("()", v)),
        }
    }
}
impl FromKayton for i64 {
    unsafe fn from_kayton(v: &KValue) -> Result<i64, String> {
        match v.tag() {
            Some(Tag::I64) => Ok(v.int),
            _ => Err(mismatch("i64", v)),
        }
    }
}
impl FromKayton for f64 {
    unsafe fn from_kayton(v: &KValue) -> Result<f64, String> {
        match v.tag() {
            Some(Tag::F64) => Ok(v.float),
            Some(Tag::I64) => Ok(v.int as f64),
            _ => Err(mismatch("f64", v)),
        }
    }
}
impl FromKayton for bool {
    unsafe fn from_kayton(v: &KValue) -> Result<bool, String> {
        match v.tag() {
            Some(Tag::Bool) => Ok(v.int != 0),
            _ => Err(mismatch("bool", v)),
        }
    }
}
impl FromKayton for String {
    unsafe fn from_kayton(v: &KValue) -> Result<String, String> {
        match v.tag() {
            Some(Tag::Str) => Ok(KStr {
                ptr: v.ptr.cast(),
                len: v.len,
            }
            .as_str()
            .to_string()),
            _ => Err(mismatch("String", v)),
        }
    }
}
pub(crate) unsafe fn slice<'a, T>(v: &KValue) -> &'a [T] {
    if v.len == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(v.ptr.cast(), v.len)
    }
}
impl FromKayton for Vec<i64> {
    unsafe fn from_kayton(v: &KValue) -> Result<Vec<i64>, String> {
        match v.tag() {
            Some(Tag::VecI64) => Ok(slice::<i64>(v).to_vec()),
            _ => Err(mismatch("Vec<i64>", v)),
        }
    }
}
impl FromKayton for Vec<f64> {
    unsafe fn from_kayton(v: &KValue) -> Result<Vec<f64>, String> {
        match v.tag() {
            Some(Tag::VecF64) => Ok(slice::<f64>(v).to_vec()),
            _ => Err(mismatch("Vec<f64>", v)),
        }
    }
}
impl FromKayton for Vec<String> {
    unsafe fn from_kayton(v: &KValue) -> Result<Vec<String>, String> {
        match v.tag() {
            Some(Tag::VecStr) => Ok(slice::<KStr>(v)
                .iter()
                .map(|s| s.as_str().to_string())
                .collect()),
            _ => Err(mismatch("Vec<String>", v)),
        }
    }
}
macro_rules! narrow_from {
    ($($t:ty),*) => {$(
        impl FromKayton for $t {
            unsafe fn from_kayton(v: &KValue) -> Result<$t, String> {
                let i = i64::from_kayton(v)?;
                <$t>::try_from(i).map_err(|_| {
                    format!("{i} does not fit in {} ({}..={})", stringify!($t), <$t>::MIN, <$t>::MAX)
                })
            }
        }
    )*};
}
narrow_from!(i8, i16, i32, u8, u16, u32, u64, usize, isize);

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip<T: FromKayton + Into<Owned> + Clone + PartialEq + core::fmt::Debug>(v: T) {
        let o: Owned = v.clone().into();
        let back = unsafe { T::from_kayton(&o.as_kvalue()) }.unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn builtins_roundtrip() {
        roundtrip(42i64);
        roundtrip(2.5f64);
        roundtrip(true);
        roundtrip(String::from("héllo"));
        roundtrip(alloc::vec![1i64, 2, 3]);
        roundtrip(alloc::vec![1.5f64]);
        roundtrip(alloc::vec![String::from("a"), String::new()]);
        roundtrip(());
    }

    #[test]
    fn narrowing_is_checked() {
        let v = KValue::i64(300);
        assert_eq!(
            unsafe { u8::from_kayton(&v) }.unwrap_err(),
            "300 does not fit in u8 (0..=255)"
        );
        assert_eq!(unsafe { u16::from_kayton(&v) }.unwrap(), 300);
        let neg = KValue::i64(-1);
        assert!(unsafe { u64::from_kayton(&neg) }
            .unwrap_err()
            .contains("does not fit in u64"));
    }

    #[test]
    fn mismatch_names_both_sides() {
        let v = KValue::str("x");
        assert_eq!(
            unsafe { i64::from_kayton(&v) }.unwrap_err(),
            "expected i64, found String"
        );
    }
}

/// An `f32` result as Keyton's float, with the digits Rust shows for it: `7.483315_f32`
/// is `7.483315`, not the `7.4833149909973145` its exact value widens to (Rust prints an
/// `f32` with the fewest digits that read back as that `f32`).
pub fn widen_f32(x: f32) -> f64 {
    if !x.is_finite() {
        return x as f64;
    }
    alloc::format!("{x}").parse::<f64>().unwrap_or(x as f64)
}

#[cfg(test)]
mod widen_tests {
    use super::widen_f32;

    #[test]
    fn an_f32_widens_to_the_digits_rust_shows() {
        assert_eq!(widen_f32(56.0f32.sqrt()), 7.483315);
        assert_eq!(widen_f32(0.1), 0.1);
        assert_eq!(widen_f32(32.0), 32.0);
        assert!(widen_f32(f32::NAN).is_nan());
        assert_eq!(widen_f32(f32::INFINITY), f64::INFINITY);
    }
}
