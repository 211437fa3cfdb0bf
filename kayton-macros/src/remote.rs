//! `#[kayton::export(remote …)]`: declarations of another crate's items, as bindgen
//! writes them (and as an author may, for a dependency they want to expose):
//!
//! - `#[kayton::export(remote = semver::Version)] pub struct Version { pub major: u64 }`
//!   — a mirror: the listed fields are the readable ones;
//! - `#[kayton::export(remote = reqwest::blocking::get)] pub fn get(url: &str) -> …;`
//! - `#[kayton::export(remote)] impl semver::Version { pub fn parse(…) -> …; }`
//!
//! Declarations are not emitted (fns have no body); what is generated calls the real
//! item, so a declaration that does not match it is a compile error at the declaration.
use crate::model::*;
use crate::parse::{enum_type, require_pub, struct_type, tag};
use crate::shapes::Shape;
use crate::sig::func;
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Error, Item, Token, Type};

type Result<T> = syn::Result<T>;

/// A bodiless declaration inside a remote item.
enum Decl {
    Fn {
        attrs: Vec<Attribute>,
        vis: syn::Visibility,
        sig: syn::Signature,
    },
    Const {
        vis: syn::Visibility,
        ident: syn::Ident,
        ty: Type,
    },
}

impl Parse for Decl {
    fn parse(input: ParseStream) -> Result<Decl> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: syn::Visibility = input.parse()?;
        if input.peek(Token![const]) {
            input.parse::<Token![const]>()?;
            let ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let ty = input.parse()?;
            input.parse::<Token![;]>()?;
            return Ok(Decl::Const { vis, ident, ty });
        }
        let sig = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Decl::Fn { attrs, vis, sig })
    }
}

fn needs_path(span: Span, what: &str) -> Error {
    Error::new(
        span,
        format!("a remote {what} names the real one: #[kayton::export(remote = path::to::it)]"),
    )
}

fn no_body(span: Span) -> Error {
    Error::new(
        span,
        "a remote declaration has no body: write `fn name(…) -> T;` and the real item is called",
    )
}

pub fn export(item: Item, path: Option<syn::Path>, shapes: Option<Vec<Shape>>) -> Result<Export> {
    let mut shapes = shapes;
    let (kind, remote) = match &item {
        Item::Struct(s) => {
            require_pub(&s.vis, s.ident.span())?;
            let p = path.ok_or_else(|| needs_path(s.ident.span(), "struct"))?;
            let mut plain = s.clone();
            let lifetimes = lifetimes_only(&mut plain.generics);
            (mirror(struct_type(&plain)?, lifetimes), p)
        }
        Item::Enum(e) => {
            require_pub(&e.vis, e.ident.span())?;
            let p = path.ok_or_else(|| needs_path(e.ident.span(), "enum"))?;
            let mut plain = e.clone();
            let lifetimes = lifetimes_only(&mut plain.generics);
            (mirror(enum_type(&plain)?, lifetimes), p)
        }
        Item::Type(t) => {
            require_pub(&t.vis, t.ident.span())?;
            let p = path.ok_or_else(|| needs_path(t.ident.span(), "type alias"))?;
            (crate::parse::type_alias(t)?, p)
        }
        Item::Fn(f) => return Err(no_body(f.block.span())),
        Item::Verbatim(ts) => match syn::parse2::<Decl>(ts.clone())? {
            // `#[kayton::export(remote = percent_encoding::NON_ALPHANUMERIC)]
            // pub const NON_ALPHANUMERIC: &'static AsciiSet;`
            Decl::Const { vis, ident, ty } => {
                require_pub(&vis, ident.span())?;
                let p = path.ok_or_else(|| needs_path(ident.span(), "const"))?;
                (ExportKind::Const(ConstItem { ident, ty }), p)
            }
            Decl::Fn {
                mut attrs,
                vis,
                sig,
            } => {
                require_pub(&vis, sig.ident.span())?;
                let p = path.ok_or_else(|| needs_path(sig.ident.span(), "function"))?;
                // `#[kayton::instantiate]` under `#[kayton::export(remote = …)]` stays in
                // the declaration's attributes: a bodiless fn is not an item it can expand.
                let inner = crate::parse::take_instantiate(&mut attrs, true)?;
                let shapes = shapes.take().or(inner);
                (ExportKind::Fn(func(&sig, &attrs, shapes)?), p)
            }
        },
        Item::Impl(i) => {
            if let Some(p) = &path {
                return Err(Error::new_spanned(p, "a remote `impl` names its type in the `impl` line: write #[kayton::export(remote)]"));
            }
            let p = match (&*i.self_ty, &i.trait_) {
                (Type::Path(p), _) if p.qself.is_none() => p.path.clone(),
                // A trait for every slice (`impl IndexedRandom for [i64]`) or for `&str`
                // (`impl Colorize for &str`): named by the trait.
                (Type::Slice(_) | Type::Reference(_), Some((_, tr, _))) => tr.clone(),
                (other, _) => return Err(Error::new_spanned(other, "a remote `impl` is for a type named by its path")),
            };
            (impl_block(i)?, p)
        }
        other => {
            return Err(Error::new_spanned(
                other,
                "#[kayton::export(remote …)] goes on a mirror struct or enum, a bodiless fn, or an `impl` block of bodiless fns",
            ))
        }
    };
    if let Some(s) = shapes.and_then(|s| s.first().cloned()) {
        return Err(Error::new(s.span, "#[kayton::instantiate] goes on a generic function or on the generic methods of an exported impl block"));
    }
    let name = remote
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("_");
    Ok(Export {
        tag: tag(&name, &item),
        item: proc_macro2::TokenStream::new(),
        kind,
        remote: Some(Remote { path: remote }),
    })
}

