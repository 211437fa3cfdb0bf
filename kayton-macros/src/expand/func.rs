//! Free functions: a registry thunk per function (per shape for a generic one), the
//! monomorphic wrappers of the `exports` module, and their manifest fragments.
use super::{marker, registrar, Scope};
use crate::model::Func;
use crate::shapes::Shape;
use crate::tytext;
use kayton_manifest::fragment::Entry;
use kayton_manifest::{FnSig, Param, Receiver};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::Type;

/// One registry entry to generate: its thunk's parts.
pub struct ThunkSpec<'a> {
    /// `&'static str` expression: the registry name.
    pub name: TokenStream,
    pub signature: String,
    pub receiver: Option<(Receiver, Type)>,
    /// Where the receiver is written (`&self`).
    pub receiver_span: Span,
    pub params: Vec<(&'a Ident, Type, Span)>,
    /// The callee path; the arguments follow in order (receiver first).
    pub call: TokenStream,
    pub ret: Option<(Type, Span)>,
}

/// `unsafe extern "C" fn <id>(…)` plus its registration, for a registrar body.
pub fn thunk(id: &Ident, spec: &ThunkSpec) -> TokenStream {
    let mut lets = Vec::new();
    let mut names = Vec::new();
    let m = marker();
    let arity = spec.params.len() + spec.receiver.is_some() as usize;
    if let Some((r, self_ty)) = &spec.receiver {
        // The type too: a borrowed self type that needs a lifetime a shape gives
        // (`explicit lifetime required in the type of `recv``) is then reported at
        // this method, which pruning drops, not at the impl's attribute (all of it).
        let at_recv = crate::shapes::respan(quote!(#self_ty), spec.receiver_span);
        let ty = match r {
            Receiver::Ref => quote!(&#at_recv),
            Receiver::RefMut => quote!(&mut #at_recv),
            Receiver::Value => quote!(#at_recv),
        };
        // At the receiver's tokens: a self type that is not a kind is reported there.
        let recv = Ident::new("recv", spec.receiver_span);
        if crate::tytext::is_kiter(self_ty) && !matches!(r, Receiver::Value) {
            // `&mut self` of a `kayton_api::Iter` (itertools' `join`): the list the
            // caller passed, iterated; a borrow of it goes to the method.
            let by = match r {
                Receiver::RefMut => quote!(&mut),
                _ => quote!(&),
            };
            lets.push(quote_spanned! {spec.receiver_span=>
                let mut recv_value: #self_ty = ::kayton_api::export::arg::<#m, _>(c, args, nargs, 0, "self")?;
                let #recv = #by recv_value;
            });
        } else if matches!(r, Receiver::RefMut)
            && crate::shapes::is_inout(&syn::parse_quote!(&mut #self_ty))
        {
            // `&mut self` of a `String` or a number (`StrConsumer::consume`): a cell's
            // variable, written in place; the registry passes values.
            lets.push(quote_spanned! {spec.receiver_span=>
                let #recv: #ty = ::kayton_api::export::inout_arg("self")?;
            });
        } else if matches!(r, Receiver::Ref)
            && BORROWED_VALUES.contains(&tytext::plain(self_ty).as_str())
        {
            // `&self` of a number or a string (num-integer's `Integer for i64`): the
            // value, converted, then borrowed.
            lets.push(quote_spanned! {spec.receiver_span=>
                let recv_value: #self_ty = ::kayton_api::export::arg::<#m, _>(c, args, nargs, 0, "self")?;
                let #recv = &recv_value;
            });
        } else {
            lets.push(quote_spanned! {spec.receiver_span=>
                let #recv: #ty = ::kayton_api::export::arg::<#m, _>(c, args, nargs, 0, "self")?;
            });
        }
        names.push(quote!(#recv));
    }
    for (i, (name, ty, span)) in spec.params.iter().enumerate() {
        let i = i + spec.receiver.is_some() as usize;
        let n = name.to_string();
        // At the parameter's tokens, so that a mismatch with the callee points there.
        let local = Ident::new(&format!("a{i}"), *span);
        let refused = if crate::shapes::is_callable(ty) {
            // A function value exists only in a compiled cell, which calls the wrapper
            // directly; the registry (VM clients) cannot make one.
            Some(quote!(callable_arg))
        } else if crate::shapes::is_dyn_arg(ty) {
            Some(quote!(dyn_arg))
        } else if crate::shapes::is_kind_list(ty) {
            Some(quote!(kind_list_arg))
        } else if crate::shapes::is_inout(ty) {
            // Likewise a variable the call writes into (`&mut [u8]`).
            Some(quote!(inout_arg))
        } else {
            None
        };
        if let Some(refuse) = refused {
            let ty = erase(ty.clone());
            lets.push(quote_spanned! {*span=>
                let #local: #ty = ::kayton_api::export::#refuse(#n)?;
            });
            names.push(quote!(#local));
            continue;
        }
        // `&mut &[u8]` (a `R: Read` read through `&mut R`, murmur3's `murmur3_32(&mut
        // source, seed)`): the bytes are converted, and the call reads from a slice of
        // them that it may advance.
        if let Some(inner) = reader_value(ty) {
            let inner = erase(inner);
            lets.push(quote_spanned! {*span=>
                let mut #local: #inner = ::kayton_api::export::arg::<#m, #inner>(c, args, nargs, #i, #n)?;
            });
            names.push(quote_spanned!(*span=> &mut #local));
            continue;
        }
        let (ty, pass) = match borrowed_value(ty) {
            // `&i64`, `&String`, `&T` of a shape: converted by value, passed borrowed.
            // The borrow at the parameter too: an unmet bound on it points there.
            Some(inner) => (erase(inner), quote_spanned!(*span=> &#local)),
            None => (erase(ty.clone()), quote!(#local)),
        };
        lets.push(quote_spanned! {*span=>
            let #local: #ty = ::kayton_api::export::arg::<#m, #ty>(c, args, nargs, #i, #n)?;
        });
        names.push(pass);
    }
    let call = &spec.call;
    // The call's parentheses at the callee's last token (the method name, or the shape
    // of an instantiation): an unmet `where` bound is reported at the whole call, and
    // with call-site parentheses that would be the attribute, not the item.
    let call_span = spec
        .call
        .clone()
        .into_iter()
        .last()
        .map(|t| t.span())
        .unwrap_or_else(Span::call_site);
    // Spanned at the returned type, so that an unsupported one is reported there. The
    // value goes out by the best conversion it has (`export::fallback`): `IntoRet`, or a
    // kind registered for its type.
    let span = spec
        .ret
        .as_ref()
        .map(|(_, s)| *s)
        .unwrap_or_else(Span::call_site);
    let value = match &spec.ret {
        // `&[u8; 16]`: arrays are Copy, and `IntoRet` for `&[T; N]` would overlap `&T`.
        Some((Type::Reference(r), _))
            if r.mutability.is_none() && matches!(*r.elem, Type::Array(_)) =>
        {
            quote_spanned!(span=> *k_result)
        }
        // `Result<T, E>`: the error's text as a cell would raise it — its `Display` and
        // `source()` chain, else its `Debug` (`Err(())` of `Url::set_port`, itertools'
        // `Option<(T, T)>`); the `Ok` value converted.
        Some((t, _)) if result_with_error(t) => quote_spanned!(span=> k_result.map_err(|e| {
            #[allow(unused_imports)]
            use ::kayton_api::rt::{ViaErrDebug as _, ViaPlain as _, ViaSource as _};
            (&&&::kayton_api::rt::ErrText(&e)).kerr_text()
        })?),
        // An iterator result is collected here, so that a list of values with no Keyton
        // conversion (`Vec<Vec<i64>>` of `combinations`) goes out as one kind value.
        Some((t, _)) if tytext::is_kiter(t) => {
            quote_spanned!(span=> ::kayton_api::iter::collect(k_result)?)
        }
        Some((t, _)) if tytext::option_kiter(t).is_some() => quote_spanned!(span=>
            match k_result { Some(k_it) => Some(::kayton_api::iter::collect(k_it)?), None => None }
        ),
        _ => quote_spanned!(span=> k_result),
    };
    let (result, into_ret) = (
        quote_spanned!(span=> k_result),
        quote_spanned!(span=> {
            #[allow(unused_imports)]
            use ::kayton_api::export::{RetViaDebug as _, RetViaIntoRet as _, RetViaOpaque as _, RetViaOwned as _, RetViaShown as _};
            (&&&&&::kayton_api::export::RetSlot::<#m, _>::new(#value)).kayton_ret(c)
        }),
    );
    let (name, sig) = (&spec.name, &spec.signature);
    let call_expr = quote_spanned!(call_span=> #call(#(#names),*));
    // `impl Iterator<Item = T>` declared: the real iterator, boxed.
    // At the declared type: an iterator of other items is reported there.
    let call_expr = match &spec.ret {
        Some((t, span)) if tytext::is_owned_kiter(t) => {
            let owned = tytext::owned_call(t, quote!(k_src));
            quote_spanned!(*span=> { let k_src = #call_expr; #owned? })
        }
        Some((t, span)) if tytext::is_kiter(t) => {
            // Every token of the boxing at the type, so rustc reports there too.
            quote_spanned!(*span=> { let k_src = #call_expr; ::kayton_api::Iter::new(k_src) })
        }
        Some((t, span)) if tytext::option_kiter(t).is_some() => {
            let it = tytext::option_kiter(t).expect("checked");
            let each = match tytext::is_owned_kiter(it) {
                true => {
                    let owned = tytext::owned_call(it, quote!(k_src));
                    quote_spanned!(*span=> #owned?)
                }
                false => quote_spanned!(*span=> ::kayton_api::Iter::new(k_src)),
            };
            quote_spanned!(*span=> match #call_expr { Some(k_src) => Some(#each), None => None })
        }
        // `impl Display`: its text (the value may borrow an argument).
        Some((t, span)) if tytext::is_shown(t) => {
            quote_spanned!(*span=> ::std::string::ToString::to_string(&#call_expr))
        }
        // `Result<impl Display, E>`, `Option<impl Display>`: the shown value's text.
        Some((t, span)) if tytext::shown_inside(t).is_some() => quote_spanned!(*span=>
            #call_expr.map(|k_v| ::std::string::ToString::to_string(&k_v))
        ),
        // `impl AsRef<[u8]>`: its bytes.
        Some((t, span)) if tytext::is_bytes(t) => quote_spanned!(*span=>
            <[u8]>::to_vec(::std::convert::AsRef::<[u8]>::as_ref(&#call_expr))
        ),
        _ => call_expr,
    };
    // The declared return type: it is what infers a type parameter that only the result
    // mentions (`fn json<T>(self) -> Result<T>`).
    let annotation = spec.ret.as_ref().map(|(t, span)| {
        if tytext::is_shown(t) {
            return quote_spanned!(*span=> : ::std::string::String);
        }
        if tytext::is_bytes(t) {
            return quote_spanned!(*span=> : ::std::vec::Vec<u8>);
        }
        if let Some(t) = tytext::shown_inside(t) {
            let t = erase(t);
            return quote_spanned!(*span=> : #t);
        }
        let t = erase(t.clone());
        quote_spanned!(*span=> : #t)
    });
    // A result that borrows from an argument (`Entry<'_>`) cannot reach the VM: the
    // call is compiled (checking the declaration) but the registry refuses it.
    let body = if spec
        .ret
        .as_ref()
        .is_some_and(|(t, _)| tytext::borrows(t) && !tytext::is_shown(t))
    {
        quote! {
            if false {
                let _k #annotation = #call_expr;
            }
            ::kayton_api::export::borrowed_ret()
        }
    } else {
        quote! {
            let #result #annotation = #call_expr;
            #into_ret
        }
    };
    quote! {
        #[allow(non_snake_case, unused_variables, unreachable_code)]
        unsafe extern "C" fn #id(
            ctx: *const ::kayton_api::KaytonContext,
            args: *const ::kayton_api::KValue,
            nargs: usize,
            ret: *mut ::kayton_api::KRet,
        ) -> bool {
            ::kayton_api::export::thunk(ctx, nargs, #arity, ret, #name, |c| {
                #(#lets)*
                #body
            })
        }
        ctx.register_function(#name, #sig, #id);
    }
}

/// Whether `t` is `Result<_, E>` with its error type written.
fn result_with_error(t: &Type) -> bool {
    let Type::Path(p) = t else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return false;
    };
    last.ident == "Result" && a.args.len() == 2
}

pub fn free(f: &Func, scope: &Scope) -> TokenStream {
    let ident = &f.ident;
    let tag = scope.tag.as_str();
    let module_tok = scope.module();
    // A remote function is called by the real item's path.
    let callee = match &scope.remote {
        Some(p) => quote!(#p),
        None => quote!(#ident),
    };
    let Some((tparams, shapes)) = &f.generic else {
        let spec = ThunkSpec {
            name: qualified(&module_tok, &[ident.to_string()]),
            signature: signature(f, None),
            receiver: None,
            receiver_span: Span::call_site(),
            params: f
                .params
                .iter()
                .map(|p| (&p.name, p.ty.clone(), p.ty.span()))
                .collect(),
            call: callee,
            ret: f.ret.as_ref().map(|t| (t.clone(), t.span())),
        };
        let body = thunk(&format_ident!("thunk"), &spec);
        let meta = scope
            .meta(
                Entry::Function {
                    sig: sig(f, None, None),
                },
                true,
            )
            .emit(tag);
        let reg = registrar(tag, body);
        return quote! { #reg #meta };
    };
    let (module, rust_module) = scope.wrappers(&ident.to_string());
    let mut wrappers = Vec::new();
    let mut body = TokenStream::new();
    let mut metas = TokenStream::new();
    for s in shapes {
        let w = format_ident!("{}", s.ident());
        let mut params: Vec<(&Ident, Type)> = f
            .params
            .iter()
            .map(|p| (&p.name, s.subst(&p.ty, tparams)))
            .collect();
        let mut ret = f.ret.as_ref().map(|t| s.subst(t, tparams));
        let lt = s.needs_lifetime().then(|| quote!(<'kayton>));
        if lt.is_some() && ret.as_ref().is_some_and(tytext::has_elided) {
            for (_, t) in &mut params {
                tytext::name_elided(t);
            }
            ret.as_mut().map(tytext::name_elided);
        }
        let (pn, pt): (Vec<_>, Vec<_>) = params.iter().map(|(n, t)| (*n, t)).unzip();
        let ret_tok = ret.as_ref().map(|t| quote!(-> #t));
        let doc = format!("`{ident}` for `{}`.", s.name);
        // Spanned at the shape: an unmet bound is reported where the shape is listed.
        let call = match &scope.remote {
            // The real function may take `impl Trait` (no turbofish allowed): inferred.
            Some(p) => crate::shapes::respan(quote!(#p(#(#pn),*)), s.span),
            None => {
                let callee = Ident::new(&ident.to_string(), s.span);
                let turbofish = s
                    .rust_types(tparams.len())
                    .into_iter()
                    .map(|t| quote_spanned!(s.span=> #t));
                quote_spanned!(s.span=> super::#callee::<#(#turbofish),*>(#(#pn),*))
            }
        };
        let call = match &ret {
            // A wrapper cannot raise: past the collect limit it panics, which the cell
            // reports as its error.
            Some(t) if tytext::is_owned_kiter(t) => {
                let owned = tytext::owned_call(t, call);
                quote!(#owned.unwrap_or_else(|e| panic!("{e}")))
            }
            Some(t) if tytext::is_kiter(t) => quote!(::kayton_api::Iter::new(#call)),
            Some(t) if tytext::option_kiter(t).is_some() => {
                let it = tytext::option_kiter(t).expect("checked");
                let each = match tytext::is_owned_kiter(it) {
                    true => {
                        let owned = tytext::owned_call(it, quote!(k_src));
                        quote!(#owned.unwrap_or_else(|e| panic!("{e}")))
                    }
                    false => quote!(::kayton_api::Iter::new(k_src)),
                };
                quote!(match #call { Some(k_src) => Some(#each), None => None })
            }
            _ => call,
        };
        wrappers.push(quote! {
            #[doc = #doc]
            pub fn #w #lt(#(#pn: #pt),*) #ret_tok {
                #call
            }
        });
        let spec = ThunkSpec {
            name: qualified(&module_tok, &[ident.to_string(), format!("[{}]", s.name)]),
            signature: signature(f, Some((tparams, s))),
            receiver: None,
            receiver_span: Span::call_site(),
            params: params
                .iter()
                .map(|(n, t)| (*n, t.clone(), s.span))
                .collect(),
            call: quote!(#module::#w),
            ret: ret.map(|t| (t, s.span)),
        };
        body.extend(thunk(&format_ident!("thunk_{}", s.ident()), &spec));
        let sig = sig(
            f,
            Some((tparams, s)),
            Some(format!("{rust_module}::{}", s.ident())),
        );
        let mtag = format!("{tag}_{}", s.ident());
        metas.extend(scope.meta(Entry::Function { sig }, true).emit(&mtag));
    }
    let reg = registrar(tag, body);
    let mdoc = format!("Monomorphic wrappers of `{ident}` (Keyton's `exports`).");
    quote! {
        #[doc = #mdoc]
        #[doc(hidden)]
        #[allow(unused_imports, clippy::ptr_arg)]
        pub mod #module {
            use super::*;
            #(#wrappers)*
        }
        #reg
        #metas
    }
}

/// `concat!(module, "::a", "::b")` (a bracketed part is appended without `::`).
pub fn qualified(module: &TokenStream, parts: &[String]) -> TokenStream {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| {
            if p.starts_with('[') {
                p.clone()
            } else {
                format!("::{p}")
            }
        })
        .collect();
    quote!(::core::concat!(#module, #(#parts),*))
}

/// The manifest signature of `f`, instantiated for `shape` if given.
pub fn sig(f: &Func, shape: Option<(&[Ident], &Shape)>, rust: Option<String>) -> FnSig {
    let text = |t: &Type| match shape {
        Some((tps, s)) => {
            tytext::manifest(&s.subst(t, tps), &[]).rename_path("kayton_api::Dynamic", "Dynamic")
        }
        None => tytext::manifest(t, &[]),
    };
    let registry = match shape {
        Some((_, s)) => format!("{}::{}[{}]", tytext::MOD, f.ident, s.name),
        None => format!("{}::{}", tytext::MOD, f.ident),
    };
    FnSig {
        name: f.ident.to_string(),
        receiver: f.receiver,
        params: f
            .params
            .iter()
            .map(|p| Param {
                name: syn::ext::IdentExt::unraw(&p.name).to_string(),
                ty: text(&p.ty),
            })
            .collect(),
        ret: f.ret.as_ref().map(text).unwrap_or_default(),
        doc: f.doc.clone(),
        rust,
        shape: shape.map(|(_, s)| s.name.to_string()),
        registry: Some(registry),
        ..FnSig::default()
    }
}

/// Keyton-visible signature text for the registry (`(x: i64) -> i64`).
pub fn signature(f: &Func, shape: Option<(&[Ident], &Shape)>) -> String {
    let s = sig(f, shape, None);
    let ps: Vec<String> = s
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect();
    format!("({}) -> {}", ps.join(", "), s.ret).replace(&format!("{}::", tytext::MOD), "")
}

/// `ty` with the type parameter `tp` replaced by `with`.
pub fn subst(ty: &Type, tp: &Ident, with: &Type) -> Type {
    struct S<'a>(&'a Ident, &'a Type);
    impl VisitMut for S<'_> {
        fn visit_type_mut(&mut self, t: &mut Type) {
            if let Type::Path(p) = t {
                if p.qself.is_none() && p.path.is_ident(self.0) {
                    *t = self.1.clone();
                    return;
                }
            }
            syn::visit_mut::visit_type_mut(self, t);
        }
    }
    let mut t = ty.clone();
    S(tp, with).visit_type_mut(&mut t);
    t
}

/// Values Keyton passes by value that a Rust signature may take by reference: a borrow
/// of the converted value is passed. `&T` of an instantiated `T` is the common case
/// (`serde_json::to_string<T: Serialize>(value: &T)`).
const BORROWED_VALUES: &[&str] = &[
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "bool",
    "String",
    "Vec<i64>",
    "Vec<f64>",
    "Vec<String>",
    "&str",
    "kayton_api::Dynamic",
];

/// `X` of a parameter `&X` that converts by value (see [`BORROWED_VALUES`]).
fn borrowed_value(ty: &Type) -> Option<Type> {
    let Type::Reference(r) = ty else {
        return None;
    };
    if r.mutability.is_some() {
        return None;
    }
    // Lifetimes and a leading `::` are not in the plain text. Arrays (`&[u8; 16]`)
    // convert by value too.
    // The serde bridge's `Serde` (data) too, and std's maps (a dict, converted).
    let plain = tytext::plain(&r.elem);
    let map = ["HashMap", "BTreeMap"]
        .iter()
        .any(|m| plain.starts_with(&format!("{m}<")) || plain.contains(&format!("::{m}<")));
    (matches!(*r.elem, Type::Array(_))
        || BORROWED_VALUES.contains(&plain.as_str())
        || kayton_manifest::symbols::is_serde_data(&plain)
        || map)
        .then(|| (*r.elem).clone())
}

/// The `&[u8]` of a `&mut &[u8]` parameter (a byte slice read as a `std::io::Read`).
pub fn reader_value(ty: &Type) -> Option<Type> {
    let Type::Reference(r) = ty else {
        return None;
    };
    r.mutability?;
    (tytext::plain(&r.elem) == "&[u8]").then(|| (*r.elem).clone())
}

/// `ty` with every lifetime made `'_` (for `let` annotations inside a thunk).
pub fn erase(mut ty: Type) -> Type {
    struct E;
    impl VisitMut for E {
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            *l = syn::Lifetime::new("'_", l.span());
        }
    }
    E.visit_type_mut(&mut ty);
    ty
}
