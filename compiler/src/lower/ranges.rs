//! Rust's ranges beside Keyton's own `a..b` of ints: `1..=6`, `..10`, `3..`, `..` and
//! ranges of floats (`0.0..1.0`), for Rust APIs that take them (rand's `random_range`,
//! fastrand's `usize(..10)`, a `RangeBounds` argument). Each is the std type over
//! `i64` or `f64` (`std::ops::RangeInclusive<i64>`); an API over another integer gets
//! it narrowed, checked (`RTy::IntRange`).
use super::{Lowered, Lowerer};
use crate::ast::{Expr, ExprKind};
use crate::diag::Result;
use crate::types::Ty;

impl Lowerer<'_> {
    /// Whether `e` is a float: a float literal, or an expression of type float.
    pub(super) fn is_float(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Float(_) => true,
            ExprKind::Int(_) => false,
            _ => self.expr(e).is_ok_and(|l| l.ty == Ty::Float),
        }
    }

    pub(super) fn rust_range(
        &mut self,
        start: Option<&Expr>,
        end: Option<&Expr>,
        inclusive: bool,
    ) -> Result<Lowered> {
        let float = start.or(end).is_some_and(|e| self.is_float(e));
        let elem = if float { Ty::Float } else { Ty::Int };
        let mut part = |e: Option<&Expr>| -> Result<String> {
            e.map_or(Ok(String::new()), |e| self.expr_as(e, &elem))
        };
        let (a, b) = (part(start)?, part(end)?);
        let kind = match (start.is_some(), end.is_some(), inclusive) {
            (true, true, true) => "RangeInclusive",
            (true, true, false) => "Range",
            (true, false, _) => "RangeFrom",
            (false, true, true) => "RangeToInclusive",
            (false, true, false) => "RangeTo",
            (false, false, _) => {
                return Ok(Lowered::new("(..)", Ty::Rust("std::ops::RangeFull".into())));
            }
        };
        let dots = if inclusive { "..=" } else { ".." };
        Ok(Lowered::new(
            format!("({a}{dots}{b})"),
            Ty::Rust(format!("std::ops::{kind}<{}>", elem.rust())),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::session::Compiler;
    use crate::types::Ty;

    fn result_of(src: &str) -> (Option<Ty>, String) {
        let c = Compiler::new().compile(src).expect("compiles");
        (c.result, c.rust)
    }

    #[test]
    fn each_rust_range_is_its_std_type() {
        for (src, ty, code) in [
            ("1..=6", "std::ops::RangeInclusive<i64>", "..="),
            ("..10", "std::ops::RangeTo<i64>", "(..10"),
            ("..=9", "std::ops::RangeToInclusive<i64>", "(..=9"),
            ("3..", "std::ops::RangeFrom<i64>", ".."),
            ("-1.0..1.0", "std::ops::Range<f64>", ".."),
            ("..", "std::ops::RangeFull", "(..)"),
        ] {
            let (t, rust) = result_of(src);
            assert_eq!(t, Some(Ty::Rust(ty.into())), "{src}");
            assert!(rust.contains(code), "{src}: {rust}");
        }
        assert_eq!(result_of("0..3").0, Some(Ty::Range));
    }

    #[test]
    fn a_range_needs_its_end_after_dots_equals() {
        let e = Compiler::new().compile("x = 1..=").err().expect("an error");
        assert!(format!("{e:?}").contains("..="), "{e:?}");
    }
}
