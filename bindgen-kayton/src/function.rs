//! One function or method as the manifest's signature: its receiver, parameters and
//! result rendered, type parameters kept for instantiation (closures declared as boxed
//! closures, the types their bounds name collected), or the reason it is skipped.
use crate::fn_bounds::FnBounds;
use crate::render::Renderer;
use crate::{bounds, Coverage};
use kayton_manifest::{FnSig, Param, Receiver, RustType};
use rustdoc_types::{Item, ItemEnum, Type};

/// A function or method, if Keyton can call it; otherwise the reason is counted.
pub(crate) fn function(
    r: &Renderer,
    item: &Item,
    self_path: Option<&str>,
    cov: &mut Coverage,
) -> Option<(FnSig, FnBounds)> {
    let ItemEnum::Function(f) = &item.inner else {
        return None;
    };
    let name = item.name.clone()?;
    // `pub fn r#unsafe(self, …)` (comrak's builder): the macros name a function's
    // wrappers and registry entries after it, which a raw identifier cannot be.
    if crate::idents::is_keyword(&name) {
        cov.skip("a function named with a Rust keyword");
        return None;
    }
    if f.header.is_unsafe {
        cov.skip("unsafe fn");
        return None;
    }
    if f.header.is_async {
        cov.skip("async fn (for now)");
        return None;
    }
    let mut generics = Vec::new();
    let mut synthetic = Vec::new();
    for p in &f.generics.params {
        match &p.kind {
            rustdoc_types::GenericParamDefKind::Lifetime { .. } => {}
            rustdoc_types::GenericParamDefKind::Type {
                is_synthetic: false,
                ..
            } => generics.push(p.name.clone()),
            // `impl Trait` argument: rendered `impl _`, a type parameter for the emitter.
            rustdoc_types::GenericParamDefKind::Type {
                is_synthetic: true, ..
            } => synthetic.push(p.name.clone()),
            _ => {
                cov.skip("impl Trait or const generic parameter");
                return None;
            }
        }
    }
    let r = &Renderer {
        generics: &generics,
        ..*r
    };
    let sp = self_path.unwrap_or("");
    let mut receiver = None;
    let mut params = Vec::new();
    let mut synthetic_params = Vec::new();
    for (i, (pname, ty)) in f.sig.inputs.iter().enumerate() {
        if i == 0 && pname == "self" {
            receiver = match ty {
                Type::Generic(g) if g == "Self" => Some(Receiver::Value),
                Type::BorrowedRef {
                    is_mutable: false, ..
                } => Some(Receiver::Ref),
                Type::BorrowedRef {
                    is_mutable: true, ..
                } => Some(Receiver::RefMut),
                _ => {
                    cov.skip("unsupported receiver");
                    return None;
                }
            };
            continue;
        }
        // An `impl Trait` argument (rendered `impl _`) is a type parameter of its own,
        // instantiated like the others.
        let arg = format!("I{}", params.len());
        let ty = &*outliving(ty, &f.generics);
        match r.ty(ty, sp).and_then(|t| {
            if t.contains(crate::render::SHOWN) {
                return Err("parameter of a type that borrows".to_string());
            }
            if t.contains("impl _") {
                synthetic_params.push(arg.clone());
            }
            // `&Options<'_>` (comrak's `markdown_to_html(md, &Options<'c>)`): what a
            // cell holds of a type with lifetimes is its `'static` instance, which
            // rustc shortens to the call's where the type allows it (pruned if not).
            let t = match t.strip_prefix('&') {
                Some(rest) if !rest.starts_with("mut ") && rest.contains("<'_") => {
                    format!("&{}", rest.replace("'_", "'static"))
                }
                _ => t,
            };
            RustType::parse(&t.replace("impl _", &arg))
        }) {
            Ok(t) => params.push(Param {
                name: pname.clone(),
                ty: t,
            }),
            Err(why) => {
                cov.skip(why);
                return None;
            }
        }
    }
    let ret = match &f.sig.output {
        None => RustType::unit(),
        Some(t) => match r.ty(t, sp) {
            // `impl Display + Copy` (anstyle's `Style::render()`): its text, as a type
            // that only shows is.
            Ok(u) if u == "impl _" && shows(t) => {
                RustType::parse(crate::render::SHOWN).expect("`impl Display` parses")
            }
            Ok(t) if t.contains("impl _") => {
                cov.skip("impl Trait return");
                return None;
            }
            // A generic type's instance over a borrowed value (yansi's `"text".red()` is
            // a `Painted<&str>`) is no kind a cell can hold: one that is `Display` is
            // its text, as a type that borrows is.
            Ok(u)
                if u.contains("<&")
                    && !u.contains("&mut ")
                    && matches!(t, Type::ResolvedPath(p) if r.implements(p, "Display")) =>
            {
                RustType::parse(crate::render::SHOWN).expect("`impl Display` parses")
            }
            Ok(t) => match RustType::parse(&t) {
                Ok(t) => t,
                Err(why) => {
                    cov.skip(why);
                    return None;
                }
            },
            // A result of a type over a constant (blake3's `to_hex() -> ArrayString<{
            // 2 * OUT_LEN }>`): declared as its text, which rustc checks — one that is
            // not `Display` is pruned. (Not for every type that does not render: most
            // are not `Display`, and each costs reqwest a pruning round.)
            Err(why) if matches!(t, Type::ResolvedPath(_)) && why == "const generic argument" => {
                RustType::parse(crate::render::SHOWN).expect("`impl Display` parses")
            }
            Err(_) if foreign_result(r, t) => {
                RustType::parse(crate::render::BYTES).expect("`impl AsRef<[u8]>` parses")
            }
            // A result that is a type of another crate the bound crate does not
            // re-export (a `chrono::NaiveDate` of a crate over chrono): its text. The
            // whole result, or the value of a `Result` or an `Option` (dateparser's
            // `parse` → `Result<DateTime<Utc>>`), which the macros map to its text.
            Err(why) if why.starts_with("type from another crate") => {
                let shown = Renderer {
                    foreign_shown: true,
                    ..*r
                };
                let inside = |t: &str| {
                    ["Result<", "Option<"].iter().any(|w| {
                        t.strip_prefix(w)
                            .is_some_and(|rest| rest.starts_with(crate::render::SHOWN))
                    })
                };
                match shown.ty(t, sp) {
                    Ok(t) if t == crate::render::SHOWN || inside(&t) => {
                        RustType::parse(&t).expect("`impl Display` parses")
                    }
                    _ => {
                        cov.skip(why);
                        return None;
                    }
                }
            }
            Err(why) => {
                cov.skip(why);
                return None;
            }
        },
    };
    cov.bound += 1;
    let (mut params, mut ret, mut generics) = (params, ret, generics.clone());
    // A closure type parameter is declared as the boxed closure it takes.
    for (g, boxed) in bounds::closures(r, &f.generics, r.generics) {
        let Ok(boxed) = RustType::parse(&boxed) else {
            continue;
        };
        let with = |n: &str| (n == g).then(|| boxed.clone());
        for p in &mut params {
            p.ty = p.ty.substitute(&with);
        }
        ret = ret.substitute(&with);
        generics.retain(|x| *x != g);
    }
    // `impl Into<Option<u32>>` arguments too: their bounds name targets as well.
    let names = [generics.clone(), synthetic.clone()].concat();
    let mut types = bounds::fn_bound_types(r, &f.generics, &names);
    // A parameter standing where a type has a default (indexmap's `union<S2>(&self,
    // other: &IndexSet<T, S2>)`, `S = RandomState`): that default too.
    let inputs: Vec<&Type> = f.sig.inputs.iter().map(|(_, t)| t).collect();
    let at_default = |g: &String| crate::positional_defaults::positional_defaults(r, &inputs, g);
    for t in names.iter().flat_map(at_default) {
        if !types.contains(&t) {
            types.push(t);
        }
    }
    // Per parameter, when each is its own (no `impl Trait` arguments, whose parameters
    // the emitter adds).
    let per_param = if generics.len() > 1 && synthetic.is_empty() {
        generics
            .iter()
            .map(|g| {
                let mut own = bounds::fn_bound_types(r, &f.generics, std::slice::from_ref(g));
                own.extend(
                    at_default(g)
                        .into_iter()
                        .filter(|t| !own.contains(t))
                        .collect::<Vec<_>>(),
                );
                own
            })
            .collect()
    } else {
        Vec::new()
    };
    generics.extend(synthetic_params);
    let sig = FnSig {
        name,
        receiver,
        params,
        ret,
        generics,
        doc: item.docs.clone().unwrap_or_default(),
        ..FnSig::default()
    };
    Some((sig, FnBounds { types, per_param }))
}

