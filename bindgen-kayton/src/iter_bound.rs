//! The crate's own iterators as instances of a parameter bound by `Iterator<Item = X>`
//! or `IntoIterator<Item = X>`: pulldown-cmark's `push_html(&mut s, parser)` takes
//! `I: Iterator<Item = Event<'a>>`, and the value a cell has is the crate's `Parser`,
//! which yields `Event`s. A Keyton list is a `Vec`, which is not an `Iterator`, so
//! without these such a function has no instance a cell can call.
use crate::render::Renderer;
use rustdoc_types::{GenericArg, GenericArgs, ItemEnum, Path, Type};

/// At most this many of the crate's iterators per bound: each costs compile time.
const MAX_ITERATORS: usize = 2;

/// The root crate's public iterator types whose items are `item` (rendered), as the
/// plugin names them: lifetimes `'static` (a held value's), type parameters at their
/// defaults. Types with a type parameter without a default are left out.
pub(crate) fn iterators_yielding(r: &Renderer, item: &str) -> Vec<String> {
    let root = r.crates[0];
    let r0 = r.at_root();
    let want = normal(item);
    let mut out: Vec<String> = Vec::new();
    for it in root.index.values() {
        let ItemEnum::Impl(imp) = &it.inner else {
            continue;
        };
        let is_iterator = imp.trait_.as_ref().is_some_and(|t| {
            root.paths.get(&t.id).map(|s| s.path.join("::")).as_deref()
                == Some("core::iter::traits::iterator::Iterator")
        });
        let Type::ResolvedPath(p) = &imp.for_ else {
            continue;
        };
        if !is_iterator
            || imp.is_synthetic
            || imp.blanket_impl.is_some()
            || !root
                .index
                .get(&p.id)
                .is_some_and(crate::generics::own_defaults)
        {
            continue;
        }
        let bare = lifetimes_of(p);
        if r0.iterator_item(&bare).is_none_or(|i| normal(&i) != want) {
            continue;
        }
        // Named as the held type it is: `ty` would write a borrowing iterator as the
        // `impl Iterator` a result of it is collected through.
        let Some(canonical) = root.paths.get(&p.id).map(|s| s.path.join("::")) else {
            continue;
        };
        let base = r.public.get(&canonical).cloned().unwrap_or(canonical);
        let n = root.index.get(&p.id).map_or(0, crate::generics::lifetimes);
        let text = match n {
            0 => base,
            n => format!("{base}<{}>", vec!["'static"; n].join(", ")),
        };
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out.sort();
    out.truncate(MAX_ITERATORS);
    out
}

/// Type text with lifetimes erased, so `Event<'a>` of a bound and `Event<'_>` of an
/// impl compare equal.
fn normal(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            while chars
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                chars.next();
            }
            out.push('\'');
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// `p` with its type arguments left out (they take their defaults) and its lifetimes kept.
fn lifetimes_of(p: &Path) -> Path {
    let args = match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .filter(|a| matches!(a, GenericArg::Lifetime(_)))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    Path {
        args: (!args.is_empty()).then(|| {
            Box::new(GenericArgs::AngleBracketed {
                args,
                constraints: Vec::new(),
            })
        }),
        ..p.clone()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lifetimes_do_not_count_in_item_comparison() {
        assert_eq!(
            super::normal("pulldown_cmark::Event<'a>"),
            super::normal("pulldown_cmark::Event<'_>")
        );
        assert_ne!(super::normal("Event<'a>"), super::normal("Tag<'a>"));
    }
}
