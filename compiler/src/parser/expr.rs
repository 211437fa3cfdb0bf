//! Expressions, by precedence climbing, lowest first: `or`, `and`, `not`, comparisons
//! and `is [not] None` (`compare.rs`; below a conditional `a if c else b`), `..`, `+ -`,
//! `* / %`, unary `-`, `**` (right-associative), then calls, indexing and attributes; and
//! the expressions inside f-strings.
use super::Parser;
use crate::ast::*;
use crate::diag::{Diagnostic, Result};
use crate::lexer::lex_at;
use crate::token::{FPart, Tok};

/// The most operators one chain (`a + b - c …`) may hold: see `Parser::binary`.
/// Measured in a debug build: checking and lowering take about 20 KB of stack per
/// operator (a 100-operator chain overflowed a 2 MB thread); sessions run on 8 MB.
const MAX_CHAIN: usize = 100;

impl Parser {
    pub(crate) fn expr(&mut self) -> Result<Expr> {
        self.nested(Parser::expr_here)
    }

    fn expr_here(&mut self) -> Result<Expr> {
        if self.at(&Tok::Kw("lambda")) {
            return self.lambda();
        }
        let e = self.or_expr()?;
        if self.at(&Tok::Kw("if")) {
            return self.if_else(e);
        }
        Ok(e)
    }

    /// Python's conditional expression, after its first value: `a if c else b` (the
    /// condition binds tighter than `if`, the else branch may be another one).
    fn if_else(&mut self, then: Expr) -> Result<Expr> {
        self.bump();
        let cond = self.or_expr()?;
        if !self.eat(&Tok::Kw("else")) {
            return Err(self
                .expected("`else`")
                .note("a conditional expression has both branches: `a if c else b`"));
        }
        let other = self.expr()?;
        let span = then.span.to(other.span);
        Ok(Expr {
            kind: ExprKind::IfElse(Box::new(cond), Box::new(then), Box::new(other)),
            span,
        })
    }

    /// `lambda a, b: body`
    fn lambda(&mut self) -> Result<Expr> {
        let start = self.bump().span;
        let mut params = Vec::new();
        while !self.eat(&Tok::Op(":")) {
            params.push(self.name("a parameter name or `:`")?);
            if !self.eat(&Tok::Op(",")) {
                self.expect_op(":")?;
                break;
            }
        }
        let body = self.expr()?;
        let span = start.to(body.span);
        Ok(Expr {
            kind: ExprKind::Lambda(params, Box::new(body)),
            span,
        })
    }

    /// The `for … in … if …` clauses after a comprehension's element.
    fn comp_clauses(&mut self) -> Result<Vec<CompFor>> {
        let mut clauses = Vec::new();
        while self.eat(&Tok::Kw("for")) {
            let targets = self.loop_targets()?;
            if !self.eat(&Tok::Kw("in")) {
                return Err(self.expected("`in`"));
            }
            let iter = self.or_expr()?;
            let mut conds = Vec::new();
            while self.eat(&Tok::Kw("if")) {
                conds.push(self.or_expr()?);
            }
            clauses.push(CompFor {
                targets,
                iter,
                conds,
            });
        }
        Ok(clauses)
    }

    /// After `{`: `}`, `k: v, …}` or `k: v for …}`.
    fn dict_rest(&mut self) -> Result<ExprKind> {
        if self.eat(&Tok::Op("}")) {
            return Ok(ExprKind::Dict(Vec::new()));
        }
        let k = self.expr()?;
        self.expect_op(":")?;
        let v = self.expr()?;
        if self.at(&Tok::Kw("for")) {
            let clauses = self.comp_clauses()?;
            self.expect_op("}")?;
            return Ok(ExprKind::DictComp(Box::new(k), Box::new(v), clauses));
        }
        let mut items = vec![(k, v)];
        while self.eat(&Tok::Op(",")) {
            if self.at(&Tok::Op("}")) {
                break;
            }
            let k = self.expr()?;
            self.expect_op(":")?;
            items.push((k, self.expr()?));
        }
        self.expect_op("}")?;
        Ok(ExprKind::Dict(items))
    }

