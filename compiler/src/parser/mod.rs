//! The parser: tokens to statements (blocks, definitions, rimports, assignments);
//! expressions are in `expr.rs`. Every node keeps the span of its source.
mod compare;
mod expr;
mod stmt;

use crate::ast::*;
use crate::diag::{Diagnostic, Result};
use crate::lexer::{lex, lex_at};
use crate::span::Span;
use crate::token::{Tok, Token};

/// The hidden loop variable of `for a, b in xs:`.
pub const FOR_ITEM: &str = "__for_item";

pub fn parse(src: &str) -> Result<Vec<Stmt>> {
    let toks = lex(src)?;
    let mut p = Parser::new(toks);
    let mut out = Vec::new();
    while !p.at(&Tok::Eof) {
        if p.eat(&Tok::Newline) {
            continue;
        }
        if p.at(&Tok::Indent) {
            return Err(Diagnostic::new(p.span(), "unexpected indentation")
                .label("this line is indented, but no block starts here"));
        }
        out.push(p.stmt()?);
    }
    Ok(out)
}

/// Whether `src` is a complete input, for multi-line entry in the REPL and Jupyter's
/// `is_complete_request`: `Ok(None)` complete, `Ok(Some(indent))` needs more lines.
/// The error of a `try` block with neither `except` nor `finally` after it (at the end
/// of an entry: more lines are coming).
const TRY_NEEDS_HANDLER: &str = "expected `except` or `finally`";

pub fn completeness(src: &str) -> std::result::Result<Option<String>, Diagnostic> {
    // A triple-quoted string still open: its next lines, as they are.
    let toks = lex_at(src, 0, false);
    if let Err(d) = &toks {
        if d.message == crate::lexer::UNCLOSED_TRIPLE {
            return Ok(Some(String::new()));
        }
    }
    let trimmed = src.trim_end_matches([' ', '\n']);
    // The line the last token starts on (a string's first line, not its last).
    let last_start = toks.ok().and_then(|ts| {
        ts.iter()
            .rev()
            .find(|t| !matches!(t.tok, Tok::Eof | Tok::Newline))
            .map(|t| t.span.start)
    });
    let last = match last_start {
        Some(at) if at <= trimmed.len() => {
            let from = trimmed[..at].rfind('\n').map_or(0, |i| i + 1);
            trimmed[from..].lines().next().unwrap_or("")
        }
        _ => trimmed.lines().last().unwrap_or(""),
    };
    let open = bracket_depth(src) > 0;
    let indent: String = last.chars().take_while(|c| *c == ' ').collect();
    let last_line = trimmed.lines().last().unwrap_or("");
    if trimmed.ends_with(':') && !last_line.trim_start().starts_with('#') {
        return Ok(Some(format!("{indent}    ")));
    }
    if open {
        return Ok(Some(indent));
    }
    // Inside a block the user ends it with an empty line.
    if !indent.is_empty() && !src.ends_with("\n\n") {
        return Ok(Some(indent));
    }
    match parse(src) {
        Err(d) if d.message == TRY_NEEDS_HANDLER && d.span.start >= trimmed.len() => {
            Ok(Some(String::new()))
        }
        r => r.map(|_| None),
    }
}

fn bracket_depth(src: &str) -> i32 {
    match lex_at(src, 0, false) {
        Ok(toks) => toks.iter().fold(0, |d, t| match t.tok {
            Tok::Op("(") | Tok::Op("[") | Tok::Op("{") => d + 1,
            Tok::Op(")") | Tok::Op("]") | Tok::Op("}") => d - 1,
            _ => d,
        }),
        Err(_) => 0,
    }
}

pub(crate) struct Parser {
    pub(super) toks: Vec<Token>,
    pub(super) pos: usize,
    /// How deeply the expressions and blocks being parsed are nested.
    pub(super) depth: usize,
}

/// Nesting deeper than this is refused with a diagnostic: the parser, the type checker
/// and rustc recurse once per level, and a thread's stack is finite (a fuzzer's 310
/// unary minuses overflowed it). Measured in a debug build: a level takes about 22 KB
/// of stack, and 99 nested parentheses overflowed a 2 MB thread; 50 leave room.
const MAX_NESTING: usize = 50;

impl Parser {
    pub(super) fn new(toks: Vec<Token>) -> Parser {
        Parser {
            toks,
            pos: 0,
            depth: 0,
        }
    }

