//! `impl` blocks, trait impls, trait definitions and `pub use` aliases.
use super::func::{qualified, sig, signature, subst, thunk, ThunkSpec};
use super::{registrar, Meta};
use crate::model::{Alias, Func, ImplBlock, TraitImpl, TraitItem};
use crate::tytext;
use kayton_manifest::fragment::Entry;
use kayton_manifest::{Const, TraitDef};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::Type;

const KNOWN: &[&str] = kayton_manifest::assemble::KNOWN_TRAITS;

pub fn inherent(i: &ImplBlock, tag: &str) -> TokenStream {
    let self_ty = &i.self_ty;
    let mut body = TokenStream::new();
    let mut methods = Vec::new();
    for (n, f) in i.methods.iter().enumerate() {
        if let Some((_, shapes)) = &f.generic {
            let span = shapes
                .first()
                .map(|s| s.span)
                .unwrap_or_else(Span::call_site);
            return syn::Error::new(
                span,
                "generic methods cannot be instantiated yet: export a generic free function",
            )
            .to_compile_error();
        }
        let m = &f.ident;
        body.extend(method_thunk(n, f, self_ty, quote!(<#self_ty>::#m)));
        methods.push(sig(f, None, None));
    }
    for m in &mut methods {
        m.registry = Some(format!(
            "{}::{}::{}",
            tytext::MOD,
            tytext::plain(self_ty),
            m.name
        ));
    }
    let consts = i
        .consts
        .iter()
        .map(|(n, t)| Const {
            name: n.to_string(),
            ty: tytext::manifest(t, &[]),
        })
        .collect();
    let entry = Entry::Impl {
        self_ty: tytext::plain(self_ty),
        methods,
        consts,
    };
    let meta = Meta::new(entry, Some(tag)).emit(tag);
    let reg = registrar(tag, body);
    quote! { #reg #meta }
}

pub fn trait_impl(t: &TraitImpl, tag: &str) -> TokenStream {
    let self_ty = &t.self_ty;
    let path = &t.trait_path;
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let last = segs.last().cloned().unwrap_or_default();
    // Display, Debug, …: Keyton uses them through the type's kind; nothing to call.
    let known =
        KNOWN.contains(&last.as_str()) && !matches!(segs[0].as_str(), "crate" | "self" | "super");
    let trait_text = if known {
        format!("std::{last}")
    } else {
        match segs[0].as_str() {
            "crate" => segs.join("::"),
            "self" => segs[1..].join("::"),
            _ => segs.join("::"),
        }
    };
    let mut body = TokenStream::new();
    let mut methods = Vec::new();
    if !known {
        for (n, f) in t.methods.iter().enumerate() {
            let m = &f.ident;
            body.extend(method_thunk(n, f, self_ty, quote!(<#self_ty as #path>::#m)));
            let mut s = sig(f, None, None);
            s.registry = Some(format!(
                "{}::{}::{}",
                tytext::MOD,
                tytext::plain(self_ty),
                s.name
            ));
            methods.push(s);
        }
    }
    let self_text = match self_ty {
        Type::Path(p) if p.path.segments.len() == 1 => tytext::plain(self_ty),
        other => tytext::manifest(other, &[]),
    };
    let entry = Entry::TraitImpl {
        trait_path: trait_text,
        self_ty: self_text,
        methods,
    };
    let meta = Meta::new(entry, (!body.is_empty()).then_some(tag)).emit(tag);
    let reg = (!body.is_empty()).then(|| registrar(tag, body));
    quote! { #reg #meta }
}

pub fn trait_def(t: &TraitItem, tag: &str) -> TokenStream {
    let def = TraitDef {
        path: t.ident.to_string(),
        methods: t.methods.iter().map(|f| sig(f, None, None)).collect(),
        implemented_for: vec![],
    };
    Meta::new(Entry::Trait { def }, None).emit(tag)
}

pub fn aliases(a: &[Alias], tag: &str) -> TokenStream {
    a.iter()
        .enumerate()
        .map(|(i, a)| {
            let e = Entry::Alias {
                target: a.target.clone(),
                public: a.public.clone(),
            };
            Meta::new(e, None).emit(&format!("{tag}_{i}"))
        })
        .collect()
}

/// The thunk of method number `n` of `self_ty`, called through `call`.
fn method_thunk(n: usize, f: &Func, self_ty: &Type, call: TokenStream) -> TokenStream {
    let params: Vec<_> = f
        .params
        .iter()
        .map(|p| (&p.name, replace_self(&p.ty, self_ty), p.ty.span()))
        .collect();
    let spec = ThunkSpec {
        name: qualified(&[tytext::plain(self_ty), f.ident.to_string()]),
        signature: signature(f, None),
        receiver: f.receiver.map(|r| (r, self_ty.clone())),
        params,
        call,
        ret: f.ret.as_ref().map(|t| (replace_self(t, self_ty), t.span())),
    };
    thunk(&format_ident!("m{n}"), &spec)
}

/// `ty` with `Self` replaced by `self_ty` (thunks are free functions).
fn replace_self(ty: &Type, self_ty: &Type) -> Type {
    subst(
        ty,
        &proc_macro2::Ident::new("Self", Span::call_site()),
        self_ty,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn self_is_replaced_inside_types() {
        let ty: syn::Type = syn::parse_str("Result<&Self, Vec<Self>>").unwrap();
        let point: syn::Type = syn::parse_str("Point").unwrap();
        let t = super::replace_self(&ty, &point);
        assert_eq!(crate::tytext::plain(&t), "Result<&Point, Vec<Point>>");
    }
}
