//! Tuples: `t[0]` (an integer literal picks the element, so its type is known) and
//! `a, b = t` (each name bound as by `=`).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `t[i]` for a literal `i` (negative counts from the end): a copy of the element.
    pub(super) fn tuple_index(&mut self, t: &Lowered, tys: &[Ty], i: &Expr) -> Result<Lowered> {
        let n = tys.len() as i64;
        let at = match &i.kind {
            ExprKind::Int(v) => Some(*v),
            ExprKind::Neg(x) => match x.kind {
                ExprKind::Int(v) => Some(-v),
                _ => None,
            },
            _ => None,
        };
        let Some(at) = at else {
            return Err(Diagnostic::new(i.span, "a tuple is indexed by an integer literal")
                .label("not a literal")
                .note("its elements may have different types, so the index must be known: write `t[0]`, or unpack with `a, b = t`"));
        };
        let k = if at < 0 { at + n } else { at };
        if !(0..n).contains(&k) {
            return Err(Diagnostic::new(
                i.span,
                format!("index {at} is out of range for a tuple of {n}"),
            )
            .label("no such element"));
        }
        let ty = tys[k as usize].clone();
        let code = format!("({}).{k}", t.code);
        Ok(Lowered::new(self.copy_out(code, &ty, i.span)?, ty))
    }

    /// A copy of a value read out of a place (a clone unless it is `Copy`).
    fn copy_out(&self, code: String, ty: &Ty, span: Span) -> Result<String> {
        if ty.is_copy() {
            return Ok(code);
        }
        if let Ty::Rust(p) = ty {
            if !self.state.clones(p) {
                return Err(Diagnostic::new(
                    span,
                    format!("cannot copy a `{p}` out of a tuple: it is not Clone"),
                )
                .note("unpack the tuple instead: `a, b = t`"));
            }
        }
        Ok(format!("{code}.clone()"))
    }

    /// `a, b = e`: `e` must be a tuple of as many values; each name is bound as `=` does.
    pub(super) fn unpack(
        &mut self,
        names: &[(String, Span)],
        e: &Expr,
        at: Span,
    ) -> Result<String> {
        let l = self.expr(e)?;
        let Ty::Tuple(tys) = &l.ty else {
            return Err(Diagnostic::new(
                e.span,
                format!("only a tuple can be unpacked, found `{}`", l.ty.name()),
            )
            .label("not a tuple"));
        };
        if tys.len() != names.len() {
            return Err(Diagnostic::new(
                e.span,
                format!(
                    "{} names but a tuple of {}: `{}`",
                    names.len(),
                    tys.len(),
                    l.ty.name()
                ),
            )
            .label("this tuple"));
        }
        let tmp = format!("k_unpack_{}", at.start);
        let mut code = format!("let {tmp}: {} = {};\n", l.ty.rust(), l.code);
        for (i, ((n, ns), t)) in names.iter().zip(tys).enumerate() {
            let el = Lowered::new(format!("{tmp}.{i}"), t.clone());
            code.push_str(&self.assign_lowered(n, el, *ns)?);
        }
        Ok(code)
    }
}
