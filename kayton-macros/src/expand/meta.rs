//! A manifest fragment as an exported static, assembled at compile time from JSON text
//! and the pieces only rustc knows (`module_path!()`, trait probes).
use crate::tytext::MOD;
use kayton_manifest::fragment::{Entry, Fragment, FRAGMENT_VERSION, META_SYMBOL_PREFIX};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub struct Meta {
    json: String,
    subs: Vec<(&'static str, Vec<TokenStream>)>,
}

impl Meta {
    pub fn new(entry: Entry, register: Option<&str>) -> Meta {
        let f = Fragment {
            version: FRAGMENT_VERSION,
            module: MOD.into(),
            register: register
                .map(|t| format!("{}{t}", kayton_manifest::fragment::REGISTER_SYMBOL_PREFIX)),
            entry,
        };
        Meta {
            json: serde_json::to_string(&f).expect("fragments serialize"),
            subs: vec![(MOD, vec![quote!(::core::module_path!())])],
        }
    }

    /// Resolve the fragment's names in `module` (a `&'static str` expression) instead of
    /// the `module_path!()` of the expansion.
    pub fn in_module(mut self, module: TokenStream) -> Meta {
        self.subs[0].1 = vec![module];
        self
    }

    /// Replace `placeholder` (inside a JSON string) by the concatenation of `pieces`,
    /// each a `&'static str` const expression.
    pub fn with(mut self, placeholder: &'static str, pieces: Vec<TokenStream>) -> Meta {
        self.subs.push((placeholder, pieces));
        self
    }

    pub fn emit(&self, tag: &str) -> TokenStream {
        let mut pieces: Vec<TokenStream> = Vec::new();
        let mut rest = self.json.as_str();
        loop {
            let next = self
                .subs
                .iter()
                .filter_map(|(p, v)| rest.find(p).map(|i| (i, *p, v)))
                .min_by_key(|(i, _, _)| *i);
            let Some((i, p, v)) = next else { break };
            let lit = &rest[..i];
            pieces.push(quote!(#lit));
            pieces.extend(v.iter().cloned());
            rest = &rest[i + p.len()..];
        }
        pieces.push(quote!(#rest));
        let sym = format_ident!("{META_SYMBOL_PREFIX}{tag}");
        quote! {
            #[doc(hidden)]
            #[no_mangle]
            #[allow(non_upper_case_globals)]
            pub static #sym: [u8; {
                #[allow(unused_imports)]
                use ::kayton_api::ProbeFallback as _;
                const P: &[&str] = &[#(#pieces),*];
                ::kayton_api::meta::len(P)
            }] = {
                #[allow(unused_imports)]
                use ::kayton_api::ProbeFallback as _;
                const P: &[&str] = &[#(#pieces),*];
                ::kayton_api::meta::bytes(P)
            };
        }
    }
}
