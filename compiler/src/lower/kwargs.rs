//! Keyword arguments (`f(1, width=15)`, `Version.new(1, 2, patch=3)`): each is put in its
//! parameter's place by name — a Keyton `fn`'s, or a Rust function's by the names rustdoc
//! gives — before the call is checked like a positional one.
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};

impl Lowerer<'_> {
    /// `args` in parameter order; an unknown, repeated or missing name is an error at it.
    pub(super) fn by_name(
        &self,
        fname: &str,
        params: &[String],
        args: &[Expr],
    ) -> Result<Vec<Expr>> {
        self.with_defaults(fname, params, &[], args)
    }

    /// As [`Self::by_name`], a parameter left out taking its default (`defaults[i]`, a
    /// Keyton `fn`'s `greeting="Hello"`).
    pub(super) fn with_defaults(
        &self,
        fname: &str,
        params: &[String],
        defaults: &[Option<Expr>],
        args: &[Expr],
    ) -> Result<Vec<Expr>> {
        let keywords = args.iter().any(|a| matches!(a.kind, ExprKind::Keyword(..)));
        if !keywords && (args.len() >= params.len() || defaults.is_empty()) {
            return Ok(args.to_vec());
        }
        let shown = fname.replace("::", ".");
        let listed = || format!("its parameters: {}", params.join(", "));
        let mut slots: Vec<Option<Expr>> = vec![None; params.len()];
        let mut next = 0;
        for a in args {
            match &a.kind {
                ExprKind::Keyword(n, v) => {
                    let Some(i) = params.iter().position(|p| p == n) else {
                        return Err(Diagnostic::new(
                            a.span,
                            format!("`{shown}` has no parameter `{n}`"),
                        )
                        .label("unknown keyword argument")
                        .note(listed()));
                    };
                    if slots[i].is_some() {
                        return Err(Diagnostic::new(
                            a.span,
                            format!("`{shown}` got a value for `{n}` twice"),
                        ));
                    }
                    slots[i] = Some((**v).clone());
                }
                _ if next >= params.len() => {
                    return Err(Diagnostic::new(
                        a.span,
                        format!("`{shown}` takes {} argument(s)", params.len()),
                    ))
                }
                _ => {
                    slots[next] = Some(a.clone());
                    next += 1;
                }
            }
        }
        slots
            .into_iter()
            .zip(params)
            .enumerate()
            .map(|(i, (s, p))| {
                s.or_else(|| defaults.get(i).cloned().flatten())
                    .ok_or_else(|| {
                        Diagnostic::new(
                            args.last().map_or_else(Default::default, |a| a.span),
                            format!("`{shown}` is missing its argument `{p}`"),
                        )
                        .note(listed())
                    })
            })
            .collect()
    }
}
