//! Rust types as a typed tree: what the manifest's type fields mean. Parsed once, here
//! ([`RustType::parse`]), from the text manifests store; written back with `Display`
//! in the one spelling every writer uses (`Result<Version, Error>`, `&'a mut [u8]`,
//! `impl Iterator<Item = &str>`). Bindgen, the macros and the compiler read and build
//! this tree instead of slicing type text, so they cannot disagree about a type.
use std::fmt;

mod parse;
mod paths;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RustType {
    /// A path: a primitive (`i64`, `str`), a std type (`Vec<T>`), a crate's type
    /// (`semver::Version`), a type parameter (`T`), `Self`.
    Path(TypePath),
    /// `&'a mut T`
    Ref {
        lifetime: Option<String>,
        mutable: bool,
        inner: Box<RustType>,
    },
    /// `*const T` / `*mut T`
    Ptr { mutable: bool, inner: Box<RustType> },
    /// `[T]`
    Slice(Box<RustType>),
    /// `[T; N]` (the length as written)
    Array { elem: Box<RustType>, len: String },
    /// `(A, B)`; `()` is the empty tuple.
    Tuple(Vec<RustType>),
    /// `impl A + B`
    ImplTrait(Vec<Bound>),
    /// `dyn A + B`
    DynTrait(Vec<Bound>),
    /// `fn(A) -> R`
    FnPtr {
        args: Vec<RustType>,
        ret: Box<RustType>,
    },
    /// `<T as Trait>::Name` (the trait absent for `<T>::Name`).
    Qualified {
        self_ty: Box<RustType>,
        trait_: Option<TypePath>,
        name: String,
    },
    /// `!`
    Never,
    /// `_`
    Infer,
}

