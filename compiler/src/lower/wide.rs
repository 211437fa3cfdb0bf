//! Wide Rust integers (`types::WIDE_INTS`: a call's `u64`, `u128`, `i128` result) in
//! Keyton's operators and conversions: compared and combined exactly as `i128`, and an
//! `int` (checked) wherever one is used.
use super::expr::Lowered;
use crate::ast::BinOp;
use crate::types::Ty;

/// A comparison or arithmetic with a wide Rust integer on either side (`h == 0`,
/// `h1 < h2`, `h % 16`): both sides as `i128`, which holds every `int` and `u64`
/// exactly; arithmetic gives an `int` (checked, `kayton::rt::wide_arith`).
pub fn binary(op: BinOp, l: &Lowered, r: &Lowered) -> Option<Lowered> {
    use BinOp::*;
    let wide_or_int = |x: &Lowered| x.ty.is_wide_int() || x.ty == Ty::Int;
    if !(l.ty.is_wide_int() || r.ty.is_wide_int()) || !(wide_or_int(l) && wide_or_int(r)) {
        return None;
    }
    let (a, b) = (code(&l.code), code(&r.code));
    Some(match op {
        Eq | Ne | Lt | Le | Gt | Ge => Lowered::new(format!("({a} {} {b})", op.symbol()), Ty::Bool),
        Add | Sub | Mul | Div | FloorDiv | Rem => Lowered::new(
            format!("kayton::rt::wide_arith({a}, {:?}, {b})?", op.symbol()),
            Ty::Int,
        ),
        _ => return None,
    })
}

/// A wide Rust integer (or an `int`) as an `i128`, also where it is a global's `&mut u64`.
pub fn code(code: &str) -> String {
    format!("{{ use kayton::rt::WideInt as _; ({code}).wide() }}")
}

/// The wide Rust integer `x` as an `int`: checked (past `i64::MAX` raises).
pub fn to_int(x: &str) -> String {
    format!("kayton::rt::to_i64({})?", code(x))
}

/// The wide Rust integer `x` as a `float`.
pub fn to_float(x: &str) -> String {
    format!("({} as f64)", code(x))
}

/// A wide Rust integer in another operation is an `int` (checked).
pub fn as_int(l: Lowered) -> Lowered {
    if l.ty.is_wide_int() {
        Lowered::new(to_int(&l.code), Ty::Int)
    } else {
        l
    }
}
