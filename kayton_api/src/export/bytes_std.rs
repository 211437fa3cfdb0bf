//! Conversions for the types crates' APIs use most beyond Keyton's own: bytes, 128-bit
//! integers, and a few std types, each mapped to what a Python user would pass:
//!
//! - `&[u8]`, `Vec<u8>`, `[u8; N]` in: a `str`'s UTF-8 bytes, or a list of ints (checked
//!   0..=255); out: a list of ints. Keyton has no bytes type yet. (`&[u8; N]` out cannot
//!   be had: it would overlap the `&T` of a kind, as `[u8; N]` may be a plugin's kind.)
//! - `i128`/`u128`: an int, checked both ways.
//! - `Vec<u32>`, `Vec<usize>`, … out: a list of ints (checked).
//! - `Duration`: seconds as a float or int (like Python's `timeout=2.5`); out: float seconds.
//! - `PathBuf`, `&Path`, `OsString`, `&OsStr`: a `str`; out: a `str` (lossy for non-UTF-8).
//! - `SocketAddr`, `IpAddr`: a `str` parsed as Rust does (`"127.0.0.1:8080"`); out: its text.
//! - `Ordering` out: -1, 0 or 1, like a Python `cmp`.
use super::{FromArg, IntoRet};
use crate::abi::{KStr, KValue, Tag};
use crate::convert::{mismatch, slice, FromKayton, Owned};
use crate::ctx::Ctx;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

unsafe fn str_of(v: &KValue) -> Option<&str> {
    (v.tag() == Some(Tag::Str)).then(|| {
        KStr {
            ptr: v.ptr.cast(),
            len: v.len,
        }
        .as_str()
    })
}

/// Bytes from a `str` or a list of ints.
unsafe fn bytes(v: &KValue, want: &str) -> Result<Vec<u8>, String> {
    if let Some(s) = str_of(v) {
        return Ok(s.as_bytes().to_vec());
    }
    match v.tag() {
        Some(Tag::VecI64) => slice::<i64>(v)
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                u8::try_from(b).map_err(|_| format!("item {i}: {b} is not a byte (0..=255)"))
            })
            .collect(),
        _ => Err(mismatch(want, v)),
    }
}

impl<'a, M> FromArg<'a, M> for &'a [u8] {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        // Only a `str` can be borrowed as bytes; a list of ints would need a copy.
        str_of(v)
            .map(str::as_bytes)
            .ok_or_else(|| mismatch("&[u8] (a str)", v))
    }
}
impl<'a, M> FromArg<'a, M> for Vec<u8> {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        bytes(v, "bytes (a str or a list of ints)")
    }
}

macro_rules! wide_int {
    ($($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $t {
            unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                let i = i64::from_kayton(v)?;
                <$t>::try_from(i).map_err(|_| format!("{i} does not fit in {}", stringify!($t)))
            }
        }
    )*};
}
wide_int!(i128, u128);
into_ret_checked!(i128, u128);

macro_rules! int_list_out {
    ($($t:ty),*) => {$(
        impl<M> IntoRet<M> for Vec<$t> {
            fn into_ret(self) -> Result<Owned, String> {
                self.into_iter()
                    .map(|x| i64::try_from(x).map_err(|_| format!("{x} does not fit in i64")))
                    .collect::<Result<Vec<i64>, String>>()
                    .map(Owned::VecI64)
            }
        }
    )*};
}
int_list_out!(u8, u16, u32, u64, usize, i8, i16, i32, isize);

impl<M> IntoRet<M> for &[u8] {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::VecI64(self.iter().map(|&b| b as i64).collect()))
    }
}

impl<'a, M> FromArg<'a, M> for Duration {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        let secs = f64::from_kayton(v).map_err(|_| mismatch("a duration in seconds", v))?;
        Duration::try_from_secs_f64(secs).map_err(|e| format!("{secs} seconds: {e}"))
    }
}
impl<M> IntoRet<M> for Duration {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::F64(self.as_secs_f64()))
    }
}

