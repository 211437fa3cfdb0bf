//! Expressions: type them and emit Rust. Errors point at the expression's span.
pub use super::show::show_code;
use super::{type_error, Lowerer};
use crate::ast::{BinOp, Expr, ExprKind, FStrPart};
use crate::diag::{Diagnostic, Result};
use crate::types::Ty;

#[derive(Debug, Clone)]
pub struct Lowered {
    pub code: String,
    pub ty: Ty,
}

impl Lowered {
    pub fn new(code: impl Into<String>, ty: Ty) -> Lowered {
        Lowered {
            code: code.into(),
            ty,
        }
    }
}

fn str_lit(s: &str) -> String {
    format!("String::from({s:?})")
}

impl Lowerer<'_> {
    /// An expression as a value (a variable of a non-`Copy` type is cloned, so the
    /// variable stays usable, as Python users expect).
    pub fn expr(&mut self, e: &Expr) -> Result<Lowered> {
        if let Some(path) = self.const_path(e) {
            return self.const_value(&path, e);
        }
        if let Some(l) = self.unit_value(e)? {
            return Ok(l);
        }
        if let ExprKind::Name(_) = &e.kind {
            let l = self.place(e)?;
            return Ok(if l.ty.is_copy() {
                l
            } else {
                Lowered::new(format!("{}.clone()", l.code), l.ty)
            });
        }
        self.expr_inner(e)
    }

    /// An expression that may be borrowed in place (a variable is not cloned).
    pub fn place(&mut self, e: &Expr) -> Result<Lowered> {
        if let ExprKind::Name(n) = &e.kind {
            if let Some(v) = self.lookup(n) {
                if let Some(by) = &v.consumed {
                    return Err(
                        Diagnostic::new(e.span, format!("`{n}` was consumed by {by}"))
                            .label("used after it was moved")
                            .note(format!(
                                "a `{}` is not Clone: a method taking `self` uses it up",
                                v.ty.name()
                            )),
                    );
                }
                return Ok(Lowered::new(v.rust.clone(), v.ty.clone()));
            }
            if let Some(path) = self.const_path(e) {
                return self.const_value(&path, e);
            }
            if let Some(l) = self.unit_value(e)? {
                return Ok(l);
            }
            if let Some(p) = self.state.imports.get(n) {
                return Err(Diagnostic::new(
                    e.span,
                    format!(
                        "`{n}` is `{}` from a rimported crate, not a value",
                        p.replace("::", ".")
                    ),
                ));
            }
            if self.state.functions.contains_key(n) || super::call::is_builtin(n) {
                return Err(Diagnostic::new(
                    e.span,
                    format!("`{n}` is a function; call it with `{n}(…)`"),
                ));
            }
            return Err(self.undefined(n, e.span));
        }
        self.expr_inner(e)
    }

    /// An expression converted to `want` (the conversions Keyton inserts silently).
    pub fn expr_as(&mut self, e: &Expr, want: &Ty) -> Result<String> {
        let l = self.expr(e)?;
        let found = l.ty.clone();
        coerce(l, want).ok_or_else(|| type_error(e.span, want, &found))
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<Lowered> {
        Ok(match &e.kind {
            ExprKind::Int(v) => Lowered::new(format!("{v}i64"), Ty::Int),
            ExprKind::Float(v) => Lowered::new(format!("{v:?}f64"), Ty::Float),
            ExprKind::Str(s) => Lowered::new(str_lit(s), Ty::Str),
            ExprKind::Bool(b) => Lowered::new(b.to_string(), Ty::Bool),
            ExprKind::None => Lowered::new("None", Ty::NoneLit),
            ExprKind::FStr(parts) => self.fstring(parts)?,
            ExprKind::Name(_) => unreachable!("handled by place()"),
            ExprKind::ListComp(elt, clauses) => self.list_comp(elt, clauses, e.span)?,
            ExprKind::Dict(items) => self.dict_lit(items)?,
            ExprKind::DictComp(k, v, clauses) => self.dict_comp(k, v, clauses, e.span)?,
            ExprKind::Slice(x, parts) => self.slice(x, parts)?,
            ExprKind::IfElse(c, a, b) => self.if_else(c, a, b)?,
            ExprKind::Lambda(..) => {
                return Err(Diagnostic::new(e.span, "a lambda here is not called")
                    .label("not a value in Keyton")
                    .note("a lambda is called where it is written, given as `key=`, or assigned to a name at a cell's top level (`double = lambda x: x * 2`)"))
            }
            ExprKind::List(items) => {
                let Some(first) = items.first() else {
                    return Ok(Lowered::new("Vec::new()", Ty::EmptyList));
                };
                let f = self.expr(first)?;
                let ty = f.ty.clone();
                let mut codes = vec![f.code];
                for it in &items[1..] {
                    let l = self.expr(it)?;
                    let lt = l.ty.clone();
                    match coerce(l, &ty) {
                        Some(c) => codes.push(c),
                        None => {
                            return Err(Diagnostic::new(it.span, format!(
                                "list items must all have one type: the first is `{}`, this is `{}`",
                                ty.name(),
                                lt.name()
                            )));
                        }
                    }
                }
                Lowered::new(
                    format!("vec![{}]", codes.join(", ")),
                    Ty::List(Box::new(ty)),
                )
            }
            ExprKind::Tuple(items) => {
                // With a wanted tuple type (`let t: tuple[f64, Option<i64>] = (1, None)`),
                // each element is converted to its own wanted type.
                let wanted = match self.expect.clone() {
                    Some(Ty::Tuple(ws)) if ws.len() == items.len() => Some(ws),
                    _ => None,
                };
                let mut codes = Vec::new();
                let mut tys = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    if let Some(w) = wanted.as_ref().map(|ws| ws[i].clone()) {
                        let saved = self.expect.replace(w.clone());
                        let code = self.expr_as(it, &w);
                        self.expect = saved;
                        codes.push(code?);
                        tys.push(w);
                        continue;
                    }
                    let l = self.expr(it)?;
                    codes.push(l.code);
                    tys.push(l.ty);
                }
                Lowered::new(format!("({},)", codes.join(", ")), Ty::Tuple(tys))
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e)?,
            ExprKind::Neg(x) => {
                let l = self.expr(x)?;
                if let Some(neg) = self.rust_neg(&l, x) {
                    return neg;
                }
                if !l.ty.is_numeric() {
                    return Err(Diagnostic::new(
                        x.span,
                        format!("unary `-` needs a number, found `{}`", l.ty.name()),
                    ));
                }
                Lowered::new(format!("(-{})", l.code), l.ty)
            }
            ExprKind::Not(x) => {
                let l = self.expr(x)?;
                if l.ty != Ty::Bool {
                    return Err(Diagnostic::new(
                        x.span,
                        format!("`not` needs a bool, found `{}`", l.ty.name()),
                    )
                    .note("Keyton has no truthiness: compare explicitly, e.g. `len(xs) == 0`"));
                }
                Lowered::new(format!("(!{})", l.code), Ty::Bool)
            }
            ExprKind::IsNone(x, negated) => {
                let l = self.place(x)?;
                let test = match &l.ty {
                    Ty::Option(_) => format!("{}.is_none()", l.code),
                    Ty::NoneLit => "true".into(),
                    other => {
                        return Err(Diagnostic::new(
                            x.span,
                            format!("a `{}` is never None", other.name()),
                        )
                        .label("not an Option"));
                    }
                };
                Lowered::new(if *negated { format!("(!{test})") } else { test }, Ty::Bool)
            }
            // `0.0..1.0` (rand's `random_range`): a Rust range of floats.
            ExprKind::Range(a, b) if self.is_float(a) => {
                let a = self.expr_as(a, &Ty::Float)?;
                let b = self.expr_as(b, &Ty::Float)?;
                Lowered::new(format!("({a}..{b})"), Ty::Rust("std::ops::Range<f64>".into()))
            }
            ExprKind::Range(a, b) => {
                let a = self.expr_as(a, &Ty::Int)?;
                let b = self.expr_as(b, &Ty::Int)?;
                Lowered::new(format!("({a}..{b})"), Ty::Range)
            }
            ExprKind::RustRange(a, b, inclusive) => self.rust_range(a.as_deref(), b.as_deref(), *inclusive)?,
            ExprKind::Index(x, i) => {
                let target = self.place(x)?;
                // A Rust type that implements `Index` (serde_json's Value): by position or key.
                if let Ty::Rust(p) = &target.ty {
                    // At a concrete key, the impl's `index` gives the result's type
                    // (regex's `caps[1]` is a string).
                    if let Some(l) = self.index_call(x, &target, p.clone(), i, e.span)? {
                        return Ok(l);
                    }
                    if self.state.type_def(p).is_some_and(|t| t.has("Index")) {
                        let key = self.index_key(p, i)?;
                        return Ok(Lowered::new(
                            format!("(&{})[{key}].clone()", target.code),
                            target.ty.clone(),
                        ));
                    }
                }
                if let Ty::Tuple(ts) = &target.ty {
                    return self.tuple_index(&target, ts, i);
                }
                if let Ty::Dict(..) = &target.ty {
                    return self.dict_index(&target, i);
                }
                let idx = self.expr_as(i, &Ty::Int)?;
                match &target.ty {
                    Ty::List(t) => Lowered::new(
                        format!("kayton::rt::index(&{}, {idx})?", target.code),
                        (**t).clone(),
                    ),
                    Ty::Str => Lowered::new(
                        format!("kayton::rt::str_index(&{}, {idx})?", target.code),
                        Ty::Str,
                    ),
                    other => {
                        return Err(Diagnostic::new(
                            x.span,
                            format!("a `{}` cannot be indexed", other.name()),
                        ));
                    }
                }
            }
            ExprKind::Attr(x, name) => {
                if let Some(l) = self.rust_attr(e, x, name)? {
                    return Ok(l);
                }
                let l = self.place(x)?;
                return Err(Diagnostic::new(
                    e.span,
                    format!("`{}` has no attribute `{name}`", l.ty.name()),
                )
                .label("unknown attribute"));
            }
            ExprKind::Call(callee, args) => self.call(callee, args, e.span)?,
            ExprKind::Keyword(n, _) => {
                return Err(Diagnostic::new(
                    e.span,
                    format!("`{n}=` names an argument, which this call does not take by name"),
                )
                .label("keyword argument")
                .note("Keyton functions and Rust functions and methods take arguments by name; builtins do not yet"))
            }
        })
    }

    fn fstring(&mut self, parts: &[FStrPart]) -> Result<Lowered> {
        let mut fmt = String::new();
        let mut args = Vec::new();
        for p in parts {
            match p {
                FStrPart::Lit(s) => fmt.push_str(&s.replace('{', "{{").replace('}', "}}")),
                FStrPart::Expr(e, None) => {
                    let l = self.place(e)?;
                    fmt.push_str("{}");
                    args.push(show_code(&l));
                }
                FStrPart::Expr(e, Some(spec)) => {
                    let l = self.place(e)?;
                    if let (Ty::Rust(p), false) = (&l.ty, l.ty.is_wide_int()) {
                        // `f"{digest:x}"`: through the trait the spec names, when the
                        // manifest says the type has it.
                        let tr = match spec.chars().last() {
                            Some('x') => "LowerHex",
                            Some('X') => "UpperHex",
                            Some('?') => "Debug",
                            _ => "Display",
                        };
                        if !self.state.type_def(p).is_some_and(|t| t.has(tr)) {
                            return Err(Diagnostic::new(
                                e.span,
                                format!("`{spec}` needs `{tr}`, which `{p}` does not implement"),
                            ));
                        }
                        // (Python's `.2f` of a Rust number is Rust's `.2`.)
                        let spec = spec.trim_end_matches(['f', 'd', 's']);
                        fmt.push_str(&format!("{{:{spec}}}"));
                        args.push(l.code);
                        continue;
                    }
                    if !matches!(l.ty, Ty::Int | Ty::Float | Ty::Str | Ty::Bool)
                        && !l.ty.is_wide_int()
                    {
                        return Err(Diagnostic::new(
                            e.span,
                            format!(
                                "a format spec needs a number or a string, found `{}`",
                                l.ty.name()
                            ),
                        ));
                    }
                    let f = super::format_spec::python_spec(spec, &l.ty, &l.code)
                        .map_err(|m| Diagnostic::new(e.span, m))?;
                    fmt.push_str(&format!("{{:{}}}{}", f.spec, f.suffix));
                    args.push(f.arg);
                }
            }
        }
        let mut code = format!("format!({fmt:?}");
        for a in args {
            code.push_str(", ");
            code.push_str(&a);
        }
        code.push(')');
        Ok(Lowered::new(code, Ty::Str))
    }

    fn binary(&mut self, op: BinOp, le: &Expr, re: &Expr, whole: &Expr) -> Result<Lowered> {
        use BinOp::*;
        let l = self.expr(le)?;
        // `l == Either.Left(1)`: the right side is of the left's Rust type, where it
        // cannot tell by itself which instance it makes.
        let saved = match (&l.ty, op) {
            (Ty::Rust(_), Eq | Ne | Lt | Le | Gt | Ge) => self.expect.replace(l.ty.clone()),
            _ => self.expect.clone(),
        };
        let r = self.expr(re);
        self.expect = saved;
        let r = r?;
        // An `Option` in arithmetic or an ordering is the value it holds.
        let (l, r) = if matches!(
            op,
            Add | Sub | Mul | Div | FloorDiv | Rem | Pow | Lt | Le | Gt | Ge
        ) {
            (self.held(le, l), self.held(re, r))
        } else {
            (l, r)
        };
        if let Some(o) = super::wide::binary(op, &l, &r) {
            return Ok(o);
        }
        let (l, r) = (super::wide::as_int(l), super::wide::as_int(r));
        let mismatch = |l: &Lowered, r: &Lowered| {
            Diagnostic::new(
                whole.span,
                format!(
                    "`{}` cannot combine `{}` and `{}`",
                    op.symbol(),
                    l.ty.name(),
                    r.ty.name()
                ),
            )
            .label(format!(
                "`{}` {} `{}`",
                l.ty.name(),
                op.symbol(),
                r.ty.name()
            ))
        };
        if matches!(op, In | NotIn) {
            return self.membership(op, l, r, whole);
        }
        if matches!(op, And | Or) {
            for (side, e) in [(&l, le), (&r, re)] {
                if side.ty != Ty::Bool {
                    return Err(Diagnostic::new(
                        e.span,
                        format!(
                            "`{}` needs bool operands, found `{}`",
                            op.symbol(),
                            side.ty.name()
                        ),
                    )
                    .note("Keyton has no truthiness: compare explicitly"));
                }
            }
            let o = if op == And { "&&" } else { "||" };
            return Ok(Lowered::new(
                format!("({} {o} {})", l.code, r.code),
                Ty::Bool,
            ));
        }
        // Numbers: int with int stays int; any float makes both float.
        if l.ty.is_numeric() && r.ty.is_numeric() {
            let float = l.ty == Ty::Float || r.ty == Ty::Float;
            let (a, b) = if float {
                (as_float(&l), as_float(&r))
            } else {
                (l.code.clone(), r.code.clone())
            };
            let ty = if float { Ty::Float } else { Ty::Int };
            return Ok(match op {
                Add | Sub | Mul => Lowered::new(format!("({a} {} {b})", op.symbol()), ty),
                Div if float => Lowered::new(format!("({a} / {b})"), ty),
                Div => Lowered::new(format!("kayton::rt::div_i64({a}, {b})?"), ty),
                FloorDiv if float => Lowered::new(format!("({a} / {b}).floor()"), ty),
                FloorDiv => Lowered::new(format!("kayton::rt::floordiv_i64({a}, {b})?"), ty),
                Rem if float => Lowered::new(format!("({a} % {b})"), ty),
                Rem => Lowered::new(format!("kayton::rt::rem_i64({a}, {b})?"), ty),
                Pow if float => Lowered::new(format!("kayton::rt::pow_f64({a}, {b})"), ty),
                Pow => Lowered::new(format!("kayton::rt::pow_i64({a}, {b})?"), ty),
                Eq | Ne | Lt | Le | Gt | Ge => {
                    Lowered::new(format!("({a} {} {b})", op.symbol()), Ty::Bool)
                }
                And | Or | In | NotIn => unreachable!(),
            });
        }
        if let Some(done) = self.rust_binary(op, &l, &r, whole) {
            // Not the type's own `T op T`: an impl at the right operand's type, if any.
            if done.is_err() {
                if let Some(o) = self.rust_op_impl(op, le, re, &l, whole)? {
                    return Ok(o);
                }
            }
            return done;
        }
        if let Some(o) = self.rust_op_impl(op, le, re, &l, whole)? {
            return Ok(o);
        }
        match (op, &l.ty, &r.ty) {
            (Add, Ty::Str, Ty::Str) => Ok(Lowered::new(
                format!("kayton::rt::concat(&{}, &{})", l.code, r.code),
                Ty::Str,
            )),
            (Mul, Ty::Str, Ty::Int) => Ok(Lowered::new(
                format!(
                    "{}.repeat(kayton::rt::narrow::<usize>({}, \"a repeat count\")?)",
                    l.code, r.code
                ),
                Ty::Str,
            )),
            (Mul, Ty::Int, Ty::Str) => Ok(Lowered::new(
                format!(
                    "{}.repeat(kayton::rt::narrow::<usize>({}, \"a repeat count\")?)",
                    r.code, l.code
                ),
                Ty::Str,
            )),
            // `[0] * n`: Python's repetition (a negative count gives an empty list).
            (Mul, Ty::List(_), Ty::Int) | (Mul, Ty::Int, Ty::List(_)) => {
                let (list, n) = if matches!(l.ty, Ty::List(_)) {
                    (&l, &r)
                } else {
                    (&r, &l)
                };
                Ok(Lowered::new(
                    format!(
                        "{{ let k_l = {}; let mut k_r = Vec::new(); for _ in 0..({}).max(0) {{ k_r.extend(k_l.iter().cloned()); }} k_r }}",
                        list.code, n.code
                    ),
                    list.ty.clone(),
                ))
            }
            (Add, Ty::List(a), Ty::List(b)) if a == b => Ok(Lowered::new(
                format!("[{}, {}].concat()", l.code, r.code),
                l.ty.clone(),
            )),
            // `n.attribute("id") == "rect1"`: as in Python, a `None` equals no value.
            (Eq | Ne, Ty::Option(a), b) | (Eq | Ne, b, Ty::Option(a))
                if **a == *b && b.is_data() =>
            {
                let (opt, val) = if matches!(l.ty, Ty::Option(_)) {
                    (&l.code, &r.code)
                } else {
                    (&r.code, &l.code)
                };
                let t = format!("({opt}.as_ref() == Some(&{val}))");
                Ok(Lowered::new(
                    if op == Ne { format!("(!{t})") } else { t },
                    Ty::Bool,
                ))
            }
            // Bytes a crate gave back (a list of ints) and a `b"…"` literal (ASCII, so a
            // string): equal when the list holds the string's bytes.
            (Eq | Ne, Ty::List(t), Ty::Str) | (Eq | Ne, Ty::Str, Ty::List(t)) if **t == Ty::Int => {
                let (xs, s) = if l.ty == Ty::Str {
                    (&r.code, &l.code)
                } else {
                    (&l.code, &r.code)
                };
                let t = format!("{s}.bytes().map(i64::from).eq({xs}.iter().copied())");
                Ok(Lowered::new(
                    if op == Ne {
                        format!("(!{t})")
                    } else {
                        format!("({t})")
                    },
                    Ty::Bool,
                ))
            }
            (Eq | Ne, Ty::Option(_), Ty::NoneLit) => {
                let t = format!("{}.is_none()", l.code);
                Ok(Lowered::new(
                    if op == Ne { format!("(!{t})") } else { t },
                    Ty::Bool,
                ))
            }
            (Eq | Ne, a, b) if a == b => Ok(Lowered::new(
                format!("({} {} {})", l.code, op.symbol(), r.code),
                Ty::Bool,
            )),
            (Lt | Le | Gt | Ge, Ty::Str, Ty::Str) => Ok(Lowered::new(
                format!("({} {} {})", l.code, op.symbol(), r.code),
                Ty::Bool,
            )),
            _ => Err(mismatch(&l, &r)),
        }
    }
}

