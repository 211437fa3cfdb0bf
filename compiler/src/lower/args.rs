//! Keyton values passed as Rust parameters: each conversion Keyton inserts (`&str` from a
//! string, checked integer narrowing, lists copied into slices, leaked `'static` values,
//! borrows where Rust borrows), and a Rust value used by value (cloned, or consumed).
use super::expr::{coerce, Lowered};
use super::{type_error, Lowerer};
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::rty::RTy;
use crate::span::{line_of, Span};
use crate::types::Ty;

impl Lowerer<'_> {
    /// An argument for a Rust parameter of type `r`. A `s.parse()` in it (Rust's
    /// `net.contains("10.0.0.1".parse().unwrap())`) parses into the parameter's type.
    pub(super) fn arg(&mut self, a: &Expr, r: &RTy, fname: &str) -> Result<String> {
        if !is_parse(a) {
            return self.arg_of(a, r, fname);
        }
        let saved = self.expect.replace(r.keyton());
        let out = self.arg_of(a, r, fname);
        self.expect = saved;
        out
    }

    fn arg_of(&mut self, a: &Expr, r: &RTy, fname: &str) -> Result<String> {
        let mismatch = |found: &Ty| {
            type_error(a.span, &r.keyton(), found)
                .label(format!("`{fname}` expects `{}` here", r.keyton().name()))
        };
        Ok(match r {
            RTy::Func { .. } => self.callback(a, r, fname)?,
            // A literal is one already; other strings are leaked, as `&'static str` (not
            // `&mut`, which a trait impl for `&str` would not take).
            RTy::StaticStr => match &a.kind {
                ExprKind::Str(s) => format!("{s:?}"),
                _ => {
                    let code = self.expr_as(a, &Ty::Str)?;
                    format!(
                        "&*::std::boxed::Box::leak(::std::string::String::into_boxed_str({code}))"
                    )
                }
            },
            // `&'static [u8]`: a string's bytes or a list, copied and leaked.
            RTy::StaticSlice(t) => {
                let l = self.expr(a)?;
                let owned = if l.ty == Ty::Str && **t == RTy::Int("u8".into()) {
                    format!("{}.into_bytes()", l.code)
                } else if l.ty == r.keyton() {
                    let el = t.from_keyton("k_el").ok_or_else(|| {
                        Diagnostic::new(
                            a.span,
                            format!("`{fname}` takes a slice Keyton cannot build yet"),
                        )
                    })?;
                    narrowed_copy(&l.code, &el)
                } else {
                    return Err(mismatch(&l.ty));
                };
                format!("&*::std::boxed::Box::leak({owned}.into_boxed_slice())")
            }
            // `&[&str]` / `Vec<&str>`: each string of the list borrowed (a temporary
            // that lives to the end of the call's statement).
            RTy::Slice(t) | RTy::Vec(t) if **t == RTy::StrRef => {
                let l = self.place(a)?;
                let strs = "::std::vec::Vec::<&str>";
                let v = match l.ty {
                    Ty::EmptyList => format!("{strs}::new()"),
                    Ty::List(ref e) if **e == Ty::Str => format!(
                        "{}.iter().map(::std::string::String::as_str).collect::<{strs}>()",
                        l.code
                    ),
                    _ => return Err(mismatch(&l.ty)),
                };
                if matches!(r, RTy::Slice(_)) {
                    format!("&{v}[..]")
                } else {
                    v
                }
            }
            // A slice of the bytes, which the call may advance as it reads.
            RTy::Reader => {
                let bytes = RTy::Slice(Box::new(RTy::Int("u8".into())));
                let code = self.arg_of(a, &bytes, fname)?;
                format!("&mut ::std::convert::identity::<&[u8]>({code})")
            }
            // `&[u8]` from a list of ints: each element narrowed (checked) into a copy; a
            // string is passed as its UTF-8 bytes (what Rust's `b"…"`/`.as_bytes()` give).
            RTy::Slice(t) if !t.is_direct() => {
                let l = self.place(a)?;
                if l.ty == Ty::Str && **t == RTy::Int("u8".into()) {
                    return Ok(format!("{}.as_bytes()", l.code));
                }
                if l.ty == Ty::EmptyList {
                    return Ok("&[]".into());
                }
                if l.ty != r.keyton() {
                    return Err(mismatch(&l.ty));
                }
                let el = t.from_keyton("k_el").ok_or_else(|| {
                    Diagnostic::new(
                        a.span,
                        format!("`{fname}` takes a slice Keyton cannot build yet"),
                    )
                })?;
                format!("&{}[..]", narrowed_copy(&l.code, &el))
            }
            // `Vec<u8>` by value from a list of ints: each element narrowed (checked).
            // `[]` is an empty one, a string its UTF-8 bytes (a `b"…"` literal).
            RTy::Vec(t) if !t.is_direct() && t.from_keyton("k_el").is_some() => {
                let l = self.place(a)?;
                if l.ty == Ty::EmptyList {
                    return Ok("::std::vec::Vec::new()".into());
                }
                if l.ty == Ty::Str && **t == RTy::Int("u8".into()) {
                    return Ok(format!("{}.clone().into_bytes()", l.code));
                }
                if l.ty != r.keyton() {
                    return Err(mismatch(&l.ty));
                }
                let el = t.from_keyton("k_el").expect("checked");
                narrowed_copy(&l.code, &el)
            }
            // A string literal is Rust's own (`&'static str`): a result that borrows it
            // (dissimilar's `diff("kitten", "sitting")`, `Chunk<'a>`s) can be kept.
            RTy::StrRef if matches!(&a.kind, ExprKind::Str(_)) => {
                let ExprKind::Str(s) = &a.kind else {
                    unreachable!("matched above")
                };
                format!("{s:?}")
            }
            RTy::StrRef | RTy::Slice(_) => {
                let l = self.place(a)?;
                let want = r.keyton();
                if l.ty != want {
                    return Err(mismatch(&l.ty));
                }
                // `.as_str()`, not `&`: a generic method called with it infers `&str`
                // (reqwest's `body<T: Into<Body>>("…")`), not `&String`.
                match r {
                    RTy::StrRef => format!("{}.as_str()", l.code),
                    _ => format!("&{}", l.code),
                }
            }
            RTy::Int(n) if n != "i64" => {
                let code = self.expr_as(a, &Ty::Int)?;
                format!("kayton::rt::narrow::<{n}>({code}, {n:?})?")
            }
            RTy::Float(f) if f == "f32" => format!("({} as f32)", self.expr_as(a, &Ty::Float)?),
            RTy::RefMut(inner) if super::inout::converts(inner) => self.lend(a, inner, fname)?,
            // A trait object (`Box<dyn svg::Node>`, `&dyn Error`): a value of a type that
            // implements it, boxed (a copy, or the variable moved) or lent.
            _ if dyn_traits(r).is_some() => {
                let traits = dyn_traits(r).expect("checked");
                let l = self.place(a)?;
                // A string or number where only std's traits are asked (`&dyn Display`).
                let std_only = traits
                    .split(" + ")
                    .all(|t| t.starts_with("std::") || t.starts_with("core::"));
                let fits = match &l.ty {
                    Ty::Rust(p) => self.state.implements(p, traits),
                    Ty::Str | Ty::Int | Ty::Float | Ty::Bool => std_only,
                    _ => false,
                };
                if !fits {
                    return Err(mismatch(&l.ty).note(format!(
                        "a value of a type that implements `{traits}` is passed here"
                    )));
                }
                // Cast, not coerced: a method a cell calls directly may be generic over
                // it (svg's `add<T: Into<Box<dyn Node>>>`), where nothing coerces.
                let dyn_ty = traits
                    .split(" + ")
                    .map(|t| format!("::{}", t.trim_start_matches("::")))
                    .collect::<Vec<_>>()
                    .join(" + ");
                match r {
                    RTy::DynBox(_) => {
                        let v = self.by_value(a, &l, &format!("`{fname}(…)`"))?;
                        format!("(::std::boxed::Box::new({v}) as ::std::boxed::Box<dyn {dyn_ty}>)")
                    }
                    RTy::RefMut(_) => {
                        self.mark_lent(a);
                        format!("(&mut {} as &mut dyn {dyn_ty})", l.code)
                    }
                    _ => format!("(&{} as &dyn {dyn_ty})", l.code),
                }
            }
            // `&'static T` (crc's `Crc.new(CRC_32_ISO_HDLC)`, `Crc::new(&CRC_32_ISO_HDLC)`
            // in Rust): a crate constant is lent as Rust lends it (a reference to a
            // constant is promoted to `'static`), a `&'static T` as it is, and another
            // value of `T` is leaked for the session, as a string literal would be.
            RTy::StaticRef(p) => {
                let held = Ty::Rust(format!("{}{p}", crate::types::STATIC_REF));
                if let Some(path) = self.const_path(a) {
                    let l = self.const_value(&path, a)?;
                    if l.ty == Ty::Rust(p.clone()) {
                        return Ok(format!("&::{path}"));
                    }
                }
                // A variable is cloned for that: one whose type is not `Clone` cannot be.
                let clones = self.state.type_def(p).is_none_or(|t| t.has("Clone"));
                if let (ExprKind::Name(n), false) = (&a.kind, clones) {
                    if self.lookup(n).is_some_and(|v| v.ty == Ty::Rust(p.clone())) {
                        return Err(Diagnostic::new(
                            a.span,
                            format!("`{n}` cannot be lent for good here: a `&'static {}` parameter keeps what it is given, and a `{}` is not Clone", p.replace("::", "."), p.replace("::", ".")),
                        )
                        .label("a value the crate keeps for the session"));
                    }
                }
                let l = self.expr(a)?;
                match &l.ty {
                    t if *t == held => l.code,
                    Ty::Rust(t) if t == p => {
                        format!(
                            "::std::boxed::Box::leak(::std::boxed::Box::new({}))",
                            l.code
                        )
                    }
                    t => return Err(mismatch(t)),
                }
            }
            // A dict lent as `&HashMap<K, V>`, a list as `&[f32; 4]` (glam's
            // `from_cols_array`): converted, then borrowed.
            RTy::Ref(inner) if matches!(**inner, RTy::Map { .. } | RTy::Array(..)) => {
                format!("&{}", self.arg(a, inner, fname)?)
            }
            // `&Path`, `&PathBuf` from a string.
            RTy::Ref(inner) if matches!(**inner, RTy::Path | RTy::PathBuf | RTy::OsStr) => {
                let l = self.place(a)?;
                if l.ty != Ty::Str {
                    return Err(mismatch(&l.ty));
                }
                match **inner {
                    RTy::Path => format!("::std::path::Path::new({}.as_str())", l.code),
                    RTy::OsStr => format!("::std::ffi::OsStr::new({}.as_str())", l.code),
                    _ => format!("&::std::path::PathBuf::from({}.as_str())", l.code),
                }
            }
            RTy::Ref(inner) | RTy::RefMut(inner) => {
                let l = self.place(a)?;
                // A `&'static T` value is lent as the reference it is.
                if let (RTy::Ref(_), Ty::Rust(p)) = (r, &l.ty) {
                    let owned = p.strip_prefix(crate::types::STATIC_REF);
                    if owned.is_some_and(|o| inner.keyton() == Ty::Rust(o.to_string())) {
                        return Ok(l.code);
                    }
                }
                if matches!(r, RTy::RefMut(_)) {
                    self.mark_lent(a);
                }
                if l.ty != inner.keyton() {
                    return Err(mismatch(&l.ty));
                }
                // A session global held as a `&mut` to the VM's value is reborrowed.
                let held_mut = match &a.kind {
                    ExprKind::Name(n) => self.lookup_raw(n).is_some_and(|v| v.borrowed),
                    _ => false,
                };
                let m = match r {
                    RTy::RefMut(_) if held_mut => "&mut *",
                    RTy::RefMut(_) => "&mut ",
                    _ => "&",
                };
                // `&&str` (a `&T` instantiated for `&str`): Keyton's str is a `String`.
                let view = if **inner == RTy::StrRef {
                    ".as_str()"
                } else {
                    ""
                };
                format!("{m}{}{view}", l.code)
            }
            RTy::Tuple(_)
            | RTy::Cow(_)
            | RTy::Array(..)
            | RTy::Iter(_)
            | RTy::NonZero(_)
            | RTy::Char
            | RTy::Duration
            | RTy::IntRange(..)
            | RTy::Option(_)
            | RTy::Map { .. }
                if !r.is_direct() =>
            {
                let l = self.expr(a)?;
                let found = l.ty.clone();
                let code = coerce(l, &r.keyton()).ok_or_else(|| mismatch(&found))?;
                r.from_keyton(&code).ok_or_else(|| {
                    Diagnostic::new(a.span, format!("`{fname}` takes a `{}` here, which Keyton cannot build yet", r.keyton().name()))
                        .note("inside tuples, lists and Options Keyton passes numbers, strings and Rust values by value")
                })?
            }
            RTy::Named(to) => {
                let l = self.place(a)?;
                // A value of another of the crate's types that converts (`set("d", data)`
                // where a `Value` is taken and `Value: From<Data>`).
                if let Ty::Rust(from) = &l.ty {
                    if self.state.converts_from(to, from) {
                        let v = self.by_value(a, &l, &format!("`{fname}(…)`"))?;
                        return Ok(format!("<{to} as ::std::convert::From<{from}>>::from({v})"));
                    }
                }
                if l.ty != r.keyton() {
                    return Err(mismatch(&l.ty));
                }
                self.by_value(a, &l, &format!("`{fname}(…)`"))?
            }
            _ => {
                let l = self.expr(a)?;
                let found = l.ty.clone();
                coerce(l, &r.keyton()).ok_or_else(|| mismatch(&found))?
            }
        })
    }

    /// A Rust value used by value: cloned when its type is `Clone`; otherwise the
    /// variable is consumed, and using it again is an error naming `by`.
    pub(super) fn by_value(&mut self, x: &Expr, l: &Lowered, by: &str) -> Result<String> {
        let Ty::Rust(p) = &l.ty else {
            return Ok(l.code.clone());
        };
        if self.state.clones(p) {
            return Ok(format!("{}.clone()", l.code));
        }
        let ExprKind::Name(n) = &x.kind else {
            return Ok(l.code.clone());
        };
        let line = self.src_line(x.span);
        // A constant is named afresh at each use: nothing is consumed.
        let Some(v) = self.lookup(n) else {
            return Ok(l.code.clone());
        };
        v.consumed = Some(format!("{by}{line}"));
        if v.borrowed {
            // A global still owned by the VM: take it out at the point of use.
            let (t, kind) = (l.ty.rust(), super::kind_expr(self.state, &l.ty));
            return Ok(format!("ctx.take_dynamic::<{t}>({n:?}, {kind}).ok_or_else(|| KErr::new(\"global `{n}` is not bound\"))?"));
        }
        Ok(l.code.clone())
    }

    fn src_line(&self, span: Span) -> String {
        match self.src {
            Some(src) => format!(" on line {}", line_of(src, span.start)),
            None => String::new(),
        }
    }
}

/// A `Vec` of each element of the list `code` converted by `el` (over `k_el`; it may use
/// `?`, so it runs in a loop of the cell's own function, not in a closure).
fn narrowed_copy(code: &str, el: &str) -> String {
    format!(
        "{{ let mut k_out = ::std::vec::Vec::new(); for k_el in {code}.iter().cloned() {{ k_out.push({el}); }} k_out }}"
    )
}

/// Whether `a` is `s.parse()`, perhaps unwrapped (`.unwrap()`, `.expect(msg)`).
fn is_parse(a: &Expr) -> bool {
    let ExprKind::Call(callee, _) = &a.kind else {
        return false;
    };
    match &callee.kind {
        ExprKind::Attr(_, m) if m == "parse" => true,
        ExprKind::Attr(x, m) if m == "unwrap" || m == "expect" => is_parse(x),
        _ => false,
    }
}

/// The traits of a trait object parameter: boxed (`Box<dyn Node>`) or lent (`&dyn Node`,
/// `&mut dyn Write`).
pub(super) fn dyn_traits(r: &RTy) -> Option<&str> {
    match r {
        RTy::DynBox(t) => Some(t),
        RTy::Ref(inner) | RTy::RefMut(inner) => match &**inner {
            RTy::Dyn(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}
