//! A whole cell: its statements, the loads and stores of the globals it touches, and
//! its result (the value of a last expression statement).
use crate::ast::{Stmt, StmtKind};
use crate::diag::Result;
use crate::lower::{store_global, Lowerer};
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
}

pub fn lower_cell(state: &mut State, src: &str, stmts: &[Stmt]) -> Result<CellCode> {
    let mut lw = Lowerer::for_cell(state, src);
    let (init, last) = match stmts.split_last() {
        Some((last, init)) if matches!(last.kind, StmtKind::Expr(_)) => (init, Some(last)),
        _ => (stmts, None),
    };
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
        let l = lw.expr(e)?;
        if l.ty == Ty::Unit {
            body.push_str(&format!("{};\n", l.code));
        } else {
            // Show the value now; store globals after, as the cell has succeeded.
            body.push_str(&format!(
                "let __value: {} = {};\n",
                l.ty.rust(),
                coerce_code(&l)
            ));
            body.push_str(
                "let __shown = if __value.is_nothing() { None } else { Some(__value.kshow()) };\n",
            );
            result = Some(l.ty);
        }
    }
    // Store what the cell bound at top level, and loaded globals it changed.
    let mut stores: Vec<(String, String)> = lw
        .top_vars()
        .iter()
        .filter(|(_, v)| v.binds_global || (v.loaded && v.mutated))
        .map(|(n, v)| (n.clone(), store_global(n, &v.rust, &v.ty)))
        .collect();
    stores.sort();
    let bound: Vec<(String, Ty)> = lw
        .top_vars()
        .iter()
        .filter(|(_, v)| v.binds_global)
        .map(|(n, v)| (n.clone(), v.ty.clone()))
        .collect();
    for (_, s) in &stores {
        body.push_str(s);
    }
    if result.is_some() {
        body.push_str("if let Some(s) = __shown { ctx.set_result(&s); }\n");
    }
    let prelude = lw.prelude.concat();
    let mut roots = lw.calls.clone();
    roots.sort();
    roots.dedup();
    drop(lw);
    for (n, t) in bound {
        state.globals.insert(n, t);
    }
    Ok(CellCode {
        items: state.items_for(&roots),
        body: format!("{prelude}{body}"),
        result,
    })
}

fn coerce_code(l: &crate::lower::Lowered) -> String {
    l.code.clone()
}
