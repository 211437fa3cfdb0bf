//! `try:` / `except Exception [as e]:` / `finally:` and `raise` (LANGUAGE.md v1.1).
//!
//! The `try` block and the handler each run in a closure under `kayton::rt::attempt`,
//! which turns both an `Err` (every `?` inside) and a panic into a caught `KErr`; the
//! `finally` block runs after, outside them, and the outcome is raised again if no
//! handler took it. Names first bound inside are declared before the closures (with
//! their type's empty value), so that they stay visible after the `try`, as in Python.
//! A `try` that ends a function body gives the value of the branch that ran; a `return`
//! there is that value. Elsewhere `return`, `break` and `continue` cannot leave a `try`
//! block yet.
use super::expr::{coerce, Lowered};
use super::stmt::Tail;
use super::{type_error, Lowerer};
use crate::ast::{Expr, ExprKind, Handler, Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

/// What a `try` needs of the lowerer while its blocks are lowered.
#[derive(Debug, Default)]
pub struct TryCx {
    /// Scope depth whose new names are declared before the closures, and those
    /// declarations.
    pub hoist: Option<(usize, Vec<String>)>,
    /// The loop depth at the innermost `try` (a `break` may not leave it).
    pub loop_floor: Option<usize>,
    /// The caught error, for a bare `raise` in a handler.
    pub caught: Option<String>,
}

/// A block run for its effect: its code ending in `Ok(())` (a value it ends with is
/// dropped), unless it never reaches its end.
fn unit(p: &Part) -> String {
    match &p.tail {
        Tail::Value(v, _) => format!("{}let _ = {v};\nOk(())", p.code),
        Tail::Unit => format!("{}Ok(())", p.code),
        Tail::Diverges => p.code.clone(),
    }
}

/// A lowered block of a `try`: its code and what its end gives.
struct Part {
    code: String,
    tail: Tail,
}

impl Lowerer<'_> {
    pub(super) fn hoisting(&self) -> bool {
        matches!(&self.try_cx.hoist, Some((d, _)) if *d == self.scope_depth())
    }

    /// Bind the new name `name` to `l`: a `let`, or inside a `try` an assignment to a
    /// variable declared before it.
    pub(super) fn bind_new(&mut self, name: &str, l: Lowered, espan: Span) -> Result<String> {
        if !self.hoisting() {
            let r = self.declare(name, l.ty.clone());
            return Ok(format!("let mut {r}: {} = {};\n", l.ty.rust(), l.code));
        }
        if matches!(l.ty, Ty::Rust(_)) {
            return Err(Diagnostic::new(
                espan,
                format!("`{name}` is first bound to a Rust value inside `try`"),
            )
            .label("bind it before the `try`")
            .note("names bound inside `try` are declared before it, and a Rust value has no empty value to start from"));
        }
        let r = self.declare(name, l.ty.clone());
        if let Some((_, decls)) = &mut self.try_cx.hoist {
            decls.push(format!(
                "let mut {r}: {} = ::std::default::Default::default();\n",
                l.ty.rust()
            ));
        }
        Ok(format!("{r} = {};\n", l.code))
    }

    /// Whether `return` may appear here (not inside a `try` block, except at its end).
    pub(super) fn check_leaves_try(&self, what: &str, span: Span) -> Result<()> {
        let inside = match what {
            "return" => self.try_cx.hoist.is_some(),
            _ => self.try_cx.loop_floor == Some(self.loop_depth),
        };
        if inside {
            return Err(
                Diagnostic::new(span, format!("`{what}` cannot leave a `try` block yet"))
                    .label("inside `try`")
                    .note("set a variable in the `try` and act on it after"),
            );
        }
        Ok(())
    }

    /// The statements of a `try` block or a handler: as a function's tail, a last
    /// `return e` is the value `e`.
    fn try_block(&mut self, body: &[Stmt], tail: bool) -> Result<Part> {
        if let (true, Some((last, init))) = (tail && self.fn_cx.is_some(), body.split_last()) {
            if let StmtKind::Return(Some(e)) = &last.kind {
                let mut code = self.stmts(init)?;
                code.push_str(&self.line_marker(last.span));
                let l = self.expr(e)?;
                return Ok(Part {
                    code,
                    tail: Tail::Value(l.code, l.ty),
                });
            }
        }
        let (code, tail) = self.block_value(body)?;
        Ok(Part { code, tail })
    }

    /// Lower the blocks (the hoisting set up around them), then put them together.
    fn try_parts(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        finally: Option<&[Stmt]>,
        tail: bool,
    ) -> Result<(Vec<String>, Part, Option<Part>, String)> {
        for h in handlers {
            if let Some((n, s)) = &h.name {
                if n != "Exception" && n != "BaseException" {
                    return Err(Diagnostic::new(*s, format!("cannot catch `{n}`"))
                        .label("not `Exception`")
                        .note("every Keyton error is an `Exception`: write `except Exception:` or `except Exception as e:`"));
                }
            }
        }
        let saved = std::mem::take(&mut self.try_cx);
        self.try_cx.hoist = Some((self.scope_depth(), Vec::new()));
        self.try_cx.loop_floor = Some(self.loop_depth);
        let r = (|| {
            let b = self.try_block(body, tail)?;
            let h = match handlers.first() {
                None => None,
                Some(h) => {
                    let mut code = String::new();
                    if let Some((n, s)) = &h.bind {
                        let e = Lowered::new("__e.0.clone()", Ty::Str);
                        code.push_str(&self.assign_lowered(n, e, *s)?);
                    }
                    self.try_cx.caught = Some("__e".into());
                    let p = self.try_block(&h.body, tail)?;
                    self.try_cx.caught = None;
                    code.push_str(&p.code);
                    Some(Part { code, tail: p.tail })
                }
            };
            Ok((b, h))
        })();
        let hoisted = self.try_cx.hoist.take().map(|(_, d)| d).unwrap_or_default();
        self.try_cx = saved;
        let (b, h) = r?;
        let f = match finally {
            Some(f) => self.stmts(f)?,
            None => String::new(),
        };
        Ok((hoisted, b, h, f))
    }

    /// A `try` statement.
    pub(super) fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        finally: Option<&[Stmt]>,
        _span: Span,
    ) -> Result<String> {
        let (hoisted, b, h, f) = self.try_parts(body, handlers, finally, false)?;
        Ok(assemble(
            &hoisted,
            "()",
            &unit(&b),
            h.as_ref().map(unit).as_deref(),
            &f,
        ))
    }

    /// A `try` at the end of a function body (or of a branch there): its value is the
    /// branch that ran, when they all give one.
    pub(super) fn try_value(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        finally: Option<&[Stmt]>,
        span: Span,
    ) -> Result<(String, Tail)> {
        let (hoisted, b, h, f) = self.try_parts(body, handlers, finally, true)?;
        let ty = match (&b.tail, h.as_ref().map(|h| &h.tail)) {
            (Tail::Value(_, t), _) => Some(t.clone()),
            (Tail::Diverges, Some(Tail::Value(_, t))) => Some(t.clone()),
            _ => None,
        };
        let Some(ty) = ty.filter(|t| *t != Ty::Unit) else {
            let code = assemble(
                &hoisted,
                "()",
                &unit(&b),
                h.as_ref().map(unit).as_deref(),
                &f,
            );
            return Ok((code, Tail::Unit));
        };
        let valued = |p: &Part| -> Result<String> {
            match &p.tail {
                Tail::Value(v, t) => {
                    let c = coerce(Lowered::new(v.clone(), t.clone()), &ty).ok_or_else(|| {
                        type_error(span, &ty, t)
                            .note("every branch of a `try` used as a value must have one type")
                    })?;
                    Ok(format!("{}Ok({c})", p.code))
                }
                Tail::Diverges => Ok(p.code.clone()),
                Tail::Unit => Err(Diagnostic::new(
                    span,
                    format!(
                        "this branch of the `try` gives no value, the other a `{}`",
                        ty.name()
                    ),
                )),
            }
        };
        let bc = valued(&b)?;
        let hc = h.as_ref().map(valued).transpose()?;
        let code = assemble(&[], &ty.rust(), &bc, hc.as_deref(), &f);
        Ok((hoisted.concat(), Tail::Value(code, ty)))
    }

    /// `raise Exception("msg")`, or a bare `raise` in a handler.
    pub(super) fn raise(&mut self, e: Option<&Expr>, span: Span) -> Result<String> {
        let Some(e) = e else {
            return match &self.try_cx.caught {
                Some(c) => Ok(format!("return Err({c}.clone());\n")),
                None => Err(Diagnostic::new(
                    span,
                    "a bare `raise` outside an `except` block",
                )),
            };
        };
        let msg = match &e.kind {
            ExprKind::Call(f, args) if matches!(&f.kind, ExprKind::Name(n) if n == "Exception") => {
                match args.as_slice() {
                    [] => "String::from(\"Exception\")".to_string(),
                    [m] => {
                        let l = self.place(m)?;
                        super::expr::show_code(&l)
                    }
                    _ => return Err(Diagnostic::new(e.span, "`Exception(…)` takes one message")),
                }
            }
            _ => {
                return Err(
                    Diagnostic::new(e.span, "`raise` takes `Exception(\"message\")`")
                        .label("not an `Exception(…)`"),
                )
            }
        };
        Ok(format!("return Err(KErr::new({msg}));\n"))
    }
}

/// The Rust of a `try`: the block and the handler as closures under `attempt`, then
/// `finally`, then the outcome (raised again when it is an error).
fn assemble(
    hoisted: &[String],
    ty: &str,
    body: &str,
    handler: Option<&str>,
    finally: &str,
) -> String {
    let mut s = hoisted.concat();
    s.push_str(&format!(
        "{{\nlet __t: Result<{ty}, KErr> = kayton::rt::attempt(|| -> Result<{ty}, KErr> {{\n{body}\n}});\n"
    ));
    if let Some(h) = handler {
        s.push_str(&format!(
            "let __t: Result<{ty}, KErr> = match __t {{ Ok(v) => Ok(v), Err(__e) => kayton::rt::attempt(|| -> Result<{ty}, KErr> {{\n{h}\n}}) }};\n"
        ));
    }
    s.push_str(finally);
    s.push_str("__t?\n}");
    if ty == "()" {
        s.push_str(";\n");
    }
    s
}
