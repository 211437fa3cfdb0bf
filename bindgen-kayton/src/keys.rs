//! The names emitted items are pruned by: the emitter leaves out what a key names, and
//! pruning maps each compile error back to a key. One spelling for both sides.
/// An emitted item's name for pruning: `type semver::Version`, `fn reqwest::blocking::get`,
/// `method semver::Version::parse`, `const semver::Version::EMPTY`; one instantiation
/// of a generic one appends its shape: `method reqwest::blocking::Client::get [&str]`.
pub type Key = String;

/// A type as keys spell it: `serde_json::Map<String,serde_json::Value>` (no spaces, no
/// turbofish), however it was written.
fn ty_key(ty: &str) -> String {
    // (prettyplease ends a long argument list with a comma: `Map<A, B,>`.)
    ty.replace([' ', '\n'], "")
        .replace("::<", "<")
        .replace(",>", ">")
}
pub fn type_key(path: &str) -> Key {
    format!("type {}", ty_key(path))
}
pub fn alias_key(path: &str) -> Key {
    format!("alias {path}")
}
/// A crate-level constant (`percent_encoding::NON_ALPHANUMERIC`).
pub fn item_const_key(path: &str) -> Key {
    format!("const {path}")
}
pub fn fn_key(path: &str) -> Key {
    format!("fn {path}")
}
pub fn method_key(ty: &str, name: &str) -> Key {
    format!("method {}::{name}", ty_key(ty))
}
pub fn const_key(ty: &str, name: &str) -> Key {
    format!("const {}::{name}", ty_key(ty))
}
pub fn variant_key(ty: &str, name: &str) -> Key {
    format!("variant {}::{name}", ty_key(ty))
}
pub fn impl_key(tr: &str, ty: &str) -> Key {
    format!("impl {} for {}", ty_key(tr), ty_key(ty))
}
pub fn trait_method_key(tr: &str, ty: &str, name: &str) -> Key {
    format!("method <{} as {}>::{name}", ty_key(ty), ty_key(tr))
}
pub fn shape_key(owner: &str, shape: &str) -> Key {
    format!("{owner} [{}]", shape.replace(' ', ""))
}
