//! Comprehensions (`[f(x) for x in xs if p(x)]`, nested `for` clauses, tuple targets):
//! lowered as the loops they stand for, appending to a fresh list inside a block, so
//! that every iterable a `for` statement takes works here too and `?` in the element
//! propagates like anywhere in the cell. The loop variables are local to it, as in
//! Python 3.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{CompFor, Expr, ExprKind, Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::parser::FOR_ITEM;
use crate::span::Span;
use crate::types::Ty;

/// `for a, b in it: body` as the statement the parser makes of it.
pub(super) fn for_stmt(targets: &[(String, Span)], iter: &Expr, body: Vec<Stmt>) -> Stmt {
    let whole = targets[0].1.to(targets[targets.len() - 1].1);
    let span = whole.to(iter.span);
    if let [(n, ns)] = targets {
        return Stmt {
            kind: StmtKind::For(n.clone(), *ns, iter.clone(), body),
            span,
        };
    }
    let item = Expr {
        kind: ExprKind::Name(FOR_ITEM.into()),
        span: whole,
    };
    let mut inner = vec![Stmt {
        kind: StmtKind::Unpack(targets.to_vec(), item),
        span: whole,
    }];
    inner.extend(body);
    Stmt {
        kind: StmtKind::For(FOR_ITEM.into(), whole, iter.clone(), inner),
        span,
    }
}

/// The loops of `clauses` around `innermost`, with each clause's conditions.
pub(super) fn nest(clauses: &[CompFor], innermost: Stmt) -> Stmt {
    let mut body = innermost;
    for c in clauses.iter().rev() {
        for cond in c.conds.iter().rev() {
            body = Stmt {
                span: cond.span,
                kind: StmtKind::If(vec![(cond.clone(), vec![body])], None),
            };
        }
        body = for_stmt(&c.targets, &c.iter, vec![body]);
    }
    body
}

impl Lowerer<'_> {
    /// A name no Keyton program can write, for a comprehension's accumulator.
    pub(super) fn fresh(&mut self, what: &str) -> String {
        self.fresh_count += 1;
        format!("__{what}{}", self.fresh_count)
    }

    /// The loops `loops`, filling the fresh `acc` (declared empty as `empty`, typed by
    /// what the loops put in it), as a block whose value is `acc`.
    pub(super) fn accumulate(
        &mut self,
        acc: &str,
        empty: Ty,
        loops: Stmt,
        span: Span,
    ) -> Result<Lowered> {
        let new = match empty {
            Ty::EmptyDict => "kayton::rt::Dict::new()",
            _ => "::std::vec::Vec::new()",
        };
        self.push_scope();
        let r = self.declare(acc, empty);
        let code = self.stmt(&loops);
        let ty = self.lookup_raw(acc).map(|v| v.ty.clone());
        self.pop_scope();
        let code = code?;
        match ty {
            Some(ty @ (Ty::List(_) | Ty::Dict(..))) => Ok(Lowered::new(
                format!("{{\nlet mut {r} = {new};\n{code}{r}\n}}"),
                ty,
            )),
            _ => Err(Diagnostic::new(
                span,
                "cannot tell the type of this comprehension's items",
            )),
        }
    }

    pub(super) fn list_comp(
        &mut self,
        elt: &Expr,
        clauses: &[CompFor],
        span: Span,
    ) -> Result<Lowered> {
        let acc = self.fresh("comp");
        let append = Stmt {
            span: elt.span,
            kind: StmtKind::Expr(Expr {
                span: elt.span,
                kind: ExprKind::Call(
                    Box::new(Expr {
                        span: elt.span,
                        kind: ExprKind::Attr(
                            Box::new(Expr {
                                span: elt.span,
                                kind: ExprKind::Name(acc.clone()),
                            }),
                            "append".into(),
                        ),
                    }),
                    vec![elt.clone()],
                ),
            }),
        };
        self.accumulate(&acc, Ty::EmptyList, nest(clauses, append), span)
    }
}
