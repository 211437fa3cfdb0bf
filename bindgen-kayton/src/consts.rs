//! Crate-level constants (`pub const NON_ALPHANUMERIC: &AsciiSet`, base64's
//! `general_purpose::STANDARD`): declared so that a cell can name them as values.
use crate::paths::PublicApi;
use crate::render::Renderer;
use kayton_manifest::{Const, Manifest, RustType};
use rustdoc_types::{Crate, ItemEnum, Type};

/// A constant re-exported under other paths is declared at each (docs write
/// `engine::general_purpose::STANDARD` as often as `prelude::BASE64_STANDARD`).
pub(crate) fn other_paths(api: &PublicApi, crates: &[&Crate], m: &mut Manifest) {
    for (e, best) in &api.others {
        let is_const = crates[e.krate]
            .index
            .get(&e.id)
            .is_some_and(|i| matches!(i.inner, ItemEnum::Constant { .. } | ItemEnum::Static(_)));
        if !is_const || m.constant(&e.public).is_some() {
            continue;
        }
        if let Some(ty) = m.constant(best).map(|c| c.ty.clone()) {
            m.consts.push(Const {
                name: e.public.clone(),
                ty,
            });
        }
    }
}

/// The constant's type as the plugin declares it. A constant's references are
/// `'static` (Rust elides that in a `const`, not in the check the macro writes).
pub(crate) fn declared_type(r: &Renderer, t: &Type) -> Option<RustType> {
    let text = r.rust_type(t, "").ok()?.to_string();
    RustType::parse(&statics(&text)).ok()
}

/// Every `&` without a lifetime made `&'static`.
fn statics(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '&' && chars.peek() != Some(&'\'') {
            out.push_str("'static ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_are_static() {
        assert_eq!(super::statics("&[&str]"), "&'static [&'static str]");
        assert_eq!(super::statics("&'static str"), "&'static str");
        assert_eq!(super::statics("u32"), "u32");
    }
}
