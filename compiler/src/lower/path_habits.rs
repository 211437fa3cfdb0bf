//! `std::path::Path`'s methods on a string. A crate's `&Path`/`PathBuf` result is a
//! Keyton string (see `RTy::PathBuf`), and its docs go on with `Path`'s methods
//! (tempfile's `dir.path().join("my-temporary-note.txt")`, `f.path().exists()`): each is
//! the same method of `Path::new(s)`, its path results strings again (non-UTF-8 bytes
//! shown as U+FFFD, as a path result is). `join` with a string is `Path::join`; with a
//! list it stays Python's `sep.join(parts)`.
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

/// `Path`'s methods a string takes that answer yes or no.
const TESTS: &[&str] = &[
    "exists",
    "is_file",
    "is_dir",
    "is_absolute",
    "is_relative",
    "is_symlink",
];

/// `Path`'s methods that give a part of the path, if it has one (`Option`).
const PARTS: &[&str] = &["file_name", "file_stem", "extension", "parent", "to_str"];

/// `Path`'s methods that give a new path from a string argument.
const WITH: &[&str] = &["join", "with_extension", "with_file_name"];

impl Lowerer<'_> {
    /// `Path`'s method `m` on the string `s`; `None` for other names, values, and
    /// `sep.join(list)`.
    pub(super) fn path_habit(
        &mut self,
        s: &Lowered,
        m: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Option<Lowered>> {
        if s.ty != Ty::Str {
            return Ok(None);
        }
        let path = format!("::std::path::Path::new({}.as_str())", s.code);
        let lossy = "to_string_lossy().into_owned()";
        let (code, ty) = match m {
            _ if TESTS.contains(&m) => (format!("{path}.{m}()"), Ty::Bool),
            "display" | "to_string_lossy" => (format!("{path}.{lossy}"), Ty::Str),
            "to_str" => (
                format!("{path}.to_str().map(String::from)"),
                Ty::Option(Box::new(Ty::Str)),
            ),
            _ if PARTS.contains(&m) => (
                format!("{path}.{m}().map(|k_p| k_p.{lossy})"),
                Ty::Option(Box::new(Ty::Str)),
            ),
            _ if WITH.contains(&m) => {
                let [arg] = args else {
                    return match m {
                        "join" => Ok(None),
                        _ => Err(Diagnostic::new(span, format!("`{m}` takes one string"))),
                    };
                };
                let a = self.expr(arg)?;
                match (m, &a.ty) {
                    (_, Ty::Str) => {}
                    // `", ".join(parts)`: Python's.
                    ("join", _) => return Ok(None),
                    _ => {
                        return Err(Diagnostic::new(
                            arg.span,
                            format!("`{m}` takes a string, found `{}`", a.ty.name()),
                        ))
                    }
                }
                return Ok(Some(Lowered::new(
                    format!("{path}.{m}({}.as_str()).{lossy}", a.code),
                    Ty::Str,
                )));
            }
            _ => return Ok(None),
        };
        if !args.is_empty() {
            return Err(Diagnostic::new(span, format!("`{m}` takes no arguments")));
        }
        Ok(Some(Lowered::new(code, ty)))
    }
}
