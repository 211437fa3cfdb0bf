//! Names as the emitted Rust writes them: Rust's keywords raw (`r#unsafe`), and a
//! parameter rustdoc names with a pattern or `_` as `arg{i}`.

/// Rust's keywords that a raw identifier may spell (`self`, `super`, `crate` and `Self`
/// cannot be raw, nor be names of fields or parameters). Not `gen`, a keyword only from
/// the 2024 edition, which plugins are not (rand 0.9's `gen` is bound as it is).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "if", "impl", "in", "let", "loop", "macro", "match",
    "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while",
    "yield", "abstract", "become",
];

/// Whether `name` is a Rust keyword (a raw identifier in the crate's source).
pub(crate) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A field's name as Rust source writes it: raw if it is a keyword (sqlparser's
/// `Expr::Position { expr, r#in }`, which rustdoc writes `in`).
pub(crate) fn raw_if_keyword(name: &str) -> String {
    if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// A parameter or field name as Rust accepts it (`_` or a pattern becomes `arg{i}`).
pub(crate) fn ident(name: &str, i: usize) -> String {
    let ok = !name.is_empty()
        && name != "_"
        && name
            .trim_start_matches("r#")
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        // A field named with a keyword (comrak's `pub r#unsafe: bool`) is written raw.
        raw_if_keyword(name)
    } else {
        format!("arg{i}")
    }
}

#[cfg(test)]
mod tests {
    use super::{ident, raw_if_keyword};

    #[test]
    fn keywords_are_raw_and_patterns_are_numbered() {
        assert_eq!(raw_if_keyword("in"), "r#in");
        assert_eq!(raw_if_keyword("gen"), "gen");
        assert_eq!(ident("unsafe", 0), "r#unsafe");
        assert_eq!(ident("width", 0), "width");
        assert_eq!(ident("_", 2), "arg2");
        assert_eq!(ident("(a, b)", 1), "arg1");
    }
}
