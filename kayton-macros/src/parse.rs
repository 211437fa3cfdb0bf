//! syn items → [`crate::model`]. Every misuse is an error at the tokens that cause it.
use crate::model::*;
use crate::shapes::{self, Shape};
use crate::sig::func;
use kayton_grammar::{ExportArgs, ShapeEntry};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Error, Item, Token, Type};

type Result<T> = syn::Result<T>;

/// Parse `#[kayton::export]` (or `#[kayton::instantiate(shapes)]`, which implies it).
pub fn export(attr: TokenStream, item: TokenStream, shapes: Option<TokenStream>) -> Result<Export> {
    let remote_arg = remote_attr(attr)?;
    let mut item: Item = syn::parse2(item)?;
    let attrs = item_attrs(&mut item);
    // Parsed once `remote` is known: a remote declaration may list other types.
    let mut shape_tokens = shapes;
    let mut remote_arg = remote_arg;
    if let Some(attrs) = attrs {
        // `#[kayton::instantiate]` below `#[kayton::export]` (or the other way round):
        // the first macro to run takes both.
        let mut keep = Vec::new();
        for a in attrs.drain(..) {
            if is_ours(&a, "instantiate") {
                shape_tokens = Some(a.meta.require_list()?.tokens.clone());
            } else if is_ours(&a, "export") {
                if let syn::Meta::List(l) = &a.meta {
                    remote_arg = remote_attr(l.tokens.clone())?;
                }
            } else {
                keep.push(a);
            }
        }
        *attrs = keep;
    }
    let mut shapes = match shape_tokens {
        Some(ts) => Some(parse_shapes(ts, remote_arg.is_some())?),
        None => None,
    };
    if let (Some(sh), Some(params)) = (&shapes, crate::instances::type_params(&item)) {
        shapes::check_groups(sh, params.len())?;
        // A remote type by its whole path: flate2's `read::GzDecoder<R>` and
        // `bufread::GzDecoder<R>` are mirrored by the same tokens.
        let name = match (&remote_arg, &item) {
            (Some(Some(p)), _) => p
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("_"),
            (_, Item::Struct(s)) => s.ident.to_string(),
            (_, Item::Enum(e)) => e.ident.to_string(),
            _ => "impl".into(),
        };
        let t = tag(&name, &item);
        let emitted = match remote_arg {
            Some(_) => TokenStream::new(),
            None => item.to_token_stream(),
        };
        let r = remote_arg.clone();
        return crate::instances::export(item, params, sh.clone(), emitted, t, |copy, args| {
            let mut e = match &r {
                Some(r) => crate::remote::export(copy, r.clone(), None)?,
                None => export(TokenStream::new(), copy.to_token_stream(), None)?,
            };
            if let ExportKind::Type(t) = &mut e.kind {
                t.args = args;
            }
            Ok(e)
        });
    }
    if let Some(r) = remote_arg {
        return crate::remote::export(item, r, shapes);
    }
    let name = match &item {
        Item::Fn(f) => f.sig.ident.to_string(),
        Item::Struct(s) => s.ident.to_string(),
        Item::Enum(e) => e.ident.to_string(),
        Item::Trait(t) => t.ident.to_string(),
        Item::Type(t) => t.ident.to_string(),
        Item::Const(c) => c.ident.to_string(),
        Item::Impl(i) => {
            crate::tytext::plain(&i.self_ty).replace(|c: char| !c.is_alphanumeric(), "_")
        }
        _ => "use".into(),
    };
    let kind = match &mut item {
        Item::Fn(f) => {
            require_pub(&f.vis, f.sig.ident.span())?;
            ExportKind::Fn(func(&f.sig, &f.attrs, shapes.take())?)
        }
        Item::Struct(s) => {
            require_pub(&s.vis, s.ident.span())?;
            if let Some(a) = s.attrs.iter().find(|a| is_ours(a, "literal")) {
                return Err(Error::new_spanned(
                    a,
                    "#[kayton::literal] marks a remote mirror whose fields are all public; for a type of this crate, export a constructor `fn`",
                ));
            }
            if let Some(a) = s.attrs.iter().find(|a| is_ours(a, "owned")) {
                return Err(Error::new_spanned(
                    a,
                    "#[kayton::owned] marks the remote mirror of an unsized type; a struct of this crate is a kind of its own",
                ));
            }
            ExportKind::Type(struct_type(s)?)
        }
        Item::Enum(e) => {
            require_pub(&e.vis, e.ident.span())?;
            ExportKind::Type(enum_type(e)?)
        }
        Item::Impl(i) => {
            no_generics(&i.generics, "impl block")?;
            let trait_impl = i.trait_.is_some();
            let mut methods = Vec::new();
            let mut consts = Vec::new();
            for it in &mut i.items {
                match it {
                    syn::ImplItem::Fn(f) => {
                        let method_shapes = take_instantiate(&mut f.attrs, false)?;
                        let public = matches!(f.vis, syn::Visibility::Public(_));
                        if trait_impl || public {
                            methods.push(func(&f.sig, &f.attrs, method_shapes)?);
                        }
                    }
                    syn::ImplItem::Const(c) if matches!(c.vis, syn::Visibility::Public(_)) => {
                        consts.push((c.ident.clone(), c.ty.clone()));
                    }
                    _ => {}
                }
            }
            if let Some(a) = i.attrs.iter().find(|a| is_ours(a, "deref")) {
                return Err(Error::new_spanned(
                    a,
                    "#[kayton::deref] marks a remote `impl` whose methods are reached through `Deref`; a type of this crate exports its own methods",
                ));
            }
            impl_kind(i, methods, consts, None)
        }
        Item::Trait(t) => {
            require_pub(&t.vis, t.ident.span())?;
            no_generics(&t.generics, "trait")?;
            let mut methods = Vec::new();
            for it in &t.items {
                if let syn::TraitItem::Fn(f) = it {
                    methods.push(func(&f.sig, &f.attrs, None)?);
                }
            }
            ExportKind::Trait(TraitItem {
                ident: t.ident.clone(),
                methods,
            })
        }
        Item::Type(t) => {
            require_pub(&t.vis, t.ident.span())?;
            type_alias(t)?
        }
        Item::Const(c) => {
            require_pub(&c.vis, c.ident.span())?;
            ExportKind::Const(ConstItem {
                ident: c.ident.clone(),
                ty: (*c.ty).clone(),
            })
        }
        Item::Use(u) => {
            require_pub(&u.vis, u.use_token.span)?;
            let mut out = Vec::new();
            use_tree(&u.tree, &mut Vec::new(), &mut out)?;
            ExportKind::Use(out)
        }
        other => return Err(Error::new_spanned(
            &*other,
            "#[kayton::export] goes on a function, struct, enum, impl block, trait, const or `pub use`",
        )),
    };
    if let Some(s) = shapes {
        let span = s.first().map(|s| s.span).unwrap_or_else(Span::call_site);
        return Err(Error::new(span, "#[kayton::instantiate] goes on a generic function or on the generic methods of an exported impl block"));
    }
    Ok(Export {
        tag: tag(&name, &item),
        item: item.into_token_stream(),
        kind,
        remote: None,
    })
}

