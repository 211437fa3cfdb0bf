//! `for x in it:` over a Rust value that is an iterator (its type has `next(&mut self)
//! -> Option<T>`, as `impl Iterator` gives it): the loop calls `next` until `None`,
//! converting each item to its Keyton value. A session global iterator advances in place
//! (on a copy, if the cell fails and the type is `Clone`).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind, Stmt};
use crate::diag::{Diagnostic, Result};
use crate::rty::{self, RTy};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `xs.method(…)` where `method` belongs to a rimported trait implemented for
    /// `kayton_api::Iter<T>` (of the list's item type); `None` if there is no such trait.
    pub(super) fn iter_trait_call(
        &mut self,
        callee: &Expr,
        recv: &Lowered,
        elem: &Ty,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let ip = format!("kayton_api::Iter<{}>", elem.rust());
        let traits: Vec<String> = self
            .state
            .imported_traits()
            .iter()
            .filter(|t| t.implemented_for.contains(&ip))
            .map(|t| t.path.clone())
            .collect();
        let f = self.state.type_def(&ip).and_then(|t| {
            t.methods
                .iter()
                .find(|f| {
                    f.name == name
                        && f.via_trait.as_ref().is_some_and(|v| {
                            traits.iter().any(|t| t == v.split('<').next().unwrap_or(v))
                        })
                })
                .cloned()
        });
        let Some(f) = f else { return Ok(None) };
        // By value, a copy: the list stays usable (the callee is no variable to consume).
        let it = Lowered::new(
            format!("kayton::Iter::new({}.clone())", recv.code),
            Ty::Rust(ip.clone()),
        );
        self.emit_call(name, &f, Some((callee, it)), args, span, &ip)
            .map(Some)
    }

    /// The item type of the Rust iterator type `p` (its `next(&mut self) -> Option<T>`).
    pub(super) fn rust_iter_item(&self, p: &str) -> Option<RTy> {
        let next = self.state.type_def(p).and_then(|t| {
            t.methods
                .iter()
                .find(|f| f.name == "next" && f.params.is_empty() && f.receiver.is_some())
                .cloned()
        });
        next.as_ref().and_then(|f| match rty::parse(&f.ret, p) {
            Ok(RTy::Option(t)) => Some(*t),
            _ => None,
        })
    }

    /// The arguments of an iterator method taking `arity` (0 or 1) of them: the count
    /// (`take(n)`, `nth(n)`) as a `usize`, narrowed (checked); empty for none.
    pub(super) fn count_arg(
        &mut self,
        name: &str,
        args: &[Expr],
        arity: usize,
        span: Span,
    ) -> Result<String> {
        if args.len() != arity {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{name}` takes {arity} argument{}",
                    if arity == 1 { "" } else { "s" }
                ),
            ));
        }
        Ok(match args.first() {
            Some(a) => {
                let n = self.expr_as(a, &Ty::Int)?;
                format!("kayton::rt::narrow::<usize>({n}, \"usize\")?")
            }
            None => String::new(),
        })
    }

    /// Rust's iterator methods on a Rust value that is an iterator and has no method of
    /// that name (primal's `Primes.all().take(5)`): `take(n)` and `collect()` give a
    /// Keyton list, `skip(n)` the iterator advanced, `nth(n)` and `last()` an `Option`,
    /// `count()` an int. Only `next` is called, so an iterator that has it as an inherent
    /// method works too. A variable is advanced in place (as Python's `next(it)` and
    /// Rust's `it.by_ref()`); `skip` is for the expression that makes the iterator.
    /// `None` for other names or values.
    pub(super) fn rust_iter_method(
        &mut self,
        x: &Expr,
        p: &str,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        const METHODS: &[(&str, usize)] = &[
            ("take", 1),
            ("skip", 1),
            ("nth", 1),
            ("collect", 0),
            ("count", 0),
            ("last", 0),
        ];
        let Some(&(_, arity)) = METHODS.iter().find(|(m, _)| *m == name) else {
            return Ok(None);
        };
        let Some(item) = self.rust_iter_item(p) else {
            return Ok(None);
        };
        let n = self.count_arg(name, args, arity, span)?;
        let open = match &x.kind {
            ExprKind::Name(v) if name == "skip" => {
                return Err(Diagnostic::new(
                    span,
                    format!("`skip` of the variable `{v}`: skip where the iterator is made (`….skip(n)`), or take `nth(n)`"),
                ))
            }
            ExprKind::Name(v) => {
                let l = self.place(x)?;
                let mut deref = "";
                if let Some(var) = self.lookup(v) {
                    var.mutated = true;
                    if var.borrowed {
                        deref = "*";
                    }
                }
                format!("let k_iter = &mut {deref}{};", l.code)
            }
            _ => format!("let mut k_iter = {};", self.expr(x)?.code),
        };
        let clone_ok = |q: &str| self.state.clones(q);
        let conv = item
            .to_keyton("k_raw", &clone_ok)
            .map_err(|e| Diagnostic::new(x.span, format!("its items: {e}")))?;
        let elem = item.keyton();
        let list = Ty::List(Box::new(elem.clone()));
        let one = Ty::Option(Box::new(elem));
        let (code, ty) = match name {
            "take" => (
                format!("{{ {open} let k_n = {n}; let mut k_out = Vec::new(); while k_out.len() < k_n {{ match k_iter.next() {{ Some(k_raw) => k_out.push({conv}), None => break }} }} k_out }}"),
                list,
            ),
            "collect" => (
                format!("{{ {open} let mut k_out = Vec::new(); while let Some(k_raw) = k_iter.next() {{ k_out.push({conv}); }} k_out }}"),
                list,
            ),
            "skip" => (
                format!("{{ {open} for _ in 0..{n} {{ if k_iter.next().is_none() {{ break; }} }} k_iter }}"),
                Ty::Rust(p.to_string()),
            ),
            "nth" => (
                format!("{{ {open} let mut k_found = None; for _ in 0..{n} {{ if k_iter.next().is_none() {{ break; }} }} if let Some(k_raw) = k_iter.next() {{ k_found = Some({conv}); }} k_found }}"),
                one,
            ),
            "last" => (
                format!("{{ {open} let mut k_found = None; while let Some(k_raw) = k_iter.next() {{ k_found = Some(k_raw); }} match k_found {{ Some(k_raw) => Some({conv}), None => None }} }}"),
                one,
            ),
            _ => (
                format!("{{ {open} let mut k_n: i64 = 0; while k_iter.next().is_some() {{ k_n += 1; }} k_n }}"),
                Ty::Int,
            ),
        };
        Ok(Some(Lowered::new(code, ty)))
    }

    /// Whether the Rust type `p` is an `IntoIterator` (it has `into_iter(self)`).
    pub(super) fn is_into_iter(&self, p: &str) -> bool {
        self.state.type_def(p).is_some_and(|t| {
            t.methods
                .iter()
                .any(|f| f.name == "into_iter" && f.params.is_empty() && f.receiver.is_some())
        })
    }

    pub(super) fn rust_for_loop(
        &mut self,
        n: &str,
        it: &Expr,
        l: Lowered,
        p: &str,
        body: &[Stmt],
    ) -> Result<String> {
        let item = self.rust_iter_item(p);
        // `for entry in WalkDir.new(".")`: an `IntoIterator`, looped over through the
        // iterator its `into_iter` gives.
        if item.is_none() && self.is_into_iter(p) {
            let call = Expr {
                span: it.span,
                kind: ExprKind::Call(
                    Box::new(Expr {
                        span: it.span,
                        kind: ExprKind::Attr(Box::new(it.clone()), "into_iter".into()),
                    }),
                    Vec::new(),
                ),
            };
            return self.for_loop(n, &call, body);
        }
        let Some(item) = item else {
            return Err(Diagnostic::new(it.span, format!("cannot loop over a `{p}`"))
                .label("not an iterator")
                .note("a Rust value is looped over when its type is an Iterator (it has `next(&mut self) -> Option<T>`)"));
        };
        // A session global is a `&mut` to the VM's value (or to the cell's copy).
        let mut deref = "";
        if let ExprKind::Name(v) = &it.kind {
            if let Some(var) = self.lookup(v) {
                var.mutated = true;
                if var.borrowed {
                    deref = "*";
                }
            }
        }
        let clone_ok = |q: &str| self.state.clones(q);
        let conv = item
            .to_keyton("k_raw", &clone_ok)
            .map_err(|e| Diagnostic::new(it.span, format!("its items: {e}")))?;
        let elem = item.keyton();
        self.push_scope();
        self.loop_depth += 1;
        let r = self.declare(n, elem.clone());
        let b = self.stmts(body);
        self.loop_depth -= 1;
        self.pop_scope();
        Ok(format!(
            "{{ let k_iter = &mut {deref}{}; while let Some(k_raw) = k_iter.next() {{\nlet mut {r}: {} = {conv};\n{}}} }}\n",
            l.code,
            elem.rust(),
            b?
        ))
    }
}
