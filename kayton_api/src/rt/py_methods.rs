//! Python's methods of strings and lists that Keyton users type without thinking
//! (`s.find(x)`, `"{} and {}".format(a, b)`, `xs.index(x)`, `xs.insert(0, x)`, and the
//! f-string specs Rust lacks: `{n:,}`, `{x:.2e}`), as
//! Python defines them: positions count characters, a missing item is an error that
//! says so, an index past either end is clamped where Python clamps it.
use super::KErr;
use std::format;
use std::string::String;
use std::vec::Vec;

/// `s.find(sub)`: the character position of the first `sub`, or -1.
pub fn str_find(s: &str, sub: &str) -> i64 {
    match s.find(sub) {
        Some(b) => s[..b].chars().count() as i64,
        None => -1,
    }
}

/// `s.count(sub)`: non-overlapping occurrences (an empty `sub` is found between every
/// two characters and at both ends, as in Python).
pub fn str_count(s: &str, sub: &str) -> i64 {
    if sub.is_empty() {
        return s.chars().count() as i64 + 1;
    }
    s.matches(sub).count() as i64
}

/// `s.title()`: each run of letters starts upper-case, the rest lower-case.
pub fn str_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if in_word {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}

/// `template.format(a, b)`: `{}` takes the next argument, `{0}` the one at a position,
/// `{{` and `}}` are braces. A format spec or a name inside the braces is an error (an
/// f-string takes both).
pub fn str_format(template: &str, args: &[String]) -> Result<String, KErr> {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => field.push(c),
                        None => return Err(KErr::new("format: a `{` is not closed")),
                    }
                }
                let i = if field.is_empty() {
                    next += 1;
                    next - 1
                } else {
                    field.parse::<usize>().map_err(|_| {
                        KErr(format!(
                            "format: `{{{field}}}` is not supported here (use an f-string: f\"{{x:.2}}\")"
                        ))
                    })?
                };
                let a = args.get(i).ok_or_else(|| {
                    KErr(format!(
                        "format: replacement index {i} out of range for {} argument(s)",
                        args.len()
                    ))
                })?;
                out.push_str(a);
            }
            '}' => return Err(KErr::new("format: a single `}` (write `}}`)")),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `xs.index(x)`: the position of the first `x`; a missing one is an error.
pub fn list_index<T: PartialEq>(xs: &[T], x: &T, shown: &str) -> Result<i64, KErr> {
    xs.iter()
        .position(|e| e == x)
        .map(|i| i as i64)
        .ok_or_else(|| KErr(format!("{shown} is not in list")))
}

/// `xs.remove(x)`: removes the first `x`; a missing one is an error.
pub fn list_remove<T: PartialEq>(xs: &mut Vec<T>, x: &T, shown: &str) -> Result<(), KErr> {
    let i = xs
        .iter()
        .position(|e| e == x)
        .ok_or_else(|| KErr(format!("list.remove(x): {shown} is not in list")))?;
    xs.remove(i);
    Ok(())
}

/// `xs.insert(i, x)`: before position `i`, counted from the end when negative, clamped to
/// the list (as Python does).
pub fn list_insert<T>(xs: &mut Vec<T>, i: i64, x: T) {
    let n = xs.len() as i64;
    let at = if i < 0 { (n + i).max(0) } else { i.min(n) };
    xs.insert(at as usize, x);
}

/// `s.capitalize()`: the first character upper-case, the rest lower-case.
pub fn str_capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.as_str().to_lowercase().chars())
            .collect(),
        None => String::new(),
    }
}

/// `s.ljust(w, fill)`, `s.rjust(w, fill)`, `s.center(w, fill)` (`how` is `<`, `>` or `^`):
/// padded with `fill` (one character) to `w` characters; a longer `s` is kept whole.
pub fn str_pad(s: &str, width: i64, fill: &str, how: char) -> Result<String, KErr> {
    let mut f = fill.chars();
    let (Some(fc), None) = (f.next(), f.next()) else {
        return Err(KErr::new(
            "the fill character must be exactly one character long",
        ));
    };
    let n = s.chars().count() as i64;
    let pad = (width - n).max(0) as usize;
    let (left, right) = match how {
        '<' => (0, pad),
        '>' => (pad, 0),
        // As CPython splits it: the odd character goes left only when the width is odd.
        _ => {
            let l = pad / 2 + (pad & width.max(0) as usize & 1);
            (l, pad - l)
        }
    };
    let mut out = String::new();
    out.extend(core::iter::repeat_n(fc, left));
    out.push_str(s);
    out.extend(core::iter::repeat_n(fc, right));
    Ok(out)
}