/// `pub type Name = Target;`: a cell names the alias as a type. Or `pub type Name<A, B>
/// = Target<A, B>;` (bindgen's for bimap's `BiMap<L, R>`): another name of the generic
/// type, whose instances it names; its parameters have no bounds.
pub(crate) fn type_alias(t: &syn::ItemType) -> Result<ExportKind> {
    let mut params = Vec::new();
    for p in &t.generics.params {
        match p {
            syn::GenericParam::Type(tp) if tp.bounds.is_empty() && tp.default.is_none() => {
                params.push(tp.ident.clone())
            }
            _ => no_generics(&t.generics, "type alias")?,
        }
    }
    if t.generics.where_clause.is_some() {
        no_generics(&t.generics, "type alias")?;
    }
    Ok(ExportKind::TypeAlias(TypeAliasItem {
        ident: t.ident.clone(),
        target: (*t.ty).clone(),
        params,
    }))
}

/// An `impl` block's export: a trait impl, or an inherent block with its consts.
pub(crate) fn impl_kind(
    i: &syn::ItemImpl,
    methods: Vec<Func>,
    consts: Vec<(syn::Ident, Type)>,
    deref: Option<syn::Path>,
) -> ExportKind {
    match &i.trait_ {
        Some((_, path, _)) => ExportKind::TraitImpl(TraitImpl {
            trait_path: path.clone(),
            self_ty: (*i.self_ty).clone(),
            methods,
        }),
        None => ExportKind::Impl(ImplBlock {
            generics: i.generics.clone(),
            self_ty: (*i.self_ty).clone(),
            methods,
            consts,
            deref,
        }),
    }
}

