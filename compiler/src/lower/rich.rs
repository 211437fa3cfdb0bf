//! Rich output builtins (LANGUAGE.md "Notebook output"): `html(s)`, `markdown(s)`,
//! `svg(s)`, `png(b)`, `jpeg(b)` make a `kayton::rt::Rich`; `display(x, …)` sends values
//! now, `update_display(x, display_id=…)` replaces one, `clear_output(wait=False)`;
//! `input(prompt)` reads a line from the front end. A list of dicts or a dict of lists
//! shows as an HTML table beside its text, as a displayed value and as a cell's result.
use super::expr::{show_code, Lowered};
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::state::State;
use crate::types::Ty;

/// The Rust path of a rich value's type (a std type of the compiler, `std_types.rs`).
pub const RICH: &str = "kayton::rt::Rich";

fn rich_ty() -> Ty {
    Ty::Rust(RICH.into())
}

/// Methods whose `String` result is an obvious rendering of a rimported type, by name.
const RENDER_METHODS: &[(&str, &str)] = &[
    ("to_html", "text/html"),
    ("render_html", "text/html"),
    ("to_svg", "image/svg+xml"),
    ("render_svg", "image/svg+xml"),
    ("to_markdown", "text/markdown"),
];

/// How a Rust type renders beyond its text: its `MimeBundle` impl, or a method of
/// [`RENDER_METHODS`] (`&self`, no arguments, a `String`).
enum RustRender {
    Bundle,
    Method(&'static str, &'static str),
}

fn rust_render(state: &State, path: &str) -> Option<RustRender> {
    let td = state.type_def(path)?;
    if td.has("MimeBundle") {
        return Some(RustRender::Bundle);
    }
    RENDER_METHODS.iter().find_map(|(name, mime)| {
        td.methods
            .iter()
            .any(|f| {
                f.name == *name
                    && f.receiver.is_some()
                    && f.params.is_empty()
                    && f.rust.is_none()
                    && f.ret.to_string() == "String"
            })
            .then_some(RustRender::Method(name, mime))
    })
}

/// Whether a value of this type has a rendering beyond its text.
pub fn is_rich(state: &State, ty: &Ty) -> bool {
    match ty {
        Ty::Rust(p) => p == RICH || rust_render(state, p).is_some(),
        Ty::List(t) => matches!(&**t, Ty::Dict(k, _) if **k == Ty::Str),
        Ty::Dict(k, v) => **k == Ty::Str && matches!(**v, Ty::List(_)),
        _ => false,
    }
}

/// Code of a `Rich` for the value `code` of type `ty` (a plain value: its text form).
pub fn rich_code(state: &State, code: &str, ty: &Ty) -> String {
    let whole = Lowered::new("(*k_t)", ty.clone());
    let cell = |t: &Ty| show_code(&Lowered::new("(*k_v)", t.clone()));
    match ty {
        Ty::Rust(p) if p == RICH => format!("({code}).clone()"),
        Ty::Rust(p) if is_rich(state, ty) => {
            let plain = show_code(&whole);
            match rust_render(state, p) {
                Some(RustRender::Method(m, mime)) => format!(
                    "{{ let k_t = &({code}); kayton::rt::Rich::with({mime:?}, k_t.{m}(), {plain}) }}"
                ),
                _ => format!(
                    "{{ let k_t = &({code}); use ::kayton::MimeBundle as _; kayton::rt::Rich::from_bundle(k_t.mime_bundle(), {plain}) }}"
                ),
            }
        }
        Ty::List(t) if is_rich(state, ty) => {
            let Ty::Dict(_, v) = &**t else { unreachable!() };
            format!(
                "{{ let k_t = &({code}); kayton::rt::rows_table(k_t, {}, |k_v| {}) }}",
                show_code(&whole),
                cell(v)
            )
        }
        Ty::Dict(_, v) if is_rich(state, ty) => {
            let Ty::List(item) = &**v else { unreachable!() };
            format!(
                "{{ let k_t = &({code}); kayton::rt::columns_table(k_t, {}, |k_v| {}) }}",
                show_code(&whole),
                cell(item)
            )
        }
        _ => format!(
            "kayton::rt::Rich::text({})",
            show_code(&Lowered::new(format!("({code})"), ty.clone()))
        ),
    }
}

