//! `Trait.method(value, …)`: a trait's method called through the trait, as Rust
//! writes `Trait::method(value, …)` (`UnicodeSegmentation.graphemes(s, True)`). It is
//! the method call `value.method(…)`, with the trait in scope for it even when the
//! cell did not import it by name.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::Result;
use crate::span::Span;

impl Lowerer<'_> {
    pub(super) fn trait_call(
        &mut self,
        tr: &str,
        name: &str,
        recv: &Expr,
        rest: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        // A key no Keyton name can be, so that nothing else sees it.
        let key = format!("<trait {tr}>");
        let added = !self.state.imports.values().any(|p| p == tr);
        if added {
            self.state.imports.insert(key.clone(), tr.to_string());
        }
        let method = Expr {
            span,
            kind: ExprKind::Attr(Box::new(recv.clone()), name.to_string()),
        };
        let call = Expr {
            span,
            kind: ExprKind::Call(Box::new(method), rest.to_vec()),
        };
        let r = self.expr(&call);
        if added {
            self.state.imports.remove(&key);
        }
        r
    }
}
