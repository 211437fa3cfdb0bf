//! A function's signature as exported: its receiver, parameters and result (an
//! `impl Iterator` result becomes `kayton_api::Iter`), with the misuse checks (`unsafe`,
//! `async`, generics without shapes, `impl Trait` parameters, borrowed results).
use crate::model::*;
use crate::parse::doc;
use crate::shapes::{self, Shape};
use kayton_manifest::Receiver;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Error, FnArg, GenericParam, Pat, ReturnType, Signature, Type};

type Result<T> = syn::Result<T>;

/// A function's signature, with its checks.
pub(crate) fn func(
    sig: &Signature,
    attrs: &[Attribute],
    shapes: Option<Vec<Shape>>,
) -> Result<Func> {
    if let Some(u) = &sig.unsafety {
        return Err(Error::new_spanned(u, format!("`unsafe fn {}` cannot be exported: a Keyton call cannot uphold its safety contract; export a safe wrapper", sig.ident)));
    }
    if let Some(a) = &sig.asyncness {
        return Err(Error::new_spanned(
            a,
            "an `async fn` cannot be exported (yet): export a blocking wrapper",
        ));
    }
    if let Some(v) = &sig.variadic {
        return Err(Error::new_spanned(
            v,
            "a variadic function cannot be exported",
        ));
    }
    let mut tparams = Vec::new();
    for p in &sig.generics.params {
        match p {
            GenericParam::Type(t) => tparams.push(t.ident.clone()),
            GenericParam::Const(c) => {
                return Err(Error::new_spanned(c, "const generics cannot be exported"))
            }
            GenericParam::Lifetime(_) => {}
        }
    }
    let generic = match (tparams.len(), shapes) {
        (0, None) => None,
        (0, Some(s)) => {
            let span = s.first().map(|s| s.span).unwrap_or(sig.ident.span());
            return Err(Error::new(span, format!("`{}` is not generic: remove #[kayton::instantiate]", sig.ident)));
        }
        (n, Some(s)) => {
            shapes::check_groups(&s, n)?;
            Some((tparams, s))
        }
        (_, None) => {
            return Err(Error::new_spanned(
                &sig.generics,
                format!(
                    "generic function `{}` needs #[kayton::instantiate(...)] with the shapes to export ({})",
                    sig.ident,
                    shapes::NAMES.join(", ")
                ),
            ))
        }
    };
    let mut receiver = None;
    let mut receiver_span = Span::call_site();
    let mut params = Vec::new();
    for (i, a) in sig.inputs.iter().enumerate() {
        match a {
            FnArg::Receiver(r) => {
                if r.colon_token.is_some() {
                    return Err(Error::new_spanned(
                        r,
                        "only `self`, `&self` and `&mut self` receivers can be exported",
                    ));
                }
                receiver_span = r.span();
                receiver = Some(match (&r.reference, &r.mutability) {
                    (Some(_), Some(_)) => Receiver::RefMut,
                    (Some(_), None) => Receiver::Ref,
                    (None, _) => Receiver::Value,
                });
            }
            FnArg::Typed(t) => {
                if let Type::ImplTrait(_) = &*t.ty {
                    return Err(Error::new_spanned(&t.ty, "an `impl Trait` parameter cannot be exported: use a type parameter and #[kayton::instantiate]"));
                }
                let name = match &*t.pat {
                    Pat::Ident(p) => p.ident.clone(),
                    _ => syn::Ident::new(&format!("arg{i}"), t.pat.span()),
                };
                params.push(Param {
                    name,
                    ty: (*t.ty).clone(),
                });
            }
        }
    }
    let ret = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, t) => {
            let t = iterator_return(t)
                .or_else(|| option_iterator_return(t))
                .unwrap_or_else(|| (**t).clone());
            check_returned(&t)?;
            Some(t)
        }
    };
    Ok(Func {
        ident: sig.ident.clone(),
        receiver,
        receiver_span,
        params,
        ret,
        doc: doc(attrs),
        generic,
    })
}

/// `impl Iterator<Item = X>` as returned: `kayton_api::Iter<X>`, which the thunks and
/// wrappers box the real iterator into (see [`crate::tytext::is_kiter`]).
fn iterator_return(t: &Type) -> Option<Type> {
    let Type::ImplTrait(it) = t else { return None };
    it.bounds.iter().find_map(|b| {
        let syn::TypeParamBound::Trait(tb) = b else {
            return None;
        };
        let last = tb.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
            return None;
        };
        if last.ident != "Iterator" {
            return None;
        }
        a.args.iter().find_map(|g| match g {
            // Items that borrow (`&String` of `Map::keys`): owned, collected in the call.
            syn::GenericArgument::AssocType(at) if at.ident == "Item" => match owned(&at.ty) {
                Some(item) => {
                    Some(syn::parse_quote_spanned!(t.span()=> ::kayton_api::OwnedIter<#item>))
                }
                None => {
                    let item = &at.ty;
                    Some(syn::parse_quote_spanned!(t.span()=> ::kayton_api::Iter<#item>))
                }
            },
            _ => None,
        })
    })
}

/// `Option<impl Iterator<Item = X>>` as returned: `Option<kayton_api::Iter<X>>` (see
/// [`iterator_return`]).
fn option_iterator_return(t: &Type) -> Option<Type> {
    let it = iterator_return(crate::tytext::option_arg(t)?)?;
    Some(syn::parse_quote_spanned!(t.span()=> Option<#it>))
}

/// `t` without its borrows (`&str` → `String`, `&T` → `T`, tuples item by item), if it
/// has any.
fn owned(t: &Type) -> Option<Type> {
    match t {
        Type::Reference(r) => Some(match &*r.elem {
            Type::Path(p) if p.path.is_ident("str") => syn::parse_quote!(String),
            other => owned(other).unwrap_or_else(|| other.clone()),
        }),
        Type::Tuple(tt) => {
            let parts: Vec<Option<Type>> = tt.elems.iter().map(owned).collect();
            parts.iter().any(Option::is_some).then(|| {
                let elems = parts
                    .into_iter()
                    .zip(&tt.elems)
                    .map(|(o, e)| o.unwrap_or_else(|| e.clone()));
                syn::parse_quote!((#(#elems),*))
            })
        }
        _ => None,
    }
}

/// A returned value outlives the call in Keyton: it may not borrow with a lifetime.
pub(crate) fn check_returned(t: &Type) -> Result<()> {
    struct Lifetimes(Option<syn::Lifetime>);
    impl<'ast> Visit<'ast> for Lifetimes {
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
            // `'_`: a value that borrows from an argument, which a cell uses in the same
            // expression (`m.entry(k).or_insert(v)`); the registry refuses it.
            if l.ident != "static" && l.ident != "_" && self.0.is_none() {
                self.0 = Some(l.clone());
            }
        }
    }
    let mut v = Lifetimes(None);
    v.visit_type(t);
    if let Some(l) = v.0 {
        return Err(Error::new_spanned(
            &l,
            format!("a returned type cannot borrow for `{l}`: Keyton keeps results after the call; return an owned type"),
        ));
    }
    Ok(())
}
