//! `kayton_api` — the ABI between the Keyton host (the VM), plugins and compiled cells.
//!
//! Everything that crosses a library boundary is `#[repr(C)]` and goes through the
//! [`KaytonApi`] vtable; nothing Rust-layout-specific crosses. Generated code uses the
//! safe wrappers in [`Ctx`] and never writes `unsafe` by hand.
//!
//! The crate is `no_std` + `alloc`; the `std` feature (on by default) adds [`rt`], the
//! runtime helpers compiled cells need (panic capture, Keyton's display rules).
#![no_std]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod abi;
mod convert;
mod ctx;
mod dynamic;
#[cfg(feature = "std")]
pub mod export;
mod fingerprint;
pub mod iter;
mod kind;
pub mod meta;
mod mime;
#[cfg(feature = "std")]
pub mod rt;

pub use abi::*;
// The plugin author's attributes, so that `kayton` (this crate, as plugins and cells
// both alias it) is the one crate a plugin names.
pub use convert::{widen_f32, FromKayton, IntoKayton, Owned};
pub use ctx::Ctx;
pub use dynamic::Dynamic;
pub use fingerprint::{abi_compatible, fingerprint, FINGERPRINT_PARTS};
pub use iter::{Iter, OwnedIter};
#[cfg(feature = "macros")]
pub use kayton_macros::{export, instantiate, plugin};
pub use kind::{register_kind_for, CloneFn, EqFn, KindFns, Probe, ProbeFallback, ShowFn};
pub use mime::MimeBundle;
