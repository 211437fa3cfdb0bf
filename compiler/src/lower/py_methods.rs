//! Python's methods of lists, strings and dicts beyond v1's (`xs.extend(ys)`,
//! `xs.insert(i, x)`, `xs.index(x)`, `xs.remove(x)`, `xs.copy()`, `xs.clear()`,
//! `s.find(t)`, `s.count(t)`, `s.title()`, `"{} {}".format(a, b)`, `s.lstrip()`,
//! `s.strip(chars)`, `s.splitlines()`, `s.capitalize()`, `s.center(w, fill)`, `s.zfill(w)`,
//! `s.partition(sep)`, `d.update(e)`,
//! `d.copy()`, `d.clear()`), lowered to `kayton_api::rt`'s helpers where Python's
//! meaning differs from Rust's (`py_methods.rs` there).
use super::expr::{show_code, Lowered};
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

/// The methods here that change their receiver (`call.rs` finds the item they change).
pub const CHANGING: &[&str] = &["extend", "insert", "remove", "clear", "update"];

impl Lowerer<'_> {
    /// A Python method of the list, string or dict `r` (the receiver `recv`, lowered as
    /// a place); `None` for other names and values.
    pub(super) fn py_method(
        &mut self,
        recv: &Expr,
        r: &Lowered,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let code = &r.code;
        Ok(Some(match (&r.ty, m) {
            (Ty::List(_), "extend") => {
                self.arity(m, args, 1..=1, span)?;
                let ys = self.expr_as(&args[0], &r.ty)?;
                self.mark_mutated(recv)?;
                Lowered::new(format!("{code}.extend({ys})"), Ty::Unit)
            }
            (Ty::List(t), "insert") => {
                self.arity(m, args, 2..=2, span)?;
                let i = self.expr_as(&args[0], &Ty::Int)?;
                let x = self.expr_as(&args[1], t)?;
                self.mark_mutated(recv)?;
                Lowered::new(
                    format!("kayton::rt::list_insert(&mut {code}, {i}, {x})"),
                    Ty::Unit,
                )
            }
            (Ty::List(t), "index" | "remove") => {
                self.arity(m, args, 1..=1, span)?;
                let x = self.expr(&args[0])?;
                let shown = show_code(&Lowered::new("k_x", x.ty.clone()));
                let x = super::expr::coerce(x, t).ok_or_else(|| {
                    Diagnostic::new(args[0].span, format!("the list holds `{}`", t.name()))
                })?;
                let (call, ty) = match m {
                    "index" => (
                        format!("kayton::rt::list_index(&{code}, &k_x, &{shown})?"),
                        Ty::Int,
                    ),
                    _ => {
                        self.mark_mutated(recv)?;
                        (
                            format!("kayton::rt::list_remove(&mut {code}, &k_x, &{shown})?"),
                            Ty::Unit,
                        )
                    }
                };
                Lowered::new(format!("{{ let k_x = {x}; {call} }}"), ty)
            }
            (Ty::List(_) | Ty::Dict(..), "copy") => {
                self.arity(m, args, 0..=0, span)?;
                Lowered::new(format!("{code}.clone()"), r.ty.clone())
            }
            (Ty::List(_), "clear") => {
                self.arity(m, args, 0..=0, span)?;
                self.mark_mutated(recv)?;
                Lowered::new(format!("{code}.clear()"), Ty::Unit)
            }
            (Ty::Dict(..), "clear") => {
                self.arity(m, args, 0..=0, span)?;
                self.mark_mutated(recv)?;
                Lowered::new(format!("{code} = kayton::rt::Dict::new()"), Ty::Unit)
            }
            (Ty::Dict(..), "update") => {
                self.arity(m, args, 1..=1, span)?;
                let e = self.expr_as(&args[0], &r.ty)?;
                self.mark_mutated(recv)?;
                Lowered::new(
                    format!("for (k_k, k_v) in ({e}).iter() {{ {code}.insert(k_k.clone(), k_v.clone()); }}"),
                    Ty::Unit,
                )
            }
            (Ty::Str, "find" | "count") => {
                self.arity(m, args, 1..=1, span)?;
                let sub = self.expr_as(&args[0], &Ty::Str)?;
                Lowered::new(format!("kayton::rt::str_{m}(&{code}, &{sub})"), Ty::Int)
            }
            (Ty::Str, "lstrip" | "rstrip") => {
                self.arity(m, args, 0..=0, span)?;
                let f = if m == "lstrip" {
                    "trim_start"
                } else {
                    "trim_end"
                };
                Lowered::new(format!("{code}.{f}().to_string()"), Ty::Str)
            }
            // `s.strip(chars)`: any of the characters, from both ends.
            (Ty::Str, "strip") if args.len() == 1 => {
                let cs = self.expr_as(&args[0], &Ty::Str)?;
                Lowered::new(
                    format!("{{ let k_cs = {cs}; {code}.trim_matches(|k_c| k_cs.contains(k_c)).to_string() }}"),
                    Ty::Str,
                )
            }
            (Ty::Str, "splitlines") => {
                self.arity(m, args, 0..=0, span)?;
                Lowered::new(
                    format!("{code}.lines().map(::std::string::String::from).collect::<Vec<_>>()"),
                    Ty::List(Box::new(Ty::Str)),
                )
            }
            (Ty::Str, "capitalize" | "swapcase") => {
                self.arity(m, args, 0..=0, span)?;
                let f = match m {
                    "capitalize" => format!("kayton::rt::str_capitalize(&{code})"),
                    _ => format!(
                        "{code}.chars().flat_map(|k_c| if k_c.is_uppercase() {{ k_c.to_lowercase().collect::<Vec<_>>() }} else {{ k_c.to_uppercase().collect::<Vec<_>>() }}).collect::<String>()"
                    ),
                };
                Lowered::new(f, Ty::Str)
            }
            (Ty::Str, "ljust" | "rjust" | "center") => {
                self.arity(m, args, 1..=2, span)?;
                let w = self.expr_as(&args[0], &Ty::Int)?;
                let fill = match args.get(1) {
                    Some(f) => self.expr_as(f, &Ty::Str)?,
                    None => "String::from(\" \")".into(),
                };
                let how = match m {
                    "ljust" => '<',
                    "rjust" => '>',
                    _ => '^',
                };
                Lowered::new(
                    format!("kayton::rt::str_pad(&{code}, {w}, &{fill}, {how:?})?"),
                    Ty::Str,
                )
            }
            (Ty::Str, "zfill") => {
                self.arity(m, args, 1..=1, span)?;
                let w = self.expr_as(&args[0], &Ty::Int)?;
                Lowered::new(format!("kayton::rt::str_zfill(&{code}, {w})"), Ty::Str)
            }
            (Ty::Str, "partition") => {
                self.arity(m, args, 1..=1, span)?;
                let sep = self.expr_as(&args[0], &Ty::Str)?;
                Lowered::new(
                    format!("kayton::rt::str_partition(&{code}, &{sep})"),
                    Ty::Tuple(vec![Ty::Str, Ty::Str, Ty::Str]),
                )
            }
            (Ty::Str, "title") => {
                self.arity(m, args, 0..=0, span)?;
                Lowered::new(format!("kayton::rt::str_title(&{code})"), Ty::Str)
            }
            (Ty::Str, "format") => {
                let mut parts = Vec::new();
                for a in args {
                    let l = self.place(a)?;
                    parts.push(show_code(&l));
                }
                Lowered::new(
                    format!("kayton::rt::str_format(&{code}, &[{}])?", parts.join(", ")),
                    Ty::Str,
                )
            }
            _ => return Ok(None),
        }))
    }
}
