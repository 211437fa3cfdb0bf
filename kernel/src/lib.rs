//! `keyton`, the command: the REPL, `run`, `bench`, the Jupyter kernel's entry and the
//! executor child (`keyton __executor`), over the crates beside it in `kernel/` (see
//! ARCHITECTURE.md). Their modules are re-exported here under the paths the tests and
//! front ends use.
pub mod bench;
pub mod bench_rimport;
pub mod repl;
pub mod run;
pub mod soak;

pub use kayton_env::{cargo_run, embedded, env, install, runtime, toolchain, vars};
pub use kayton_executor::{executor, protocol, providers, vm};
pub use keyton_dev::{conformance, loopback};
pub use keyton_host::{builder, cells, host, plugins, session};
pub use keyton_jupyter as jupyter;
