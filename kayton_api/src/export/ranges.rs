//! Ranges through registry thunks (`rng.random_range(1..7)`): a range parameter takes a
//! value of the kind a range result registers (named by `core::any::type_name`, see
//! `fallback`). Compiled cells pass Keyton's `a..b` as the Rust range itself.
use super::FromArg;
use crate::abi::{KValue, Tag};
use crate::convert::mismatch;
use crate::ctx::Ctx;
use alloc::string::String;
use core::any::type_name;
use core::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

/// The value of `v` if it is a kind value of exactly the Rust type `T`.
unsafe fn kind_value<T: Clone + 'static>(ctx: &Ctx<'_>, v: &KValue) -> Result<T, String> {
    if v.tag() == Some(Tag::Dynamic) {
        if let Some(desc) = ctx.kind_desc(v.kind) {
            if desc.name.as_str() == type_name::<T>() {
                return Ok((*(v.ptr as *const T)).clone());
            }
        }
    }
    Err(mismatch(type_name::<T>(), v))
}

/// `FromArg` for one of std's range types over each number type.
macro_rules! range_of {
    ($r:ident) => {
        range_of!($r: i64, f64, u8, u16, u32, u64, usize, i8, i16, i32, isize, u128, i128, f32);
    };
    ($r:ident: $($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $r<$t> {
            unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                kind_value(ctx, v)
            }
        }
    )*};
}
range_of!(Range);
range_of!(RangeInclusive);
range_of!(RangeFrom);
range_of!(RangeTo);
range_of!(RangeToInclusive);

/// `..` (fixedbitset's `count_ones(..)`).
impl<'a, M> FromArg<'a, M> for RangeFull {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        kind_value(ctx, v)
    }
}
