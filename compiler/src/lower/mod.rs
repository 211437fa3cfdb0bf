//! Lowering: type-checks Keyton statements and emits the Rust that runs them, in one
//! walk. Cell code and function bodies share it; they differ in scope rules (a cell's
//! top level reads and writes session globals; a function sees only its parameters).
/// How a Keyton variable is named in the cell's Rust: never with the `k_` of the
/// lowering's own temporaries (`k_out`, `k_el`, `k_iter`), so that a variable named `out`
/// is not shadowed by the `k_out` of a conversion its value goes through.
pub const VAR_PREFIX: &str = "v_";

mod args;
mod borrowed;
mod builtins;
mod bytes;
mod call;
mod callback;
mod charts;
mod comprehension;
mod consts;
mod data;
mod dict;
mod expr;
mod field;
mod format_spec;
mod globals;
mod if_expr;
mod index;
mod inout;
mod instance;
mod iter;
mod kwargs;
mod lambda;
mod later_use;
mod lazy_iter;
mod ops;
mod path_habits;
mod pin;
mod py_methods;
mod py_types;
mod ranges;
mod rich;
mod rimport;
mod rust;
mod rust_habits;
mod show;
mod slice;
mod star_import;
mod stmt;
mod try_except;
mod tuple;
mod ufcs;
mod unit_value;
mod user_fn;
mod value_traits;
mod wide;

use crate::diag::{Diagnostic, Result};
use crate::span::{line_of, Span};
use crate::state::State;
use crate::types::Ty;
use std::collections::HashMap;

pub use call::BUILTINS;
pub use expr::{show_code, Lowered};
pub use rich::{is_rich, rich_code};

#[derive(Debug, Clone)]
pub struct Var {
    pub ty: Ty,
    pub rust: String,
    /// Loaded from the session at cell start.
    pub loaded: bool,
    /// Assigned or mutated since.
    pub mutated: bool,
    /// Bound at a cell's top level: a global to store at the end.
    pub binds_global: bool,
    /// A Rust-typed global the VM still owns; the local is a `&mut` to it.
    pub borrowed: bool,
    /// Moved out by a by-value use (what consumed it, for the error on reuse).
    pub consumed: Option<String>,
}

impl Var {
    /// A session global as a variable, unchanged so far.
    fn loaded(ty: Ty, rust: String, borrowed: bool) -> Var {
        Var {
            ty,
            rust,
            loaded: true,
            mutated: false,
            binds_global: false,
            borrowed,
            consumed: None,
        }
    }
}

/// Inside a function body: what `return` must agree with.
pub struct FnCx {
    pub name: String,
    pub declared: Option<Ty>,
    pub returns: Vec<(Ty, Span)>,
}

pub struct Lowerer<'a> {
    pub state: &'a mut State,
    scopes: Vec<HashMap<String, Var>>,
    pub fn_cx: Option<FnCx>,
    /// Global loads, run once at cell start.
    pub prelude: Vec<String>,
    /// Instantiations called directly by this code.
    pub calls: Vec<String>,
    /// Functions looked up, with the versions seen.
    pub fn_deps: Vec<(String, u32)>,
    loop_depth: usize,
    /// The cell's source, for `at(line)` calls; `None` in function bodies.
    src: Option<&'a str>,
    /// The type a `let` annotation wants (binds a rimported generic's result type).
    pub expect: Option<Ty>,
    /// Instantiations being lowered right now (for recursion), with their declared returns.
    pub in_progress: Vec<(crate::state::InstKey, Option<Ty>, String)>,
    /// In a function body: the session globals it can see and those it uses.
    pub globals: Option<globals::FnGlobals>,
    /// Names bound to `[]`, typed by a later `append` (or an error where none comes).
    pub untyped: Vec<(String, Span)>,
    /// For names the compiler makes up (`__comp1`).
    fresh_count: usize,
    /// Inside a `try`: what its blocks may not do, and the names declared before it.
    try_cx: try_except::TryCx,
    /// Lowering a value an assignment keeps (see `borrowed`).
    keep_borrows: bool,
    /// Calls whose value is only a receiver or dropped (`borrowed::RefUse`).
    ref_uses: Vec<(Span, borrowed::RefUse)>,
    /// Set when a call's `&mut T` result (of a `T` that is not Clone) was lowered to be
    /// kept in a variable of the cell (`RefUse::Keep`).
    kept_ref: bool,
    /// The call whose Rust iterator is wanted as it is, not as a list, and (once that
    /// call is lowered) its items' type (`lazy_iter`).
    raw_iter: Option<(Span, Option<crate::rty::RTy>)>,
    /// A method call's receiver that `rust_call` lowered and found no Rust method for,
    /// by its span: `call_method` takes it rather than lowering it again (which would
    /// find a variable the first lowering consumed: `f.close().unwrap()`).
    lowered_recv: Option<(Span, Lowered)>,
    /// The method calls chained on the receiver being lowered (its span, the method, its
    /// arguments), outermost first: they pick a generic type's instance that the call
    /// making it does not say (`later_use::by_chained_calls`).
    chained: Vec<(Span, String, Vec<crate::ast::Expr>)>,
    /// While an assignment of a call is lowered: its variable and what follows it
    /// (`later_use`).
    ahead: later_use::Ahead,
    /// The cell's last statement, lowered on its own: later uses see it too.
    pub cell_tail: Vec<crate::ast::Stmt>,
}

