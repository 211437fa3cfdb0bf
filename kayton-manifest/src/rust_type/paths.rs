//! Rewriting the paths inside a type: resolving `crate::`/`super::`/`self::` as a
//! plugin's fragments write them, renaming an item to the public path a `pub use` gives.
use super::{Args, Bound, RustType, Segment, TypePath};

impl RustType {
    /// Apply `f` to every path in the type (arguments first, then the path holding
    /// them), including trait paths of `impl`/`dyn` bounds and qualified paths.
    pub fn map_paths(&self, f: &dyn Fn(&TypePath) -> TypePath) -> RustType {
        self.map(&mut |t| match t {
            RustType::Path(p) => Some(RustType::Path(f(&p.map_paths(f)))),
            RustType::ImplTrait(bs) => Some(RustType::ImplTrait(bounds(bs, f))),
            RustType::DynTrait(bs) => Some(RustType::DynTrait(bounds(bs, f))),
            RustType::Qualified {
                self_ty,
                trait_,
                name,
            } => Some(RustType::Qualified {
                self_ty: Box::new(self_ty.map_paths(f)),
                trait_: trait_.as_ref().map(|p| f(&p.map_paths(f))),
                name: name.clone(),
            }),
            _ => None,
        })
    }

    /// Apply `f` to the paths of types only (arguments first): the trait paths of
    /// `impl`/`dyn` bounds are kept, the types in their arguments are mapped.
    pub fn map_type_paths(&self, f: &dyn Fn(&TypePath) -> TypePath) -> RustType {
        self.map(&mut |t| match t {
            RustType::Path(p) => Some(RustType::Path(
                f(&p.map_types(&mut |x| x.map_type_paths(f))),
            )),
            _ => None,
        })
    }

    /// `crate::x` → `<krate>::x`, `a::b::super::c` → `a::c`, `a::self::b` → `a::b`.
    pub fn resolve_relative(&self, krate: &str) -> RustType {
        self.map_paths(&|p| p.resolve_relative(krate))
    }

    /// Every path that is `from` or starts with it (`from::x`) written with `to` instead.
    pub fn rename_path(&self, from: &str, to: &str) -> RustType {
        let (from, to) = (TypePath::plain(from), TypePath::plain(to));
        self.map_paths(&|p| p.renamed(&from, &to))
    }
}

fn bounds(bs: &[Bound], f: &dyn Fn(&TypePath) -> TypePath) -> Vec<Bound> {
    bs.iter()
        .map(|b| match b {
            Bound::Trait(p) => Bound::Trait(f(&p.map_paths(f))),
            other => other.clone(),
        })
        .collect()
}

impl TypePath {
    /// The path with `f` applied to the paths inside its arguments.
    fn map_paths(&self, f: &dyn Fn(&TypePath) -> TypePath) -> TypePath {
        self.map_types(&mut |t| t.map_paths(f))
    }

    fn resolve_relative(&self, krate: &str) -> TypePath {
        let mut out: Vec<Segment> = Vec::new();
        for (i, s) in self.segments.iter().enumerate() {
            match s.name.as_str() {
                "crate" if i == 0 => out.push(Segment {
                    name: krate.to_string(),
                    args: s.args.clone(),
                }),
                "super" if !out.is_empty() && out.last().is_some_and(|l| l.name != "super") => {
                    out.pop();
                }
                "self" if i > 0 => {}
                _ => out.push(s.clone()),
            }
        }
        TypePath {
            global: self.global,
            segments: out,
        }
    }

    fn renamed(&self, from: &TypePath, to: &TypePath) -> TypePath {
        let n = from.segments.len();
        let starts = self.segments.len() >= n
            && self.segments[..n]
                .iter()
                .zip(&from.segments)
                .all(|(a, b)| a.name == b.name)
            // Only the last replaced segment may carry arguments (`from<T>`).
            && self.segments[..n.saturating_sub(1)]
                .iter()
                .all(|s| s.args == Args::None);
        if !starts || n == 0 {
            return self.clone();
        }
        let mut segments = to.segments.clone();
        if let (Some(last), Some(orig)) = (segments.last_mut(), self.segments.get(n - 1)) {
            last.args = orig.args.clone();
        }
        segments.extend(self.segments[n..].iter().cloned());
        TypePath {
            global: self.global,
            segments,
        }
    }
}
