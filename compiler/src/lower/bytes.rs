//! Python's bytes habits: `bytes(xs)` (a list of ints, each a byte), `bytes(s, "utf-8")`,
//! `xs.decode()` (their UTF-8 text) and `s.encode()`. Keyton's bytes are lists of ints, as
//! `b"…"` and a crate's `Vec<u8>` are, so `quoted_printable.encode(s).decode()` reads as
//! Python's would.
use super::{Lowered, Lowerer};
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

fn bytes_ty() -> Ty {
    Ty::List(Box::new(Ty::Int))
}

impl Lowerer<'_> {
    /// `bytes(xs)` or `bytes(s, encoding)`.
    pub(super) fn bytes_builtin(&mut self, args: &[Expr], span: Span) -> Result<Lowered> {
        self.arity("bytes", args, 1..=2, span)?;
        let x = self.expr(&args[0])?;
        if let Some(e) = args.get(1) {
            self.encoding(e)?;
        }
        match &x.ty {
            Ty::Str => Ok(Lowered::new(
                format!("kayton::rt::str_encode(&{})", x.code),
                bytes_ty(),
            )),
            Ty::List(t) if **t == Ty::Int => Ok(Lowered::new(
                format!("kayton::rt::to_bytes({}.clone())?", x.code),
                bytes_ty(),
            )),
            Ty::EmptyList => Ok(Lowered::new("Vec::<i64>::new()", bytes_ty())),
            other => Err(Diagnostic::new(
                args[0].span,
                format!(
                    "`bytes` takes a list of ints or a string, not a `{}`",
                    other.name()
                ),
            )),
        }
    }

    /// `xs.decode()` of a list of ints, `s.encode()` of a string; `None` otherwise.
    pub(super) fn bytes_method(
        &mut self,
        x: &Lowered,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let code = match (m, &x.ty) {
            ("decode", Ty::List(t)) if **t == Ty::Int => {
                format!("kayton::rt::bytes_decode(&{})?", x.code)
            }
            ("encode", Ty::Str) => format!("kayton::rt::str_encode(&{})", x.code),
            _ => return Ok(None),
        };
        if args.len() > 1 {
            return Err(Diagnostic::new(
                span,
                format!("`{m}` takes at most an encoding"),
            ));
        }
        if let Some(e) = args.first() {
            self.encoding(e)?;
        }
        let ty = if m == "decode" { Ty::Str } else { bytes_ty() };
        Ok(Some(Lowered::new(code, ty)))
    }

    /// An encoding argument: UTF-8 is the one Keyton strings have.
    fn encoding(&mut self, e: &Expr) -> Result<()> {
        if let crate::ast::ExprKind::Str(s) = &e.kind {
            let n = s.to_ascii_lowercase().replace(['-', '_'], "");
            if n == "utf8" {
                return Ok(());
            }
        }
        Err(
            Diagnostic::new(e.span, "only \"utf-8\" is supported as an encoding")
                .label("an encoding Keyton does not have"),
        )
    }
}
