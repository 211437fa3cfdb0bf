//! Structs and enums: a VM kind (with display/debug/clone/eq when the type has them,
//! found at compile time), conversions by value, enum variants as consts and
//! constructors, and the type's manifest fragment.
use super::func::{qualified, thunk, ThunkSpec};
use super::{marker, registrar, Scope};
use crate::model::{TypeItem, VariantShape};
use crate::tytext;
use kayton_manifest::fragment::Entry;
use kayton_manifest::{Const, FnSig, Param, RustType, TypeDef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;

const IMPLS: &str = "@@IMPLS@@";

pub fn type_item(t: &TypeItem, scope: &Scope) -> TokenStream {
    let tag = scope.tag.as_str();
    if t.borrowed {
        return borrowed_type(t, scope);
    }
    if let (Some(owned), Some(real)) = (&t.owned, &scope.remote) {
        return unsized_type(t, real, owned, scope);
    }
    // An instance of a generic type is named with its arguments (`Stack<i64>`).
    let name = format!("{}{}", t.ident, crate::instances::args_text(&t.args));
    let module_tok = scope.module();
    // The type itself: the struct or enum written here, or the real one of a mirror.
    let base = match &scope.remote {
        Some(p) => quote!(#p),
        None => {
            let i = &t.ident;
            quote!(#i)
        }
    };
    let ident = crate::instances::instance_type(base, &t.args);
    let m = marker();
    let kind_name = quote!(::core::concat!(#module_tok, "::", #name));
    let probe = |c: &str| {
        let c = format_ident!("{c}");
        quote!(<::kayton_api::Probe<#ident>>::#c)
    };
    let (d, g, c, e) = (
        probe("DISPLAY_FN"),
        probe("DEBUG_FN"),
        probe("CLONE_FN"),
        probe("EQ_FN"),
    );
    let mut body = quote! {
        #[allow(unused_imports)]
        use ::kayton_api::ProbeFallback as _;
        let fns = ::kayton_api::KindFns::<#ident>::new(<#ident as ::kayton_api::export::Kind<#m>>::KIND_NAME)
            .with(#d, #g, #c, #e);
        ::kayton_api::export::set_kind_id::<#m, #ident>(ctx.register_kind(fns.desc()));
    };
    let mut def = TypeDef {
        path: name.clone(),
        doc: t.doc.clone(),
        kind: Some(format!("{}::{name}", tytext::MOD)),
        defaults: t
            .defaults
            .iter()
            .map(|d| tytext::manifest(d, &[]))
            .collect(),
        fields: manifest_fields(t),
        ..TypeDef::default()
    };
    let mut ctors = Vec::new();
    for v in &t.variants {
        let vname = v.ident.to_string();
        match &v.shape {
            VariantShape::Unit => def.consts.push(Const {
                name: vname,
                ty: RustType::named("Self"),
            }),
            VariantShape::Tuple(tys) => {
                let names: Vec<syn::Ident> =
                    (0..tys.len()).map(|i| format_ident!("v{i}")).collect();
                ctors.push((
                    vname.clone(),
                    names
                        .iter()
                        .zip(tys)
                        .map(|(n, t)| (n.clone(), t.clone()))
                        .collect::<Vec<_>>(),
                    None,
                    v.doc.clone(),
                ));
            }
            VariantShape::Struct(ps) => {
                let fs: Vec<(syn::Ident, syn::Type)> =
                    ps.iter().map(|p| (p.name.clone(), p.ty.clone())).collect();
                ctors.push((
                    vname.clone(),
                    fs,
                    Some(format!("{}::{vname}", scope.wrappers(&name).1)),
                    v.doc.clone(),
                ));
            }
        }
    }
    // Struct-like variants need a function to call: `exports` constructors.
    let mut wrappers = Vec::new();
    // `#[kayton::literal]`: the type called like a function, its fields by name.
    // An instance of a generic one (rgb's `Rgb<u8>`) at plain field values only.
    let plain = t
        .fields
        .iter()
        .all(|f| tytext::manifest(&f.ty, &[]).is_plain_value());
    let literal = (t.literal && plain).then(|| literal_ctor(t, &name, &ident, scope));
    if let Some((wrapper, thunk, _)) = &literal {
        wrappers.push(wrapper.clone());
        body.extend(thunk.clone());
    }
    for (i, (vname, fields, rust, doc)) in ctors.iter().enumerate() {
        let vi = format_ident!("{vname}");
        let (ns, ts): (Vec<_>, Vec<_>) = fields.iter().map(|(n, t)| (n, t)).unzip();
        let call = if rust.is_some() {
            wrappers.push(quote! {
                #[allow(non_snake_case)]
                pub fn #vi(#(#ns: #ts),*) -> #ident { type K = #ident; K::#vi { #(#ns),* } }
            });
            let w = scope.wrappers(&name).0;
            quote!(#w::#vi)
        } else {
            quote!(<#ident>::#vi)
        };
        let spec = ThunkSpec {
            name: qualified(&module_tok, &[name.clone(), vname.clone()]),
            signature: format!(
                "({}) -> {name}",
                fields
                    .iter()
                    .map(|(n, t)| format!("{}: {}", syn::ext::IdentExt::unraw(n), tytext::plain(t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            receiver: None,
            receiver_span: proc_macro2::Span::call_site(),
            params: fields
                .iter()
                .map(|(n, t)| (n, t.clone(), t.span()))
                .collect(),
            call,
            ret: None,
        };
        body.extend(thunk(&format_ident!("ctor_{i}"), &spec));
        def.methods.push(FnSig {
            name: vname.clone(),
            params: fields
                .iter()
                .map(|(n, t)| Param {
                    name: syn::ext::IdentExt::unraw(n).to_string(),
                    ty: tytext::manifest(t, &[]),
                })
                .collect(),
            ret: RustType::named("Self"),
            doc: doc.clone(),
            rust: rust.as_ref().map(|r| r.to_string()),
            registry: Some(format!("{}::{name}::{vname}", tytext::MOD)),
            ..FnSig::default()
        });
    }
    let w = scope.wrappers(&name).0;
    let (accessors, thunks) =
        super::fields::accessors(&ident, &name, &module_tok, &quote!(#w), &t.fields);
    wrappers.extend(accessors);
    body.extend(thunks);
    let module = (!wrappers.is_empty()).then(|| {
        let m = scope.wrappers(&name).0;
        quote! {
            #[doc(hidden)]
            #[allow(unused_imports)]
            pub mod #m { use super::*; #(#wrappers)* }
        }
    });
    let names = impl_names(&ident);
    let meta = scope
        .meta(
            Entry::Type {
                def,
                impls: IMPLS.into(),
            },
            true,
        )
        .with(IMPLS, names.to_vec())
        .emit(tag);
    let reg = registrar(tag, body);
    let literal_meta = literal.map(|(_, _, meta)| meta);
    quote! {
        #literal_meta
        impl ::kayton_api::export::Kind<#m> for #ident {
            const KIND_NAME: &'static str = #kind_name;
            fn kind_slot() -> &'static ::core::sync::atomic::AtomicU32 {
                static ID: ::core::sync::atomic::AtomicU32 = ::core::sync::atomic::AtomicU32::new(0);
                &ID
            }
        }
        impl<'a> ::kayton_api::export::FromArg<'a, #m> for #ident {
            unsafe fn from_arg(
                ctx: &::kayton_api::Ctx<'_>,
                v: &'a ::kayton_api::KValue,
            ) -> ::core::result::Result<Self, ::std::string::String> {
                ::kayton_api::export::kind_by_value::<#m, #ident>(ctx, v)
            }
        }
        impl ::kayton_api::export::IntoRet<#m> for #ident {
            fn into_ret(self) -> ::core::result::Result<::kayton_api::Owned, ::std::string::String> {
                ::kayton_api::export::kind_into_ret::<#m, Self>(self)
            }
        }
        #module
        #reg
        #meta
    }
}

/// The constructor of a `#[kayton::literal]` type `ident` (named `name`): its wrapper
/// (`Coord { x, y }` from the fields by name), the registry thunk, and its manifest
/// entry — a function at the type's own path, as a tuple struct's constructor is.
fn literal_ctor(
    t: &TypeItem,
    name: &str,
    ident: &TokenStream,
    scope: &Scope,
) -> (TokenStream, TokenStream, TokenStream) {
    let module_tok = scope.module();
    let (ns, ts): (Vec<_>, Vec<_>) = t.fields.iter().map(|f| (&f.name, &f.ty)).unzip();
    let wrapper = quote! {
        #[allow(non_snake_case)]
        pub fn __new(#(#ns: #ts),*) -> #ident { type K = #ident; K { #(#ns),* } }
    };
    let (w, rust) = scope.wrappers(name);
    let spec = ThunkSpec {
        name: qualified(&module_tok, &[name.to_string()]),
        signature: format!(
            "({}) -> {name}",
            t.fields
                .iter()
                .map(|f| format!(
                    "{}: {}",
                    syn::ext::IdentExt::unraw(&f.name),
                    tytext::plain(&f.ty)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        receiver: None,
        receiver_span: proc_macro2::Span::call_site(),
        params: t
            .fields
            .iter()
            .map(|f| (&f.name, f.ty.clone(), f.ty.span()))
            .collect(),
        call: quote!(#w::__new),
        ret: None,
    };
    let thunk = thunk(&format_ident!("literal"), &spec);
    let ret: syn::Type = syn::parse2(ident.clone()).expect("a type path parses");
    let sig = FnSig {
        name: name.to_string(),
        params: manifest_fields(t),
        ret: tytext::manifest(&ret, &[]),
        doc: t.doc.clone(),
        rust: Some(format!("{rust}::__new")),
        registry: Some(format!("{}::{name}", tytext::MOD)),
        ..FnSig::default()
    };
    let meta = scope
        .meta(Entry::Function { sig }, true)
        .emit(&format!("{}_literal", scope.tag));
    (wrapper, thunk, meta)
}

/// A type that borrows (`Entry<'a>`): its manifest entry only. It has no kind (kinds are
/// `'static`); a cell calls its methods on the value an expression just made.
fn borrowed_type(t: &TypeItem, scope: &Scope) -> TokenStream {
    // An instance of a generic one is named with its arguments (`Entry<i64, i64>`).
    let name = format!("{}{}", t.ident, crate::instances::args_text(&t.args));
    // Its real type, with those arguments (the lifetimes are put in by `at_static`).
    let remote = scope.remote.as_ref().map(|p| with_args(p, &t.args));
    // Its public fields too: a compiled cell reads and assigns them in place
    // (`options.extension.strikethrough = True`, comrak's `Options<'c>`); the registry,
    // which holds no such value, has no getters for them.
    let def = TypeDef {
        path: name,
        doc: t.doc.clone(),
        borrowed: true,
        fields: manifest_fields(t),
        ..TypeDef::default()
    };
    let e = Entry::Type {
        def,
        impls: IMPLS.into(),
    };
    // Its traits, probed at `'static` (`PercentEncode<'static>: Display`), so that a
    // cell may show it or call `.to_string()` on it.
    let names = match &remote {
        Some(p) => impl_names(&at_static(p, t.lifetimes)).to_vec(),
        None => Vec::new(),
    };
    // A function that takes one by reference (comrak's `markdown_to_html(md, &Options<'c>)`)
    // or by value is called by compiled cells with a value made in the argument (`Options.default()`);
    // the registry, which holds no such value, says so instead of refusing the function.
    let by_ref = match &remote {
        Some(p) => {
            let at = at_static(p, t.lifetimes);
            let m = marker();
            let why = format!(
                "a `{}` is passed only from a compiled cell (the registry holds no value of a type that borrows)",
                t.ident
            );
            quote! {
                impl<'k> ::kayton_api::export::FromArg<'k, #m> for &'k #at {
                    unsafe fn from_arg(
                        _: &::kayton_api::Ctx<'_>,
                        _: &'k ::kayton_api::KValue,
                    ) -> ::core::result::Result<Self, ::std::string::String> {
                        ::core::result::Result::Err(::std::string::String::from(#why))
                    }
                }
                // By value too: pulldown-cmark's `push_html(&mut s, parser)` consumes the
                // `Parser` a cell made.
                impl<'k> ::kayton_api::export::FromArg<'k, #m> for #at {
                    unsafe fn from_arg(
                        _: &::kayton_api::Ctx<'_>,
                        _: &'k ::kayton_api::KValue,
                    ) -> ::core::result::Result<Self, ::std::string::String> {
                        ::core::result::Result::Err(::std::string::String::from(#why))
                    }
                }
            }
        }
        None => TokenStream::new(),
    };
    let meta = scope.meta(e, false).with(IMPLS, names).emit(&scope.tag);
    quote!(#by_ref #meta)
}

/// The mirror of an unsized type (`#[kayton::owned(Utf8PathBuf)] Utf8Path`): no kind,
/// since no value of it is held. A borrowed one (a `&self` receiver, a `&Utf8Path`
/// argument) is lent by a value of its owned form, which `ToOwned` guarantees to
/// `Borrow` as it; a result is copied into one (`kayton_api::iter::Own`).
fn unsized_type(t: &TypeItem, real: &syn::Path, owned: &syn::Type, scope: &Scope) -> TokenStream {
    let def = TypeDef {
        path: t.ident.to_string(),
        doc: t.doc.clone(),
        owned: Some(tytext::plain(owned)),
        ..TypeDef::default()
    };
    let e = Entry::Type {
        def,
        impls: IMPLS.into(),
    };
    let m = marker();
    let meta = scope
        .meta(e, false)
        .with(IMPLS, Vec::new())
        .emit(&scope.tag);
    quote! {
        impl<'k> ::kayton_api::export::FromArg<'k, #m> for &'k #real {
            unsafe fn from_arg(
                ctx: &::kayton_api::Ctx<'_>,
                v: &'k ::kayton_api::KValue,
            ) -> ::core::result::Result<Self, ::std::string::String> {
                let o = <&'k #owned as ::kayton_api::export::FromArg<'k, #m>>::from_arg(ctx, v)?;
                ::core::result::Result::Ok(::core::borrow::Borrow::<#real>::borrow(o))
            }
        }
        #meta
    }
}

/// `path` with the instance arguments `args` on its last segment, after any it has.
fn with_args(path: &syn::Path, args: &[syn::Type]) -> syn::Path {
    let mut p = path.clone();
    if let (Some(last), false) = (p.segments.last_mut(), args.is_empty()) {
        let mut all: Vec<syn::GenericArgument> = match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => a.args.iter().cloned().collect(),
            _ => Vec::new(),
        };
        // A `&str` shape's `'kayton` is no lifetime here: `'static` stands for it.
        all.extend(args.iter().map(|a| {
            let text = a
                .to_token_stream()
                .to_string()
                .replace("'kayton", "'static");
            syn::GenericArgument::Type(syn::parse_str(&text).unwrap_or_else(|_| a.clone()))
        }));
        last.arguments = syn::PathArguments::AngleBracketed(syn::parse_quote!(<#(#all),*>));
    }
    p
}

/// The type at `path` with its `n` lifetimes `'static`, before any type arguments
/// (`Entry::<HeaderValue>` → `Entry<'static, HeaderValue>`).
fn at_static(path: &syn::Path, n: usize) -> TokenStream {
    let mut p = path.clone();
    if let Some(last) = p.segments.last_mut() {
        let mut args: Vec<syn::GenericArgument> = (0..n)
            .map(|_| syn::GenericArgument::Lifetime(syn::parse_quote!('static)))
            .collect();
        if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
            args.extend(a.args.iter().cloned());
        }
        last.arguments = syn::PathArguments::AngleBracketed(syn::parse_quote!(<#(#args),*>));
    }
    quote!(#p)
}

/// The std traits `ident` implements, as the `impls` text of its manifest entry (found
/// by rustc at the plugin's build: `Probe`'s inherent consts shadow the fallback's).
fn impl_names(ident: &TokenStream) -> [TokenStream; 19] {
    [
        "DISPLAY_NAME",
        "DEBUG_NAME",
        "CLONE_NAME",
        "EQ_NAME",
        "ORD_NAME",
        "ADD_NAME",
        "SUB_NAME",
        "MUL_NAME",
        "DIV_NAME",
        "REM_NAME",
        "NEG_NAME",
        "ADD_INT_NAME",
        "SUB_INT_NAME",
        "MUL_INT_NAME",
        "DIV_INT_NAME",
        "REM_INT_NAME",
        "LOWER_HEX_NAME",
        "UPPER_HEX_NAME",
        "MIME_BUNDLE_NAME",
    ]
    .map(|c| {
        let c = format_ident!("{c}");
        quote!(<::kayton_api::Probe<#ident>>::#c)
    })
}

/// A type's public fields as its manifest entry lists them.
fn manifest_fields(t: &TypeItem) -> Vec<Param> {
    t.fields
        .iter()
        .map(|f| Param {
            // `r#unsafe` (comrak's `Render::unsafe`) is `unsafe` to a cell.
            name: syn::ext::IdentExt::unraw(&f.name).to_string(),
            ty: tytext::manifest(&f.ty, &[]),
        })
        .collect()
}
