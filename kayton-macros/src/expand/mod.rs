//! [`crate::model`] → tokens: the item unchanged, plus its wrappers (`exports`), VM
//! registry thunks, a registrar and a manifest fragment.
mod func;
mod impls;
mod meta;
mod types;

use crate::model::{Export, ExportKind, PluginArgs};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use meta::Meta;

pub fn export(e: &Export) -> TokenStream {
    let item = &e.item;
    let generated = match &e.kind {
        ExportKind::Fn(f) => func::free(f, &e.tag),
        ExportKind::Type(t) => types::type_item(t, &e.tag),
        ExportKind::Impl(i) => impls::inherent(i, &e.tag),
        ExportKind::TraitImpl(t) => impls::trait_impl(t, &e.tag),
        ExportKind::Trait(t) => impls::trait_def(t, &e.tag),
        ExportKind::Use(a) => impls::aliases(a, &e.tag),
    };
    quote! { #item #generated }
}

/// A registrar: `extern "C" fn(ctx) -> i32` the host calls after loading the library.
pub fn registrar(tag: &str, body: TokenStream) -> TokenStream {
    let sym = format_ident!(
        "{}{}",
        kayton_manifest::fragment::REGISTER_SYMBOL_PREFIX,
        tag
    );
    quote! {
        #[doc(hidden)]
        #[no_mangle]
        pub unsafe extern "C" fn #sym(ctx: *const ::kayton_api::KaytonContext) -> i32 {
            let ctx = ::kayton_api::Ctx::from_raw(ctx);
            #body
            0
        }
    }
}

pub fn plugin(p: &PluginArgs) -> TokenStream {
    let version = match &p.version {
        Some(v) => quote!(#v),
        None => quote!(match ::core::option_env!("CARGO_PKG_VERSION") {
            ::core::option::Option::Some(v) => v,
            ::core::option::Option::None => "0.0.0",
        }),
    };
    let frag = kayton_manifest::fragment::Entry::Plugin {
        version: "@@VERSION@@".into(),
        features: p.features.clone(),
    };
    let meta = Meta::new(frag, None)
        .with("@@VERSION@@", vec![version])
        .emit("plugin");
    quote! {
        #[doc(hidden)]
        #[no_mangle]
        pub extern "C" fn kayton_abi_version() -> u32 {
            ::kayton_api::ABI_VERSION
        }
        #[doc(hidden)]
        #[no_mangle]
        pub extern "C" fn kayton_build_fingerprint() -> ::kayton_api::KStr {
            ::kayton_api::KStr::new(::kayton_api::fingerprint())
        }
        /// The fingerprint as bytes, for readers of the library file.
        #[doc(hidden)]
        #[no_mangle]
        pub static KAYTON_FINGERPRINT: [u8; ::kayton_api::fingerprint().len()] =
            ::kayton_api::meta::bytes(&[::kayton_api::fingerprint()]);
        #meta
    }
}
