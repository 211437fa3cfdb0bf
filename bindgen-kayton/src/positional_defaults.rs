//! The defaults a generic function's parameter stands at in its argument types
//! (`other: &IndexSet<T, S2>` with `IndexSet<T, S = RandomState>`: `RandomState`), one of
//! the types it is instantiated for beside its bounds' (`bounds.rs`).
use crate::render::Renderer;
use rustdoc_types::{ItemEnum, Type};

/// The defaults of the type parameters at which the function parameter `g` stands
/// in the argument types `inputs` (`other: &IndexSet<T, S2>` with `IndexSet<T, S =
/// RandomState>`: `RandomState`), rendered: a value of the type at its default is what
/// a cell holds.
pub fn positional_defaults(r: &Renderer, inputs: &[&Type], g: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in inputs {
        defaults_at(r, t, g, &mut out);
    }
    out
}

fn defaults_at(r: &Renderer, t: &Type, g: &str, out: &mut Vec<String>) {
    use rustdoc_types::{GenericArg, GenericArgs, GenericParamDefKind};
    match t {
        Type::BorrowedRef { type_, .. } | Type::Slice(type_) => defaults_at(r, type_, g, out),
        Type::Tuple(ts) => ts.iter().for_each(|t| defaults_at(r, t, g, out)),
        Type::ResolvedPath(p) => {
            let Some(GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() else {
                return;
            };
            let args = args
                .iter()
                .filter(|a| !matches!(a, GenericArg::Lifetime(_)));
            let params: Vec<&rustdoc_types::GenericParamDef> =
                match r.krate.index.get(&p.id).map(|i| &i.inner) {
                    Some(ItemEnum::Struct(s)) => s.generics.params.iter().collect(),
                    Some(ItemEnum::Enum(e)) => e.generics.params.iter().collect(),
                    _ => Vec::new(),
                };
            let params = params
                .into_iter()
                .filter(|p| !matches!(p.kind, GenericParamDefKind::Lifetime { .. }));
            for (arg, param) in args.clone().zip(params) {
                let (
                    GenericArg::Type(Type::Generic(name)),
                    GenericParamDefKind::Type {
                        default: Some(d), ..
                    },
                ) = (arg, &param.kind)
                else {
                    continue;
                };
                if name == g {
                    if let Ok(text) = r.ty(d, "") {
                        if !out.contains(&text) {
                            out.push(text);
                        }
                    }
                }
            }
            for arg in args {
                if let GenericArg::Type(t) = arg {
                    defaults_at(r, t, g, out);
                }
            }
        }
        _ => {}
    }
}
