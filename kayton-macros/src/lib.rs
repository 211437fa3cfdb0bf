//! `#[kayton::export]`, `#[kayton::instantiate(...)]` and `kayton::plugin!()`.
//!
//! A thin entry point over three layers: [`parse`] (syn items → [`model`], every misuse
//! a `syn::Error` at the user's tokens), [`model`] (plain structs saying what is
//! exported), and [`expand`] (quote: the item unchanged, its `exports` wrappers, VM
//! registry thunks and registrar, and a manifest fragment the host reads out of the
//! library file). Plugins name this crate `kayton`; generated code names `kayton_api`.
use proc_macro::TokenStream;

mod expand;
mod instances;
mod model;
mod parse;
mod remote;
mod shapes;
mod sig;
mod tytext;

/// Export an item to Keyton: a function, struct, enum, `impl` block, trait impl, trait
/// or `pub use`. See `docs/macros.md`.
#[proc_macro_attribute]
pub fn export(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(attr.into(), item.into(), None)
}

/// Export a generic function (or the generic methods of an exported `impl`) once per
/// listed shape: any of `i64, f64, &str, String, Vec<i64>, Vec<f64>, Dynamic`.
#[proc_macro_attribute]
pub fn instantiate(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(
        proc_macro2::TokenStream::new(),
        item.into(),
        Some(attr.into()),
    )
}

/// Once per plugin crate, at its root: the ABI-version and build-fingerprint symbols
/// and the crate's manifest header. Optional `version = "…"`, `features = ["…"]`
/// (defaults: the package version cargo sets, no features).
#[proc_macro]
pub fn plugin(input: TokenStream) -> TokenStream {
    match parse::plugin_args(input.into()) {
        Ok(p) => expand::plugin(&p).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn run(
    attr: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
    shapes: Option<proc_macro2::TokenStream>,
) -> TokenStream {
    let out = parse::export(attr, item.clone(), shapes).map(|e| expand::export(&e));
    match out {
        Ok(ts) => ts.into(),
        Err(e) => {
            // Keep the item so that one error does not cascade into "not found" errors.
            let mut ts = e.to_compile_error();
            ts.extend(item);
            ts.into()
        }
    }
}
