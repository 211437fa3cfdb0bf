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
        // An impl's associated type may be written through another projection (ndarray's
        // `type Output = <… as Trait>::Output`, which leads back here): followed a few
        // levels deep, not forever.
        if DEPTH.with(|d| d.get()) >= MAX_DEPTH {
            return Some(Err(format!("associated type `{name}` nested too deep")));
        }
        DEPTH.with(|d| d.set(d.get() + 1));
        // Only impls with no parameters of their own say what a concrete type's
        // associated type is (a generic impl's is written over its parameters).
        let found = impls
            .iter()
            .filter_map(|id| match &self.krate.index.get(id)?.inner {
                ItemEnum::Impl(imp)
                    if imp.trait_.as_ref().is_some_and(same_trait)
                        && imp.generics.params.is_empty() =>
                {
                    Some(imp)
                }
                _ => None,
            })
            .flat_map(|imp| imp.items.iter().filter_map(|i| self.krate.index.get(i)))
            .find_map(|it| match &it.inner {
                ItemEnum::AssocType { type_: Some(t), .. } if it.name.as_deref() == Some(name) => {
                    Some(self.ty(t, self_path))
                }
                _ => None,
            });
        DEPTH.with(|d| d.set(d.get() - 1));
        found
    }
}

impl Renderer<'_> {
    /// A projection on a type parameter bound to one of the crate's types (evalexpr's
    /// `NumericTypes::Float` in `impl<NumericTypes> Value<NumericTypes>`, declared at
    /// its default `DefaultNumericTypes`): that type's, as [`Renderer::projection`] says.
    pub(crate) fn bound_projection(
        &self,
        self_type: &Type,
        tr: &Path,
        name: &str,
        self_path: &str,
    ) -> Option<Result<String, String>> {
        let Type::Generic(g) = self_type else {
            return None;
        };
        let text = self.bound.get(g)?;
        if text.contains('<') {
            return None;
        }
        if let Some(found) = self.std_projection(text, tr, name) {
            return Some(found);
        }
        let (id, _) = self.krate.paths.iter().find(|(_, s)| {
            s.crate_id == 0 && {
                let canonical = s.path.join("::");
                canonical == *text || self.public.get(&canonical) == Some(text)
            }
        })?;
        let concrete = Type::ResolvedPath(Path {
            path: text.clone(),
            id: *id,
            args: None,
        });
        self.projection(&concrete, tr, name, self_path)
    }
}

const MAX_DEPTH: usize = 8;

thread_local! {
    /// How many projections are being rendered, one inside another.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn last(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

impl Renderer<'_> {
    /// A projection on a std type (`String`), which only the trait's own impls list:
    /// form_urlencoded's `impl Target for String { type Finished = Self; }` makes
    /// `<String as Target>::Finished` `String` (`Self` there is the type itself).
    fn std_projection(&self, text: &str, tr: &Path, name: &str) -> Option<Result<String, String>> {
        let ItemEnum::Trait(t) = &self.krate.index.get(&tr.id)?.inner else {
            return None;
        };
        let plain = Renderer {
            generics: &[],
            ..*self
        };
        t.implementations
            .iter()
            .filter_map(|id| match &self.krate.index.get(id)?.inner {
                ItemEnum::Impl(imp) if imp.generics.params.is_empty() => Some(imp),
                _ => None,
            })
            .filter(|imp| plain.ty(&imp.for_, "").ok().as_deref() == Some(text))
            .flat_map(|imp| imp.items.iter().filter_map(|i| self.krate.index.get(i)))
            .find_map(|it| match &it.inner {
                ItemEnum::AssocType { type_: Some(t), .. } if it.name.as_deref() == Some(name) => {
                    Some(plain.ty(t, text))
                }
                _ => None,
            })
    }
}
