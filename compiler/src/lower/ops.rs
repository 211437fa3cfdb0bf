//! Keyton's operators on Rust values (`a < b`, `a + b`, `-a`): through the type's own
//! traits (`PartialOrd`, `Add<Output = Self>`, `Neg<Output = Self>`, …), which the plugin's
//! manifest lists among the type's `derives` (probed when the plugin is built). Both
//! operands are values of the type (`expr` clones a variable), so the Rust operator
//! applies as written.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{BinOp, Expr};
use crate::diag::{Diagnostic, Result};
use crate::manifest::FnSig;
use crate::types::Ty;

/// The trait a Rust type needs for `op` between two of its values.
fn trait_of(op: BinOp) -> Option<&'static str> {
    use BinOp::*;
    Some(match op {
        Add => "Add",
        Sub => "Sub",
        Mul => "Mul",
        Div => "Div",
        Rem => "Rem",
        Eq | Ne => "PartialEq",
        Lt | Le | Gt | Ge => "PartialOrd",
        Pow | FloorDiv | And | Or | In | NotIn => return None,
    })
}

impl Lowerer<'_> {
    /// `l op r` when either side is a Rust value; `None` when neither is.
    pub(super) fn rust_binary(
        &self,
        op: BinOp,
        l: &Lowered,
        r: &Lowered,
        whole: &Expr,
    ) -> Option<Result<Lowered>> {
        let (p, int) = match (&l.ty, &r.ty) {
            (Ty::Rust(p), Ty::Rust(q)) if p == q => (p, false),
            // `big * 2`: the type's `Mul<i64, Output = Self>`.
            (Ty::Rust(p), Ty::Int) if trait_of(op).is_some_and(|t| !t.starts_with("Partial")) => {
                (p, true)
            }
            _ => return None,
        };
        let shown = p.replace("::", ".");
        let Some(tr) = trait_of(op) else {
            return Some(Err(Diagnostic::new(
                whole.span,
                format!("`{}` is not defined for `{shown}` values", op.symbol()),
            )));
        };
        let tr = if int {
            format!("{tr}Int")
        } else {
            tr.to_string()
        };
        let tr = tr.as_str();
        if !self.state.type_def(p).is_some_and(|t| t.has(tr)) {
            let what = match tr {
                "PartialEq" | "PartialOrd" => {
                    format!("`{shown}` values cannot be compared with `{}`", op.symbol())
                }
                _ if int => format!("`{}` is not defined for `{shown}` and `int`", op.symbol()),
                _ => format!("`{}` is not defined for `{shown}` values", op.symbol()),
            };
            let needs = match tr.strip_suffix("Int") {
                Some(t) => format!("{t}<i64>"),
                None => tr.to_string(),
            };
            return Some(Err(Diagnostic::new(whole.span, what)
                .label(format!("`{shown}` does not implement `{needs}`"))));
        }
        let ty = if matches!(tr, "PartialEq" | "PartialOrd") {
            Ty::Bool
        } else {
            l.ty.clone()
        };
        Some(Ok(Lowered::new(
            format!("({} {} {})", l.code, op.symbol(), r.code),
            ty,
        )))
    }

    /// `-x` of a Rust value whose type is `Neg<Output = Self>`; `None` for other values.
    pub(super) fn rust_neg(&self, x: &Lowered, at: &Expr) -> Option<Result<Lowered>> {
        let Ty::Rust(p) = &x.ty else {
            return None;
        };
        if !self.state.type_def(p).is_some_and(|t| t.has("Neg")) {
            return Some(Err(Diagnostic::new(
                at.span,
                format!(
                    "unary `-` is not defined for `{}` values",
                    p.replace("::", ".")
                ),
            )
            .label(format!(
                "`{}` does not implement `Neg`",
                p.replace("::", ".")
            ))));
        }
        Some(Ok(Lowered::new(format!("(-{})", x.code), x.ty.clone())))
    }
}

impl Lowerer<'_> {
    /// The error a `None` raises where a value is used: `` `v.get("a")` is None ``, the
    /// expression as written (one line of it).
    pub(super) fn none_message(&self, e: &Expr) -> String {
        let what = self
            .src
            .and_then(|s| s.get(e.span.start..e.span.end))
            .filter(|t| !t.contains('\n'))
            .map_or_else(|| "the value".to_string(), |t| format!("`{t}`"));
        format!("{what} is None")
    }

    /// `l` as its value when it is an `Option` of a number (`round(t.estimate_quantile(
    /// 0.99))`): a builtin that needs a number takes it, `None` raising as [`Self::held`].
    pub(super) fn held_number(&self, e: &Expr, l: Lowered) -> Lowered {
        match &l.ty {
            Ty::Option(t) if t.is_numeric() || t.is_wide_int() => self.held(e, l),
            _ => l,
        }
    }

    /// The value an `Option` operand holds, for arithmetic and ordering (`opt + 1`): a
    /// `None` raises an error naming the expression, as Python raises on `NoneType`.
    /// Other operands are returned as they are.
    pub(super) fn held(&self, e: &Expr, l: Lowered) -> Lowered {
        let Ty::Option(t) = &l.ty else {
            return l;
        };
        let msg = self.none_message(e);
        Lowered::new(
            format!(
                "(match {} {{ ::std::option::Option::Some(k_v) => k_v, ::std::option::Option::None => Err(KErr::new({msg:?}))? }})",
                l.code
            ),
            (**t).clone(),
        )
    }
}

impl Lowerer<'_> {
    /// `l op r` through an impl of the operator's trait at the right operand's type
    /// (`NaiveDate + TimeDelta`, `Add<TimeDelta, Output = NaiveDate>`), declared by the
    /// plugin as the trait's method; `None` when the left type has no such impl.
    pub(super) fn rust_op_impl(
        &mut self,
        op: BinOp,
        le: &Expr,
        re: &Expr,
        l: &Lowered,
        whole: &Expr,
    ) -> Result<Option<Lowered>> {
        let Ty::Rust(p) = &l.ty else {
            return Ok(None);
        };
        let (Some(tr), Some(method)) = (trait_of(op), method_of(op)) else {
            return Ok(None);
        };
        let prefix = format!("std::ops::{tr}<");
        let td = self.state.type_def(p).cloned();
        let cands: Vec<&FnSig> = td
            .iter()
            .flat_map(|t| t.methods.iter())
            .filter(|f| {
                f.name == method
                    && f.params.len() == 1
                    && f.via_trait.as_ref().is_some_and(|v| v.starts_with(&prefix))
            })
            .collect();
        if cands.is_empty() {
            return Ok(None);
        }
        let p = p.clone();
        let Ok(f) = self.pick_instance(&p, &cands, std::slice::from_ref(re), whole.span) else {
            return Ok(None);
        };
        let f = f.clone();
        self.emit_call(
            method,
            &f,
            Some((le, l.clone())),
            std::slice::from_ref(re),
            whole.span,
            &p,
        )
        .map(Some)
    }
}

/// The method of an arithmetic operator's trait (`add` of `Add`).
fn method_of(op: BinOp) -> Option<&'static str> {
    use BinOp::*;
    Some(match op {
        Add => "add",
        Sub => "sub",
        Mul => "mul",
        Div => "div",
        Rem => "rem",
        _ => return None,
    })
}
