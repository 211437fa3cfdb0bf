//! Dicts (LANGUAGE.md v1.1): `{k: v}`, `{k: v for …}`, `d[k]`, `d[k] = v`, and the
//! methods Python users reach for first. A dict is a `kayton::rt::Dict` (insertion-
//! ordered); `{}` is typed by its first `d[k] = v`, as `[]` is by its first `append`.
use super::comprehension::nest;
use super::expr::{coerce, Lowered};
use super::{type_error, Lowerer};
use crate::ast::{CompFor, Expr, ExprKind, Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

fn not_a_key(span: Span, t: &Ty) -> Diagnostic {
    Diagnostic::new(span, format!("a dict's keys cannot be `{}`", t.name()))
        .label("not hashable")
        .note("keys are ints, strings, bools, or tuples of them")
}

fn untyped(span: Span, l: &Lowered) -> Result<()> {
    match l.ty {
        Ty::NoneLit | Ty::EmptyList | Ty::EmptyDict => Err(Diagnostic::new(
            span,
            format!("cannot tell the type of {}", l.ty.name()),
        )),
        _ => Ok(()),
    }
}

impl Lowerer<'_> {
    /// `{k: v, …}`: the first pair gives the types, unless a `let` says them.
    pub(super) fn dict_lit(&mut self, items: &[(Expr, Expr)]) -> Result<Lowered> {
        let Some((k0, v0)) = items.first() else {
            return Ok(Lowered::new("kayton::rt::Dict::new()", Ty::EmptyDict));
        };
        let (kt, vt) = match &self.expect {
            Some(Ty::Dict(k, v)) => ((**k).clone(), (**v).clone()),
            _ => {
                let (k, v) = (self.expr(k0)?, self.expr(v0)?);
                untyped(k0.span, &k)?;
                untyped(v0.span, &v)?;
                (k.ty, v.ty)
            }
        };
        if !kt.hashable() {
            return Err(not_a_key(k0.span, &kt));
        }
        let mut pairs = Vec::new();
        for (k, v) in items {
            let kc = self.expr_as(k, &kt)?;
            let vc = self.expr_as(v, &vt)?;
            pairs.push(format!("({kc}, {vc})"));
        }
        let ty = Ty::Dict(Box::new(kt), Box::new(vt));
        Ok(Lowered::new(
            format!("{}::from_iter(vec![{}])", turbofish(&ty), pairs.join(", ")),
            ty,
        ))
    }

    /// `{k: v for … in …}`: the loops, assigning into a fresh dict.
    pub(super) fn dict_comp(
        &mut self,
        k: &Expr,
        v: &Expr,
        clauses: &[CompFor],
        span: Span,
    ) -> Result<Lowered> {
        let acc = self.fresh("dcomp");
        let target = Expr {
            span: k.span,
            kind: ExprKind::Name(acc.clone()),
        };
        let set = Stmt {
            span: k.span.to(v.span),
            kind: StmtKind::SetIndex(target, k.clone(), k.span, v.clone()),
        };
        self.accumulate(&acc, Ty::EmptyDict, nest(clauses, set), span)
    }

    /// `target[index] = value`: a dict's key (set or added) or a list's item.
    pub(super) fn set_index(
        &mut self,
        target: &Expr,
        index: &Expr,
        at: Span,
        value: &Expr,
    ) -> Result<String> {
        // `d[k][0] = x`: the item of an item, changed in place.
        let t = match &target.kind {
            ExprKind::Name(_) => self.place(target)?,
            ExprKind::Index(x, i) => self.item_place(x, i)?.ok_or_else(|| not_a_variable(at))?,
            _ => return Err(not_a_variable(at)),
        };
        let name = &root_name(target).ok_or_else(|| not_a_variable(at))?;
        let (kc, vc) = match &t.ty {
            Ty::Dict(kt, vt) => {
                let (kt, vt) = ((**kt).clone(), (**vt).clone());
                (self.expr_as(index, &kt)?, self.expr_as(value, &vt)?)
            }
            Ty::EmptyDict if matches!(target.kind, ExprKind::Name(_)) => {
                let (k, v) = (self.expr(index)?, self.expr(value)?);
                untyped(index.span, &k)?;
                untyped(value.span, &v)?;
                if !k.ty.hashable() {
                    return Err(not_a_key(index.span, &k.ty));
                }
                if let Some(var) = self.lookup(name) {
                    var.ty = Ty::Dict(Box::new(k.ty), Box::new(v.ty));
                }
                (k.code, v.code)
            }
            Ty::List(et) => {
                let et = (**et).clone();
                let (i, v) = (self.expr_as(index, &Ty::Int)?, self.expr_as(value, &et)?);
                if let Some(v) = self.lookup(name) {
                    v.mutated = true;
                }
                return Ok(format!(
                    "{{ let __i = {i}; let __v = {v}; kayton::rt::set_index(&mut {}, __i, __v)?; }}\n",
                    t.code
                ));
            }
            Ty::Rust(p) => {
                let p = p.clone();
                let Some(item) = self.rust_index_place(&t, &p, index, at)? else {
                    return Err(no_item_assignment(at, &t.ty));
                };
                let v = self.expr_as(value, &item.ty)?;
                if let Some(var) = self.lookup(name) {
                    var.mutated = true;
                }
                return Ok(format!("{{ let __v = {v}; {} = __v; }}\n", item.code));
            }
            other => return Err(no_item_assignment(at, other)),
        };
        if let Some(v) = self.lookup(name) {
            v.mutated = true;
        }
        // Key and value first: they may read the dict (`d[k] = d.get(k, 0) + 1`).
        Ok(format!(
            "{{ let __k = {kc}; let __v = {vc}; {}.insert(__k, __v); }}\n",
            t.code
        ))
    }

    /// `x[i]` of a variable's dict or list, as a place a method may change (a `&mut`
    /// into it); `None` for anything else.
    /// Whether the method `m` of an item of `x` (a list or dict of Rust values, by name)
    /// is called on the item in place: it changes the item (`&mut self`), or the item
    /// cannot be copied. (A `self` or `&self` method of a `Clone` item takes a copy.)
    pub(super) fn rust_item_in_place(&mut self, x: &Expr, m: &str) -> bool {
        let ExprKind::Name(n) = &x.kind else {
            return false;
        };
        let Some(Ty::List(t) | Ty::Dict(_, t)) = self.lookup(n).map(|v| v.ty.clone()) else {
            return false;
        };
        let Ty::Rust(p) = &*t else { return false };
        let Some(def) = self.state.type_def(p) else {
            return false;
        };
        !def.has("Clone")
            || def
                .methods
                .iter()
                .any(|f| f.name == m && f.receiver == Some(kayton_manifest::Receiver::RefMut))
    }

    /// The variable at the root of `x` (`rows` of `rows[0][1]`) is changed.
    pub(super) fn mark_root_changed(&mut self, x: &Expr) {
        match &x.kind {
            ExprKind::Name(n) => {
                if let Some(v) = self.lookup(n) {
                    v.mutated = true;
                }
            }
            ExprKind::Index(x, _) => self.mark_root_changed(x),
            _ => {}
        }
    }

    pub(super) fn item_place(&mut self, x: &Expr, i: &Expr) -> Result<Option<Lowered>> {
        let t = match &x.kind {
            // A global reached through its `&mut` is reborrowed.
            ExprKind::Name(n) if self.lookup(n).is_some_and(|v| v.borrowed) => {
                let l = self.place(x)?;
                Lowered::new(format!("*{}", l.code), l.ty)
            }
            ExprKind::Name(_) => self.place(x)?,
            // `rows[0][1]`: into the item of an item.
            ExprKind::Index(x2, i2) => match self.item_place(x2, i2)? {
                Some(l) => l,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        Ok(match &t.ty {
            Ty::Dict(kt, vt) => {
                let (kt, vt) = ((**kt).clone(), (**vt).clone());
                let k = self.expr_as(i, &kt)?;
                Some(Lowered::new(
                    format!("(*kayton::rt::dict_at_mut(&mut {}, &{k})?)", t.code),
                    vt,
                ))
            }
            Ty::List(et) => {
                let et = (**et).clone();
                let idx = self.expr_as(i, &Ty::Int)?;
                Some(Lowered::new(
                    format!("(*kayton::rt::index_mut(&mut {}, {idx})?)", t.code),
                    et,
                ))
            }
            Ty::Rust(p) => {
                let p = p.clone();
                self.rust_index_place(&t, &p, i, i.span)?
            }
            _ => None,
        })
    }

    /// `d[k]`: a missing key raises `KeyError: 'k'`.
    pub(super) fn dict_index(&mut self, d: &Lowered, index: &Expr) -> Result<Lowered> {
        let Ty::Dict(kt, vt) = &d.ty else {
            unreachable!("called for dicts")
        };
        let k = self.expr_as(index, kt)?;
        Ok(Lowered::new(
            format!("kayton::rt::dict_get(&{}, &{k})?", d.code),
            (**vt).clone(),
        ))
    }

    /// `d.get(k)`, `d.get(k, default)`, `keys()`, `values()`, `items()`, `pop(k)`.
    pub(super) fn dict_method(
        &mut self,
        recv: &Expr,
        d: &Lowered,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        let Ty::Dict(kt, vt) = &d.ty else {
            unreachable!("called for dicts")
        };
        let (kt, vt) = ((**kt).clone(), (**vt).clone());
        let list = |t: Ty| Ty::List(Box::new(t));
        Ok(match m {
            "get" => {
                self.arity(m, args, 1..=2, span)?;
                let k = self.expr_as(&args[0], &kt)?;
                match args.get(1) {
                    None => Lowered::new(
                        format!("kayton::rt::dict_get_opt(&{}, &{k})", d.code),
                        Ty::Option(Box::new(vt)),
                    ),
                    Some(def) => {
                        let dc = self.expr_as(def, &vt)?;
                        Lowered::new(
                            format!("kayton::rt::dict_get_or(&{}, &{k}, {dc})", d.code),
                            vt,
                        )
                    }
                }
            }
            "keys" | "values" | "items" => {
                self.arity(m, args, 0..=0, span)?;
                let t = match m {
                    "keys" => list(kt),
                    "values" => list(vt),
                    _ => list(Ty::Tuple(vec![kt, vt])),
                };
                Lowered::new(format!("kayton::rt::dict_{m}(&{})", d.code), t)
            }
            "pop" => {
                self.arity(m, args, 1..=1, span)?;
                let k = self.expr_as(&args[0], &kt)?;
                self.mark_changed(recv)?;
                Lowered::new(
                    format!(
                        "{{ let __k = {k}; kayton::rt::dict_pop(&mut {}, &__k)? }}",
                        d.code
                    ),
                    vt,
                )
            }
            // Rust's map methods, by their Rust names (`map.insert(1, "one")` of a
            // `FxHashMap`, as its docs write it).
            "insert" => {
                self.arity(m, args, 2..=2, span)?;
                let (k, v) = (self.expr_as(&args[0], &kt)?, self.expr_as(&args[1], &vt)?);
                self.mark_changed(recv)?;
                Lowered::new(
                    format!(
                        "{{ let __k = {k}; let __v = {v}; {}.insert(__k, __v); }}",
                        d.code
                    ),
                    Ty::Unit,
                )
            }
            "remove" => {
                self.arity(m, args, 1..=1, span)?;
                let k = self.expr_as(&args[0], &kt)?;
                self.mark_changed(recv)?;
                Lowered::new(
                    format!("{{ let __k = {k}; {}.remove(&__k) }}", d.code),
                    Ty::Option(Box::new(vt)),
                )
            }
            "contains_key" => {
                self.arity(m, args, 1..=1, span)?;
                let k = self.expr_as(&args[0], &kt)?;
                Lowered::new(format!("{}.contains_key(&{k})", d.code), Ty::Bool)
            }
            "len" | "is_empty" => {
                self.arity(m, args, 0..=0, span)?;
                match m {
                    "len" => Lowered::new(format!("({}.len() as i64)", d.code), Ty::Int),
                    _ => Lowered::new(format!("({}.len() == 0)", d.code), Ty::Bool),
                }
            }
            _ => {
                return Err(
                    Diagnostic::new(span, format!("`{}` has no method `{m}`", d.ty.name()))
                        .label("unknown method")
                        .note("dict methods: get, keys, values, items, pop, update, copy, clear (and Rust's insert, remove, contains_key, len, is_empty)"),
                )
            }
        })
    }

    /// A method that changes the dict it is called on: on a variable, marked changed.
    fn mark_changed(&mut self, recv: &Expr) -> Result<()> {
        if let ExprKind::Name(n) = &recv.kind {
            if let Some(v) = self.lookup(n) {
                v.mutated = true;
            }
            return Ok(());
        }
        Err(Diagnostic::new(
            recv.span,
            "this method changes its receiver: call it on a variable",
        ))
    }

    /// `FxHashMap.default()`, `.new()`, `.with_capacity(n)`, … of an alias of std's map
    /// (`ItemKind::Map`): an empty dict, typed by its first `insert` (or the annotation).
    pub(super) fn new_map(
        &mut self,
        map: &str,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        let capacity = match name {
            "new" | "default" => None,
            "with_capacity" | "with_hasher" | "with_capacity_and_hasher" => args.first(),
            _ => return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` has no associated function `{name}`",
                    map.replace("::", ".")
                ),
            )
            .note(
                "a map alias is a dict: make one with `new()`, `default()` or `with_capacity(n)`",
            )),
        };
        if let (Some(n), "with_capacity" | "with_capacity_and_hasher") = (capacity, name) {
            self.expr_as(n, &Ty::Int)?;
        }
        Ok(Lowered::new("kayton::rt::Dict::new()", Ty::EmptyDict))
    }

    /// `k in d`: a key of the dict.
    pub(super) fn dict_contains(&mut self, k: Lowered, d: &Lowered, span: Span) -> Result<String> {
        let Ty::Dict(kt, _) = &d.ty else {
            unreachable!("called for dicts")
        };
        let found = k.ty.clone();
        let kc = coerce(k, kt).ok_or_else(|| type_error(span, kt, &found))?;
        Ok(format!("{}.contains_key(&{kc})", d.code))
    }
}

/// `kayton::rt::Dict::<K, V>` (a type path in expression position).
impl Lowerer<'_> {
    /// `dict()`, `dict(pairs)` (`dict(zip(keys, values))`, a list of two-item tuples)
    /// and `dict(d)` (a copy), as in Python.
    pub(super) fn dict_builtin(&mut self, args: &[Expr], span: Span) -> Result<Lowered> {
        self.arity("dict", args, 0..=1, span)?;
        let Some(a) = args.first() else {
            return Ok(Lowered::new("kayton::rt::Dict::new()", Ty::EmptyDict));
        };
        let l = self.expr(a)?;
        match &l.ty {
            Ty::Dict(..) => Ok(l),
            Ty::EmptyList => Ok(Lowered::new("kayton::rt::Dict::new()", Ty::EmptyDict)),
            Ty::List(t) => match &**t {
                Ty::Tuple(kv) if kv.len() == 2 => {
                    if !kv[0].hashable() {
                        return Err(not_a_key(a.span, &kv[0]));
                    }
                    let ty = Ty::Dict(Box::new(kv[0].clone()), Box::new(kv[1].clone()));
                    Ok(Lowered::new(
                        format!(
                            "{}::from_iter({}.into_iter().map(|k_p| (k_p.0, k_p.1)))",
                            turbofish(&ty),
                            l.code
                        ),
                        ty,
                    ))
                }
                _ => Err(not_pairs(a.span, &l.ty)),
            },
            other => Err(not_pairs(a.span, other)),
        }
    }
}

fn not_pairs(span: Span, t: &Ty) -> Diagnostic {
    Diagnostic::new(
        span,
        format!(
            "`dict` takes pairs (a list of two-item tuples, as `zip` makes) or a dict, found `{}`",
            t.name()
        ),
    )
}

fn turbofish(t: &Ty) -> String {
    match t {
        Ty::Dict(k, v) => format!("kayton::rt::Dict::<{}, {}>", k.rust(), v.rust()),
        _ => unreachable!("a dict type"),
    }
}

fn no_item_assignment(at: Span, t: &Ty) -> Diagnostic {
    Diagnostic::new(
        at,
        format!("a `{}` does not support item assignment", t.name()),
    )
}

fn not_a_variable(at: Span) -> Diagnostic {
    Diagnostic::new(at, "only an item of a variable can be assigned to").label("not a variable")
}

/// The variable an item expression starts from (`d` of `d[k][0]`).
fn root_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.clone()),
        ExprKind::Index(x, _) => root_name(x),
        _ => None,
    }
}
