//! A Keyton `fn` passed to a crate where it takes a closure (`Box<dyn FnMut(&i64) ->
//! bool>`): `positions(is_even)`. The function is instantiated for the closure's
//! argument types and wrapped in a closure that converts each argument to its Keyton
//! value and the result back; a Keyton error inside it unwinds through the crate to the
//! cell (`rt::unraise`), which raises it unchanged.
use super::expr::{coerce, Lowered};
use super::{type_error, Lowerer};
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::rty::RTy;
use crate::state::InstKey;

impl Lowerer<'_> {
    /// The name of the cell-defined function `a` names, if it is one (not a variable).
    pub(super) fn fn_name(&mut self, a: &Expr) -> Option<String> {
        let ExprKind::Name(n) = &a.kind else {
            return None;
        };
        let shadowed = self.lookup_raw(n).is_some() || self.state.globals.contains_key(n);
        (!shadowed && self.state.functions.contains_key(n)).then(|| n.clone())
    }

    /// Rust code for the closure that calls the Keyton function `a` names.
    pub(super) fn callback(&mut self, a: &Expr, r: &RTy, fname: &str) -> Result<String> {
        let RTy::Func {
            args,
            ret,
            rust_args,
            rust_ret,
        } = r
        else {
            unreachable!("callback() is asked for closures only")
        };
        let Some(name) = self.fn_name(a) else {
            return Err(Diagnostic::new(
                a.span,
                format!(
                    "`{fname}` takes a function here: pass the name of a `fn` defined in a cell"
                ),
            )
            .label("not a function name"));
        };
        let entry = self.state.functions[&name].clone();
        let def = entry.def.clone();
        if def.params.len() != args.len() {
            return Err(Diagnostic::new(
                a.span,
                format!(
                    "`{fname}` calls `{name}` with {} argument(s), but `{name}` takes {}",
                    args.len(),
                    def.params.len()
                ),
            ));
        }
        self.fn_deps.push((name.clone(), entry.version));
        let mut tys = Vec::new();
        let mut lets = String::new();
        let mut params = Vec::new();
        let mut pass = Vec::new();
        for (i, ((r, text), p)) in args.iter().zip(rust_args).zip(&def.params).enumerate() {
            let given = r.keyton();
            if let Some(t) = &p.ty {
                let want = self.resolve_ty(t)?;
                if want != given {
                    return Err(type_error(a.span, &want, &given).label(format!(
                        "`{fname}` passes `{}` as argument {} of `{name}`, which takes `{}`",
                        given.name(),
                        i + 1,
                        want.name()
                    )));
                }
            }
            let conv = self.rust_to_keyton(r, &format!("k_a{i}"), a.span)?;
            lets.push_str(&format!("let k_v{i} = {conv}; "));
            params.push(format!("k_a{i}: {text}"));
            pass.push(format!(", k_v{i}"));
            tys.push(given);
        }
        let key = InstKey {
            name: name.clone(),
            version: entry.version,
            params: tys,
        };
        let (rust_name, got) = self.instantiate(&key, a.span)?;
        // Its globals are `&mut` parameters, which a closure a Rust function keeps and
        // calls cannot lend.
        let globals: Vec<String> = self
            .state
            .insts
            .get(&key)
            .map(|i| i.globals.iter().map(|g| format!("`{}`", g.name)).collect())
            .unwrap_or_default();
        if !globals.is_empty() {
            return Err(Diagnostic::new(
                a.span,
                format!(
                    "`{name}` uses the session global(s) {}: a function passed to `{fname}` cannot use globals yet",
                    globals.join(", ")
                ),
            )
            .label("uses session globals")
            .note(format!("pass what `{name}` needs as arguments, or copy it into a local of the cell's function first")));
        }
        self.calls.push(rust_name.clone());
        let result = format!("{rust_name}(ctx{})?", pass.concat());
        let out = match &**ret {
            RTy::Unit => format!("{result}; Ok(())"),
            want => {
                let k = want.keyton();
                let code = coerce(Lowered::new(result, got.clone()), &k).ok_or_else(|| {
                    type_error(a.span, &k, &got).label(format!(
                        "`{fname}` wants `{}` back from `{name}`, which returns `{}`",
                        k.name(),
                        got.name()
                    ))
                })?;
                let back = want.from_keyton(&code).ok_or_else(|| {
                    Diagnostic::new(
                        a.span,
                        format!(
                            "`{fname}` wants a `{rust_ret}` back, which Keyton cannot build yet"
                        ),
                    )
                })?;
                format!("Ok({back})")
            }
        };
        Ok(format!(
            "Box::new({{ let k_cx = kayton::rt::Detached::new(ctx); move |{}| -> {rust_ret} {{ let ctx = &k_cx.ctx(); kayton::rt::unraise((|| -> Result<{rust_ret}, KErr> {{ {lets}{out} }})()) }} }})",
            params.join(", ")
        ))
    }
}
