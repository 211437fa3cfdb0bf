//! The instances of a generic type that the crate's own public aliases name: image's
//! `RgbImage = ImageBuffer<Rgb<u8>, Vec<u8>>` gives `ImageBuffer` the instance
//! `{Rgb<u8>, Vec<u8>}` and `Rgb` the instance `u8`. They are what the crate's docs use,
//! and often the only ones its bounds allow (`P: Pixel` is met by no plain shape). A
//! dependency's generic type also gets the instances the bound crate's signatures name.
use crate::render::Renderer;
use rustdoc_types::{Id, ItemEnum, Type, Visibility};

/// The parameters of each instance of the type `id` that a public alias of no
/// parameters names anywhere in its target (its first `kept` parameters), deduplicated.
pub fn of(r: &Renderer, id: &Id, kept: usize) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for it in r.krate.index.values() {
        if let ItemEnum::TypeAlias(a) = &it.inner {
            if matches!(it.visibility, Visibility::Public) && a.generics.params.is_empty() {
                visit(r, &a.type_, id, kept, &mut out);
            }
        }
    }
    signature_instances(r, id, kept, &mut out);
    out.sort();
    out.dedup();
    out
}

/// The instances of a dependency's generic type at the concrete types the bound crate's
/// own signatures give it (ureq's `call() -> Result<http::Response<ureq::Body>, Error>`
/// gives `http::Response` the instance `ureq::Body`), matched by canonical path across
/// the crates' JSON.
fn signature_instances(r: &Renderer, id: &Id, kept: usize, out: &mut Vec<Vec<String>>) {
    let Some(main) = r.crates.first().copied() else {
        return;
    };
    if r.own || kept == 0 {
        return;
    }
    let Some(canonical) = r.krate.paths.get(id).map(|s| s.path.join("::")) else {
        return;
    };
    let rm = Renderer {
        krate: main,
        own: true,
        generics: &[],
        ..*r
    };
    let Some((&main_id, _)) = main
        .paths
        .iter()
        .find(|(_, s)| s.path.join("::") == canonical)
    else {
        return;
    };
    for it in main.index.values() {
        if let ItemEnum::Function(f) = &it.inner {
            if !f.generics.params.is_empty() {
                continue;
            }
            let inputs = f.sig.inputs.iter().map(|(_, t)| t);
            for t in inputs.chain(f.sig.output.as_ref()) {
                visit(&rm, t, &main_id, kept, out);
            }
        }
    }
    // Only instances of concrete types (`T` of an impl's signature is no instance).
    out.retain(|ts| {
        ts.iter()
            .all(|t| t.contains("::") || !t.chars().next().is_some_and(char::is_uppercase))
    });
}

fn visit(r: &Renderer, t: &Type, id: &Id, kept: usize, out: &mut Vec<Vec<String>>) {
    match t {
        Type::ResolvedPath(p) => {
            let args: Vec<&Type> = crate::iter_item::type_args(p).collect();
            if p.id == *id && args.len() >= kept && kept > 0 {
                let rendered: Result<Vec<String>, String> =
                    args[..kept].iter().map(|a| r.ty(a, "")).collect();
                if let Ok(ts) = rendered {
                    out.push(ts);
                }
            }
            for a in args {
                visit(r, a, id, kept, out);
            }
        }
        Type::BorrowedRef { type_, .. } | Type::Slice(type_) => visit(r, type_, id, kept, out),
        Type::Array { type_, .. } => visit(r, type_, id, kept, out),
        Type::Tuple(ts) => ts.iter().for_each(|t| visit(r, t, id, kept, out)),
        _ => {}
    }
}
