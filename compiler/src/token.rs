//! Tokens of Keyton source.
use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    Lit(String),
    /// `{expr}` or `{expr:spec}`: the expression's source and where it starts.
    Expr {
        src: String,
        offset: usize,
        spec: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Int(i64),
    Float(f64),
    Str(String),
    /// `b"\x83n"`: a bytes literal with a byte above 0x7f (one that is all ASCII is a
    /// `Str`, passed as its bytes where Rust takes them).
    Bytes(Vec<u8>),
    FStr(Vec<FPart>),
    Name(String),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

pub const KEYWORDS: &[&str] = &[
    "fn", "let", "return", "if", "elif", "else", "while", "for", "in", "break", "continue", "pass",
    "and", "or", "not", "rimport", "from", "as", "True", "False", "None", "is", "global", "lambda",
    "try", "except", "finally", "raise", "def",
];

/// Longest first, so that `**` wins over `*`.
pub const OPS: &[&str] = &[
    "//=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "..=", "..", "->", "+", "-",
    "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".",
];

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Int(_) | Tok::Float(_) => "a number".into(),
            Tok::Str(_) | Tok::FStr(_) => "a string".into(),
            Tok::Bytes(_) => "a bytes literal".into(),
            Tok::Name(n) => format!("`{n}`"),
            Tok::Kw(k) => format!("`{k}`"),
            Tok::Op(o) => format!("`{o}`"),
            Tok::Newline => "the end of the line".into(),
            Tok::Indent => "an indented block".into(),
            Tok::Dedent => "the end of the block".into(),
            Tok::Eof => "the end of the input".into(),
        }
    }
}
