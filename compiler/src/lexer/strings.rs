//! String literals: quotes (single, triple), prefixes (`r`, `b`, `f`), escapes and the
//! parts of an f-string.
use super::{Lexer, UNCLOSED_TRIPLE};
use crate::diag::Result;
use crate::token::FPart;

impl Lexer<'_> {
    /// At `r"`, `b"`, `rb"`, `br"` (any case, either quote): the prefix's length and
    /// whether it is raw and bytes.
    pub(super) fn string_prefix(&self) -> Option<(usize, bool, bool)> {
        let rest = &self.src[self.pos..];
        let mut len = 0;
        let (mut raw, mut bytes) = (false, false);
        for c in rest.chars().take(2) {
            match c.to_ascii_lowercase() {
                'r' if !raw => raw = true,
                'b' if !bytes => bytes = true,
                _ => break,
            }
            len += 1;
        }
        matches!(rest[len..].chars().next(), Some('"' | '\''))
            .then_some((len, raw, bytes))
            .filter(|_| len > 0)
    }

    /// `\xNN`, `\u{…}`/`\uNNNN` after the backslash and the letter: the character.
    fn code_escape(&mut self, kind: char, at: usize) -> Result<char> {
        let digits: String = match kind {
            'x' => self.src[self.pos..].chars().take(2).collect(),
            _ if self.peek() == Some('{') => {
                let rest = &self.src[self.pos + 1..];
                // (The fuzzer's third finding: `\u{1` at the end of the text moved the
                // position past it.)
                let Some(close) = rest.find('}') else {
                    return Err(self.err(
                        at,
                        self.src.len(),
                        "bad escape: `\\u{` is never closed with `}`",
                    ));
                };
                let body = rest[..close].to_string();
                self.pos += 2; // `{` and `}`
                body
            }
            _ => self.src[self.pos..].chars().take(4).collect(),
        };
        self.pos += digits.len();
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
            .filter(|_| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit()))
            .ok_or_else(|| self.err(at, self.pos, format!("bad escape `\\{kind}{digits}`")))
    }

    /// A quoted string starting at `self.pos` (the quote), escapes processed.
    pub(super) fn string(&mut self, q: char) -> Result<String> {
        self.quoted(q, false)
    }

    /// After one quote of a triple-quoted string: whether the other two close it.
    fn at_triple_quote_rest(&self, q: char) -> bool {
        self.src[self.pos..].starts_with(&q.to_string().repeat(2))
    }

    /// Whether a triple-quoted string (`"""…"""`, `'''…'''`) starts at `self.pos`.
    pub(super) fn at_triple_quote(&self, q: char) -> bool {
        self.src[self.pos..].starts_with(&q.to_string().repeat(3))
    }

    /// A quoted string; `raw` (`r"…"`) keeps backslashes, and a backslash before the
    /// quote keeps both, as in Python. A triple-quoted one spans lines, as in Python
    /// (the XML, TOML or CSV text a crate's docs parse).
    pub(super) fn quoted(&mut self, q: char, raw: bool) -> Result<String> {
        let start = self.pos;
        let triple = self.at_triple_quote(q);
        self.pos += if triple { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                let msg = if triple {
                    UNCLOSED_TRIPLE
                } else {
                    "this string is never closed"
                };
                return Err(self.err(start, self.pos, msg));
            };
            self.pos += c.len_utf8();
            match c {
                '\n' if triple => out.push('\n'),
                '\n' => {
                    return Err(self.err(
                        start,
                        self.pos - 1,
                        "this string is never closed on its line",
                    ))
                }
                '\\' if raw => {
                    out.push('\\');
                    if let Some(e) = self.peek().filter(|e| *e != '\n') {
                        self.pos += e.len_utf8();
                        out.push(e);
                    }
                }
                '\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.err(start, self.pos, "this string is never closed"));
                    };
                    self.pos += e.len_utf8();
                    out.push(match e {
                        // A backslash at the end of a line joins the next (Python's).
                        '\n' => continue,
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        '\\' => '\\',
                        '"' => '"',
                        '\'' => '\'',
                        '{' => '{',
                        '}' => '}',
                        'x' | 'u' => self.code_escape(e, self.pos - 2)?,
                        other => {
                            return Err(self.err(
                                self.pos - 2,
                                self.pos,
                                format!("unknown escape `\\{other}`"),
                            ));
                        }
                    });
                }
                c if c == q && triple => match self.at_triple_quote_rest(q) {
                    true => {
                        self.pos += 2;
                        return Ok(out);
                    }
                    false => out.push(c),
                },
                c if c == q => return Ok(out),
                c => out.push(c),
            }
        }
    }

    /// Split an f-string's (unescaped) text into literal and `{expr:spec}` parts.
    /// `body_start` is where the text begins in the source (for expression spans).
    pub(super) fn fparts(
        &self,
        raw: &str,
        body_start: usize,
        tok_start: usize,
    ) -> Result<Vec<FPart>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let chars: Vec<(usize, char)> = raw.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (off, c) = chars[i];
            match c {
                '{' if chars.get(i + 1).map(|x| x.1) == Some('{') => {
                    lit.push('{');
                    i += 2;
                }
                '}' if chars.get(i + 1).map(|x| x.1) == Some('}') => {
                    lit.push('}');
                    i += 2;
                }
                '{' => {
                    let mut depth = 0;
                    let mut j = i + 1;
                    let mut colon = None;
                    while j < chars.len() {
                        match chars[j].1 {
                            '(' | '[' | '{' => depth += 1,
                            ')' | ']' => depth -= 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            ':' if depth == 0 && colon.is_none() => colon = Some(j),
                            _ => {}
                        }
                        j += 1;
                    }
                    if j >= chars.len() {
                        return Err(self.err(
                            tok_start,
                            self.pos,
                            "an f-string `{` is never closed",
                        ));
                    }
                    let end_expr = colon.unwrap_or(j);
                    let expr_src: String = chars[i + 1..end_expr].iter().map(|x| x.1).collect();
                    let spec =
                        colon.map(|c| chars[c + 1..j].iter().map(|x| x.1).collect::<String>());
                    if !lit.is_empty() {
                        parts.push(FPart::Lit(std::mem::take(&mut lit)));
                    }
                    if expr_src.trim().is_empty() {
                        return Err(self.err(
                            tok_start,
                            self.pos,
                            "an empty `{}` in an f-string: put an expression inside",
                        ));
                    }
                    // Offsets are approximate when escapes precede the part; exact otherwise.
                    parts.push(FPart::Expr {
                        src: expr_src,
                        offset: self.base + body_start + off + 1,
                        spec,
                    });
                    i = j + 1;
                }
                '}' => {
                    return Err(self.err(
                        tok_start,
                        self.pos,
                        "a lone `}` in an f-string: write `}}`",
                    ))
                }
                c => {
                    lit.push(c);
                    i += 1;
                }
            }
        }
        if !lit.is_empty() {
            parts.push(FPart::Lit(lit));
        }
        Ok(parts)
    }
}
