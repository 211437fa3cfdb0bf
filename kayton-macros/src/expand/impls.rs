//! `impl` blocks, trait impls, trait definitions and `pub use` aliases.
use super::func::{qualified, sig, signature, subst, thunk, ThunkSpec};
use super::{registrar, Meta, Scope};
use crate::model::{Alias, ConstItem, Func, ImplBlock, TraitImpl, TraitItem, TypeAliasItem};
use crate::shapes::respan;
use crate::tytext;
use kayton_manifest::fragment::Entry;
use kayton_manifest::{Const, TraitDef};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::Type;

const KNOWN: &[&str] = kayton_manifest::assemble::KNOWN_TRAITS;

pub fn inherent(i: &ImplBlock, scope: &Scope) -> TokenStream {
    let self_ty = &i.self_ty;
    if i.generics.lifetimes().next().is_some() {
        return borrowed(&i.self_ty, &i.methods, scope);
    }
    // Methods reached through `Deref` are the target's, called with the receiver
    // coerced (`<Table>::get(&doc, key)` for a `&DocumentMut`).
    let callee = match &i.deref {
        Some(target) => quote!(#target),
        None => quote!(#self_ty),
    };
    let (body, methods) = methods(&i.methods, self_ty, scope, |m| quote!(<#callee>::#m));
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
    let meta = scope.meta(entry, true).emit(&scope.tag);
    let reg = registrar(&scope.tag, body);
    quote! { #reg #meta }
}

/// A generic method's type parameters and one shape they are instantiated at.
type Instance<'a> = (&'a [proc_macro2::Ident], &'a crate::shapes::Shape);

/// The methods of a type that borrows (`impl<'a> Entry<'a>`): no registry thunks (no
/// value of it outlives a cell's expression, so none reaches the VM), but each call is
/// compiled once in a check function, so a declaration that does not match the real
/// method is an error at the declaration; the manifest lets cells call them.
fn borrowed(self_ty: &Type, fns: &[Func], scope: &Scope) -> TokenStream {
    // Lifetimes elided (`SliceRead<'_>`): a declaration writes none (`new(slice: &[u8])`
    // of the real `&'a [u8]`), and the check infers them.
    let self_ty = &super::func::erase(self_ty.clone());
    let mut checks = TokenStream::new();
    let mut sigs = Vec::new();
    // A generic method once per shape (handlebars' `render_template::<T>` of
    // `Handlebars<'reg>`), each checked at its shape.
    let mut each: Vec<(usize, &Func, Option<Instance>)> = Vec::new();
    for (n, f) in fns.iter().enumerate() {
        match &f.generic {
            None => each.push((n, f, None)),
            Some((tps, shapes)) => {
                each.extend(shapes.iter().map(|s| (n, f, Some((tps.as_slice(), s)))));
            }
        }
    }
    for (n, f, shape) in each {
        let m = &f.ident;
        // At the shape's tokens when instantiated: an error only that shape causes (a
        // `Dynamic` that is not `Serialize`) prunes that shape, not the method.
        let fix = |t: &Type| -> TokenStream {
            let t = replace_self(t, self_ty);
            match shape {
                Some((tps, s)) => {
                    let st = s.subst(&t, tps);
                    respan(quote!(#st), s.span)
                }
                None => quote!(#t),
            }
        };
        // At the method: rustc reports a borrowed type's receiver that needs a lifetime
        // (`explicit lifetime required in the type of `recv``) there, so pruning drops
        // that method rather than the whole impl (cookie's `Cookie<'c>`).
        let recv = f.receiver.map(|r| {
            let t = match r {
                kayton_manifest::Receiver::Ref => quote!(recv: &#self_ty,),
                kayton_manifest::Receiver::RefMut => quote!(recv: &mut #self_ty,),
                kayton_manifest::Receiver::Value => quote!(recv: #self_ty,),
            };
            respan(t, m.span())
        });
        let pass_recv = f.receiver.map(|_| quote!(recv,));
        // The arguments too: rustc reports an unmet bound at the argument.
        let (pn, pt): (Vec<_>, Vec<_>) = f
            .params
            .iter()
            .map(|p| match shape {
                Some((_, s)) => (
                    proc_macro2::Ident::new(&p.name.to_string(), s.span),
                    fix(&p.ty),
                ),
                None => (p.name.clone(), fix(&p.ty)),
            })
            .unzip();
        let check = match shape {
            Some((_, s)) => format_ident!("__kayton_check_{}_{n}_{}", scope.tag, s.ident()),
            None => format_ident!("__kayton_check_{}_{n}", scope.tag),
        };
        let span = shape.map(|(_, s)| s.span).unwrap_or_else(|| m.span());
        let call = respan(quote!(<#self_ty>::#m), span);
        let bind = match &f.ret {
            // (`impl Display` results are checked unannotated: no `let` may hold one.)
            Some(t)
                if !tytext::is_kiter(t)
                    && tytext::option_kiter(t).is_none()
                    && !tytext::is_shown(t)
                    && tytext::shown_inside(t).is_none() =>
            {
                let t = fix(t);
                quote!(let _k: #t = #call(#pass_recv #(#pn),*);)
            }
            _ => quote!(let _k = #call(#pass_recv #(#pn),*);),
        };
        // `'kayton` of a `&str` shape is the check's own.
        let lt = shape
            .filter(|(_, s)| s.needs_lifetime())
            .map(|_| quote!(<'kayton>));
        // All of it at the shape (or the method): an error rustc places on the check's
        // own tokens (an unmet projection bound, `<i64 as IntoIterator>::Item` of
        // form_urlencoded's `extend_pairs<I, K, V>`) prunes that shape, not the impl.
        checks.extend(respan(
            quote! {
                #[doc(hidden)]
                #[allow(dead_code, non_snake_case, clippy::all)]
                fn #check #lt(#recv #(#pn: #pt),*) { #bind }
            },
            span,
        ));
        let mut s = sig(f, shape, None);
        s.registry = None;
        sigs.push(s);
    }
    let entry = Entry::Impl {
        self_ty: tytext::plain(self_ty),
        methods: sigs,
        consts: Vec::new(),
    };
    let meta = scope.meta(entry, false).emit(&scope.tag);
    quote! { #checks #meta }
}

pub fn trait_impl(t: &TraitImpl, scope: &Scope) -> TokenStream {
    let self_ty = &t.self_ty;
    let path = &t.trait_path;
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let last = segs.last().cloned().unwrap_or_default();
    // Display, Debug, …: Keyton uses them through the type's kind; nothing to call.
    let known =
        KNOWN.contains(&last.as_str()) && !matches!(segs[0].as_str(), "crate" | "self" | "super");
    // `Index` keeps its key (`std::ops::Index<usize>`): the manifest's `index` methods
    // are called through it.
    let index = known && last == "Index" && !t.methods.is_empty();
    let trait_text = if index {
        "std::ops::Index".to_string()
    } else if known {
        format!("std::{last}")
    } else {
        match segs[0].as_str() {
            "crate" => segs.join("::"),
            "self" => segs[1..].join("::"),
            _ => segs.join("::"),
        }
    };
    // The trait's arguments stay (`From<u32>`): an associated function is called
    // through the trait at them (`<BigUint as From<u32>>::from`).
    let trait_text = match path.segments.last().map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) if !known || index => {
            let ty: Type = syn::parse_quote!(X #a);
            let text = tytext::manifest(&ty, &[]).to_string();
            format!("{trait_text}{}", &text[text.find('<').unwrap_or(0)..])
        }
        _ => trait_text,
    };
    if index {
        let (checks, methods) = super::index::checks(t, scope);
        let self_text = tytext::manifest(self_ty, &[]).to_string();
        let entry = Entry::TraitImpl {
            trait_path: trait_text,
            self_ty: self_text,
            methods,
        };
        let meta = scope.meta(entry, false).emit(&scope.tag);
        return quote! { #checks #meta };
    }
    if !known && tytext::borrows(self_ty) {
        // Of a type that borrows (names' `Iterator for Generator<'_>`): checked, not
        // registered, as its inherent methods are; cells call them by method syntax.
        return borrowed(self_ty, &t.methods, scope);
    }
    let (body, methods) = if known {
        (TokenStream::new(), Vec::new())
    } else {
        methods(
            &t.methods,
            self_ty,
            scope,
            // At the method: a bound the method needs of the type (`Self:
            // DoubleEndedIterator`) is reported there, not at the impl.
            |m| respan(quote!(<#self_ty as #path>::#m), m.span()),
        )
    };
    let self_text = match self_ty {
        Type::Path(p) if p.path.segments.len() == 1 => tytext::plain(self_ty),
        other => tytext::manifest(other, &[]).to_string(),
    };
    let entry = Entry::TraitImpl {
        trait_path: trait_text,
        self_ty: self_text,
        methods,
    };
    let has_thunks = !body.is_empty();
    let meta = scope.meta(entry, has_thunks).emit(&scope.tag);
    let reg = has_thunks.then(|| registrar(&scope.tag, body));
    quote! { #reg #meta }
}

/// The thunks (in a registrar body) and manifest signatures of `fs`, methods of
/// `self_ty`, each called through `call(name)`; a generic one once per shape.
fn methods(
    fs: &[Func],
    self_ty: &Type,
    scope: &Scope,
    call: impl Fn(&proc_macro2::Ident) -> TokenStream,
) -> (TokenStream, Vec<kayton_manifest::FnSig>) {
    let module_tok = scope.module();
    // Registry names are `<module>::<Type>::<method>`; a remote self type is already a
    // full path, whose module is the scope's.
    let self_name = match (&scope.remote, self_ty) {
        // `itertools::Either<i64, i64>` → `Either<i64, i64>`.
        (Some(_), Type::Path(_)) => {
            let full = tytext::plain(self_ty);
            let head = full.find('<').unwrap_or(full.len());
            match full[..head].rfind("::") {
                Some(i) => full[i + 2..].to_string(),
                None => full,
            }
        }
        _ => tytext::plain(self_ty),
    };
    let mut body = TokenStream::new();
    let mut sigs = Vec::new();
    for (n, f) in fs.iter().enumerate() {
        let m = &f.ident;
        let registry = |shape: Option<&str>| {
            let mut s = format!("{}::{self_name}::{m}", tytext::MOD);
            if let Some(shape) = shape {
                s.push_str(&format!("[{shape}]"));
            }
            s
        };
        let Some((tparams, shapes)) = &f.generic else {
            let spec = spec(f, self_ty, &self_name, &module_tok, None, call(m));
            body.extend(thunk(&format_ident!("m{n}"), &spec));
            let mut s = sig(f, None, None);
            s.registry = Some(registry(None));
            sigs.push(s);
            continue;
        };
        for s in shapes {
            let callee = match result_only_in_iterator(f, tparams) {
                // Its parameters given: collecting the iterator hides them from inference.
                true => {
                    let (c, tys) = (call(m), s.rust_types(tparams.len()));
                    respan(quote!(#c::<#(#tys),*>), s.span)
                }
                false => respan(call(m), s.span),
            };
            let spec = spec(
                f,
                self_ty,
                &self_name,
                &module_tok,
                Some((tparams, s)),
                callee,
            );
            body.extend(thunk(&format_ident!("m{n}_{}", s.ident()), &spec));
            let mut sg = sig(f, Some((tparams, s)), None);
            sg.registry = Some(registry(Some(&s.name)));
            sigs.push(sg);
        }
    }
    (body, sigs)
}

/// Whether a type parameter of `f` is named by no parameter and its result is an
/// optional iterator, collected (clap's `get_many<T>(&self, id) -> Option<impl Iterator<Item =
/// &T>>`): the call then names the shape's types, which rustc cannot infer through the
/// collecting.
fn result_only_in_iterator(f: &Func, tparams: &[proc_macro2::Ident]) -> bool {
    // (A bare iterator is boxed as it is, which infers them: itertools' `map_into`.)
    let iterates = f
        .ret
        .as_ref()
        .is_some_and(|t| tytext::option_kiter(t).is_some());
    let named = |t: &Type, id: &proc_macro2::Ident| {
        quote!(#t)
            .to_string()
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| *id == w)
    };
    iterates
        && tparams
            .iter()
            .any(|tp| !f.params.iter().any(|p| named(&p.ty, tp)))
}

/// The thunk of method `f` of `self_ty`, instantiated for `shape` if given.
fn spec<'a>(
    f: &'a Func,
    self_ty: &Type,
    self_name: &str,
    module_tok: &TokenStream,
    shape: Option<(&[proc_macro2::Ident], &crate::shapes::Shape)>,
    call: TokenStream,
) -> ThunkSpec<'a> {
    let fix = |t: &Type| {
        let t = replace_self(t, self_ty);
        match shape {
            Some((tps, s)) => s.subst(&t, tps),
            None => t,
        }
    };
    let span = |t: &Type| shape.map(|(_, s)| s.span).unwrap_or_else(|| t.span());
    let mut parts = vec![self_name.to_string(), f.ident.to_string()];
    if let Some((_, s)) = shape {
        parts.push(format!("[{}]", s.name));
    }
    ThunkSpec {
        name: qualified(module_tok, &parts),
        signature: signature(f, shape),
        receiver: f.receiver.map(|r| (r, self_ty.clone())),
        // An instantiation's receiver at its shape: rustc reports a `where` bound the
        // shape fails (`String: Borrow<Q>`) at the first argument, the receiver.
        receiver_span: shape.map(|(_, s)| s.span).unwrap_or(f.receiver_span),
        params: f
            .params
            .iter()
            .map(|p| (&p.name, fix(&p.ty), span(&p.ty)))
            .collect(),
        call,
        ret: f.ret.as_ref().map(|t| (fix(t), span(t))),
    }
}

pub fn trait_def(t: &TraitItem, tag: &str) -> TokenStream {
    let def = TraitDef {
        path: t.ident.to_string(),
        methods: t.methods.iter().map(|f| sig(f, None, None)).collect(),
        implemented_for: vec![],
        primitive_impls: Default::default(),
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

/// `pub type Name = Target;`: a fragment naming the target. A remote alias (bindgen's
/// `#[kayton::export(remote = chrono::Duration)] pub type Duration = chrono::TimeDelta;`)
/// is not emitted; a check that both name one type is, so a wrong declaration is a
/// compile error at it.
pub fn type_alias(a: &TypeAliasItem, scope: &Scope) -> TokenStream {
    let target = &a.target;
    let ps = &a.params;
    let generics = (!ps.is_empty()).then(|| quote!(<#(#ps),*>));
    let check = scope.remote.as_ref().map(|p| {
        let f = format_ident!("__kayton_alias_{}", scope.tag);
        quote! {
            #[doc(hidden)]
            #[allow(dead_code, non_snake_case)]
            fn #f #generics(x: #p #generics) -> #target { x }
        }
    });
    // An alias of a generic type names the type itself (its bare path); one that fixes
    // some of its parameters (`Point2D<T> = euclid::Point2D<T, UnknownUnit>`) names the
    // instances that match, its own parameters `_` (`euclid::Point2D<_, UnknownUnit>`).
    let names: Vec<String> = ps.iter().map(ToString::to_string).collect();
    let mut target_text = tytext::manifest(target, &names);
    if let (false, Some(p)) = (ps.is_empty(), target_text.as_path()) {
        let args: Vec<String> = p.type_args().iter().map(ToString::to_string).collect();
        // (An alias of std's `HashMap` with the crate's hasher, fnv's `FnvHashMap<K, V>`,
        // is a dict: it names the map itself. One without, over its two parameters
        // (xmltree's `AttributeMap<K, V>`), is that map: `HashMap<_, _>`, which the
        // manifest writes out where it is named.)
        let std_map = kayton_manifest::symbols::STD_MAPS.contains(&p.bare().as_str());
        target_text = if std_map && args == names && args.len() == 2 {
            kayton_manifest::RustType::parse(&format!("{}<_, _>", p.bare()))
                .unwrap_or_else(|_| kayton_manifest::RustType::named(&p.bare()))
        } else if args == names || std_map {
            kayton_manifest::RustType::named(&p.bare())
        } else {
            let holes: Vec<&str> = args
                .iter()
                .map(|a| if names.contains(a) { "_" } else { a.as_str() })
                .collect();
            kayton_manifest::RustType::parse(&format!("{}<{}>", p.bare(), holes.join(", ")))
                .unwrap_or_else(|_| kayton_manifest::RustType::named(&p.bare()))
        };
    }
    let e = Entry::TypeAlias {
        name: a.ident.to_string(),
        target: target_text,
    };
    let meta = scope.meta(e, false).emit(&scope.tag);
    quote! { #check #meta }
}

/// `pub const NAME: Ty`: a fragment naming it. A remote one (bindgen's
/// `#[kayton::export(remote = percent_encoding::NON_ALPHANUMERIC)] pub const
/// NON_ALPHANUMERIC: &'static AsciiSet;`) is not emitted; a check that the real constant
/// has the declared type is, so a wrong declaration is a compile error at it.
pub fn constant(c: &ConstItem, scope: &Scope) -> TokenStream {
    let ty = &c.ty;
    let check = scope.remote.as_ref().map(|p| {
        let f = format_ident!("__kayton_const_{}", scope.tag);
        quote! {
            #[doc(hidden)]
            #[allow(dead_code, non_snake_case)]
            fn #f() -> #ty { #p }
        }
    });
    let e = Entry::Const {
        name: c.ident.to_string(),
        ty: tytext::manifest(ty, &[]),
    };
    let meta = scope.meta(e, false).emit(&scope.tag);
    quote! { #check #meta }
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