/// Whether the result `t` is a re-exported item of a crate with no rustdoc JSON
/// (`Output<Self>` of `digest`, `crypto_common`'s): declared as its bytes.
fn foreign_result(r: &Renderer, t: &Type) -> bool {
    let Type::ResolvedPath(p) = t else {
        return false;
    };
    bounds::canonical_of(r, p).is_some_and(|c| r.foreign.contains_key(&c))
}

/// A parameter borrowed for a lifetime of the impl's type (minijinja's `add_template(&mut
/// self, name: &'source str, …)` of `Environment<'source>`): the value keeps it, so it is
/// declared `&'static` (a cell passes a literal or a leaked string) — elided, it would
/// borrow for the call only, which rustc refuses.
fn outliving<'t>(ty: &'t Type, generics: &rustdoc_types::Generics) -> std::borrow::Cow<'t, Type> {
    match ty {
        Type::BorrowedRef {
            lifetime: Some(l),
            is_mutable: false,
            type_,
        } if l != "'static" && l != "'_" && !generics.params.iter().any(|p| &p.name == l) => {
            std::borrow::Cow::Owned(Type::BorrowedRef {
                lifetime: Some("'static".into()),
                is_mutable: false,
                type_: type_.clone(),
            })
        }
        t => std::borrow::Cow::Borrowed(t),
    }
}

/// Whether `t` is an `impl Trait` one of whose bounds is `Display`.
fn shows(t: &Type) -> bool {
    let Type::ImplTrait(bounds) = t else {
        return false;
    };
    bounds.iter().any(|b| {
        matches!(b, rustdoc_types::GenericBound::TraitBound { trait_, .. }
            if trait_.path.rsplit("::").next() == Some("Display"))
    })
}
