//! Python's `isinstance(x, T)` and `type(x)` over Keyton's static types: a cell's
//! types are known when it compiles, so `isinstance` is decided then (an `Option` is the
//! one value checked when the cell runs: `None` is no instance), and `type(x)` is the
//! text Python prints for it (`<class 'int'>`).
use super::expr::Lowered;
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::span::Span;
use crate::types::Ty;

/// How Python names the class of a value of `t`.
fn class_name(t: &Ty) -> String {
    match t {
        Ty::Int => "int".into(),
        w if w.is_wide_int() => "int".into(),
        Ty::Float => "float".into(),
        Ty::Bool => "bool".into(),
        Ty::Str => "str".into(),
        Ty::List(_) | Ty::EmptyList => "list".into(),
        Ty::Dict(..) | Ty::EmptyDict => "dict".into(),
        Ty::Tuple(_) => "tuple".into(),
        Ty::Range => "range".into(),
        Ty::Unit | Ty::NoneLit => "NoneType".into(),
        Ty::Option(t) => class_name(t),
        Ty::Rust(p) => p.split('<').next().unwrap_or(p).replace("::", "."),
    }
}

impl Lowerer<'_> {
    pub(super) fn py_type_builtin(
        &mut self,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Lowered> {
        if name == "type" {
            self.arity(name, args, 1..=1, span)?;
            let l = self.place(&args[0])?;
            let text = format!("<class '{}'>", class_name(&l.ty));
            return Ok(Lowered::new(
                format!("{{ let _ = &{}; String::from({text:?}) }}", l.code),
                Ty::Str,
            ));
        }
        self.arity(name, args, 2..=2, span)?;
        let l = self.place(&args[0])?;
        let classes: Vec<&Expr> = match &args[1].kind {
            ExprKind::Tuple(items) => items.iter().collect(),
            _ => vec![&args[1]],
        };
        let mut any = false;
        for c in classes {
            any |= self.is_instance_of(&l.ty, c)?;
        }
        // An `Option` holds a value of its type or is `None`, which is an instance of none.
        let code = match (&l.ty, any) {
            (Ty::Option(_), true) => format!("{}.is_some()", l.code),
            (_, b) => format!("{{ let _ = &{}; {b} }}", l.code),
        };
        Ok(Lowered::new(code, Ty::Bool))
    }

    /// Whether a value of type `t` is an instance of the class `c` names (`int`, `list`,
    /// `semver.Version`), as Python says: a `bool` is an `int` too.
    fn is_instance_of(&mut self, t: &Ty, c: &Expr) -> Result<bool> {
        let t = match t {
            Ty::Option(inner) => inner,
            other => other,
        };
        let written = c.as_type_expr().ok_or_else(|| {
            Diagnostic::new(c.span, "`isinstance` takes a class or a tuple of classes")
        })?;
        let python = match written.path.join(".").as_str() {
            "int" | "i64" => Some(matches!(t, Ty::Int | Ty::Bool) || t.is_wide_int()),
            "float" | "f64" => Some(*t == Ty::Float),
            "bool" => Some(*t == Ty::Bool),
            "str" | "String" => Some(*t == Ty::Str),
            "list" if written.args.is_empty() => Some(matches!(t, Ty::List(_) | Ty::EmptyList)),
            "dict" if written.args.is_empty() => Some(matches!(t, Ty::Dict(..) | Ty::EmptyDict)),
            "tuple" if written.args.is_empty() => Some(matches!(t, Ty::Tuple(_))),
            _ => None,
        };
        if let Some(b) = python {
            return Ok(b);
        }
        // A Rust type named bare (`isinstance(c, lru.LruCache)`): any instance of it.
        if let (Some(p), Ty::Rust(have), true) = (self.item_path(c), t, written.args.is_empty()) {
            return Ok(*have == p || have.split('<').next() == Some(p.as_str()));
        }
        Ok(self.resolve_ty(&written)? == *t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_named_as_python_prints_them() {
        assert_eq!(class_name(&Ty::Int), "int");
        assert_eq!(class_name(&Ty::List(Box::new(Ty::Str))), "list");
        assert_eq!(class_name(&Ty::Option(Box::new(Ty::Float))), "float");
        assert_eq!(
            class_name(&Ty::Rust("semver::Version".into())),
            "semver.Version"
        );
        assert_eq!(
            class_name(&Ty::Rust("lru::LruCache<i64, i64>".into())),
            "lru.LruCache"
        );
    }
}