impl<'a> Lowerer<'a> {
    pub fn for_cell(state: &'a mut State, src: &'a str) -> Lowerer<'a> {
        Lowerer {
            state,
            scopes: vec![HashMap::new()],
            fn_cx: None,
            prelude: Vec::new(),
            calls: Vec::new(),
            fn_deps: Vec::new(),
            loop_depth: 0,
            src: Some(src),
            expect: None,
            in_progress: Vec::new(),
            globals: None,
            untyped: Vec::new(),
            fresh_count: 0,
            try_cx: Default::default(),
            keep_borrows: false,
            ref_uses: Vec::new(),
            kept_ref: false,
            raw_iter: None,
            lowered_recv: None,
            chained: Vec::new(),
            ahead: None,
            cell_tail: Vec::new(),
        }
    }

    /// A function body, seeing the globals in `view` (of which it binds `bindings`).
    pub fn for_fn(
        state: &'a mut State,
        cx: FnCx,
        in_progress: Vec<(crate::state::InstKey, Option<Ty>, String)>,
        view: std::collections::BTreeMap<String, Ty>,
        bindings: globals::Bindings,
    ) -> Lowerer<'a> {
        Lowerer {
            state,
            scopes: vec![HashMap::new()],
            fn_cx: Some(cx),
            prelude: Vec::new(),
            calls: Vec::new(),
            fn_deps: Vec::new(),
            loop_depth: 0,
            src: None,
            expect: None,
            in_progress,
            globals: Some(globals::FnGlobals {
                view,
                bindings,
                used: Default::default(),
            }),
            untyped: Vec::new(),
            fresh_count: 0,
            try_cx: Default::default(),
            keep_borrows: false,
            ref_uses: Vec::new(),
            kept_ref: false,
            raw_iter: None,
            lowered_recv: None,
            chained: Vec::new(),
            ahead: None,
            cell_tail: Vec::new(),
        }
    }

    pub fn at_cell_top(&self) -> bool {
        self.fn_cx.is_none() && self.scopes.len() == 1
    }

    /// `kayton::rt::at(line);` before a statement of cell code.
    fn line_marker(&self, span: Span) -> String {
        match self.src {
            Some(src) => format!("kayton::rt::at({});\n", line_of(src, span.start)),
            None => String::new(),
        }
    }

    fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }
    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub fn top_vars(&self) -> &HashMap<String, Var> {
        &self.scopes[0]
    }

    /// Declare a new variable in the innermost scope (shadowing).
    pub fn declare(&mut self, name: &str, ty: Ty) -> String {
        let binds_global = self.at_cell_top();
        let v = Var {
            ty,
            rust: format!("{VAR_PREFIX}{name}"),
            loaded: false,
            mutated: true,
            binds_global,
            borrowed: false,
            consumed: None,
        };
        let rust = v.rust.clone();
        self.scopes.last_mut().unwrap().insert(name.to_string(), v);
        rust
    }

    /// Find a variable, loading a session global into the cell's top scope on first use.
    pub fn lookup(&mut self, name: &str) -> Option<&mut Var> {
        let idx = self.scopes.iter().rposition(|s| s.contains_key(name));
        if let Some(i) = idx {
            return self.scopes[i].get_mut(name);
        }
        if self.globals.is_some() {
            return self.fn_global(name, false);
        }
        self.load_global(name)
    }

    /// A session global, loaded into the cell's top scope.
    fn load_global(&mut self, name: &str) -> Option<&mut Var> {
        let ty = self.state.globals.get(name)?.clone();
        let rust = format!("{VAR_PREFIX}{name}");
        self.prelude.push(load_global(self.state, name, &rust, &ty));
        let borrowed = matches!(ty, Ty::Rust(_)) || !clones(self.state, &ty);
        let v = Var::loaded(ty, rust, borrowed);
        self.scopes[0].insert(name.to_string(), v);
        self.scopes[0].get_mut(name)
    }

    pub fn scope_depth(&self) -> usize {
        self.scopes.len()
    }

    /// For an assignment of a `ty` value to `name`: the variable it assigns to, if any,
    /// as (type, Rust name, found in the innermost scope). A session global is loaded
    /// only when the new value can be assigned to it; a rebind to another type shadows.
    pub fn lookup_no_load(&mut self, name: &str, ty: Ty) -> Option<(Ty, String, bool)> {
        let innermost = self.scopes.len() - 1;
        if let Some(i) = self.scopes.iter().rposition(|s| s.contains_key(name)) {
            let v = &self.scopes[i][name];
            return Some((v.ty.clone(), v.rust.clone(), i == innermost));
        }
        if self.globals.is_some() {
            // Only a `global x` makes an assignment write the session's `x`.
            let v = self.fn_global(name, true)?;
            return Some((v.ty.clone(), v.rust.clone(), false));
        }
        let gty = self.state.globals.get(name)?.clone();
        expr::coerce(Lowered::new("", ty), &gty)?;
        let v = self.lookup(name)?;
        Some((v.ty.clone(), v.rust.clone(), innermost == 0))
    }

    /// A variable already in scope (no global load, no consumption check).
    pub fn lookup_raw(&mut self, name: &str) -> Option<&mut Var> {
        match self.scopes.iter().rposition(|s| s.contains_key(name)) {
            Some(i) => self.scopes[i].get_mut(name),
            None => self.globals.as_mut()?.used.get_mut(name),
        }
    }

    /// A written type: a Keyton type, or a type of a rimported crate (`serde_json.Value`).
    pub fn resolve_ty(&self, t: &crate::ast::TypeExpr) -> Result<Ty> {
        Ty::from_expr(t).or_else(|d| {
            let first = self
                .state
                .imports
                .get(&t.path[0])
                .ok_or_else(|| d.clone())?;
            let path = std::iter::once(first.clone())
                .chain(t.path[1..].iter().cloned())
                .collect::<Vec<_>>()
                .join("::");
            let path = self.state.resolve_alias(&path);
            // `FxHashMap[str, int]`: an alias of std's map is a dict.
            if kayton_manifest::symbols::is_std_map(&path) {
                let mut dict = t.clone();
                dict.path = vec!["dict".into()];
                return Ty::from_expr(&dict);
            }
            if t.args.is_empty() {
                return match self.state.type_def(&path) {
                    Some(_) => Ok(Ty::Rust(path)),
                    None => Err(d),
                };
            }
            // An instance of a generic type: `Stack[i64]` is `geometry::Stack<i64>`.
            // A Rust number type is an argument as Rust writes it (`Histogram[u64]`).
            let rust_number = |n: &str| crate::rty::INTS.contains(&n) || n == "f32";
            let args = t
                .args
                .iter()
                .map(|a| match a.path.as_slice() {
                    [n] if a.args.is_empty() && rust_number(n) => Ok(n.clone()),
                    _ => self
                        .resolve_ty(a)
                        .map(|t| t.rust().trim_start_matches("::").to_string()),
                })
                .collect::<Result<Vec<_>>>()?;
            // Through an alias that fixes some parameters (`Point2D<_, UnknownUnit>`),
            // the arguments fill its holes in order.
            let (path, args) = instance::fill_holes(path, args);
            let want = format!("{path}<{}>", args.join(", "));
            let instances = self.state.instances_of(&path);
            if instances.contains(&want) {
                return Ok(Ty::Rust(want));
            }
            // Fewer arguments than parameters: the rest take their defaults
            // (`IndexMap[str, i64]` is `IndexMap<String, i64, RandomState>`), when one
            // instance starts with the arguments given.
            let given: Vec<kayton_manifest::RustType> = args
                .iter()
                .filter_map(|a| kayton_manifest::RustType::parse(a).ok())
                .collect();
            let starting: Vec<&String> = instances
                .iter()
                .filter(|i| {
                    kayton_manifest::RustType::parse(i).is_ok_and(|t| {
                        let have = t.as_path().map(|p| p.type_args()).unwrap_or_default();
                        have.len() > given.len() && have.iter().zip(&given).all(|(h, g)| *h == g)
                    })
                })
                .collect();
            // The one whose other arguments are the type's declared defaults (petgraph's
            // `Graph[str, i64]` is `Graph<String, i64, Directed, DefaultIx>`, not its
            // `Undirected` instance), else the only one.
            let defaulted = starting.iter().find(|i| {
                let Some(d) = self.state.type_def(i).map(|t| &t.defaults) else {
                    return false;
                };
                let have = kayton_manifest::RustType::parse(i)
                    .ok()
                    .and_then(|t| {
                        t.as_path()
                            .map(|p| p.type_args().into_iter().cloned().collect::<Vec<_>>())
                    })
                    .unwrap_or_default();
                let rest = &have[given.len()..];
                rest.len() <= d.len()
                    && rest
                        .iter()
                        .zip(&d[d.len() - rest.len()..])
                        .all(|(h, d)| h == d)
            });
            if let Some(one) = defaulted {
                return Ok(Ty::Rust((*one).clone()));
            }
            if let [one] = starting.as_slice() {
                return Ok(Ty::Rust((*one).clone()));
            }
            if instances.is_empty() {
                return Err(d);
            }
            let short: Vec<String> = instances
                .iter()
                .map(|i| i[path.len()..].to_string())
                .collect();
            Err(Diagnostic::new(
                t.span,
                format!(
                    "`{}` has no instance `{}`",
                    t.path.join("."),
                    &want[path.len()..]
                ),
            )
            .label("not instantiated by the plugin")
            .note(format!(
                "the plugin instantiates it for: {}",
                short.join(", ")
            )))
        })
    }

    pub fn is_var(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.contains_key(name))
            || match &self.globals {
                Some(g) => {
                    g.used.contains_key(name)
                        || (g.view.contains_key(name) && g.bindings.reads_global(name))
                }
                None => self.state.globals.contains_key(name),
            }
    }

    pub fn undefined(&self, name: &str, span: Span) -> Diagnostic {
        let d = Diagnostic::new(span, format!("name `{name}` is not defined")).label("not defined");
        if let Some(why) = self.state.were_cell_only.get(name) {
            return d.note(format!("`{name}` {why}: make it again in this cell"));
        }
        if let Some(g) = &self.globals {
            if g.view.contains_key(name) && g.bindings.assigned.contains(name) {
                return d.note(format!(
                    "`{name}` is assigned in this function, so it is local here (as in Python): write `global {name}` to use the session's"
                ));
            }
        }
        d
    }
}

