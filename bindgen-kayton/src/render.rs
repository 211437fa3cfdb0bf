//! Rust types from rustdoc JSON as the manifest's type text (`&str`, `Option<u64>`,
//! `Result<Self, semver::Error>`), using public paths where the crate re-exports items.
use rustdoc_types::{Crate, GenericArg, GenericArgs, GenericBound, Item, ItemEnum, Type};
use std::collections::HashMap;

mod lifetimes;
mod trait_types;

/// std types that have a Keyton conversion (`kayton_api::export`'s `bytes_std`), by the
/// canonical path rustdoc gives → the path a plugin writes (`core::time::Duration` is
/// defined in a private module of `core`).
const STD_TYPES: &[(&str, &str)] = &[
    ("core::time::Duration", "std::time::Duration"),
    ("core::net::socket_addr::SocketAddr", "std::net::SocketAddr"),
    ("core::net::ip_addr::IpAddr", "std::net::IpAddr"),
    ("core::net::ip_addr::Ipv4Addr", "std::net::Ipv4Addr"),
    ("core::net::ip_addr::Ipv6Addr", "std::net::Ipv6Addr"),
    ("std::path::PathBuf", "std::path::PathBuf"),
    ("std::path::Path", "std::path::Path"),
    ("core::cmp::Ordering", "std::cmp::Ordering"),
    ("std::io::error::Error", "std::io::Error"),
    ("std::io::error::ErrorKind", "std::io::ErrorKind"),
    ("alloc::sync::Arc", "std::sync::Arc"),
    (
        "std::collections::hash::map::HashMap",
        "std::collections::HashMap",
    ),
    ("core::ops::range::Range", "std::ops::Range"),
    (
        "core::ops::range::RangeInclusive",
        "std::ops::RangeInclusive",
    ),
    ("alloc::borrow::Cow", "std::borrow::Cow"),
    ("alloc::boxed::Box", "Box"),
    ("alloc::rc::Rc", "std::rc::Rc"),
    (
        "alloc::collections::btree::map::BTreeMap",
        "std::collections::BTreeMap",
    ),
    (
        "alloc::collections::btree::set::BTreeSet",
        "std::collections::BTreeSet",
    ),
    (
        "std::collections::hash::set::HashSet",
        "std::collections::HashSet",
    ),
    (
        "alloc::collections::vec_deque::VecDeque",
        "std::collections::VecDeque",
    ),
    (
        "alloc::collections::binary_heap::BinaryHeap",
        "std::collections::BinaryHeap",
    ),
    ("std::time::SystemTime", "std::time::SystemTime"),
    ("std::time::Instant", "std::time::Instant"),
    ("std::ffi::os_str::OsString", "std::ffi::OsString"),
    ("std::ffi::os_str::OsStr", "std::ffi::OsStr"),
    ("core::num::nonzero::NonZero", "std::num::NonZero"),
    ("core::fmt::Arguments", "std::fmt::Arguments"),
    ("core::fmt::Error", "std::fmt::Error"),
    (
        "core::char::CharTryFromError",
        "std::char::CharTryFromError",
    ),
    ("core::num::error::ParseIntError", "std::num::ParseIntError"),
    (
        "core::num::error::ParseFloatError",
        "std::num::ParseFloatError",
    ),
    (
        "core::num::error::TryFromIntError",
        "std::num::TryFromIntError",
    ),
    ("core::str::error::Utf8Error", "std::str::Utf8Error"),
    ("alloc::string::FromUtf8Error", "std::string::FromUtf8Error"),
];

/// The path a crate writes for a type of the standard library (`alloc::borrow::Cow` →
/// `std::borrow::Cow`): the table's, else the canonical path under `std` with private
/// modules dropped (`core::x::y::T` → `std::x::T`), which pruning drops if wrong. Never a
/// reason to skip an item: std is always nameable.
fn std_public(canonical: &str) -> Option<String> {
    if let Some((_, p)) = STD_TYPES.iter().find(|(c, _)| *c == canonical) {
        return Some(p.to_string());
    }
    let rest = ["core::", "alloc::", "std::"]
        .iter()
        .find_map(|p| canonical.strip_prefix(p))?;
    let segs: Vec<&str> = rest.split("::").collect();
    match segs.as_slice() {
        [module, .., name] => Some(format!("std::{module}::{name}")),
        [name] => Some(format!("std::{name}")),
        [] => None,
    }
}

