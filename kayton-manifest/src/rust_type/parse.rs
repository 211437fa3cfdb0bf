//! Type text → [`RustType`], through syn's grammar of Rust types (so every spelling
//! rustc accepts parses, and nothing else does).
use super::{Args, Bound, GenericArg, RustType, Segment, TypePath};
use quote::ToTokens;

impl RustType {
    /// Parse Rust type text (`Result<Vec<u8>, io::Error>`, `&'static str`,
    /// `impl Iterator<Item = &str>`).
    pub fn parse(text: &str) -> Result<RustType, String> {
        let ty: syn::Type =
            syn::parse_str(text.trim()).map_err(|e| format!("not a Rust type `{text}`: {e}"))?;
        from_syn(&ty)
    }

    /// The tree of a syn type (what the macros see).
    pub fn from_syn(ty: &syn::Type) -> Result<RustType, String> {
        from_syn(ty)
    }
}

fn unsupported(what: &dyn ToTokens) -> String {
    format!("unsupported type `{}`", what.to_token_stream())
}

fn from_syn(ty: &syn::Type) -> Result<RustType, String> {
    use syn::Type as T;
    Ok(match ty {
        T::Path(p) => match &p.qself {
            None => RustType::Path(path(&p.path)?),
            Some(q) => {
                // `<T as Trait>::Name`: the trait is the path's first `position` segments.
                let segs: Vec<&syn::PathSegment> = p.path.segments.iter().collect();
                let name = segs
                    .last()
                    .ok_or_else(|| unsupported(ty))?
                    .ident
                    .to_string();
                let trait_ = (q.position > 0)
                    .then(|| {
                        segs[..q.position]
                            .iter()
                            .map(|s| segment(s))
                            .collect::<Result<Vec<_>, _>>()
                            .map(|segments| TypePath {
                                global: p.path.leading_colon.is_some(),
                                segments,
                            })
                    })
                    .transpose()?;
                RustType::Qualified {
                    self_ty: Box::new(from_syn(&q.ty)?),
                    trait_,
                    name,
                }
            }
        },
        T::Reference(r) => RustType::Ref {
            lifetime: r.lifetime.as_ref().map(|l| l.to_string()),
            mutable: r.mutability.is_some(),
            inner: Box::new(from_syn(&r.elem)?),
        },
        T::Ptr(p) => RustType::Ptr {
            mutable: p.mutability.is_some(),
            inner: Box::new(from_syn(&p.elem)?),
        },
        T::Slice(s) => RustType::Slice(Box::new(from_syn(&s.elem)?)),
        T::Array(a) => RustType::Array {
            elem: Box::new(from_syn(&a.elem)?),
            len: a.len.to_token_stream().to_string(),
        },
        T::Tuple(t) => RustType::Tuple(t.elems.iter().map(from_syn).collect::<Result<_, _>>()?),
        T::Paren(p) => from_syn(&p.elem)?,
        T::Group(g) => from_syn(&g.elem)?,
        T::ImplTrait(i) => RustType::ImplTrait(bounds(i.bounds.iter())?),
        T::TraitObject(d) => RustType::DynTrait(bounds(d.bounds.iter())?),
        T::BareFn(f) => RustType::FnPtr {
            args: f
                .inputs
                .iter()
                .map(|a| from_syn(&a.ty))
                .collect::<Result<_, _>>()?,
            ret: Box::new(ret(&f.output)?),
        },
        T::Never(_) => RustType::Never,
        T::Infer(_) => RustType::Infer,
        other => return Err(unsupported(other)),
    })
}

fn ret(r: &syn::ReturnType) -> Result<RustType, String> {
    match r {
        syn::ReturnType::Default => Ok(RustType::unit()),
        syn::ReturnType::Type(_, t) => from_syn(t),
    }
}

fn bounds<'a>(bs: impl Iterator<Item = &'a syn::TypeParamBound>) -> Result<Vec<Bound>, String> {
    bs.map(|b| match b {
        syn::TypeParamBound::Trait(t) => {
            let mut p = path(&t.path)?;
            // `?Sized` keeps its marker in the name, as written.
            if matches!(t.modifier, syn::TraitBoundModifier::Maybe(_)) {
                if let Some(s) = p.segments.first_mut() {
                    s.name.insert(0, '?');
                }
            }
            Ok(Bound::Trait(p))
        }
        syn::TypeParamBound::Lifetime(l) => Ok(Bound::Lifetime(l.to_string())),
        other => Err(unsupported(other)),
    })
    .collect()
}

fn path(p: &syn::Path) -> Result<TypePath, String> {
    Ok(TypePath {
        global: p.leading_colon.is_some(),
        segments: p.segments.iter().map(segment).collect::<Result<_, _>>()?,
    })
}

fn segment(s: &syn::PathSegment) -> Result<Segment, String> {
    let args = match &s.arguments {
        syn::PathArguments::None => Args::None,
        syn::PathArguments::AngleBracketed(a) => Args::Angle(
            a.args
                .iter()
                .map(|g| {
                    Ok(match g {
                        syn::GenericArgument::Lifetime(l) => GenericArg::Lifetime(l.to_string()),
                        syn::GenericArgument::Type(t) => GenericArg::Type(from_syn(t)?),
                        syn::GenericArgument::Const(c) => {
                            GenericArg::Const(c.to_token_stream().to_string())
                        }
                        syn::GenericArgument::AssocType(b) => GenericArg::Binding {
                            name: b.ident.to_string(),
                            ty: from_syn(&b.ty)?,
                        },
                        other => return Err(unsupported(other)),
                    })
                })
                .collect::<Result<_, String>>()?,
        ),
        syn::PathArguments::Parenthesized(p) => Args::Paren {
            inputs: p.inputs.iter().map(from_syn).collect::<Result<_, _>>()?,
            output: Box::new(ret(&p.output)?),
        },
    };
    Ok(Segment {
        name: s.ident.to_string(),
        args,
    })
}
