//! [`Iter`] through registry thunks: a parameter takes a list (as `Vec<T>` would) and
//! iterates it; a result is collected into a list (as `Vec<T>` returns).
use super::{FromArg, IntoRet};
use crate::abi::KValue;
use crate::convert::Owned;
use crate::ctx::Ctx;
use crate::iter::{collect, Iter};
use alloc::string::String;
use alloc::vec::Vec;

impl<'a, M, T: 'static> FromArg<'a, M> for Iter<T>
where
    Vec<T>: FromArg<'a, M>,
{
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        <Vec<T> as FromArg<'a, M>>::from_arg(ctx, v).map(Iter::new)
    }
}

impl<M, T> IntoRet<M> for Iter<T>
where
    Vec<T>: IntoRet<M>,
{
    fn into_ret(self) -> Result<Owned, String> {
        <Vec<T> as IntoRet<M>>::into_ret(collect(self)?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::arg;
    use super::super::tests::with_ctx;
    use super::*;

    struct M;

    #[test]
    fn a_list_in_a_list_out() {
        let list = Owned::from(alloc::vec![3i64, 1, 2]);
        let v = list.as_kvalue();
        let it: Iter<i64> = with_ctx(|c, _| unsafe { arg::<M, _>(c, &v, 1, 0, "xs") }).unwrap();
        let back = IntoRet::<M>::into_ret(Iter::new(it.map(|x| x * 10))).unwrap();
        assert!(matches!(back, Owned::VecI64(ref xs) if *xs == alloc::vec![30, 10, 20]));
        let bad = with_ctx(|c, _| unsafe { arg::<M, Iter<i64>>(c, &KValue::str("x"), 1, 0, "xs") });
        assert!(bad.unwrap_err().starts_with("argument `xs`: expected"));
    }
}
