//! The seven instantiation shapes: how they are written, named and substituted.
use proc_macro2::Span;
use syn::Type;

pub const NAMES: &[&str] = &[
    "i64", "f64", "&str", "String", "Vec<i64>", "Vec<f64>", "Dynamic",
];

/// One listed shape, with the span of where the user wrote it.
#[derive(Clone)]
pub struct Shape {
    /// Canonical text (`&str`, `Vec<i64>`).
    pub name: &'static str,
    pub span: Span,
}

impl Shape {
    /// The wrapper's name in the `exports` module (`vec_i64`).
    pub fn ident(&self) -> &'static str {
        match self.name {
            "i64" => "i64",
            "f64" => "f64",
            "&str" => "str",
            "String" => "string",
            "Vec<i64>" => "vec_i64",
            "Vec<f64>" => "vec_f64",
            _ => "dynamic",
        }
    }
    /// The Rust type substituted for the type parameter (`&str` borrows for `'kayton`).
    pub fn rust_type(&self) -> Type {
        let text = match self.name {
            "&str" => "&'kayton str",
            "Dynamic" => "::kayton_api::Dynamic",
            other => other,
        };
        let ts: proc_macro2::TokenStream = text.parse().expect("shape types lex");
        syn::parse2(respan(ts, self.span)).expect("shape types parse")
    }
    pub fn needs_lifetime(&self) -> bool {
        self.name == "&str"
    }
}

/// The shape a written type names, if it is one.
pub fn lookup(written: &Type, span: Span) -> syn::Result<Shape> {
    let text = crate::tytext::plain(written);
    match NAMES.iter().find(|n| **n == text) {
        Some(name) => Ok(Shape { name, span }),
        None => Err(syn::Error::new(
            span,
            format!(
                "`{text}` is not an instantiation shape; the shapes are: {}",
                NAMES.join(", ")
            ),
        )),
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