/// A struct's kind: its public named fields are readable.
pub(crate) fn struct_type(s: &syn::ItemStruct) -> Result<TypeItem> {
    no_generics(&s.generics, "type")?;
    let fields = match &s.fields {
        syn::Fields::Named(n) => n
            .named
            .iter()
            .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
            .map(|f| Param {
                name: f.ident.clone().unwrap(),
                ty: f.ty.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(TypeItem {
        ident: s.ident.clone(),
        borrowed: false,
        lifetimes: 0,
        args: Vec::new(),
        defaults: Vec::new(),
        doc: doc(&s.attrs),
        literal: s.attrs.iter().any(|a| is_ours(a, "literal")),
        owned: match s.attrs.iter().find(|a| is_ours(a, "owned")) {
            Some(a) => Some(a.parse_args::<syn::Type>()?),
            None => None,
        },
        fields,
        variants: vec![],
    })
}

/// An enum's kind: unit variants become consts, data variants constructors.
pub(crate) fn enum_type(e: &syn::ItemEnum) -> Result<TypeItem> {
    no_generics(&e.generics, "type")?;
    let variants = e
        .variants
        .iter()
        .map(|v| Variant {
            ident: v.ident.clone(),
            doc: doc(&v.attrs),
            shape: match &v.fields {
                syn::Fields::Unit => VariantShape::Unit,
                syn::Fields::Unnamed(u) => {
                    VariantShape::Tuple(u.unnamed.iter().map(|f| f.ty.clone()).collect())
                }
                syn::Fields::Named(n) => VariantShape::Struct(
                    n.named
                        .iter()
                        .map(|f| Param {
                            name: f.ident.clone().unwrap(),
                            ty: f.ty.clone(),
                        })
                        .collect(),
                ),
            },
        })
        .collect();
    Ok(TypeItem {
        ident: e.ident.clone(),
        borrowed: false,
        lifetimes: 0,
        args: Vec::new(),
        defaults: Vec::new(),
        doc: doc(&e.attrs),
        fields: vec![],
        literal: false,
        owned: None,
        variants,
    })
}

/// A stable, unique suffix for the symbols of `item`, named `name`.
pub fn tag(name: &str, item: &impl ToTokens) -> String {
    let text = item.to_token_stream().to_string();
    let name = name.replace(|c: char| !c.is_alphanumeric(), "_");
    format!("{name}_{:016x}", fnv64(text.as_bytes()))
}

/// The arguments of `#[kayton::export(...)]` (the shared grammar's [`ExportArgs`]):
/// `None` for none, `Some(None)` for a bare `remote`, `Some(Some(path))` for `remote = path`.
fn remote_attr(attr: TokenStream) -> Result<Option<Option<syn::Path>>> {
    Ok(match ExportArgs::parse(attr)? {
        ExportArgs::Local => None,
        ExportArgs::Remote => Some(None),
        ExportArgs::RemotePath(p) => Some(Some(p)),
    })
}

pub(crate) fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Fn(f) => &mut f.attrs,
        Item::Struct(s) => &mut s.attrs,
        Item::Enum(e) => &mut e.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Trait(t) => &mut t.attrs,
        Item::Use(u) => &mut u.attrs,
        Item::Type(t) => &mut t.attrs,
        Item::Const(c) => &mut c.attrs,
        _ => return None,
    })
}

/// `#[kayton::NAME]` or `#[NAME]`.
pub(crate) use kayton_grammar::is_attr as is_ours;

/// Take `#[kayton::instantiate(...)]` off `attrs`; `remote` allows other types than the
/// seven shapes.
pub(crate) fn take_instantiate(
    attrs: &mut Vec<Attribute>,
    remote: bool,
) -> Result<Option<Vec<Shape>>> {
    let mut shapes = None;
    let mut keep = Vec::new();
    for a in attrs.drain(..) {
        if is_ours(&a, "instantiate") {
            shapes = Some(parse_shapes(a.meta.require_list()?.tokens.clone(), remote)?);
        } else {
            keep.push(a);
        }
    }
    *attrs = keep;
    Ok(shapes)
}

