//! `lambda x: body`. Assigned to a name at a cell's top level it is a function like a
//! `fn` (a template, instantiated per argument types); called where it is written
//! (`(lambda x: x + 1)(2)`, a `key=` of `sorted`) it is inlined, its parameters bound
//! to the arguments, so it reads the surrounding variables directly.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, FnDef, Param, Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use std::rc::Rc;

/// The function `name = lambda …` defines.
pub(super) fn as_fn(
    name: &str,
    name_span: Span,
    params: &[(String, Span)],
    body: &Expr,
) -> Rc<FnDef> {
    Rc::new(FnDef {
        name: name.to_string(),
        name_span,
        params: params
            .iter()
            .map(|(n, s)| Param {
                name: n.clone(),
                span: *s,
                ty: None,
                default: None,
            })
            .collect(),
        ret: None,
        body: vec![Stmt {
            span: body.span,
            kind: StmtKind::Expr(body.clone()),
        }],
    })
}

impl Lowerer<'_> {
    /// `(lambda a, b: body)(x, y)`: the arguments first, then the body with the
    /// parameters bound to them.
    pub(super) fn call_lambda(
        &mut self,
        params: &[(String, Span)],
        body: &Expr,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        if args.len() != params.len() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "this lambda takes {} argument(s), {} given",
                    params.len(),
                    args.len()
                ),
            ));
        }
        let mut code = String::from("{\n");
        let mut vals = Vec::new();
        for a in args {
            let l = self.expr(a)?;
            if matches!(
                l.ty,
                crate::types::Ty::NoneLit | crate::types::Ty::EmptyList
            ) {
                return Err(Diagnostic::new(
                    a.span,
                    format!("cannot tell the type of {}", l.ty.name()),
                ));
            }
            let tmp = self.fresh("arg");
            code.push_str(&format!("let {tmp} = {};\n", l.code));
            vals.push((tmp, l.ty));
        }
        self.push_scope();
        for ((p, _), (tmp, ty)) in params.iter().zip(vals) {
            let r = self.declare(p, ty);
            code.push_str(&format!("let mut {r} = {tmp};\n"));
        }
        let b = self.expr(body);
        self.pop_scope();
        let b = b?;
        code.push_str(&format!("{}\n}}", b.code));
        Ok(Lowered::new(code, b.ty))
    }
}
