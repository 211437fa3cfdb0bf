//! The seven instantiation shapes: how they are written, named and substituted. A
//! remote declaration (what bindgen writes) may also list another type a bound names
//! (`Option<Duration>` for `T: Into<Option<Duration>>`), a boxed closure for a
//! parameter bounded by `Fn*` (`Box<dyn FnMut(i64) -> bool>`, which implements it), and
//! a group `{K, F}` that gives each type parameter its own type, in order.
use proc_macro2::Span;
use syn::Type;

pub const NAMES: &[&str] = &[
    "i64", "f64", "&str", "String", "Vec<i64>", "Vec<f64>", "Dynamic",
];

/// One listed shape, with the span of where the user wrote it.
#[derive(Clone)]
pub struct Shape {
    /// Canonical text (`&str`, `Vec<i64>`, or a listed type as written).
    pub name: String,
    pub span: Span,
    /// A type that is not one of the seven (remote declarations only).
    pub other: Option<Type>,
    /// `{A, B}`: one shape per type parameter, in order.
    pub per_param: Option<Vec<Shape>>,
}

impl Shape {
    /// The wrapper's name in the `exports` module (`vec_i64`).
    pub fn ident(&self) -> String {
        if self.other.is_some() || self.per_param.is_some() {
            let mut id: String = self
                .name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            id.insert_str(0, "t_");
            return id;
        }
        match self.name.as_str() {
            "i64" => "i64",
            "f64" => "f64",
            "&str" => "str",
            "String" => "string",
            "Vec<i64>" => "vec_i64",
            "Vec<f64>" => "vec_f64",
            _ => "dynamic",
        }
        .to_string()
    }
    /// The Rust type substituted for the type parameter (`&str` borrows for `'kayton`).
    pub fn rust_type(&self) -> Type {
        if let Some(t) = &self.other {
            let ts = quote::ToTokens::to_token_stream(t);
            return syn::parse2(respan(ts, self.span)).expect("a listed type re-parses");
        }
        let text = match self.name.as_str() {
            "&str" => "&'kayton str",
            "Dynamic" => "::kayton_api::Dynamic",
            other => other,
        };
        let ts: proc_macro2::TokenStream = text.parse().expect("shape types lex");
        syn::parse2(respan(ts, self.span)).expect("shape types parse")
    }
    pub fn needs_lifetime(&self) -> bool {
        match &self.per_param {
            Some(each) => each.iter().any(Shape::needs_lifetime),
            None => self.name == "&str",
        }
    }
    /// The type each of `n` type parameters is replaced by.
    pub fn rust_types(&self, n: usize) -> Vec<Type> {
        match &self.per_param {
            Some(each) => each.iter().map(Shape::rust_type).collect(),
            None => vec![self.rust_type(); n],
        }
    }
    /// `ty` with each of the type parameters `tps` replaced by its type in this shape.
    pub fn subst(&self, ty: &Type, tps: &[syn::Ident]) -> Type {
        tps.iter()
            .zip(self.rust_types(tps.len()))
            .fold(ty.clone(), |t, (tp, with)| {
                crate::expand::func::subst(&t, tp, &with)
            })
    }
}

/// Whether `ty` is a boxed closure (`Box<dyn FnMut(i64) -> bool>`): a parameter of that
/// type takes a Keyton function from a compiled cell.
pub fn is_callable(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return false;
    };
    if last.ident != "Box" {
        return false;
    }
    let Some(syn::GenericArgument::Type(Type::TraitObject(o))) = a.args.first() else {
        return false;
    };
    o.bounds.iter().any(|b| match b {
        syn::TypeParamBound::Trait(t) => t
            .path
            .segments
            .last()
            .is_some_and(|s| ["Fn", "FnMut", "FnOnce"].contains(&s.ident.to_string().as_str())),
        _ => false,
    })
}

/// The one type argument of `ty` when it is `wrapper<T>` (`Box<dyn Node>`, `Vec<Point>`).
fn only_arg_of<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    match (a.args.len(), a.args.first()) {
        (1, Some(syn::GenericArgument::Type(t))) if last.ident == wrapper => Some(t),
        _ => None,
    }
}

