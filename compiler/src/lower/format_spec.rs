//! Python's format spec in an f-string (`f"{x:.2f}"`, `f"{n:,}"`, `f"{r:.1%}"`,
//! `f"{s:>10}"`, `f"{b:02x}"`) as Rust's `format!` spec: the parts Rust shares (fill,
//! align, sign, `#`, `0`, width, precision, `x`/`X`/`o`/`b`) as they are, a type Rust
//! spells otherwise (`f`, `d`, `s`, `%`, `e`) translated, and what Rust has not (digit
//! grouping, Python's exponent) done by `kayton_api`'s runtime first.
use crate::types::Ty;

/// What one `{x:spec}` becomes: the Rust spec, the argument's code, and text after it.
pub struct Formatted {
    pub spec: String,
    pub arg: String,
    pub suffix: &'static str,
}

/// The Python `spec` of a value of type `ty` (code `code`) as Rust formats it.
pub fn python_spec(spec: &str, ty: &Ty, code: &str) -> Result<Formatted, String> {
    let unsupported = || format!("unsupported format spec `{spec}`");
    let c: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut head = String::new();
    // [[fill]align]
    if c.len() >= 2 && "<>^=".contains(c[1]) {
        head.extend([c[0], c[1]]);
        i = 2;
    } else if !c.is_empty() && "<>^=".contains(c[0]) {
        head.push(c[0]);
        i = 1;
    }
    if head.ends_with('=') {
        return Err(unsupported());
    }
    let mut flags = String::new();
    // [sign][#][0]
    if i < c.len() && (c[i] == '+' || c[i] == '-') {
        flags.push(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        flags.push('#');
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        flags.push('0');
        i += 1;
    }
    let mut width = String::new();
    while i < c.len() && c[i].is_ascii_digit() {
        width.push(c[i]);
        i += 1;
    }
    let mut group = None;
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        group = Some(c[i]);
        i += 1;
    }
    let mut precision = None;
    if i < c.len() && c[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < c.len() && c[i].is_ascii_digit() {
            p.push(c[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(unsupported());
        }
        precision = Some(p);
    }
    let kind = match &c[i..] {
        [] => None,
        [k] if "bdeEfFgGnosxX%?".contains(*k) => Some(*k),
        _ => return Err(unsupported()),
    };
    // A wide Rust integer (a `u64` hash) formats as an int does.
    let int = *ty == Ty::Int || ty.is_wide_int();
    let number = int || *ty == Ty::Float;
    let need = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("`{spec}` formats {what}, not a `{}`", ty.name()))
        }
    };
    let as_float = |code: &str| {
        if ty.is_wide_int() {
            super::wide::to_float(code)
        } else if int {
            format!("({code} as f64)")
        } else {
            code.to_string()
        }
    };
    let (mut arg, mut ty_char, mut suffix) = (code.to_string(), "", "");
    match kind {
        Some('f' | 'F' | '%') => {
            need(number, "a number")?;
            arg = as_float(code);
            if kind == Some('%') {
                arg = format!("({arg} * 100.0)");
                suffix = "%";
            }
            precision.get_or_insert_with(|| "6".into());
        }
        Some('e' | 'E') => {
            need(number, "a number")?;
            let p = precision.take().unwrap_or_else(|| "6".into());
            let upper = kind == Some('E');
            arg = format!("kayton::rt::py_exp({}, {p}, {upper})", as_float(code));
        }
        Some('d') => need(int, "an int")?,
        Some('b' | 'o' | 'x' | 'X') => {
            need(int, "an int")?;
            ty_char = match kind {
                Some('b') => "b",
                Some('o') => "o",
                Some('x') => "x",
                _ => "X",
            };
        }
        Some('s') => need(*ty == Ty::Str, "a string")?,
        // Rust's `?` (Debug), as before: a string quoted.
        Some('?') => ty_char = "?",
        // `g` and `n`: the shortest text, as Keyton shows numbers.
        _ => {}
    }
    if let Some(sep) = group {
        need(number && ty_char.is_empty(), "a number in decimal")?;
        let p = precision
            .take()
            .map(|p| format!(".{p}"))
            .unwrap_or_default();
        arg = format!("kayton::rt::group_digits(&format!(\"{{:{p}}}\", {arg}), {sep:?})");
    }
    let precision = precision.map(|p| format!(".{p}")).unwrap_or_default();
    Ok(Formatted {
        spec: format!("{head}{flags}{width}{precision}{ty_char}"),
        arg,
        suffix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str, ty: Ty) -> (String, String, &'static str) {
        let f = python_spec(s, &ty, "x").unwrap();
        (f.spec, f.arg, f.suffix)
    }

    #[test]
    fn python_specs_become_rust_ones() {
        assert_eq!(spec(".2f", Ty::Float), (".2".into(), "x".into(), ""));
        assert_eq!(spec(".2f", Ty::Int), (".2".into(), "(x as f64)".into(), ""));
        assert_eq!(spec(">8.3f", Ty::Float).0, ">8.3");
        assert_eq!(spec("02x", Ty::Int).0, "02x");
        assert_eq!(spec("*^9", Ty::Str).0, "*^9");
        assert_eq!(spec("?", Ty::Str).0, "?");
        assert_eq!(
            spec(".1%", Ty::Float),
            (".1".into(), "(x * 100.0)".into(), "%")
        );
        let (s, a, _) = spec(",", Ty::Int);
        assert_eq!(s, "");
        assert!(a.contains("group_digits"), "{a}");
        assert!(python_spec(".2f", &Ty::Str, "x").is_err());
        assert!(python_spec("=5", &Ty::Int, "x").is_err());
        assert!(python_spec("5q", &Ty::Int, "x").is_err());
    }
}
