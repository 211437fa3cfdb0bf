//! Unsized types of the crate (camino's `Utf8Path`, a newtype of `str`, `[T]` or
//! `Path`): no value of one can be held, so a cell holds its `ToOwned::Owned`
//! (`Utf8PathBuf`) instead. The mirror is marked `#[kayton::owned(Owned)]`; the macros
//! declare no kind for it, lend a borrowed one from a value of the owned form, and the
//! manifest names the owned form wherever a signature takes or gives `&Utf8Path`.
use crate::render::Renderer;
use rustdoc_types::{Id, ItemEnum};

/// The owned form of the type whose impls are `impls`, if the type is unsized (rustdoc
/// lists a synthetic `impl !Sized`) and implements `ToOwned` (its `Owned`, rendered).
pub(crate) fn of(r: &Renderer, path: &str, impls: &[Id]) -> Option<String> {
    let trait_impls = || {
        impls
            .iter()
            .filter_map(|i| r.krate.index.get(i))
            .filter_map(|i| match &i.inner {
                ItemEnum::Impl(imp) => Some(imp),
                _ => None,
            })
            .filter(|imp| imp.blanket_impl.is_none())
            .filter_map(|imp| Some((r.trait_name(imp.trait_.as_ref()?), imp)))
    };
    let not_sized = trait_impls().any(|(n, imp)| n == "Sized" && imp.is_negative);
    if !not_sized {
        return None;
    }
    let (_, to_owned) = trait_impls().find(|(n, imp)| n == "ToOwned" && !imp.is_negative)?;
    to_owned.items.iter().find_map(|i| {
        let item = r.krate.index.get(i)?;
        match &item.inner {
            ItemEnum::AssocType { type_: Some(t), .. } if item.name.as_deref() == Some("Owned") => {
                r.ty(t, path).ok().filter(|o| !o.contains("impl "))
            }
            _ => None,
        }
    })
}
