//! The instances of a generic type that the crate's own public aliases name: image's
//! `RgbImage = ImageBuffer<Rgb<u8>, Vec<u8>>` gives `ImageBuffer` the instance
//! `{Rgb<u8>, Vec<u8>}` and `Rgb` the instance `u8`. They are what the crate's docs use,
//! and often the only ones its bounds allow (`P: Pixel` is met by no plain shape).
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
    out.sort();
    out.dedup();
    out
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
