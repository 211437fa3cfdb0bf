//! `xs[a:b:c]` of a list or a string (Python's rules, in `kayton::rt::slice`).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::types::Ty;

impl Lowerer<'_> {
    pub(super) fn slice(&mut self, x: &Expr, parts: &[Option<Box<Expr>>; 3]) -> Result<Lowered> {
        let target = self.place(x)?;
        let mut bounds = Vec::new();
        for p in parts {
            bounds.push(match p {
                None => "None".to_string(),
                Some(e) => format!("Some({})", self.expr_as(e, &Ty::Int)?),
            });
        }
        let f = match &target.ty {
            Ty::List(_) => "slice",
            Ty::Str => "str_slice",
            other => {
                return Err(Diagnostic::new(
                    x.span,
                    format!("a `{}` cannot be sliced", other.name()),
                )
                .label("not a list or a string"))
            }
        };
        Ok(Lowered::new(
            format!("kayton::rt::{f}(&{}, {})?", target.code, bounds.join(", ")),
            target.ty,
        ))
    }
}