    /// `f` one level deeper, or an error past [`MAX_NESTING`].
    pub(super) fn nested<T>(&mut self, f: impl FnOnce(&mut Parser) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_NESTING {
            return Err(crate::diag::Diagnostic::new(
                self.span(),
                format!("this is nested too deeply (more than {MAX_NESTING} levels)"),
            )
            .label("split it into steps with names"));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    pub(super) fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    /// The token `n` after the current one (the last one, past the end).
    pub(super) fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }
    pub(super) fn span(&self) -> Span {
        self.toks[self.pos].span
    }
    pub(super) fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }
    pub(super) fn at(&self, t: &Tok) -> bool {
        self.peek() == t
    }
    pub(super) fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    pub(super) fn eat(&mut self, t: &Tok) -> bool {
        if self.at(t) {
            self.bump();
            true
        } else {
            false
        }
    }
    pub(super) fn expected(&self, what: &str) -> Diagnostic {
        Diagnostic::new(
            self.span(),
            format!("expected {what}, found {}", self.peek().describe()),
        )
        .label(format!("expected {what} here"))
    }
    pub(super) fn expect_op(&mut self, op: &'static str) -> Result<Span> {
        if self.eat(&Tok::Op(op)) {
            Ok(self.prev_span())
        } else {
            Err(self.expected(&format!("`{op}`")))
        }
    }
    /// A `for`'s targets: `x`, `k, v`, or Python's parenthesized `(k, v)`.
    pub(super) fn loop_targets(&mut self) -> Result<Vec<(String, Span)>> {
        let parens = self.eat(&Tok::Op("("));
        let mut names = vec![self.name("a loop variable name")?];
        while self.eat(&Tok::Op(",")) {
            if parens && self.at(&Tok::Op(")")) {
                break;
            }
            names.push(self.name("a loop variable name")?);
        }
        if parens {
            self.expect_op(")")?;
        }
        Ok(names)
    }
    pub(super) fn name(&mut self, what: &str) -> Result<(String, Span)> {
        match self.peek().clone() {
            Tok::Name(n) => {
                let s = self.bump().span;
                Ok((n, s))
            }
            _ => Err(self.expected(what)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let s = parse("-2 ** 2 + 3 * 4 == 8 and not x\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        let ExprKind::Binary(BinOp::And, l, r) = &e.kind else {
            panic!("{e:?}")
        };
        assert!(matches!(l.kind, ExprKind::Binary(BinOp::Eq, _, _)));
        assert!(matches!(r.kind, ExprKind::Not(_)));
    }

    #[test]
    fn let_without_a_type_and_let_mut_bind_like_assignment() {
        for src in ["let x = 1\n", "let mut x = 1\n"] {
            let s = parse(src).unwrap();
            assert!(
                matches!(&s[0].kind, StmtKind::Assign(n, _, _) if n == "x"),
                "{src}: {:?}",
                s[0].kind
            );
        }
        let s = parse("let mut x: i64 = 1\n").unwrap();
        assert!(matches!(&s[0].kind, StmtKind::Let(n, _, _, _) if n == "x"));
        // `mut` is still a name where it is one.
        let s = parse("let mut = 1\n").unwrap();
        assert!(matches!(&s[0].kind, StmtKind::Assign(n, _, _) if n == "mut"));
    }

    #[test]
    fn star_import_names_every_item() {
        let s = parse("from rand.prelude rimport *\n").unwrap();
        let StmtKind::FromRimport(path, names) = &s[0].kind else {
            panic!("{:?}", s[0].kind)
        };
        assert_eq!(path, &["rand", "prelude"]);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].name, "*");
        assert!(parse("from rand rimport *, x\n").is_err());
    }

    #[test]
    fn chained_comparison_is_a_conjunction_evaluating_each_operand_once() {
        let s = parse("a < b <= c\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        let ExprKind::Binary(BinOp::And, l, r) = &e.kind else {
            panic!("{e:?}")
        };
        assert!(
            matches!(&l.kind, ExprKind::Binary(BinOp::Lt, _, b) if b.kind == ExprKind::Name("b".into()))
        );
        assert!(
            matches!(&r.kind, ExprKind::Binary(BinOp::Le, b, _) if b.kind == ExprKind::Name("b".into()))
        );
        // A call shared by two comparisons is an argument of a lambda holding the chain.
        let s = parse("0 < f(x) < 3\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        let ExprKind::Call(lambda, args) = &e.kind else {
            panic!("{e:?}")
        };
        assert!(matches!(&lambda.kind, ExprKind::Lambda(ps, _) if ps.len() == 1));
        assert!(matches!(&args[0].kind, ExprKind::Call(..)));
    }

    #[test]
    fn an_index_of_two_items_is_a_tuple() {
        let s = parse("Map[str, int]\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        let ExprKind::Index(_, i) = &e.kind else {
            panic!("{e:?}")
        };
        assert!(matches!(&i.kind, ExprKind::Tuple(items) if items.len() == 2));
        assert!(e.as_type_expr().is_some_and(|t| t.args.len() == 2));
    }

    #[test]
    fn conditional_expression_nests_to_the_right() {
        let s = parse("a if c else b if d else e\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        let ExprKind::IfElse(c, a, other) = &e.kind else {
            panic!("{e:?}")
        };
        assert!(matches!(&c.kind, ExprKind::Name(n) if n == "c"));
        assert!(matches!(&a.kind, ExprKind::Name(n) if n == "a"));
        assert!(matches!(other.kind, ExprKind::IfElse(..)));
        // A comprehension's own `if` is still its filter.
        let s = parse("[x for x in xs if x > 1]\n").unwrap();
        let StmtKind::Expr(e) = &s[0].kind else {
            panic!()
        };
        assert!(matches!(e.kind, ExprKind::ListComp(..)));
        assert!(parse("x = 1 if c\n").is_err());
    }

    #[test]
    fn missing_operand_says_expression() {
        let e = parse("x = 1 +").unwrap_err();
        assert_eq!(e.message, "expected an expression after `+`");
    }

    #[test]
    fn completeness_for_multiline_entry() {
        assert_eq!(completeness("fn f(x):").unwrap(), Some("    ".into()));
        assert_eq!(completeness("f(1,").unwrap(), Some("".into()));
        assert_eq!(
            completeness("fn f(x):\n    x\n").unwrap(),
            Some("    ".into())
        );
        assert_eq!(completeness("fn f(x):\n    x\n\n").unwrap(), None);
        // A `try` waits for its `except`.
        assert_eq!(
            completeness("try:\n    x\n\n").unwrap(),
            Some(String::new())
        );
        assert_eq!(
            completeness("try:\n    x\nexcept Exception:\n    y\n\n").unwrap(),
            None
        );
        assert_eq!(completeness("x = 1").unwrap(), None);
        // A triple-quoted string waits for its closing quotes.
        assert_eq!(
            completeness("s = \"\"\"a\n  b").unwrap(),
            Some(String::new())
        );
        assert_eq!(completeness("s = \"\"\"a\n  b\"\"\"\n").unwrap(), None);
        assert!(completeness("x = )").is_err());
    }
}
