//! Chart builtins: `plot(xs, ys)`, `scatter(xs, ys)`, `bar(labels, values)`,
//! `hist(values, bins=10)`, each also taking `title=`, `xlabel=`, `ylabel=`. They make a
//! rich SVG value (`kayton::rt::Rich`) drawn by the host with plotters
//! (`kernel/executor/src/plot.rs`); a cell ending in one shows the chart.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    pub(super) fn chart_builtin(
        &mut self,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        let mut pos = Vec::new();
        let (mut title, mut xlabel, mut ylabel) = (None, None, None);
        let mut bins = None;
        for a in args {
            let ExprKind::Keyword(k, v) = &a.kind else {
                pos.push(a);
                continue;
            };
            match k.as_str() {
                "title" => title = Some(self.expr_as(v, &Ty::Str)?),
                "xlabel" => xlabel = Some(self.expr_as(v, &Ty::Str)?),
                "ylabel" => ylabel = Some(self.expr_as(v, &Ty::Str)?),
                "bins" if name == "hist" => bins = Some(self.expr_as(v, &Ty::Int)?),
                _ => {
                    let takes = if name == "hist" {
                        "`bins=`, `title=`, `xlabel=` and `ylabel=`"
                    } else {
                        "`title=`, `xlabel=` and `ylabel=`"
                    };
                    return Err(Diagnostic::new(
                        a.span,
                        format!("`{name}` takes {takes} by name, not `{k}=`"),
                    ));
                }
            }
        }
        let want = if name == "hist" { 1 } else { 2 };
        if pos.len() != want {
            let what = match name {
                "hist" => "a list of numbers",
                "bar" => "a list of labels and a list of numbers",
                _ => "a list of x values and a list of y values",
            };
            return Err(Diagnostic::new(
                span,
                format!("`{name}` takes {what}, {} given", pos.len()),
            ));
        }
        let empty = || "Vec::new()".to_string();
        let (xs, ys, labels) = match name {
            "hist" => (self.numbers(pos[0])?, empty(), empty()),
            "bar" => {
                let labels = self.expr_as(pos[0], &Ty::List(Box::new(Ty::Str)))?;
                (
                    empty(),
                    self.numbers(pos[1])?,
                    format!("({labels}).clone()"),
                )
            }
            _ => (self.numbers(pos[0])?, self.numbers(pos[1])?, empty()),
        };
        let kind = if name == "plot" { "line" } else { name };
        let text = |t: Option<String>| t.unwrap_or_else(|| "String::new()".into());
        Ok(Lowered::new(
            format!(
                "kayton::rt::chart(ctx, kayton::rt::ChartSpec {{ kind: {kind:?}, xs: {xs}, ys: {ys}, labels: {labels}, title: &{}, xlabel: &{}, ylabel: &{}, bins: {} }})?",
                text(title),
                text(xlabel),
                text(ylabel),
                bins.unwrap_or_else(|| "10".into()),
            ),
            Ty::Rust(super::rich::RICH.into()),
        ))
    }

    /// A list (or range) of ints or floats as a `Vec<f64>`.
    fn numbers(&mut self, e: &Expr) -> Result<String> {
        let l = self.expr(e)?;
        Ok(match &l.ty {
            Ty::List(t) if **t == Ty::Float => format!("({}).clone()", l.code),
            Ty::List(t) if **t == Ty::Int => format!(
                "({}).iter().map(|k_v| *k_v as f64).collect::<Vec<f64>>()",
                l.code
            ),
            Ty::Range => format!("({}).map(|k_v| k_v as f64).collect::<Vec<f64>>()", l.code),
            Ty::EmptyList => "Vec::<f64>::new()".into(),
            other => {
                return Err(Diagnostic::new(
                    e.span,
                    format!("expected a list of numbers, found `{}`", other.name()),
                ))
            }
        })
    }
}
