//! The executor process (`keyton __executor`): it keeps a session's state in the VM and
//! runs loaded code. The host talks to it in JSON lines over pipes ([`protocol`]).
//!
//! Invariant: this crate never links the compiler, an async runtime or a front end
//! (`kernel/tests/deps.rs`); a crash here costs the session's variables, nothing else.
pub mod executor;
pub mod plot;
pub mod protocol;
pub mod providers;
pub mod vm;
pub mod wire;
