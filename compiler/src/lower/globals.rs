//! Session globals read and written by functions (LANGUAGE.md v1.1, ARCHITECTURE.md
//! "Globals in functions").
//!
//! A function instantiation takes each global it uses as a hidden `&mut` parameter
//! after `ctx` (`g_rate: &mut i64`), and the calling cell passes its own local for that
//! global (loaded at cell start like any global it reads). So a function sees the value
//! the global has at the call; a `global x` write changes the cell's local, which the
//! cell stores only when it succeeds (the transactional rule holds without a journal);
//! and the instantiation is checked against the globals' types at the call: rebinding
//! a global to another type makes the next call instantiate the function again.
//!
//! As in Python, a name assigned anywhere in a function (without `global`) is local
//! to it throughout.
use super::{Lowerer, Var};
use crate::ast::{Stmt, StmtKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::GlobalUse;
use crate::types::Ty;
use std::collections::{BTreeMap, BTreeSet};

/// What a function body binds: the names it assigns (its locals) and those it declares
/// `global`.
#[derive(Debug, Default, Clone)]
pub struct Bindings {
    pub assigned: BTreeSet<String>,
    pub declared: Vec<(String, Span)>,
}

impl Bindings {
    pub fn of(body: &[Stmt]) -> Bindings {
        let mut b = Bindings::default();
        b.scan(body);
        b
    }

    fn scan(&mut self, body: &[Stmt]) {
        for s in body {
            match &s.kind {
                StmtKind::Assign(n, ..) | StmtKind::AugAssign(n, ..) | StmtKind::Let(n, ..) => {
                    self.assigned.insert(n.clone());
                }
                StmtKind::Unpack(names, _) => {
                    self.assigned.extend(names.iter().map(|(n, _)| n.clone()));
                }
                StmtKind::Global(names) => self.declared.extend(names.iter().cloned()),
                StmtKind::If(arms, other) => {
                    for (_, b) in arms {
                        self.scan(b);
                    }
                    if let Some(b) = other {
                        self.scan(b);
                    }
                }
                StmtKind::While(_, b) => self.scan(b),
                StmtKind::Try(b, handlers, finally) => {
                    self.scan(b);
                    for h in handlers {
                        if let Some((n, _)) = &h.bind {
                            self.assigned.insert(n.clone());
                        }
                        self.scan(&h.body);
                    }
                    if let Some(f) = finally {
                        self.scan(f);
                    }
                }
                StmtKind::For(n, _, _, b) => {
                    self.assigned.insert(n.clone());
                    self.scan(b);
                }
                _ => {}
            }
        }
    }

    fn is_declared(&self, name: &str) -> bool {
        self.declared.iter().any(|(n, _)| n == name)
    }

    /// Whether `name`, not found among the body's variables, means the session global.
    pub(super) fn reads_global(&self, name: &str) -> bool {
        self.is_declared(name) || !self.assigned.contains(name)
    }
}

/// What a function body knows of the session's globals.
#[derive(Debug, Default)]
pub struct FnGlobals {
    /// The globals visible at the call (the session's, with the calling cell's
    /// top-level bindings over them), by name.
    pub view: BTreeMap<String, Ty>,
    pub bindings: Bindings,
    /// The globals this body uses so far, as variables (`(*g_rate)`).
    pub used: BTreeMap<String, Var>,
}

/// The marker a call to an instantiation still being lowered (a recursive call) leaves
/// where its hidden arguments go: they are known once its body is lowered.
pub fn pending_marker(rust_name: &str) -> String {
    format!("/*kayton-globals:{rust_name}*/")
}

impl Lowerer<'_> {
    /// The globals a function called from here sees: in a cell, the session's with
    /// this cell's top-level variables over them; in a function, its own view.
    pub(super) fn global_view(&self) -> BTreeMap<String, Ty> {
        if let Some(g) = &self.globals {
            return g.view.clone();
        }
        let mut view = self.state.globals.clone();
        for (n, v) in &self.scopes[0] {
            if v.consumed.is_none() && !matches!(v.ty, Ty::EmptyList | Ty::EmptyDict | Ty::NoneLit)
            {
                view.insert(n.clone(), v.ty.clone());
            }
        }
        view
    }

    /// In a function: the session global `name` as a variable, when the body reads it
    /// (it is not a local of the body) and the session has it.
    pub(super) fn fn_global(&mut self, name: &str, writing: bool) -> Option<&mut Var> {
        let g = self.globals.as_mut()?;
        let wanted = if writing {
            g.bindings.is_declared(name)
        } else {
            g.bindings.reads_global(name)
        };
        if !wanted && !g.used.contains_key(name) {
            return None;
        }
        if !g.used.contains_key(name) {
            let ty = g.view.get(name)?.clone();
            // A Rust value is reached through its `&mut`, as a cell reaches a Rust
            // global; a Keyton value is the place `*g`.
            let (rust, borrowed) = match ty {
                Ty::Rust(_) => (format!("g_{name}"), true),
                _ => (format!("(*g_{name})"), false),
            };
            g.used
                .insert(name.to_string(), Var::loaded(ty, rust, borrowed));
        }
        g.used.get_mut(name)
    }

    /// `global x` in a function body: checked against the session's globals.
    pub(super) fn declare_globals(&mut self, names: &[(String, Span)]) -> Result<()> {
        let Some(g) = &self.globals else {
            // At a cell's top level every name is a global already.
            return Ok(());
        };
        for (n, span) in names {
            if !g.view.contains_key(n) {
                return Err(Diagnostic::new(*span, format!("`{n}` is not a session global"))
                    .label("no global of this name")
                    .note(format!("bind it in a cell first (`{n} = …`); `global` names an existing global")));
            }
        }
        Ok(())
    }

    /// The hidden parameters of the function being lowered, and what it uses.
    pub(super) fn hidden_params(&self) -> (String, Vec<GlobalUse>) {
        let Some(g) = &self.globals else {
            return (String::new(), Vec::new());
        };
        let mut params = String::new();
        let mut uses = Vec::new();
        for (n, v) in &g.used {
            params.push_str(&format!("g_{n}: &mut {}, ", v.ty.rust()));
            uses.push(GlobalUse {
                name: n.clone(),
                ty: v.ty.clone(),
                written: v.mutated,
            });
        }
        (params, uses)
    }

    /// The hidden arguments for a call of a function that uses `uses`: this cell's (or
    /// function's) own variable for each global, marked changed where the callee writes.
    pub(super) fn hidden_args(&mut self, uses: &[GlobalUse], span: Span) -> Result<String> {
        let mut out = String::new();
        for u in uses {
            let in_fn = self.globals.is_some();
            let v = if in_fn {
                self.fn_global_forced(&u.name)
            } else {
                self.cell_global(&u.name)
            };
            let Some(v) = v else {
                return Err(Diagnostic::new(
                    span,
                    format!("global `{}` is not bound here", u.name),
                ));
            };
            if u.written {
                v.mutated = true;
            }
            let deref = if v.borrowed { "*" } else { "" };
            out.push_str(&format!("&mut {deref}{}, ", v.rust));
        }
        Ok(out)
    }

    /// In a function, a global a callee uses, even where a local has its name.
    fn fn_global_forced(&mut self, name: &str) -> Option<&mut Var> {
        let g = self.globals.as_mut()?;
        if !g.used.contains_key(name) {
            g.bindings
                .declared
                .push((name.to_string(), Span::default()));
        }
        self.fn_global(name, false)
    }

    /// In a cell, the top-level variable of global `name` (loaded if not yet).
    fn cell_global(&mut self, name: &str) -> Option<&mut Var> {
        if self.scopes[0].contains_key(name) {
            return self.scopes[0].get_mut(name);
        }
        self.load_global(name)
    }
}
