//! Builtins over values (LANGUAGE.md v1.1, "Builtins"): `min`/`max` (one list or several
//! values), `sum`, `sorted`, `reversed`, `enumerate`, `zip`, `round`, `any`, `all`,
//! `list`, and `x in xs`. Comparisons go through `PartialOrd`, so Rust values whose type
//! has it (the manifest says so) are ordered too (`max(a, b)` of two `Version`s).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{BinOp, Expr};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// Whether values of `t` can be ordered (`<`, `min`, `sorted`).
    fn orderable(&self, t: &Ty) -> bool {
        match t {
            Ty::Int | Ty::Float | Ty::Str | Ty::Bool => true,
            Ty::Rust(p) => self.state.type_def(p).is_some_and(|d| d.has("PartialOrd")),
            Ty::Tuple(ts) => ts.iter().all(|t| self.orderable(t)),
            Ty::List(t) | Ty::Option(t) => self.orderable(t),
            _ => false,
        }
    }

    fn unorderable(&self, name: &str, t: &Ty, span: Span) -> Diagnostic {
        Diagnostic::new(
            span,
            format!(
                "`{name}` needs values that can be ordered, found `{}`",
                t.name()
            ),
        )
        .label(match t {
            Ty::Rust(_) => "its type does not implement `PartialOrd`",
            _ => "not orderable",
        })
    }

    /// A list argument (a range is collected into one).
    fn list_arg(&mut self, name: &str, e: &Expr) -> Result<Lowered> {
        let l = self.expr(e)?;
        match &l.ty {
            Ty::List(_) => Ok(l),
            Ty::Range => Ok(Lowered::new(
                format!("({}).collect::<Vec<i64>>()", l.code),
                Ty::List(Box::new(Ty::Int)),
            )),
            // A Rust iterator's items, or an `IntoIterator`'s (`sorted(bitmap)`).
            Ty::Rust(p) if self.rust_iter_item(p).is_some() => {
                let p = p.clone();
                let span = e.span;
                Ok(self
                    .rust_iter_method(e, &p, "collect", &[], span)?
                    .expect("an iterator collects"))
            }
            Ty::Rust(p) if self.is_into_iter(p) => {
                let call = Expr {
                    span: e.span,
                    kind: crate::ast::ExprKind::Call(
                        Box::new(Expr {
                            span: e.span,
                            kind: crate::ast::ExprKind::Attr(
                                Box::new(e.clone()),
                                "into_iter".into(),
                            ),
                        }),
                        Vec::new(),
                    ),
                };
                self.list_arg(name, &call)
            }
            // As in Python, a dict iterates over its keys and a string over its characters.
            Ty::Dict(k, _) => Ok(Lowered::new(
                format!("kayton::rt::dict_keys(&{})", l.code),
                Ty::List(k.clone()),
            )),
            Ty::Str => Ok(Lowered::new(
                format!("kayton::rt::chars(&{})", l.code),
                Ty::List(Box::new(Ty::Str)),
            )),
            Ty::EmptyList => Err(Diagnostic::new(
                e.span,
                format!("`{name}` of `[]`: annotate the list's type (`let xs: list[i64] = []`)"),
            )),
            other => Err(Diagnostic::new(
                e.span,
                format!("`{name}` needs a list, found `{}`", other.name()),
            )),
        }
    }

    /// `map(f, xs)` is `[f(x) for x in xs]` and `filter(f, xs)` is `[x for x in xs if
    /// f(x)]`: a list rather than Python's lazy iterator, which `list(…)`, `for` and
    /// the other builtins take the same way.
    fn map_filter(&mut self, name: &str, f: &Expr, xs: &Expr, span: Span) -> Result<Lowered> {
        use crate::ast::{CompFor, ExprKind};
        let item = self.fresh("item");
        let var = Expr {
            kind: ExprKind::Name(item.clone()),
            span: xs.span,
        };
        let call = Expr {
            kind: ExprKind::Call(Box::new(f.clone()), vec![var.clone()]),
            span: f.span,
        };
        let (elem, conds) = if name == "map" {
            (call, vec![])
        } else {
            (var, vec![call])
        };
        let comp = Expr {
            kind: ExprKind::ListComp(
                Box::new(elem),
                vec![CompFor {
                    targets: vec![(item, xs.span)],
                    iter: xs.clone(),
                    conds,
                }],
            ),
            span,
        };
        self.expr(&comp)
    }

    /// `sorted(xs, key=f, reverse=b)`: with a key, each item's key is computed first
    /// (in a loop of this code, so a failing key raises), then the pairs are sorted.
    fn sorted(&mut self, args: &[Expr], span: Span) -> Result<Lowered> {
        let params = [
            "iterable".to_string(),
            "key".to_string(),
            "reverse".to_string(),
        ];
        let none = Expr {
            kind: crate::ast::ExprKind::None,
            span,
        };
        let falsy = Expr {
            kind: crate::ast::ExprKind::Bool(false),
            span,
        };
        let args = self.with_defaults("sorted", &params, &[None, Some(none), Some(falsy)], args)?;
        let l = self.list_arg("sorted", &args[0])?;
        let Ty::List(t) = l.ty.clone() else {
            unreachable!("list_arg gives a list")
        };
        let reverse = self.expr_as(&args[2], &Ty::Bool)?;
        if matches!(args[1].kind, crate::ast::ExprKind::None) {
            if !self.orderable(&t) {
                return Err(self.unorderable("sorted", &t, args[0].span));
            }
            return Ok(Lowered::new(
                format!("kayton::rt::sorted_rev(&{}, {reverse})", l.code),
                l.ty,
            ));
        }
        // `key(item)`, with the item a variable of this scope.
        let item = self.fresh("item");
        self.push_scope();
        let r = self.declare(&item, (*t).clone());
        let call = Expr {
            span: args[1].span,
            kind: crate::ast::ExprKind::Call(
                Box::new(args[1].clone()),
                vec![Expr {
                    kind: crate::ast::ExprKind::Name(item),
                    span: args[1].span,
                }],
            ),
        };
        let k = self.expr(&call);
        self.pop_scope();
        let k = k?;
        if !self.orderable(&k.ty) {
            return Err(Diagnostic::new(
                args[1].span,
                format!(
                    "`key` gives values that cannot be ordered: `{}`",
                    k.ty.name()
                ),
            ));
        }
        let pairs = self.fresh("pairs");
        Ok(Lowered::new(
            format!(
                "{{ let mut {pairs} = ::std::vec::Vec::new(); for {r} in {}.iter().cloned() {{ {pairs}.push(({}, {r})); }} kayton::rt::sorted_by_key({pairs}, {reverse}) }}",
                l.code, k.code
            ),
            l.ty,
        ))
    }

    pub(super) fn value_builtin(
        &mut self,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        let elem = |l: &Lowered| match &l.ty {
            Ty::List(t) => (**t).clone(),
            _ => Ty::Unit,
        };
        Ok(match name {
            "dict" => self.dict_builtin(args, span)?,
            // `pow(a, b)` is `a ** b`; `divmod(a, b)` is `(a // b, a - b * (a // b))`, floored
            // as Python's is.
            "pow" | "divmod" => {
                self.arity(name, args, 2..=2, span)?;
                let (a, b) = (self.expr(&args[0])?, self.expr(&args[1])?);
                if !a.ty.is_numeric() || !b.ty.is_numeric() {
                    return Err(Diagnostic::new(
                        span,
                        format!(
                            "`{name}` takes two numbers, found `{}` and `{}`",
                            a.ty.name(),
                            b.ty.name()
                        ),
                    ));
                }
                let float = a.ty == Ty::Float || b.ty == Ty::Float;
                let f = |l: &Lowered| match (float, &l.ty) {
                    (true, Ty::Int) => format!("({} as f64)", l.code),
                    _ => l.code.clone(),
                };
                let (ac, bc) = (f(&a), f(&b));
                let ty = if float { Ty::Float } else { Ty::Int };
                match (name, float) {
                    ("pow", true) => Lowered::new(format!("kayton::rt::pow_f64({ac}, {bc})"), ty),
                    ("pow", false) => Lowered::new(format!("kayton::rt::pow_i64({ac}, {bc})?"), ty),
                    (_, true) => Lowered::new(
                        format!("{{ let (k_a, k_b) = ({ac}, {bc}); let k_q = (k_a / k_b).floor(); (k_q, k_a - k_b * k_q) }}"),
                        Ty::Tuple(vec![ty.clone(), ty]),
                    ),
                    (_, false) => Lowered::new(
                        format!("{{ let (k_a, k_b) = ({ac}, {bc}); let k_q = kayton::rt::floordiv_i64(k_a, k_b)?; (k_q, k_a - k_b * k_q) }}"),
                        Ty::Tuple(vec![ty.clone(), ty]),
                    ),
                }
            }
            "min" | "max" if args.len() == 1 => {
                let l = self.list_arg(name, &args[0])?;
                let t = elem(&l);
                if !self.orderable(&t) {
                    return Err(self.unorderable(name, &t, args[0].span));
                }
                Lowered::new(format!("kayton::rt::{name}_of(&{})?", l.code), t)
            }
            "min" | "max" => {
                if args.is_empty() {
                    return Err(Diagnostic::new(
                        span,
                        format!("`{name}` takes a list or several values, none given"),
                    ));
                }
                let vals = args
                    .iter()
                    .map(|a| self.expr(a))
                    .collect::<Result<Vec<_>>>()?;
                // Ints among floats are compared as floats.
                let float = vals.iter().any(|v| v.ty == Ty::Float)
                    && vals.iter().all(|v| v.ty.is_numeric());
                let t = if float { Ty::Float } else { vals[0].ty.clone() };
                let mut codes = Vec::new();
                for (v, a) in vals.iter().zip(args) {
                    if float && v.ty == Ty::Int {
                        codes.push(format!("({} as f64)", v.code));
                    } else if v.ty == t {
                        codes.push(v.code.clone());
                    } else {
                        return Err(super::type_error(a.span, &t, &v.ty)
                            .label(format!("`{name}` compares values of one type")));
                    }
                }
                if !self.orderable(&t) {
                    return Err(self.unorderable(name, &t, span));
                }
                Lowered::new(
                    format!("kayton::rt::{name}_of(&[{}])?", codes.join(", ")),
                    t,
                )
            }
            "sum" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.list_arg(name, &args[0])?;
                match elem(&l) {
                    Ty::Int => Lowered::new(format!("kayton::rt::sum_i64(&{})?", l.code), Ty::Int),
                    Ty::Float => Lowered::new(format!("{}.iter().sum::<f64>()", l.code), Ty::Float),
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!(
                                "`sum` needs a list of numbers, found a list of `{}`",
                                other.name()
                            ),
                        ))
                    }
                }
            }
            "sorted" => self.sorted(args, span)?,
            "reversed" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.list_arg(name, &args[0])?;
                Lowered::new(
                    format!("{{ let mut k_v = {}; k_v.reverse(); k_v }}", l.code),
                    l.ty,
                )
            }
            "enumerate" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.list_arg(name, &args[0])?;
                let t = Ty::Tuple(vec![Ty::Int, elem(&l)]);
                Lowered::new(
                    format!(
                        "{}.into_iter().enumerate().map(|(k_i, k_v)| (k_i as i64, k_v)).collect::<Vec<_>>()",
                        l.code
                    ),
                    Ty::List(Box::new(t)),
                )
            }
            "zip" => {
                self.arity(name, args, 2..=2, span)?;
                let a = self.list_arg(name, &args[0])?;
                let b = self.list_arg(name, &args[1])?;
                let t = Ty::Tuple(vec![elem(&a), elem(&b)]);
                Lowered::new(
                    format!("{}.into_iter().zip({}).collect::<Vec<_>>()", a.code, b.code),
                    Ty::List(Box::new(t)),
                )
            }
            "round" => {
                self.arity(name, args, 1..=2, span)?;
                let x = self.expr(&args[0])?;
                let x = self.held_number(&args[0], x);
                let x = match x.ty {
                    Ty::Float => x.code,
                    Ty::Int if args.len() == 1 => return Ok(x),
                    Ty::Int => format!("({} as f64)", x.code),
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!("`round` needs a number, found `{}`", other.name()),
                        ))
                    }
                };
                if args.len() == 1 {
                    Lowered::new(format!("kayton::rt::round_int({x})?"), Ty::Int)
                } else {
                    let n = self.expr_as(&args[1], &Ty::Int)?;
                    Lowered::new(format!("kayton::rt::round_to({x}, {n})"), Ty::Float)
                }
            }
            "any" | "all" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.list_arg(name, &args[0])?;
                if elem(&l) != Ty::Bool {
                    return Err(Diagnostic::new(
                        args[0].span,
                        format!("`{name}` needs a list of bools, found `{}`", l.ty.name()),
                    )
                    .note("Keyton has no truthiness: compare explicitly"));
                }
                let m = if name == "any" { "any" } else { "all" };
                Lowered::new(format!("{}.iter().{m}(|k_b| *k_b)", l.code), Ty::Bool)
            }
            "map" | "filter" => {
                self.arity(name, args, 2..=2, span)?;
                self.map_filter(name, &args[0], &args[1], span)?
            }
            // Rust's `Some(x)` where an `Option` is taken (rust-ini's `section(Some("User"))`).
            "Some" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.expr(&args[0])?;
                Lowered::new(format!("Some({})", l.code), Ty::Option(Box::new(l.ty)))
            }
            "bool" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.expr(&args[0])?;
                // Python's truth of a number, string or container.
                let code = match &l.ty {
                    Ty::Bool => l.code,
                    Ty::Int => format!("({} != 0)", l.code),
                    Ty::Float => format!("({} != 0.0)", l.code),
                    Ty::Str | Ty::List(_) | Ty::Dict(..) => format!("(!({}).is_empty())", l.code),
                    Ty::Option(_) => format!("({}).is_some()", l.code),
                    Ty::EmptyList | Ty::EmptyDict | Ty::NoneLit => "false".into(),
                    other => {
                        return Err(Diagnostic::new(
                            args[0].span,
                            format!("`bool` cannot convert a `{}`", other.name()),
                        ))
                    }
                };
                Lowered::new(code, Ty::Bool)
            }
            "list" => {
                self.arity(name, args, 1..=1, span)?;
                let l = self.expr(&args[0])?;
                match &l.ty {
                    // A Rust iterator's items (`list(Primes.all().take(3))` is a list
                    // already; `list(walker)` collects).
                    Ty::Rust(p) if self.rust_iter_item(p).is_some() => {
                        let p = p.clone();
                        self.rust_iter_method(&args[0], &p, "collect", &[], span)?
                            .expect("an iterator collects")
                    }
                    _ => self.list_arg(name, &args[0])?,
                }
            }
            _ => unreachable!("not a builtin: {name}"),
        })
    }

    /// `print(a, b, …)` and `eprint`, with Python's `sep=`, `end=` and `flush=` (every
    /// line is written whole, so `flush` changes nothing).
    pub(super) fn print_call(&mut self, name: &str, args: &[Expr]) -> Result<Lowered> {
        let mut parts = Vec::new();
        let (mut sep, mut end) = (None, None);
        for a in args {
            if let crate::ast::ExprKind::Keyword(k, v) = &a.kind {
                match k.as_str() {
                    "sep" => sep = Some(self.expr_as(v, &Ty::Str)?),
                    "end" => end = Some(self.expr_as(v, &Ty::Str)?),
                    "flush" => {
                        self.expr_as(v, &Ty::Bool)?;
                    }
                    _ => {
                        return Err(Diagnostic::new(
                            a.span,
                            format!(
                                "`{name}` takes `sep=`, `end=` and `flush=` by name, not `{k}=`"
                            ),
                        ))
                    }
                }
                continue;
            }
            // `print(url.mime_type())`: a borrowed result is shown in place.
            self.note_ref_use(a, super::borrowed::RefUse::Receiver);
            let l = self.place(a)?;
            parts.push(super::expr::show_code(&l));
        }
        let parts = parts.join(", ");
        Ok(Lowered::new(
            match (sep, end) {
                (None, None) => format!("kayton::rt::{name}(ctx, &[{parts}])"),
                (sep, end) => format!(
                    "kayton::rt::{name}_with(ctx, &[{parts}], &{}, &{})",
                    sep.unwrap_or_else(|| "String::from(\" \")".into()),
                    end.unwrap_or_else(|| "String::from(\"\\n\")".into()),
                ),
            },
            Ty::Unit,
        ))
    }

    /// `x in xs` / `x not in xs`: an element of a list or a range, a substring of a string.
    /// The method of the Rust type `p` that `x in v` calls: `contains`, else
    /// `contains_key`, taking one argument.
    fn membership_method(&self, p: &str) -> Option<&'static str> {
        let td = self.state.type_def(p)?;
        ["contains", "contains_key"].into_iter().find(|m| {
            td.methods
                .iter()
                .any(|f| f.name == *m && f.receiver.is_some() && f.params.len() == 1)
        })
    }

    pub(super) fn membership(
        &mut self,
        op: BinOp,
        x: Lowered,
        xs: Lowered,
        whole: &Expr,
    ) -> Result<Lowered> {
        let code = match (&x.ty, &xs.ty) {
            (Ty::Str, Ty::Str) => format!("kayton::rt::contains_str(&{}, &{})", xs.code, x.code),
            (t, Ty::List(e)) if **e == *t => format!("{}.contains(&{})", xs.code, x.code),
            (Ty::Int, Ty::Range) => format!("({}).contains(&{})", xs.code, x.code),
            (_, Ty::Dict(..)) => self.dict_contains(x.clone(), &xs, whole.span)?,
            (_, Ty::EmptyDict) => "false".to_string(),
            (_, Ty::EmptyList) => "false".to_string(),
            // `3 in bitmap`: the Rust type's own `contains` (or a map's `contains_key`).
            (_, Ty::Rust(p)) if self.membership_method(p).is_some() => {
                let m = self.membership_method(p).expect("checked");
                let crate::ast::ExprKind::Binary(_, le, re) = &whole.kind else {
                    unreachable!("membership of a binary `in`")
                };
                let call = Expr {
                    kind: crate::ast::ExprKind::Call(
                        Box::new(Expr {
                            kind: crate::ast::ExprKind::Attr(re.clone(), m.into()),
                            span: re.span,
                        }),
                        vec![(**le).clone()],
                    ),
                    span: whole.span,
                };
                let l = self.expr(&call)?;
                if l.ty != Ty::Bool {
                    return Err(Diagnostic::new(
                        whole.span,
                        format!("`{p}.{m}` does not give a bool"),
                    ));
                }
                l.code
            }
            (t, c) => {
                return Err(Diagnostic::new(
                    whole.span,
                    format!(
                        "`{}` cannot look for a `{}` in a `{}`",
                        op.symbol(),
                        t.name(),
                        c.name()
                    ),
                ))
            }
        };
        let code = if op == BinOp::NotIn {
            format!("(!{code})")
        } else {
            code
        };
        Ok(Lowered::new(code, Ty::Bool))
    }
}
