//! `rimport` statements and the paths of rimported items: what a name in a cell refers
//! to in a plugin's manifest (`rimport a.b as c`, `from a.b rimport X`, `a.b.X`).
use super::Lowerer;
use crate::ast::{Expr, ExprKind, ImportName};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::ItemKind;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `rimport a.b [as c]`
    pub fn rimport(&mut self, path: &[String], alias: Option<&String>, span: Span) -> Result<()> {
        let rust = self.crate_path(path, span)?;
        if self.state.item_kind(&rust).is_none() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` is not a public path of crate `{}`",
                    path.join("."),
                    path[0]
                ),
            ));
        }
        let local = alias
            .cloned()
            .unwrap_or_else(|| path.last().unwrap().clone());
        let rust = self.state.resolve_alias(&rust);
        self.state.imports.insert(local, rust);
        Ok(())
    }

    /// `from a.b rimport X, Y as Z`
    pub fn from_rimport(
        &mut self,
        path: &[String],
        names: &[ImportName],
        span: Span,
    ) -> Result<()> {
        let base = self.crate_path(path, span)?;
        if let [star] = names {
            if star.name == "*" {
                return self.import_all(path, &base, star.span);
            }
        }
        for n in names {
            let mut full = format!("{base}::{}", n.name);
            // At the crate's root, an item its docs name there that rustdoc shows only
            // in its module (a `#[doc(hidden)]` glob re-export).
            if self.state.item_kind(&full).is_none() && base == path[0] {
                if let Some(p) = self.state.item_by_name(&path[0], &n.name) {
                    full = p;
                }
            }
            if self.state.item_kind(&full).is_none() {
                let d = Diagnostic::new(
                    n.span,
                    format!(
                        "crate `{}` has no public item `{}`",
                        path[0],
                        full.replace("::", ".")
                    ),
                );
                return Err(match self.unbound_reason(&full) {
                    // The crate has it; its plugin does not bind it, and says why.
                    Some(why) => Diagnostic::new(
                        n.span,
                        format!(
                            "`{}` is public in crate `{}`, but its plugin does not bind it",
                            full.replace("::", "."),
                            path[0]
                        ),
                    )
                    .label("not in the plugin's manifest")
                    .note(why),
                    None => d.label("not found in the plugin's manifest"),
                });
            }
            let full = self.state.resolve_alias(&full);
            self.state
                .imports
                .insert(n.alias.clone().unwrap_or_else(|| n.name.clone()), full);
        }
        Ok(())
    }

    fn crate_path(&self, path: &[String], span: Span) -> Result<String> {
        if !self.state.manifests.contains_key(&path[0]) {
            return Err(Diagnostic::new(span, format!("crate `{}` is not available in this session", path[0]))
                .label("no plugin for this crate")
                .note(format!(
                    "a session installs a crate from crates.io on its first rimport, unless KAYTON_NO_AUTO_INSTALL is set \
                     (then run `kik rinstall {}`); a local plugin is found on KAYTON_PLUGIN_PATH (`keyton plugin-build` makes one)",
                    path[0]
                )));
        }
        Ok(path.join("::"))
    }

    /// The Rust path an expression names, if it names an item rather than a value.
    /// Why the plugin of `path`'s crate does not bind that public item, if it says.
    pub fn unbound_reason(&self, path: &str) -> Option<String> {
        let krate = path.split("::").next()?;
        let m = self.state.manifests.get(krate)?;
        let name = path.rsplit("::").next().unwrap_or(path);
        Some(match m.unbound_reason(path)? {
            crate::manifest::Unbound::MACRO => format!(
                "it is a macro (`{name}!`): Keyton cannot expand Rust macros; call the \
                 functions or types it expands to"
            ),
            _ => "rimport could not bind it, nor any of its methods; `kik list` names the \
                  plugin's coverage report, which says why"
                .to_string(),
        })
    }

    pub fn item_path(&self, e: &Expr) -> Option<String> {
        match &e.kind {
            ExprKind::Name(n) if !self.is_var(n) => self.state.imports.get(n).cloned(),
            ExprKind::Attr(x, m) => {
                let base = self.item_path(x)?;
                if !matches!(self.state.item_kind(&base), Some(ItemKind::Module)) {
                    return None;
                }
                let full = self.state.resolve_alias(&format!("{base}::{m}"));
                // `rust_xlsxwriter.Workbook` of a `#[doc(hidden)]` root re-export.
                match self.state.item_kind(&full) {
                    None if !base.contains("::") => {
                        self.state.item_by_name(&base, m).or(Some(full))
                    }
                    _ => Some(full),
                }
            }
            // `Histogram[u64]` (Rust's `Histogram::<u64>`): the instance, as an annotation
            // names it.
            ExprKind::Index(..) => {
                let t = e.as_type_expr()?;
                if self.is_var(&t.path[0]) {
                    return None;
                }
                match self.resolve_ty(&t) {
                    Ok(Ty::Rust(p)) => Some(p),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
