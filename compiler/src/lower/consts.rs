//! Crate-level constants as values (`NON_ALPHANUMERIC`, `general_purpose.STANDARD`).
//! A constant is named afresh at each use, so no variable holds it: a constant of a
//! Rust type is the value itself (`::base64::engine::general_purpose::STANDARD`), a
//! `&'static` one the place it points to (`(*::percent_encoding::NON_ALPHANUMERIC)`,
//! whose borrow is still `'static` where a parameter wants that), and one of a Keyton
//! type its converted value.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::rty::{self, RTy};
use crate::state::ItemKind;

impl Lowerer<'_> {
    /// The constant `e` names (an imported name or `module.NAME`), as its path.
    pub(super) fn const_path(&self, e: &Expr) -> Option<String> {
        let path = match &e.kind {
            ExprKind::Name(n) if !self.is_var(n) => self.state.imports.get(n)?.clone(),
            ExprKind::Attr(x, m) => {
                let base = self.item_path(x)?;
                format!("{base}::{m}")
            }
            _ => return None,
        };
        matches!(self.state.item_kind(&path), Some(ItemKind::Const)).then_some(path)
    }

    /// The value of the constant at `path`.
    pub(super) fn const_value(&mut self, path: &str, e: &Expr) -> Result<Lowered> {
        let krate = path.split("::").next().unwrap_or_default();
        let ty = self
            .state
            .manifests
            .get(krate)
            .and_then(|m| m.constant(path))
            .map(|c| c.ty.clone())
            .expect("checked by const_path");
        let r = rty::parse(&ty, "").map_err(|m| Diagnostic::new(e.span, m))?;
        Ok(match &r {
            RTy::Named(p) => Lowered::new(format!("(::{path})"), crate::types::Ty::Rust(p.clone())),
            RTy::Ref(inner) if matches!(**inner, RTy::Named(_)) => {
                let RTy::Named(p) = &**inner else {
                    unreachable!()
                };
                Lowered::new(format!("(*::{path})"), crate::types::Ty::Rust(p.clone()))
            }
            _ => {
                let code = self.rust_to_keyton(&r, &format!("::{path}"), e.span)?;
                Lowered::new(code, r.keyton())
            }
        })
    }
}
