//! What is exported, as plain data: the parse layer fills it, the expand layer reads it.
use crate::shapes::Shape;
use kayton_manifest::Receiver;
use proc_macro2::{Ident, TokenStream};
use syn::Type;

pub struct Export {
    /// The item, minus the attributes this crate consumed, emitted unchanged.
    pub item: TokenStream,
    /// A stable, unique suffix for the exported symbols of this item.
    pub tag: String,
    pub kind: ExportKind,
    /// `#[kayton::export(remote …)]`: the item declares another crate's item (a mirror
    /// struct or enum, bodiless fns, an `impl` of a foreign type); it is not emitted, and
    /// what is generated calls the real one.
    pub remote: Option<Remote>,
}

/// Where a remote declaration's real item lives.
pub struct Remote {
    /// The real item's path (`semver::Version`, `reqwest::blocking::get`); for an `impl`
    /// block, its self type's path.
    pub path: syn::Path,
}

impl Remote {
    /// The module the real item is in, as text (`reqwest::blocking`).
    pub fn module(&self) -> String {
        let segs: Vec<String> = self
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        segs[..segs.len().saturating_sub(1)].join("::")
    }
}

pub enum ExportKind {
    Fn(Func),
    Type(TypeItem),
    Impl(ImplBlock),
    TraitImpl(TraitImpl),
    Trait(TraitItem),
    Use(Vec<Alias>),
    /// `pub type Name = Target;`
    TypeAlias(TypeAliasItem),
    /// `pub const NAME: Ty = …;` (or, remote, `pub const NAME: Ty;`)
    Const(ConstItem),
    /// A generic type or `impl` block, once per shape (see `instances.rs`).
    Instances(Vec<Export>),
}

pub struct ConstItem {
    pub ident: Ident,
    pub ty: Type,
}

pub struct TypeAliasItem {
    pub ident: Ident,
    pub target: Type,
    /// Type parameters passed on to the target (an alias of a generic type).
    pub params: Vec<Ident>,
}

pub struct Param {
    pub name: Ident,
    pub ty: Type,
}

/// A function or method signature.
pub struct Func {
    pub ident: Ident,
    pub receiver: Option<Receiver>,
    /// Where the receiver is written (the call site when there is none).
    pub receiver_span: proc_macro2::Span,
    pub params: Vec<Param>,
    /// `None` for `()`.
    pub ret: Option<Type>,
    pub doc: String,
    /// The type parameters of a generic function, with the shapes to instantiate: each
    /// shape is substituted for every parameter at once.
    pub generic: Option<(Vec<Ident>, Vec<Shape>)>,
}

pub struct TypeItem {
    pub ident: Ident,
    /// A remote type with lifetime parameters only (`Entry<'a>`): no kind, its values
    /// live in a cell's expression.
    pub borrowed: bool,
    /// How many lifetime parameters a borrowed type has.
    pub lifetimes: usize,
    /// An instance of a generic type: its type arguments (`Stack<i64>`); else empty.
    pub args: Vec<Type>,
    /// Of an instance: the defaults of the generic type's last parameters, in order.
    pub defaults: Vec<Type>,
    pub doc: String,
    /// Public named fields (readable from Keyton).
    pub fields: Vec<Param>,
    /// `#[kayton::literal]` on a mirror: its fields are all the type has, all public, so
    /// a cell makes one from them by name (`Coord(x=1.0, y=2.0)` is `Coord { x, y }`).
    pub literal: bool,
    /// `#[kayton::owned(Utf8PathBuf)]` on the mirror of an unsized type (`Utf8Path`):
    /// no kind (no value of it is held); a borrowed one is lent by a value of this, its
    /// `ToOwned::Owned`.
    pub owned: Option<Type>,
    /// Enums: unit variants (associated consts) and data variants (constructors).
    pub variants: Vec<Variant>,
}

pub struct Variant {
    pub ident: Ident,
    pub doc: String,
    pub shape: VariantShape,
}

pub enum VariantShape {
    Unit,
    Tuple(Vec<Type>),
    Struct(Vec<Param>),
}

pub struct ImplBlock {
    pub self_ty: Type,
    pub methods: Vec<Func>,
    pub consts: Vec<(Ident, Type)>,
    /// The block's generics: lifetimes of a type that borrows (`impl<'a> Entry<'a>`).
    pub generics: syn::Generics,
    /// `#[kayton::deref(Target)]` on a remote block: its methods are `Target`'s, reached
    /// through the type's `Deref` (toml_edit's `DocumentMut` → `Table::get`).
    pub deref: Option<syn::Path>,
}

pub struct TraitImpl {
    pub trait_path: syn::Path,
    pub self_ty: Type,
    pub methods: Vec<Func>,
}

pub struct TraitItem {
    pub ident: Ident,
    pub methods: Vec<Func>,
}

/// `pub use target as public;`
pub struct Alias {
    pub target: String,
    pub public: String,
}

pub struct PluginArgs {
    pub version: Option<String>,
    pub features: Vec<String>,
    /// `paths = [("other::Path", "path::in::manifest"), …]` (bindgen writes them).
    pub paths: Vec<(String, String)>,
    /// `unbound = [("crate::item", "why"), …]`: public items the plugin does not bind
    /// (bindgen writes them).
    pub unbound: Vec<(String, String)>,
}
