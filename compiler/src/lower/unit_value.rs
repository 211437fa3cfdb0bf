//! A unit struct is its own value, as in Rust: `GenericDialect` (sqlparser's
//! `Parser.parse_sql(GenericDialect, sql)`; `GenericDialect()` works too) and chrono's
//! `Utc.with_ymd_and_hms(…)`, a `TimeZone` method called on the value `Utc`. Bindgen gives
//! a unit struct a constructor of no parameters at the type's own path (`literal.rs`),
//! which is what marks it in the manifest.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::Result;

impl Lowerer<'_> {
    /// The unit struct `e` names (an imported name or `module.Type`), made.
    pub(super) fn unit_value(&mut self, e: &Expr) -> Result<Option<Lowered>> {
        match self.item_path(e) {
            Some(p) if self.is_unit_struct(&p) => self.rust_call(e, &[], e.span),
            _ => Ok(None),
        }
    }

    /// Whether the type at `path` is a unit struct (its constructor takes nothing).
    pub(super) fn is_unit_struct(&self, path: &str) -> bool {
        let krate = path.split("::").next().unwrap_or_default();
        self.state.manifests.get(krate).is_some_and(|m| {
            m.functions
                .iter()
                .any(|f| f.name == path && f.params.is_empty() && f.ret.to_string() == path)
        })
    }

    /// Whether `Type.name(…)` calls `name` on the unit struct's value: the type has no
    /// associated function of that name (`Utc.with_ymd_and_hms`, a `TimeZone` method).
    pub(super) fn calls_unit_value(&self, path: &str, name: &str) -> bool {
        name != "default"
            && self.is_unit_struct(path)
            && !self.state.type_def(path).is_some_and(|t| {
                t.methods
                    .iter()
                    .any(|f| f.name == name && f.receiver.is_none())
            })
    }
}