/// The statement that loads global `name` into local `rust` at cell start. A Rust
/// value stays in the VM: the cell borrows it (`&mut`), so nothing is cloned or lost.
/// Whether a value of `ty` can be copied: not a Rust type without `Clone`, nor a list,
/// dict, tuple or `Option` holding one (`[Path.new()]`).
pub(crate) fn clones(state: &State, ty: &Ty) -> bool {
    match ty {
        Ty::Rust(p) => state.type_def(p).is_none_or(|t| t.has("Clone")),
        Ty::List(t) | Ty::Option(t) => clones(state, t),
        Ty::Dict(k, v) => clones(state, k) && clones(state, v),
        Ty::Tuple(ts) => ts.iter().all(|t| clones(state, t)),
        _ => true,
    }
}

fn load_global(state: &State, name: &str, rust: &str, ty: &Ty) -> String {
    let t = ty.rust();
    let kind = kind_expr(state, ty);
    let missing = format!("ok_or_else(|| KErr::new(\"global `{name}` is not bound\"))?");
    // A Rust value, or a list or dict of values that cannot be copied: reached through
    // its `&mut` in the VM.
    if matches!(ty, Ty::Rust(_)) || !clones(state, ty) {
        format!("let {rust}: &mut {t} = ctx.get_dynamic::<{t}>({name:?}, {kind}).{missing};\n")
    } else if ty.is_vm_builtin() {
        format!("let mut {rust}: {t} = ctx.get({name:?})?;\n")
    } else {
        format!(
            "let mut {rust}: {t} = ctx.get_dynamic::<{t}>({name:?}, {kind}).cloned().{missing};\n"
        )
    }
}

