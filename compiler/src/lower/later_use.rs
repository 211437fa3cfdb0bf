//! A generic Rust type made without saying its parameters (`pq = PriorityQueue.new()`,
//! as Rust's docs write it) takes the instance that the variable's later method calls in
//! the same cell fit: `pq.push("Apples", 5)` makes it `PriorityQueue<String, i64>`, as
//! rustc's inference would. Only arguments whose type is plain from the source count
//! (literals, variables, lists of them); an annotation still decides where none does.
use super::Lowerer;
use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use crate::manifest::FnSig;
use crate::rty;
use crate::types::Ty;

/// The variables an assignment is about to bind and the statements after it.
pub(super) type Ahead = Option<(Vec<String>, Vec<Stmt>)>;

/// The variable `s` binds to a call's result (`x = T.new()`), which later uses may type;
/// or the variables of a tuple unpacked from a call (`s, r = crossbeam_channel.unbounded()`).
pub(super) fn binds_call(s: &Stmt) -> Option<Vec<String>> {
    let by_attr =
        |e: &Expr| matches!(&e.kind, ExprKind::Call(c, _) if matches!(c.kind, ExprKind::Attr(..)));
    match &s.kind {
        // `T.new(…)`, `crate.T.new(…)`: a call of an associated function.
        StmtKind::Assign(n, _, e) if by_attr(e) => Some(vec![n.clone()]),
        StmtKind::Unpack(names, e) if names.len() > 1 && matches!(e.kind, ExprKind::Call(..)) => {
            Some(names.iter().map(|(n, _)| n.clone()).collect())
        }
        _ => None,
    }
}

impl Lowerer<'_> {
    /// Of the instances `many` of one generic type, the one the later calls of the
    /// variable being bound fit, if they leave exactly one.
    pub(super) fn by_later_use(&mut self, ahead: &Ahead, many: &[&String]) -> Option<String> {
        let (vars, rest) = ahead.clone()?;
        let [var] = <[String; 1]>::try_from(vars).ok()?;
        let mut calls = Vec::new();
        for s in &rest {
            let rebinds = matches!(&s.kind,
                StmtKind::Assign(n, ..) | StmtKind::Let(n, ..) if *n == var);
            if rebinds {
                break;
            }
            stmt_calls(s, &var, &mut calls);
        }
        self.narrow_by_calls(many, &calls)
    }

    /// Of the instances `many`, the one the methods chained on the call at `span` fit
    /// (`List.new().push_front(1)` is `List<i64>`), nearest first, if they leave one.
    /// A chain's receivers all start where the call does.
    pub(super) fn by_chained_calls(
        &mut self,
        span: crate::span::Span,
        many: &[&String],
    ) -> Option<String> {
        let calls: Vec<(String, Vec<Expr>)> = self
            .chained
            .iter()
            .rev()
            .filter(|(s, ..)| s.start == span.start)
            .map(|(_, m, args)| (m.clone(), args.clone()))
            .collect();
        self.narrow_by_calls(many, &calls)
    }

    /// Of the instances `many`, those each of `calls` (method, arguments) fits, in turn,
    /// until one is left.
    fn narrow_by_calls(
        &mut self,
        many: &[&String],
        calls: &[(String, Vec<Expr>)],
    ) -> Option<String> {
        let mut left: Vec<String> = many.iter().map(|s| (*s).clone()).collect();
        for (method, args) in calls {
            let Some(tys) = args
                .iter()
                .map(|a| self.plain_ty(a))
                .collect::<Option<Vec<Ty>>>()
            else {
                continue;
            };
            let fit: Vec<String> = left
                .iter()
                .filter(|inst| self.method_fits(inst, method, &tys, false))
                .cloned()
                .collect();
            // Of several, those taking the values as they are (a string as a `String`,
            // not as a `PathBuf`: radix_trie's `Trie<String, i64>`).
            let exact: Vec<String> = fit
                .iter()
                .filter(|inst| self.method_fits(inst, method, &tys, true))
                .cloned()
                .collect();
            let fit = if exact.is_empty() { fit } else { exact };
            // A call no instance fits (or that every one does) says nothing.
            if !fit.is_empty() {
                left = fit;
            }
            if let [one] = left.as_slice() {
                return Some(one.clone());
            }
        }
        None
    }

    /// Of the instances of a generic function that differ by their result, the first
    /// whose result's parts fit the later calls of the variables a tuple unpacks it
    /// into: `s, r = unbounded()` then `s.send("hi")` is `unbounded::<String>`.
    pub(super) fn result_by_later_use(&mut self, fitting: &[&FnSig]) -> Option<usize> {
        let (vars, rest) = self.ahead.clone()?;
        if vars.len() < 2 {
            return None;
        }
        let mut calls: Vec<Vec<(String, Vec<Ty>)>> = Vec::new();
        for v in &vars {
            let mut found = Vec::new();
            for s in &rest {
                stmt_calls(s, v, &mut found);
            }
            let typed = found
                .into_iter()
                .filter_map(|(m, args)| {
                    let tys = args
                        .iter()
                        .map(|a| self.plain_ty(a))
                        .collect::<Option<Vec<Ty>>>()?;
                    Some((m, tys))
                })
                .collect();
            calls.push(typed);
        }
        let fits = |me: &Self, f: &FnSig| -> bool {
            let Ok(rty::RTy::Tuple(parts)) = rty::parse(&f.ret, "") else {
                return false;
            };
            parts.len() == vars.len()
                && parts.iter().zip(&calls).all(|(part, cs)| {
                    let rty::RTy::Named(inst) = part else {
                        return cs.is_empty();
                    };
                    cs.iter()
                        .all(|(m, tys)| me.method_fits(inst, m, tys, false))
                })
        };
        let any_call = calls.iter().any(|c| !c.is_empty());
        let ok: Vec<usize> = (0..fitting.len())
            .filter(|i| fits(self, fitting[*i]))
            .collect();
        (any_call && !ok.is_empty() && ok.len() < fitting.len()).then(|| ok[0])
    }

    /// The type of an argument when the source says it without lowering anything.
    fn plain_ty(&mut self, a: &Expr) -> Option<Ty> {
        Some(match &a.kind {
            ExprKind::Int(_) => Ty::Int,
            ExprKind::Float(_) => Ty::Float,
            ExprKind::Str(_) | ExprKind::FStr(_) => Ty::Str,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::Neg(x) => self.plain_ty(x)?,
            // `n * 2`, `"a" + s`: what the operands say (`/` of ints is an int).
            ExprKind::Binary(_, a, b) => match (self.plain_ty(a)?, self.plain_ty(b)?) {
                (x, y) if x == y => x,
                (Ty::Int, Ty::Float) | (Ty::Float, Ty::Int) => Ty::Float,
                _ => return None,
            },
            ExprKind::Name(n) => self.lookup(n)?.ty.clone(),
            ExprKind::List(xs) => {
                let first = self.plain_ty(xs.first()?)?;
                for x in &xs[1..] {
                    if self.plain_ty(x)? != first {
                        return None;
                    }
                }
                Ty::List(Box::new(first))
            }
            _ => return None,
        })
    }

    /// Whether the instance `inst` has a method `name` whose parameters take `tys`
    /// (`exact`: without a conversion to another Rust type, as a string to a path).
    fn method_fits(&self, inst: &str, name: &str, tys: &[Ty], exact: bool) -> bool {
        let Some(td) = self.state.type_def(inst) else {
            return false;
        };
        td.methods.iter().any(|f| {
            f.name == name
                && f.receiver.is_some()
                && f.params.len() == tys.len()
                && f.params
                    .iter()
                    .zip(tys)
                    .all(|(p, t)| match rty::parse(&p.ty, inst) {
                        Ok(r) if exact => as_it_is(&r, t),
                        Ok(r) => super::instance::fits_param(&r.keyton(), t, false),
                        Err(_) => false,
                    })
        })
    }
}

