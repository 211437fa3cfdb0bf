//! The input grammar of Keyton's plugin attributes, in one place (the model is PyO3's
//! `pyo3-macros` over `pyo3-macros-backend`): the proc-macro crate parses with it and
//! expands, bindgen-kayton parses the plugin source it emitted with it to map rustc's
//! errors back to items. A change to the syntax is made here, for both.
//!
//! - `#[kayton::export]`, `#[kayton::export(remote)]`, `#[kayton::export(remote = path)]`:
//!   [`ExportArgs`].
//! - `#[kayton::instantiate(i64, String, {Vec<u8>, i64}, …)]`: [`ShapeEntry`]s, a type
//!   or a group with one type per type parameter.
//! - `#[kayton::literal]` on a remote mirror struct: its fields are all the real type
//!   has, so a constructor takes them by name (no arguments).
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Error, Result, Token, Type};

/// The arguments of `#[kayton::export(...)]`.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportArgs {
    /// `#[kayton::export]`: an item of this crate.
    Local,
    /// `#[kayton::export(remote)]`: an impl of another crate's type (its path is the
    /// impl's self type).
    Remote,
    /// `#[kayton::export(remote = path)]`: another crate's item, mirrored here.
    RemotePath(syn::Path),
}

const EXPORT_USAGE: &str =
    "#[kayton::export] takes no arguments, `remote` or `remote = path::to::item`";

impl ExportArgs {
    /// Parse the attribute's tokens (inside the parentheses), with errors at them.
    pub fn parse(attr: TokenStream) -> Result<ExportArgs> {
        if attr.is_empty() {
            return Ok(ExportArgs::Local);
        }
        let meta: syn::Meta =
            syn::parse2(attr.clone()).map_err(|_| Error::new_spanned(&attr, EXPORT_USAGE))?;
        match &meta {
            syn::Meta::Path(p) if p.is_ident("remote") => Ok(ExportArgs::Remote),
            syn::Meta::NameValue(nv) if nv.path.is_ident("remote") => match &nv.value {
                syn::Expr::Path(p) => Ok(ExportArgs::RemotePath(p.path.clone())),
                other => Err(Error::new_spanned(
                    other,
                    "`remote = …` takes the path of the real item",
                )),
            },
            other => Err(Error::new_spanned(other, EXPORT_USAGE)),
        }
    }

    /// The `remote = path` among an item's attributes, as text (`semver::Version`).
    pub fn remote_path_in(attrs: &[Attribute]) -> Option<String> {
        attrs.iter().filter(|a| is_attr(a, "export")).find_map(|a| {
            let l = a.meta.require_list().ok()?;
            match ExportArgs::parse(l.tokens.clone()).ok()? {
                ExportArgs::RemotePath(p) => Some(compact(&p)),
                _ => None,
            }
        })
    }
}

/// Whether `a` is `#[kayton::<name>]` (or `#[<name>]`, imported as such).
pub fn is_attr(a: &Attribute, name: &str) -> bool {
    let segs: Vec<String> = a
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs == [name] || segs == ["kayton", name]
}

/// One entry of `instantiate(...)`: a type, or `{A, B}` (a type per type parameter).
// A handful per attribute, parsed once: their size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ShapeEntry {
    One(Type),
    Group(Punctuated<Type, Token![,]>, Span),
}

impl syn::parse::Parse for ShapeEntry {
    fn parse(input: syn::parse::ParseStream) -> Result<Self> {
        if input.peek(syn::token::Brace) {
            let inner;
            let brace = syn::braced!(inner in input);
            let tys = Punctuated::<Type, Token![,]>::parse_terminated(&inner)?;
            return Ok(ShapeEntry::Group(tys, brace.span.join()));
        }
        input.parse().map(ShapeEntry::One)
    }
}

impl ShapeEntry {
    /// The entries of an `instantiate(...)` attribute's tokens.
    pub fn parse_list(ts: TokenStream) -> Result<Punctuated<ShapeEntry, Token![,]>> {
        syn::parse::Parser::parse2(Punctuated::<ShapeEntry, Token![,]>::parse_terminated, ts)
    }

    /// The entry as text without spaces: `Vec<i64>`, `{Vec<u8>,i64}` (how bindgen names
    /// one instantiation of an item).
    pub fn key(&self) -> String {
        match self {
            ShapeEntry::One(t) => compact(t),
            ShapeEntry::Group(tys, _) => {
                let parts: Vec<String> = tys.iter().map(compact).collect();
                format!("{{{}}}", parts.join(","))
            }
        }
    }

    /// Where the entry is written.
    pub fn span(&self) -> Span {
        match self {
            ShapeEntry::One(t) => syn::spanned::Spanned::span(t),
            ShapeEntry::Group(_, s) => *s,
        }
    }
}

/// Tokens as text without spaces (`std :: vec :: Vec < i64 >` → `std::vec::Vec<i64>`).
pub fn compact(t: &impl ToTokens) -> String {
    t.to_token_stream()
        .to_string()
        .replace(" :: ", "::")
        .replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn export_arguments() {
        assert_eq!(ExportArgs::parse(quote!()).unwrap(), ExportArgs::Local);
        assert_eq!(
            ExportArgs::parse(quote!(remote)).unwrap(),
            ExportArgs::Remote
        );
        match ExportArgs::parse(quote!(remote = semver::Version)).unwrap() {
            ExportArgs::RemotePath(p) => assert_eq!(compact(&p), "semver::Version"),
            other => panic!("{other:?}"),
        }
        let e = ExportArgs::parse(quote!(remote = 3)).unwrap_err();
        assert!(e.to_string().contains("takes the path"), "{e}");
        assert!(ExportArgs::parse(quote!(local)).is_err());
    }

    #[test]
    fn shape_entries_and_their_keys() {
        let es = ShapeEntry::parse_list(quote!(i64, &str, Vec<i64>, {Vec<u8>, i64})).unwrap();
        let keys: Vec<String> = es.iter().map(ShapeEntry::key).collect();
        assert_eq!(keys, ["i64", "&str", "Vec<i64>", "{Vec<u8>,i64}"]);
    }

    #[test]
    fn the_remote_path_among_attributes() {
        let item: syn::ItemStruct = syn::parse2(quote! {
            #[doc = "x"]
            #[kayton::export(remote = serde_json::Value)]
            pub struct Value {}
        })
        .unwrap();
        assert_eq!(
            ExportArgs::remote_path_in(&item.attrs).as_deref(),
            Some("serde_json::Value")
        );
    }
}
