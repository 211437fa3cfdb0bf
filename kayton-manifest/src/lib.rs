//! The Keyton plugin manifest, shared by everything that writes or reads it: the macros
//! (`kayton-macros`) write [`fragment`]s into the plugin library, the host assembles
//! them into a [`Manifest`] ([`assemble`]), bindgen writes manifests directly, and the
//! compiler reads them. One set of types, so writer and reader cannot drift apart.
pub mod assemble;
pub mod fragment;
pub mod rust_type;
mod schema;
pub mod symbols;

pub use assemble::assemble;
pub use fragment::{Entry, Fragment};
pub use rust_type::RustType;
pub use schema::*;
