//! `take(n)` and `nth(n)` on a call that gives a Rust iterator (`pset.iter().take(5)`,
//! primes' endless `PrimeSetIter`): applied to the iterator itself, so only the items
//! wanted are made. Read out as a list first, an endless iterator would never end.
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::Result;
use crate::rty::RTy;
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `None` when `recv` is not a call whose Rust result is an iterator.
    pub(super) fn lazy_iter_method(
        &mut self,
        recv: &Expr,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<super::Lowered>> {
        if !matches!(m, "take" | "nth") || !matches!(recv.kind, ExprKind::Call(..)) {
            return Ok(None);
        }
        let outer = self.raw_iter.replace((recv.span, None));
        let lowered = self.expr(recv);
        let item = std::mem::replace(&mut self.raw_iter, outer).and_then(|(_, item)| item);
        let (Some(item), Ok(it)) = (item, lowered) else {
            return Ok(None);
        };
        let n = self.count_arg(m, args, 1, span)?;
        let conv = self.rust_to_keyton(&item, "k_raw", recv.span)?;
        let elem = item.keyton();
        Ok(Some(match m {
            "take" => super::Lowered::new(
                format!(
                    "{{ let mut k_out = Vec::new(); for k_raw in ({}).take({n}) {{ k_out.push({conv}); }} k_out }}",
                    it.code
                ),
                Ty::List(Box::new(elem)),
            ),
            _ => super::Lowered::new(
                format!(
                    "match ({}).nth({n}) {{ Some(k_raw) => Some({conv}), None => None }}",
                    it.code
                ),
                Ty::Option(Box::new(elem)),
            ),
        }))
    }

    /// At the conversion of a call's result: the iterator itself, when it is the call
    /// `lazy_iter_method` asked for (its items' type noted there).
    pub(super) fn raw_iter_result(
        &mut self,
        ret: &RTy,
        call: &str,
        span: Span,
    ) -> Option<super::Lowered> {
        let RTy::Iter(item) = ret else {
            return None;
        };
        match &mut self.raw_iter {
            Some((at, slot)) if *at == span && slot.is_none() => {
                *slot = Some((**item).clone());
                Some(super::Lowered::new(call.to_string(), Ty::Unit))
            }
            _ => None,
        }
    }
}
