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

    pub(super) fn rust_for_loop(
        &mut self,
        n: &str,
        it: &Expr,
        l: Lowered,
        p: &str,
        body: &[Stmt],
    ) -> Result<String> {
        let next = self.state.type_def(p).and_then(|t| {
            t.methods
                .iter()
                .find(|f| f.name == "next" && f.params.is_empty() && f.receiver.is_some())
                .cloned()
        });
        let item = next.as_ref().and_then(|f| match rty::parse(&f.ret, p) {
            Ok(RTy::Option(t)) => Some(*t),
            _ => None,
        });
        // `for entry in WalkDir.new(".")`: an `IntoIterator`, looped over through the
        // iterator its `into_iter` gives.
        let into_iter = self.state.type_def(p).is_some_and(|t| {
            t.methods
                .iter()
                .any(|f| f.name == "into_iter" && f.params.is_empty() && f.receiver.is_some())
        });
        if item.is_none() && into_iter {
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
        let clone_ok = |q: &str| self.state.type_def(q).is_some_and(|t| t.has("Clone"));
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