/// What a result is declared as when its type cannot be held but shows (`impl Display`):
/// the macros and cells take its text.
pub const SHOWN: &str = "impl std::fmt::Display";

/// What a result is declared as when its type is a re-exported item of a crate with no
/// rustdoc JSON (a digest's `Output<Self>`, an array of `hybrid_array`): its bytes, if
/// it has them — rustc checks, and one that is not `AsRef<[u8]>` is pruned.
pub const BYTES: &str = "impl AsRef<[u8]>";

#[derive(Clone, Copy)]
pub struct Renderer<'a> {
    pub krate: &'a Crate,
    /// Canonical path (`http::status::StatusCode`) → the public path a cell writes
    /// (`reqwest::StatusCode`), for the bound crate's items and the ones it re-exports.
    pub public: &'a HashMap<String, String>,
    /// Whether `krate` is the bound crate itself (whose unexported paths are kept as a
    /// last resort), or a dependency read only for the items the bound crate re-exports.
    pub own: bool,
    /// Type parameters of the function being rendered.
    pub generics: &'a [String],
    /// Names bound to type text while rendering one impl: the impl's type parameters
    /// that the type gives a default (`T` of `HeaderMap<T = HeaderValue>`), and
    /// `Self::Name`, the impl's associated types (`Self::Err` of a `FromStr` impl).
    pub bound: &'a HashMap<String, String>,
    /// Declaring a trait for every iterator on `kayton_api::Iter<KItem>`: the item type
    /// (`KItem`), and the crate's iterator adaptors are written `impl Iterator<Item =
    /// KItem>` (what the adaptor yields otherwise is a compile error, pruned).
    pub iter_item: Option<&'a str>,
    /// Every crate read (the bound crate first), and its public traits by canonical
    /// path → (crate, id): a type's impl of a trait another crate defines
    /// (`SeedableRng for StdRng`) is declared from that crate's trait.
    pub crates: &'a [&'a Crate],
    pub traits: &'a HashMap<String, (usize, rustdoc_types::Id)>,
    /// Items of crates with no rustdoc JSON that a read crate re-exports, by canonical
    /// path → public path: nothing is known of them but their name.
    pub foreign: &'a HashMap<String, String>,
    /// Rendering a result: a type of another crate that the bound crate does not
    /// re-export (a `chrono::NaiveDate`) is `impl Display`, its text (pruned where it
    /// has none).
    pub foreign_shown: bool,
    /// Rendering an alias's target (`Blake2b512 = Blake2b<U64>`): an item of a crate
    /// without rustdoc JSON that a read crate re-exports, itself or in a module, is
    /// written at that public path (typenum's `U64`: `blake2::digest::consts::U64`).
    pub foreign_named: bool,
}

impl<'a> Renderer<'a> {
    /// This renderer for the bound crate itself, outside any item (a scan of its impls).
    pub fn at_root(&self) -> Renderer<'a> {
        Renderer {
            krate: self.crates[0],
            own: true,
            generics: &[],
            ..*self
        }
    }
}

