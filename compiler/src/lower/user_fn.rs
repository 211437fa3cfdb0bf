//! User functions (`def`): instantiated per tuple of argument types, as templates are,
//! and cached across cells.
use super::expr::{coerce, Lowered};
use super::{type_error, FnCx, Lowerer};
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::{Inst, InstKey};
use crate::types::Ty;

impl Lowerer<'_> {
    /// `f(args)`: pick (or make) the instantiation of `f` for the argument types.
    pub(super) fn call_user(&mut self, name: &str, args: &[Expr], span: Span) -> Result<Lowered> {
        let entry = self.state.functions[name].clone();
        let def = entry.def.clone();
        self.fn_deps.push((name.to_string(), entry.version));
        let names: Vec<String> = def.params.iter().map(|p| p.name.clone()).collect();
        let defaults: Vec<Option<Expr>> = def.params.iter().map(|p| p.default.clone()).collect();
        let args = &self.with_defaults(name, &names, &defaults, args)?[..];
        if args.len() != def.params.len() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{name}` takes {} argument(s), {} given",
                    def.params.len(),
                    args.len()
                ),
            ));
        }
        let mut codes = Vec::new();
        let mut tys = Vec::new();
        for (i, (a, p)) in args.iter().zip(&def.params).enumerate() {
            let l = self.expr(a)?;
            match &p.ty {
                Some(t) => {
                    let want = self.resolve_ty(t)?;
                    let found = l.ty.clone();
                    let code = coerce(l, &want).ok_or_else(|| {
                        type_error(a.span, &want, &found).label(format!(
                            "argument {} of `{name}` expects `{}`, found `{}`",
                            i + 1,
                            want.name(),
                            found.name()
                        ))
                    })?;
                    codes.push(code);
                    tys.push(want);
                }
                None => {
                    if matches!(l.ty, Ty::NoneLit | Ty::EmptyList) {
                        return Err(Diagnostic::new(a.span, format!(
                            "cannot tell the type of {} for parameter `{}`: bind it with `let x: T = …` first",
                            l.ty.name(),
                            p.name
                        )));
                    }
                    codes.push(l.code);
                    tys.push(l.ty);
                }
            }
        }
        let key = InstKey {
            name: name.to_string(),
            version: entry.version,
            params: tys.clone(),
        };
        let (rust_name, ret) = self.instantiate(&key, span)?;
        self.calls.push(rust_name.clone());
        // The callee's globals go first, as `&mut`s to this code's own variables; the
        // arguments are evaluated before, so that they may read those globals too.
        let recursive = self.in_progress.iter().any(|(k, _, _)| *k == key);
        let hidden = match recursive {
            true => super::globals::pending_marker(&rust_name),
            false => {
                let uses = self.state.insts[&key].globals.clone();
                self.hidden_args(&uses, span)?
            }
        };
        if hidden.is_empty() {
            let mut code = format!("{rust_name}(ctx");
            for c in codes {
                code.push_str(", ");
                code.push_str(&c);
            }
            code.push_str(")?");
            return Ok(Lowered::new(code, ret));
        }
        let mut code = String::from("{ ");
        let mut names = Vec::new();
        for (i, c) in codes.iter().enumerate() {
            code.push_str(&format!("let __a{i} = {c}; "));
            names.push(format!("__a{i}"));
        }
        code.push_str(&format!(
            "{rust_name}(ctx, {hidden}{})? }}",
            names.join(", ")
        ));
        Ok(Lowered::new(code, ret))
    }

    /// The instantiation for `key`: from the cache when still valid, else lowered now.
    pub fn instantiate(&mut self, key: &InstKey, call_span: Span) -> Result<(String, Ty)> {
        if let Some((_, declared, rust)) = self.in_progress.iter().find(|(k, _, _)| k == key) {
            return match declared {
                Some(t) => Ok((rust.clone(), t.clone())),
                None => Err(Diagnostic::new(
                    call_span,
                    format!(
                    "the recursive call to `{}` needs its return type written: `fn {}(…) -> T:`",
                    key.name, key.name
                ),
                )
                .note(RECURSION_NOTE)),
            };
        }
        let view = self.global_view();
        if let Some(inst) = self.state.cached(key, &view) {
            let out = (inst.rust_name.clone(), inst.ret.clone());
            self.state.stats.hits += 1;
            return Ok(out);
        }
        self.state.stats.misses += 1;
        let def = self.state.functions[&key.name].def.clone();
        let sig: Vec<String> = key.params.iter().map(Ty::mangle).collect();
        let mut rust_name = format!("kf_{}_v{}_{}", key.name, key.version, sig.join("_"));
        if self.state.insts.contains_key(key) {
            // Checked again for other global types: a new item, beside the old one.
            rust_name.push_str(&format!("_g{}", self.state.stats.misses));
        }
        let declared = def.ret.as_ref().map(|t| self.resolve_ty(t)).transpose()?;
        let types: Vec<String> = key.params.iter().map(Ty::name).collect();
        let in_call = |d: Diagnostic| {
            if call_span == Span::default() {
                return d;
            }
            Diagnostic::new(
                call_span,
                format!(
                    "`{}({})` does not type-check: {}",
                    key.name,
                    types.join(", "),
                    d.message
                ),
            )
            .label(format!("called with ({})", types.join(", ")))
        };
        // A recursive function without a written return type: its base case gives the
        // type. Each likely type is tried as the recursive calls' result, and kept when
        // the body then returns that very type.
        let first = self.lower_inst(
            key,
            &def,
            &rust_name,
            declared.clone(),
            declared.clone(),
            &view,
        );
        let inst = match first {
            Err(d) if declared.is_none() && d.notes.iter().any(|n| n == RECURSION_NOTE) => {
                let mut guesses: Vec<Ty> = Vec::new();
                let common = [Ty::Int, Ty::Float, Ty::Str, Ty::Bool, Ty::Unit];
                for g in key.params.iter().cloned().chain(common) {
                    if !guesses.contains(&g) {
                        guesses.push(g);
                    }
                }
                let mut fits = Vec::new();
                for g in guesses {
                    let tried =
                        self.lower_inst(key, &def, &rust_name, Some(g.clone()), None, &view);
                    if let Ok(inst) = tried {
                        if inst.ret == g {
                            fits.push(inst);
                        }
                    }
                }
                // Two guesses that each come back as the result: the type only follows
                // the recursion (no base case gives one), as in `f(n) = f(n - 1)`. A
                // `()` fits wherever the recursive call's value is dropped, so it counts
                // only when nothing else fits.
                let (unit, mut valued): (Vec<Inst>, Vec<Inst>) =
                    fits.into_iter().partition(|i| i.ret == Ty::Unit);
                match (valued.len(), unit.len()) {
                    (1, _) => valued.pop().unwrap(),
                    (0, 1) => unit.into_iter().next().unwrap(),
                    _ => return Err(in_call(d)),
                }
            }
            other => other.map_err(in_call)?,
        };
        let ret = inst.ret.clone();
        self.state
            .insts_by_name
            .insert(rust_name.clone(), key.clone());
        self.state.insts.insert(key.clone(), inst);
        Ok((rust_name, ret))
    }

    /// Lower `def`'s body for `key`: recursive calls see `recursive_ret`, the body must
    /// agree with `declared`.
    fn lower_inst(
        &mut self,
        key: &InstKey,
        def: &crate::ast::FnDef,
        rust_name: &str,
        recursive_ret: Option<Ty>,
        declared: Option<Ty>,
        view: &std::collections::BTreeMap<String, Ty>,
    ) -> Result<Inst> {
        let mut in_progress = self.in_progress.clone();
        in_progress.push((key.clone(), recursive_ret, rust_name.to_string()));
        let cx = FnCx {
            name: key.name.clone(),
            declared,
            returns: Vec::new(),
        };
        let bindings = super::globals::Bindings::of(&def.body);
        let mut sub = Lowerer::for_fn(self.state, cx, in_progress, view.clone(), bindings);
        let mut params = Vec::new();
        for (p, t) in def.params.iter().zip(&key.params) {
            let r = sub.declare(&p.name, t.clone());
            params.push(format!("mut {r}: {}", t.rust()));
        }
        let (body, ret) = sub.fn_body(&def.body, def.name_span)?;
        let calls = std::mem::take(&mut sub.calls);
        let fn_deps = std::mem::take(&mut sub.fn_deps);
        let (hidden, globals) = sub.hidden_params();
        // Its own recursive calls pass its globals on, as they are named inside it.
        let forward: String = globals
            .iter()
            .map(|g| match g.ty {
                Ty::Rust(_) => format!("&mut *g_{}, ", g.name),
                _ => format!("&mut (*g_{}), ", g.name),
            })
            .collect();
        let code = format!(
            "fn {rust_name}(ctx: &kayton::Ctx<'_>, {hidden}{}) -> Result<{}, KErr> {{\nkayton::rt::enter(ctx)?;\n{body}}}\n",
            params.join(", "),
            ret.rust()
        )
        .replace(&super::globals::pending_marker(rust_name), &forward);
        Ok(Inst {
            rust_name: rust_name.to_string(),
            ret,
            code,
            calls,
            fn_deps,
            globals,
        })
    }
}

/// Marks the error of a recursive call whose function has no return type yet.
const RECURSION_NOTE: &str = "or give the function a base case whose value has the type";
