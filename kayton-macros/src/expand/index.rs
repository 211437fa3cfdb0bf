//! `impl std::ops::Index<usize> for regex::Captures<'_> { fn index(&self, index: usize)
//! -> &str; }`: a cell indexes in its own code (`caps[1]`), so there is no thunk; the
//! declared result is checked against the impl's real `Output`, and the signature goes
//! into the manifest, where it gives `caps[1]` its type.
use super::func::sig;
use super::Scope;
use crate::model::TraitImpl;
use crate::shapes::respan;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The checks (one function per declared `index`) and the manifest signatures.
pub fn checks(t: &TraitImpl, scope: &Scope) -> (TokenStream, Vec<kayton_manifest::FnSig>) {
    let self_ty = &t.self_ty;
    let path = &t.trait_path;
    let mut checks = TokenStream::new();
    let mut sigs = Vec::new();
    for (n, f) in t.methods.iter().enumerate() {
        let (Some(p), Some(ret)) = (f.params.first(), &f.ret) else {
            continue;
        };
        let (pn, pt) = (&p.name, &p.ty);
        let check = format_ident!("__kayton_index_{}_{n}", scope.tag);
        // At the declaration: an `Output` that is not the declared result is an error
        // there, which pruning removes with the impl.
        let call = respan(quote!(<#self_ty as #path>::index), f.ident.span());
        checks.extend(quote! {
            #[doc(hidden)]
            #[allow(dead_code, non_snake_case, clippy::all)]
            fn #check(recv: &#self_ty, #pn: #pt) { let _k: #ret = #call(recv, #pn); }
        });
        let mut s = sig(f, None, None);
        s.registry = None;
        sigs.push(s);
    }
    (checks, sigs)
}
