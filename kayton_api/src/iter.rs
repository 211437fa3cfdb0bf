//! [`Iter`]: a Rust iterator of Keyton values. A Keyton list is passed as one where a
//! Rust API takes an iterator (a blanket trait over `I: Iterator`, like itertools'),
//! and an iterator a Rust API returns (`impl Iterator<Item = T>`, an adaptor) comes back
//! to Keyton as a list, collected up to [`COLLECT_LIMIT`] items.
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// An owned, type-erased iterator over `T`.
pub struct Iter<T>(Box<dyn Iterator<Item = T>>);

/// At most this many items are collected from an iterator into a list: an endless one
/// (`cycle`) is an error rather than a session that never answers.
pub const COLLECT_LIMIT: usize = 10_000_000;

impl<T> Iter<T> {
    pub fn new<I>(items: I) -> Iter<T>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: 'static,
    {
        Iter(Box::new(items.into_iter()))
    }
}

/// What an iterator that borrows (`serde_json::Map::keys`, items `&String`) is declared
/// as: its items owned (`String`; camino's `&Utf8Path` as a `Utf8PathBuf`), collected
/// during the call, while the borrow lasts.
#[allow(type_alias_bounds)]
pub type OwnedIter<T: ?Sized + alloc::borrow::ToOwned> = Iter<T::Owned>;

impl<T: 'static> Iter<T> {
    /// The items of a borrowing iterator, each made owned ([`Own`]), collected now.
    pub fn owned<I>(items: I) -> Result<Iter<T>, String>
    where
        I: IntoIterator,
        I::Item: Own<Owned = T>,
    {
        let all = collect(items.into_iter().map(Own::own))?;
        Ok(Iter::new(all))
    }

    /// The items of a borrowing iterator, each made owned by `own` (a tuple part by
    /// part, [`OwnPart`]), collected now.
    pub fn owned_by<I: IntoIterator>(
        items: I,
        own: impl FnMut(I::Item) -> T,
    ) -> Result<Iter<T>, String> {
        let all = collect(items.into_iter().map(own))?;
        Ok(Iter::new(all))
    }
}

/// One part of a borrowing iterator's tuple item, made owned. Called as
/// `(&part).own_part()`: a part `&U` (or `&mut U`) matches by value and gives
/// `U::Owned`; any other part `X` matches after autoref (`&&X`) and gives its clone.
/// This way a crate's own value (slotmap's `DefaultKey`) needs no `Own` impl, which a
/// plugin could not write for a type of another crate.
pub trait OwnPart {
    type Owned;
    fn own_part(self) -> Self::Owned;
}
impl<U: ?Sized + alloc::borrow::ToOwned> OwnPart for &&U {
    type Owned = U::Owned;
    fn own_part(self) -> U::Owned {
        (**self).to_owned()
    }
}
impl<U: ?Sized + alloc::borrow::ToOwned> OwnPart for &&mut U {
    type Owned = U::Owned;
    fn own_part(self) -> U::Owned {
        (**self).to_owned()
    }
}

/// An item as a value that outlives the borrow it came from: `&T` is cloned (`&str`
/// becomes a `String`), tuples item by item, values stay as they are.
pub trait Own {
    type Owned: 'static;
    fn own(self) -> Self::Owned;
}
impl<T: ?Sized + alloc::borrow::ToOwned> Own for &T
where
    T::Owned: 'static,
{
    type Owned = T::Owned;
    fn own(self) -> T::Owned {
        self.to_owned()
    }
}
impl<T: ?Sized + alloc::borrow::ToOwned> Own for &mut T
where
    T::Owned: 'static,
{
    type Owned = T::Owned;
    fn own(self) -> T::Owned {
        (*self).to_owned()
    }
}
impl<T: Own> Own for Option<T> {
    type Owned = Option<T::Owned>;
    fn own(self) -> Self::Owned {
        self.map(Own::own)
    }
}
macro_rules! own_values {
    ($($t:ty),*) => {$(
        impl Own for $t {
            type Owned = $t;
            fn own(self) -> $t {
                self
            }
        }
    )*};
}
own_values!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, bool, char, String
);
macro_rules! own_tuples {
    ($(($($t:ident),+)),*) => {$(
        #[allow(non_snake_case)]
        impl<$($t: Own),+> Own for ($($t,)+) {
            type Owned = ($($t::Owned,)+);
            fn own(self) -> Self::Owned {
                let ($($t,)+) = self;
                ($($t.own(),)+)
            }
        }
    )*};
}
own_tuples!((A, B), (A, B, C));

impl<T> Iterator for Iter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<iterator>")
    }
}

/// The items of `items`, or an error past [`COLLECT_LIMIT`].
pub fn collect<T>(items: impl IntoIterator<Item = T>) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for x in items {
        if out.len() == COLLECT_LIMIT {
            return Err(format!(
                "an iterator gave more than {COLLECT_LIMIT} items: it may never end"
            ));
        }
        out.push(x);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn tuple_parts_are_owned_one_by_one() {
        #[derive(Clone, Debug, PartialEq)]
        struct Key(u8);
        let (keys, words, mut n) = ([Key(1), Key(2)], ["a", "b"], 7i64);
        let pairs = keys.iter().cloned().zip(words.iter().copied());
        let it = Iter::owned_by(pairs, |(k, w)| ((&k).own_part(), (&w).own_part())).unwrap();
        assert_eq!(
            collect(it),
            Ok(vec![
                (Key(1), String::from("a")),
                (Key(2), String::from("b"))
            ])
        );
        let m: &mut i64 = &mut n;
        assert_eq!((&m).own_part(), 7);
    }

    #[test]
    fn wraps_and_collects() {
        let it = Iter::new(vec![1i64, 2, 3].into_iter().map(|x| x * 2));
        assert_eq!(collect(it), Ok(vec![2, 4, 6]));
        assert_eq!(alloc::format!("{:?}", Iter::new(vec![1])), "<iterator>");
        let m = [(String::from("a"), 1i64)];
        let owned = Iter::owned(m.iter().map(|(k, v)| (k, v))).unwrap();
        assert_eq!(collect(owned), Ok(vec![(String::from("a"), 1)]));
        let endless = core::iter::repeat(0u8);
        assert!(collect(endless).unwrap_err().contains("may never end"));
    }
}
