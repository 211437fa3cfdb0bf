//! `from rand.prelude rimport *`: the items of a module of a rimported crate, as Python's
//! `from m import *` (Rust's `use rand::prelude::*`).
use super::Lowerer;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::ItemKind;

impl Lowerer<'_> {
    /// `from rand.prelude rimport *`: every item whose path is the module's and one name
    /// more (a generic type by its name, not per instance); a name the cell already
    /// uses is not replaced.
    pub(super) fn import_all(&mut self, path: &[String], base: &str, span: Span) -> Result<()> {
        if !matches!(self.state.item_kind(base), Some(ItemKind::Module)) {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` is not a module of crate `{}`",
                    path.join("."),
                    path[0]
                ),
            )
            .label("`*` imports a module's items"));
        }
        let m = &self.state.manifests[&path[0]];
        let prefix = format!("{base}::");
        let paths = m
            .types
            .iter()
            .map(|t| t.path.as_str())
            .chain(m.functions.iter().map(|f| f.name.as_str()))
            .chain(m.traits.iter().map(|t| t.path.as_str()))
            .chain(m.consts.iter().map(|c| c.name.as_str()))
            .chain(m.aliases.iter().map(|a| a.path.as_str()));
        let mut names: Vec<String> = paths
            .filter_map(|p| p.strip_prefix(&prefix))
            .map(|rest| rest.split('<').next().unwrap_or(rest).to_string())
            .filter(|n| !n.contains("::") && !n.is_empty())
            .collect();
        // `use rust_xlsxwriter::*`: at a crate's root, also the items rustdoc shows only
        // in their modules (re-exported by `#[doc(hidden)]` globs), each name found once.
        let by_name = self.state.items_by_name(&path[0]);
        let unique = |n: &str| match by_name.get(n).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            _ => None,
        };
        if base == path[0] {
            let everywhere = m
                .types
                .iter()
                .map(|t| t.path.split('<').next().unwrap_or(&t.path))
                .chain(m.functions.iter().map(|f| f.name.as_str()))
                .filter_map(|p| p.rsplit("::").next());
            names.extend(
                everywhere
                    .filter(|n| unique(n).is_some())
                    .map(str::to_string),
            );
        }
        names.sort();
        names.dedup();
        for n in names {
            if self.is_var(&n) || self.state.imports.contains_key(&n) {
                continue;
            }
            let mut full = self.state.resolve_alias(&format!("{base}::{n}"));
            if self.state.item_kind(&full).is_none() {
                match unique(&n) {
                    Some(p) => full = p,
                    None => continue,
                }
            }
            self.state.imports.insert(n, full);
        }
        Ok(())
    }
}
