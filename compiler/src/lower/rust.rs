//! Items of rimported crates, as their manifests describe them (their names and
//! `rimport` statements: `rimport.rs`): associated consts, fields, and calls (their arguments
//! converted by `args.rs`, their results converted back, `Result` raised).
use super::expr::Lowered;
use super::{type_error, Lowerer};
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::manifest::{FnSig, Receiver};
use crate::rty::{self, RTy};
use crate::span::Span;
use crate::state::ItemKind;
use crate::types::Ty;

impl Lowerer<'_> {
    /// `Type.CONST`, `value.field`; `None` if `x` is neither an item nor a Rust value.
    pub fn rust_attr(&mut self, whole: &Expr, x: &Expr, name: &str) -> Result<Option<Lowered>> {
        if let Some(path) = self.const_path(whole) {
            return self.const_value(&path, whole).map(Some);
        }
        if let Some(p) = self.item_path(x) {
            let Some(td) = self.state.type_def(&p).cloned() else {
                return Err(Diagnostic::new(
                    whole.span,
                    format!("`{}` has no item `{name}`", p.replace("::", ".")),
                ));
            };
            let Some(c) = td.consts.iter().find(|c| c.name == name) else {
                return Err(Diagnostic::new(
                    whole.span,
                    format!(
                        "`{}` has no associated constant `{name}`",
                        p.replace("::", ".")
                    ),
                )
                .label("not in the plugin's manifest"));
            };
            let r = rty::parse(&c.ty, &p).map_err(|e| Diagnostic::new(whole.span, e))?;
            let code = self.rust_to_keyton(&r, &format!("::{p}::{name}"), whole.span)?;
            return Ok(Some(Lowered::new(code, r.keyton())));
        }
        // `url.mime_type().type_`: a borrowed result read in place (`borrowed::RefUse`).
        self.note_ref_use(x, super::borrowed::RefUse::Receiver);
        let l = self.place(x)?;
        let Ty::Rust(p) = &l.ty else { return Ok(None) };
        let td = self.state.type_def(p).cloned();
        let Some(f) = td
            .as_ref()
            .and_then(|t| t.fields.iter().find(|f| f.name == name))
        else {
            return Err(
                Diagnostic::new(whole.span, format!("`{p}` has no public field `{name}`"))
                    .label("unknown field"),
            );
        };
        let r = rty::parse(&f.ty, p).map_err(|e| Diagnostic::new(whole.span, e))?;
        // Read through a reference, as a copy (`n = el.name`, `attrs = el.attributes` keep
        // `el` whole); by value for a number, and where the field's type cannot be copied.
        let by_value = format!("{}.{name}", l.code);
        let clone_ok = |p: &str| self.state.clones(p);
        let number = matches!(r, RTy::Int(_) | RTy::Float(_) | RTy::Bool);
        let code = match !number && copied(&r, &clone_ok) {
            true => {
                let by_ref = RTy::Ref(Box::new(r.clone()));
                let place = format!("(&{by_value})");
                self.rust_to_keyton(&by_ref, &place, whole.span).ok()
            }
            false => None,
        };
        let code = match code {
            Some(code) => code,
            None => self.rust_to_keyton(&r, &by_value, whole.span)?,
        };
        Ok(Some(Lowered::new(code, r.keyton())))
    }

    /// Calls of rimported items; `None` if the callee is not one.
    pub fn rust_call(
        &mut self,
        callee: &Expr,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        // `crate.module.function(…)` or an imported function.
        if let Some(p) = self.item_path(callee) {
            let krate = p.split("::").next().unwrap_or_default().to_string();
            let m = self.state.manifests[&krate].clone();
            let cands: Vec<&FnSig> = m.functions.iter().filter(|f| f.name == p).collect();
            if cands.is_empty() {
                let d = Diagnostic::new(
                    callee.span,
                    format!("`{}` is not a function", p.replace("::", ".")),
                );
                return Err(match self.unbound_reason(&p) {
                    Some(why) => d.label("its plugin does not bind it").note(why),
                    None => d,
                });
            }
            let f = if cands.len() > 1 || cands[0].shape.is_some() {
                self.pick_instance(&p, &cands, args, span)?
            } else {
                cands[0]
            };
            let target = format!("::{}", f.rust.as_deref().unwrap_or(&p));
            return self.emit_call(&target, f, None, args, span, "").map(Some);
        }
        let ExprKind::Attr(x, name) = &callee.kind else {
            return Ok(None);
        };
        // `FxHashMap.default()`: an alias of std's map makes an empty dict.
        if let Some(tp) = self.item_path(x) {
            if self.state.item_kind(&tp) == Some(ItemKind::Map) {
                return self.new_map(&tp, name, args, span).map(Some);
            }
        }
        // `Trait.method(value, …)` is `value.method(…)`, as Rust's UFCS.
        if let Some(tp) = self.item_path(x) {
            if let (Some(ItemKind::Trait), Some((recv, rest))) =
                (self.state.item_kind(&tp), args.split_first())
            {
                return self.trait_call(&tp, name, recv, rest, span).map(Some);
            }
        }
        // `Type.associated(…)` (a constant's method is a value's, below)
        if let Some(tp) = self
            .item_path(x)
            .filter(|p| self.state.item_kind(p) != Some(ItemKind::Const))
            .filter(|p| !self.calls_unit_value(p, name))
        {
            // A generic type: the instance the annotation or the arguments say.
            let tp = match self.state.type_def(&tp) {
                None if !self.state.instances_of(&tp).is_empty() => {
                    self.pick_type_instance(&tp, name, args, span)?
                }
                _ => tp,
            };
            // Several of one name (`from` of each `From<X>` impl): the one the
            // arguments fit.
            let td = self.state.type_def(&tp).cloned();
            let cands: Vec<&FnSig> = td
                .iter()
                .flat_map(|t| t.methods.iter())
                .filter(|f| &f.name == name && f.receiver.is_none())
                .collect();
            let assoc = match cands.as_slice() {
                [_, _, ..] => Some(self.pick_instance(&tp, &cands, args, span)?.clone()),
                _ => cands.first().map(|f| (*f).clone()),
            };
            // `Config.default()`: the type's `Default` impl, which the manifest records
            // among its `derives`.
            if let (None, "default", []) = (&assoc, name.as_str(), args) {
                if self.state.type_def(&tp).is_some_and(|t| t.has("Default")) {
                    return Ok(Some(Lowered::new(
                        format!("<::{tp} as ::std::default::Default>::default()"),
                        Ty::Rust(tp),
                    )));
                }
            }
            let Some(f) = assoc else {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "`{}` has no associated function `{name}`",
                        tp.replace("::", ".")
                    ),
                )
                .label("not in the plugin's manifest"));
            };
            let target = match (&f.rust, &f.via_trait) {
                (Some(r), _) => format!("::{r}"),
                // `Version::from_str`: named through its trait, which need not be in scope.
                (None, Some(tr)) => format!("<::{tp} as ::{tr}>::{name}"),
                (None, None) => format!("<::{tp}>::{name}"),
            };
            return self.emit_call(&target, &f, None, args, span, &tp).map(Some);
        }
        // `t.set_header(h).add_row(r)`: builder methods returning `&mut Self` change `t`,
        // and the next one is called on `t` itself (not on a copy of the result).
        if let Some(root) = self.self_chain(x)? {
            let effect = self.expr(x)?;
            let on_root = Expr {
                kind: ExprKind::Attr(Box::new(root.clone()), name.clone()),
                span: callee.span,
            };
            let rest = self.call(&on_root, args, span)?;
            return Ok(Some(Lowered::new(
                format!("{{ let _ = {}; {} }}", effect.code, rest.code),
                rest.ty,
            )));
        }
        // `value.method(…)` on a Rust value.
        self.note_ref_use(x, super::borrowed::RefUse::Receiver);
        // `paths[0].push(p)`: on the item itself, in its list or dict (not on a copy; a
        // value that is not Clone has none).
        let in_place = match &x.kind {
            ExprKind::Index(list, i) if self.rust_item_in_place(list, name) => {
                self.mark_root_changed(list);
                self.item_place(list, i)?
            }
            _ => None,
        };
        let from_item = in_place.is_some();
        let recv = match in_place {
            Some(l) => l,
            None => {
                self.chained.push((x.span, name.clone(), args.to_vec()));
                let l = self.place(x);
                self.chained.pop();
                l?
            }
        };
        // `.unwrap()`, `.to_string()`, … where the type has no such method of its own.
        if let Some(l) = self.value_habit(x, &recv.ty.clone(), name, args, span)? {
            return Ok(Some(l));
        }
        // An `Option` that is not `None` is used as its value (LANGUAGE.md v1.1).
        if let Ty::Option(inner) = &recv.ty {
            if let Ty::Rust(p) = &**inner {
                let p = p.clone();
                return self.option_method_call(x, recv, p, name, args, span);
            }
        }
        if let Ty::Rust(p) = &recv.ty {
            let p = p.clone();
            let f = self.method_for(&p, name, args, span)?;
            if f.receiver.is_none() {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "`{name}` is an associated function: call it as `{}.{name}(…)`",
                        p.rsplit("::").next().unwrap_or(&p)
                    ),
                ));
            }
            return self
                .emit_call(name, &f, Some((x, recv)), args, span, &p)
                .map(Some);
        }
        // Methods of a trait for every iterator (`Itertools`), on a list, once the trait is
        // rimported: the list is passed as a `kayton_api::Iter`.
        if let Ty::List(elem) = &recv.ty {
            if let Some(l) = self.iter_trait_call(callee, &recv, elem, name, args, span)? {
                return Ok(Some(l));
            }
        }
        // Trait methods on strings and numbers, from traits brought in with
        // `from … rimport Trait`.
        if let Some(l) = self.value_trait_call(x, &recv, name, args, span)? {
            return Ok(Some(l));
        }
        if !from_item {
            self.lowered_recv = Some((x.span, recv));
        }
        Ok(None)
    }

    /// `opt.method(…)` where `opt` is an `Option` of a Rust type: the method of the value
    /// it holds, called on a borrow of it; `None` raises an error naming the expression.
    fn option_method_call(
        &mut self,
        x: &Expr,
        recv: Lowered,
        p: String,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        let f = self.method_of(&p, name, span)?;
        let clone = self.state.clones(&p);
        let borrow = match f.receiver {
            Some(Receiver::Ref) => "&",
            Some(Receiver::RefMut) => "&mut ",
            // By value (`d.checked_add_signed(w)` of a `Copy` date): a copy of the value.
            Some(Receiver::Value) if clone => "&",
            _ => {
                return Err(Diagnostic::new(
                    span,
                    format!("`{name}` takes its `{p}` by value, which Keyton cannot take out of an Option yet"),
                )
                .note("test it with `is not None` and bind the value first"))
            }
        };
        let msg = self.none_message(x);
        let take = if f.receiver == Some(Receiver::Value) {
            "k_some.clone()"
        } else {
            "k_some"
        };
        let code = format!(
            "(match {borrow}{} {{ ::std::option::Option::Some(k_some) => {take}, ::std::option::Option::None => Err(KErr::new({msg:?}))? }})",
            recv.code
        );
        self.emit_call(
            name,
            &f,
            Some((x, Lowered::new(code, Ty::Rust(p.clone())))),
            args,
            span,
            &p,
        )
        .map(Some)
    }

    /// The value a chain of builder calls (`t.set_header(h)`, each returning `&mut
    /// Self`) is made on (`t`), if `x` is one.
    fn self_chain<'e>(&mut self, x: &'e Expr) -> Result<Option<&'e Expr>> {
        let mut names = Vec::new();
        let mut cur = x;
        while let ExprKind::Call(c, _) = &cur.kind {
            let ExprKind::Attr(inner, m) = &c.kind else {
                break;
            };
            names.push(m.as_str());
            cur = inner;
        }
        match &cur.kind {
            ExprKind::Name(n) if !names.is_empty() && self.is_var(n) => {}
            _ => return Ok(None),
        }
        let Ty::Rust(p) = self.place(cur)?.ty else {
            return Ok(None);
        };
        let Some(t) = self.state.type_def(&p) else {
            return Ok(None);
        };
        let returns_self = |m: &str| {
            t.methods.iter().any(|f| {
                f.name == m
                    && f.receiver == Some(Receiver::RefMut)
                    && matches!(&f.ret, kayton_manifest::RustType::Ref { mutable: true, inner, .. }
                        if inner.to_string() == "Self" || inner.to_string() == p)
            })
        };
        Ok(names.iter().all(|m| returns_self(m)).then_some(cur))
    }

    /// The method `name` of the Rust type `p` for these arguments: of a generic method's
    /// instantiations (`set_header<T: Into<Row>>` for `Vec<i64>`, `Vec<String>`, …), the
    /// one the arguments fit.
    fn method_for(&mut self, p: &str, name: &str, args: &[Expr], span: Span) -> Result<FnSig> {
        let td = self.state.type_def(p).cloned();
        let cands: Vec<&FnSig> = td
            .iter()
            .flat_map(|t| t.methods.iter())
            .filter(|f| f.name == name && f.receiver.is_some())
            .collect();
        match cands.as_slice() {
            [_, _, ..] => self.pick_instance(p, &cands, args, span).cloned(),
            _ => self.method_of(p, name, span),
        }
    }

    /// The method `name` of the Rust type `p`, from its manifest.
    fn method_of(&self, p: &str, name: &str, span: Span) -> Result<FnSig> {
        self.state
            .type_def(p)
            .and_then(|t| t.methods.iter().find(|f| f.name == name))
            .cloned()
            .ok_or_else(|| {
                Diagnostic::new(span, format!("`{p}` has no method `{name}`"))
                    .label("not in the plugin's manifest")
            })
    }

    pub(super) fn emit_call(
        &mut self,
        target: &str,
        f: &FnSig,
        recv: Option<(&Expr, Lowered)>,
        args: &[Expr],
        span: Span,
        self_path: &str,
    ) -> Result<Lowered> {
        let names: Vec<String> = f.params.iter().map(|p| p.name.clone()).collect();
        let args = &self.by_name(&f.name, &names, args)?[..];
        if args.len() != f.params.len() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` takes {} argument(s), {} given",
                    f.name,
                    f.params.len(),
                    args.len()
                ),
            ));
        }
        let mut codes = Vec::new();
        // Type parameters are bound from the arguments (`to_string(v)`: T = v's type)
        // and else from the type the result must have (`let v: Value = from_str(…)`).
        let mut bound: std::collections::HashMap<String, Ty> = std::collections::HashMap::new();
        // The Keyton type behind a `Dynamic` argument: what a `Dynamic` result becomes.
        let mut dyn_ty: Option<Ty> = None;
        let ret = rty::parse_with(&f.ret, self_path, &f.generics)
            .map_err(|e| Diagnostic::new(span, format!("`{}`: {e}", f.name)))?;
        let keep = self.keeps_borrow(f, &ret, self_path, span)?;
        for (a, p) in args.iter().zip(&f.params) {
            let r = rty::parse_with(&p.ty, self_path, &f.generics)
                .map_err(|e| Diagnostic::new(a.span, format!("parameter `{}`: {e}", p.name)))?;
            if r == RTy::Dynamic {
                let l = self.place(a)?;
                if !matches!(l.ty, Ty::Rust(_)) {
                    return Err(type_error(a.span, &Ty::Rust("a Rust type".into()), &l.ty));
                }
                let v = self.by_value(a, &l, &format!("`{}(…)`", f.name))?;
                let fns = super::kind_fns(self.state, &l.ty);
                codes.push(format!(
                    "{{ let k_fns = {fns}; let k_id = kayton::register_kind_for(ctx, &k_fns); kayton::Dynamic::new({v}, k_id, &k_fns) }}"
                ));
                dyn_ty.get_or_insert(l.ty.clone());
                continue;
            }
            if let Some((path, by_ref)) = r.serde_data() {
                codes.push(self.data_arg(a, path, by_ref, &f.name)?);
                continue;
            }
            let generic = match &r {
                RTy::Generic(g) => Some((g.clone(), false)),
                RTy::Ref(t) => match &**t {
                    RTy::Generic(g) => Some((g.clone(), true)),
                    _ => None,
                },
                _ => None,
            };
            match generic {
                Some((g, by_ref)) => {
                    // A wide integer result is an `int` here: plugins instantiate at `i64`.
                    let l = self.place(a)?;
                    let l = match l.ty.is_wide_int() {
                        true => Lowered::new(
                            super::expr::coerce(l, &Ty::Int).unwrap_or_default(),
                            Ty::Int,
                        ),
                        false => l,
                    };
                    if matches!(l.ty, Ty::NoneLit | Ty::EmptyList | Ty::Unit) {
                        return Err(Diagnostic::new(
                            a.span,
                            format!("cannot tell the type of {} for `{}`", l.ty.name(), f.name),
                        ));
                    }
                    bound.insert(g, l.ty.clone());
                    codes.push(if by_ref {
                        format!("&{}", l.code)
                    } else {
                        self.by_value(a, &l, &format!("`{}(…)`", f.name))?
                    });
                }
                None if keep => codes.push(self.static_arg(a, &r.subst(&bound), &f.name)?),
                None => codes.push(self.arg(a, &r.subst(&bound), &f.name)?),
            }
        }
        for g in &f.generics {
            if !bound.contains_key(g) {
                match self.expect.clone() {
                    Some(t) if matches!(ret, RTy::Generic(_) | RTy::Result(_)) => {
                        bound.insert(g.clone(), t);
                    }
                    _ => {
                        return Err(Diagnostic::new(
                            span,
                            format!(
                                "cannot tell which type `{}` should produce",
                                f.name.replace("::", ".")
                            ),
                        )
                        .label("type parameter not determined")
                        .note(format!(
                            "annotate the result, e.g. `let x: T = {}(…)`",
                            f.name.rsplit("::").next().unwrap_or(&f.name)
                        )));
                    }
                }
            }
        }
        let target = if let Some(shape) = super::pin::iterator_shape(f) {
            // Its result collected from an iterator, which nothing else pins: the
            // instantiation's type, given (clap's `get_many::<String>`).
            format!("{target}::<{shape}>")
        } else if f.generics.is_empty() {
            target.to_string()
        } else {
            let tys: Vec<String> = f.generics.iter().map(|g| bound[g].rust()).collect();
            format!("{target}::<{}>", tys.join(", "))
        };
        let call = match recv {
            None => format!("{target}({})", codes.join(", ")),
            Some((x, l)) => {
                let r = match f.receiver {
                    Some(Receiver::Value) => self.by_value(x, &l, &format!("`.{}()`", f.name))?,
                    Some(Receiver::RefMut) => {
                        if let ExprKind::Name(n) = &x.kind {
                            if let Some(v) = self.lookup(n) {
                                v.mutated = true;
                            }
                        }
                        l.code
                    }
                    _ => l.code,
                };
                match &f.via_trait {
                    // The trait must be in scope for method syntax (which auto-borrows).
                    Some(t) => format!(
                        "{{ use ::{} as _; {r}.{target}({}) }}",
                        t.split('<').next().unwrap_or(t),
                        codes.join(", ")
                    ),
                    None => format!("{r}.{target}({})", codes.join(", ")),
                }
            }
        };
        // One instantiation of a generic item called by its own name: its result type
        // says which (clap's `get_one::<T>`, whose `T` only the result names).
        let call = match (&f.shape, &f.rust) {
            (Some(_), None) => super::pin::pinned(call, &f.ret),
            _ => call,
        };
        let ret = ret.subst(&bound).widen_result();
        if ret == RTy::Dynamic {
            let Some(t) = dyn_ty else {
                return Err(Diagnostic::new(
                    span,
                    format!("cannot tell which Rust type `{}` returns", f.name),
                ));
            };
            let (rt, fns) = (t.rust(), super::kind_fns(self.state, &t));
            let code = format!(
                "{{ let k_fns = {fns}; let k_id = kayton::register_kind_for(ctx, &k_fns); ({call}).into_value::<{rt}>(k_id).map_err(KErr::new)? }}"
            );
            return Ok(Lowered::new(code, t));
        }
        if let Some(l) = self.data_result(&ret, &call, &f.name, span)? {
            return Ok(l);
        }
        if let Some(l) = self.unheld_ref(&ret, &call, span) {
            return Ok(l);
        }
        if let Some(l) = self.raw_iter_result(&ret, &call, span) {
            return Ok(l);
        }
        let code = self.rust_to_keyton(&ret, &call, span)?;
        Ok(Lowered::new(code, ret.keyton()))
    }

    /// A Rust value converted to its Keyton value (errors name the unsupported type).
    pub(super) fn rust_to_keyton(&self, r: &RTy, code: &str, span: Span) -> Result<String> {
        let clone_ok = |p: &str| self.state.clones(p);
        r.to_keyton(code, &clone_ok)
            .map_err(|e| Diagnostic::new(span, e))
    }
}

/// Whether a field of type `r` is read as a copy (through a reference): text, a crate's
/// `Clone` type, and lists, tuples, options and maps of them. Numbers are copied as
/// they are read; anything else is read by value, as before.
fn copied(r: &RTy, clone_ok: &dyn Fn(&str) -> bool) -> bool {
    match r {
        RTy::String | RTy::StrRef | RTy::Shown | RTy::PathBuf | RTy::OsString | RTy::Bytes => true,
        RTy::Int(_) | RTy::Float(_) | RTy::Bool | RTy::Char => true,
        RTy::Named(p) => clone_ok(p),
        RTy::Vec(t) | RTy::Option(t) | RTy::Array(t, _) => copied(t, clone_ok),
        RTy::Tuple(ts) => ts.iter().all(|t| copied(t, clone_ok)),
        RTy::Map { k, v, .. } => copied(k, clone_ok) && copied(v, clone_ok),
        _ => false,
    }
}
