//! Keyton's types and how each is spelled in Rust.
use crate::ast::TypeExpr;
use crate::diag::{Diagnostic, Result};

/// How a `Ty::Rust` path marks a `&'static T` value: one that lives in the crate's
/// own static data (emojis' `get("🚀") -> Option<&'static Emoji>`), held as the
/// reference when `T` is not Clone.
pub const STATIC_REF: &str = "&'static ";

/// Where a rimported call returns an integer wider than Keyton's `int` (`u64`, `u128`,
/// `i128`: a hash, a count of nanoseconds), the result stays that Rust integer, by this
/// path (`std_types`), so that a value past `i64::MAX` (half of all 64-bit hashes)
/// prints, formats and compares exactly; used as an `int` it converts, checked.
pub const WIDE_PREFIX: &str = "core::primitive::";
pub const WIDE_INTS: [&str; 3] = ["u64", "u128", "i128"];

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    Int,
    Float,
    Bool,
    Str,
    Unit,
    List(Box<Ty>),
    Option(Box<Ty>),
    Range,
    /// `(a, b)`: a fixed number of values of fixed types (`tuple[i64, str]`).
    Tuple(Vec<Ty>),
    /// The literal `None` before context says which `Option` it is.
    NoneLit,
    /// `[]` before context says what it holds.
    EmptyList,
    /// `dict[K, V]`: insertion-ordered (`kayton::rt::Dict`).
    Dict(Box<Ty>, Box<Ty>),
    /// `{}` before context says what it holds.
    EmptyDict,
    /// A type a rimported crate defines, by Rust path (`semver::Version`).
    Rust(String),
}

impl Ty {
    pub fn rust(&self) -> String {
        match self {
            Ty::Int => "i64".into(),
            Ty::Float => "f64".into(),
            Ty::Bool => "bool".into(),
            Ty::Str => "String".into(),
            Ty::Unit => "()".into(),
            Ty::List(t) => format!("Vec<{}>", t.rust()),
            Ty::Option(t) => format!("Option<{}>", t.rust()),
            Ty::Range => "std::ops::Range<i64>".into(),
            Ty::Tuple(ts) => tuple_text(ts, Ty::rust),
            Ty::NoneLit => "Option<_>".into(),
            Ty::EmptyList => "Vec<_>".into(),
            Ty::Dict(k, v) => format!("kayton::rt::Dict<{}, {}>", k.rust(), v.rust()),
            Ty::EmptyDict => "kayton::rt::Dict<_, _>".into(),
            Ty::Rust(p) => match p.strip_prefix(STATIC_REF) {
                Some(t) => format!("{STATIC_REF}::{t}"),
                None => format!("::{p}"),
            },
        }
    }

    /// How messages name the type (the Rust spelling, which `type_of` also shows).
    pub fn name(&self) -> String {
        match self {
            Ty::Range => "Range<i64>".into(),
            Ty::NoneLit => "None".into(),
            Ty::EmptyList => "an empty list".into(),
            Ty::Dict(k, v) => format!("dict[{}, {}]", k.name(), v.name()),
            Ty::EmptyDict => "an empty dict".into(),
            Ty::Rust(p) => p.strip_prefix(WIDE_PREFIX).unwrap_or(p).to_string(),
            Ty::Tuple(ts) => tuple_text(ts, Ty::name),
            other => other.rust(),
        }
    }

    /// Whether every part of the value shows through `KShow` (Rust types do not).
    pub fn shows_natively(&self) -> bool {
        match self {
            Ty::Rust(_) => false,
            Ty::List(t) | Ty::Option(t) => t.shows_natively(),
            Ty::Dict(k, v) => k.shows_natively() && v.shows_natively(),
            Ty::Tuple(ts) => ts.iter().all(Ty::shows_natively),
            _ => true,
        }
    }

