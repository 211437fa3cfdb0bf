//! The lifetimes of the types a signature names: a type that borrows is written with
//! its lifetimes elided (`Entry<'_>`), or `'static` where the crate writes it, and which
//! types are bound as borrowed.
use super::Renderer;
use rustdoc_types::{GenericArg, GenericArgs, ItemEnum};

impl Renderer<'_> {
    /// `'_, '_` for each lifetime parameter of the type `p` names.
    pub(super) fn elided_of(&self, p: &rustdoc_types::Path) -> String {
        // `'static` where the crate writes it (`bs58::encode(input) -> EncodeBuilder<'static,
        // I>`: a free function's result has no argument to borrow from), else elided.
        let given: Vec<&str> = match p.args.as_deref() {
            Some(GenericArgs::AngleBracketed { args, .. }) => args
                .iter()
                .filter_map(|a| match a {
                    GenericArg::Lifetime(l) if l == "'static" => Some("'static"),
                    GenericArg::Lifetime(_) => Some("'_"),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        if given.contains(&"'static") {
            return given.join(", ");
        }
        crate::generics::elided(
            self.krate
                .index
                .get(&p.id)
                .map_or(1, crate::generics::lifetimes),
        )
    }

    /// Whether the type `p` names has lifetime parameters: such a type borrows, so it
    /// cannot be a kind (kinds are `'static`).
    pub(super) fn has_lifetime_params(&self, p: &rustdoc_types::Path) -> bool {
        let generics = match self.krate.index.get(&p.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => &s.generics,
            Some(ItemEnum::Enum(e)) => &e.generics,
            _ => return false,
        };
        generics
            .params
            .iter()
            .any(|g| matches!(g.kind, rustdoc_types::GenericParamDefKind::Lifetime { .. }))
    }

    /// Whether the type `p` names is one bound as borrowed: lifetime parameters only
    /// (`generics::borrowed`), others the crate defaults, or others instantiated per
    /// shape (`generics::borrowed_generic`).
    pub(super) fn lifetimes_only(&self, p: &rustdoc_types::Path) -> bool {
        self.krate.index.get(&p.id).is_some_and(|i| {
            crate::generics::borrowed(i)
                || crate::generics::borrowed_args(self, i).is_some()
                || crate::generics::borrowed_generic(self, i)
        })
    }
}