/// For a `Clone` Rust global changed in place: a load of a copy (still reached through
/// the `&mut` named `rust`) and the store of that copy at cell end.
pub fn snapshot_load(state: &State, name: &str, rust: &str, ty: &Ty) -> (String, String) {
    let t = ty.rust();
    let kind = kind_expr(state, ty);
    let own = format!("{rust}_own");
    let load = format!(
        "let mut {own}: {t} = ctx.get_dynamic::<{t}>({name:?}, {kind}).cloned().ok_or_else(|| KErr::new(\"global `{name}` is not bound\"))?;\nlet {rust}: &mut {t} = &mut {own};\n"
    );
    (load, format!("ctx.set_dynamic({name:?}, {kind}, {own});\n"))
}

/// The statement that stores local `rust` into global `name` at cell end.
pub fn store_global(state: &State, name: &str, rust: &str, ty: &Ty) -> String {
    if ty.is_vm_builtin() {
        format!("ctx.set({name:?}, {rust});\n")
    } else {
        format!(
            "ctx.set_dynamic({name:?}, {}, {rust});\n",
            kind_expr(state, ty)
        )
    }
}

/// Registers (or finds) the VM kind for a Keyton value that is not a VM built-in; a
/// Rust type gets display/debug/clone/eq as its manifest says it implements them.
pub fn kind_expr(state: &State, ty: &Ty) -> String {
    format!("kayton::register_kind_for(ctx, &{})", kind_fns(state, ty))
}

