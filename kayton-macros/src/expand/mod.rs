//! [`crate::model`] → tokens: the item unchanged, plus its wrappers (`exports`), VM
//! registry thunks, a registrar and a manifest fragment.
mod fields;
pub(crate) mod func;
mod impls;
mod index;
mod meta;
mod types;

use crate::model::{Export, ExportKind, PluginArgs};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use meta::Meta;

pub fn export(e: &Export) -> TokenStream {
    let item = &e.item;
    let generated = generated(e);
    quote! { #item #generated }
}

/// What an export adds beside its item.
fn generated(e: &Export) -> TokenStream {
    let scope = Scope::of(e);
    match &e.kind {
        ExportKind::Instances(es) => es.iter().map(generated).collect(),
        ExportKind::Fn(f) => func::free(f, &scope),
        ExportKind::Type(t) => types::type_item(t, &scope),
        ExportKind::Impl(i) => impls::inherent(i, &scope),
        ExportKind::TraitImpl(t) => impls::trait_impl(t, &scope),
        ExportKind::Trait(t) => impls::trait_def(t, &e.tag),
        ExportKind::Use(a) => impls::aliases(a, &e.tag),
        ExportKind::TypeAlias(a) => impls::type_alias(a, &scope),
        ExportKind::Const(c) => impls::constant(c, &scope),
    }
}

/// The plugin's marker type, declared by `kayton::plugin!()` (see `kayton_api::export::Kind`).
pub fn marker() -> TokenStream {
    quote!(crate::__KaytonPlugin)
}

/// Where an export's names live: the module it is written in, or, for a remote
/// declaration, the real item's module.
pub struct Scope {
    pub tag: String,
    /// The real item's path (remote declarations only).
    pub remote: Option<syn::Path>,
    module: Option<String>,
}

impl Scope {
    fn of(e: &Export) -> Scope {
        Scope {
            tag: e.tag.clone(),
            remote: e.remote.as_ref().map(|r| r.path.clone()),
            module: e.remote.as_ref().map(|r| r.module()),
        }
    }

    /// A `&'static str` expression: the module path.
    pub fn module(&self) -> TokenStream {
        match &self.module {
            Some(m) => quote!(#m),
            None => quote!(::core::module_path!()),
        }
    }

    /// A manifest fragment whose names are relative to this scope's module.
    pub fn meta(&self, entry: kayton_manifest::fragment::Entry, register: bool) -> Meta {
        Meta::new(entry, register.then_some(self.tag.as_str())).in_module(self.module())
    }

    /// The `exports` module holding the wrappers of `ident`, and the path of the module
    /// as the manifest's `rust` text. Remote wrappers sit at the plugin's root (where
    /// bindgen writes them), under a unique name, since two crates' modules may both
    /// have a `get`.
    pub fn wrappers(&self, ident: &str) -> (proc_macro2::Ident, String) {
        if self.remote.is_some() {
            let m = format_ident!("__kayton_{}", self.tag);
            (m.clone(), format!("crate::{m}"))
        } else {
            // `Stack<i64>` (an instance) → `__kayton_Stack_i64_`.
            let safe = ident.replace(|c: char| !c.is_alphanumeric() && c != '_', "_");
            let m = format_ident!("__kayton_{}", safe);
            (m.clone(), m.to_string())
        }
    }
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
        paths: p.paths.clone(),
        unbound: p.unbound.clone(),
    };
    let meta = Meta::new(frag, None)
        .with("@@VERSION@@", vec![version])
        .emit("plugin");
    let abi: TokenStream =
        kayton_manifest::symbols::abi_exports("::kayton_api", "::kayton_api::fingerprint()")
            .parse()
            .expect("the ABI exports are Rust");
    let fp_static = format_ident!("{}", kayton_manifest::symbols::FINGERPRINT_STATIC);
    quote! {
        /// The plugin's marker type: exported conversions are implemented for it, which
        /// lets this crate make foreign types Keyton kinds.
        #[doc(hidden)]
        pub struct __KaytonPlugin;
        #abi
        /// The fingerprint as bytes, for readers of the library file.
        #[doc(hidden)]
        #[no_mangle]
        pub static #fp_static: [u8; ::kayton_api::fingerprint().len()] =
            ::kayton_api::meta::bytes(&[::kayton_api::fingerprint()]);
        #meta
    }
}
