//! The seven instantiation shapes: how they are written, named and substituted. A
//! remote declaration (what bindgen writes) may also list another type a bound names
//! (`Option<Duration>` for `T: Into<Option<Duration>>`).
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
}

impl Shape {
    /// The wrapper's name in the `exports` module (`vec_i64`).
    pub fn ident(&self) -> String {
        if self.other.is_some() {
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
        self.name == "&str"
    }
}

/// The shape a written type names: one of the seven, or (`remote`) any other type.
pub fn lookup(written: &Type, span: Span, remote: bool) -> syn::Result<Shape> {
    let text = crate::tytext::plain(written);
    match NAMES.iter().find(|n| **n == text) {
        Some(name) => Ok(Shape {
            name: name.to_string(),
            span,
            other: None,
        }),
        None if remote => Ok(Shape {
            name: text,
            span,
            other: Some(written.clone()),
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
