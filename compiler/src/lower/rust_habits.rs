//! Rust habits on Keyton values, as a crate's docs write them: `s.parse()` into an
//! annotated Rust type, `….collect()` into a `str` (`call.rs` dispatches to them).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `s.parse()` as the annotated Rust type's `from_str(s)` (its `Err` raises), or as
    /// the parameter's type it is passed for.
    pub(super) fn parse_str(&mut self, recv: &Expr, span: Span) -> Result<Lowered> {
        let target = match &self.expect {
            Some(Ty::Rust(p)) => p.clone(),
            // A parameter Keyton passes as text (an `IpAddr`, a `SocketAddr`, a path)
            // parses the string itself, at the call.
            Some(Ty::Str) => return self.expr_as(recv, &Ty::Str).map(|c| Lowered::new(c, Ty::Str)),
            _ => {
                return Err(Diagnostic::new(span, "cannot tell which type `parse()` should produce")
                    .label("type not determined")
                    .note("annotate the result with a Rust type that implements `FromStr`, e.g. `let v: semver.Version = s.parse()`"))
            }
        };
        let f = self.state.type_def(&target).and_then(|t| {
            t.methods
                .iter()
                .find(|f| f.name == "from_str" && f.receiver.is_none())
        });
        // A std type no manifest lists (a crate's `Ipv4Addr` parameter): its own `FromStr`.
        if f.is_none() && (target.starts_with("std::") || target.starts_with("core::")) {
            let s = self.expr_as(recv, &Ty::Str)?;
            return Ok(Lowered::new(
                format!(
                    "kayton::raise!(<::{target} as ::std::str::FromStr>::from_str({s}.as_str()))?"
                ),
                Ty::Rust(target),
            ));
        }
        let f = f
            .cloned()
            .ok_or_else(|| {
                Diagnostic::new(
                    span,
                    format!(
                        "`{}` has no `FromStr` impl in its plugin's manifest, so a string cannot be parsed as one",
                        target.replace("::", ".")
                    ),
                )
            })?;
        let call = format!("<::{target} as ::std::str::FromStr>::from_str");
        self.emit_call(&call, &f, None, std::slice::from_ref(recv), span, &target)
    }

    /// A list of one-character strings (or Rust `char`s) as one string.
    pub(super) fn chars_to_str(&mut self, l: &Lowered, span: Span) -> Result<Lowered> {
        match &l.ty {
            Ty::List(t) if matches!(&**t, Ty::Str) => {
                Ok(Lowered::new(format!("{}.concat()", l.code), Ty::Str))
            }
            Ty::List(t) if matches!(&**t, Ty::Rust(c) if c.trim_start_matches("::") == "char") => {
                Ok(Lowered::new(
                    format!("{}.iter().collect::<String>()", l.code),
                    Ty::Str,
                ))
            }
            other => Err(Diagnostic::new(
                span,
                format!("cannot collect `{}` into a string", other.name()),
            )),
        }
    }
}

impl Lowerer<'_> {
    /// Rust habits on a value whose type has no such method of its own: `.unwrap()` and
    /// `.expect(msg)` (a `Result` was already unwrapped, its `Err` raised; an `Option`
    /// gives its value, `None` raises naming the expression or with `msg`),
    /// `.unwrap_or(d)`, `.is_some()`/`.is_none()`, and `.to_string()` of a type with
    /// `Display`. `None` when `name` is none of these.
    pub(super) fn value_habit(
        &mut self,
        x: &Expr,
        recv_ty: &Ty,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let own = |l: &Self| match recv_ty {
            Ty::Rust(p) => l
                .state
                .type_def(p)
                .is_some_and(|t| t.methods.iter().any(|f| f.name == name)),
            _ => false,
        };
        if own(self) {
            return Ok(None);
        }
        let arity = |n: usize| -> Result<()> {
            if args.len() == n {
                return Ok(());
            }
            Err(Diagnostic::new(
                span,
                format!(
                    "`{name}` takes {n} argument{}",
                    if n == 1 { "" } else { "s" }
                ),
            ))
        };
        match (name, recv_ty) {
            ("unwrap", Ty::Option(_)) => {
                arity(0)?;
                let v = self.expr(x)?;
                Ok(Some(self.held(x, v)))
            }
            ("expect", Ty::Option(t)) => {
                arity(1)?;
                let v = self.expr(x)?;
                let msg = self.expr(&args[0])?;
                if msg.ty != Ty::Str {
                    return Err(Diagnostic::new(
                        args[0].span,
                        "`expect` takes a message string",
                    ));
                }
                Ok(Some(Lowered::new(
                    format!(
                        "(match {} {{ ::std::option::Option::Some(k_v) => k_v, ::std::option::Option::None => Err(KErr::new(::std::string::String::from({})))? }})",
                        v.code, msg.code
                    ),
                    (**t).clone(),
                )))
            }
            ("unwrap_or", Ty::Option(t)) => {
                arity(1)?;
                let v = self.expr(x)?;
                let d = self.expr_as(&args[0], t)?;
                Ok(Some(Lowered::new(
                    format!("{}.unwrap_or({d})", v.code),
                    (**t).clone(),
                )))
            }
            ("is_some" | "is_none", Ty::Option(_)) => {
                arity(0)?;
                let v = self.place(x)?;
                Ok(Some(Lowered::new(format!("{}.{name}()", v.code), Ty::Bool)))
            }
            // The value of a call whose `Result` Keyton already unwrapped.
            ("unwrap", Ty::Rust(_)) => {
                arity(0)?;
                self.expr(x).map(Some)
            }
            ("expect", Ty::Rust(_)) => {
                arity(1)?;
                self.expr(&args[0])?;
                self.expr(x).map(Some)
            }
            // Rust's `.is_ok()` / `.is_err()` on a call whose `Err` Keyton would raise:
            // whether it raised, without raising.
            ("is_ok" | "is_err", _) if matches!(x.kind, crate::ast::ExprKind::Call(..)) => {
                arity(0)?;
                let v = self.expr(x)?;
                Ok(Some(Lowered::new(
                    format!(
                        "(|| -> ::std::result::Result<(), KErr> {{ let _ = {}; Ok(()) }})().{name}()",
                        v.code
                    ),
                    Ty::Bool,
                )))
            }
            // A path or OS string is already a Keyton string (`entry.path().display()`,
            // `entry.file_name().to_string_lossy()`, as walkdir's docs write them).
            ("display" | "to_string_lossy", Ty::Str) => {
                arity(0)?;
                self.expr(x).map(Some)
            }
            ("to_string", Ty::Rust(p))
                if self.state.type_def(p).is_some_and(|t| t.has("Display")) =>
            {
                arity(0)?;
                let v = self.place(x)?;
                Ok(Some(Lowered::new(
                    format!("::std::string::ToString::to_string(&{})", v.code),
                    Ty::Str,
                )))
            }
            // `v.clone()` of a Clone Rust value (im's `let w = v.clone()`): a copy. (Not of
            // a type that declares its own `clone`, which the manifest's method is.)
            ("clone", Ty::Rust(p))
                if self.state.type_def(p).is_some_and(|t| {
                    t.has("Clone") && !t.methods.iter().any(|m| m.name == "clone")
                }) =>
            {
                arity(0)?;
                let v = self.place(x)?;
                let ty = v.ty.clone();
                Ok(Some(Lowered::new(format!("({}).clone()", v.code), ty)))
            }
            // (After `to_string`: an iterator that shows, shows.)
            (_, Ty::Rust(p)) if self.rust_iter_item(p).is_some() => {
                self.rust_iter_method(x, &p.clone(), name, args, span)
            }
            _ => Ok(None),
        }
    }
}