/// `s.zfill(w)`: zeros on the left to `w` characters, after a sign.
pub fn str_zfill(s: &str, width: i64) -> String {
    let n = s.chars().count() as i64;
    let pad = (width - n).max(0) as usize;
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), &s[1..]),
        _ => (None, s),
    };
    let mut out: String = sign.into_iter().collect();
    out.extend(core::iter::repeat_n('0', pad));
    out.push_str(rest);
    out
}

/// `s.partition(sep)`: before, the separator, after (the whole string and two empty ones
/// when `sep` is not in it).
pub fn str_partition(s: &str, sep: &str) -> (String, String, String) {
    match s.split_once(sep) {
        Some((a, b)) => (a.into(), sep.into(), b.into()),
        None => (s.into(), String::new(), String::new()),
    }
}

/// `f"{n:,}"`: the digits of a number's text grouped by threes with `sep`, left of its
/// point (`-1234567.5` → `-1,234,567.5`).
pub fn group_digits(text: &str, sep: char) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// `f"{x:.2e}"` as Python writes it: the exponent signed and at least two digits
/// (`1.23e+03`, where Rust writes `1.23e3`).
pub fn py_exp(x: f64, precision: usize, upper: bool) -> String {
    let s = format!("{x:.precision$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    let e = if upper { 'E' } else { 'e' };
    format!("{mantissa}{e}{sign}{digits:0>2}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn strings_as_python_counts_them() {
        assert_eq!(str_find("héllo", "l"), 2);
        assert_eq!(str_find("abc", "z"), -1);
        assert_eq!(str_count("banana", "an"), 2);
        assert_eq!(str_count("ab", ""), 3);
        assert_eq!(str_title("hello wORLD-x"), "Hello World-X");
    }

    #[test]
    fn padding_as_python_pads() {
        assert_eq!(str_pad("ab", 6, "-", '^').unwrap(), "--ab--");
        assert_eq!(str_pad("abc", 6, "*", '^').unwrap(), "*abc**");
        assert_eq!(str_pad("a", 4, "*", '^').unwrap(), "*a**");
        assert_eq!(str_pad("ab", 5, "*", '^').unwrap(), "**ab*");
        assert_eq!(str_pad("ab", 4, "*", '<').unwrap(), "ab**");
        assert_eq!(str_pad("ab", 4, " ", '>').unwrap(), "  ab");
        assert_eq!(str_pad("abcdef", 4, " ", '>').unwrap(), "abcdef");
        assert!(str_pad("ab", 4, "**", '<').is_err());
        assert_eq!(str_zfill("-42", 5), "-0042");
        assert_eq!(str_zfill("ab", 5), "000ab");
        assert_eq!(str_capitalize("hELLO"), "Hello");
        assert_eq!(
            str_partition("k=v=w", "="),
            ("k".into(), "=".into(), "v=w".into())
        );
    }

    #[test]
    fn numbers_as_python_formats_them() {
        assert_eq!(group_digits("1234567", ','), "1,234,567");
        assert_eq!(group_digits("-1234567.50", ','), "-1,234,567.50");
        assert_eq!(group_digits("999", '_'), "999");
        assert_eq!(py_exp(1234.5, 2, false), "1.23e+03");
        assert_eq!(py_exp(0.000123, 1, true), "1.2E-04");
    }

    #[test]
    fn format_takes_positions_and_braces() {
        let a = [String::from("1"), String::from("x")];
        assert_eq!(str_format("{} and {}", &a).unwrap(), "1 and x");
        assert_eq!(str_format("{1}{0} {{}}", &a).unwrap(), "x1 {}");
        assert!(str_format("{} {} {}", &a).is_err());
        assert!(str_format("{:.2}", &a).is_err());
    }

    #[test]
    fn lists_as_python_changes_them() {
        let mut xs = vec![1, 2, 3];
        list_insert(&mut xs, -1, 9);
        list_insert(&mut xs, 99, 7);
        assert_eq!(xs, vec![1, 2, 9, 3, 7]);
        assert_eq!(list_index(&xs, &9, "9").unwrap(), 2);
        assert!(list_remove(&mut xs, &5, "5").is_err());
        list_remove(&mut xs, &9, "9").unwrap();
        assert_eq!(xs, vec![1, 2, 3, 7]);
    }
}
