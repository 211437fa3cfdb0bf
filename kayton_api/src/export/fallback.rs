//! Results with no Keyton conversion (`Vec<Vec<i64>>`, `Vec<(Position, i64)>`,
//! `MinMaxResult<usize>`, another crate's type that is not a kind of the plugin): the
//! value becomes one of a kind the thunk registers for its Rust type on first return
//! (named by `core::any::type_name`, shown by `Display` and `Debug` when it has them),
//! as a tuple does. Compiled cells get the Rust value itself and never come here.
//!
//! The choice is made at the thunk's concrete type by autoref: `(&&&&&slot).kayton_ret(c)`
//! takes the first of these that applies — `IntoRet`, then `IntoRet` of its owned copy
//! (`&i64`, `Option<&Duration>`: `iter::Own`), then a kind with `Display` and `Debug`,
//! with `Debug`, with neither.
use super::{FromArg, IntoRet};
use crate::abi::{KValue, Tag};
use crate::convert::Owned;
use crate::ctx::Ctx;
use crate::kind::KindFns;
use alloc::boxed::Box;
use alloc::string::String;
use core::any::type_name;
use core::cell::Cell;
use core::ffi::c_void;
use core::fmt::{Debug, Display};
use core::marker::PhantomData;

/// A result on its way out of a thunk (taken once).
pub struct RetSlot<M, T>(Cell<Option<T>>, PhantomData<M>);

impl<M, T> RetSlot<M, T> {
    pub fn new(v: T) -> Self {
        RetSlot(Cell::new(Some(v)), PhantomData)
    }
    fn take(&self) -> T {
        self.0.take().expect("a thunk result is converted once")
    }
}

fn as_kind<T: 'static>(ctx: &Ctx<'_>, v: T, fns: KindFns<T>) -> Result<Owned, String> {
    let kind = ctx.register_kind(fns.desc());
    Ok(Owned::Dynamic(
        Box::into_raw(Box::new(v)) as *mut c_void,
        kind,
    ))
}

pub trait RetViaIntoRet {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String>;
}
impl<M, T: IntoRet<M>> RetViaIntoRet for &&&&RetSlot<M, T> {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        self.take().into_ret_in(ctx)
    }
}

pub trait RetViaOwned {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String>;
}
impl<M, T: crate::iter::Own> RetViaOwned for &&&RetSlot<M, T>
where
    T::Owned: IntoRet<M>,
{
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        self.take().own().into_ret_in(ctx)
    }
}

pub trait RetViaShown {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String>;
}
impl<M, T: Display + Debug + 'static> RetViaShown for &&RetSlot<M, T> {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        let fns = KindFns::<T>::new(type_name::<T>()).display().debug();
        as_kind(ctx, self.take(), fns)
    }
}

pub trait RetViaDebug {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String>;
}
impl<M, T: Debug + 'static> RetViaDebug for &RetSlot<M, T> {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        let fns = KindFns::<T>::new(type_name::<T>()).debug();
        as_kind(ctx, self.take(), fns)
    }
}

pub trait RetViaOpaque {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String>;
}
impl<M, T: 'static> RetViaOpaque for RetSlot<M, T> {
    fn kayton_ret(&self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        as_kind(ctx, self.take(), KindFns::<T>::new(type_name::<T>()))
    }
}

/// A list of lists as a parameter (an iterator of lists, `[[1, 2], [3]].concat()`):
/// the kind value a list of lists went out as, cloned.
impl<'a, M, T: Clone + 'static> FromArg<'a, M> for alloc::vec::Vec<alloc::vec::Vec<T>> {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        if v.tag() == Some(Tag::Dynamic) {
            if let Some(desc) = ctx.kind_desc(v.kind) {
                if desc.name.as_str() == type_name::<Self>() {
                    return Ok((*(v.ptr as *const Self)).clone());
                }
            }
        }
        Err(crate::convert::mismatch(type_name::<Self>(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    struct M;
    struct Opaque;

    // The borrows are the point: autoref picks the conversion.
    #[allow(clippy::needless_borrow)]
    #[test]
    fn each_result_takes_the_best_conversion_it_has() {
        with_ctx(|ctx, _| {
            #[allow(unused_imports)]
            use super::{
                RetViaDebug as _, RetViaIntoRet as _, RetViaOpaque as _, RetViaShown as _,
            };
            // An int converts as itself.
            let v = (&&&&&RetSlot::<M, _>::new(7i64)).kayton_ret(ctx).unwrap();
            assert!(matches!(v, Owned::I64(7)));
            // A list of lists is a kind shown by its Debug.
            let v = (&&&&&RetSlot::<M, _>::new(vec![vec![1i64], vec![2]]))
                .kayton_ret(ctx)
                .unwrap();
            let Owned::Dynamic(p, kind) = v else {
                panic!("not a kind value")
            };
            let desc = ctx.kind_desc(kind).unwrap();
            assert_eq!(unsafe { desc.name.as_str() }, type_name::<Vec<Vec<i64>>>());
            assert!(desc.debug.is_some() && desc.display.is_none());
            unsafe { (desc.drop)(p) };
            // A borrowed int goes out as its value.
            let seven = 7i64;
            let v = (&&&&&RetSlot::<M, _>::new(Some(&seven)))
                .kayton_ret(ctx)
                .unwrap();
            assert!(matches!(v, Owned::I64(7)));
            // A type with neither Display nor Debug still goes out, shown by its name.
            let v = (&&&&&RetSlot::<M, _>::new(Opaque)).kayton_ret(ctx).unwrap();
            let Owned::Dynamic(p, kind) = v else {
                panic!("not a kind value")
            };
            let desc = ctx.kind_desc(kind).unwrap();
            assert!(desc.debug.is_none());
            unsafe { (desc.drop)(p) };
        });
    }
}
