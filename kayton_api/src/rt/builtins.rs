//! What Keyton's builtins over values need at run time (LANGUAGE.md v1.1, "Builtins"):
//! `min`/`max` of a list or of several values (the first of equals wins, as in Python),
//! `sorted` (stable), `sum` (checked), `round` (ties to even), `range` with a step.
//! Values are compared through `PartialOrd`, so Rust values that implement it take part.
use super::KErr;
use std::cmp::Ordering;
use std::format;
use std::vec::Vec;

fn cmp<T: PartialOrd>(a: &T, b: &T) -> Ordering {
    a.partial_cmp(b).unwrap_or(Ordering::Equal)
}

/// `min(xs)`: the first smallest; an empty list is an error naming the builtin.
pub fn min_of<T: PartialOrd + Clone>(xs: &[T]) -> Result<T, KErr> {
    let mut it = xs.iter();
    let mut best = it
        .next()
        .ok_or_else(|| KErr::new("min() iterable argument is empty"))?;
    for x in it {
        if cmp(x, best) == Ordering::Less {
            best = x;
        }
    }
    Ok(best.clone())
}

/// `max(xs)`: the first largest; an empty list is an error naming the builtin.
pub fn max_of<T: PartialOrd + Clone>(xs: &[T]) -> Result<T, KErr> {
    let mut it = xs.iter();
    let mut best = it
        .next()
        .ok_or_else(|| KErr::new("max() iterable argument is empty"))?;
    for x in it {
        if cmp(x, best) == Ordering::Greater {
            best = x;
        }
    }
    Ok(best.clone())
}

/// `sorted(xs)`: a sorted copy (stable; incomparable values, like NaN, keep their order).
pub fn sorted<T: PartialOrd + Clone>(xs: &[T]) -> Vec<T> {
    let mut v = xs.to_vec();
    v.sort_by(cmp);
    v
}

/// `sum(xs)` of ints: an overflow is an error, never a wrap.
pub fn sum_i64(xs: &[i64]) -> Result<i64, KErr> {
    xs.iter()
        .try_fold(0i64, |a, b| a.checked_add(*b))
        .ok_or_else(|| KErr::new("integer overflow in sum()"))
}

/// `round(x)`: the nearest int, ties to even (`round(2.5)` is 2), as Python rounds.
pub fn round_int(x: f64) -> Result<i64, KErr> {
    super::float_to_int(x.round_ties_even())
}

/// `round(x, n)`: `x` to `n` decimal places, ties to even, on the exact value of `x` as
/// Python does (`round(2.675, 2)` is 2.67: 2.675 is stored as 2.67499…).
pub fn round_to(x: f64, n: i64) -> f64 {
    if (0..=300).contains(&n) && x.is_finite() {
        // Rust's formatting rounds the exact binary value correctly.
        let text = format!("{:.*}", n as usize, x);
        if let Ok(r) = text.parse::<f64>() {
            return r;
        }
    }
    let n = n.clamp(-308, 308) as i32;
    let p = 10f64.powi(n);
    let r = (x * p).round_ties_even() / p;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// `range(a, b, step)` as a list; a zero step is an error, as in Python.
pub fn range_step(a: i64, b: i64, step: i64) -> Result<Vec<i64>, KErr> {
    if step == 0 {
        return Err(KErr::new("range() arg 3 must not be zero"));
    }
    let mut out = Vec::new();
    let mut x = a;
    while (step > 0 && x < b) || (step < 0 && x > b) {
        out.push(x);
        x = match x.checked_add(step) {
            Some(n) => n,
            None => break,
        };
    }
    Ok(out)
}

/// `x in xs` for a string: a substring test.
pub fn contains_str(hay: &str, needle: &str) -> bool {
    hay.contains(needle)
}

/// The characters of a string, each a string (`list("abc")`).
pub fn chars(s: &str) -> Vec<std::string::String> {
    s.chars().map(|c| format!("{c}")).collect()
}

/// `sorted(xs, reverse=True)`: stable both ways (equal items keep their order), as in
/// Python.
pub fn sorted_rev<T: PartialOrd + Clone>(xs: &[T], reverse: bool) -> Vec<T> {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| if reverse { cmp(b, a) } else { cmp(a, b) });
    v
}

/// `sorted(xs, key=f, reverse=…)` once each item's key is computed: `(key, item)`
/// pairs, sorted stably by key.
pub fn sorted_by_key<K: PartialOrd, T>(mut pairs: Vec<(K, T)>, reverse: bool) -> Vec<T> {
    pairs.sort_by(|a, b| {
        if reverse {
            cmp(&b.0, &a.0)
        } else {
            cmp(&a.0, &b.0)
        }
    });
    pairs.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_behave_like_pythons() {
        assert_eq!(min_of(&[5, 3, 8, 1]).unwrap(), 1);
        assert_eq!(max_of(&[1.5, 0.5]).unwrap(), 1.5);
        assert!(min_of::<i64>(&[]).unwrap_err().0.contains("empty"));
        assert_eq!(sorted(&[5, 3, 8, 1]), [1, 3, 5, 8]);
        assert_eq!(sum_i64(&[5, 3, 8, 1]).unwrap(), 17);
        assert!(sum_i64(&[i64::MAX, 1]).is_err());
        assert_eq!(round_int(3.7).unwrap(), 4);
        assert_eq!(round_int(2.5).unwrap(), 2);
        assert_eq!(round_to(1.23456, 2), 1.23);
        assert_eq!(round_to(2.675, 2), 2.67);
        assert_eq!(round_to(0.125, 2), 0.12);
        assert_eq!(round_to(1234.0, -2), 1200.0);
        assert_eq!(range_step(0, 10, 3).unwrap(), [0, 3, 6, 9]);
        assert_eq!(range_step(10, 0, -3).unwrap(), [10, 7, 4, 1]);
        assert!(range_step(0, 1, 0).is_err());
        assert_eq!(chars("hé"), ["h", "é"]);
    }
}

