//! How a value shows (`print`, `str`, a cell's result): the Rust code that makes its text.
use super::expr::Lowered;
use crate::types::Ty;

/// Code giving the text Keyton shows for a value (`print`, `str`, f-strings, results).
pub fn show_code(l: &Lowered) -> String {
    match &l.ty {
        Ty::Tuple(ts) if !l.ty.shows_natively() => {
            let parts: Vec<String> = ts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let el = Lowered::new(format!("k_s.{i}"), t.clone());
                    match t {
                        Ty::Str => format!("{}.krepr()", el.code),
                        _ => show_code(&el),
                    }
                })
                .collect();
            let one = if ts.len() == 1 { "," } else { "" };
            format!(
                "{{ let k_s = &{}; format!(\"({}{one})\", {}) }}",
                l.code,
                vec!["{}"; ts.len()].join(", "),
                parts.join(", ")
            )
        }
        // A list holding Rust values: each item as it shows by itself (strings quoted).
        Ty::List(t) if !t.shows_natively() => {
            let item = Lowered::new("k_i".to_string(), (**t).clone());
            let item = match **t {
                Ty::Str => "k_i.krepr()".to_string(),
                _ => show_code(&item),
            };
            format!(
                "format!(\"[{{}}]\", ({}).iter().map(|k_i| {item}).collect::<Vec<String>>().join(\", \"))",
                l.code
            )
        }
        Ty::Rust(_) => format!("(&&&kayton::rt::Wrap(&{})).kayton_show()", l.code),
        Ty::Option(t) if matches!(**t, Ty::Rust(_)) => format!(
            "{}.as_ref().map(|v| (&&&kayton::rt::Wrap(v)).kayton_show()).unwrap_or_else(|| String::from(\"None\"))",
            l.code
        ),
        _ => format!("{}.kshow()", l.code),
    }
}
