//! Calls: built-in functions and methods of built-in types; user functions are in
//! `user_fn.rs`.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

pub const BUILTINS: &[&str] = &[
    "print",
    "eprint",
    "len",
    "str",
    "repr",
    "int",
    "float",
    "range",
    "type_of",
    "abs",
    "min",
    "max",
    "sum",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "round",
    "any",
    "all",
    "list",
    "dict",
    "pow",
    "divmod",
    "ord",
    "chr",
    "hex",
    "bin",
    "oct",
    "map",
    "filter",
    "bool",
    "bytes",
    "Some",
    "isinstance",
    "type",
    "display",
    "update_display",
    "clear_output",
    "html",
    "markdown",
    "svg",
    "png",
    "jpeg",
    "input",
    "plot",
    "scatter",
    "bar",
    "hist",
];

pub fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name)
}

impl Lowerer<'_> {
    pub fn call(&mut self, callee: &Expr, args: &[Expr], span: Span) -> Result<Lowered> {
        if let Some(l) = self.rust_call(callee, args, span)? {
            return Ok(l);
        }
        match &callee.kind {
            ExprKind::Name(n) if self.state.functions.contains_key(n) => {
                self.call_user(n, args, span)
            }
            ExprKind::Name(n) if is_builtin(n) => self.call_builtin(n, args, span),
            ExprKind::Name(n) if self.is_var(n) => {
                let ty = self.place(callee)?.ty;
                Err(Diagnostic::new(
                    callee.span,
                    format!("`{n}` is a `{}`, not a function", ty.name()),
                ))
            }
            ExprKind::Name(n) => Err(self.undefined(n, callee.span)),
            ExprKind::Attr(recv, m) => self.call_method(recv, m, args, span),
            ExprKind::Lambda(params, body) => self.call_lambda(params, body, args, span),
            _ => Err(Diagnostic::new(
                callee.span,
                "this expression cannot be called",
            )),
        }
    }

    pub(super) fn arity(
        &self,
        name: &str,
        args: &[Expr],
        n: std::ops::RangeInclusive<usize>,
        span: Span,
    ) -> Result<()> {
        if n.contains(&args.len()) {
            return Ok(());
        }
        let want = if n.start() == n.end() {
            n.start().to_string()
        } else {
            format!("{} to {}", n.start(), n.end())
        };
        Err(Diagnostic::new(
            span,
            format!("`{name}` takes {want} argument(s), {} given", args.len()),
        ))
    }

    fn call_builtin(&mut self, name: &str, args: &[Expr], span: Span) -> Result<Lowered> {
        let one = |me: &mut Self| -> Result<Lowered> {
            me.arity(name, args, 1..=1, span)?;
            me.place(&args[0])
        };
        // `abs`, `int`, `float` of an `Option` of a number: its value (LANGUAGE.md v1.1).
        let number = |me: &mut Self| -> Result<Lowered> {
            let l = one(me)?;
            Ok(me.held_number(&args[0], l))
        };
        Ok(match name {
            "print" | "eprint" => self.print_call(name, args)?,
            "isinstance" | "type" => self.py_type_builtin(name, args, span)?,
            "display" | "update_display" | "clear_output" | "html" | "markdown" | "svg" | "png"
            | "jpeg" | "input" => self.rich_builtin(name, args, span)?,
            "plot" | "scatter" | "bar" | "hist" => self.chart_builtin(name, args, span)?,
            "len" => {
                if let Some(a) = args.first() {
                    self.note_ref_use(a, super::borrowed::RefUse::Loop);
                }
                let l = one(self)?;
                match l.ty {
                    // (`Vec::new().len()` would leave rustc without the item type.)
                    Ty::EmptyList | Ty::EmptyDict => Lowered::new("0i64", Ty::Int),
                    Ty::List(_) | Ty::Dict(..) => {
                        Lowered::new(format!("({}.len() as i64)", l.code), Ty::Int)
                    }
                    Ty::Str => Lowered::new(format!("kayton::rt::len_str(&{})", l.code), Ty::Int),
                    Ty::Range => {
                        Lowered::new(format!("(({0}).end - ({0}).start).max(0)", l.code), Ty::Int)
                    }
                    // A Rust value with a `len()` of its own (`BytesMut`, `IndexMap`).
                    Ty::Rust(p)
                        if self.state.type_def(&p).is_some_and(|t| {
                            t.methods.iter().any(|f| {
                                f.name == "len" && f.receiver.is_some() && f.params.is_empty()
                            })
                        }) =>
                    {
                        let call = ExprKind::Call(
                            Box::new(Expr {
                                kind: ExprKind::Attr(Box::new(args[0].clone()), "len".into()),
                                span: args[0].span,
                            }),
                            Vec::new(),
                        );
                        return self.expr(&Expr { kind: call, span });
                    }
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!(
                            "`len` needs a list, a string or a value with a `len()`, found `{}`",
                            other.name()
                        ),
                        ))
                    }
                }
            }
            "str" => Lowered::new(super::expr::show_code(&one(self)?), Ty::Str),
            "repr" => Lowered::new(format!("{}.krepr()", one(self)?.code), Ty::Str),
            "type_of" => {
                // A Rust type by its path (`semver::Version`), a Keyton type as Rust spells it.
                let t = one(self)?.ty;
                let name = match &t {
                    Ty::Rust(p) => p.clone(),
                    other => other.rust(),
                };
                Lowered::new(format!("String::from({name:?})"), Ty::Str)
            }
            "int" => {
                let l = number(self)?;
                let code = match l.ty {
                    Ty::Int => l.code,
                    ref w if w.is_wide_int() => super::wide::to_int(&l.code),
                    Ty::Bool => format!("({} as i64)", l.code),
                    Ty::Float => format!("kayton::rt::float_to_int({})?", l.code),
                    Ty::Str => format!("kayton::rt::parse_int(&{})?", l.code),
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!("`int` cannot convert a `{}`", other.name()),
                        ))
                    }
                };
                Lowered::new(code, Ty::Int)
            }
            "float" => {
                let l = number(self)?;
                let code = match l.ty {
                    Ty::Float => l.code,
                    Ty::Int => format!("({} as f64)", l.code),
                    ref w if w.is_wide_int() => super::wide::to_float(&l.code),
                    Ty::Str => format!("kayton::rt::parse_float(&{})?", l.code),
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!("`float` cannot convert a `{}`", other.name()),
                        ))
                    }
                };
                Lowered::new(code, Ty::Float)
            }
            "range" => {
                self.arity(name, args, 1..=3, span)?;
                let a = self.expr_as(&args[0], &Ty::Int)?;
                if args.len() == 3 {
                    // With a step: a list (a Rust range has none).
                    let b = self.expr_as(&args[1], &Ty::Int)?;
                    let step = self.expr_as(&args[2], &Ty::Int)?;
                    Lowered::new(
                        format!("kayton::rt::range_step({a}, {b}, {step})?"),
                        Ty::List(Box::new(Ty::Int)),
                    )
                } else if args.len() == 1 {
                    Lowered::new(format!("(0i64..{a})"), Ty::Range)
                } else {
                    let b = self.expr_as(&args[1], &Ty::Int)?;
                    Lowered::new(format!("({a}..{b})"), Ty::Range)
                }
            }
            "abs" => {
                let l = number(self)?;
                if !l.ty.is_numeric() {
                    return Err(Diagnostic::new(
                        args[0].span,
                        format!("`abs` needs a number, found `{}`", l.ty.name()),
                    ));
                }
                Lowered::new(format!("{}.abs()", l.code), l.ty)
            }
            "bytes" => self.bytes_builtin(args, span)?,
            "ord" => {
                self.arity(name, args, 1..=1, span)?;
                let s = self.expr_as(&args[0], &Ty::Str)?;
                Lowered::new(format!("kayton::rt::ord(&{s})?"), Ty::Int)
            }
            "chr" | "hex" | "bin" | "oct" => {
                self.arity(name, args, 1..=1, span)?;
                // A wide Rust integer (a `u64` hash) in full, as `i128`.
                let l = self.expr(&args[0])?;
                let i = if l.ty.is_wide_int() && name != "chr" {
                    super::wide::code(&l.code)
                } else {
                    let found = l.ty.clone();
                    super::expr::coerce(l, &Ty::Int)
                        .ok_or_else(|| super::type_error(args[0].span, &Ty::Int, &found))?
                };
                let code = match name {
                    "chr" => format!("kayton::rt::chr({i})?"),
                    "hex" => format!("kayton::rt::int_text({i}, 16)"),
                    "oct" => format!("kayton::rt::int_text({i}, 8)"),
                    _ => format!("kayton::rt::int_text({i}, 2)"),
                };
                Lowered::new(code, Ty::Str)
            }
            // The builtins over values (`min`, `sorted`, …): `builtins.rs`.
            _ => self.value_builtin(name, args, span)?,
        })
    }

    fn call_method(&mut self, recv: &Expr, m: &str, args: &[Expr], span: Span) -> Result<Lowered> {
        let lowered = self.lowered_recv.take().filter(|(s, _)| *s == recv.span);
        if let Some(l) = self.lazy_iter_method(recv, m, args, span)? {
            return Ok(l);
        }
        // `groups[k].append(w)`: the item itself is changed, in its dict or list.
        let changes = matches!(m, "append" | "pop" | "reverse" | "sort")
            || super::py_methods::CHANGING.contains(&m);
        let r = match (&recv.kind, changes) {
            (ExprKind::Index(x, i), true) => match self.item_place(x, i)? {
                Some(l) => l,
                None => self.place(recv)?,
            },
            _ => match lowered {
                Some((_, l)) => l,
                None => self.place(recv)?,
            },
        };
        // An `Option` that is not `None` is used as its value (LANGUAGE.md v1.1):
        // `u.path_segments().unwrap()` may be left out, as `u.path_segments().collect()`.
        let r = match &r.ty {
            Ty::Option(inner) if !changes && !matches!(**inner, Ty::Rust(_)) => {
                // A variable's value is cloned out of it; any other receiver was lowered
                // once above (lowering it again would consume what it moves twice).
                let v = match recv.kind {
                    ExprKind::Name(_) => self.expr(recv)?,
                    _ => r.clone(),
                };
                self.held(recv, v)
            }
            _ => r,
        };
        // `shell_words::split(s).unwrap()`, as Rust writes it: the call's `Err` already
        // raised, so its value is the list or string itself.
        if let ("unwrap" | "expect", ExprKind::Call(..)) = (m, &recv.kind) {
            let n = (m == "expect") as usize;
            if args.len() != n {
                return Err(Diagnostic::new(
                    span,
                    format!("`{m}` takes {n} argument(s)"),
                ));
            }
            if let Some(msg) = args.first() {
                if self.expr(msg)?.ty != Ty::Str {
                    return Err(Diagnostic::new(msg.span, "`expect` takes a message string"));
                }
            }
            return Ok(r);
        }
        let no_method = |ty: &Ty| {
            Diagnostic::new(span, format!("`{}` has no method `{m}`", ty.name()))
                .label("unknown method")
        };
        if let (Ty::EmptyDict, "get" | "insert", [k, d], ExprKind::Name(n)) =
            (&r.ty, m, args, &recv.kind)
        {
            // `counts = {}` then `counts.get(w, 0)`: keys of `w`'s type, values of the
            // default's; `map.insert(k, v)` (Rust's) likewise.
            let (kt, vt) = (self.expr(k)?.ty, self.expr(d)?.ty);
            if kt.hashable() && !matches!(vt, Ty::NoneLit | Ty::EmptyList | Ty::EmptyDict) {
                let ty = Ty::Dict(Box::new(kt), Box::new(vt));
                if let Some(v) = self.lookup(n) {
                    v.ty = ty.clone();
                }
                return self.dict_method(recv, &Lowered::new(r.code, ty), m, args, span);
            }
        }
        // Rust's own string methods (`s.trim()`, `s.to_lowercase()`): Python's, by name.
        let m = match (&r.ty, super::rust_habits::rust_str_alias(m)) {
            (Ty::Str, Some(py)) => py,
            _ => m,
        };
        if let Some(l) = self.str_habit(&r, m, args, span)? {
            return Ok(l);
        }
        if let Some(l) = self.path_habit(&r, m, args, span)? {
            return Ok(l);
        }
        if let Some(l) = self.bytes_method(&r, m, args, span)? {
            return Ok(l);
        }
        if let Some(l) = self.py_method(recv, &r, m, args, span)? {
            return Ok(l);
        }
        if let Ty::Dict(..) = &r.ty {
            return self.dict_method(recv, &r, m, args, span);
        }
        if let Some(l) = self.list_habit(&r, m, args, span)? {
            return Ok(l);
        }
        match (&r.ty, m) {
            // `out = []` then `out.append(x)`: the first append says what it holds.
            (Ty::EmptyList, "append") if matches!(recv.kind, ExprKind::Name(_)) => {
                self.arity(m, args, 1..=1, span)?;
                let v = self.expr(&args[0])?;
                if matches!(v.ty, Ty::NoneLit | Ty::EmptyList) {
                    return Err(Diagnostic::new(
                        args[0].span,
                        format!("cannot tell the type of {}", v.ty.name()),
                    ));
                }
                let ExprKind::Name(n) = &recv.kind else {
                    unreachable!()
                };
                if let Some(var) = self.lookup(n) {
                    var.ty = Ty::List(Box::new(v.ty));
                    var.mutated = true;
                }
                Ok(Lowered::new(
                    format!("{}.push({})", r.code, v.code),
                    Ty::Unit,
                ))
            }
            (Ty::List(t), "append") => {
                self.arity(m, args, 1..=1, span)?;
                let t = (**t).clone();
                let v = self.expr_as(&args[0], &t)?;
                self.mark_mutated(recv)?;
                Ok(Lowered::new(format!("{}.push({v})", r.code), Ty::Unit))
            }
            (Ty::List(t), "pop") => {
                self.arity(m, args, 0..=0, span)?;
                self.mark_mutated(recv)?;
                Ok(Lowered::new(
                    format!(
                        "{}.pop().ok_or_else(|| KErr::new(\"pop from an empty list\"))?",
                        r.code
                    ),
                    (**t).clone(),
                ))
            }
            (Ty::List(_), "reverse") => {
                self.mark_mutated(recv)?;
                Ok(Lowered::new(format!("{}.reverse()", r.code), Ty::Unit))
            }
            (Ty::List(t), "sort") if matches!(**t, Ty::Int | Ty::Str | Ty::Bool) => {
                self.mark_mutated(recv)?;
                Ok(Lowered::new(format!("{}.sort()", r.code), Ty::Unit))
            }
            // Rust's `.count()` of an iterator Keyton read out as a list (`s.nfd().count()`)
            // and Python's `xs.count(x)`.
            (Ty::List(_), "count") if args.is_empty() => {
                Ok(Lowered::new(format!("({}.len() as i64)", r.code), Ty::Int))
            }
            (Ty::List(t), "count") if matches!(**t, Ty::Int | Ty::Float | Ty::Str | Ty::Bool) => {
                self.arity(m, args, 1..=1, span)?;
                let t = (**t).clone();
                let v = self.expr_as(&args[0], &t)?;
                Ok(Lowered::new(
                    format!(
                        "{{ let k_x = {v}; ({}.iter().filter(|k_e| **k_e == k_x).count() as i64) }}",
                        r.code
                    ),
                    Ty::Int,
                ))
            }
            (Ty::List(t), "contains") => {
                self.arity(m, args, 1..=1, span)?;
                let t = (**t).clone();
                let v = self.expr_as(&args[0], &t)?;
                Ok(Lowered::new(format!("{}.contains(&{v})", r.code), Ty::Bool))
            }
            (Ty::Str, "upper" | "lower" | "strip") => {
                self.arity(m, args, 0..=0, span)?;
                let f = match m {
                    "upper" => "to_uppercase()",
                    "lower" => "to_lowercase()",
                    _ => "trim().to_string()",
                };
                Ok(Lowered::new(format!("{}.{f}", r.code), Ty::Str))
            }
            // Python's `s.isdigit()` and Rust's `c.is_alphanumeric()` of a one-character
            // string (fastrand's `alphanumeric()` gives a `char`): every character is one,
            // and there is at least one.
            (Ty::Str, _) if char_class(m).is_some() => {
                self.arity(m, args, 0..=0, span)?;
                let test = char_class(m).expect("checked");
                let code = match m {
                    "isupper" | "is_uppercase" => format!(
                        "{{ let k_s = &{}; k_s.chars().any(char::is_uppercase) && !k_s.chars().any(char::is_lowercase) }}",
                        r.code
                    ),
                    "islower" | "is_lowercase" => format!(
                        "{{ let k_s = &{}; k_s.chars().any(char::is_lowercase) && !k_s.chars().any(char::is_uppercase) }}",
                        r.code
                    ),
                    // `"".isascii()` is true, as `"".is_ascii()` is in Rust.
                    "isascii" | "is_ascii" => format!("{}.is_ascii()", r.code),
                    _ => format!(
                        "{{ let k_s = &{}; !k_s.is_empty() && k_s.chars().all(|k_c| k_c.{test}()) }}",
                        r.code
                    ),
                };
                Ok(Lowered::new(code, Ty::Bool))
            }
            (Ty::Str, "startswith" | "endswith" | "contains") => {
                self.arity(m, args, 1..=1, span)?;
                let a = self.expr_as(&args[0], &Ty::Str)?;
                let f = match m {
                    "startswith" => "starts_with",
                    "endswith" => "ends_with",
                    _ => "contains",
                };
                Ok(Lowered::new(
                    format!("{}.{f}({a}.as_str())", r.code),
                    Ty::Bool,
                ))
            }
            (Ty::Str, "replace") => {
                self.arity(m, args, 2..=2, span)?;
                let a = self.expr_as(&args[0], &Ty::Str)?;
                let b = self.expr_as(&args[1], &Ty::Str)?;
                Ok(Lowered::new(
                    format!("{}.replace({a}.as_str(), {b}.as_str())", r.code),
                    Ty::Str,
                ))
            }
            (Ty::Str, "split") => {
                self.arity(m, args, 0..=1, span)?;
                let code = if args.is_empty() {
                    format!(
                        "{}.split_whitespace().map(String::from).collect::<Vec<String>>()",
                        r.code
                    )
                } else {
                    let a = self.expr_as(&args[0], &Ty::Str)?;
                    format!(
                        "{}.split({a}.as_str()).map(String::from).collect::<Vec<String>>()",
                        r.code
                    )
                };
                Ok(Lowered::new(code, Ty::List(Box::new(Ty::Str))))
            }
            (Ty::Str, "join") => {
                self.arity(m, args, 1..=1, span)?;
                let a = self.expr_as(&args[0], &Ty::List(Box::new(Ty::Str)))?;
                Ok(Lowered::new(
                    format!("{a}.join({}.as_str())", r.code),
                    Ty::Str,
                ))
            }
            // Rust habits on a list, which is already what they make: `xs.iter()` (then an
            // iterator trait's method, `xs.iter().join(", ")`) and `….collect()`.
            (Ty::List(_), "iter" | "into_iter" | "collect") => {
                self.arity(m, args, 0..=0, span)?;
                if m == "collect" && self.expect == Some(Ty::Str) {
                    return self.chars_to_str(&r, span);
                }
                Ok(Lowered::new(format!("{}.clone()", r.code), r.ty.clone()))
            }
            // `let m: mime.Mime = "text/plain".parse()`: the type's `FromStr`.
            (Ty::Str, "parse") => {
                self.arity(m, args, 0..=0, span)?;
                self.parse_str(recv, span)
            }
            (ty, _) => Err(no_method(ty)),
        }
    }

    pub(super) fn mark_mutated(&mut self, recv: &Expr) -> Result<()> {
        match &recv.kind {
            // The item of a variable's dict or list (see `item_place`).
            ExprKind::Index(x, _) if matches!(x.kind, ExprKind::Name(_)) => self.mark_mutated(x),
            ExprKind::Name(n) => {
                if let Some(v) = self.lookup(n) {
                    v.mutated = true;
                }
                Ok(())
            }
            _ => Err(Diagnostic::new(
                recv.span,
                "this method changes its receiver: call it on a variable",
            )),
        }
    }
}

/// The `char` test a string predicate applies to each character: Python's names
/// (`isdigit`) and Rust's `char` methods (`is_alphanumeric`).
fn char_class(m: &str) -> Option<&'static str> {
    Some(match m {
        "isdigit" | "is_ascii_digit" => "is_ascii_digit",
        "isnumeric" | "is_numeric" => "is_numeric",
        "isalpha" | "is_alphabetic" => "is_alphabetic",
        "isalnum" | "is_alphanumeric" => "is_alphanumeric",
        "isspace" | "is_whitespace" => "is_whitespace",
        "isascii" | "is_ascii" => "is_ascii",
        "is_ascii_alphabetic" => "is_ascii_alphabetic",
        "is_ascii_alphanumeric" => "is_ascii_alphanumeric",
        "is_ascii_punctuation" => "is_ascii_punctuation",
        "is_control" => "is_control",
        "isupper" | "is_uppercase" => "is_uppercase",
        "islower" | "is_lowercase" => "is_lowercase",
        _ => return None,
    })
}
