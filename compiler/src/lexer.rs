//! The lexer: characters to tokens, with Python-style INDENT/DEDENT/NEWLINE tokens.
//! Newlines inside `()`, `[]`, `{}` are not statement ends.
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::token::{Tok, Token, KEYWORDS, OPS};

mod strings;

/// The error of a triple-quoted string still open at the end of the text: in the REPL
/// and Jupyter, more lines are coming (`parser::completeness`).
pub(crate) const UNCLOSED_TRIPLE: &str = "this triple-quoted string is never closed";

pub fn lex(src: &str) -> Result<Vec<Token>> {
    lex_at(src, 0, true)
}

/// Lex `src` whose first byte is at `base` in the cell (f-string parts use this).
/// `layout` turns on NEWLINE/INDENT/DEDENT.
pub fn lex_at(src: &str, base: usize, layout: bool) -> Result<Vec<Token>> {
    Lexer {
        src,
        base,
        pos: 0,
        out: Vec::new(),
        indents: vec![0],
        depth: 0,
        layout,
    }
    .run()
}

struct Lexer<'a> {
    src: &'a str,
    base: usize,
    pos: usize,
    out: Vec<Token>,
    indents: Vec<usize>,
    depth: usize,
    layout: bool,
}

impl<'a> Lexer<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }
    fn push(&mut self, tok: Tok, start: usize) {
        let s = self.span(start, self.pos);
        self.out.push(Token { tok, span: s });
    }
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }
    fn peek2(&self) -> Option<char> {
        let mut it = self.src[self.pos..].chars();
        it.next();
        it.next()
    }
    fn err(&self, start: usize, end: usize, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.span(start, end), msg)
    }

    fn run(mut self) -> Result<Vec<Token>> {
        let mut at_line_start = self.layout;
        while self.pos < self.src.len() {
            if at_line_start {
                at_line_start = false;
                if self.indentation()? {
                    continue;
                }
            }
            let c = self.peek().unwrap();
            let start = self.pos;
            match c {
                '\n' => {
                    self.pos += 1;
                    if self.depth == 0 && self.layout {
                        if !matches!(self.out.last().map(|t| &t.tok), None | Some(Tok::Newline)) {
                            self.push(Tok::Newline, start);
                        }
                        at_line_start = true;
                    }
                }
                ' ' | '\r' | '\t' => self.pos += 1,
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += c.len_utf8().max(1);
                        self.pos = self.next_char_boundary();
                    }
                }
                '0'..='9' => self.number()?,
                '"' | '\'' => {
                    let s = self.string(c)?;
                    self.push(Tok::Str(s), start);
                }
                // `r"\d+"` (raw), `b"abc"` (bytes, a string of ASCII), `rb"…"`/`br"…"`.
                'r' | 'R' | 'b' | 'B' if self.string_prefix().is_some() => {
                    let (len, raw, bytes) = self.string_prefix().unwrap();
                    self.pos += len;
                    let q = self.peek().unwrap();
                    let s = self.quoted(q, raw)?;
                    if bytes {
                        // As in Python: a bytes literal is written in ASCII; `\xNN`
                        // escapes give the bytes above 0x7f.
                        if let Some(c) = self.src[start..self.pos].chars().find(|c| !c.is_ascii()) {
                            return Err(self.err(
                                start,
                                self.pos,
                                format!("a bytes literal holds ASCII only, found `{c}`"),
                            ));
                        }
                        if let Some(c) = s.chars().find(|c| *c as u32 > 0xff) {
                            return Err(self.err(
                                start,
                                self.pos,
                                format!(
                                    "a bytes literal holds bytes only, found `\\u{{{:x}}}`",
                                    c as u32
                                ),
                            ));
                        }
                        if !s.is_ascii() {
                            let b = s.chars().map(|c| c as u32 as u8).collect();
                            self.push(Tok::Bytes(b), start);
                            continue;
                        }
                    }
                    self.push(Tok::Str(s), start);
                }
                'f' if matches!(self.peek2(), Some('"') | Some('\'')) => {
                    self.pos += 1;
                    let q = self.peek().unwrap();
                    let body_start = self.pos + if self.at_triple_quote(q) { 3 } else { 1 };
                    let raw = self.string(q)?;
                    let parts = self.fparts(&raw, body_start, start)?;
                    self.push(Tok::FStr(parts), start);
                }
                c if c.is_alphabetic() || c == '_' => {
                    while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        self.pos += self.peek().unwrap().len_utf8();
                    }
                    let word = &self.src[start..self.pos];
                    let tok = match KEYWORDS.iter().find(|k| **k == word) {
                        Some(k) => Tok::Kw(k),
                        None => Tok::Name(word.to_string()),
                    };
                    self.push(tok, start);
                }
                _ => {
                    let Some(op) = OPS.iter().find(|o| self.src[self.pos..].starts_with(**o))
                    else {
                        return Err(self.err(
                            start,
                            start + c.len_utf8(),
                            format!("unexpected character `{c}`"),
                        ));
                    };
                    self.pos += op.len();
                    match *op {
                        "(" | "[" | "{" => self.depth += 1,
                        ")" | "]" | "}" => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    }
                    self.push(Tok::Op(op), start);
                }
            }
        }
        if self.layout {
            if !matches!(self.out.last().map(|t| &t.tok), None | Some(Tok::Newline)) {
                self.push(Tok::Newline, self.pos);
            }
            while self.indents.len() > 1 {
                self.indents.pop();
                self.push(Tok::Dedent, self.pos);
            }
        }
        self.push(Tok::Eof, self.pos);
        Ok(self.out)
    }

    fn next_char_boundary(&self) -> usize {
        let mut p = self.pos;
        while p < self.src.len() && !self.src.is_char_boundary(p) {
            p += 1;
        }
        p
    }

    /// Measure a line's indentation and emit INDENT/DEDENT. Returns true for a blank or
    /// comment-only line (which says nothing about blocks).
    fn indentation(&mut self) -> Result<bool> {
        let start = self.pos;
        let mut width = 0;
        while let Some(c) = self.peek() {
            match c {
                ' ' => width += 1,
                '\t' => {
                    return Err(self.err(
                        self.pos,
                        self.pos + 1,
                        "a tab in indentation: indent with spaces",
                    ));
                }
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek() {
            None | Some('\n') | Some('#') | Some('\r') => {
                if self.peek() == Some('#') {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += self.peek().unwrap().len_utf8();
                    }
                }
                if self.peek() == Some('\r') {
                    self.pos += 1;
                }
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                return Ok(true);
            }
            _ => {}
        }
        if self.depth > 0 {
            return Ok(false);
        }
        let cur = *self.indents.last().unwrap();
        if width > cur {
            self.indents.push(width);
            self.push(Tok::Indent, start);
        } else if width < cur {
            while *self.indents.last().unwrap() > width {
                self.indents.pop();
                self.push(Tok::Dedent, start);
            }
            if *self.indents.last().unwrap() != width {
                return Err(self.err(
                    start,
                    self.pos,
                    "this line's indentation matches no enclosing block",
                ));
            }
        }
        Ok(false)
    }

    fn number(&mut self) -> Result<()> {
        let start = self.pos;
        let s = &self.src[self.pos..];
        if s.starts_with("0x") || s.starts_with("0X") {
            self.pos += 2;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_hexdigit() || c == '_')
            {
                self.pos += 1;
            }
            let digits = self.src[start + 2..self.pos].replace('_', "");
            let v = i64::from_str_radix(&digits, 16)
                .map_err(|_| self.err(start, self.pos, "this hex literal does not fit in i64"))?;
            self.push(Tok::Int(v), start);
            return Ok(());
        }
        let mut float = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == '_' {
                self.pos += 1;
            } else if c == '.' && !float && self.peek2().is_some_and(|d| d.is_ascii_digit()) {
                float = true;
                self.pos += 1;
            } else if (c == 'e' || c == 'E')
                && (self
                    .peek2()
                    .is_some_and(|d| d.is_ascii_digit() || d == '-' || d == '+'))
            {
                float = true;
                self.pos += 2;
            } else {
                break;
            }
        }
        let text = self.src[start..self.pos].replace('_', "");
        if float {
            let v = text
                .parse::<f64>()
                .map_err(|_| self.err(start, self.pos, "malformed float literal"))?;
            self.push(Tok::Float(v), start);
        } else {
            let v = text.parse::<i64>().map_err(|_| {
                self.err(
                    start,
                    self.pos,
                    format!("integer literal {text} does not fit in i64"),
                )
            })?;
            self.push(Tok::Int(v), start);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::FPart;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn blocks_become_indent_and_dedent() {
        let t = toks("if x:\n    y\nz\n");
        assert_eq!(
            t,
            vec![
                Tok::Kw("if"),
                Tok::Name("x".into()),
                Tok::Op(":"),
                Tok::Newline,
                Tok::Indent,
                Tok::Name("y".into()),
                Tok::Newline,
                Tok::Dedent,
                Tok::Name("z".into()),
                Tok::Newline,
                Tok::Eof
            ]
        );
    }

    #[test]
    fn triple_quoted_strings_span_lines() {
        let src =
            "x = \"\"\"<a>\n  <b \"q\"/>\n</a>\"\"\"\ny = '''it's'''\nz = f\"\"\"{x}!\"\"\"\n";
        let t = toks(src);
        assert!(
            t.contains(&Tok::Str("<a>\n  <b \"q\"/>\n</a>".into())),
            "{t:?}"
        );
        assert!(t.contains(&Tok::Str("it's".into())), "{t:?}");
        assert!(t.iter().any(|t| matches!(t, Tok::FStr(_))), "{t:?}");
        // One statement per string, however many lines it spans.
        assert_eq!(t.iter().filter(|t| **t == Tok::Newline).count(), 3, "{t:?}");
        // A backslash at the end of a line joins the next; `""` is still empty.
        assert!(toks("s = \"\"\"a\\\nb\"\"\"\n").contains(&Tok::Str("ab".into())));
        assert!(toks("s = \"\"\n").contains(&Tok::Str(String::new())));
        let e = lex("s = '''never\nclosed\n").unwrap_err();
        assert_eq!(e.message, UNCLOSED_TRIPLE);
    }

    #[test]
    fn literals() {
        assert_eq!(
            toks("1_000 0xff 2e-3 1.5")[..4],
            [
                Tok::Int(1000),
                Tok::Int(255),
                Tok::Float(0.002),
                Tok::Float(1.5)
            ]
        );
        assert_eq!(toks(r#"'it\'s'"#)[0], Tok::Str("it's".into()));
        assert_eq!(
            toks("0..10")[..3],
            [Tok::Int(0), Tok::Op(".."), Tok::Int(10)]
        );
    }

    #[test]
    fn fstrings_split_into_parts() {
        let t = toks(r#"f"x = {x}, {pi:.2}""#);
        let Tok::FStr(parts) = &t[0] else { panic!() };
        assert_eq!(parts[0], FPart::Lit("x = ".into()));
        assert!(matches!(&parts[1], FPart::Expr { src, spec: None, .. } if src == "x"));
        assert!(
            matches!(&parts[3], FPart::Expr { src, spec: Some(s), .. } if src == "pi" && s == ".2")
        );
    }

    #[test]
    fn tabs_and_bad_dedents_are_errors() {
        assert!(lex("if x:\n\ty\n").unwrap_err().message.contains("tab"));
        assert!(lex("if x:\n    y\n  z\n")
            .unwrap_err()
            .message
            .contains("indentation"));
    }

    #[test]
    fn newlines_inside_brackets_do_not_end_statements() {
        let t = toks("f(1,\n  2)\n");
        assert!(!t[..t.len() - 2].contains(&Tok::Newline));
    }
}
