//! A variable lent to a call that writes into it (`&mut [u8]`, `&mut Vec<u32>`, `&mut
//! f32`): Keyton's list of ints (or float) is converted into the width the call takes
//! (checked), and written back when the call's statement ends (`rt::InOut`'s drop), so
//! a Python user sees the call fill the list, as with a `bytearray`.
use super::{type_error, Lowerer};
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::rty::RTy;
use crate::types::Ty;

/// Integer widths a list of ints converts to and back without loss.
const LENDABLE: &[&str] = &["u8", "u16", "u32", "i8", "i16", "i32"];

/// Whether a `&mut inner` parameter needs a converted loan (else the variable itself
/// is lent: `&mut Vec<i64>`, `&mut String`).
pub(super) fn converts(inner: &RTy) -> bool {
    match inner {
        RTy::Slice(e) | RTy::Vec(e) => matches!(&**e, RTy::Int(n) if n != "i64"),
        RTy::Float(f) => f == "f32",
        _ => false,
    }
}

impl Lowerer<'_> {
    /// Rust code lending `a` for a `&mut inner` parameter that [`converts`].
    pub(super) fn lend(&mut self, a: &Expr, inner: &RTy, fname: &str) -> Result<String> {
        let (list, width, slice) = match inner {
            RTy::Slice(e) | RTy::Vec(e) => match &**e {
                RTy::Int(n) => (true, n.clone(), matches!(inner, RTy::Slice(_))),
                _ => unreachable!("converts() said so"),
            },
            _ => (false, "f32".to_string(), false),
        };
        let l = self.place(a)?;
        let want = if list {
            Ty::List(Box::new(Ty::Int))
        } else {
            Ty::Float
        };
        if l.ty != want {
            return Err(type_error(a.span, &want, &l.ty)
                .label(format!("`{fname}` writes into a `{}` here", want.name())));
        }
        if list && !LENDABLE.contains(&width.as_str()) {
            return Err(Diagnostic::new(
                a.span,
                format!("`{fname}` writes `{width}` values, which a list of ints cannot hold back without loss"),
            )
            .label("lends a list here"));
        }
        self.mark_lent(a);
        let guard = if list {
            format!("kayton::rt::InOut::<{width}>::new(&mut {})?", l.code)
        } else {
            format!("kayton::rt::InOutF32::new(&mut {})", l.code)
        };
        Ok(if slice {
            format!("&mut {guard}[..]")
        } else {
            format!("&mut *{guard}")
        })
    }

    /// A variable a call writes into is stored back (a global at the cell's end).
    pub(super) fn mark_lent(&mut self, a: &Expr) {
        if let crate::ast::ExprKind::Name(n) = &a.kind {
            if let Some(v) = self.lookup(n) {
                v.mutated = true;
            }
        }
    }
}
