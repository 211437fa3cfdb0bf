//! The Keyton compiler: cell text → tokens → syntax tree → (type-checked) Rust → a
//! pretty-printed cell crate. It knows nothing of processes or libraries; the host
//! (`kernel/`) builds and runs what it emits.
pub mod ast;
pub mod cell;
pub mod codegen;
pub mod describe;
pub mod diag;
pub mod lexer;
pub mod lower;
/// The plugin manifest schema (its own crate: the macros write it, this reads it).
pub use kayton_manifest as manifest;
pub mod parser;
pub mod rty;
pub mod session;
pub mod span;
pub mod state;
pub mod std_types;
pub mod token;
pub mod types;

pub use diag::Diagnostic;
pub use lower::BUILTINS;
pub use manifest::Manifest;
pub use parser::{completeness, parse};
pub use session::{rimported_crates, CompileError, Compiled, Compiler};
pub use state::Stats;
pub use token::KEYWORDS;
pub use types::Ty;
