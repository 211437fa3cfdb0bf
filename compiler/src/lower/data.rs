//! Keyton values through a serde API: a function bounded by `Serialize`/`Deserialize` is
//! instantiated for the plugin's bridge type (`RTy::Data`), so that a dict, a list or
//! any data-shaped value goes in as data (`serde_json.to_string(ages)`), and a result
//! comes out as the type its `let` names (`let m: dict[str, i64] = serde_json.from_str(s)`),
//! checked as it converts.
use super::{Lowered, Lowerer};
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::rty::RTy;
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    /// The argument `a` for a parameter of the bridge type `path` (`&` of it if `by_ref`).
    pub(super) fn data_arg(
        &mut self,
        a: &Expr,
        path: &str,
        by_ref: bool,
        fname: &str,
    ) -> Result<String> {
        let l = self.place(a)?;
        if !l.ty.is_data() {
            return Err(Diagnostic::new(
                a.span,
                format!(
                    "`{}` takes data (None, bool, int, float, str, and lists, dicts and tuples of them), not {}",
                    fname.replace("::", "."),
                    l.ty.name()
                ),
            )
            .label(format!("this is a `{}`", l.ty.name())));
        }
        let data = match l.ty {
            Ty::NoneLit => "kayton::rt::Data::None".to_string(),
            _ => format!("kayton::rt::to_data(&{})", l.code),
        };
        let amp = if by_ref { "&" } else { "" };
        Ok(format!("{amp}::{path}({data})"))
    }

    /// A result of the bridge type (or a `Result` of one) read as the type the context
    /// wants; `None` if `ret` is not one.
    pub(super) fn data_result(
        &self,
        ret: &RTy,
        call: &str,
        fname: &str,
        span: Span,
    ) -> Result<Option<Lowered>> {
        // Annotated: a method's type parameter (`resp.json()`) is inferred from it.
        let value = match ret {
            RTy::Data(p) => format!("{{ let k_data: ::{p} = {call}; k_data }}"),
            RTy::Result(t) => match &**t {
                RTy::Data(p) => {
                    format!("{{ let k_data: ::{p} = kayton::raise!({call})?; k_data }}")
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let shown = fname.replace("::", ".");
        let Some(want) = self.expect.clone().filter(Ty::is_data) else {
            let short = shown.rsplit('.').next().unwrap_or(&shown);
            return Err(Diagnostic::new(
                span,
                format!("cannot tell which type `{shown}` should produce"),
            )
            .label("the result is data of any shape")
            .note(format!(
                "annotate the result, e.g. `let m: dict[str, int] = {short}(…)`"
            )));
        };
        let code = format!(
            "kayton::rt::from_data::<{}>({value}.0, {shown:?})?",
            want.rust()
        );
        Ok(Some(Lowered::new(code, want)))
    }
}

/// Whether an argument of type `arg` may be passed for the parameter `param` as data.
pub(super) fn fits_data(param: &RTy, arg: &Ty) -> bool {
    param.serde_data().is_some() && arg.is_data()
}

/// Whether a result of type `ret` is the bridge type (or a `Result` of it).
pub(super) fn is_data_ret(ret: &RTy) -> bool {
    match ret {
        RTy::Result(t) => matches!(**t, RTy::Data(_)),
        other => matches!(other, RTy::Data(_)),
    }
}

/// Whether a result of type `ret` can be read as `want` (data).
pub(super) fn gives_data(ret: &RTy, want: &Ty) -> bool {
    is_data_ret(ret) && want.is_data()
}
