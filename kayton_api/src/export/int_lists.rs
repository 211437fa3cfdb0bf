//! Lists of the other integer widths (`&[u64]`, `Vec<u32>`), as sqids' `encode(&[u64])`
//! takes. A `Vec<N>` is a copy of a Keyton list, narrowed item by item (checked). A `&[N]`
//! cannot be borrowed from a list of `i64`s: a registry call refuses it, and a compiled
//! cell converts at the call (the compiler's `lower/args.rs`), as it does for maps.
use super::FromArg;
use crate::abi::{KValue, Tag};
use crate::convert::{mismatch, slice};
use crate::ctx::Ctx;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

macro_rules! int_lists {
    ($($n:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for Vec<$n> {
            unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                match v.tag() {
                    Some(Tag::VecI64) => slice::<i64>(v)
                        .iter()
                        .enumerate()
                        .map(|(i, &x)| {
                            <$n>::try_from(x).map_err(|_| {
                                format!("item {i}: {x} does not fit in {}", stringify!($n))
                            })
                        })
                        .collect(),
                    _ => Err(mismatch(concat!("Vec<", stringify!($n), ">"), v)),
                }
            }
        }
        impl<'a, M> FromArg<'a, M> for &'a [$n] {
            unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
                Err(format!(
                    "a list of {} is passed from a compiled cell, not a registry call",
                    stringify!($n)
                ))
            }
        }
    )*};
}
int_lists!(i8, i16, i32, isize, u16, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Owned;

    use crate::export::tests::from;

    #[test]
    fn a_list_narrows_item_by_item() {
        // (The owned values outlive the views taken of them.)
        let (ok, big) = (
            Owned::VecI64(alloc::vec![1, 2, 3]),
            Owned::VecI64(alloc::vec![1, -1]),
        );
        let (ok, big) = (ok.as_kvalue(), big.as_kvalue());
        let v: Vec<u64> = unsafe { from(&ok) }.unwrap();
        assert_eq!(v, alloc::vec![1u64, 2, 3]);
        let e = unsafe { from::<Vec<u64>>(&big) }.unwrap_err();
        assert!(e.contains("item 1: -1 does not fit in u64"), "{e}");
        let e = unsafe { from::<&[u64]>(&ok) }.unwrap_err();
        assert!(e.contains("compiled cell"), "{e}");
    }
}
