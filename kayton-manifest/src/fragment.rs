//! What one `#[kayton::export]` (or `kayton::plugin!`) writes into the plugin library: a
//! JSON [`Fragment`] in an exported static named `KAYTON_META__…`. The host reads every
//! such static out of the library file, without running plugin code, and assembles
//! them ([`crate::assemble`]).
//!
//! Paths in a fragment are as the item's own module sees them: `module` is the
//! `module_path!()` of the item (`geometry::shapes`), names are bare (`Point`), and type
//! text may say `Self`, `crate::…`, `super::…` or a name of the module (`Point`), which
//! the macros write as `<module>::Point`.
use crate::schema::{Const, FnSig, RustType, TraitDef, TypeDef};
use serde::{Deserialize, Serialize};

/// Prefix of the exported statics that hold fragments.
pub const META_SYMBOL_PREFIX: &str = "KAYTON_META__";
/// Prefix of the exported `extern "C" fn(*const KaytonContext) -> i32` registrars.
pub const REGISTER_SYMBOL_PREFIX: &str = "kayton_register__";
/// The fragment format version (bumped with any change a reader must know about).
pub const FRAGMENT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    pub version: u32,
    /// `module_path!()` where the item is defined.
    pub module: String,
    /// The registrar symbol the host calls after loading the library, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<String>,
    pub entry: Entry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Entry {
    /// `kayton::plugin!()`: the crate as a whole.
    Plugin {
        version: String,
        #[serde(default)]
        features: Vec<String>,
        /// The crate's other public paths of its items (`petgraph::graph::Graph` beside
        /// `petgraph::Graph`), each with the path the manifest names the item by: docs
        /// write either.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        paths: Vec<(String, String)>,
        /// Public items of the crate the plugin does not bind, each with why
        /// ([`crate::schema::Unbound`]).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unbound: Vec<(String, String)>,
    },
    /// A free function, or one instantiation of a generic one (`FnSig::shape`).
    Function { sig: FnSig },
    /// A struct or enum. `impls` lists the foreign traits Keyton uses that the type
    /// implements, found at compile time (`Display Debug Clone PartialEq`).
    Type {
        def: TypeDef,
        #[serde(default)]
        impls: String,
    },
    /// An inherent `impl` block: methods, associated functions and consts of `self_ty`.
    Impl {
        self_ty: String,
        #[serde(default)]
        methods: Vec<FnSig>,
        #[serde(default)]
        consts: Vec<Const>,
    },
    /// `impl Trait for Type`: the trait's methods become callable on the type.
    TraitImpl {
        trait_path: String,
        self_ty: String,
        #[serde(default)]
        methods: Vec<FnSig>,
    },
    /// An exported trait definition (importable by name).
    Trait { def: TraitDef },
    /// `pub use target as public;`: `public` is the path users write.
    Alias { target: String, public: String },
    /// `pub type Name = Target;`: another name of a type, importable and nameable.
    TypeAlias { name: String, target: RustType },
    /// `pub const NAME: Ty`: a crate-level constant, a value a cell names.
    Const { name: String, ty: RustType },
}
