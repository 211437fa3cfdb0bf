//! The compiler's side of a session: compile a cell against what earlier cells left,
//! and commit the new state only once the cell has run successfully (so a failed cell
//! leaves globals, functions and types exactly as they were).
use crate::cell::lower_cell;
use crate::codegen::cell_crate;
use crate::diag::Diagnostic;
use crate::manifest::Manifest;
use crate::parser::parse;
use crate::state::{State, Stats};
use crate::types::Ty;
use std::collections::BTreeMap;

#[derive(Debug)]
pub enum CompileError {
    /// The user's mistake, with a span in the cell.
    Diag(Diagnostic),
    /// A compiler bug: generated code that is not Rust.
    Internal(String),
}

/// A compiled cell waiting to run.
pub struct Compiled {
    pub rust: String,
    pub result: Option<Ty>,
    next: State,
}

#[derive(Default)]
pub struct Compiler {
    pub(crate) state: State,
}

impl Compiler {
    pub fn new() -> Compiler {
        Compiler::default()
    }

    pub fn compile(&self, src: &str) -> Result<Compiled, CompileError> {
        self.compile_keeping_local(src, &[])
    }

    /// `compile`, with the names `local` bound by the cell kept only in it (not stored as
    /// session globals): a value that borrows another global cannot outlive the cell.
    pub fn compile_keeping_local(
        &self,
        src: &str,
        local: &[String],
    ) -> Result<Compiled, CompileError> {
        let stmts = parse(src).map_err(CompileError::Diag)?;
        let mut next = self.state.clone();
        next.cell_only = local.to_vec();
        let cell = lower_cell(&mut next, src, &stmts).map_err(CompileError::Diag)?;
        let rust = cell_crate(&cell, "kayton::fingerprint()").map_err(CompileError::Internal)?;
        Ok(Compiled {
            rust,
            result: cell.result,
            next,
        })
    }

