//! The Keyton host: the VM that keeps a session's state, the cell builder, the executor
//! process that runs loaded code, and the front ends (REPL, `run`, conformance).
pub mod bench;
pub mod bench_rimport;
pub mod builder;
pub mod cargo_run;
pub mod cells;
pub mod conformance;
pub mod embedded;
pub mod env;
pub mod executor;
pub mod host;
pub mod install;
pub mod jupyter;
pub mod loopback;
pub mod plugins;
pub mod protocol;
pub mod providers;
pub mod repl;
pub mod run;
pub mod runtime;
pub mod session;
pub mod toolchain;
pub mod vars;
pub mod vm;
