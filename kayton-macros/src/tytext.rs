//! Rust types as manifest text. Names local to the item's module are written
//! `@@MOD@@::Name`; the expansion replaces `@@MOD@@` with `module_path!()`, which only
//! the compiler knows.
use kayton_manifest::rust_type::{RustType, Segment, TypePath};
use syn::{GenericArgument, PathArguments, Type};

/// Placeholder for the item's module path in manifest text.
pub const MOD: &str = "@@MOD@@";

const BUILTIN: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char", "str", "String", "Vec", "Option", "Result", "Box", "Self",
];

/// A number, `bool` or `String` (what an in-out `&mut` parameter may lend).
pub fn is_scalar(name: &str) -> bool {
    BUILTIN[..14].contains(&name) || name == "bool" || name == "String"
}

/// The manifest type of `ty` (its lifetimes left out); `generics` are the type
/// parameters in scope (kept bare), other one-segment names are local to the module.
pub fn manifest(ty: &Type, generics: &[String]) -> RustType {
    let Ok(tree) = RustType::from_syn(ty) else {
        // Not a type the manifest can hold (a macro in type position): its text, which
        // the compiler refuses by name.
        return RustType::named(&quote::quote!(#ty).to_string());
    };
    tree.without_lifetimes().map_type_paths(&|p| {
        let mut p = p.clone();
        p.global = false;
        let first = p.segments[0].name.clone();
        let local = |p: &mut TypePath| p.segments.insert(0, Segment::plain(MOD));
        match first.as_str() {
            "self" => p.segments[0].name = MOD.to_string(),
            "super" => local(&mut p),
            f if p.segments.len() == 1
                && !BUILTIN.contains(&f)
                && !generics.iter().any(|g| g == f) =>
            {
                local(&mut p)
            }
            _ => {}
        }
        p
    })
}

/// Whether `ty` is `kayton_api::Iter<…>` (what `impl Iterator<Item = …>` returns become):
/// the call's result is boxed into it.
pub fn is_kiter(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs.len() == 2 && segs[0] == "kayton_api" && (segs[1] == "Iter" || segs[1] == "OwnedIter")
}

/// Whether `ty` names the lifetime `'_` (a value that borrows from an argument).
pub fn borrows(ty: &Type) -> bool {
    struct Finds(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finds {
        fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
            self.0 |= l.ident == "_";
        }
    }
    let mut f = Finds(false);
    syn::visit::Visit::visit_type(&mut f, ty);
    f.0
}

/// Whether `ty` is `impl Display` (`impl std::fmt::Display + 'a`): a result Keyton takes
/// as its text, for a value that cannot be held (chrono's `DelayedFormat` of `format`).
pub fn is_shown(ty: &Type) -> bool {
    let Type::ImplTrait(i) = ty else { return false };
    i.bounds.iter().any(|b| {
        matches!(b, syn::TypeParamBound::Trait(t)
            if t.path.segments.last().is_some_and(|s| s.ident == "Display"))
    })
}

/// `Result<impl Display, E>` or `Option<impl Display>` (a result of another crate's
/// type inside, dateparser's `parse` → `Result<chrono::DateTime<Utc>>`): that type with
/// `String` for the shown value, which the call's result is mapped to.
pub fn shown_inside(ty: &Type) -> Option<Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    let first = match a.args.first()? {
        syn::GenericArgument::Type(t) => t,
        _ => return None,
    };
    if !(["Result", "Option"].contains(&last.ident.to_string().as_str()) && is_shown(first)) {
        return None;
    }
    let mut out = p.clone();
    if let Some(syn::PathArguments::AngleBracketed(a)) =
        out.path.segments.last_mut().map(|s| &mut s.arguments)
    {
        a.args[0] = syn::GenericArgument::Type(syn::parse_quote!(::std::string::String));
    }
    Some(Type::Path(out))
}

/// Whether `ty` is `impl AsRef<[u8]>`: a result Keyton takes as its bytes, for a value
/// of a type the plugin cannot name (a digest's `Output<Self>`).
pub fn is_bytes(ty: &Type) -> bool {
    let Type::ImplTrait(i) = ty else { return false };
    let [syn::TypeParamBound::Trait(t)] = i.bounds.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    let Some(seg) = t.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return false;
    };
    seg.ident == "AsRef"
        && matches!(a.args.first(), Some(syn::GenericArgument::Type(Type::Slice(s)))
            if matches!(&*s.elem, Type::Path(p) if p.path.is_ident("u8")))
}

