//! Errors `cargo check` cannot see: a generic item's body evaluated for one shape at
//! code generation (time's `Date::format::<Rfc3339>` fails a `const { assert!(…) }`: a
//! `Date` has no offset). rustc reports them inside the dependency, with the instance it
//! was evaluating (`format_into::<cookie::time::Date, Vec<u8>>` of `impl … for Rfc3339`),
//! so they are mapped to the shapes whose type the message names — with, for a method,
//! its own type beside it.
use super::{CompileError, Index};
use crate::emit::Key;
use std::collections::BTreeMap;

/// The shapes each error outside `src/lib.rs` names, with the error as the reason.
pub fn attribute(
    ix: &Index,
    errs: &[CompileError],
    lib_rs: &str,
) -> BTreeMap<Key, (String, String)> {
    let lines: Vec<&str> = lib_rs.lines().collect();
    let mut drop = BTreeMap::new();
    for e in errs.iter().filter(|e| e.at.is_none()) {
        // The instance is in the notes (`evaluation of … failed here`).
        let message = std::iter::once(&e.message)
            .chain(&e.notes)
            .map(|m| m.replace(' ', ""))
            .collect::<Vec<_>>()
            .join("\n");
        // A closure parameter's instance whose code generation overflowed (geo's
        // `try_map_coords_in_place` recursing over nested geometries: "required for
        // `Box<dyn Fn(Coord) -> Result<Coord, i64>>` to implement `Fn(Coord)`"): the
        // units taking a closure, at the shape named — not every unit at that shape.
        let closure = message.contains("dynFn");
        for (k, _, _) in &ix.units {
            if let Some((owner, shape)) = shape_of(k) {
                // The whole item's text: a shape's own span is its token in the attribute.
                let item = k.split_once(" [").map_or(k.as_str(), |(i, _)| i);
                let text = || {
                    ix.units
                        .iter()
                        .find(|(u, _, _)| u == item)
                        .and_then(|(_, start, end)| {
                            lines.get(start.line.saturating_sub(1)..end.line.min(lines.len()))
                        })
                        .unwrap_or_default()
                        .join("\n")
                };
                if !names(&message, shape) {
                    continue;
                }
                let whose = match closure {
                    true => text().contains("dyn Fn"),
                    false => owner.is_none_or(|o| names(&message, o)),
                };
                if whose {
                    drop.entry(k.clone()).or_insert_with(|| {
                        (
                            "a shape whose code generation fails".to_string(),
                            format!("{}: {}", e.code, e.message),
                        )
                    });
                }
            }
        }
    }
    drop
}

/// Of a shape key (`method a::Date::format [a::Rfc3339]`): the method's own type, if it
/// is a method, and the shape.
fn shape_of(k: &str) -> Option<(Option<&str>, &str)> {
    let (owner, rest) = k.split_once(" [")?;
    let shape = rest.strip_suffix(']')?;
    let owner = owner
        .strip_prefix("method ")
        .filter(|m| !m.starts_with('<'))
        .and_then(|m| m.rsplit_once("::"))
        .map(|(ty, _)| ty.split('<').next().unwrap_or(ty));
    Some((owner, shape))
}

/// Whether `message` names the type `path` (by its whole path, or by its last segment
/// after `::`), not as the start of a longer name (`Date` in `DateTime`).
fn names(message: &str, path: &str) -> bool {
    let base = path.split('<').next().unwrap_or(path);
    let last = format!("::{}", base.rsplit("::").next().unwrap_or(base));
    [base, last.as_str()].iter().any(|p| {
        message.match_indices(p).any(|(i, _)| {
            !message[i + p.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "\
#[kayton::export(remote)]
impl cookie::time::Date {
    #[kayton::instantiate(cookie::time::Rfc3339, cookie::time::Iso8601)]
    pub fn format<I0>(self, format: &I0) -> String;
}
#[kayton::export(remote)]
impl cookie::time::DateTime {
    #[kayton::instantiate(cookie::time::Rfc3339)]
    pub fn format<I0>(self, format: &I0) -> String;
}
";

    fn err(message: &str) -> CompileError {
        CompileError {
            at: None,
            labels: Vec::new(),
            code: "E0080".into(),
            message: "evaluation panicked: Rfc3339 requires date, time, and offset".into(),
            notes: vec![message.into()],
        }
    }

    #[test]
    fn the_shape_and_the_type_the_message_names() {
        let ix = Index::new(LIB).unwrap();
        let e = err("evaluation of `<impl Sealed for cookie::time::Rfc3339>::format_into::<cookie::time::Date, Vec<u8>>::{constant#0}` failed");
        let keys: Vec<Key> = attribute(&ix, &[e], LIB).into_keys().collect();
        assert_eq!(
            keys,
            vec!["method cookie::time::Date::format [cookie::time::Rfc3339]".to_string()]
        );
    }

    const CLOSURES: &str = "\
#[kayton::export(remote)]
impl geo::MapCoordsInPlace<f64> for geo::Geometry {
    #[kayton::instantiate(i64, f64)]
    fn try_map_coords_in_place<E>(
        &mut self,
        func: Box<dyn Fn(geo::Coord<f64>) -> Result<geo::Coord<f64>, E>>,
    ) -> Result<(), E>;
}
#[kayton::export(remote)]
impl geo::Point {
    #[kayton::instantiate(i64, f64)]
    pub fn scale<T>(self, by: T) -> geo::Point;
}
";

    #[test]
    fn a_closure_instance_that_overflows_drops_the_closure_units_at_that_shape() {
        let ix = Index::new(CLOSURES).unwrap();
        let mut e =
            err("required for `Box<dyn Fn(Coord) -> Result<Coord, i64>>` to implement `Fn(Coord)`");
        e.code = "E0275".into();
        e.message = "overflow evaluating the requirement `_: Sized`".into();
        let keys: Vec<Key> = attribute(&ix, &[e], CLOSURES).into_keys().collect();
        assert_eq!(
            keys,
            vec![
                "method <geo::Geometry as geo::MapCoordsInPlace<f64>>::try_map_coords_in_place [i64]"
                    .to_string()
            ]
        );
    }

    #[test]
    fn errors_inside_the_plugin_and_unnamed_shapes_are_left() {
        let ix = Index::new(LIB).unwrap();
        let mut placed = err("`cookie::time::Rfc3339` for `cookie::time::Date`");
        placed.at = Some((3, 0));
        assert!(attribute(&ix, &[placed, err("linking failed")], LIB).is_empty());
    }
}