/// The `KindFns` of a Keyton type: named as the plugin registered it, when it did (so
/// that a cell and its plugin share one kind).
pub fn kind_fns(state: &State, ty: &Ty) -> String {
    let t = ty.rust();
    let fns = match ty {
        Ty::Rust(p) => {
            let td = state.type_def(p);
            let mut f = String::new();
            for (d, m) in [
                ("Display", ".display()"),
                ("Debug", ".debug()"),
                ("Clone", ".clone_fn()"),
                ("PartialEq", ".eq()"),
            ] {
                if td.is_some_and(|t| t.has(d)) {
                    f.push_str(m);
                }
            }
            f
        }
        // A container shows and clones as its items do (whatlang's `Option<Info>`: Info
        // is Debug, not Clone).
        _ => {
            let mut f = String::new();
            for (d, m) in [("Debug", ".debug()"), ("Clone", ".clone_fn()")] {
                if every_rust_type_has(state, ty, d) {
                    f.push_str(m);
                }
            }
            f
        }
    };
    let name = match ty {
        Ty::Rust(p) => state
            .type_def(p)
            .and_then(|t| t.kind.clone())
            .unwrap_or_else(|| ty.name()),
        // Named by Rust, as a plugin's registry thunks name the tuples they return, so
        // that a tuple global can be passed back to one.
        Ty::Tuple(_) => {
            return format!("kayton::KindFns::<{t}>::new(::core::any::type_name::<{t}>()){fns}")
        }
        _ => ty.name(),
    };
    format!("kayton::KindFns::<{t}>::new({name:?}){fns}")
}

/// Whether every Rust type inside `ty` (an item of a list, an `Option`'s value, a
/// tuple's part) has the trait `d` (Keyton's own values have them all).
fn every_rust_type_has(state: &State, ty: &Ty, d: &str) -> bool {
    match ty {
        Ty::Rust(p) => state.type_def(p).is_some_and(|t| t.has(d)),
        Ty::List(t) | Ty::Option(t) => every_rust_type_has(state, t, d),
        Ty::Dict(k, v) => every_rust_type_has(state, k, d) && every_rust_type_has(state, v, d),
        Ty::Tuple(ts) => ts.iter().all(|t| every_rust_type_has(state, t, d)),
        _ => true,
    }
}

pub fn type_error(span: Span, expected: &Ty, found: &Ty) -> Diagnostic {
    Diagnostic::new(
        span,
        format!("expected `{}`, found `{}`", expected.name(), found.name()),
    )
    .label(format!("this is a `{}`", found.name()))
}

pub type LResult<T> = Result<T>;