    /// After `x[`: an index or a slice `start:stop:step` (each part optional).
    fn index_or_slice(&mut self, e: Expr) -> Result<Expr> {
        let part = |p: &mut Parser, ends: &[&'static str]| -> Result<Option<Box<Expr>>> {
            if ends.iter().any(|t| p.at(&Tok::Op(t))) {
                return Ok(None);
            }
            Ok(Some(Box::new(p.expr()?)))
        };
        let mut start = part(self, &[":"])?;
        // `x[a, b]` is Python's tuple index, and a generic type given two parameters
        // (`DashMap[str, int].new()`, as an annotation writes `dict[str, int]`).
        if let (Some(first), true) = (&start, self.at(&Tok::Op(","))) {
            let mut items = vec![(**first).clone()];
            while self.eat(&Tok::Op(",")) && !self.at(&Tok::Op("]")) {
                items.push(self.expr()?);
            }
            let span = items[0].span.to(self.prev_span());
            start = Some(Box::new(Expr {
                kind: ExprKind::Tuple(items),
                span,
            }));
        }
        if !self.eat(&Tok::Op(":")) {
            self.expect_op("]")?;
            let span = e.span.to(self.prev_span());
            let i = start.ok_or_else(|| self.expected("an index"))?;
            return Ok(Expr {
                kind: ExprKind::Index(Box::new(e), i),
                span,
            });
        }
        let stop = part(self, &[":", "]"])?;
        let step = match self.eat(&Tok::Op(":")) {
            true => part(self, &["]"])?,
            false => None,
        };
        self.expect_op("]")?;
        let span = e.span.to(self.prev_span());
        Ok(Expr {
            kind: ExprKind::Slice(Box::new(e), [start, stop, step]),
            span,
        })
    }

    /// `l op r`; a left operand already holding more than [`MAX_CHAIN`] operators is
    /// refused (the tree is that deep, and checking and lowering it recurse per level).
    pub(super) fn binary(&mut self, l: Expr, op: BinOp, r: Expr) -> Result<Expr> {
        let mut spine = 0;
        let mut at = &l;
        while let ExprKind::Binary(_, left, _) = &at.kind {
            spine += 1;
            at = left;
        }
        if spine >= MAX_CHAIN {
            return Err(Diagnostic::new(
                l.span.to(r.span),
                format!("this expression chains more than {MAX_CHAIN} operators"),
            )
            .label("split it into steps with names"));
        }
        let span = l.span.to(r.span);
        Ok(Expr {
            kind: ExprKind::Binary(op, Box::new(l), Box::new(r)),
            span,
        })
    }

    /// The right operand of a binary operator, with a clear error when it is missing.
    pub(super) fn operand(
        &mut self,
        op: &str,
        next: fn(&mut Parser) -> Result<Expr>,
    ) -> Result<Expr> {
        if matches!(
            self.peek(),
            Tok::Newline | Tok::Eof | Tok::Dedent | Tok::Op(")") | Tok::Op("]")
        ) {
            return Err(Diagnostic::new(
                self.prev_span(),
                format!("expected an expression after `{op}`"),
            )
            .label(format!("`{op}` needs a right-hand operand")));
        }
        self.nested(next)
    }