impl Renderer<'_> {
    /// Whether `args` (rendered) are the defaults of every type parameter of the crate's
    /// struct or enum `p` names.
    fn are_defaults(&self, p: &rustdoc_types::Path, args: &[String], self_path: &str) -> bool {
        let generics = match self.krate.index.get(&p.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => &s.generics,
            Some(ItemEnum::Enum(e)) => &e.generics,
            _ => return false,
        };
        let defaults: Option<Vec<String>> = generics
            .params
            .iter()
            .filter_map(|g| match &g.kind {
                rustdoc_types::GenericParamDefKind::Type { default, .. } => {
                    Some(default.as_ref().and_then(|d| self.ty(d, self_path).ok()))
                }
                _ => None,
            })
            .collect();
        defaults.is_some_and(|d| d == args)
    }

    /// `args` with the defaults of the parameters left out appended, for a generic type
    /// the plugin instantiates with them (lru's `impl<K, V> LruCache<K, V>` is of
    /// `LruCache<K, V, DefaultHasher>`): an instance has one name, whichever impl says it.
    fn with_instance_defaults(
        &self,
        p: &rustdoc_types::Path,
        args: Vec<String>,
        self_path: &str,
    ) -> Vec<String> {
        let Some(item) = self.krate.index.get(&p.id) else {
            return args;
        };
        let generics = match &item.inner {
            ItemEnum::Struct(s) => &s.generics,
            ItemEnum::Enum(e) => &e.generics,
            _ => return args,
        };
        let Some(kept) = crate::generics::instantiable(self, item) else {
            return args;
        };
        if args.is_empty() || args.len() >= kept.len() {
            return args;
        }
        match crate::result_alias::bind_with_defaults(self, generics, &args, kept.len(), self_path)
        {
            Some((out, _)) => out,
            None => args,
        }
    }

    /// The type arguments of a path (`ContinuousCDF<f64, f64>` → `f64`, `f64`).
    pub(crate) fn type_args(
        &self,
        args: &Option<Box<GenericArgs>>,
        self_path: &str,
    ) -> Result<Vec<String>, String> {
        self.args(args, self_path)
    }

    fn args(
        &self,
        args: &Option<Box<GenericArgs>>,
        self_path: &str,
    ) -> Result<Vec<String>, String> {
        let mut out = self.all_args(args, self_path)?;
        // A parameter left to a default no plugin can name (hashbrown's `A = Global`)
        // is written by leaving it out, which only the last arguments can be
        // (`Entry<'_, K, V, S, A>` → `Entry<'_, i64, i64, DefaultHashBuilder>`).
        while out.last().map(String::as_str) == Some(crate::generics::LEFT_TO_DEFAULT) {
            out.pop();
        }
        match out
            .iter()
            .any(|a| a.contains(crate::generics::LEFT_TO_DEFAULT))
        {
            true => Err("a parameter left to a default no plugin can name".into()),
            false => Ok(out),
        }
    }

    fn all_args(
        &self,
        args: &Option<Box<GenericArgs>>,
        self_path: &str,
    ) -> Result<Vec<String>, String> {
        match args.as_deref() {
            None => Ok(Vec::new()),
            Some(GenericArgs::AngleBracketed { args, .. }) => args
                .iter()
                .filter_map(|a| match a {
                    // Bare, it is an argument (taken out above); inside, an error.
                    GenericArg::Type(Type::Generic(g))
                        if self.bound.get(g).map(String::as_str)
                            == Some(crate::generics::LEFT_TO_DEFAULT) =>
                    {
                        Some(Ok(crate::generics::LEFT_TO_DEFAULT.to_string()))
                    }
                    GenericArg::Type(t) => Some(self.ty(t, self_path)),
                    GenericArg::Lifetime(_) => None,
                    // A literal (`'*'` of `WildMatchPattern<'*', '?'>`) is written as is;
                    // so is a number rustdoc does not mark literal (`2` of noise's `impl
                    // NoiseFn<f64, 2> for Perlin`).
                    GenericArg::Const(c) if c.is_literal || c.expr.parse::<u128>().is_ok() => {
                        Some(Ok(c.expr.clone()))
                    }
                    GenericArg::Const(c) if self.bound.contains_key(&c.expr) => {
                        Some(Ok(self.bound[&c.expr].clone()))
                    }
                    _ => Some(Err("const generic argument".into())),
                })
                .collect(),
            Some(_) => Err("closure-style generic arguments".into()),
        }
    }

    /// The type as the manifest's tree, or why it cannot be bound.
    pub fn rust_type(
        &self,
        t: &Type,
        self_path: &str,
    ) -> Result<kayton_manifest::RustType, String> {
        kayton_manifest::RustType::parse(&self.ty(t, self_path)?)
    }

    /// Type text, or why the type cannot be bound.
    pub fn ty(&self, t: &Type, self_path: &str) -> Result<String, String> {
        Ok(match t {
            Type::Primitive(p) => match p.as_str() {
                "str" => "str".into(),
                p => p.to_string(),
            },
            Type::Generic(g) if g == "Self" => "Self".into(),
            Type::Generic(g) if self.generics.contains(g) => g.clone(),
            Type::Generic(g) if self.bound.get(g).map(String::as_str) == Some(crate::generics::LEFT_TO_DEFAULT) => {
                return Err(format!("generic type parameter `{g}` left to its default"))
            }
            Type::Generic(g) if self.bound.contains_key(g) => self.bound[g].clone(),
            Type::Generic(g) => return Err(format!("generic type parameter `{g}`")),
            Type::Tuple(ts) if ts.is_empty() => "()".into(),
            Type::Slice(inner) => format!("[{}]", self.ty(inner, self_path)?),
            // `[T; DIM]` of noise's `NoiseFn<T, const DIM: usize>` at `DIM = 2`.
            Type::Array { type_, len } => format!(
                "[{}; {}]",
                self.ty(type_, self_path)?,
                self.bound.get(len).unwrap_or(len)
            ),
            Type::Tuple(ts) => {
                let parts = ts.iter().map(|t| self.ty(t, self_path)).collect::<Result<Vec<_>, _>>()?;
                match parts.len() {
                    1 => format!("({},)", parts[0]),
                    _ => format!("({})", parts.join(", ")),
                }
            }
            // `&'static` stays (`Bytes::from_static`): a cell passes a leaked value.
            Type::BorrowedRef { is_mutable, type_, lifetime } => {
                let inner = self.ty(type_, self_path)?;
                let l = if lifetime.as_deref() == Some("'static") { "'static " } else { "" };
                if *is_mutable { format!("&{l}mut {inner}") } else { format!("&{l}{inner}") }
            }
            // `impl AsRef<X>`: a string for `str`, `Path` and `OsStr` (a `&str`),
            // bytes for `[u8]`, else the value of `X` itself (humansize's `impl
            // AsRef<FormatSizeOptions>`, implemented by it; pruned where not).
            Type::ImplTrait(bounds) if bounds.iter().any(|b| matches!(b, GenericBound::TraitBound { trait_, .. } if trait_.path.ends_with("AsRef"))) => {
                let target = bounds.iter().find_map(|b| match b {
                    GenericBound::TraitBound { trait_, .. } if trait_.path.ends_with("AsRef") => match trait_.args.as_deref() {
                        Some(GenericArgs::AngleBracketed { args, .. }) => match args.first() {
                            Some(GenericArg::Type(t)) => self.ty(t, self_path).ok(),
                            _ => None,
                        },
                        _ => None,
                    },
                    _ => None,
                });
                match target.as_deref() {
                    Some("[u8]") => "&[u8]".into(),
                    Some(t) if !["str", "std::path::Path", "std::ffi::OsStr"].contains(&t) && !t.contains("impl ") && !self.str_as_ref(t) => t.to_string(),
                    // `&str` is `AsRef` of each (smol_str's `SmolStr::new(text: impl
                    // AsRef<str>)`); no `impl Trait` parameter can be exported.
                    _ => "&str".into(),
                }
            }
            // An adaptor in a trait for every iterator: what its `impl Iterator` yields
            // (`Vec<KItem>` of `combinations`), else the item type (pruned if wrong).
            Type::ResolvedPath(p)
                if self.iter_item.is_some()
                    && (self.is_iterator(p) || self.is_std_iterator(p) || wraps_self(p)) =>
            {
                let item = self.iterator_item(p);
                format!("impl Iterator<Item = {}>", item.as_deref().or(self.iter_item).unwrap_or_default())
            }
            Type::ResolvedPath(p) => {
                if let Some(item) = self.adaptor_item(p) {
                    return Ok(format!("impl Iterator<Item = {item}>"));
                }
                let canonical = self.krate.paths.get(&p.id).map(|s| s.path.join("::")).unwrap_or_else(|| p.path.clone());
                if canonical == "std::io::error::Result" {
                    let args = self.args(&p.args, self_path)?;
                    return match &args[..] {
                        [ok] => Ok(format!("Result<{ok}, std::io::Error>")),
                        _ => Err("unsupported type".into()),
                    };
                }
                // A type that borrows only (`Entry<'a>`) is declared for the plugin as
                // `Entry<'_>`: cells use its values in the expression that made them.
                let borrows = self.has_lifetime_params(p);
                if borrows && !self.lifetimes_only(p) {
                    if self.implements(p, "Display") {
                        return Ok(SHOWN.into());
                    }
                    return Err(format!("type that borrows (`{}<'_>`)", p.path));
                }
                if canonical == "core::result::Result" {
                    // Keyton raises an `Err` through its `Display`: the error type need
                    // not be nameable from the cell, only the `Ok` type.
                    if let Some(GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() {
                        let mut types = args.iter().filter_map(|a| match a {
                            GenericArg::Type(t) => Some(t),
                            _ => None,
                        });
                        if let (Some(ok), Some(err)) = (types.next(), types.next()) {
                            let ok = self.ty(ok, self_path)?;
                            // An error type the plugin cannot name (`url::ParseError`,
                            // not re-exported) is inferred: Keyton only needs its Display.
                            let err = match self.ty(err, self_path) {
                                Ok(e) => e,
                                Err(_) => "_".into(),
                            };
                            return Ok(format!("Result<{ok}, {err}>"));
                        }
                    }
                }
                let args = self.with_instance_defaults(p, self.args(&p.args, self_path)?, self_path);
                // A type over one Keyton cannot name (chrono's `DelayedFormat<impl
                // Iterator<…>>` of `format`), shown: its text is the result.
                if args.iter().any(|a| a.contains("impl ")) && self.implements(p, "Display") {
                    return Ok(SHOWN.into());
                }
                // `serde_json::Result<T>` and the like: an alias of `Result<T, E>`.
                if let Some(r) = self.result_alias(p, &args, self_path) {
                    return r;
                }
                // Another crate's `Result<T>` alias that `result_alias` cannot write out
                // (`anyhow::Result<DateTime<Utc>>` of dateparser's `parse`): a `Result`
                // whose error Keyton raises by its text.
                let foreign_alias = self.krate.paths.get(&p.id).is_some_and(|s| {
                    s.crate_id != 0 && matches!(s.kind, rustdoc_types::ItemKind::TypeAlias)
                });
                if let (true, true, [ok]) = (foreign_alias, canonical.ends_with("::Result"), &args[..]) {
                    return Ok(format!("Result<{ok}, _>"));
                }
                let base = match canonical.as_str() {
                    "alloc::string::String" => "String".to_string(),
                    "core::option::Option" => "Option".into(),
                    "core::result::Result" => "Result".into(),
                    "alloc::vec::Vec" => "Vec".into(),
                    other => match (self.public.get(other), std_public(other)) {
                        (_, Some(std)) => std,
                        (Some(public), None) => public.clone(),
                        (None, None) if self.own && other.starts_with(&format!("{}::", self.krate_name())) => canonical.clone(),
                        (None, None) if self.foreign_named && crate::paths::foreign_public(self.foreign, other).is_some() => {
                            crate::paths::foreign_public(self.foreign, other).unwrap_or_default()
                        }
                        (None, None) if self.foreign.contains_key(other) => return Err(format!("type `{}` re-exported from a crate without rustdoc JSON", self.foreign[other])),
                        (None, None) if self.foreign_shown => return Ok(SHOWN.into()),
                        (None, None) => return Err(format!("type from another crate `{other}` that is not re-exported")),
                    },
                };
                if !borrows && !args.is_empty() && self.are_defaults(p, &args, self_path) {
                    // `NodeIndex<DefaultIx>` of `NodeIndex<Ix = DefaultIx>`: the type's
                    // default instance, which is declared at its bare path.
                    base
                } else if borrows && (args.is_empty() || self.are_defaults(p, &args, self_path)) {
                    format!("{base}<{}>", self.elided_of(p))
                } else if borrows {
                    format!("{base}<{}, {}>", self.elided_of(p), args.join(", "))
                } else if args.is_empty() { base } else { format!("{base}<{}>", args.join(", ")) }
            }
            Type::QualifiedPath { name, self_type, .. }
                if matches!(&**self_type, Type::Generic(g) if g == "Self")
                    && self.bound.contains_key(&format!("Self::{name}")) =>
            {
                self.bound[&format!("Self::{name}")].clone()
            }
            // `Self::Owned` of a `ToOwned` trait implemented for `str` (heck's case traits).
            Type::QualifiedPath { name, self_type, .. } if name == "Owned" && matches!(&**self_type, Type::Generic(g) if g == "Self") => {
                "String".into()
            }
            // `I::Item` of a function's own `I: IntoIterator`: written out in full, so that
            // each instantiation names it (`<Vec<i64> as IntoIterator>::Item` is `i64`).
            Type::QualifiedPath { name, self_type, trait_: Some(tr), .. }
                if matches!(&**self_type, Type::Generic(g) if self.generics.contains(g))
                    && ["IntoIterator", "Iterator"].contains(&self.trait_name(tr).as_str())
                    && name == "Item" =>
            {
                let Type::Generic(g) = &**self_type else { unreachable!() };
                format!("<{g} as {}>::Item", self.trait_name(tr))
            }
            // `<X::IntoIter as Iterator>::Item` is `<X as IntoIterator>::Item` (`X` a
            // parameter, or `Self::Item` of an iterator of lists: `<Vec<i64> as …>`).
            Type::QualifiedPath { name, self_type, .. }
                if name == "Item"
                    && matches!(&**self_type, Type::QualifiedPath { name: n, .. } if n == "IntoIter") =>
            {
                let Type::QualifiedPath { self_type: x, .. } = &**self_type else { unreachable!() };
                format!("<{} as IntoIterator>::Item", self.ty(x, self_path)?)
            }
            // `<X as Trait>::Assoc` of a concrete `X`: the crate's impl says it.
            Type::QualifiedPath { name, self_type, trait_, .. } => {
                let projected = |tr: &rustdoc_types::Path| {
                    self.projection(self_type, tr, name, self_path)
                        .or_else(|| self.bound_projection(self_type, tr, name, self_path))
                };
                match trait_.as_ref().and_then(projected) {
                    Some(t) => t?,
                    None => return Err(format!("associated type `{name}`")),
                }
            }
            Type::RawPointer { .. } => return Err("raw pointer".into()),
            Type::DynTrait(d) => self.dyn_trait(d)?,
            Type::FunctionPointer(_) => return Err("callback/closure parameter".into()),
            // `impl FnMut(i64) -> bool`: a boxed closure implements it.
            Type::ImplTrait(bounds) if bounds.iter().any(|b| self.closure(b).is_some()) => {
                bounds.iter().find_map(|b| self.closure(b)).expect("checked")?
            }
            // `impl Iterator<Item = &str>` (rust-ini's `impl DoubleEndedIterator<…>`,
            // evalexpr's `iter_identifiers`): collected into a list, as an adaptor is.
            Type::ImplTrait(bounds) if self.impl_iterator_item(bounds).is_some() => {
                let item = self.impl_iterator_item(bounds).expect("checked");
                format!("impl Iterator<Item = {}>", self.ty(item, self_path)?)
            }
            // The emitter turns it into a type parameter.
            Type::ImplTrait(_) => "impl _".into(),
            _ => return Err("unsupported type".into()),
        })
    }

    /// A trait's name: rustdoc may leave a path's text empty (`Self::Item` of an implied
    /// `Iterator`) and give only the id.
    pub(crate) fn trait_name(&self, tr: &rustdoc_types::Path) -> String {
        match tr.path.rsplit("::").next() {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => self
                .krate
                .paths
                .get(&tr.id)
                .and_then(|s| s.path.last().cloned())
                .unwrap_or_default(),
        }
    }

    /// Whether `p` is one of std's iterators a method returns (`vec::IntoIter` of
    /// itertools' `sorted`).
    fn is_std_iterator(&self, p: &rustdoc_types::Path) -> bool {
        let path = match self.krate.paths.get(&p.id) {
            Some(s) => s.path.join("::"),
            None => p.path.clone(),
        };
        [
            "alloc::vec::IntoIter",
            "alloc::vec::into_iter::IntoIter",
            "std::vec::IntoIter",
        ]
        .contains(&path.as_str())
    }

    /// Whether the type `p` names is one of the crate's iterators (it implements
    /// `Iterator`).
    fn is_iterator(&self, p: &rustdoc_types::Path) -> bool {
        // `Dedup<I>` is an alias of `CoalesceBy<…>`: the aliased type decides.
        if let Some(ItemEnum::TypeAlias(a)) = self.krate.index.get(&p.id).map(|i| &i.inner) {
            return matches!(&a.type_, Type::ResolvedPath(q) if q.id != p.id && self.is_iterator(q));
        }
        self.implements(p, "Iterator")
    }

    /// Whether the type `p` names has an impl of the trait named `name` (`Display`).
    pub(crate) fn implements(&self, p: &rustdoc_types::Path, name: &str) -> bool {
        let impls: &[rustdoc_types::Id] = match self.krate.index.get(&p.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => &s.impls,
            Some(ItemEnum::Enum(e)) => &e.impls,
            _ => return false,
        };
        impls
            .iter()
            .filter_map(|i| self.krate.index.get(i))
            .any(|i| {
                matches!(&i.inner, ItemEnum::Impl(imp)
                if imp.trait_.as_ref().is_some_and(|t| self.trait_name(t) == name))
            })
    }

    /// What a crate's iterator that Keyton cannot hold yields — one over type
    /// parameters (`Interleave<I::IntoIter, J::IntoIter>`) or one that borrows (`Keys<'_>`
    /// of `Map::keys`, made owned during the call) — so that it is declared `impl
    /// Iterator<Item = …>` and collected into a list.
    fn adaptor_item(&self, p: &rustdoc_types::Path) -> Option<String> {
        let type_args = p.args.as_deref().is_some_and(|a| {
            matches!(a, GenericArgs::AngleBracketed { args, .. }
                if args.iter().any(|a| matches!(a, GenericArg::Type(_))))
        });
        // A borrowing one that is text (percent-encoding's `PercentEncode` is `Display`)
        // stays a value the cell uses in the expression that made it (`str(…)`).
        let more = !type_args && self.implements(p, "Display");
        ((type_args || self.has_lifetime_params(p)) && !more && self.is_iterator(p))
            .then(|| self.iterator_item(p))
            .flatten()
    }

    fn krate_name(&self) -> String {
        self.krate
            .index
            .get(&self.krate.root)
            .and_then(|i| i.name.clone())
            .unwrap_or_default()
    }

    /// What a trait impl is for, as the manifest's `implemented_for` (a blanket impl over
    /// `T: AsRef<str>` counts as `str`).
    pub fn implementor(&self, item: &Item) -> Option<String> {
        let ItemEnum::Impl(imp) = &item.inner else {
            return None;
        };
        match &imp.for_ {
            Type::Primitive(p) => Some(p.clone()),
            Type::Generic(_) => {
                let text = format!("{:?}", imp.generics);
                text.contains("AsRef").then(|| "str".to_string())
            }
            other => self.ty(other, "").ok(),
        }
    }
}

/// Whether `p` takes `Self` as a type argument (`Dedup<Self>`): in a trait for every
/// iterator, an adaptor over the iterator, even where rustdoc shows none of its impls (a
/// type in a private module); one that is not an iterator is pruned by the compiler.
fn wraps_self(p: &rustdoc_types::Path) -> bool {
    match p.args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .any(|a| matches!(a, GenericArg::Type(Type::Generic(g)) if g == "Self")),
        _ => false,
    }
}
