//! Statements and blocks, including the value of a block's last expression (a
//! function's implicit return, an `if`/`else` used as a value).
use super::expr::{coerce, Lowered};
use super::{type_error, Lowerer};
use crate::ast::{ExprKind, Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::{FnEntry, InstKey};
use crate::types::Ty;

/// What a block's tail produces.
pub enum Tail {
    Value(String, Ty),
    /// No value (`()`), code already emitted.
    Unit,
    /// Always returns (or breaks out); nothing follows it.
    Diverges,
}

/// Every loop counts its iterations and asks the host every 1024th whether the user
/// interrupted the cell (`rt::tick`): a `KeyboardInterrupt` that keeps the globals.
const TICK_DECL: &str = "let mut k_tick: u32 = 0;";
const TICK: &str =
    "k_tick = k_tick.wrapping_add(1); if k_tick % 1024 == 0 { kayton::rt::tick(ctx)?; }";

impl Lowerer<'_> {
    pub fn stmts(&mut self, stmts: &[Stmt]) -> Result<String> {
        let mut out = String::new();
        for (i, s) in stmts.iter().enumerate() {
            self.ahead = super::later_use::binds_call(s).map(|v| {
                let rest = stmts[i + 1..].iter().chain(&self.cell_tail).cloned();
                (v, rest.collect())
            });
            let code = self.stmt(s);
            self.ahead = None;
            out.push_str(&code?);
        }
        Ok(out)
    }

    fn block(&mut self, stmts: &[Stmt]) -> Result<String> {
        self.push_scope();
        let r = self.stmts(stmts);
        self.pop_scope();
        Ok(format!("{{\n{}}}", r?))
    }

    pub fn stmt(&mut self, s: &Stmt) -> Result<String> {
        let mut out = self.line_marker(s.span);
        out.push_str(&match &s.kind {
            StmtKind::Expr(e) => {
                self.note_ref_use(e, super::borrowed::RefUse::Discard);
                format!("{};\n", self.expr(e)?.code)
            }
            StmtKind::Pass => String::new(),
            StmtKind::Global(names) => {
                self.declare_globals(names)?;
                String::new()
            }
            StmtKind::Unpack(names, e) => self.unpack(names, e, s.span)?,
            StmtKind::SetField(x, field, at, e) => self.set_field(x, field, *at, e)?,
            StmtKind::SetIndex(x, i, at, e) => self.set_index(x, i, *at, e)?,
            StmtKind::AugAssign(n, ns, op, rhs) => {
                let target = crate::ast::Expr {
                    kind: ExprKind::Name(n.clone()),
                    span: *ns,
                };
                let whole = crate::ast::Expr {
                    kind: ExprKind::Binary(*op, Box::new(target), Box::new(rhs.clone())),
                    span: ns.to(rhs.span),
                };
                if !self.is_var(n) {
                    return Err(self.undefined(n, *ns));
                }
                self.assign(n, *ns, &whole)?
            }
            StmtKind::Let(n, _, t, e) => {
                let want = self.resolve_ty(t)?;
                self.expect = Some(want.clone());
                let l = self.expr_kept(e, Some(&want));
                self.expect = None;
                self.bind_new(n, l?, e.span)?
            }
            StmtKind::Fn(def) => {
                self.define_fn(def)?;
                String::new()
            }
            StmtKind::Assign(n, ns, e) if matches!(e.kind, ExprKind::Lambda(..)) => {
                let ExprKind::Lambda(params, body) = &e.kind else {
                    unreachable!()
                };
                self.define_fn(&super::lambda::as_fn(n, *ns, params, body))?;
                String::new()
            }
            StmtKind::Assign(n, ns, e) => self.assign(n, *ns, e)?,
            StmtKind::If(arms, other) => {
                let mut code = String::new();
                for (i, (c, body)) in arms.iter().enumerate() {
                    let cond = self.condition(c)?;
                    let kw = if i == 0 { "if" } else { " else if" };
                    code.push_str(&format!("{kw} {cond} {}", self.block(body)?));
                }
                if let Some(body) = other {
                    code.push_str(&format!(" else {}", self.block(body)?));
                }
                code.push('\n');
                code
            }
            StmtKind::While(c, body) => {
                let cond = self.condition(c)?;
                self.loop_depth += 1;
                let b = self.block(body);
                self.loop_depth -= 1;
                format!("{{ {TICK_DECL} while {cond} {{ {TICK} {} }} }}\n", b?)
            }
            StmtKind::For(n, _, it, body) => self.for_loop(n, it, body)?,
            StmtKind::Break | StmtKind::Continue => {
                let kw = if matches!(s.kind, StmtKind::Break) {
                    "break"
                } else {
                    "continue"
                };
                if self.loop_depth == 0 {
                    return Err(Diagnostic::new(s.span, format!("`{kw}` outside a loop")));
                }
                self.check_leaves_try(kw, s.span)?;
                format!("{kw};\n")
            }
            StmtKind::Return(e) => self.ret(e.as_ref(), s.span)?,
            StmtKind::Try(body, handlers, finally) => {
                self.try_stmt(body, handlers, finally.as_deref(), s.span)?
            }
            StmtKind::Raise(e) => self.raise(e.as_ref(), s.span)?,
            StmtKind::Rimport(path, alias) => {
                self.rimport(path, alias.as_ref(), s.span)?;
                String::new()
            }
            StmtKind::FromRimport(path, names) => {
                self.from_rimport(path, names, s.span)?;
                String::new()
            }
        });
        Ok(out)
    }

    /// `fn name(…):` (or `name = lambda …:`) at a cell's top level: a new version of
    /// the function; one whose parameters are all annotated is checked now.
    fn define_fn(&mut self, def: &std::rc::Rc<crate::ast::FnDef>) -> Result<()> {
        if self.fn_cx.is_some() || !self.at_cell_top() {
            return Err(Diagnostic::new(
                def.name_span,
                "functions can only be defined at the top level of a cell",
            ));
        }
        self.state.next_version += 1;
        let version = self.state.next_version;
        self.state.functions.insert(
            def.name.clone(),
            FnEntry {
                def: def.clone(),
                version,
            },
        );
        if def.params.iter().all(|p| p.ty.is_some()) {
            let params = def
                .params
                .iter()
                .map(|p| self.resolve_ty(p.ty.as_ref().unwrap()))
                .collect::<Result<Vec<_>>>()?;
            let key = InstKey {
                name: def.name.clone(),
                version,
                params,
            };
            let hits = self.state.stats;
            self.instantiate(&key, Span::default())?;
            self.state.stats = hits;
        }
        Ok(())
    }

    pub(super) fn condition(&mut self, c: &crate::ast::Expr) -> Result<String> {
        let l = self.expr(c)?;
        if l.ty != Ty::Bool {
            return Err(Diagnostic::new(
                c.span,
                format!("a condition must be a bool, found `{}`", l.ty.name()),
            )
            .label("not a bool")
            .note("Keyton has no truthiness: compare explicitly, e.g. `n != 0`"));
        }
        Ok(l.code)
    }

    fn assign(&mut self, name: &str, _span: Span, e: &crate::ast::Expr) -> Result<String> {
        // A `&mut T` a call lends (`worksheet = workbook.add_worksheet()`), at a cell's
        // top level to a new name: the reference, kept in the cell only.
        // (Of a variable's method only: a reference into a temporary would not live.)
        let of_var = match &e.kind {
            crate::ast::ExprKind::Call(f, _) => matches!(&f.kind,
                crate::ast::ExprKind::Attr(x, _) if matches!(&x.kind, crate::ast::ExprKind::Name(n) if self.is_var(n))),
            _ => false,
        };
        let fresh = of_var && self.at_cell_top() && self.lookup_raw(name).is_none();
        if fresh {
            self.note_ref_use(e, super::borrowed::RefUse::Keep);
        }
        self.kept_ref = false;
        // A borrowed value made here may be kept (`caps = re.captures(s).unwrap()`).
        let l = self.expr_kept(e, None)?;
        if std::mem::take(&mut self.kept_ref) && fresh {
            let r = self.declare(name, l.ty.clone());
            if let Some(v) = self.lookup_raw(name) {
                v.borrowed = true;
            }
            self.state.cell_only.push(name.to_string());
            return Ok(format!("let {r} = {};\n", l.code));
        }
        self.assign_value(name, l, e.span)
    }

    /// Bind or rebind `name` to the value `l` (whose source is at `espan`), which was
    /// not lowered to be kept: a borrowed value is an error.
    pub(super) fn assign_lowered(&mut self, name: &str, l: Lowered, espan: Span) -> Result<String> {
        self.check_not_borrowed(&l.ty, espan)?;
        self.assign_value(name, l, espan)
    }

    fn assign_value(&mut self, name: &str, l: Lowered, espan: Span) -> Result<String> {
        if matches!(l.ty, Ty::NoneLit | Ty::EmptyList | Ty::EmptyDict) {
            if let Some(v) = self.lookup(name) {
                let (ty, rust) = (v.ty.clone(), v.rust.clone());
                if let Some(code) = coerce(l.clone(), &ty) {
                    let top = self.at_cell_top();
                    return Ok(self.rebind(name, &ty, &rust, &code, top));
                }
            }
            if l.ty == Ty::EmptyList && self.lookup_raw(name).is_none() {
                // Typed by its first `append`; rustc infers the `Vec`'s item type too.
                self.untyped.push((name.to_string(), espan));
                let r = self.declare(name, Ty::EmptyList);
                return Ok(format!("let mut {r} = ::std::vec::Vec::new();\n"));
            }
            if l.ty == Ty::EmptyDict && self.lookup_raw(name).is_none() {
                // Typed by its first `d[k] = v`.
                self.untyped.push((name.to_string(), espan));
                let r = self.declare(name, Ty::EmptyDict);
                return Ok(format!("let mut {r} = kayton::rt::Dict::new();\n"));
            }
            return Err(
                Diagnostic::new(espan, format!("cannot tell the type of {}", l.ty.name()))
                    .label("type unknown")
                    .note(format!(
                "declare it: `let {name}: Option<i64> = None` or `let {name}: list[i64] = []`"
            )),
            );
        }
        let at_top = self.at_cell_top() || (self.fn_cx.is_some() && self.scope_depth() == 1);
        let existing = self.lookup_no_load(name, l.ty.clone());
        match existing {
            Some((ty, rust, same_scope)) => {
                if let Some(code) = coerce(l.clone(), &ty) {
                    return Ok(self.rebind(name, &ty, &rust, &code, same_scope && at_top));
                }
                if !(same_scope && at_top) {
                    return Err(type_error(espan, &ty, &l.ty)
                        .note(format!("`{name}` is a `{}` here; only the top level of a cell or function may rebind it to another type", ty.name())));
                }
                if self.hoisting() {
                    return Err(type_error(espan, &ty, &l.ty).note(format!(
                        "`{name}` is a `{}` here; inside `try` it keeps its type",
                        ty.name()
                    )));
                }
                let r = self.declare(name, l.ty.clone());
                Ok(format!("let mut {r}: {} = {};\n", l.ty.rust(), l.code))
            }
            None => self.bind_new(name, l, espan),
        }
    }

    /// `name` (of type `ty`, Rust variable `rust`) given the value `code` of its type.
    fn rebind(&mut self, name: &str, ty: &Ty, rust: &str, code: &str, top: bool) -> String {
        let in_cell = self.globals.is_none() && self.fn_cx.is_none();
        let keep_old = top && in_cell && !self.hoisting() && !super::clones(self.state, ty);
        let v = self.lookup_raw(name).expect("looked up");
        // A global that cannot be copied, rebound at the cell's top level: the new value
        // is stored when the cell succeeds (the old one dropped then), so a failed cell
        // leaves the global as it was.
        if v.borrowed && keep_old {
            let r = self.declare(name, ty.clone());
            return format!("let mut {r}: {} = {code};\n", ty.rust());
        }
        v.mutated = true;
        v.consumed = None;
        // A borrowed global is replaced in place, inside the VM.
        let deref = if v.borrowed { "*" } else { "" };
        format!("{deref}{rust} = {code};\n")
    }

    pub(super) fn for_loop(
        &mut self,
        n: &str,
        it: &crate::ast::Expr,
        body: &[Stmt],
    ) -> Result<String> {
        self.note_ref_use(it, super::borrowed::RefUse::Loop);
        let l = self.place(it)?;
        // `for i in 1..=5` and `for i in 3..` (ended by `break`): Rust's ranges of ints.
        let ints = ["std::ops::RangeInclusive<i64>", "std::ops::RangeFrom<i64>"];
        let l = match &l.ty {
            Ty::Rust(p) if ints.contains(&p.as_str()) => super::Lowered::new(l.code, Ty::Range),
            _ => l,
        };
        if let Ty::Rust(p) = &l.ty {
            return self.rust_for_loop(n, it, l.clone(), &p.clone(), body);
        }
        let (iter, elem) = match &l.ty {
            Ty::Range => (l.code.clone(), Ty::Int),
            // A list a variable holds is looped over on a copy (the body may change the
            // variable); one an expression just made, by value (its items need not be
            // `Clone`: regex's `captures_iter` gives `Captures`).
            Ty::List(t) if !is_place(it) => (l.code.clone(), (**t).clone()),
            // Items that cannot be copied (`for p in paths`): each lent in turn, as
            // `(*k_item)`, which method calls use in place.
            Ty::List(t) if !super::clones(self.state, t) => {
                let t = (**t).clone();
                self.push_scope();
                self.loop_depth += 1;
                // (Numbered by depth: a nested loop's item does not hide this one.)
                let item = format!("k_item{}", self.loop_depth);
                self.declare(n, t);
                if let Some(v) = self.lookup_raw(n) {
                    v.rust = format!("(*{item})");
                }
                let b = self.stmts(body);
                self.loop_depth -= 1;
                self.pop_scope();
                return Ok(format!(
                    "{{ {TICK_DECL} for {item} in ({}).iter_mut() {{\n{TICK}\n{}}} }}\n",
                    l.code, b?
                ));
            }
            Ty::List(t) => (format!("{}.clone()", l.code), (**t).clone()),
            Ty::Dict(k, _) => (format!("kayton::rt::dict_keys(&{})", l.code), (**k).clone()),
            Ty::Str => (
                format!(
                    "{}.chars().map(String::from).collect::<Vec<String>>()",
                    l.code
                ),
                Ty::Str,
            ),
            other => {
                return Err(Diagnostic::new(
                    it.span,
                    format!("cannot loop over a `{}`", other.name()),
                )
                .note("loop over a range `a..b`, a list, a string, or a Rust iterator"));
            }
        };
        self.push_scope();
        self.loop_depth += 1;
        let r = self.declare(n, elem);
        let b = self.stmts(body);
        self.loop_depth -= 1;
        self.pop_scope();
        Ok(format!(
            "{{ {TICK_DECL} for mut {r} in {iter} {{\n{TICK}\n{}}} }}\n",
            b?
        ))
    }

    fn ret(&mut self, e: Option<&crate::ast::Expr>, span: Span) -> Result<String> {
        self.check_leaves_try("return", span)?;
        let Some(cx) = self.fn_cx.as_ref() else {
            return Err(Diagnostic::new(span, "`return` outside a function"));
        };
        let declared = cx.declared.clone();
        let l = match e {
            Some(e) => self.expr(e)?,
            None => super::Lowered::new("()", Ty::Unit),
        };
        let span = e.map(|e| e.span).unwrap_or(span);
        let code = match &declared {
            Some(t) => coerce(l.clone(), t).ok_or_else(|| type_error(span, t, &l.ty))?,
            None => l.code.clone(),
        };
        self.fn_cx
            .as_mut()
            .unwrap()
            .returns
            .push((declared.unwrap_or(l.ty), span));
        Ok(format!("return Ok({code});\n"))
    }

    /// Lower a function body; its last expression (or if/else of expressions) is the
    /// return value. Returns the body code (ending in `Ok(..)` where needed) and the type.
    pub fn fn_body(&mut self, body: &[Stmt], name_span: Span) -> Result<(String, Ty)> {
        let (mut code, tail) = self.block_value(body)?;
        let cx = self.fn_cx.take().expect("in a function");
        let tail_ty = match &tail {
            Tail::Value(_, t) => Some(t.clone()),
            Tail::Unit => Some(Ty::Unit),
            Tail::Diverges => None,
        };
        let ret = match (&cx.declared, tail_ty.clone()) {
            (Some(t), _) => t.clone(),
            (None, Some(Ty::Unit)) if !cx.returns.is_empty() => cx.returns[0].0.clone(),
            (None, Some(t)) => t,
            (None, None) => cx.returns.first().map(|r| r.0.clone()).unwrap_or(Ty::Unit),
        };
        if matches!(ret, Ty::EmptyList | Ty::NoneLit) {
            return Err(Diagnostic::new(
                body.last().map(|s| s.span).unwrap_or(name_span),
                format!("cannot tell what `{}` returns: {}", cx.name, ret.name()),
            )
            .note("append to the list first, or write the type: `fn f(…) -> list[i64]:`"));
        }
        for (t, s) in &cx.returns {
            if *t != ret {
                return Err(type_error(*s, &ret, t).note(format!(
                    "`{}` returns `{}` elsewhere",
                    cx.name,
                    ret.name()
                )));
            }
        }
        match tail {
            Tail::Value(v, t) => {
                let c = coerce(super::Lowered::new(v, t.clone()), &ret).ok_or_else(|| {
                    type_error(body.last().map(|s| s.span).unwrap_or(name_span), &ret, &t).note(
                        format!("the last expression of `{}` is its return value", cx.name),
                    )
                })?;
                code.push_str(&format!("Ok({c})\n"));
            }
            Tail::Unit if ret == Ty::Unit => code.push_str("Ok(())\n"),
            Tail::Unit => {
                return Err(Diagnostic::new(
                    body.last().map(|s| s.span).unwrap_or(name_span),
                    format!(
                        "`{}` can reach its end without returning a `{}`",
                        cx.name,
                        ret.name()
                    ),
                )
                .label("the function ends here with no value"));
            }
            Tail::Diverges => {}
        }
        Ok((code, ret))
    }

    /// Statements whose last one may produce the block's value.
    pub(super) fn block_value(&mut self, body: &[Stmt]) -> Result<(String, Tail)> {
        let Some((last, init)) = body.split_last() else {
            return Ok((String::new(), Tail::Unit));
        };
        let mut code = self.stmts(init)?;
        let tail = match &last.kind {
            StmtKind::Expr(e) => {
                code.push_str(&self.line_marker(last.span));
                let l = self.expr(e)?;
                if l.ty == Ty::Unit {
                    code.push_str(&format!("{};\n", l.code));
                    Tail::Unit
                } else {
                    Tail::Value(l.code, l.ty)
                }
            }
            StmtKind::Return(_) | StmtKind::Raise(_) => {
                code.push_str(&self.stmt(last)?);
                Tail::Diverges
            }
            StmtKind::Try(b, hs, f) => {
                let (c, tail) = self.try_value(b, hs, f.as_deref(), last.span)?;
                code.push_str(&self.line_marker(last.span));
                code.push_str(&c);
                tail
            }
            StmtKind::If(arms, Some(other)) => return self.if_value(arms, other, last, code),
            _ => {
                code.push_str(&self.stmt(last)?);
                Tail::Unit
            }
        };
        Ok((code, tail))
    }

    fn if_value(
        &mut self,
        arms: &[(crate::ast::Expr, Vec<Stmt>)],
        other: &[Stmt],
        last: &Stmt,
        mut code: String,
    ) -> Result<(String, Tail)> {
        let mut branches = Vec::new();
        for (c, body) in arms {
            let cond = self.condition(c)?;
            self.push_scope();
            let r = self.block_value(body);
            self.pop_scope();
            branches.push((Some(cond), r?));
        }
        self.push_scope();
        let r = self.block_value(other);
        self.pop_scope();
        branches.push((None, r?));
        let value_ty = branches.iter().find_map(|(_, (_, t))| match t {
            Tail::Value(_, ty) => Some(ty.clone()),
            _ => None,
        });
        let all_values = branches
            .iter()
            .all(|(_, (_, t))| matches!(t, Tail::Value(..) | Tail::Diverges));
        let all_diverge = branches
            .iter()
            .all(|(_, (_, t))| matches!(t, Tail::Diverges));
        let mut s = String::new();
        for (i, (cond, (body, tail))) in branches.iter().enumerate() {
            let head = match (i, cond) {
                (0, Some(c)) => format!("if {c} "),
                (_, Some(c)) => format!(" else if {c} "),
                (_, None) => " else ".to_string(),
            };
            let end = match (tail, &value_ty) {
                (Tail::Value(v, t), Some(want)) if all_values => {
                    coerce(super::Lowered::new(v.clone(), t.clone()), want).ok_or_else(|| {
                        type_error(last.span, want, t)
                            .note("every branch of an `if` used as a value must have one type")
                    })?
                }
                (Tail::Value(v, _), _) => format!("{v};"),
                _ => String::new(),
            };
            s.push_str(&format!("{head}{{\n{body}{end}\n}}"));
        }
        code.push_str(&self.line_marker(last.span));
        Ok(match (all_values && !all_diverge, value_ty) {
            (true, Some(t)) => (code, Tail::Value(format!("({s})"), t)),
            _ if all_diverge => {
                code.push_str(&s);
                code.push('\n');
                (code, Tail::Diverges)
            }
            _ => {
                code.push_str(&s);
                code.push('\n');
                (code, Tail::Unit)
            }
        })
    }
}

/// Whether `e` names a value that lives on after it (a variable, a field, an item).
fn is_place(e: &crate::ast::Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Index(..)
    )
}
