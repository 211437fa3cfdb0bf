//! Keyton values as plain data (`None`, bools, ints, floats, strings, lists, dicts), the
//! form in which they cross into a Rust API written over serde's traits
//! (`serde_json::to_string(ages)`, `let m: dict[str, i64] = serde_json.from_str(s)`).
//!
//! This runtime cannot depend on serde (a crate reaching a plugin both inside this dylib
//! and directly is refused), so the serde impls are the plugin's own: bindgen emits
//! [`serde_bridge!`](crate::serde_bridge) in a plugin whose crate uses serde, and its
//! `Serde` type is a [`Data`] that serializes and deserializes itself.
use super::{Dict, KErr};
use crate::abi::{KValue, Tag};
use crate::convert::{FromKayton, IntoKayton, Owned};
use std::boxed::Box;
use std::format;
use std::hash::Hash;
use std::string::String;
use std::vec::Vec;

/// One value of Python's JSON-like data model; a map keeps its entries' order.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Data>),
    /// A Keyton tuple: serialized as serde's tuple (a pair of a query string, which
    /// `serde_urlencoded` takes and a list it does not); read back from a list too.
    Tuple(Vec<Data>),
    Map(Vec<(Data, Data)>),
}

impl Data {
    /// What this value is, as a Keyton user names it (`a dict`), for errors.
    pub fn what(&self) -> &'static str {
        match self {
            Data::None => "None",
            Data::Bool(_) => "a bool",
            Data::Int(_) => "an int",
            Data::Float(_) => "a float",
            Data::Str(_) => "a str",
            Data::List(_) => "a list",
            Data::Tuple(_) => "a tuple",
            Data::Map(_) => "a dict",
        }
    }

    /// Python's `repr` of a key or a scalar (`'x'`, `1`), for errors.
    pub fn repr(&self) -> String {
        match self {
            Data::Str(s) => format!("{s:?}"),
            Data::Int(i) => format!("{i}"),
            Data::Float(x) => super::fmt_float(*x),
            Data::Bool(b) => (if *b { "True" } else { "False" }).into(),
            other => other.what().into(),
        }
    }

    /// The value a VM registry call passed (scalars, strings and lists of them).
    ///
    /// # Safety
    /// `v`'s pointers must be valid as its producer promised.
    pub unsafe fn from_kvalue(v: &KValue) -> Result<Data, String> {
        Ok(match v.tag() {
            Some(Tag::Unit) => Data::None,
            Some(Tag::I64) => Data::Int(unsafe { i64::from_kayton(v) }?),
            Some(Tag::F64) => Data::Float(unsafe { f64::from_kayton(v) }?),
            Some(Tag::Bool) => Data::Bool(unsafe { bool::from_kayton(v) }?),
            Some(Tag::Str) => Data::Str(unsafe { String::from_kayton(v) }?),
            Some(Tag::VecI64) => Data::List(
                unsafe { Vec::<i64>::from_kayton(v) }?
                    .into_iter()
                    .map(Data::Int)
                    .collect(),
            ),
            Some(Tag::VecF64) => Data::List(
                unsafe { Vec::<f64>::from_kayton(v) }?
                    .into_iter()
                    .map(Data::Float)
                    .collect(),
            ),
            Some(Tag::VecStr) => Data::List(
                unsafe { Vec::<String>::from_kayton(v) }?
                    .into_iter()
                    .map(Data::Str)
                    .collect(),
            ),
            Some(Tag::Dynamic) | None => {
                return Err("a Rust value is not data (None, bool, int, float, str, list)".into())
            }
        })
    }

    /// The value handed back to a VM registry call: what its ABI holds (a dict, or a list
    /// of mixed items, is only for compiled cells).
    pub fn into_owned(self) -> Result<Owned, String> {
        let all = |xs: &[Data], f: fn(&Data) -> bool| xs.iter().all(f);
        Ok(match self {
            Data::None => ().into_kayton(),
            Data::Bool(b) => b.into_kayton(),
            Data::Int(i) => i.into_kayton(),
            Data::Float(x) => x.into_kayton(),
            Data::Str(s) => s.into_kayton(),
            Data::List(xs) if all(&xs, |x| matches!(x, Data::Int(_))) => ints(&xs).into_kayton(),
            Data::List(xs) if all(&xs, |x| matches!(x, Data::Float(_) | Data::Int(_))) => {
                floats(&xs).into_kayton()
            }
            Data::List(xs) if all(&xs, |x| matches!(x, Data::Str(_))) => xs
                .into_iter()
                .map(|x| match x {
                    Data::Str(s) => s,
                    _ => String::new(),
                })
                .collect::<Vec<String>>()
                .into_kayton(),
            other => {
                return Err(format!(
                    "{} of mixed items reaches only a compiled cell, not a registry call",
                    other.what()
                ))
            }
        })
    }
}

