//! Keyton's display rules: `True`/`False`, floats as Python shows them, strings bare at
//! top level and quoted inside lists, `None`/`()` show nothing; Rust values use
//! `Display`, else `Debug`, else `<TypeName>` (picked by autoref specialisation).
use std::fmt::{Debug, Display};
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

/// Python's float repr: shortest round-trip, always with a decimal point or exponent.
pub fn fmt_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Python switches to exponent form here: 1e+16, 1e-05.
        let s = format!("{x:e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        return format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let s = x.to_string();
    if s.contains('.') {
        s
    } else {
        s + ".0"
    }
}

/// How a built-in Keyton value shows.
pub trait KShow {
    /// As `print`, `str` and a cell's result show it.
    fn kshow(&self) -> String;
    /// As it shows inside a list (strings quoted).
    fn krepr(&self) -> String {
        self.kshow()
    }
    /// Whether a cell whose value this is has no result (`None`, `()`).
    fn is_nothing(&self) -> bool {
        false
    }
}

impl KShow for i64 {
    fn kshow(&self) -> String {
        self.to_string()
    }
}
impl KShow for f64 {
    fn kshow(&self) -> String {
        fmt_float(*self)
    }
}
impl KShow for bool {
    fn kshow(&self) -> String {
        if *self { "True" } else { "False" }.into()
    }
}
impl KShow for String {
    fn kshow(&self) -> String {
        self.clone()
    }
    /// Python's `repr`: single quotes unless the text has a `'` and no `"`; the quote,
    /// backslashes and control characters escaped (`'\r\n'`, `'\x1b'`).
    fn krepr(&self) -> String {
        let q = if self.contains('\'') && !self.contains('"') {
            '"'
        } else {
            '\''
        };
        let mut s = String::from(q);
        for c in self.chars() {
            match c {
                c if c == q => {
                    s.push('\\');
                    s.push(c);
                }
                '\\' => s.push_str("\\\\"),
                '\n' => s.push_str("\\n"),
                '\r' => s.push_str("\\r"),
                '\t' => s.push_str("\\t"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    s.push_str(&format!("\\x{:02x}", c as u32))
                }
                c => s.push(c),
            }
        }
        s.push(q);
        s
    }
}
impl KShow for () {
    fn kshow(&self) -> String {
        "None".into()
    }
    fn is_nothing(&self) -> bool {
        true
    }
}
impl<T: KShow> KShow for Vec<T> {
    fn kshow(&self) -> String {
        super::show_list(self)
    }
}
impl<T: KShow> KShow for Option<T> {
    fn kshow(&self) -> String {
        match self {
            Some(v) => v.kshow(),
            None => "None".into(),
        }
    }
    fn krepr(&self) -> String {
        match self {
            Some(v) => v.krepr(),
            None => "None".into(),
        }
    }
    fn is_nothing(&self) -> bool {
        self.is_none()
    }
}
/// Tuples show as Python's do: `(1, "a")`, and `(1,)` for one element.
macro_rules! show_tuples {
    ($(($($t:ident $i:tt),+)),*) => {$(
        impl<$($t: KShow),+> KShow for ($($t,)+) {
            fn kshow(&self) -> String {
                let items = [$(self.$i.krepr()),+];
                match items.len() {
                    1 => format!("({},)", items[0]),
                    _ => format!("({})", items.join(", ")),
                }
            }
        }
    )*};
}
show_tuples!(
    (A 0),
    (A 0, B 1),
    (A 0, B 1, C 2),
    (A 0, B 1, C 2, D 3),
    (A 0, B 1, C 2, D 3, E 4),
    (A 0, B 1, C 2, D 3, E 4, F 5)
);

impl KShow for std::ops::Range<i64> {
    fn kshow(&self) -> String {
        format!("{}..{}", self.start, self.end)
    }
}

/// Wrapper for choosing how a Rust value shows: `(&&&Wrap(&v)).kayton_show()`.
pub struct Wrap<'a, T>(pub &'a T);

pub trait ViaDisplay {
    fn kayton_show(&self) -> String;
}
impl<T: Display> ViaDisplay for &&Wrap<'_, T> {
    fn kayton_show(&self) -> String {
        self.0.to_string()
    }
}
pub trait ViaDebug {
    fn kayton_show(&self) -> String;
}
impl<T: Debug> ViaDebug for &Wrap<'_, T> {
    fn kayton_show(&self) -> String {
        format!("{:?}", self.0)
    }
}
pub trait ViaName {
    fn kayton_show(&self) -> String;
}
impl<T> ViaName for Wrap<'_, T> {
    fn kayton_show(&self) -> String {
        format!("<{}>", std::any::type_name::<T>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn floats_show_like_python() {
        assert_eq!(fmt_float(4.0), "4.0");
        assert_eq!(fmt_float(3.5), "3.5");
        assert_eq!(fmt_float(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(fmt_float(1e16), "1e+16");
        assert_eq!(fmt_float(1e-5), "1e-05");
        assert_eq!(fmt_float(-0.0), "-0.0");
        assert_eq!(fmt_float(123456.0), "123456.0");
    }

    #[test]
    fn values_show() {
        assert_eq!(true.kshow(), "True");
        assert_eq!(vec![1i64, 2].kshow(), "[1, 2]");
        assert_eq!(vec![String::from("a'b")].kshow(), "[\"a'b\"]");
        assert_eq!(
            vec![String::from("'\""), String::from("\r\n\x1b")].kshow(),
            "['\\'\"', '\\r\\n\\x1b']"
        );
        assert!(Option::<i64>::None.is_nothing());
        assert_eq!(Some(3i64).kshow(), "3");
        assert!(().is_nothing());
        assert_eq!((1i64, String::from("a"), true).kshow(), "(1, 'a', True)");
        assert_eq!((2.0f64,).kshow(), "(2.0,)");
        assert_eq!(vec![(1i64, 2i64)].kshow(), "[(1, 2)]");
    }

    struct Opaque;
    #[derive(Debug)]
    struct OnlyDebug(#[allow(dead_code)] i32);

    #[test]
    // The borrows are the autoref specialisation under test, not noise.
    #[allow(clippy::needless_borrow)]
    fn rust_values_pick_display_then_debug_then_name() {
        assert_eq!((&&&Wrap(&7u8)).kayton_show(), "7");
        assert_eq!((&&&Wrap(&OnlyDebug(1))).kayton_show(), "OnlyDebug(1)");
        assert!((&&&Wrap(&Opaque)).kayton_show().starts_with("<"));
    }
}
