//! Development tools: the conformance runner (`keyton conformance`) and the loopback HTTP
//! server its sessions talk to.
//!
//! Invariant: nothing a user session needs lives here.
pub mod conformance;
pub mod coverage;
pub mod loopback;

pub(crate) use keyton_host::{cells, plugins, session};