/// `ord(c)`: the code point of a one-character string, as in Python.
pub fn ord(s: &str) -> Result<i64, KErr> {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Ok(c as i64),
        _ => Err(KErr::new(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
    }
}

/// A Keyton string passed where Rust takes a `char`: it must be one character.
pub fn to_char(s: &str) -> Result<char, KErr> {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(KErr::new(format!(
            "expected a character (a string of length 1), found a string of length {}: {s:?}",
            s.chars().count()
        ))),
    }
}

/// `chr(i)`: the one-character string of a code point; out of range is an error.
pub fn chr(i: i64) -> Result<std::string::String, KErr> {
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .map(|c| c.into())
        .ok_or_else(|| KErr::new(format!("chr() arg not in range(0x110000): {i}")))
}

/// `hex(i)`, `bin(i)`, `oct(i)`: Python's spelling, a sign before the prefix.
pub fn int_text<I: Into<i128>>(i: I, base: u32) -> std::string::String {
    let i: i128 = i.into();
    let (prefix, digits) = match base {
        16 => ("0x", format!("{:x}", i.unsigned_abs())),
        8 => ("0o", format!("{:o}", i.unsigned_abs())),
        _ => ("0b", format!("{:b}", i.unsigned_abs())),
    };
    let sign = if i < 0 { "-" } else { "" };
    format!("{sign}{prefix}{digits}")
}

/// A wide Rust integer a call returned (`u64`, `u128`, `i128`), as `i128`: called as a
/// method so that a global (`&mut u64` in a cell) converts as a value does. (A `u128`
/// past `i128::MAX` wraps; none of the results Keyton keeps wide comes near it.)
pub trait WideInt {
    fn wide(&self) -> i128;
}
impl WideInt for u64 {
    fn wide(&self) -> i128 {
        i128::from(*self)
    }
}
impl WideInt for u128 {
    fn wide(&self) -> i128 {
        *self as i128
    }
}
impl WideInt for i128 {
    fn wide(&self) -> i128 {
        *self
    }
}
impl WideInt for i64 {
    fn wide(&self) -> i128 {
        i128::from(*self)
    }
}

/// `a op b` where one side is a wide Rust integer (a `u64` hash): computed in `i128`,
/// which holds both sides exactly, with an `int`'s meaning of each operator (`//`
/// floors), and the result an `int`, checked (`h % 16` fits; `h + 1` may not).
pub fn wide_arith(a: i128, op: &str, b: i128) -> Result<i64, KErr> {
    let zero = |what: &str| KErr::new(format!("{what} by zero"));
    let r = match op {
        "+" => a.checked_add(b),
        "-" => a.checked_sub(b),
        "*" => a.checked_mul(b),
        "/" => Some(a.checked_div(b).ok_or_else(|| zero("division"))?),
        "//" => {
            let q = a.checked_div(b).ok_or_else(|| zero("division"))?;
            Some(if a % b != 0 && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            })
        }
        // As an int's `%` (`rem_i64`): Rust's remainder.
        "%" => Some(a.checked_rem(b).ok_or_else(|| zero("modulo"))?),
        _ => {
            return Err(KErr::new(format!(
                "`{op}` is not defined for wide integers"
            )))
        }
    };
    let r = r.ok_or_else(|| KErr::new(format!("integer overflow in `{op}`")))?;
    i64::try_from(r).map_err(|_| KErr::new(format!("{r} does not fit in i64")))
}

#[cfg(test)]
mod python_int_builtins {
    use super::*;

    #[test]
    fn ord_chr_hex_as_python() {
        assert_eq!(ord("a").unwrap(), 97);
        assert_eq!(ord("é").unwrap(), 233);
        assert!(ord("ab").is_err() && ord("").is_err());
        assert_eq!(chr(98).unwrap(), "b");
        assert!(chr(-1).is_err() && chr(0x110000).is_err());
        assert_eq!(int_text(255, 16), "0xff");
        assert_eq!(int_text(-10, 2), "-0b1010");
        assert_eq!(int_text(8, 8), "0o10");
        assert_eq!(int_text(i64::MIN, 16), "-0x8000000000000000");
        assert_eq!(int_text(u64::MAX, 16), "0xffffffffffffffff");
    }

    #[test]
    fn wide_arithmetic_is_exact_and_checked() {
        let h = u64::MAX as i128;
        assert_eq!(wide_arith(h, "%", 16).unwrap(), 15);
        assert_eq!(wide_arith(h, "//", 1 << 32).unwrap(), (1 << 32) - 1);
        assert_eq!(wide_arith(-7, "%", 2).unwrap(), -1);
        assert_eq!(wide_arith(-7, "//", 2).unwrap(), -4);
        assert_eq!(wide_arith(h, "-", h - 5).unwrap(), 5);
        assert!(wide_arith(h, "+", 1)
            .unwrap_err()
            .0
            .contains("18446744073709551616 does not fit in i64"));
        assert!(wide_arith(h, "%", 0).is_err());
    }
}