/// Whether a Keyton value of type `t` is the Rust type `r` without a conversion.
fn as_it_is(r: &rty::RTy, t: &Ty) -> bool {
    use rty::RTy;
    match (r, t) {
        (RTy::String | RTy::StrRef, Ty::Str) => true,
        (RTy::Int(w), Ty::Int) => w == "i64",
        (RTy::Float(w), Ty::Float) => w == "f64",
        (RTy::Ref(r) | RTy::RefMut(r), t) => as_it_is(r, t),
        (RTy::Vec(r) | RTy::Slice(r), Ty::List(t)) => as_it_is(r, t),
        (r, t) => !matches!(t, Ty::Str | Ty::Int | Ty::Float | Ty::List(_)) && r.keyton() == *t,
    }
}

/// The calls `var.method(args)` in `s`, in source order (blocks included).
fn stmt_calls(s: &Stmt, var: &str, out: &mut Vec<(String, Vec<Expr>)>) {
    let block = |b: &[Stmt], out: &mut Vec<(String, Vec<Expr>)>| {
        for s in b {
            stmt_calls(s, var, out);
        }
    };
    match &s.kind {
        StmtKind::Expr(e)
        | StmtKind::Assign(_, _, e)
        | StmtKind::Let(_, _, _, e)
        | StmtKind::AugAssign(_, _, _, e)
        | StmtKind::Unpack(_, e)
        | StmtKind::Return(Some(e)) => expr_calls(e, var, out),
        StmtKind::SetField(t, _, _, e) => {
            expr_calls(t, var, out);
            expr_calls(e, var, out);
        }
        StmtKind::SetIndex(t, i, _, e) => {
            expr_calls(t, var, out);
            expr_calls(i, var, out);
            expr_calls(e, var, out);
        }
        StmtKind::If(arms, other) => {
            for (c, b) in arms {
                expr_calls(c, var, out);
                block(b, out);
            }
            if let Some(b) = other {
                block(b, out);
            }
        }
        StmtKind::While(c, b) | StmtKind::For(_, _, c, b) => {
            expr_calls(c, var, out);
            block(b, out);
        }
        _ => {}
    }
}

/// The calls `var.method(args)` in `e`, outermost first.
fn expr_calls(e: &Expr, var: &str, out: &mut Vec<(String, Vec<Expr>)>) {
    if let ExprKind::Call(callee, args) = &e.kind {
        if let ExprKind::Attr(x, m) = &callee.kind {
            if matches!(&x.kind, ExprKind::Name(n) if n == var) {
                out.push((m.clone(), args.clone()));
            }
        }
    }
    let mut each = |x: &Expr| expr_calls(x, var, out);
    match &e.kind {
        ExprKind::Call(c, args) => {
            each(c);
            for a in args {
                each(a);
            }
        }
        ExprKind::List(xs) | ExprKind::Tuple(xs) => {
            for x in xs {
                each(x);
            }
        }
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) | ExprKind::Range(a, b) => {
            each(a);
            each(b);
        }
        ExprKind::IfElse(c, a, b) => {
            each(c);
            each(a);
            each(b);
        }
        ExprKind::Neg(x)
        | ExprKind::Not(x)
        | ExprKind::Keyword(_, x)
        | ExprKind::Attr(x, _)
        | ExprKind::IsNone(x, _) => each(x),
        _ => {}
    }
}
