//! What a crate's iterator type yields, read from its `impl Iterator` (`type Item =
//! Vec<I::Item>` of itertools' `Combinations<I>`), with the impl's type parameters
//! replaced by the arguments at the use (`Combinations<Self>` yields `Vec<Self::Item>`).
//! A method returning such an iterator is declared `impl Iterator<Item = …>`, which the
//! plugin collects into a list.
use crate::render::Renderer;
use rustdoc_types::{GenericArg, GenericArgs, ItemEnum, Path, Type};
use std::collections::HashMap;

/// Iterators whose items are iterators, rendered at most this deep.
const MAX_NESTED: u32 = 4;

impl Renderer<'_> {
    /// The item type text of the iterator `p` names, if its impl says it in types
    /// Keyton can write.
    pub fn iterator_item(&self, p: &Path) -> Option<String> {
        // Rendering the item may meet another iterator (or the same one: an item type
        // that holds its own iterator), whose item is rendered in turn: bounded.
        thread_local!(static NESTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        let depth = NESTED.with(|n| n.get());
        if depth >= MAX_NESTED {
            return None;
        }
        let t = self.item_type(p, 0)?;
        NESTED.with(|n| n.set(depth + 1));
        let item = self.ty(&t, "").ok();
        NESTED.with(|n| n.set(depth));
        item
    }

    fn item_type(&self, p: &Path, depth: usize) -> Option<Type> {
        if depth > 4 {
            return None;
        }
        let item = self.krate.index.get(&p.id)?;
        let impls = match &item.inner {
            ItemEnum::Struct(s) => &s.impls,
            // An enum that is an iterator only when its parts are (`Either<L, R>`) is a
            // value Keyton holds, not an adaptor.
            ItemEnum::Enum(_) => return None,
            // `Dedup<I>` = `CoalesceBy<I, …>`: the aliased type, its arguments replaced.
            ItemEnum::TypeAlias(a) => {
                let map = bind(a.generics.params.iter().map(|g| g.name.as_str()), p);
                let Type::ResolvedPath(target) = subst(&a.type_, &map) else {
                    return None;
                };
                return self.item_type(&target, depth + 1);
            }
            _ => return None,
        };
        let imp = impls
            .iter()
            .filter_map(|i| self.krate.index.get(i))
            .find_map(|i| match &i.inner {
                ItemEnum::Impl(imp)
                    if imp
                        .trait_
                        .as_ref()
                        .is_some_and(|t| self.trait_name(t) == "Iterator") =>
                {
                    Some(imp)
                }
                _ => None,
            })?;
        let Type::ResolvedPath(for_) = &imp.for_ else {
            return None;
        };
        // The impl's parameters as they appear in its self type (`Combinations<I>`).
        let names: Vec<Option<&str>> = type_args(for_)
            .map(|t| match t {
                Type::Generic(g) => Some(g.as_str()),
                _ => None,
            })
            .collect();
        let map: HashMap<String, Type> = names
            .into_iter()
            .zip(type_args(p))
            .filter_map(|(n, t)| Some((n?.to_string(), t.clone())))
            .collect();
        let assoc = imp
            .items
            .iter()
            .filter_map(|i| self.krate.index.get(i))
            .find_map(|i| match &i.inner {
                ItemEnum::AssocType { type_: Some(t), .. } if i.name.as_deref() == Some("Item") => {
                    Some(t)
                }
                _ => None,
            })?;
        Some(subst(assoc, &map))
    }
}

/// The type arguments of a path, in order.
pub(crate) fn type_args(p: &Path) -> impl Iterator<Item = &Type> {
    let args: &[GenericArg] = match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => args,
        _ => &[],
    };
    args.iter().filter_map(|a| match a {
        GenericArg::Type(t) => Some(t),
        _ => None,
    })
}

/// Parameter names paired with `p`'s type arguments.
fn bind<'a>(names: impl Iterator<Item = &'a str>, p: &Path) -> HashMap<String, Type> {
    names
        .zip(type_args(p))
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect()
}

/// `t` with each type parameter named in `map` replaced.
pub fn subst(t: &Type, map: &HashMap<String, Type>) -> Type {
    let s = |t: &Type| Box::new(subst(t, map));
    match t {
        Type::Generic(g) => map.get(g).cloned().unwrap_or_else(|| t.clone()),
        Type::ResolvedPath(p) => Type::ResolvedPath(subst_path(p, map)),
        Type::Tuple(ts) => Type::Tuple(ts.iter().map(|t| subst(t, map)).collect()),
        Type::Slice(i) => Type::Slice(s(i)),
        Type::Array { type_, len } => Type::Array {
            type_: s(type_),
            len: len.clone(),
        },
        Type::BorrowedRef {
            lifetime,
            is_mutable,
            type_,
        } => Type::BorrowedRef {
            lifetime: lifetime.clone(),
            is_mutable: *is_mutable,
            type_: s(type_),
        },
        Type::QualifiedPath {
            name,
            args,
            self_type,
            trait_,
        } => Type::QualifiedPath {
            name: name.clone(),
            args: args.clone(),
            self_type: s(self_type),
            trait_: trait_.clone(),
        },
        other => other.clone(),
    }
}

fn subst_path(p: &Path, map: &HashMap<String, Type>) -> Path {
    let args = match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, constraints }) => {
            Some(Box::new(GenericArgs::AngleBracketed {
                args: args
                    .iter()
                    .map(|a| match a {
                        GenericArg::Type(t) => GenericArg::Type(subst(t, map)),
                        other => other.clone(),
                    })
                    .collect(),
                constraints: constraints.clone(),
            }))
        }
        _ => p.args.clone(),
    };
    Path {
        path: p.path.clone(),
        id: p.id,
        args,
    }
}