/// A mirror's export, marked borrowed if its generics were lifetimes only.
fn mirror(mut t: TypeItem, lifetimes: usize) -> ExportKind {
    t.borrowed = lifetimes > 0;
    t.lifetimes = lifetimes;
    ExportKind::Type(t)
}

/// Whether a mirror's generics are lifetimes only (`Entry<'a>`, a type that borrows);
/// if so they are taken off.
/// How many lifetime parameters `g` has, if it has only those (then cleared); else 0.
fn lifetimes_only(g: &mut syn::Generics) -> usize {
    let only = !g.params.is_empty()
        && g.params
            .iter()
            .all(|p| matches!(p, syn::GenericParam::Lifetime(_)));
    if !only {
        return 0;
    }
    let n = g.params.len();
    *g = syn::Generics::default();
    n
}

fn impl_block(i: &syn::ItemImpl) -> Result<ExportKind> {
    let trait_impl = i.trait_.is_some();
    let mut methods = Vec::new();
    let mut consts = Vec::new();
    for it in &i.items {
        match it {
            syn::ImplItem::Fn(f) => return Err(no_body(f.block.span())),
            syn::ImplItem::Verbatim(ts) => match syn::parse2::<Decl>(ts.clone())? {
                Decl::Fn {
                    mut attrs,
                    vis,
                    sig,
                } => {
                    let shapes = crate::parse::take_instantiate(&mut attrs, true)?;
                    if trait_impl || matches!(vis, syn::Visibility::Public(_)) {
                        methods.push(func(&sig, &attrs, shapes)?);
                    }
                }
                Decl::Const { vis, ident, ty } => {
                    if matches!(vis, syn::Visibility::Public(_)) {
                        consts.push((ident, ty));
                    }
                }
            },
            other => {
                return Err(Error::new_spanned(
                    other,
                    "a remote `impl` declares `pub fn …;` and `pub const NAME: T;` only",
                ))
            }
        }
    }
    let deref = match i.attrs.iter().find(|a| crate::parse::is_ours(a, "deref")) {
        Some(_) if trait_impl => {
            return Err(Error::new_spanned(
                &i.self_ty,
                "#[kayton::deref] goes on an inherent `impl`, not a trait impl",
            ))
        }
        Some(a) => Some(a.parse_args::<syn::Path>()?),
        None => None,
    };
    Ok(crate::parse::impl_kind(i, methods, consts, deref))
}
