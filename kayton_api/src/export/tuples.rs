//! Tuples through registry thunks. A tuple result becomes a value of a kind the thunk
//! registers for its Rust type on first use (named by `core::any::type_name`, so every
//! plugin returning `(i64, String)` shares one kind); a tuple parameter takes a value of
//! that kind and clones it out. Compiled cells pass tuples as Rust values and never
//! come here.
use super::{FromArg, IntoRet};
use crate::abi::{KValue, Tag};
use crate::convert::{mismatch, Owned};
use crate::ctx::Ctx;
use crate::kind::KindFns;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use core::any::type_name;
use core::ffi::c_void;
use core::fmt::Debug;

/// The kind of the tuple type `T`, registered (or found: the VM dedupes by name).
fn tuple_kind<T: Debug + Clone + PartialEq + 'static>(ctx: &Ctx<'_>) -> u32 {
    let fns = KindFns::<T>::new(type_name::<T>()).debug().clone_fn().eq();
    ctx.register_kind(fns.desc())
}

macro_rules! tuples {
    ($(($($t:ident),+)),*) => {$(
        impl<M, $($t: Debug + Clone + PartialEq + 'static),+> IntoRet<M> for ($($t,)+) {
            fn into_ret(self) -> Result<Owned, String> {
                Err(format!("a tuple `{}` is returned through its thunk's session", type_name::<Self>()))
            }
            fn into_ret_in(self, ctx: &Ctx<'_>) -> Result<Owned, String> {
                let kind = tuple_kind::<Self>(ctx);
                Ok(Owned::Dynamic(Box::into_raw(Box::new(self)) as *mut c_void, kind))
            }
        }
        impl<'a, M, $($t: Clone + 'static),+> FromArg<'a, M> for ($($t,)+) {
            unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                if v.tag() == Some(Tag::Dynamic) {
                    if let Some(desc) = ctx.kind_desc(v.kind) {
                        if desc.name.as_str() == type_name::<Self>() {
                            return Ok((*(v.ptr as *const Self)).clone());
                        }
                    }
                }
                Err(mismatch(type_name::<Self>(), v))
            }
        }
    )*};
}
tuples!(
    (A),
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F)
);

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::*;
    use crate::export::arg;

    struct M;

    #[test]
    fn a_tuple_result_is_a_kind_value_that_a_tuple_parameter_takes_back() {
        with_ctx(|ctx, _| {
            let out = IntoRet::<M>::into_ret_in((7i64, String::from("x")), ctx).unwrap();
            let Owned::Dynamic(_, kind) = out else {
                panic!("not a kind value")
            };
            let desc = ctx.kind_desc(kind).unwrap();
            assert_eq!(unsafe { desc.name.as_str() }, type_name::<(i64, String)>());
            let v = out.as_kvalue();
            let back: (i64, String) = unsafe { arg::<M, _>(ctx, &v, 1, 0, "p") }.unwrap();
            assert_eq!(back, (7, String::from("x")));
            let wrong = unsafe { arg::<M, (i64, i64)>(ctx, &v, 1, 0, "p") }.unwrap_err();
            assert!(
                wrong.starts_with("argument `p`: expected (i64, i64)"),
                "{wrong}"
            );
            unsafe { (desc.drop)(v.ptr as *mut c_void) };
        });
    }

    #[test]
    fn a_tuple_without_a_session_says_so() {
        let Err(e) = IntoRet::<M>::into_ret((1i64,)) else {
            panic!("a tuple converted without a session")
        };
        assert!(e.contains("(i64,)"), "{e}");
    }
}
