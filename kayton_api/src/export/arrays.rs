//! Rust arrays and the float and bool lists they are built from: `[f32; 4]`, `[u8; 32]`,
//! `[[f32; 2]; 3]`, `&[f32]`, as math and hashing crates take them (glam's
//! `Vec3::from_array`, uuid's `from_bytes`). An array is a list of exactly `N` items,
//! converted through the `Vec<T>` of its items, so every item type a list has works for
//! an array too; a result array is the list of its items.
//!
//! `f32` and `bool` items narrow or copy from Keyton lists. Where the ABI has no list
//! of that item (bools, nested lists) a registry call refuses and a compiled cell converts
//! at the call (the compiler's `rty::from_keyton`), as for maps.
use super::{FromArg, IntoRet};
use crate::abi::{KValue, Tag};
use crate::convert::{mismatch, slice, Owned};
use crate::ctx::Ctx;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

impl<'a, M, T, const N: usize> FromArg<'a, M> for [T; N]
where
    Vec<T>: FromArg<'a, M>,
{
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        let items = <Vec<T> as FromArg<'a, M>>::from_arg(ctx, v)?;
        let n = items.len();
        items
            .try_into()
            .map_err(|_| format!("expected a list of exactly {N} items, got {n}"))
    }
}

impl<M, T, const N: usize> IntoRet<M> for [T; N]
where
    Vec<T>: IntoRet<M>,
{
    fn into_ret(self) -> Result<Owned, String> {
        Vec::from(self).into_ret()
    }
}

impl<'a, M> FromArg<'a, M> for Vec<f32> {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::VecF64) => Ok(slice::<f64>(v).iter().map(|&x| x as f32).collect()),
            Some(Tag::VecI64) => Ok(slice::<i64>(v).iter().map(|&x| x as f32).collect()),
            _ => Err(mismatch("Vec<f32>", v)),
        }
    }
}
impl<M> IntoRet<M> for Vec<f32> {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::VecF64(
            self.into_iter().map(crate::widen_f32).collect(),
        ))
    }
}

/// Lists with no ABI form of their own: compiled cells convert them at the call.
macro_rules! from_cells_only {
    ($what:literal, $($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $t {
            unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
                Err(format!("a list of {} is passed from a compiled cell, not a registry call", $what))
            }
        }
    )*};
}
from_cells_only!("f32", &'a [f32]);
from_cells_only!("bool", Vec<bool>, &'a [bool]);

/// A list of arrays (`[[f32; 2]; 3]`, `&[[u8; 4]]`): from compiled cells.
impl<'a, M, T, const N: usize> FromArg<'a, M> for Vec<[T; N]> {
    unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
        Err("a list of lists is passed from a compiled cell, not a registry call".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct P;
    use crate::export::tests::from;

    #[test]
    fn an_array_is_a_list_of_exactly_n_items() {
        let (floats, ints) = (
            Owned::VecF64(alloc::vec![1.5, 2.0, -3.0]),
            Owned::VecI64(alloc::vec![1, 2, 300]),
        );
        let (floats, ints) = (floats.as_kvalue(), ints.as_kvalue());
        let a: [f32; 3] = unsafe { from(&floats) }.unwrap();
        assert_eq!(a, [1.5f32, 2.0, -3.0]);
        let a: [f64; 3] = unsafe { from(&floats) }.unwrap();
        assert_eq!(a, [1.5, 2.0, -3.0]);
        let e = unsafe { from::<[f32; 4]>(&floats) }.unwrap_err();
        assert!(e.contains("exactly 4 items, got 3"), "{e}");
        let a: [u16; 3] = unsafe { from(&ints) }.unwrap();
        assert_eq!(a, [1, 2, 300]);
        let e = unsafe { from::<[u8; 3]>(&ints) }.unwrap_err();
        assert!(e.contains("300 is not a byte"), "{e}");
        let e = unsafe { from::<[bool; 2]>(&ints) }.unwrap_err();
        assert!(e.contains("compiled cell"), "{e}");
    }

    #[test]
    fn an_array_result_is_a_list() {
        let r = IntoRet::<P>::into_ret([1.5f32, 2.5]).unwrap();
        assert!(matches!(r, Owned::VecF64(v) if v == alloc::vec![1.5, 2.5]));
        let r = IntoRet::<P>::into_ret([7u8, 8]).unwrap();
        assert!(matches!(r, Owned::VecI64(v) if v == alloc::vec![7, 8]));
    }
}
