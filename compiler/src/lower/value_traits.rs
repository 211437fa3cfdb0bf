//! Methods of a crate's traits on Keyton's own values, once the trait is rimported by
//! name: strings (heck's `to_snake_case`, unicode-segmentation's `graphemes`), numbers
//! (num-integer's `Integer for i64`: `(10).div_floor(3)`) and lists (rand's
//! `SliceRandom for [i64]`: `xs.shuffle(rng)`), as Rust calls them with the trait in
//! scope.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::manifest::{FnSig, Receiver};
use crate::span::Span;
use crate::types::Ty;

/// The Rust types a Keyton value of `ty` may be a trait's `Self` as, preferred first.
fn self_types(ty: &Ty) -> &'static [&'static str] {
    match ty {
        // A one-character string is a `char` (unicode-xid's `UnicodeXID for char`).
        Ty::Str => &["str", "String", "&str", "char"],
        Ty::Int => &[
            "i64", "isize", "i128", "u64", "usize", "u128", "i32", "u32", "i16", "u16", "i8", "u8",
        ],
        Ty::Float => &["f64", "f32"],
        Ty::Bool => &["bool"],
        // rand's `SliceRandom for [T]` (`xs.shuffle(rng)`), itertools-like slice traits.
        Ty::List(t) => match **t {
            Ty::Int => &["[i64]", "Vec<i64>"],
            Ty::Float => &["[f64]", "Vec<f64>"],
            Ty::Str => &["[String]", "Vec<String>"],
            _ => &[],
        },
        _ => &[],
    }
}