fn ints(xs: &[Data]) -> Vec<i64> {
    xs.iter()
        .filter_map(|x| match x {
            Data::Int(i) => Some(*i),
            _ => None,
        })
        .collect()
}

fn floats(xs: &[Data]) -> Vec<f64> {
    xs.iter()
        .filter_map(|x| match x {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        })
        .collect()
}

/// A Keyton value as data.
pub trait ToData {
    fn to_data(&self) -> Data;
}

/// A Keyton value of this type made of data: checked, an error naming what was found.
pub trait FromData: Sized {
    fn from_data(d: Data) -> Result<Self, KErr>;
}

/// `to_data` as a function (what compiled cells call).
pub fn to_data<T: ToData + ?Sized>(v: &T) -> Data {
    v.to_data()
}

/// `from_data` as a function: `what` names the Rust call the data came from.
pub fn from_data<T: FromData>(d: Data, what: &str) -> Result<T, KErr> {
    T::from_data(d).map_err(|e| KErr(format!("{what}: {}", e.0)))
}

fn expected<T>(want: &str, found: &Data) -> Result<T, KErr> {
    Err(KErr(format!("expected {want}, found {}", found.what())))
}

impl ToData for i64 {
    fn to_data(&self) -> Data {
        Data::Int(*self)
    }
}
impl ToData for f64 {
    fn to_data(&self) -> Data {
        Data::Float(*self)
    }
}
impl ToData for bool {
    fn to_data(&self) -> Data {
        Data::Bool(*self)
    }
}
impl ToData for str {
    fn to_data(&self) -> Data {
        Data::Str(self.into())
    }
}
impl ToData for String {
    fn to_data(&self) -> Data {
        Data::Str(self.clone())
    }
}
impl ToData for () {
    fn to_data(&self) -> Data {
        Data::None
    }
}
impl ToData for Data {
    fn to_data(&self) -> Data {
        self.clone()
    }
}
impl<T: ToData> ToData for [T] {
    fn to_data(&self) -> Data {
        Data::List(self.iter().map(ToData::to_data).collect())
    }
}
impl<T: ToData> ToData for Vec<T> {
    fn to_data(&self) -> Data {
        self.as_slice().to_data()
    }
}
impl<T: ToData> ToData for Option<T> {
    fn to_data(&self) -> Data {
        self.as_ref().map_or(Data::None, ToData::to_data)
    }
}
impl<T: ToData + ?Sized> ToData for &T {
    fn to_data(&self) -> Data {
        (**self).to_data()
    }
}
impl<T: ToData + ?Sized> ToData for Box<T> {
    fn to_data(&self) -> Data {
        (**self).to_data()
    }
}
impl<K: ToData + Hash + Eq + Clone, V: ToData> ToData for Dict<K, V> {
    fn to_data(&self) -> Data {
        Data::Map(
            self.iter()
                .map(|(k, v)| (k.to_data(), v.to_data()))
                .collect(),
        )
    }
}

impl FromData for Data {
    fn from_data(d: Data) -> Result<Self, KErr> {
        Ok(d)
    }
}
impl FromData for i64 {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::Int(i) => Ok(i),
            other => expected("an int", &other),
        }
    }
}
impl FromData for f64 {
    /// An int is a float too (JSON's `1` where a float is wanted), as in Python.
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::Float(x) => Ok(x),
            Data::Int(i) => Ok(i as f64),
            other => expected("a float", &other),
        }
    }
}
impl FromData for bool {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::Bool(b) => Ok(b),
            other => expected("a bool", &other),
        }
    }
}
impl FromData for String {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::Str(s) => Ok(s),
            other => expected("a str", &other),
        }
    }
}
impl FromData for () {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::None => Ok(()),
            other => expected("None", &other),
        }
    }
}
impl<T: FromData> FromData for Vec<T> {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::List(xs) | Data::Tuple(xs) => xs
                .into_iter()
                .enumerate()
                .map(|(i, x)| T::from_data(x).map_err(|e| KErr(format!("item {i}: {}", e.0))))
                .collect(),
            other => expected("a list", &other),
        }
    }
}
impl<T: FromData> FromData for Option<T> {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::None => Ok(None),
            other => T::from_data(other).map(Some),
        }
    }
}
impl<K: FromData + Hash + Eq + Clone, V: FromData> FromData for Dict<K, V> {
    fn from_data(d: Data) -> Result<Self, KErr> {
        match d {
            Data::Map(entries) => {
                let mut out = Dict::new();
                for (k, v) in entries {
                    let shown = k.repr();
                    let key = K::from_data(k).map_err(|e| KErr(format!("key {shown}: {}", e.0)))?;
                    let value = V::from_data(v)
                        .map_err(|e| KErr(format!("the value of {shown}: {}", e.0)))?;
                    out.insert(key, value);
                }
                Ok(out)
            }
            other => expected("a dict", &other),
        }
    }
}