/// `X` of `Option<X>`.
pub fn option_arg(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last().filter(|s| s.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    match a.args.first() {
        Some(syn::GenericArgument::Type(t)) => Some(t),
        _ => None,
    }
}

/// The iterator in `Option<kayton_api::Iter<X>>` (clap's `get_many` → `Option<impl
/// Iterator<Item = &T>>`), collected inside the `Option`.
pub fn option_kiter(ty: &Type) -> Option<&Type> {
    option_arg(ty).filter(|t| is_kiter(t))
}

/// Whether `ty` is `kayton_api::OwnedIter<…>`: a borrowing iterator, collected owned.
pub fn is_owned_kiter(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    p.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "OwnedIter")
}

/// The number of parts of a borrowing iterator's tuple item (`OwnedIter<(K, V)>`): such
/// an item is made owned part by part ([`owned_call`]), since a part that is a crate's
/// value (slotmap's `(DefaultKey, &V)`) has no `Own` impl a plugin may write.
pub fn owned_tuple_arity(ty: &Type) -> Option<usize> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last().filter(|s| s.ident == "OwnedIter")?;
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    match a.args.first() {
        Some(syn::GenericArgument::Type(Type::Tuple(t))) if !t.elems.is_empty() => {
            Some(t.elems.len())
        }
        _ => None,
    }
}

