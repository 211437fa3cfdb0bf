//! Environments (`$KAYTON_HOME/envs/<name>`) and what building against them needs: the
//! pinned toolchain, the cell runtime (`kayton_api` as a dylib), installs of crates from
//! crates.io (bindgen-kayton's one pipeline), the manifests plugins embed, kernelspecs.
//!
//! Invariant: no front end (REPL, Jupyter) and no compiler here; `kik` depends on this
//! crate alone.
pub mod cargo_run;
pub mod embedded;
pub mod env;
pub mod install;
pub mod kernelspec;
pub mod runtime;
pub mod toolchain;
pub mod vars;
