//! A whole cell: its statements, the loads and stores of the globals it touches, and
//! its result (the value of a last expression statement).
use crate::ast::{Stmt, StmtKind};
use crate::diag::Result;
use crate::lower::{show_code, snapshot_load, store_global, Lowered, Lowerer};
use crate::span::line_of;
use crate::state::State;
use crate::types::Ty;

/// The lowered pieces of a cell, before they are put into a crate.
pub struct CellCode {
    /// Function instantiations the cell needs (transitively).
    pub items: Vec<String>,
    /// The body of the cell's entry function.
    pub body: String,
    /// Type of the cell's result (`None` when there is none).
    pub result: Option<Ty>,
    /// (plugin crate, crate name) for generated plugins the cell links to.
    pub aliases: Vec<(String, String)>,
}

/// A `Clone` Rust global the cell changes in place (a field assignment, a `&mut self`
/// method) is loaded as a copy and stored back only when the cell succeeds, so a failed
/// cell leaves it as it was. (A global of a non-`Clone` type can only be changed in
/// place.) Returns the stores; rewrites the loads in `lw.prelude`.
fn snapshot_changed_globals(lw: &mut crate::lower::Lowerer) -> String {
    let mut changed: Vec<(String, String, Ty)> = lw
        .top_vars()
        .iter()
        .filter(|(_, v)| v.borrowed && v.mutated && v.consumed.is_none() && !v.binds_global)
        .filter(|(_, v)| match &v.ty {
            Ty::Rust(p) => lw.state.clones(p),
            _ => false,
        })
        .map(|(n, v)| (n.clone(), v.rust.clone(), v.ty.clone()))
        .collect();
    changed.sort();
    let mut stores = String::new();
    for (name, rust, ty) in changed {
        let load = format!("let {rust}: &mut ");
        if let Some(l) = lw.prelude.iter_mut().find(|l| l.starts_with(&load)) {
            let (copy, store) = snapshot_load(lw.state, &name, &rust, &ty);
            *l = copy;
            stores.push_str(&store);
        }
    }
    stores
}

pub fn lower_cell(state: &mut State, src: &str, stmts: &[Stmt]) -> Result<CellCode> {
    let mut lw = Lowerer::for_cell(state, src);
    let (init, last) = match stmts.split_last() {
        Some((last, init)) if matches!(last.kind, StmtKind::Expr(_)) => (init, Some(last)),
        _ => (stmts, None),
    };
    lw.cell_tail = last.into_iter().cloned().collect();
    let mut body = lw.stmts(init)?;
    let mut result = None;
    if let Some(last) = last {
        let StmtKind::Expr(e) = &last.kind else {
            unreachable!()
        };
        body.push_str(&format!(
            "kayton::rt::at({});\n",
            line_of(src, last.span.start)
        ));
        // A cell ending in a global that is not `Clone` (a plugin's `Path`) shows it
        // borrowed: showing must not use it up.
        let borrowed = match &e.kind {
            crate::ast::ExprKind::Name(_) => {
                Some(lw.place(e)?).filter(|p| matches!(&p.ty, Ty::Rust(t) if !lw.state.clones(t)))
            }
            _ => None,
        };
        let (l, value_ty) = match borrowed {
            Some(p) => {
                let t = format!("&{}", p.ty.rust());
                (Lowered::new(format!("&{}", p.code), p.ty), t)
            }
            None => {
                let l = lw.expr_discarded(e)?;
                let t = l.ty.rust();
                (l, t)
            }
        };
        if l.ty == Ty::Unit {
            body.push_str(&format!("{};\n", l.code));
        } else {
            // Show the value now; store globals after, as the cell has succeeded.
            let shown = show_code(&Lowered::new("__value", l.ty.clone()));
            let nothing = match &l.ty {
                Ty::Rust(_) | Ty::Tuple(_) => "false".to_string(),
                Ty::Option(_) => "__value.is_none()".to_string(),
                _ => "__value.is_nothing()".to_string(),
            };
            body.push_str(&format!("let __value: {value_ty} = {};\n", l.code));
            body.push_str(&format!(
                "let __shown = if {nothing} {{ None }} else {{ Some({shown}) }};\n"
            ));
            // A rich result (`html(…)`, a list of dicts) also goes as its MIME bundle.
            if crate::lower::is_rich(lw.state, &l.ty) {
                body.push_str(&format!(
                    "if __shown.is_some() {{ kayton::rt::set_rich_result(ctx, &{}); }}\n",
                    crate::lower::rich_code(lw.state, "__value", &l.ty)
                ));
            }
            result = Some(l.ty);
        }
    }
    for (n, span) in &lw.untyped {
        if let Some(v) = lw.top_vars().get(n) {
            let decl = match v.ty {
                Ty::EmptyList => "list[i64] = []",
                Ty::EmptyDict => "dict[str, i64] = {}",
                _ => continue,
            };
            return Err(crate::diag::Diagnostic::new(
                *span,
                format!("cannot tell the type of `{n}`: nothing is put in it"),
            )
            .note(format!("declare it: `let {n}: {decl}`")));
        }
    }
    // Store what the cell bound at top level, and loaded globals it changed.
    let mut stores: Vec<(String, String)> = lw
        .top_vars()
        .iter()
        .filter(|(n, v)| {
            v.consumed.is_none()
                && !v.borrowed
                && (v.binds_global || (v.loaded && v.mutated))
                && !lw.state.cell_only.contains(n)
        })
        .map(|(n, v)| (n.clone(), store_global(lw.state, n, &v.rust, &v.ty)))
        .collect();
    stores.sort();
    // Globals moved out of the VM by a by-value use are gone once the cell succeeds.
    let consumed: Vec<String> = lw
        .top_vars()
        .iter()
        .filter(|(_, v)| v.consumed.is_some())
        .map(|(n, _)| n.clone())
        .collect();
    let bound: Vec<(String, Ty)> = lw
        .top_vars()
        .iter()
        .filter(|(n, v)| v.binds_global && v.consumed.is_none() && !lw.state.cell_only.contains(n))
        .map(|(n, v)| (n.clone(), v.ty.clone()))
        .collect();
    // Of the names to keep in the cell only, those it binds (an older global stays).
    let local_only: Vec<String> = lw
        .top_vars()
        .iter()
        .filter(|(n, v)| v.binds_global && lw.state.cell_only.contains(n))
        .map(|(n, _)| n.clone())
        .collect();
    for (_, s) in &stores {
        body.push_str(s);
    }
    body.push_str(&snapshot_changed_globals(&mut lw));
    if result.is_some() {
        body.push_str("if let Some(s) = __shown { ctx.set_result(&s); }\n");
    }
    let prelude = lw.prelude.concat();
    let mut roots = lw.calls.clone();
    roots.sort();
    roots.dedup();
    drop(lw);
    for n in consumed {
        state.globals.remove(&n);
    }
    for (n, t) in bound {
        state.were_cell_only.remove(&n);
        state.globals.insert(n, t);
    }
    state.cell_only.clear();
    for n in local_only {
        state.globals.remove(&n);
        state.were_cell_only.insert(n, origin_note());
    }
    let aliases = state
        .manifests
        .values()
        .filter_map(|m| m.plugin_crate.clone().map(|p| (p, m.krate.clone())))
        .collect();
    Ok(CellCode {
        items: state.items_for(&roots),
        body: format!("{prelude}{body}"),
        result,
        aliases,
    })
}

/// Why a name bound only in its cell is not there later.
fn origin_note() -> String {
    "it held a value that borrows another of the session's values, so it lived only in the cell that made it".into()
}
