//! `#[kayton::instantiate(shapes)]` on a generic struct, enum or `impl` block: one
//! concrete copy per shape (every type parameter replaced by the shape), each exported as
//! if written by hand — its own kind (`geometry::Stack<i64>`), thunks and manifest
//! entries. The copies are not emitted; the generic item is, once.
use crate::model::{Export, ExportKind};
use crate::shapes::Shape;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::VisitMut;
use syn::{Error, Ident, Item, Type};

type Result<T> = syn::Result<T>;

/// The type parameters of a struct, enum or `impl` block (`None` for other items or
/// none).
pub fn type_params(item: &Item) -> Option<Vec<Ident>> {
    let g = match item {
        Item::Struct(s) => &s.generics,
        Item::Enum(e) => &e.generics,
        Item::Impl(i) => &i.generics,
        _ => return None,
    };
    let ps: Vec<Ident> = g.type_params().map(|t| t.ident.clone()).collect();
    (!ps.is_empty()).then_some(ps)
}

/// Replaces the named type parameters, each by its type.
struct Subst<'a> {
    params: &'a [Ident],
    with: Vec<Type>,
}

impl Subst<'_> {
    fn of(&self, i: &Ident) -> Option<&Type> {
        self.params
            .iter()
            .position(|p| p == i)
            .map(|n| &self.with[n])
    }
}

impl VisitMut for Subst<'_> {
    fn visit_type_mut(&mut self, t: &mut Type) {
        if let Type::Path(p) = t {
            if p.qself.is_none() && p.path.segments.len() == 1 {
                let s = &p.path.segments[0];
                if let Some(with) = s.arguments.is_none().then(|| self.of(&s.ident)).flatten() {
                    // At the parameter's use: an error that only this shape causes
                    // (an unmet bound of one method) points at that method.
                    let at = s.ident.span();
                    let ts = crate::shapes::respan(with.to_token_stream(), at);
                    *t = syn::parse2(ts).expect("a shape type re-parses");
                    return;
                }
            }
        }
        syn::visit_mut::visit_type_mut(self, t);
    }
}

/// `ts` with each identifier that is a type parameter replaced by the shape's tokens
/// (at the identifier's span).
fn subst_tokens(ts: TokenStream, s: &Subst) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    ts.into_iter()
        .flat_map(|t| -> Vec<TokenTree> {
            match t {
                TokenTree::Ident(i) if s.of(&i).is_some() => {
                    let with = s.of(&i).expect("checked");
                    crate::shapes::respan(with.to_token_stream(), i.span())
                        .into_iter()
                        .collect()
                }
                TokenTree::Group(g) => {
                    let mut n = Group::new(g.delimiter(), subst_tokens(g.stream(), s));
                    n.set_span(g.span());
                    vec![TokenTree::Group(n)]
                }
                other => vec![other],
            }
        })
        .collect()
}

/// The lifetime parameters of `g` alone: what a concrete copy of a type that borrows
/// keeps (`Entry<'a, K, V>` at `{i64, i64}` is `Entry<'a>`, declared borrowed).
fn lifetimes_of(g: &syn::Generics) -> syn::Generics {
    let params = g
        .params
        .iter()
        .filter(|p| matches!(p, syn::GenericParam::Lifetime(_)))
        .cloned()
        .collect();
    syn::Generics {
        params,
        ..Default::default()
    }
}

/// Whether a struct or enum has lifetime parameters (a type that borrows: its instances
/// have no kind, so a shape that borrows, `&str`, is allowed).
fn borrows(item: &Item) -> bool {
    match item {
        Item::Struct(s) => s.generics.lifetimes().next().is_some(),
        Item::Enum(e) => e.generics.lifetimes().next().is_some(),
        _ => false,
    }
}

/// `item` with every type parameter replaced by `shape`'s type, and no generics left
/// but a borrowing type's lifetimes.
fn concrete(item: &Item, params: &[Ident], shape: &Shape) -> Item {
    let mut copy = item.clone();
    let mut s = Subst {
        params,
        with: shape.rust_types(params.len()),
    };
    match &mut copy {
        Item::Struct(x) => {
            s.visit_fields_mut(&mut x.fields);
            x.generics = lifetimes_of(&x.generics);
        }
        Item::Enum(x) => {
            for v in &mut x.variants {
                s.visit_fields_mut(&mut v.fields);
            }
            x.generics = lifetimes_of(&x.generics);
        }
        Item::Impl(x) => {
            s.visit_type_mut(&mut x.self_ty);
            for it in &mut x.items {
                match it {
                    // A remote impl's bodiless `fn …;`: substituted token by token.
                    syn::ImplItem::Verbatim(ts) => *ts = subst_tokens(ts.clone(), &s),
                    _ => s.visit_impl_item_mut(it),
                }
            }
            x.generics = Default::default();
        }
        _ => {}
    }
    copy
}

/// One export per shape of the generic `item`; `each` exports a concrete copy (the
/// normal path, local or remote) given the shape's type arguments.
pub fn export(
    item: Item,
    params: Vec<Ident>,
    shapes: Vec<Shape>,
    emitted: TokenStream,
    tag: String,
    each: impl Fn(Item, Vec<Type>) -> Result<Export>,
) -> Result<Export> {
    // The defaults of the last parameters (`Ty = Directed, Ix = DefaultIx`), which each
    // instance records.
    let defaults: Vec<Type> = match &item {
        Item::Struct(syn::ItemStruct { generics, .. })
        | Item::Enum(syn::ItemEnum { generics, .. }) => generics
            .type_params()
            .filter_map(|p| p.default.clone())
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for shape in &shapes {
        if shape.needs_lifetime() && !borrows(&item) {
            return Err(Error::new(
                shape.span,
                "a type is instantiated for owned shapes only: `&str` borrows, so its values could not be kept; use String",
            ));
        }
        let args = shape.rust_types(params.len());
        let mut e = each(concrete(&item, &params, shape), args)?;
        if let ExportKind::Type(t) = &mut e.kind {
            t.defaults = defaults.clone();
        }
        e.tag = format!("{tag}_{}", shape.ident());
        e.item = TokenStream::new();
        out.push(e);
    }
    Ok(Export {
        item: emitted,
        tag,
        kind: ExportKind::Instances(out),
        remote: None,
    })
}

/// The `<A, B>` text of instance arguments, as the manifest and kind names write it.
pub fn args_text(args: &[Type]) -> String {
    if args.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = args.iter().map(crate::tytext::plain).collect();
    format!("<{}>", parts.join(", "))
}

/// Tokens of `base<args…>` (the instance's Rust type).
pub fn instance_type(base: TokenStream, args: &[Type]) -> TokenStream {
    if args.is_empty() {
        return base;
    }
    let mut ts = base;
    ts.extend(quote::quote!(<#(#args),*>));
    ts.into_token_stream()
}