impl Lowerer<'_> {
    pub(super) fn rich_builtin(
        &mut self,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        let (pos, kw) = split_keywords(args);
        let unit = |code: String| Lowered::new(code, Ty::Unit);
        match name {
            "html" | "markdown" | "svg" => {
                self.arity(name, &pos, 1..=1, span)?;
                no_keywords(name, &kw)?;
                let s = self.expr_as(&pos[0], &Ty::Str)?;
                Ok(Lowered::new(format!("kayton::rt::{name}(&{s})"), rich_ty()))
            }
            "png" | "jpeg" => {
                self.arity(name, &pos, 1..=1, span)?;
                no_keywords(name, &kw)?;
                let b = self.expr_as(&pos[0], &Ty::List(Box::new(Ty::Int)))?;
                Ok(Lowered::new(
                    format!("kayton::rt::{name}(&{b})?"),
                    rich_ty(),
                ))
            }
            "input" => {
                self.arity(name, &pos, 0..=1, span)?;
                no_keywords(name, &kw)?;
                let prompt = match pos.first() {
                    Some(p) => self.expr_as(p, &Ty::Str)?,
                    None => "String::new()".into(),
                };
                Ok(Lowered::new(
                    format!("kayton::rt::input(ctx, &{prompt}, false)?"),
                    Ty::Str,
                ))
            }
            "clear_output" => {
                self.arity(name, &pos, 0..=0, span)?;
                let mut wait = "false".to_string();
                for (k, v, at) in &kw {
                    match k.as_str() {
                        "wait" => wait = self.expr_as(v, &Ty::Bool)?,
                        _ => return Err(unknown_keyword(name, k, "`wait=`", *at)),
                    }
                }
                Ok(unit(format!("kayton::rt::clear_output(ctx, {wait})")))
            }
            _ => {
                let update = name == "update_display";
                let mut id = None;
                for (k, v, at) in &kw {
                    match k.as_str() {
                        "display_id" => id = Some(self.expr_as(v, &Ty::Str)?),
                        _ => return Err(unknown_keyword(name, k, "`display_id=`", *at)),
                    }
                }
                if update && (pos.len() != 1 || id.is_none()) {
                    return Err(Diagnostic::new(
                        span,
                        "`update_display` takes one value and `display_id=`",
                    ));
                }
                let mut code = String::from("{ ");
                for a in &pos {
                    self.note_ref_use(a, super::borrowed::RefUse::Receiver);
                    let l = self.place(a)?;
                    let r = rich_code(self.state, &l.code, &l.ty);
                    code.push_str(&match &id {
                        Some(id) => {
                            format!("kayton::rt::display_as(ctx, &{r}, &{id}, {update}); ")
                        }
                        None => format!("kayton::rt::display(ctx, &{r}); "),
                    });
                }
                code.push('}');
                Ok(unit(code))
            }
        }
    }
}

type Keywords<'a> = Vec<(String, &'a Expr, Span)>;

fn split_keywords(args: &[Expr]) -> (Vec<Expr>, Keywords<'_>) {
    let mut pos = Vec::new();
    let mut kw = Vec::new();
    for a in args {
        match &a.kind {
            ExprKind::Keyword(k, v) => kw.push((k.clone(), &**v, a.span)),
            _ => pos.push(a.clone()),
        }
    }
    (pos, kw)
}

fn no_keywords(name: &str, kw: &Keywords<'_>) -> Result<()> {
    match kw.first() {
        Some((k, _, at)) => Err(Diagnostic::new(
            *at,
            format!("`{name}` takes no argument by name (`{k}=`)"),
        )),
        None => Ok(()),
    }
}

fn unknown_keyword(name: &str, k: &str, takes: &str, at: Span) -> Diagnostic {
    Diagnostic::new(at, format!("`{name}` takes {takes} by name, not `{k}=`"))
}