impl Lowerer<'_> {
    /// Rust's iterator methods on a list that was a Rust iterator (a crate's iterator
    /// Keyton read out as a list: `sieve.primes_from(100).take(4)`): `take(n)`, `skip(n)`,
    /// `nth(n)` and `last()` (an `Option`); `None` for other names (`collect()` and
    /// `iter()` are `call.rs`'s).
    pub(super) fn list_habit(
        &mut self,
        xs: &Lowered,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let Ty::List(t) = &xs.ty else {
            return Ok(None);
        };
        let arity = match name {
            "take" | "skip" | "nth" => 1,
            "last" => 0,
            _ => return Ok(None),
        };
        let n = self.count_arg(name, args, arity, span)?;
        let one = Ty::Option(t.clone());
        let xs_code = &xs.code;
        Ok(Some(match name {
            "take" | "skip" => Lowered::new(
                format!("{xs_code}.iter().{name}({n}).cloned().collect::<Vec<_>>()"),
                xs.ty.clone(),
            ),
            "nth" => Lowered::new(format!("{xs_code}.get({n}).cloned()"), one),
            _ => Lowered::new(format!("{xs_code}.last().cloned()"), one),
        }))
    }
}

/// The Python name of Rust's string method `m`, where Keyton has it under that name.
pub(super) fn rust_str_alias(m: &str) -> Option<&'static str> {
    Some(match m {
        "trim" => "strip",
        "trim_start" => "lstrip",
        "trim_end" => "rstrip",
        "to_lowercase" => "lower",
        "to_uppercase" => "upper",
        "starts_with" => "startswith",
        "ends_with" => "endswith",
        "lines" => "splitlines",
        _ => return None,
    })
}

impl Lowerer<'_> {
    /// Rust's string methods that Python has no method for: `len()` (bytes, as Rust
    /// counts), `is_empty()`, `chars()`, `as_bytes()`/`bytes()`/`into_bytes()` (a list of
    /// ints), `to_string()`/`to_owned()`/`clone()` (the string itself).
    pub(super) fn str_habit(
        &mut self,
        s: &Lowered,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        if s.ty != Ty::Str {
            return Ok(None);
        }
        let (code, ty) = match m {
            "len" => (format!("({}.len() as i64)", s.code), Ty::Int),
            "is_empty" => (format!("{}.is_empty()", s.code), Ty::Bool),
            "chars" => (
                format!("kayton::rt::chars(&{})", s.code),
                Ty::List(Box::new(Ty::Str)),
            ),
            "as_bytes" | "bytes" | "into_bytes" => (
                format!("kayton::rt::str_encode(&{})", s.code),
                Ty::List(Box::new(Ty::Int)),
            ),
            "to_string" | "to_owned" | "clone" => (format!("{}.clone()", s.code), Ty::Str),
            _ => return Ok(None),
        };
        if !args.is_empty() {
            return Err(Diagnostic::new(span, format!("`{m}` takes no arguments")));
        }
        Ok(Some(Lowered::new(code, ty)))
    }
}
