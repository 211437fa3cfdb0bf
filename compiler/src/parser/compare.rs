//! Comparisons, below `not` and above ranges: `a < b`, `x in xs`, `x not in xs`, `x is
//! [not] None`, and Python's chains of them (`0 <= x < n`), each operand evaluated once.
use super::Parser;
use crate::ast::*;
use crate::diag::Result;
use crate::token::Tok;

impl Parser {
    pub(super) fn comparison(&mut self) -> Result<Expr> {
        let l = self.range()?;
        if self.at(&Tok::Kw("is")) {
            self.bump();
            let negated = self.eat(&Tok::Kw("not"));
            if !self.eat(&Tok::Kw("None")) {
                return Err(self.expected("`None` (only `is None` and `is not None` exist)"));
            }
            let span = l.span.to(self.prev_span());
            return Ok(Expr {
                kind: ExprKind::IsNone(Box::new(l), negated),
                span,
            });
        }
        let op = match (self.comparison_op(), self.peek()) {
            (Some(op), _) => op,
            (None, Tok::Kw("in")) => BinOp::In,
            // `x not in xs`
            (None, Tok::Kw("not")) if self.peek_at(1) == &Tok::Kw("in") => {
                self.bump();
                BinOp::NotIn
            }
            _ => return Ok(l),
        };
        self.bump();
        let r = self.operand(op.symbol(), Parser::range)?;
        let mut ops = vec![op];
        let mut operands = vec![l, r];
        while let Some(op) = self.comparison_op() {
            self.bump();
            ops.push(op);
            operands.push(self.operand(op.symbol(), Parser::range)?);
        }
        self.chain(ops, operands)
    }

    /// The comparison operator at the cursor that can chain (`a < b < c`).
    fn comparison_op(&self) -> Option<BinOp> {
        Some(match self.peek() {
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            _ => return None,
        })
    }

    /// Python's chained comparison: `0 <= x < n` is `0 <= x and x < n`, each operand
    /// evaluated once. A shared operand that reading again could change (`1 < len(xs)
    /// < 3`, a call) is passed to a lambda whose body is the chain, so it is evaluated once.
    fn chain(&mut self, ops: Vec<BinOp>, mut operands: Vec<Expr>) -> Result<Expr> {
        let mut params = Vec::new();
        let mut args = Vec::new();
        let last = operands.len() - 1;
        for (i, e) in operands.iter_mut().enumerate() {
            if i == 0 || i == last || reads_plainly(e) {
                continue;
            }
            let name = format!("chained_operand_{i}");
            let named = Expr {
                kind: ExprKind::Name(name.clone()),
                span: e.span,
            };
            params.push((name, e.span));
            args.push(std::mem::replace(e, named));
        }
        let mut done: Option<Expr> = None;
        for (i, op) in ops.into_iter().enumerate() {
            let one = self.binary(operands[i].clone(), op, operands[i + 1].clone())?;
            done = Some(match done {
                None => one,
                Some(d) => self.binary(d, BinOp::And, one)?,
            });
        }
        let body = done.expect("a chain has a comparison");
        if args.is_empty() {
            return Ok(body);
        }
        let span = body.span;
        let lambda = Expr {
            kind: ExprKind::Lambda(params, Box::new(body)),
            span,
        };
        Ok(Expr {
            kind: ExprKind::Call(Box::new(lambda), args),
            span,
        })
    }
}

/// Whether reading `e` twice gives the same value and does nothing else (a chained
/// comparison's shared operand).
fn reads_plainly(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Name(_) => true,
        ExprKind::Neg(x) | ExprKind::Attr(x, _) => reads_plainly(x),
        _ => false,
    }
}