fn as_float(l: &Lowered) -> String {
    if l.ty == Ty::Int {
        format!("({} as f64)", l.code)
    } else {
        l.code.clone()
    }
}

/// Convert a lowered value to `want`, if Keyton converts silently; `None` if it doesn't.
pub fn coerce(l: Lowered, want: &Ty) -> Option<String> {
    if &l.ty == want {
        return Some(l.code);
    }
    match (&l.ty, want) {
        (Ty::Int, Ty::Float) => Some(format!("({} as f64)", l.code)),
        // A wide Rust integer (a `u64` hash) where an `int` is used: checked.
        (w, Ty::Int) if w.is_wide_int() => Some(super::wide::to_int(&l.code)),
        (w, Ty::Float) if w.is_wide_int() => Some(super::wide::to_float(&l.code)),
        // A number where a Duration is taken is seconds (LANGUAGE.md v1.1).
        (Ty::Int | Ty::Float, Ty::Rust(p)) if p == crate::std_types::DURATION => {
            Some(format!("kayton::rt::duration({} as f64)?", l.code))
        }
        (Ty::NoneLit, Ty::Option(t)) => Some(format!("None::<{}>", t.rust())),
        (Ty::EmptyList, Ty::List(t)) => Some(format!("Vec::<{}>::new()", t.rust())),
        (Ty::EmptyDict, Ty::Dict(..)) => Some(format!("<{}>::new()", want.rust())),
        // Element by element: `(1, None)` where a `(f64, Option<i64>)` is wanted.
        (Ty::Tuple(have), Ty::Tuple(want)) if have.len() == want.len() => {
            let parts = have
                .iter()
                .zip(want)
                .enumerate()
                .map(|(i, (h, w))| coerce(Lowered::new(format!("k_t.{i}"), h.clone()), w))
                .collect::<Option<Vec<String>>>()?;
            Some(format!(
                "{{ let k_t = {}; ({},) }}",
                l.code,
                parts.join(", ")
            ))
        }
        (_, Ty::Option(t)) => {
            let inner = coerce(l, t)?;
            Some(format!("Some({inner})"))
        }
        _ => None,
    }
}
