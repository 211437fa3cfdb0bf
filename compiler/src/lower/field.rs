//! `v.field = e`: assigning a public field of a Rust value, converted as an argument of
//! the field's type would be (numbers narrowed and checked). A session global is changed
//! in place, inside the VM.
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::rty;
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    pub(super) fn set_field(
        &mut self,
        x: &Expr,
        field: &str,
        at: Span,
        e: &Expr,
    ) -> Result<String> {
        let ExprKind::Name(n) = &x.kind else {
            return Err(
                Diagnostic::new(at, "only a field of a variable can be assigned to")
                    .label("not `name.field`")
                    .note("bind the value to a name first, then assign its field"),
            );
        };
        let l = self.place(x)?;
        let Ty::Rust(p) = &l.ty else {
            return Err(Diagnostic::new(
                at,
                format!("a `{}` has no fields to assign", l.ty.name()),
            )
            .label("not a Rust value"));
        };
        let p = p.clone();
        let Some(f) = self
            .state
            .type_def(&p)
            .and_then(|t| t.fields.iter().find(|f| f.name == field))
            .cloned()
        else {
            return Err(
                Diagnostic::new(at, format!("`{p}` has no public field `{field}`"))
                    .label("unknown field"),
            );
        };
        let r = rty::parse(&f.ty, &p).map_err(|e| Diagnostic::new(at, e))?;
        let code = self.arg(e, &r, &format!("{p}.{field}"))?;
        if let Some(v) = self.lookup(n) {
            v.mutated = true;
        }
        Ok(format!("{}.{field} = {code};\n", l.code))
    }
}
