//! The syntax tree. Every node carries the span of the source it came from.
use crate::span::Span;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    /// `//`: Python's floor division.
    FloorDiv,
    /// `x in xs`, `x not in xs`
    In,
    NotIn,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Pow => "**",
            BinOp::FloorDiv => "//",
            BinOp::In => "in",
            BinOp::NotIn => "not in",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FStrPart {
    Lit(String),
    Expr(Expr, Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(String),
    FStr(Vec<FStrPart>),
    Bool(bool),
    None,
    Name(String),
    List(Vec<Expr>),
    /// `(a, b)`, `(a,)`
    Tuple(Vec<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    /// `name=value` among a call's arguments (`Version.new(1, 2, patch=3)`).
    Keyword(String, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Attr(Box<Expr>, String),
    Range(Box<Expr>, Box<Expr>),
    /// Rust's other ranges, for Rust APIs (`1..=6`, `..10`, `3..`, `..`): start, end,
    /// and whether the end is included.
    RustRange(Option<Box<Expr>>, Option<Box<Expr>>, bool),
    /// `x is None` (false) / `x is not None` (true).
    IsNone(Box<Expr>, bool),
    /// `[elt for a, b in xs if c for y in ys]`
    ListComp(Box<Expr>, Vec<CompFor>),
    /// `{k: v, …}`
    Dict(Vec<(Expr, Expr)>),
    /// `{k: v for x in xs}`
    DictComp(Box<Expr>, Box<Expr>, Vec<CompFor>),
    /// `xs[start:stop:step]`, each part optional.
    Slice(Box<Expr>, [Option<Box<Expr>>; 3]),
    /// `then if cond else other`: condition, then, other.
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `lambda x, y: body`
    Lambda(Vec<(String, Span)>, Box<Expr>),
}

/// `except Exception as e:` and its block (`name` is `None` for a bare `except:`).
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    pub name: Option<(String, Span)>,
    pub bind: Option<(String, Span)>,
    pub body: Vec<Stmt>,
}

/// One `for … in … [if …]*` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct CompFor {
    pub targets: Vec<(String, Span)>,
    pub iter: Expr,
    pub conds: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// A written type: `i64`, `list[str]`, `Option<i64>`, `serde_json.Value`, `()`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub path: Vec<String>,
    pub args: Vec<TypeExpr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub span: Span,
    pub ty: Option<TypeExpr>,
    /// `greeting="Hello"`: the value when a call leaves the parameter out.
    pub default: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FnDef {
    pub name: String,
    pub name_span: Span,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportName {
    pub name: String,
    pub alias: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    Assign(String, Span, Expr),
    /// `target.field = e` (the span is the whole `target.field`).
    SetField(Expr, String, Span, Expr),
    /// `target[index] = e` (a dict's key, a list's item; the span is `target[index]`).
    SetIndex(Expr, Expr, Span, Expr),
    /// `a, b = e`: `e` is a tuple of as many values.
    Unpack(Vec<(String, Span)>, Expr),
    AugAssign(String, Span, BinOp, Expr),
    Let(String, Span, TypeExpr, Expr),
    Fn(Rc<FnDef>),
    If(Vec<(Expr, Vec<Stmt>)>, Option<Vec<Stmt>>),
    While(Expr, Vec<Stmt>),
    For(String, Span, Expr, Vec<Stmt>),
    Break,
    Continue,
    Pass,
    /// `global a, b`: in a function, these names are the session's globals, written
    /// back when the calling cell succeeds.
    Global(Vec<(String, Span)>),
    Return(Option<Expr>),
    /// `try:` … `except [Exception [as e]]:` … `finally:` …
    Try(Vec<Stmt>, Vec<Handler>, Option<Vec<Stmt>>),
    /// `raise Exception("msg")`, or a bare `raise` in an `except` block.
    Raise(Option<Expr>),
    /// `rimport a.b [as c]`
    Rimport(Vec<String>, Option<String>),
    /// `from a.b rimport X, Y as Z`
    FromRimport(Vec<String>, Vec<ImportName>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

impl Expr {
    /// The type an expression spells (`Tree[str, i64]`, `geo.Point[f64]`), if it is one.
    pub fn as_type_expr(&self) -> Option<TypeExpr> {
        let (path, args) = match &self.kind {
            ExprKind::Name(n) => (vec![n.clone()], Vec::new()),
            ExprKind::Attr(x, m) => {
                let mut t = x.as_type_expr()?;
                if !t.args.is_empty() {
                    return None;
                }
                t.path.push(m.clone());
                (t.path, Vec::new())
            }
            ExprKind::Index(x, i) => {
                let base = x.as_type_expr()?;
                if !base.args.is_empty() {
                    return None;
                }
                let items = match &i.kind {
                    ExprKind::Tuple(items) => items.iter().collect::<Vec<_>>(),
                    _ => vec![&**i],
                };
                let args = items
                    .into_iter()
                    .map(Expr::as_type_expr)
                    .collect::<Option<Vec<_>>>()?;
                (base.path, args)
            }
            _ => return None,
        };
        Some(TypeExpr {
            path,
            args,
            span: self.span,
        })
    }
}