/// The call that collects the borrowing iterator `src` (declared as `ty`, an
/// `OwnedIter<…>`) owned: `Result<Iter<_>, String>`. Tuple parts are owned one by one
/// through `OwnPart`'s autoref: `&U` (and `&mut U`) gives `U::Owned`, a value its clone.
pub fn owned_call(ty: &Type, src: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    match owned_tuple_arity(ty) {
        Some(n) => {
            let parts: Vec<syn::Ident> =
                (0..n).map(|i| quote::format_ident!("k_part{i}")).collect();
            quote::quote!(::kayton_api::Iter::owned_by(#src, |(#(#parts,)*)| {
                #[allow(unused_imports)]
                use ::kayton_api::iter::OwnPart as _;
                (#((&#parts).own_part(),)*)
            }))
        }
        None => quote::quote!(::kayton_api::Iter::owned(#src)),
    }
}

/// `ty` as written, without spaces (`Vec<i64>`, `&str`): for messages and shapes. A
/// `&'static` keeps its lifetime, as the manifest does (csv's `Reader<&'static [u8]>`
/// is the instance its signatures name).
pub fn plain(ty: &Type) -> String {
    render(ty, &|seg: &[String]| seg.join("::"))
}

fn render(ty: &Type, path: &dyn Fn(&[String]) -> String) -> String {
    match ty {
        Type::Reference(r) => {
            let m = if r.mutability.is_some() { "mut " } else { "" };
            let l = match &r.lifetime {
                Some(l) if l.ident == "static" => "'static ",
                _ => "",
            };
            format!("&{l}{m}{}", render(&r.elem, path))
        }
        Type::Slice(s) => format!("[{}]", render(&s.elem, path)),
        Type::Tuple(t) => {
            let parts: Vec<String> = t.elems.iter().map(|e| render(e, path)).collect();
            format!("({})", parts.join(", "))
        }
        Type::Paren(p) => render(&p.elem, path),
        Type::Group(g) => render(&g.elem, path),
        Type::Path(p) if p.qself.is_none() => {
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let mut out = path(&segs);
            if let Some(last) = p.path.segments.last() {
                if let PathArguments::AngleBracketed(a) = &last.arguments {
                    let args: Vec<String> = a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(render(t, path)),
                            // `WildMatchPattern<'*', '?'>`: a literal is part of the type.
                            GenericArgument::Const(syn::Expr::Lit(l)) => {
                                Some(quote::ToTokens::to_token_stream(l).to_string())
                            }
                            _ => None,
                        })
                        .collect();
                    if !args.is_empty() {
                        out.push_str(&format!("<{}>", args.join(", ")));
                    }
                }
            }
            out
        }
        // `dyn FnMut(&i64) -> bool + Send`: the closure's types rendered like any other.
        Type::TraitObject(o) => {
            let bounds: Vec<String> = o
                .bounds
                .iter()
                .filter_map(|b| match b {
                    syn::TypeParamBound::Trait(t) => Some(trait_bound(t, path)),
                    _ => None,
                })
                .collect();
            format!("dyn {}", bounds.join(" + "))
        }
        Type::ImplTrait(_) => quote::quote!(#ty)
            .to_string()
            .replace(" < ", "<")
            .replace(" >", ">"),
        other => quote::quote!(#other).to_string(),
    }
}

/// `FnMut(&i64) -> bool`, `Send`.
fn trait_bound(t: &syn::TraitBound, path: &dyn Fn(&[String]) -> String) -> String {
    let Some(last) = t.path.segments.last() else {
        return String::new();
    };
    let name = last.ident.to_string();
    match &last.arguments {
        PathArguments::Parenthesized(p) => {
            let ins: Vec<String> = p.inputs.iter().map(|t| render(t, path)).collect();
            let out = match &p.output {
                syn::ReturnType::Default => String::new(),
                syn::ReturnType::Type(_, t) => format!(" -> {}", render(t, path)),
            };
            format!("{name}({}){out}", ins.join(", "))
        }
        _ => name,
    }
}

/// Whether `ty` has an elided lifetime (`&str`, `Token<'_>`).
pub fn has_elided(ty: &Type) -> bool {
    let mut t = ty.clone();
    name_elided(&mut t)
}

/// Names every elided lifetime of `ty` `'kayton`; whether there was one. A generic
/// function's wrapper for the `&str` shape needs it: in `fn f<S: AsRef<str>>(text: S,
/// out: &mut String) -> &str` the result borrows `out`, but with `text: &'kayton str`
/// Rust cannot tell which input it borrows (E0106), so both, and the result, share
/// `'kayton`.
pub fn name_elided(ty: &mut Type) -> bool {
    struct Name(bool);
    impl syn::visit_mut::VisitMut for Name {
        fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
            if r.lifetime.is_none() {
                r.lifetime = Some(syn::Lifetime::new("'kayton", r.and_token.span));
                self.0 = true;
            }
            syn::visit_mut::visit_type_reference_mut(self, r);
        }
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            if l.ident == "_" {
                *l = syn::Lifetime::new("'kayton", l.span());
                self.0 = true;
            }
        }
    }
    let mut n = Name(false);
    syn::visit_mut::VisitMut::visit_type_mut(&mut n, ty);
    n.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        manifest(&syn::parse_str(s).unwrap(), &["T".into()]).to_string()
    }

    #[test]
    fn local_names_get_the_module() {
        assert_eq!(m("Point"), "@@MOD@@::Point");
        assert_eq!(m("&'a mut Point"), "&mut @@MOD@@::Point");
        assert_eq!(m("Result<Point, String>"), "Result<@@MOD@@::Point, String>");
        assert_eq!(m("&[T]"), "&[T]");
        assert_eq!(m("self::shapes::Circle"), "@@MOD@@::shapes::Circle");
        assert_eq!(m("super::Circle"), "@@MOD@@::super::Circle");
        assert_eq!(m("crate::Circle"), "crate::Circle");
        assert_eq!(m("std::fmt::Error"), "std::fmt::Error");
        assert_eq!(m("Option<&'static str>"), "Option<&'static str>");
        assert_eq!(plain(&syn::parse_str("Vec < i64 >").unwrap()), "Vec<i64>");
        assert_eq!(
            m("Box<dyn FnMut(&T, Point) -> bool + Send + 'static>"),
            "Box<dyn FnMut(&T, @@MOD@@::Point) -> bool + Send>"
        );
    }

    #[test]
    fn a_shown_value_inside_a_result_or_option_is_its_text() {
        let t = |s: &str| syn::parse_str::<Type>(s).unwrap();
        let text = |ty: Option<Type>| ty.map(|t| plain(&t));
        assert_eq!(
            text(shown_inside(&t("Result<impl std::fmt::Display, _>"))),
            Some("Result<std::string::String, _>".into())
        );
        assert_eq!(
            text(shown_inside(&t("Option<impl Display + '_>"))),
            Some("Option<std::string::String>".into())
        );
        assert_eq!(text(shown_inside(&t("Result<i64, _>"))), None);
        assert_eq!(text(shown_inside(&t("impl std::fmt::Display"))), None);
        assert_eq!(text(shown_inside(&t("Vec<impl std::fmt::Display>"))), None);
    }
}
