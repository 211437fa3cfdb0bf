//! `x[i]` of a Rust value through the `Index` impls its manifest declares, and
//! `doc["package"]["version"] = value("0.1.0")`: an item assigned in place, through the
//! `IndexMut` beside them (toml_edit's `DocumentMut`, serde_json's `Value`), as Rust
//! writes it.
use super::{Lowered, Lowerer};
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::rty::{self, RTy};
use crate::span::Span;
use crate::types::Ty;
use kayton_manifest::FnSig;

impl Lowerer<'_> {
    /// `t[i]` as a place (`*IndexMut::index_mut(&mut t, i)`) of the Rust type `p`, whose
    /// `Index` impl the key fits; `None` when `p` declares no `Index`.
    pub(super) fn rust_index_place(
        &mut self,
        t: &Lowered,
        p: &str,
        i: &Expr,
        span: Span,
    ) -> Result<Option<Lowered>> {
        let impls = self.index_impls(p);
        let cands: Vec<&FnSig> = impls.iter().collect();
        let f = match cands.as_slice() {
            // An `Index` generic over its key (serde_json's `Value`, toml_edit's `Item`):
            // by position or by key, giving the same type, as reading it does.
            [] if self.state.type_def(p).is_some_and(|t| t.has("Index")) => {
                let key = self.index_key(p, i)?;
                return Ok(Some(Lowered::new(
                    format!("(*::std::ops::IndexMut::index_mut(&mut {}, {key}))", t.code),
                    t.ty.clone(),
                )));
            }
            [] => return Ok(None),
            [f] => (*f).clone(),
            _ => self
                .pick_instance(p, &cands, std::slice::from_ref(i), span)?
                .clone(),
        };
        let (Some(key), ret) = (f.params.first(), &f.ret) else {
            return Ok(None);
        };
        let key =
            rty::parse_with(&key.ty, p, &f.generics).map_err(|e| Diagnostic::new(i.span, e))?;
        let out = match rty::parse_with(ret, p, &f.generics) {
            Ok(RTy::Ref(o)) => match *o {
                RTy::Named(o) => o,
                other => return Err(not_assignable(span, &other.keyton())),
            },
            Ok(other) => return Err(not_assignable(span, &other.keyton())),
            Err(e) => return Err(Diagnostic::new(span, e)),
        };
        let k = self.arg(i, &key, "index")?;
        Ok(Some(Lowered::new(
            format!("(*::std::ops::IndexMut::index_mut(&mut {}, {k}))", t.code),
            Ty::Rust(out),
        )))
    }
}

fn not_assignable(span: Span, t: &Ty) -> Diagnostic {
    Diagnostic::new(
        span,
        format!("an item of type `{}` cannot be assigned to", t.name()),
    )
}

impl Lowerer<'_> {
    /// The key of `x[i]` for a Rust type `p` whose `Index` is generic over its key
    /// (serde_json's `Value`): an int as a `usize` (checked) or a string as a `&str`.
    pub(super) fn index_key(&mut self, p: &str, i: &Expr) -> Result<String> {
        let k = self.expr(i)?;
        match k.ty {
            Ty::Int => Ok(format!(
                "kayton::rt::narrow::<usize>({}, \"usize\")?",
                k.code
            )),
            Ty::Str => Ok(format!("{}.as_str()", k.code)),
            other => Err(Diagnostic::new(
                i.span,
                format!(
                    "a `{p}` is indexed by an int or a string, not a `{}`",
                    other.name()
                ),
            )),
        }
    }
}

impl Lowerer<'_> {
    /// `x[i]` where the Rust type `p` declares `Index` impls with their `index` (a key of
    /// each kind Keyton passes): the one the key fits, called as Rust's `&x[i]` is.
    pub(super) fn index_call(
        &mut self,
        x: &Expr,
        target: &Lowered,
        p: String,
        i: &Expr,
        span: Span,
    ) -> Result<Option<Lowered>> {
        let impls = self.index_impls(&p);
        let cands: Vec<&FnSig> = impls.iter().collect();
        let args = std::slice::from_ref(i);
        let f = match cands.as_slice() {
            [] => return Ok(None),
            [f] => (*f).clone(),
            _ => self.pick_instance(&p, &cands, args, span)?.clone(),
        };
        let recv = Lowered::new(target.code.clone(), target.ty.clone());
        self.emit_call("index", &f, Some((x, recv)), args, span, &p)
            .map(Some)
    }

    /// The `index` methods of the `Index` impls the Rust type `p` declares.
    pub(super) fn index_impls(&self, p: &str) -> Vec<FnSig> {
        self.state
            .type_def(p)
            .iter()
            .flat_map(|t| t.methods.iter())
            .filter(|f| {
                f.name == "index"
                    && f.via_trait
                        .as_deref()
                        .is_some_and(|t| t.starts_with("std::ops::Index<"))
            })
            .cloned()
            .collect()
    }
}