/// `SystemTime` (httpdate's `fmt_http_date`, humantime's `format_rfc3339`): a compiled
/// cell keeps it as the Rust value; a registry call passes seconds since the Unix epoch.
impl<'a, M> FromArg<'a, M> for SystemTime {
    unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        let d = <Duration as FromArg<M>>::from_arg(c, v)
            .map_err(|_| mismatch("a time in seconds since the Unix epoch", v))?;
        UNIX_EPOCH
            .checked_add(d)
            .ok_or_else(|| "a time out of range".to_string())
    }
}
impl<M> IntoRet<M> for SystemTime {
    fn into_ret(self) -> Result<Owned, String> {
        match self.duration_since(UNIX_EPOCH) {
            Ok(d) => Ok(Owned::F64(d.as_secs_f64())),
            Err(e) => Ok(Owned::F64(-e.duration().as_secs_f64())),
        }
    }
}

impl<'a, M> FromArg<'a, M> for &'a Path {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        str_of(v)
            .map(Path::new)
            .ok_or_else(|| mismatch("a path (a str)", v))
    }
}
impl<'a, M> FromArg<'a, M> for PathBuf {
    unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        <&Path as FromArg<M>>::from_arg(c, v).map(Path::to_path_buf)
    }
}
impl<M> IntoRet<M> for &Path {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::Str(self.to_string_lossy().into_owned()))
    }
}
impl<M> IntoRet<M> for PathBuf {
    fn into_ret(self) -> Result<Owned, String> {
        IntoRet::<M>::into_ret(self.as_path())
    }
}

// `OsString`, `&OsStr` (gethostname's result, a file name): like a path, a `str`.
impl<'a, M> FromArg<'a, M> for &'a std::ffi::OsStr {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        str_of(v)
            .map(std::ffi::OsStr::new)
            .ok_or_else(|| mismatch("an OS string (a str)", v))
    }
}
impl<'a, M> FromArg<'a, M> for std::ffi::OsString {
    unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        <&std::ffi::OsStr as FromArg<M>>::from_arg(c, v).map(std::ffi::OsStr::to_os_string)
    }
}
impl<M> IntoRet<M> for &std::ffi::OsStr {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::Str(self.to_string_lossy().into_owned()))
    }
}
impl<M> IntoRet<M> for std::ffi::OsString {
    fn into_ret(self) -> Result<Owned, String> {
        IntoRet::<M>::into_ret(self.as_os_str())
    }
}

/// Types given and received as their text (`FromStr` in, `Display` out).
macro_rules! as_text {
    ($($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $t {
            unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                let s = str_of(v).ok_or_else(|| mismatch(stringify!($t), v))?;
                s.parse().map_err(|e| format!("{s:?} is not a {}: {e}", stringify!($t)))
            }
        }
        impl<M> IntoRet<M> for $t {
            fn into_ret(self) -> Result<Owned, String> {
                Ok(Owned::Str(self.to_string()))
            }
        }
    )*};
}
as_text!(
    std::net::SocketAddr,
    std::net::IpAddr,
    std::net::Ipv4Addr,
    std::net::Ipv6Addr
);

/// `NonZeroUsize` and the other `NonZero` integers: a Keyton int, checked (0 raises).
macro_rules! nonzero {
    ($($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for core::num::NonZero<$t> {
            unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                let n = <$t as FromArg<'a, M>>::from_arg(c, v)?;
                core::num::NonZero::new(n)
                    .ok_or_else(|| format!("0 is not a NonZero<{}>", stringify!($t)))
            }
        }
        impl<M> IntoRet<M> for core::num::NonZero<$t> {
            fn into_ret(self) -> Result<Owned, String> {
                IntoRet::<M>::into_ret(self.get())
            }
        }
    )*};
}
nonzero!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A `char` is a one-character string (Python has no character type).
/// `Cow<str>` and `Arc<str>`/`Box<str>`/`Rc<str>` parameters (minijinja's filters):
/// a Keyton string, borrowed where it can be.
impl<'a, M> FromArg<'a, M> for std::borrow::Cow<'a, str> {
    unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        <&'a str as FromArg<'a, M>>::from_arg(c, v).map(std::borrow::Cow::Borrowed)
    }
}
macro_rules! shared_str {
    ($($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $t {
            unsafe fn from_arg(c: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                <&'a str as FromArg<'a, M>>::from_arg(c, v).map(<$t>::from)
            }
        }
    )*};
}
shared_str!(
    std::sync::Arc<str>,
    std::rc::Rc<str>,
    alloc::boxed::Box<str>
);
impl<'a, M> FromArg<'a, M> for char {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        let s = str_of(v).ok_or_else(|| mismatch("char", v))?;
        crate::rt::to_char(s).map_err(|e| e.0)
    }
}
impl<M> IntoRet<M> for char {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::Str(self.to_string()))
    }
}

