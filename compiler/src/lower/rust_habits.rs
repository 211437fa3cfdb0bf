//! Rust habits on Keyton values, as a crate's docs write them: `s.parse()` into an
//! annotated Rust type, `….collect()` into a `str` (`call.rs` dispatches to them).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `s.parse()` as the annotated Rust type's `from_str(s)` (its `Err` raises).
    pub(super) fn parse_str(&mut self, recv: &Expr, span: Span) -> Result<Lowered> {
        let target = match &self.expect {
            Some(Ty::Rust(p)) => p.clone(),
            _ => {
                return Err(Diagnostic::new(span, "cannot tell which type `parse()` should produce")
                    .label("type not determined")
                    .note("annotate the result with a Rust type that implements `FromStr`, e.g. `let v: semver.Version = s.parse()`"))
            }
        };
        let f = self
            .state
            .type_def(&target)
            .and_then(|t| {
                t.methods
                    .iter()
                    .find(|f| f.name == "from_str" && f.receiver.is_none())
            })
            .cloned()
            .ok_or_else(|| {
                Diagnostic::new(
                    span,
                    format!(
                        "`{}` has no `FromStr` impl in its plugin's manifest, so a string cannot be parsed as one",
                        target.replace("::", ".")
                    ),
                )
            })?;
        let call = format!("<::{target} as ::std::str::FromStr>::from_str");
        self.emit_call(&call, &f, None, std::slice::from_ref(recv), span, &target)
    }

    /// A list of one-character strings (or Rust `char`s) as one string.
    pub(super) fn chars_to_str(&mut self, l: &Lowered, span: Span) -> Result<Lowered> {
        match &l.ty {
            Ty::List(t) if matches!(&**t, Ty::Str) => {
                Ok(Lowered::new(format!("{}.concat()", l.code), Ty::Str))
            }
            Ty::List(t) if matches!(&**t, Ty::Rust(c) if c.trim_start_matches("::") == "char") => {
                Ok(Lowered::new(
                    format!("{}.iter().collect::<String>()", l.code),
                    Ty::Str,
                ))
            }
            other => Err(Diagnostic::new(
                span,
                format!("cannot collect `{}` into a string", other.name()),
            )),
        }
    }
}
