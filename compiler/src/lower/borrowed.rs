//! Values of a type that borrows (`serde_json::map::Entry<'a>`, a manifest type marked
//! `borrowed`): a cell calls their methods on the value an expression just made
//! (`m.entry(k).or_insert(v)`), and never keeps one in a variable, which would outlive
//! the value it borrows from.
use super::Lowerer;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// A value of a type that borrows (`serde_json.map.Entry`) lives in the expression
    /// that made it: binding it to a name is an error that says how to use it.
    pub(super) fn check_not_borrowed(&self, ty: &Ty, span: Span) -> Result<()> {
        let Ty::Rust(p) = ty else { return Ok(()) };
        if !self.state.type_def(p).is_some_and(|t| t.borrowed) {
            return Ok(());
        }
        let dotted = p.replace("::", ".");
        Err(Diagnostic::new(
            span,
            format!("a `{dotted}` borrows from the value it came from, so it cannot be kept in a variable"),
        )
        .label("borrows")
        .note("use it in the same expression: `m.entry(k).or_insert(v)`"))
    }
}