impl<M> IntoRet<M> for core::cmp::Ordering {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::I64(self as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct P;
    use crate::export::tests::from;
    fn out<T: IntoRet<P>>(v: T) -> Owned {
        v.into_ret().unwrap()
    }

    #[test]
    fn bytes_come_from_strs_and_int_lists() {
        let s = KValue::str("hi");
        assert_eq!(unsafe { from::<&[u8]>(&s) }.unwrap(), b"hi");
        assert_eq!(unsafe { from::<Vec<u8>>(&s) }.unwrap(), b"hi".to_vec());
        let ints = [104i64, 105];
        let l = KValue {
            tag: Tag::VecI64 as u32,
            ptr: ints.as_ptr().cast(),
            len: 2,
            ..KValue::UNIT
        };
        assert_eq!(unsafe { from::<[u8; 2]>(&l) }.unwrap(), *b"hi");
        assert_eq!(
            unsafe { from::<[u8; 3]>(&l) }.unwrap_err(),
            "expected a list of exactly 3 items, got 2"
        );
        let bad = [300i64];
        let l = KValue {
            ptr: bad.as_ptr().cast(),
            len: 1,
            ..l
        };
        assert_eq!(
            unsafe { from::<Vec<u8>>(&l) }.unwrap_err(),
            "item 0: 300 is not a byte (0..=255)"
        );
        assert!(unsafe { from::<&[u8]>(&KValue::i64(1)) }
            .unwrap_err()
            .contains("&[u8] (a str)"));
        assert!(matches!(out(&b"\x01\xff"[..]), Owned::VecI64(v) if v == [1, 255]));
        assert!(matches!(out([7u8; 2]), Owned::VecI64(v) if v == [7, 7]));
    }

    #[test]
    fn wide_ints_are_checked() {
        assert_eq!(unsafe { from::<u128>(&KValue::i64(5)) }.unwrap(), 5);
        assert_eq!(
            unsafe { from::<u128>(&KValue::i64(-1)) }.unwrap_err(),
            "-1 does not fit in u128"
        );
        assert_eq!(
            IntoRet::<P>::into_ret(u128::MAX).err(),
            Some(format!("{} does not fit in i64", u128::MAX))
        );
        assert!(matches!(out(alloc::vec![1usize, 2]), Owned::VecI64(v) if v == [1, 2]));
    }

    #[test]
    fn std_types_convert_as_python_would_write_them() {
        let d = unsafe { from::<Duration>(&KValue::f64(2.5)) }.unwrap();
        assert_eq!(d, Duration::from_millis(2500));
        assert_eq!(
            unsafe { from::<Duration>(&KValue::i64(3)) }.unwrap(),
            Duration::from_secs(3)
        );
        assert!(unsafe { from::<Duration>(&KValue::f64(-1.0)) }
            .unwrap_err()
            .starts_with("-1 seconds: "));
        assert!(matches!(out(d), Owned::F64(x) if x == 2.5));
        let t = unsafe { from::<SystemTime>(&KValue::i64(60)) }.unwrap();
        assert_eq!(t, UNIX_EPOCH + Duration::from_secs(60));
        assert!(matches!(out(t), Owned::F64(x) if x == 60.0));
        assert!(matches!(out(UNIX_EPOCH - Duration::from_secs(2)), Owned::F64(x) if x == -2.0));
        let a = KValue::str("127.0.0.1:80");
        let addr = unsafe { from::<std::net::SocketAddr>(&a) }.unwrap();
        assert_eq!(addr.port(), 80);
        assert!(matches!(out(addr), Owned::Str(s) if s == "127.0.0.1:80"));
        let bad = KValue::str("nope");
        assert!(unsafe { from::<std::net::IpAddr>(&bad) }
            .unwrap_err()
            .starts_with("\"nope\" is not a std::net::IpAddr: "));
        let p = KValue::str("/tmp/x");
        assert_eq!(
            unsafe { from::<PathBuf>(&p) }.unwrap(),
            PathBuf::from("/tmp/x")
        );
        assert!(matches!(out(core::cmp::Ordering::Less), Owned::I64(-1)));
    }
}