impl Lowerer<'_> {
    /// `value.name(…)` of an imported trait implemented for the value's Rust type; `None`
    /// when no imported trait has such a method for it.
    pub(super) fn value_trait_call(
        &mut self,
        x: &Expr,
        recv: &Lowered,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let tys = self_types(&recv.ty);
        let found = self.state.imported_traits().into_iter().find_map(|t| {
            let on = tys
                .iter()
                .find(|s| t.implemented_for.iter().any(|i| i == *s))?;
            // The impl's own signatures where it is for a primitive (they may name it).
            let fs: Vec<FnSig> = t
                .primitive_impls
                .get(*on)
                .unwrap_or(&t.methods)
                .iter()
                .filter(|f| f.name == name)
                .cloned()
                .collect();
            // Without them (a plugin built before they were recorded), another slice
            // impl's signature may stand for this one's.
            let slices: Vec<&str> = match t.primitive_impls.contains_key(*on) {
                true => Vec::new(),
                false => t
                    .implemented_for
                    .iter()
                    .filter_map(|i| i.strip_prefix('[')?.strip_suffix(']'))
                    .collect(),
            };
            (!fs.is_empty()).then(|| (t.path.clone(), fs, *on, slices))
        });
        let Some((tp, fs, on, slices)) = found else {
            return Ok(None);
        };
        // The trait's own list keeps one signature per method: with impls for several
        // slice types, one that names an item type may be another impl's (`choose` gives
        // `Option<&f64>` of `[f64]`, not the `[i64]` it is called on).
        if slices.len() > 1 && matches!(recv.ty, Ty::List(_)) {
            let names_item = |f: &FnSig| {
                let text = std::iter::once(f.ret.to_string())
                    .chain(f.params.iter().map(|p| p.ty.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ");
                slices.iter().any(|e| {
                    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .any(|w| w == *e)
                        || text.contains(&format!("<{e}>"))
                })
            };
            if fs.iter().any(names_item) {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "`{name}` of `{tp}` gives or takes the list's items, for which the plugin records one item type of several (`{}`): not callable on a list yet",
                        slices.join("`, `")
                    ),
                ));
            }
        }
        // A generic method's instances (num-format's `to_formatted_string::<F>`, for
        // `Locale` and `CustomFormat`): the one the arguments fit.
        let f = match fs.as_slice() {
            [one] => one.clone(),
            many => {
                let refs: Vec<&FnSig> = many.iter().collect();
                let path = format!("{tp}::{name}");
                self.pick_instance(&path, &refs, args, span)?.clone()
            }
        };
        if recv.ty == Ty::Str && on != "char" {
            return self
                .str_trait_call(x, recv.clone(), &tp, f, args, span)
                .map(Some);
        }
        if let Ty::List(_) = recv.ty {
            // The list itself (a variable changes in place: `xs.shuffle(rng)`).
            let f = FnSig {
                via_trait: Some(tp),
                ..f
            };
            let name = f.name.clone();
            return self
                .emit_call(&name, &f, Some((x, recv.clone())), args, span, on)
                .map(Some);
        }
        self.bound_trait_call(x, recv.clone(), &tp, f, on, args, span)
            .map(Some)
    }

    /// `(10).div_floor(3)`: the number converted to the impl's type (checked) and bound
    /// for the call, as `<i64 as Integer>::div_floor(&k_num, &3)`; likewise a
    /// one-character string for a trait implemented for `char` (`"a".is_xid_start()`).
    #[allow(clippy::too_many_arguments)]
    fn bound_trait_call(
        &mut self,
        x: &Expr,
        recv: Lowered,
        trait_path: &str,
        f: FnSig,
        on: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        if matches!(f.receiver, Some(Receiver::RefMut)) {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` changes its {} in place (`&mut self`), which Keyton cannot call on a value",
                    f.name,
                    if on == "char" { "character" } else { "number" }
                ),
            ));
        }
        let value = match on {
            "i64" | "f64" | "bool" => recv.code.clone(),
            "f32" => format!("({} as f32)", recv.code),
            "char" => format!("kayton::rt::to_char(&{})?", recv.code),
            n => format!("kayton::rt::narrow::<{n}>({}, {n:?})?", recv.code),
        };
        let f = FnSig {
            via_trait: Some(trait_path.to_string()),
            ..f
        };
        let name = f.name.clone();
        let bound = Lowered::new("k_num", recv.ty.clone());
        let call = self.emit_call(&name, &f, Some((x, bound)), args, span, on)?;
        Ok(Lowered::new(
            format!("{{ let k_num: {on} = {value}; {} }}", call.code),
            call.ty,
        ))
    }

    /// `s.method(…)` of a trait implemented for `str` (heck's `to_snake_case`,
    /// unicode-segmentation's `graphemes(true)`): called with the trait in scope on a
    /// `&str` bound for the whole call, so a result that borrows the string (an iterator
    /// of pieces) is converted before the string goes away.
    fn str_trait_call(
        &mut self,
        x: &Expr,
        recv: Lowered,
        trait_path: &str,
        f: FnSig,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        // `self` of an impl for `&str` is the `&str` itself.
        if !matches!(f.receiver, Some(Receiver::Ref) | Some(Receiver::Value)) {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` takes its string by value or `&mut`, which Keyton cannot call on a string yet",
                    f.name
                ),
            )
            .label("a method of a trait implemented for strings"));
        }
        let f = FnSig {
            via_trait: Some(trait_path.to_string()),
            ..f
        };
        let name = f.name.clone();
        // A Rust value that borrows the string (owo-colors' `"hi".green()`, a
        // `FgColorDisplay<'_, Green, &str>` of `&self` = `&&str`) cannot leave a block
        // that binds it: the string is borrowed where it is made, a temporary that lives
        // to the end of the statement, which is where such a value may be used.
        let ret = f.ret.to_string();
        let base = ret.split('<').next().unwrap_or(&ret);
        let borrows = self
            .state
            .instances_of(base)
            .iter()
            .chain([base.to_string()].iter())
            .any(|p| self.state.type_def(p).is_some_and(|d| d.borrowed));
        if borrows {
            let on = Lowered::new(format!("(&*{})", recv.code), Ty::Str);
            return self.emit_call(&name, &f, Some((x, on)), args, span, "str");
        }
        let on = Lowered::new("k_str", Ty::Str);
        let call = self.emit_call(&name, &f, Some((x, on)), args, span, "str")?;
        Ok(Lowered::new(
            format!("{{ let k_str: &str = &{}; {} }}", recv.code, call.code),
            call.ty,
        ))
    }
}