macro_rules! tuples {
    ($(($($t:ident $i:tt),+) $n:literal),*) => {$(
        impl<$($t: ToData),+> ToData for ($($t,)+) {
            fn to_data(&self) -> Data {
                Data::Tuple(std::vec![$(self.$i.to_data()),+])
            }
        }
        impl<$($t: FromData),+> FromData for ($($t,)+) {
            fn from_data(d: Data) -> Result<Self, KErr> {
                match d {
                    Data::List(xs) | Data::Tuple(xs) if xs.len() == $n => {
                        let mut it = xs.into_iter();
                        Ok(($($t::from_data(it.next().expect("length checked"))?,)+))
                    }
                    other => expected(concat!("a list of ", $n, " items"), &other),
                }
            }
        }
    )*};
}
tuples!((A 0) 1, (A 0, B 1) 2, (A 0, B 1, C 2) 3, (A 0, B 1, C 2, D 3) 4);

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn dicts_lists_and_scalars_round_trip() {
        let mut d: Dict<String, Vec<i64>> = Dict::new();
        d.insert("b".to_string(), std::vec![1, 2]);
        d.insert("a".to_string(), std::vec![]);
        let data = d.to_data();
        assert_eq!(
            data,
            Data::Map(std::vec![
                (
                    Data::Str("b".into()),
                    Data::List(std::vec![Data::Int(1), Data::Int(2)])
                ),
                (Data::Str("a".into()), Data::List(std::vec![])),
            ])
        );
        let back: Dict<String, Vec<i64>> = from_data(data, "f").unwrap();
        assert_eq!(back, d);
        let pair: (i64, String) =
            FromData::from_data(Data::List(std::vec![Data::Int(1), Data::Str("x".into())]))
                .unwrap();
        assert_eq!(pair, (1, "x".to_string()));
        // A tuple stays one (serde tells a tuple from a sequence), and reads back.
        assert_eq!(
            pair.to_data(),
            Data::Tuple(std::vec![Data::Int(1), Data::Str("x".into())])
        );
        assert_eq!(<(i64, String)>::from_data(pair.to_data()), Ok(pair.clone()));
        assert_eq!(f64::from_data(Data::Int(2)), Ok(2.0));
        assert_eq!(Option::<i64>::from_data(Data::None), Ok(None));
    }

    #[test]
    fn a_mismatch_names_what_was_found_and_where() {
        let e = from_data::<Dict<String, i64>>(Data::List(std::vec![]), "serde_json.from_str")
            .unwrap_err();
        assert_eq!(e.0, "serde_json.from_str: expected a dict, found a list");
        let m = Data::Map(std::vec![(Data::Str("x".into()), Data::Str("1".into()))]);
        let e = Dict::<String, i64>::from_data(m).unwrap_err();
        assert_eq!(e.0, "the value of \"x\": expected an int, found a str");
        let e = Vec::<i64>::from_data(Data::List(std::vec![Data::Int(1), Data::Bool(true)]))
            .unwrap_err();
        assert_eq!(e.0, "item 1: expected an int, found a bool");
    }

    #[test]
    fn registry_values_are_scalars_and_uniform_lists() {
        assert!(Data::List(std::vec![Data::Int(1), Data::Str("a".into())])
            .into_owned()
            .is_err());
        assert!(Data::List(std::vec![Data::Int(1), Data::Float(2.5)])
            .into_owned()
            .is_ok());
    }
}
