//! Registry accessors of a struct's public fields: `crate::Type::get_<field>` (a copy of
//! the value) and `crate::Type::set_<field>` (assignment, converted and checked like an
//! argument). Only fields of value types get them — numbers, `bool`, `String`, and
//! `Vec`/`Option`/tuples of those — since a field of another type may not be `Clone`.
//! Compiled cells read and assign fields directly and need none of this.
use super::func::{qualified, thunk, ThunkSpec};
use crate::model::Param;
use kayton_manifest::Receiver;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{GenericArgument, PathArguments, Type};

const VALUES: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "String",
];

/// Whether values of `ty` convert both ways and can be copied out of a field.
pub fn is_value_type(ty: &Type) -> bool {
    match ty {
        Type::Tuple(t) => !t.elems.is_empty() && t.elems.iter().all(is_value_type),
        Type::Paren(p) => is_value_type(&p.elem),
        Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            let name = last.ident.to_string();
            match &last.arguments {
                PathArguments::None => VALUES.contains(&name.as_str()),
                PathArguments::AngleBracketed(a) if name == "Vec" || name == "Option" => {
                    matches!(a.args.first(), Some(GenericArgument::Type(t)) if a.args.len() == 1 && is_value_type(t))
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The wrapper fns (for the type's wrappers module) and the thunks (for its registrar)
/// of the accessors of `fields` of the type `ident` (its Rust path).
pub fn accessors(
    ident: &TokenStream,
    type_name: &str,
    module_tok: &TokenStream,
    wrappers_path: &TokenStream,
    fields: &[Param],
) -> (Vec<TokenStream>, TokenStream) {
    let (mut wrappers, mut thunks) = (Vec::new(), TokenStream::new());
    let self_ty: Type = syn::parse2(ident.clone()).expect("a type path");
    let value = format_ident!("value");
    for f in fields.iter().filter(|f| is_value_type(&f.ty)) {
        let (field, ty) = (&f.name, &f.ty);
        let (get, set) = (format_ident!("get_{field}"), format_ident!("set_{field}"));
        wrappers.push(quote! {
            pub fn #get(this: &#ident) -> #ty { ::core::clone::Clone::clone(&this.#field) }
            pub fn #set(this: &mut #ident, value: #ty) { this.#field = value; }
        });
        let ty_text = crate::tytext::plain(ty);
        let getter = ThunkSpec {
            name: qualified(module_tok, &[type_name.into(), get.to_string()]),
            signature: format!("(&self) -> {ty_text}"),
            receiver: Some((Receiver::Ref, self_ty.clone())),
            receiver_span: Span::call_site(),
            params: Vec::new(),
            call: quote!(#wrappers_path::#get),
            ret: Some((ty.clone(), Span::call_site())),
        };
        let setter = ThunkSpec {
            name: qualified(module_tok, &[type_name.into(), set.to_string()]),
            signature: format!("(&mut self, value: {ty_text})"),
            receiver: Some((Receiver::RefMut, self_ty.clone())),
            receiver_span: Span::call_site(),
            params: vec![(&value, ty.clone(), Span::call_site())],
            call: quote!(#wrappers_path::#set),
            ret: None,
        };
        thunks.extend(thunk(&format_ident!("get_{field}"), &getter));
        thunks.extend(thunk(&format_ident!("set_{field}"), &setter));
    }
    (wrappers, thunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_types_are_numbers_strings_and_containers_of_them() {
        let v = |s: &str| is_value_type(&syn::parse_str(s).unwrap());
        for yes in [
            "f64",
            "u8",
            "String",
            "Vec<i64>",
            "Option<String>",
            "(i64, bool)",
        ] {
            assert!(v(yes), "{yes}");
        }
        for no in [
            "Point",
            "&str",
            "Vec<Point>",
            "HashMap<String, i64>",
            "()",
            "char",
        ] {
            assert!(!v(no), "{no}");
        }
    }
}