    /// Moving a value of this type does not invalidate the source (Rust `Copy`).
    pub fn is_copy(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool | Ty::Unit)
    }

    /// A Rust integer result wider than `int` (see [`WIDE_INTS`]).
    pub fn is_wide_int(&self) -> bool {
        matches!(self, Ty::Rust(p) if p.strip_prefix(WIDE_PREFIX).is_some_and(|n| WIDE_INTS.contains(&n)))
    }

    /// The type of a result of the Rust integer `name`: `int`, or the wide integer.
    pub fn int_result(name: &str) -> Ty {
        if WIDE_INTS.contains(&name) {
            Ty::Rust(format!("{WIDE_PREFIX}{name}"))
        } else {
            Ty::Int
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float)
    }

    /// Plain data (`kayton::rt::ToData`/`FromData`): None, bools, numbers, strings, and
    /// lists, dicts, tuples and options of data, which a serde API takes and gives.
    pub fn is_data(&self) -> bool {
        match self {
            Ty::Int | Ty::Float | Ty::Bool | Ty::Str | Ty::NoneLit => true,
            Ty::List(t) | Ty::Option(t) => t.is_data(),
            Ty::Dict(k, v) => k.is_data() && v.is_data(),
            Ty::Tuple(ts) => !ts.is_empty() && ts.len() <= 4 && ts.iter().all(Ty::is_data),
            _ => false,
        }
    }

    /// Stored in the VM as a tagged built-in value (else as a dynamic value of its kind).
    pub fn is_vm_builtin(&self) -> bool {
        match self {
            Ty::Int | Ty::Float | Ty::Bool | Ty::Str => true,
            Ty::List(t) => matches!(**t, Ty::Int | Ty::Float | Ty::Str),
            _ => false,
        }
    }

    /// Whether values of this type show through `KShow` (every Keyton built-in does).
    pub fn from_expr(t: &TypeExpr) -> Result<Ty> {
        let name = t.path.join(".");
        let arity = |n: usize| -> Result<()> {
            if t.args.len() != n {
                return Err(Diagnostic::new(
                    t.span,
                    format!(
                        "`{name}` takes {n} type argument(s), {} given",
                        t.args.len()
                    ),
                ));
            }
            Ok(())
        };
        Ok(match name.as_str() {
            "i64" | "int" => {
                arity(0)?;
                Ty::Int
            }
            "f64" | "float" => {
                arity(0)?;
                Ty::Float
            }
            "bool" => {
                arity(0)?;
                Ty::Bool
            }
            "String" | "str" => {
                arity(0)?;
                Ty::Str
            }
            "()" => Ty::Unit,
            "Vec" | "list" => {
                arity(1)?;
                Ty::List(Box::new(Ty::from_expr(&t.args[0])?))
            }
            "Option" => {
                arity(1)?;
                Ty::Option(Box::new(Ty::from_expr(&t.args[0])?))
            }
            "dict" => {
                arity(2)?;
                let k = Ty::from_expr(&t.args[0])?;
                if !k.hashable() {
                    return Err(Diagnostic::new(
                        t.args[0].span,
                        format!("a dict's keys cannot be `{}`", k.name()),
                    )
                    .label("not hashable")
                    .note("keys are ints, strings, bools, or tuples of them"));
                }
                Ty::Dict(Box::new(k), Box::new(Ty::from_expr(&t.args[1])?))
            }
            "tuple" if !t.args.is_empty() => Ty::Tuple(
                t.args
                    .iter()
                    .map(Ty::from_expr)
                    .collect::<Result<Vec<_>>>()?,
            ),
            _ => {
                return Err(Diagnostic::new(t.span, format!("unknown type `{name}`"))
                    .label("not a Keyton type")
                    .note("built-in types: i64, f64, bool, String (str), Vec<T> (list[T]), dict[K, V], Option<T>, tuple[A, B, …], ()"));
            }
        })
    }

    /// Whether values of this type can be dict keys (`Hash + Eq` in Rust).
    pub fn hashable(&self) -> bool {
        match self {
            Ty::Int | Ty::Str | Ty::Bool | Ty::Unit => true,
            Ty::Tuple(ts) => ts.iter().all(Ty::hashable),
            Ty::Option(t) => t.hashable(),
            _ => false,
        }
    }

    /// A short, identifier-safe spelling for instantiation names.
    pub fn mangle(&self) -> String {
        match self {
            Ty::List(t) => format!("vec_{}", t.mangle()),
            Ty::Dict(k, v) => format!("dict_{}_{}_", k.mangle(), v.mangle()),
            Ty::Option(t) => format!("opt_{}", t.mangle()),
            Ty::Unit => "unit".into(),
            Ty::Range => "range".into(),
            Ty::Tuple(ts) => {
                let parts: Vec<String> = ts.iter().map(Ty::mangle).collect();
                format!("tup_{}_", parts.join("_"))
            }
            Ty::Str => "str".into(),
            Ty::Rust(p) => p
                .replace("::", "_")
                .replace(|c: char| !c.is_alphanumeric() && c != '_', "_")
                .to_lowercase(),
            other => other.rust().to_lowercase(),
        }
    }
}

/// `(A, B)`, and `(A,)` for one element, as Rust and Python write them.
fn tuple_text(ts: &[Ty], f: fn(&Ty) -> String) -> String {
    let parts: Vec<String> = ts.iter().map(f).collect();
    match parts.len() {
        1 => format!("({},)", parts[0]),
        _ => format!("({})", parts.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling() {
        let t = Ty::List(Box::new(Ty::Option(Box::new(Ty::Str))));
        assert_eq!(t.rust(), "Vec<Option<String>>");
        assert_eq!(t.mangle(), "vec_opt_str");
        assert!(Ty::List(Box::new(Ty::Int)).is_vm_builtin());
        assert!(!Ty::List(Box::new(Ty::Bool)).is_vm_builtin());
        let t = Ty::Tuple(vec![Ty::Int, Ty::Rust("m::P".into())]);
        assert_eq!(
            (t.rust(), t.name()),
            ("(i64, ::m::P)".into(), "(i64, m::P)".into())
        );
        assert_eq!(Ty::Tuple(vec![Ty::Str]).rust(), "(String,)");
        assert!(!t.shows_natively());
    }
}