pub(crate) fn parse_shapes(ts: TokenStream, remote: bool) -> Result<Vec<Shape>> {
    let span = ts.span();
    let entries = ShapeEntry::parse_list(ts)?;
    if entries.is_empty() {
        return Err(Error::new(
            span,
            format!(
                "list the shapes to instantiate: {}",
                shapes::NAMES.join(", ")
            ),
        ));
    }
    entries
        .into_iter()
        .map(|e| match e {
            ShapeEntry::One(t) => shapes::lookup(&t, t.span(), remote),
            ShapeEntry::Group(tys, span) => {
                let each = tys
                    .iter()
                    .map(|t| shapes::lookup(t, t.span(), remote))
                    .collect::<Result<Vec<_>>>()?;
                Ok(shapes::group(each, span))
            }
        })
        .collect()
}

pub(crate) fn require_pub(vis: &syn::Visibility, span: Span) -> Result<()> {
    match vis {
        syn::Visibility::Public(_) => Ok(()),
        _ => Err(Error::new(
            span,
            "an exported item must be `pub`: Keyton cells call it by its path",
        )),
    }
}

pub(crate) fn no_generics(g: &syn::Generics, what: &str) -> Result<()> {
    match g.params.first() {
        None => Ok(()),
        Some(p) => Err(Error::new_spanned(
            p,
            format!("a generic {what} is exported once per shape: add #[kayton::instantiate(...)] with the shapes ({})", crate::shapes::NAMES.join(", ")),
        )),
    }
}

fn use_tree(t: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Alias>) -> Result<()> {
    match t {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_tree(&p.tree, prefix, out)?;
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push(Alias {
            target: join(prefix, &n.ident.to_string()),
            public: n.ident.to_string(),
        }),
        syn::UseTree::Rename(r) => out.push(Alias {
            target: join(prefix, &r.ident.to_string()),
            public: r.rename.to_string(),
        }),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_tree(t, prefix, out)?;
            }
        }
        syn::UseTree::Glob(g) => {
            return Err(Error::new_spanned(
                g,
                "a glob `pub use` cannot be exported: name each item",
            ));
        }
    }
    Ok(())
}

fn join(prefix: &[String], last: &str) -> String {
    let mut v = prefix.to_vec();
    v.push(last.to_string());
    v.join("::")
}

/// The `///` text of an item.
pub fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if let syn::Meta::NameValue(nv) = &a.meta {
            if nv.path.is_ident("doc") {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    let v = s.value();
                    lines.push(v.strip_prefix(' ').unwrap_or(&v).to_string());
                }
            }
        }
    }
    lines.join("\n").trim().to_string()
}

pub fn plugin_args(ts: TokenStream) -> Result<PluginArgs> {
    let mut out = PluginArgs {
        version: None,
        features: Vec::new(),
        paths: Vec::new(),
        unbound: Vec::new(),
    };
    let metas = syn::parse::Parser::parse2(
        Punctuated::<syn::MetaNameValue, Token![,]>::parse_terminated,
        ts,
    )?;
    for m in metas {
        let key = m
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_default();
        match (key.as_str(), &m.value) {
            (
                "version",
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }),
            ) => out.version = Some(s.value()),
            ("features", syn::Expr::Array(a)) => {
                for e in &a.elems {
                    match e {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => out.features.push(s.value()),
                        other => {
                            return Err(Error::new_spanned(other, "a feature is a string literal"))
                        }
                    }
                }
            }
            ("paths", syn::Expr::Array(a)) => {
                for e in &a.elems {
                    out.paths.push(path_pair(e)?);
                }
            }
            ("unbound", syn::Expr::Array(a)) => {
                for e in &a.elems {
                    out.unbound.push(path_pair(e)?);
                }
            }
            _ => {
                return Err(Error::new_spanned(
                    &m,
                    "kayton::plugin! takes `version = \"…\"`, `features = [\"…\"]`, `paths = [(\"other\", \"item\"), …]` and `unbound = [(\"item\", \"why\"), …]`",
                ))
            }
        }
    }
    Ok(out)
}

/// `("other::Path", "item::Path")` of `plugin!(paths = […])`.
fn path_pair(e: &syn::Expr) -> Result<(String, String)> {
    let lit = |e: &syn::Expr| match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    match e {
        syn::Expr::Tuple(t) if t.elems.len() == 2 => match (lit(&t.elems[0]), lit(&t.elems[1])) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(Error::new_spanned(e, "a path is a string literal")),
        },
        _ => Err(Error::new_spanned(
            e,
            "`paths` lists pairs: (\"other::Path\", \"item::Path\")",
        )),
    }
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