    fn or_expr(&mut self) -> Result<Expr> {
        let mut l = self.and_expr()?;
        while self.eat(&Tok::Kw("or")) {
            let r = self.operand("or", Parser::and_expr)?;
            l = self.binary(l, BinOp::Or, r)?;
        }
        Ok(l)
    }
    fn and_expr(&mut self) -> Result<Expr> {
        let mut l = self.not_expr()?;
        while self.eat(&Tok::Kw("and")) {
            let r = self.operand("and", Parser::not_expr)?;
            l = self.binary(l, BinOp::And, r)?;
        }
        Ok(l)
    }
    fn not_expr(&mut self) -> Result<Expr> {
        if self.at(&Tok::Kw("not")) {
            let s = self.bump().span;
            let e = self.operand("not", Parser::not_expr)?;
            let span = s.to(e.span);
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(e)),
                span,
            });
        }
        self.comparison()
    }
    pub(super) fn range(&mut self) -> Result<Expr> {
        // `..10`, `..=9`, `..`: Rust's ranges with no start.
        if matches!(self.peek(), Tok::Op("..") | Tok::Op("..=")) {
            let start = self.span();
            let inclusive = self.peek() == &Tok::Op("..=");
            self.bump();
            let end = if inclusive {
                Some(Box::new(self.operand("..=", Parser::additive)?))
            } else if self.ends_range() {
                None
            } else {
                Some(Box::new(self.additive()?))
            };
            let span = end.as_ref().map_or(start, |e| start.to(e.span));
            return Ok(Expr {
                kind: ExprKind::RustRange(None, end, inclusive),
                span,
            });
        }
        let l = self.additive()?;
        if self.eat(&Tok::Op("..=")) {
            let r = self.operand("..=", Parser::additive)?;
            let span = l.span.to(r.span);
            return Ok(Expr {
                kind: ExprKind::RustRange(Some(Box::new(l)), Some(Box::new(r)), true),
                span,
            });
        }
        if self.eat(&Tok::Op("..")) {
            // `3..`: no end.
            if self.ends_range() {
                let span = l.span.to(self.prev_span());
                return Ok(Expr {
                    kind: ExprKind::RustRange(Some(Box::new(l)), None, false),
                    span,
                });
            }
            let r = self.operand("..", Parser::additive)?;
            let span = l.span.to(r.span);
            return Ok(Expr {
                kind: ExprKind::Range(Box::new(l), Box::new(r)),
                span,
            });
        }
        Ok(l)
    }

    /// Whether the next token ends a range's operand (`3..` in `f(3..)`, `xs[..]`).
    fn ends_range(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Newline
                | Tok::Eof
                | Tok::Dedent
                | Tok::Op(")")
                | Tok::Op("]")
                | Tok::Op(",")
                | Tok::Op(":")
        )
    }
    fn additive(&mut self) -> Result<Expr> {
        let mut l = self.term()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => BinOp::Add,
                Tok::Op("-") => BinOp::Sub,
                _ => return Ok(l),
            };
            self.bump();
            let r = self.operand(op.symbol(), Parser::term)?;
            l = self.binary(l, op, r)?;
        }
    }
    fn term(&mut self) -> Result<Expr> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => BinOp::Mul,
                Tok::Op("/") => BinOp::Div,
                Tok::Op("//") => BinOp::FloorDiv,
                Tok::Op("%") => BinOp::Rem,
                _ => return Ok(l),
            };
            self.bump();
            let r = self.operand(op.symbol(), Parser::unary)?;
            l = self.binary(l, op, r)?;
        }
    }
    fn unary(&mut self) -> Result<Expr> {
        if self.at(&Tok::Op("-")) {
            let s = self.bump().span;
            let e = self.operand("-", Parser::unary)?;
            let span = s.to(e.span);
            return Ok(Expr {
                kind: ExprKind::Neg(Box::new(e)),
                span,
            });
        }
        self.power()
    }
    fn power(&mut self) -> Result<Expr> {
        let base = self.postfix()?;
        if self.eat(&Tok::Op("**")) {
            let exp = self.operand("**", Parser::unary)?;
            return self.binary(base, BinOp::Pow, exp);
        }
        Ok(base)
    }
    fn postfix(&mut self) -> Result<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.eat(&Tok::Op("(")) {
                let args = self.call_args()?;
                let span = e.span.to(self.prev_span());
                e = Expr {
                    kind: ExprKind::Call(Box::new(e), args),
                    span,
                };
            } else if self.eat(&Tok::Op("[")) {
                e = self.index_or_slice(e)?;
            } else if self.eat(&Tok::Op(".")) {
                // A Rust name may be a Keyton keyword (`BigUint.from(2)`).
                let (n, ns) = match self.peek().clone() {
                    Tok::Kw(k) => (k.to_string(), self.bump().span),
                    _ => self.name("an attribute or method name")?,
                };
                let span = e.span.to(ns);
                e = Expr {
                    kind: ExprKind::Attr(Box::new(e), n),
                    span,
                };
            } else {
                return Ok(e);
            }
        }
    }
    /// A call's arguments: positional ones, then `name=value` ones.
    fn call_args(&mut self) -> Result<Vec<Expr>> {
        let mut items: Vec<Expr> = Vec::new();
        while !self.eat(&Tok::Op(")")) {
            let keyword = match (self.peek().clone(), self.peek_at(1)) {
                (Tok::Name(n), Tok::Op("=")) => Some(n),
                _ => None,
            };
            let item = match keyword {
                Some(n) => {
                    let start = self.span();
                    self.bump();
                    self.bump();
                    let v = self.expr()?;
                    let span = start.to(v.span);
                    Expr {
                        kind: ExprKind::Keyword(n, Box::new(v)),
                        span,
                    }
                }
                None => {
                    let e = self.expr()?;
                    // `"".join(f(x) for x in xs)`: a generator as the only argument is
                    // Python's habit; Keyton builds the list (its consumers take one).
                    let e = if items.is_empty() && self.at(&Tok::Kw("for")) {
                        let clauses = self.comp_clauses()?;
                        let span = e.span.to(self.prev_span());
                        if !self.at(&Tok::Op(")")) {
                            return Err(Diagnostic::new(
                                self.span(),
                                "a generator argument must be the call's only argument",
                            )
                            .label("put it in brackets: `[x for x in xs]`"));
                        }
                        Expr {
                            kind: ExprKind::ListComp(Box::new(e), clauses),
                            span,
                        }
                    } else {
                        e
                    };
                    if items
                        .iter()
                        .any(|i| matches!(i.kind, ExprKind::Keyword(..)))
                    {
                        return Err(Diagnostic::new(
                            e.span,
                            "a positional argument after a keyword argument",
                        )
                        .label("move it before the `name=value` arguments"));
                    }
                    e
                }
            };
            items.push(item);
            if !self.eat(&Tok::Op(",")) {
                self.expect_op(")")?;
                break;
            }
        }
        Ok(items)
    }
    fn list_until(&mut self, close: &'static str) -> Result<Vec<Expr>> {
        let mut items = Vec::new();
        while !self.eat(&Tok::Op(close)) {
            items.push(self.expr()?);
            if !self.eat(&Tok::Op(",")) {
                self.expect_op(close)?;
                break;
            }
        }
        Ok(items)
    }
    fn atom(&mut self) -> Result<Expr> {
        let starts_expr = matches!(
            self.peek(),
            Tok::Int(_)
                | Tok::Float(_)
                | Tok::Str(_)
                | Tok::Bytes(_)
                | Tok::FStr(_)
                | Tok::Name(_)
                | Tok::Op("(")
                | Tok::Op("[")
                | Tok::Op("{")
        ) || matches!(
            self.peek(),
            Tok::Kw("True") | Tok::Kw("False") | Tok::Kw("None")
        );
        if self.at(&Tok::Kw("lambda")) {
            return self.lambda();
        }
        if !starts_expr {
            return Err(self.expected("an expression"));
        }
        let t = self.bump();
        let kind = match t.tok {
            Tok::Int(v) => ExprKind::Int(v),
            Tok::Float(v) => ExprKind::Float(v),
            Tok::Str(s) => ExprKind::Str(s),
            // A list of ints, what Keyton holds bytes as.
            Tok::Bytes(b) => ExprKind::List(
                b.into_iter()
                    .map(|v| Expr {
                        kind: ExprKind::Int(v.into()),
                        span: t.span,
                    })
                    .collect(),
            ),
            Tok::FStr(parts) => ExprKind::FStr(fstring(parts)?),
            Tok::Kw("True") => ExprKind::Bool(true),
            Tok::Kw("False") => ExprKind::Bool(false),
            Tok::Kw("None") => ExprKind::None,
            Tok::Name(n) => ExprKind::Name(n),
            Tok::Op("(") => {
                let e = self.expr()?;
                // `(a, b)` and `(a,)` are tuples; `(a)` is `a`.
                let kind = if self.eat(&Tok::Op(",")) {
                    let mut items = vec![e];
                    items.extend(self.list_until(")")?);
                    ExprKind::Tuple(items)
                } else {
                    self.expect_op(")")?;
                    e.kind
                };
                return Ok(Expr {
                    kind,
                    span: t.span.to(self.prev_span()),
                });
            }
            Tok::Op("{") => self.dict_rest()?,
            Tok::Op("[") => {
                if self.eat(&Tok::Op("]")) {
                    ExprKind::List(Vec::new())
                } else {
                    let first = self.expr()?;
                    if self.at(&Tok::Kw("for")) {
                        let clauses = self.comp_clauses()?;
                        self.expect_op("]")?;
                        ExprKind::ListComp(Box::new(first), clauses)
                    } else {
                        let mut items = vec![first];
                        if self.eat(&Tok::Op(",")) {
                            items.extend(self.list_until("]")?);
                        } else {
                            self.expect_op("]")?;
                        }
                        ExprKind::List(items)
                    }
                }
            }
            _ => unreachable!("checked by starts_expr"),
        };
        Ok(Expr {
            kind,
            span: t.span.to(self.prev_span()),
        })
    }
}

fn fstring(parts: Vec<FPart>) -> Result<Vec<FStrPart>> {
    parts
        .into_iter()
        .map(|p| match p {
            FPart::Lit(s) => Ok(FStrPart::Lit(s)),
            FPart::Expr { src, offset, spec } => {
                let toks = lex_at(&src, offset, false)?;
                let mut p = Parser::new(toks);
                let e = p.expr()?;
                if !p.at(&Tok::Eof) {
                    return Err(p.expected("`}` to end the f-string expression"));
                }
                Ok(FStrPart::Expr(e, spec))
            }
        })
        .collect()
}
