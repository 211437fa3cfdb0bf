//! Python's conditional expression `a if c else b`, as Rust's `if c { a } else { b }`.
//! Its type is the one both branches convert to: the same type, an int beside a float
//! is a float, a value beside `None` is an `Option` of it.
use super::expr::{coerce, Lowered};
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::types::Ty;

impl Lowerer<'_> {
    pub(super) fn if_else(&mut self, c: &Expr, a: &Expr, b: &Expr) -> Result<Lowered> {
        let cond = self.condition(c)?;
        let la = self.expr(a)?;
        let lb = self.expr(b)?;
        let mut candidates = vec![la.ty.clone(), lb.ty.clone()];
        match (&la.ty, &lb.ty) {
            (Ty::NoneLit, t) | (t, Ty::NoneLit) if *t != Ty::NoneLit => {
                candidates.push(Ty::Option(Box::new(t.clone())))
            }
            _ => {}
        }
        for ty in candidates {
            let both = coerce(Lowered::new(la.code.clone(), la.ty.clone()), &ty)
                .zip(coerce(Lowered::new(lb.code.clone(), lb.ty.clone()), &ty));
            if let Some((x, y)) = both {
                return Ok(Lowered::new(
                    format!("(if {cond} {{ {x} }} else {{ {y} }})"),
                    ty,
                ));
            }
        }
        Err(Diagnostic::new(
            a.span.to(b.span),
            format!(
                "the branches of a conditional expression must have one type: `{}` and `{}`",
                la.ty.name(),
                lb.ty.name()
            ),
        )
        .label("one branch gives each type"))
    }
}
