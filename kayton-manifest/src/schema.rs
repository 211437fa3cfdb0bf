//! The plugin manifest: what a plugin exports, with Keyton-visible signatures. It is
//! the only thing the compiler knows about a plugin. Written by `kayton-macros` (through
//! the fragments of [`crate::fragment`]) and by bindgen; versioned by `schema`. The
//! schema is documented field by field in `docs/manifest.md`.
//!
//! Paths are Rust public paths (`semver::Version`, `reqwest::blocking::Client`); Keyton
//! writes them with dots. Types are Rust type text (`&str`, `Result<Version, Error>`,
//! `Option<u64>`): a [`RustType`] tree, serialized as its text.
pub use crate::rust_type::RustType;
use serde::{Deserialize, Serialize};

/// The schema version written now. 2 added `rust`, `shape` and `registry` to functions
/// and `kind` to types; every schema-2 field has a default, so schema 1 still reads.
pub const MANIFEST_SCHEMA: u32 = 2;
/// The oldest schema this reader accepts.
pub const MANIFEST_SCHEMA_MIN: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    #[serde(rename = "crate")]
    pub krate: String,
    pub version: String,
    #[serde(default)]
    pub features: Vec<String>,
    /// Build fingerprint of the plugin (checked by the host when it loads the plugin).
    #[serde(default)]
    pub fingerprint: String,
    /// The plugin crate cells link to when it is not the crate itself (a generated
    /// `kayton_rplugin__<crate>` that re-exports it); cells alias it to the crate's name.
    #[serde(default)]
    pub plugin_crate: Option<String>,
    #[serde(default)]
    pub functions: Vec<FnSig>,
    #[serde(default)]
    pub types: Vec<TypeDef>,
    #[serde(default)]
    pub traits: Vec<TraitDef>,
    /// Type aliases (`chrono::Duration` = `chrono::TimeDelta`, `toml::Table` =
    /// `toml::map::Map<String, toml::Value>`): a cell naming one means its target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<TypeAlias>,
    /// Crate-level constants (`percent_encoding::NON_ALPHANUMERIC`,
    /// `base64::engine::general_purpose::STANDARD`), by full path: a cell names them as
    /// values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consts: Vec<Const>,
    /// Public items of the crate its plugin does not bind (`geo_types::coord`, a macro),
    /// each with why: a cell naming one is told the reason, not only that it is missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unbound: Vec<Unbound>,
}

/// A public item of a crate that its plugin does not bind, and why: [`Unbound::MACRO`] or
/// [`Unbound::ITEM`] (bindgen writes them; the compiler explains them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unbound {
    pub path: String,
    pub reason: String,
}

impl Unbound {
    /// A function-like macro: nothing a plugin can export.
    pub const MACRO: &'static str = "macro";
    /// A struct, enum or function that neither it nor any of its methods was bound (the
    /// plugin's coverage report says why).
    pub const ITEM: &'static str = "unbound";
}

