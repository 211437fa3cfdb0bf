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
        let Some(n) = root(x) else {
            return Err(
                Diagnostic::new(at, "only a field of a variable can be assigned to")
                    .label("not `name.field`")
                    .note("bind the value to a name first, then assign its field"),
            );
        };
        let n = n.to_string();
        let l = self.field_place(x, at)?;
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
        if let Some(v) = self.lookup(&n) {
            v.mutated = true;
        }
        Ok(format!("{}.{field} = {code};\n", l.code))
    }

    /// The place `x` names: a variable, or a public field of a Rust value inside one
    /// (`options.extension` of comrak's `options.extension.strikethrough = True`), in place.
    fn field_place(&mut self, x: &Expr, at: Span) -> Result<super::Lowered> {
        let ExprKind::Attr(inner, name) = &x.kind else {
            return self.place(x);
        };
        let outer = self.field_place(inner, at)?;
        let Ty::Rust(p) = &outer.ty else {
            return Err(Diagnostic::new(
                at,
                format!("a `{}` has no fields to assign", outer.ty.name()),
            ));
        };
        let p = p.clone();
        let Some(f) = self
            .state
            .type_def(&p)
            .and_then(|t| t.fields.iter().find(|f| f.name == *name))
            .cloned()
        else {
            return Err(
                Diagnostic::new(at, format!("`{p}` has no public field `{name}`"))
                    .label("unknown field"),
            );
        };
        match rty::parse(&f.ty, &p).map_err(|e| Diagnostic::new(at, e))? {
            rty::RTy::Named(q) => Ok(super::Lowered::new(
                format!("{}.{name}", outer.code),
                Ty::Rust(q),
            )),
            other => Err(Diagnostic::new(
                at,
                format!(
                    "`{p}.{name}` is a `{}`, whose fields Keyton cannot assign",
                    other.keyton().name()
                ),
            )),
        }
    }
}

/// The variable an assigned field's place starts from (`options` of
/// `options.extension.strikethrough`).
fn root(x: &Expr) -> Option<&str> {
    match &x.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr(inner, _) => root(inner),
        _ => None,
    }
}