/// `a::b::C<D>` (`global`: written `::a::b`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TypePath {
    pub global: bool,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    pub name: String,
    pub args: Args,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Args {
    None,
    /// `<'a, T, N, Item = U>`
    Angle(Vec<GenericArg>),
    /// `(A, B) -> R` of the `Fn` traits
    Paren {
        inputs: Vec<RustType>,
        output: Box<RustType>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GenericArg {
    Lifetime(String),
    Type(RustType),
    /// A const argument, as written (`3`, `{ N }`).
    Const(String),
    /// `Item = T`
    Binding {
        name: String,
        ty: RustType,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bound {
    Trait(TypePath),
    Lifetime(String),
}

impl Default for RustType {
    /// `()`, as a function without a result returns.
    fn default() -> RustType {
        RustType::unit()
    }
}

impl RustType {
    /// `()`
    pub fn unit() -> RustType {
        RustType::Tuple(Vec::new())
    }

    /// A path of one or more `::`-separated names without arguments (`i64`, `m::T`).
    pub fn named(path: &str) -> RustType {
        RustType::Path(TypePath::plain(path))
    }

    /// A path type whose last segment takes `args` (`Vec` + `[i64]` → `Vec<i64>`).
    pub fn generic(path: &str, args: Vec<RustType>) -> RustType {
        let mut p = TypePath::plain(path);
        if let Some(last) = p.segments.last_mut() {
            last.args = Args::Angle(args.into_iter().map(GenericArg::Type).collect());
        }
        RustType::Path(p)
    }

    /// The path, if this is a path type.
    pub fn as_path(&self) -> Option<&TypePath> {
        match self {
            RustType::Path(p) => Some(p),
            _ => None,
        }
    }

    /// The type arguments of a path type whose path (without arguments) is one of
    /// `names` (`Option<u8>` of `["Option", "std::option::Option"]` → `[u8]`).
    pub fn args_of(&self, names: &[&str]) -> Option<Vec<&RustType>> {
        let p = self.as_path()?;
        names.contains(&p.bare().as_str()).then(|| p.type_args())
    }

    /// Whether a value of this type is one Keyton passes as it is (a number, `String`,
    /// `bool`, `char`, or a `Vec` or `Option` of a number or `String`): the fields a
    /// cell gives a struct literal (`Coord(x=1.0, y=2.0)`). The registry takes them too
    /// (a `Vec<bool>` comes only from compiled cells).
    pub fn is_plain_value(&self) -> bool {
        const ITEMS: &[&str] = &[
            "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "f64", "String",
        ];
        let text = self.to_string();
        if let Some(inner) = self.args_of(&["Vec", "Option"]) {
            return matches!(inner.as_slice(), [one] if ITEMS.contains(&one.to_string().as_str()));
        }
        ITEMS.contains(&text.as_str()) || ["f32", "bool", "char"].contains(&text.as_str())
    }

    /// The same type with its lifetimes left out (`Entry<'a, V>` → `Entry<V>`, `&'a str`
    /// → `&str`, `dyn Fn() + 'static` → `dyn Fn()`) but a reference's `'static`: what a
    /// cell can name, and whether an argument must live for ever.
    pub fn without_lifetimes(&self) -> RustType {
        let bounds = |bs: &[Bound]| -> Vec<Bound> {
            bs.iter()
                .filter(|b| matches!(b, Bound::Trait(_)))
                .cloned()
                .collect()
        };
        self.map(&mut |t| match t {
            RustType::ImplTrait(bs) => {
                Some(RustType::ImplTrait(bounds(bs)).map_children(&|c| c.without_lifetimes()))
            }
            RustType::DynTrait(bs) => {
                Some(RustType::DynTrait(bounds(bs)).map_children(&|c| c.without_lifetimes()))
            }
            // `&'static` stays: it says what a caller must pass (a leaked value).
            RustType::Ref {
                lifetime,
                mutable,
                inner,
            } => Some(RustType::Ref {
                lifetime: lifetime.clone().filter(|l| l == "'static"),
                mutable: *mutable,
                inner: Box::new(inner.without_lifetimes()),
            }),
            RustType::Path(p) => {
                let mut p = p.clone();
                for seg in &mut p.segments {
                    if let Args::Angle(args) = &mut seg.args {
                        args.retain(|a| !matches!(a, GenericArg::Lifetime(_)));
                        for a in args.iter_mut() {
                            if let GenericArg::Type(t) = a {
                                *t = t.without_lifetimes();
                            }
                        }
                        if args.is_empty() {
                            seg.args = Args::None;
                        }
                    }
                }
                Some(RustType::Path(p))
            }
            _ => None,
        })
    }

    /// Replace each bare path named in `with` (a type parameter `T`) by its type.
    pub fn substitute(&self, with: &dyn Fn(&str) -> Option<RustType>) -> RustType {
        self.map(&mut |t| {
            let p = t.as_path()?;
            match p.segments.as_slice() {
                [one] if !p.global && one.args == Args::None => with(&one.name),
                _ => None,
            }
        })
    }

    /// This node with `f` applied to each of its direct child types.
    fn map_children(&self, f: &dyn Fn(&RustType) -> RustType) -> RustType {
        let mut root = true;
        self.map(&mut |t| {
            if root {
                root = false;
                None
            } else {
                Some(f(t))
            }
        })
    }

    /// Rebuild the tree bottom-up except where `f` gives a replacement for a node.
    pub fn map(&self, f: &mut dyn FnMut(&RustType) -> Option<RustType>) -> RustType {
        if let Some(t) = f(self) {
            return t;
        }
        let mut go = |t: &RustType| t.map(f);
        match self {
            RustType::Path(p) => RustType::Path(p.map_types(&mut go)),
            RustType::Ref {
                lifetime,
                mutable,
                inner,
            } => RustType::Ref {
                lifetime: lifetime.clone(),
                mutable: *mutable,
                inner: Box::new(go(inner)),
            },
            RustType::Ptr { mutable, inner } => RustType::Ptr {
                mutable: *mutable,
                inner: Box::new(go(inner)),
            },
            RustType::Slice(t) => RustType::Slice(Box::new(go(t))),
            RustType::Array { elem, len } => RustType::Array {
                elem: Box::new(go(elem)),
                len: len.clone(),
            },
            RustType::Tuple(ts) => RustType::Tuple(ts.iter().map(go).collect()),
            RustType::ImplTrait(bs) => RustType::ImplTrait(map_bounds(bs, &mut go)),
            RustType::DynTrait(bs) => RustType::DynTrait(map_bounds(bs, &mut go)),
            RustType::FnPtr { args, ret } => RustType::FnPtr {
                args: args.iter().map(&mut go).collect(),
                ret: Box::new(go(ret)),
            },
            RustType::Qualified {
                self_ty,
                trait_,
                name,
            } => RustType::Qualified {
                self_ty: Box::new(go(self_ty)),
                trait_: trait_.as_ref().map(|p| p.map_types(&mut go)),
                name: name.clone(),
            },
            RustType::Never | RustType::Infer => self.clone(),
        }
    }
}

fn map_bounds(bs: &[Bound], go: &mut dyn FnMut(&RustType) -> RustType) -> Vec<Bound> {
    bs.iter()
        .map(|b| match b {
            Bound::Trait(p) => Bound::Trait(p.map_types(go)),
            Bound::Lifetime(l) => Bound::Lifetime(l.clone()),
        })
        .collect()
}

impl Segment {
    /// A segment without arguments.
    pub fn plain(name: &str) -> Segment {
        Segment {
            name: name.to_string(),
            args: Args::None,
        }
    }
}

impl TypePath {
    /// `a::b::C` as segments without arguments.
    pub fn plain(path: &str) -> TypePath {
        let global = path.starts_with("::");
        TypePath {
            global,
            segments: path
                .trim_start_matches("::")
                .split("::")
                .map(|name| Segment {
                    name: name.to_string(),
                    args: Args::None,
                })
                .collect(),
        }
    }

    /// The path without its arguments or leading `::` (`std::vec::Vec`).
    pub fn bare(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.name.as_str()).collect();
        names.join("::")
    }

    /// The last segment's name (`Vec` of `std::vec::Vec<T>`).
    pub fn last_name(&self) -> &str {
        self.segments.last().map_or("", |s| s.name.as_str())
    }

    /// The type arguments of the last segment (lifetimes, consts and bindings left out).
    pub fn type_args(&self) -> Vec<&RustType> {
        match self.segments.last().map(|s| &s.args) {
            Some(Args::Angle(args)) => args
                .iter()
                .filter_map(|a| match a {
                    GenericArg::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The last segment's arguments.
    pub fn last_args(&self) -> &Args {
        self.segments.last().map_or(&Args::None, |s| &s.args)
    }

    pub(crate) fn map_types(&self, go: &mut dyn FnMut(&RustType) -> RustType) -> TypePath {
        let segments = self
            .segments
            .iter()
            .map(|s| Segment {
                name: s.name.clone(),
                args: match &s.args {
                    Args::None => Args::None,
                    Args::Angle(args) => Args::Angle(
                        args.iter()
                            .map(|a| match a {
                                GenericArg::Type(t) => GenericArg::Type(go(t)),
                                GenericArg::Binding { name, ty } => GenericArg::Binding {
                                    name: name.clone(),
                                    ty: go(ty),
                                },
                                other => other.clone(),
                            })
                            .collect(),
                    ),
                    Args::Paren { inputs, output } => Args::Paren {
                        inputs: inputs.iter().map(&mut *go).collect(),
                        output: Box::new(go(output)),
                    },
                },
            })
            .collect();
        TypePath {
            global: self.global,
            segments,
        }
    }
}

fn list<T: fmt::Display>(f: &mut fmt::Formatter, items: &[T], sep: &str) -> fmt::Result {
    for (i, t) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{t}")?;
    }
    Ok(())
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            RustType::Path(p) => write!(f, "{p}"),
            RustType::Ref {
                lifetime,
                mutable,
                inner,
            } => {
                f.write_str("&")?;
                if let Some(l) = lifetime {
                    write!(f, "{l} ")?;
                }
                if *mutable {
                    f.write_str("mut ")?;
                }
                write!(f, "{inner}")
            }
            RustType::Ptr { mutable, inner } => {
                let m = if *mutable { "mut" } else { "const" };
                write!(f, "*{m} {inner}")
            }
            RustType::Slice(t) => write!(f, "[{t}]"),
            RustType::Array { elem, len } => write!(f, "[{elem}; {len}]"),
            RustType::Tuple(ts) => {
                f.write_str("(")?;
                list(f, ts, ", ")?;
                if ts.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            RustType::ImplTrait(bs) => {
                f.write_str("impl ")?;
                list(f, bs, " + ")
            }
            RustType::DynTrait(bs) => {
                f.write_str("dyn ")?;
                list(f, bs, " + ")
            }
            RustType::FnPtr { args, ret } => {
                f.write_str("fn(")?;
                list(f, args, ", ")?;
                f.write_str(")")?;
                if **ret != RustType::unit() {
                    write!(f, " -> {ret}")?;
                }
                Ok(())
            }
            RustType::Qualified {
                self_ty,
                trait_,
                name,
            } => match trait_ {
                Some(t) => write!(f, "<{self_ty} as {t}>::{name}"),
                None => write!(f, "<{self_ty}>::{name}"),
            },
            RustType::Never => f.write_str("!"),
            RustType::Infer => f.write_str("_"),
        }
    }
}

impl fmt::Display for TypePath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.global {
            f.write_str("::")?;
        }
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str("::")?;
            }
            f.write_str(&s.name)?;
            match &s.args {
                Args::None => {}
                Args::Angle(args) => {
                    f.write_str("<")?;
                    list(f, args, ", ")?;
                    f.write_str(">")?;
                }
                Args::Paren { inputs, output } => {
                    f.write_str("(")?;
                    list(f, inputs, ", ")?;
                    f.write_str(")")?;
                    if **output != RustType::unit() {
                        write!(f, " -> {output}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for GenericArg {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            GenericArg::Lifetime(l) | GenericArg::Const(l) => f.write_str(l),
            GenericArg::Type(t) => write!(f, "{t}"),
            GenericArg::Binding { name, ty } => write!(f, "{name} = {ty}"),
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Bound::Trait(p) => write!(f, "{p}"),
            Bound::Lifetime(l) => f.write_str(l),
        }
    }
}

impl std::str::FromStr for RustType {
    type Err = String;
    fn from_str(s: &str) -> Result<RustType, String> {
        RustType::parse(s)
    }
}

impl serde::Serialize for RustType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for RustType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RustType, D::Error> {
        let text = String::deserialize(d)?;
        RustType::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
