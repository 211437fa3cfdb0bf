//! The host side of a session: the cell builder (rustc per cell), the handle on the
//! executor process (restarted when it crashes), plugin loading, and the session engine.
//!
//! Invariant: no front end here (no REPL, no Jupyter, no async runtime); the executor
//! is reached only through its protocol.
mod borrow_error;
pub mod builder;
pub mod cells;
pub mod frontend;
pub mod host;
mod links;
pub mod lockfile;
pub mod plugins;
pub mod session;

// The environment side, under the paths the host's modules use.
pub(crate) use kayton_env::{embedded, env, runtime, toolchain, vars};
pub(crate) use kayton_executor::protocol;
