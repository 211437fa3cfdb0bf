//! Associated types of a concrete type's trait impl, named through the trait:
//! `<DefaultNumericTypes as EvalexprNumericTypes>::Int` is what the crate's impl of
//! `EvalexprNumericTypes for DefaultNumericTypes` assigns (`type Int = i64`).
use crate::render::Renderer;
use rustdoc_types::{ItemEnum, Path, Type};

impl Renderer<'_> {
    /// The type the impl of `tr` for `self_type` gives its associated type `name`,
    /// rendered; `None` when `self_type` is not one of the crate's types or no impl of
    /// the crate says.
    pub(crate) fn projection(
        &self,
        self_type: &Type,
        tr: &Path,
        name: &str,
        self_path: &str,
    ) -> Option<Result<String, String>> {
        let Type::ResolvedPath(sp) = self_type else {
            return None;
        };
        let impls = match &self.krate.index.get(&sp.id)?.inner {
            ItemEnum::Struct(s) => &s.impls,
            ItemEnum::Enum(e) => &e.impls,
            _ => return None,
        };
        let same_trait = |t: &Path| t.id == tr.id || last(&t.path) == last(&tr.path);
        impls
            .iter()
            .filter_map(|id| match &self.krate.index.get(id)?.inner {
                ItemEnum::Impl(imp) if imp.trait_.as_ref().is_some_and(same_trait) => Some(imp),
                _ => None,
            })
            .flat_map(|imp| imp.items.iter().filter_map(|i| self.krate.index.get(i)))
            .find_map(|it| match &it.inner {
                ItemEnum::AssocType { type_: Some(t), .. } if it.name.as_deref() == Some(name) => {
                    Some(self.ty(t, self_path))
                }
                _ => None,
            })
    }
}

fn last(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
