//! Trait types in signatures: closures (`impl FnMut(&i64) -> bool`, taken as a boxed
//! closure), `impl Iterator<Item = X>` results (collected into lists) and trait objects (`dyn svg::Node`, which a cell passes a value of any implementing
//! type for).
use super::{std_public, Renderer};
use rustdoc_types::{GenericArgs, GenericBound, Type};

impl Renderer<'_> {
    /// Whether the crate implements `AsRef<X>` for `str`, `X` rendered as `target`
    /// (camino's `impl AsRef<Utf8Path> for str`): an `impl AsRef<X>` argument is then
    /// passed as a `&str`, as for std's paths (`X` itself may be unsized).
    pub(super) fn str_as_ref(&self, target: &str) -> bool {
        self.krate.index.values().any(|i| {
            let rustdoc_types::ItemEnum::Impl(imp) = &i.inner else {
                return false;
            };
            let Some(tr) = &imp.trait_ else { return false };
            matches!(&imp.for_, Type::Primitive(p) if p == "str")
                && self.trait_name(tr) == "AsRef"
                && self
                    .type_args(&tr.args, "")
                    .is_ok_and(|a| a.first().map(String::as_str) == Some(target))
        })
    }

    /// `X` of an `impl Iterator<Item = X>` (or `DoubleEndedIterator`, `ExactSizeIterator`)
    /// whose items are not `&mut` (a list of copies would hide that they are written).
    pub(super) fn impl_iterator_item<'b>(&self, bounds: &'b [GenericBound]) -> Option<&'b Type> {
        bounds.iter().find_map(|b| {
            let GenericBound::TraitBound { trait_, .. } = b else {
                return None;
            };
            let name = self.trait_name(trait_);
            if !["Iterator", "DoubleEndedIterator", "ExactSizeIterator"].contains(&name.as_str()) {
                return None;
            }
            let Some(GenericArgs::AngleBracketed { constraints, .. }) = trait_.args.as_deref()
            else {
                return None;
            };
            constraints.iter().find_map(|c| match &c.binding {
                rustdoc_types::AssocItemConstraintKind::Equality(rustdoc_types::Term::Type(t))
                    if c.name == "Item"
                        && !matches!(
                            t,
                            Type::BorrowedRef {
                                is_mutable: true,
                                ..
                            }
                        ) =>
                {
                    Some(t)
                }
                _ => None,
            })
        })
    }

    /// `dyn svg::Node` (of svg's `add<T: Into<Box<dyn Node>>>`), `dyn std::error::Error
    /// + std::marker::Send`: a trait object of traits without arguments that the plugin
    /// can name. A cell passes any value whose type implements them (boxed, or lent).
    /// Closures (`dyn FnMut(…)`) are taken as callbacks where a bound names them, not here.
    pub(super) fn dyn_trait(&self, d: &rustdoc_types::DynTrait) -> Result<String, String> {
        let refuse = || Err("trait object".to_string());
        let mut parts = Vec::new();
        for pt in &d.traits {
            let tr = &pt.trait_;
            let plain = match tr.args.as_deref() {
                None => true,
                Some(GenericArgs::AngleBracketed { args, constraints }) => {
                    args.is_empty() && constraints.is_empty()
                }
                _ => false,
            };
            if !plain || ["Fn", "FnMut", "FnOnce"].contains(&self.trait_name(tr).as_str()) {
                return refuse();
            }
            let Some(canonical) = self.krate.paths.get(&tr.id).map(|s| s.path.join("::")) else {
                return refuse();
            };
            let own = self.own && canonical.starts_with(&format!("{}::", self.krate_name()));
            parts.push(
                match (std_public(&canonical), self.public.get(&canonical)) {
                    (Some(std), _) => std,
                    (None, Some(public)) => public.clone(),
                    (None, None) if own => canonical,
                    (None, None) => return refuse(),
                },
            );
        }
        if parts.is_empty() {
            return refuse();
        }
        Ok(format!("dyn {}", parts.join(" + ")))
    }

    /// `Box<dyn FnMut(&i64) -> bool>` for a bound `FnMut(&Self::Item) -> bool`: the type
    /// a Keyton function is passed as (a boxed closure implements the bound), or why
    /// its types cannot be written; `None` for other bounds.
    pub fn closure(&self, b: &GenericBound) -> Option<Result<String, String>> {
        let GenericBound::TraitBound { trait_, .. } = b else {
            return None;
        };
        let name = self.trait_name(trait_);
        if !["Fn", "FnMut", "FnOnce"].contains(&name.as_str()) {
            return None;
        }
        let Some(GenericArgs::Parenthesized { inputs, output }) = trait_.args.as_deref() else {
            return None;
        };
        let text = || -> Result<String, String> {
            let ins = inputs
                .iter()
                .map(|t| self.ty(t, ""))
                .collect::<Result<Vec<_>, _>>()?;
            let out = match output {
                Some(t) => format!(" -> {}", self.ty(t, "")?),
                None => String::new(),
            };
            Ok(format!("Box<dyn {name}({}){out}>", ins.join(", ")))
        };
        Some(text())
    }
}