    /// The session globals a compiled cell binds to values of a type that borrows
    /// (`roxmltree::Node<'a, 'input>`): those a borrow error may be about.
    pub fn borrowing_names(c: &Compiled) -> Vec<String> {
        c.next
            .globals
            .iter()
            .filter(|(_, t)| match t {
                crate::types::Ty::Rust(p) => c.next.type_def(p).is_some_and(|d| d.borrowed),
                _ => false,
            })
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The names the cell's top-level statements at (1-based) `line` bind.
    pub fn names_bound_at(src: &str, line: usize) -> Vec<String> {
        use crate::ast::StmtKind;
        let Ok(stmts) = parse(src) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for s in &stmts {
            if crate::span::line_of(src, s.span.start) as usize != line {
                continue;
            }
            match &s.kind {
                StmtKind::Assign(n, ..) | StmtKind::Let(n, ..) => out.push(n.clone()),
                StmtKind::Unpack(names, _) => out.extend(names.iter().map(|(n, _)| n.clone())),
                _ => {}
            }
        }
        out
    }

    /// The cell ran: its globals, functions and instantiations are now the session's.
    pub fn commit(&mut self, c: Compiled) {
        self.state = c.next;
    }

    /// Keep the cache counts of a cell that failed (its instantiations are still valid).
    pub fn keep_stats(&mut self, c: &Compiled) {
        self.state.stats = c.next.stats;
    }

    /// The executor died and the globals with it; definitions and imports stay.
    pub fn forget_globals(&mut self) {
        self.state.globals.clear();
    }

    pub fn globals(&self) -> &BTreeMap<String, Ty> {
        &self.state.globals
    }

    pub fn functions(&self) -> Vec<String> {
        let mut v: Vec<String> = self.state.functions.keys().cloned().collect();
        v.sort();
        v
    }

    pub fn stats(&self) -> Stats {
        self.state.stats
    }

    /// Make a plugin's items known to later cells (the host has loaded the plugin).
    pub fn add_manifest(&mut self, m: Manifest) {
        self.state
            .manifests
            .insert(m.krate.clone(), std::rc::Rc::new(m));
    }

    /// Names brought in by `rimport`, to their Rust paths.
    pub fn imports(&self) -> &BTreeMap<String, String> {
        &self.state.imports
    }

    /// A function's Keyton signature, e.g. `fn twice(x)` or `fn fact(n: i64) -> i64`.
    pub fn function_signature(&self, name: &str) -> Option<String> {
        let def = &self.state.functions.get(name)?.def;
        let ty = |t: &crate::ast::TypeExpr| t.path.join(".");
        let params: Vec<String> = def
            .params
            .iter()
            .map(|p| match &p.ty {
                Some(t) => format!("{}: {}", p.name, ty(t)),
                None => p.name.clone(),
            })
            .collect();
        let ret = def
            .ret
            .as_ref()
            .map(|t| format!(" -> {}", ty(t)))
            .unwrap_or_default();
        Some(format!("fn {name}({}){ret}", params.join(", ")))
    }

    /// What the manifest says of an imported item: its path and doc text.
    pub fn describe_item(&self, path: &str) -> Option<String> {
        let m = self.state.manifests.get(path.split("::").next()?)?;
        let keyton = path.replace("::", ".");
        if let Some(f) = m.function(path) {
            let ps: Vec<String> = f
                .params
                .iter()
                .map(|p| format!("{}: {}", p.name, p.ty))
                .collect();
            return Some(
                format!("{keyton}({}) -> {}\n\n{}", ps.join(", "), f.ret, f.doc)
                    .trim_end()
                    .to_string(),
            );
        }
        if let Some(t) = m.type_def(path) {
            let ms: Vec<&str> = t.methods.iter().map(|f| f.name.as_str()).collect();
            return Some(
                format!(
                    "{keyton} (Rust type {path})\nmethods: {}\n\n{}",
                    ms.join(", "),
                    t.doc
                )
                .trim_end()
                .to_string(),
            );
        }
        m.trait_def(path).map(|t| {
            format!(
                "{keyton} (trait), methods: {}",
                t.methods
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// Methods and fields a value of type `ty` offers (for completion).
    pub fn members(&self, ty: &Ty) -> Vec<String> {
        let names: Vec<String> = match ty {
            Ty::List(_) => ["append", "pop", "reverse", "sort", "contains", "count"]
                .map(String::from)
                .to_vec(),
            Ty::Dict(..) => ["get", "keys", "values", "items", "pop"]
                .map(String::from)
                .to_vec(),
            Ty::Str => {
                let mut v: Vec<String> = [
                    "upper",
                    "lower",
                    "strip",
                    "startswith",
                    "endswith",
                    "contains",
                    "replace",
                    "split",
                    "join",
                ]
                .map(String::from)
                .to_vec();
                for t in self.state.imported_traits() {
                    v.extend(t.methods.iter().map(|f| f.name.clone()));
                }
                v
            }
            Ty::Rust(p) => match self.state.type_def(p) {
                Some(t) => t
                    .fields
                    .iter()
                    .map(|f| f.name.clone())
                    .chain(
                        t.methods
                            .iter()
                            .filter(|f| f.receiver.is_some())
                            .map(|f| f.name.clone()),
                    )
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut names = names;
        names.sort();
        names.dedup();
        names
    }

    pub fn has_crate(&self, krate: &str) -> bool {
        self.state.manifests.contains_key(krate)
    }

    /// The manifest cells are typed from for `krate` (the one its plugin embeds).
    pub fn manifest(&self, krate: &str) -> Option<&Manifest> {
        self.state.manifests.get(krate).map(|m| &**m)
    }
}

/// Crates a cell rimports (so the session can load their plugins before compiling it).
/// A cell that does not parse names none; compiling it reports the syntax error.
pub fn rimported_crates(src: &str) -> Vec<String> {
    fn walk(stmts: &[crate::ast::Stmt], out: &mut Vec<String>) {
        use crate::ast::StmtKind::*;
        for s in stmts {
            match &s.kind {
                Rimport(p, _) | FromRimport(p, _) => out.push(p[0].clone()),
                If(arms, other) => {
                    arms.iter().for_each(|(_, b)| walk(b, out));
                    if let Some(b) = other {
                        walk(b, out);
                    }
                }
                While(_, b) | For(_, _, _, b) => walk(b, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if let Ok(stmts) = parse(src) {
        walk(&stmts, &mut out);
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completion after `d.` offers what a dict (or a list) has.
    #[test]
    fn members_of_dicts_and_lists() {
        let mut c = Compiler::new();
        let compiled = c.compile("d = {\"a\": 1}\nxs = [1]").unwrap();
        c.commit(compiled);
        let d = c.members(&c.globals()["d"]);
        assert!(
            d.contains(&"items".to_string()) && d.contains(&"get".to_string()),
            "{d:?}"
        );
        let xs = c.members(&c.globals()["xs"]);
        assert!(xs.contains(&"count".to_string()), "{xs:?}");
    }
}