impl Manifest {
    /// Why the plugin does not bind the public item `path`, if the crate has one there.
    pub fn unbound_reason(&self, path: &str) -> Option<&str> {
        self.unbound
            .iter()
            .find(|u| u.path == path)
            .map(|u| u.reason.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeAlias {
    pub path: String,
    pub target: RustType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
    /// `self` (consumes a non-`Clone` value)
    Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub ty: RustType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FnSig {
    /// Free functions: the full public path (`serde_json::to_string`); methods and
    /// associated functions: the bare name.
    pub name: String,
    #[serde(default)]
    pub receiver: Option<Receiver>,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default = "RustType::unit")]
    pub ret: RustType,
    /// Type parameters (`T`): a call instantiates them from the argument types or the
    /// type the result must have; rustc checks the bounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generics: Vec<String>,
    #[serde(default)]
    pub doc: String,
    /// The Rust path a compiled cell calls when it is not the item's own path: the
    /// monomorphic wrapper of an instantiation (`geometry::__kayton_largest::i64`), the
    /// constructor of a struct-like enum variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust: Option<String>,
    /// The instantiation shape (`i64`, `&str`, `Vec<f64>`, `Dynamic`, …) when this entry
    /// is one of several instantiations of a generic item; the compiler picks by the
    /// argument types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// For a method a trait provides: the trait's path (a cell brings it into scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_trait: Option<String>,
    /// The name under which the plugin registered this function in the VM registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
}

impl Default for FnSig {
    /// A function of no parameters returning `()`.
    fn default() -> FnSig {
        FnSig {
            name: String::new(),
            receiver: None,
            params: Vec::new(),
            ret: RustType::unit(),
            generics: Vec::new(),
            doc: String::new(),
            rust: None,
            shape: None,
            via_trait: None,
            registry: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Const {
    pub name: String,
    pub ty: RustType,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    pub path: String,
    #[serde(default)]
    pub fields: Vec<Param>,
    #[serde(default)]
    pub methods: Vec<FnSig>,
    #[serde(default)]
    pub consts: Vec<Const>,
    /// Foreign traits Keyton uses: `Display`, `Debug`, `Clone`, `PartialEq`.
    #[serde(default)]
    pub derives: Vec<String>,
    #[serde(default)]
    pub doc: String,
    /// The VM kind the plugin registers for this type (`geometry::Point`), if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A type that borrows (`serde_json::map::Entry<'a>`): a cell uses its values in
    /// the expression that made them (`m.entry(k).or_insert(v)`), never keeps one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub borrowed: bool,
    /// An instance of a generic type whose last parameters have defaults
    /// (`Graph<N, E, Ty = Directed, Ix = DefaultIx>`): those defaults, in order, so that
    /// a cell naming fewer arguments (`Graph[str, i64]`) gets the instance Rust would.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<RustType>,
    /// An unsized type (camino's `Utf8Path`, a newtype of `str` or `Path`), of which no
    /// value is held: a borrowed one is copied into its `ToOwned::Owned` (this path,
    /// `Utf8PathBuf`), which signatures name instead (see `assemble`), and which lends
    /// itself as one. Its functions are called at its own path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned: Option<String>,
}

impl TypeDef {
    pub fn has(&self, t: &str) -> bool {
        self.derives.iter().any(|d| d == t)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TraitDef {
    pub path: String,
    pub methods: Vec<FnSig>,
    /// Rust types it is implemented for (`str`, `String`, `geometry::Point`).
    #[serde(default)]
    pub implemented_for: Vec<String>,
    /// The methods of its impls for primitives (`f64`, `u8`, `char`), by primitive: one
    /// may name it where `methods` (each name once) names another's (approx's
    /// `abs_diff_eq(&self, other: &f64, epsilon: f64)` of `AbsDiffEq for f64`, `f32` in
    /// the impl for `f32`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub primitive_impls: std::collections::BTreeMap<String, Vec<FnSig>>,
}

impl Manifest {
    /// Parse and check the schema version, naming the file in errors.
    pub fn from_json(text: &str, origin: &str) -> Result<Manifest, String> {
        let m: Manifest = serde_json::from_str(text)
            .map_err(|e| format!("{origin}: not a Keyton plugin manifest: {e}"))?;
        if !(MANIFEST_SCHEMA_MIN..=MANIFEST_SCHEMA).contains(&m.schema) {
            return Err(format!(
                "{origin}: manifest schema {} is not one this compiler reads ({MANIFEST_SCHEMA_MIN} to {MANIFEST_SCHEMA}): rebuild the plugin",
                m.schema
            ));
        }
        Ok(m)
    }

    pub fn type_def(&self, path: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.path == path)
    }
    pub fn function(&self, path: &str) -> Option<&FnSig> {
        self.functions.iter().find(|f| f.name == path)
    }
    pub fn trait_def(&self, path: &str) -> Option<&TraitDef> {
        self.traits.iter().find(|t| t.path == path)
    }
    /// The type `path` stands for, if it is an alias.
    pub fn alias(&self, path: &str) -> Option<&RustType> {
        self.aliases
            .iter()
            .find(|a| a.path == path)
            .map(|a| &a.target)
    }
    /// The crate-level constant at `path`.
    pub fn constant(&self, path: &str) -> Option<&Const> {
        self.consts.iter().find(|c| c.name == path)
    }
}