/// Whether `ty` is a trait object taken boxed or lent (`Box<dyn Node>`, `&dyn Error`):
/// a compiled cell passes any value of a type implementing the trait; the registry has
/// no way to make one of a kind value.
pub fn is_dyn_arg(ty: &Type) -> bool {
    let inner = match ty {
        Type::Reference(r) => &*r.elem,
        Type::Path(_) => match only_arg_of(ty, "Box") {
            Some(t) => t,
            None => return false,
        },
        _ => return false,
    };
    matches!(inner, Type::TraitObject(_)) && !is_callable(&syn::parse_quote!(Box<#inner>))
}

/// Whether `ty` is a list of values of a named type (`Vec<Point>`, `&[DiffOp]`), not
/// of a number, a string or another type the ABI has lists of: a compiled cell passes
/// its list as it is; the registry has no list of kind values to pass.
pub fn is_kind_list(ty: &Type) -> bool {
    let elem = match ty {
        Type::Reference(r) if r.mutability.is_none() => match &*r.elem {
            Type::Slice(s) => &*s.elem,
            _ => return false,
        },
        Type::Path(_) => match only_arg_of(ty, "Vec") {
            Some(t) => t,
            None => return false,
        },
        _ => return false,
    };
    let Type::Path(p) = elem else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    // Types the ABI converts lists of (or that are no crate's values).
    const CONVERTED: &[&str] = &[
        "String", "Dynamic", "Box", "Option", "Vec", "Cow", "Arc", "Rc", "PathBuf", "Duration",
        "Self",
    ];
    p.qself.is_none()
        && name.chars().next().is_some_and(char::is_uppercase)
        && !CONVERTED.contains(&name.as_str())
}

/// The shape a written type names: one of the seven, or (`remote`) any other type.
pub fn lookup(written: &Type, span: Span, remote: bool) -> syn::Result<Shape> {
    let text = crate::tytext::plain(written);
    match NAMES.iter().find(|n| **n == text) {
        Some(name) => Ok(Shape {
            name: name.to_string(),
            span,
            other: None,
            per_param: None,
        }),
        None if remote || is_callable(written) => Ok(Shape {
            name: text,
            span,
            other: Some(written.clone()),
            per_param: None,
        }),
        None => Err(syn::Error::new(
            span,
            format!(
                "`{text}` is not an instantiation shape; the shapes are: {}",
                NAMES.join(", ")
            ),
        )),
    }
}

/// Whether `ty` is an in-out parameter (`&mut [u8]`, `&mut Vec<u8>`, `&mut String`,
/// `&mut f32`): a compiled cell lends it a variable it writes back; the registry,
/// whose arguments are values, cannot.
pub fn is_inout(ty: &Type) -> bool {
    let Type::Reference(r) = ty else { return false };
    if r.mutability.is_none() {
        return false;
    }
    match &*r.elem {
        Type::Slice(_) => true,
        Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            let n = s.ident.to_string();
            n == "Vec"
                || (p.path.segments.len() == 1
                    && s.arguments.is_none()
                    && crate::tytext::is_scalar(&n))
        }),
        _ => false,
    }
}

/// A group `{A, B}` must name one type per type parameter.
pub fn check_groups(shapes: &[Shape], params: usize) -> syn::Result<()> {
    for s in shapes {
        if let Some(each) = &s.per_param {
            if each.len() != params {
                return Err(syn::Error::new(
                    s.span,
                    format!(
                        "`{}` names {} types, but there are {params} type parameters: a group gives each its type, in order",
                        s.name,
                        each.len()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A group `{A, B}`: one shape per type parameter.
pub fn group(each: Vec<Shape>, span: Span) -> Shape {
    let names: Vec<&str> = each.iter().map(|s| s.name.as_str()).collect();
    Shape {
        name: format!("{{{}}}", names.join(", ")),
        span,
        other: None,
        per_param: Some(each),
    }
}

/// `ts` with every token at `span`, so that errors about a shape point where it is listed.
pub fn respan(ts: proc_macro2::TokenStream, span: Span) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    ts.into_iter()
        .map(|mut t| {
            if let TokenTree::Group(g) = &t {
                let mut n = Group::new(g.delimiter(), respan(g.stream(), span));
                n.set_span(span);
                return TokenTree::Group(n);
            }
            t.set_span(span);
            t
        })
        .collect()
}
