//! Statements: simple statements and assignments, blocks, `if`/`while`/`for`, `try`,
//! `def`, and the type annotations they carry.
use super::{Parser, FOR_ITEM, TRY_NEEDS_HANDLER};
use crate::ast::*;
use crate::diag::{Diagnostic, Result};
use crate::token::Tok;
use std::rc::Rc;

impl Parser {
    fn end_of_statement(&mut self) -> Result<()> {
        if self.eat(&Tok::Newline) || self.at(&Tok::Eof) || self.at(&Tok::Dedent) {
            Ok(())
        } else {
            Err(self.expected("the end of the statement"))
        }
    }

    pub(super) fn stmt(&mut self) -> Result<Stmt> {
        let start = self.span();
        let kind = match self.peek().clone() {
            // Python's `def` is Keyton's `fn`.
            Tok::Kw("fn" | "def") => return self.fn_def(),
            Tok::Kw("if") => return self.if_stmt(),
            Tok::Kw("try") => return self.try_stmt(),
            Tok::Kw("while") => {
                self.bump();
                let c = self.expr()?;
                let body = self.block()?;
                StmtKind::While(c, body)
            }
            Tok::Kw("for") => {
                self.bump();
                let mut names = self.loop_targets()?;
                if !self.eat(&Tok::Kw("in")) {
                    return Err(self.expected("`in`"));
                }
                let it = self.expr()?;
                let mut body = self.block()?;
                if names.len() == 1 {
                    let (n, ns) = names.pop().unwrap();
                    StmtKind::For(n, ns, it, body)
                } else {
                    // `for a, b in xs:` is `for item in xs:` + `a, b = item`.
                    let whole = names[0].1.to(names[names.len() - 1].1);
                    let item = Expr {
                        kind: ExprKind::Name(FOR_ITEM.into()),
                        span: whole,
                    };
                    body.insert(
                        0,
                        Stmt {
                            kind: StmtKind::Unpack(names, item),
                            span: whole,
                        },
                    );
                    StmtKind::For(FOR_ITEM.into(), whole, it, body)
                }
            }
            _ => {
                let k = self.simple()?;
                self.end_of_statement()?;
                k
            }
        };
        Ok(Stmt {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    fn simple(&mut self) -> Result<StmtKind> {
        Ok(match self.peek().clone() {
            Tok::Kw("pass") => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Kw("break") => {
                self.bump();
                StmtKind::Break
            }
            Tok::Kw("raise") => {
                self.bump();
                if matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Dedent) {
                    StmtKind::Raise(None)
                } else {
                    StmtKind::Raise(Some(self.expr()?))
                }
            }
            Tok::Kw("global") => {
                self.bump();
                let mut names = vec![self.name("a name after `global`")?];
                while self.eat(&Tok::Op(",")) {
                    names.push(self.name("a name after `,`")?);
                }
                StmtKind::Global(names)
            }
            Tok::Kw("continue") => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Kw("return") => {
                self.bump();
                if matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Dedent) {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.expr()?))
                }
            }
            Tok::Kw("let") => {
                self.bump();
                // A Rust habit: `let mut x` is `let x` (every Keyton name can be rebound).
                if matches!(self.peek(), Tok::Name(m) if m == "mut")
                    && matches!(self.peek_at(1), Tok::Name(_))
                {
                    self.bump();
                }
                let (n, ns) = self.name("a name after `let`")?;
                // `let x = e` (no type) binds like `x = e`.
                if self.eat(&Tok::Op("=")) {
                    StmtKind::Assign(n, ns, self.expr()?)
                } else {
                    self.expect_op(":")?;
                    let t = self.type_expr()?;
                    self.expect_op("=")?;
                    let e = self.expr()?;
                    StmtKind::Let(n, ns, t, e)
                }
            }
            // Python's annotated assignment `x: T = e` is `let x: T = e`.
            Tok::Name(_) if matches!(self.peek_at(1), Tok::Op(":")) => {
                let (n, ns) = self.name("a name")?;
                self.expect_op(":")?;
                let t = self.type_expr()?;
                self.expect_op("=")?;
                let e = self.expr()?;
                StmtKind::Let(n, ns, t, e)
            }
            // Python's `import m`: Keyton's is `rimport`, for Rust crates.
            Tok::Name(n) if n == "import" && matches!(self.peek_at(1), Tok::Name(_)) => {
                let at = self.span();
                let Tok::Name(m) = self.peek_at(1).clone() else {
                    unreachable!()
                };
                return Err(Diagnostic::new(at, "Keyton has no `import`")
                    .label("not a Keyton statement")
                    .note(format!(
                        "a Rust crate is imported with `rimport`: `rimport {m}`"
                    )));
            }
            Tok::Kw("rimport") => {
                self.bump();
                let path = self.dotted()?;
                let alias = if self.eat(&Tok::Kw("as")) {
                    Some(self.name("a name after `as`")?.0)
                } else {
                    None
                };
                StmtKind::Rimport(path, alias)
            }
            Tok::Kw("from") => {
                self.bump();
                let path = self.dotted()?;
                if !self.eat(&Tok::Kw("rimport")) {
                    let mut d = self.expected("`rimport`");
                    if matches!(self.peek(), Tok::Name(n) if n == "import") {
                        d = d.note(format!(
                            "Keyton imports a Rust crate's items with `rimport`: `from {} rimport …`",
                            path.join(".")
                        ));
                    }
                    return Err(d);
                }
                let mut names = Vec::new();
                // `from rand.prelude rimport *`: every item of the module.
                if self.at(&Tok::Op("*")) {
                    let span = self.bump().span;
                    names.push(ImportName {
                        name: "*".into(),
                        alias: None,
                        span,
                    });
                } else {
                    loop {
                        let (n, s) = self.name("a name to import")?;
                        let alias = if self.eat(&Tok::Kw("as")) {
                            Some(self.name("a name after `as`")?.0)
                        } else {
                            None
                        };
                        names.push(ImportName {
                            name: n,
                            alias,
                            span: s,
                        });
                        if !self.eat(&Tok::Op(",")) {
                            break;
                        }
                    }
                }
                StmtKind::FromRimport(path, names)
            }
            _ => {
                let e = self.expr()?;
                if self.at(&Tok::Op(",")) {
                    return self.unpack(e);
                }
                let aug = match self.peek() {
                    Tok::Op("=") => None,
                    Tok::Op("+=") => Some(BinOp::Add),
                    Tok::Op("-=") => Some(BinOp::Sub),
                    Tok::Op("*=") => Some(BinOp::Mul),
                    Tok::Op("/=") => Some(BinOp::Div),
                    Tok::Op("//=") => Some(BinOp::FloorDiv),
                    _ => return Ok(StmtKind::Expr(e)),
                };
                let op_span = self.bump().span;
                if let ExprKind::Attr(target, field) = &e.kind {
                    // `p.x = e`, `p.x += e`: a Rust value's public field.
                    let rhs = self.assigned(&e, aug)?;
                    return Ok(StmtKind::SetField(
                        (**target).clone(),
                        field.clone(),
                        e.span,
                        rhs,
                    ));
                }
                if let ExprKind::Index(target, index) = &e.kind {
                    // `d[k] = v`, `xs[i] += v`.
                    let rhs = self.assigned(&e, aug)?;
                    return Ok(StmtKind::SetIndex(
                        (**target).clone(),
                        (**index).clone(),
                        e.span,
                        rhs,
                    ));
                }
                let ExprKind::Name(n) = e.kind else {
                    return Err(Diagnostic::new(
                        e.span,
                        "only a name, a field or an item can be assigned to",
                    )
                    .label("not assignable"));
                };
                if matches!(self.peek(), Tok::Newline | Tok::Eof) {
                    return Err(Diagnostic::new(
                        op_span,
                        "expected an expression after the assignment",
                    )
                    .label("nothing to assign"));
                }
                let rhs = self.expr()?;
                match aug {
                    None => StmtKind::Assign(n, e.span, rhs),
                    Some(op) => StmtKind::AugAssign(n, e.span, op, rhs),
                }
            }
        })
    }

    /// `a, b = e`, after `a` was parsed as an expression.
    fn unpack(&mut self, first: Expr) -> Result<StmtKind> {
        let as_name = |e: Expr| match e.kind {
            ExprKind::Name(n) => Ok((n, e.span)),
            _ => Err(Diagnostic::new(e.span, "only names can be unpacked into")
                .label("not a name")
                .note("write `a, b = pair`")),
        };
        let mut names = vec![as_name(first)?];
        while self.eat(&Tok::Op(",")) {
            if self.at(&Tok::Op("=")) {
                break;
            }
            let e = self.expr()?;
            names.push(as_name(e)?);
        }
        self.expect_op("=")?;
        let rhs = self.expr()?;
        Ok(StmtKind::Unpack(names, rhs))
    }

    fn dotted(&mut self) -> Result<Vec<String>> {
        let mut path = vec![self.name("a crate name")?.0];
        while self.eat(&Tok::Op(".")) {
            path.push(self.name("a module or item name")?.0);
        }
        Ok(path)
    }

    /// `:` then either an indented block or one simple statement on the same line.
    fn block(&mut self) -> Result<Vec<Stmt>> {
        self.nested(Parser::block_here)
    }

    fn block_here(&mut self) -> Result<Vec<Stmt>> {
        self.expect_op(":")?;
        if !self.eat(&Tok::Newline) {
            let start = self.span();
            let k = self.simple()?;
            self.end_of_statement()?;
            return Ok(vec![Stmt {
                kind: k,
                span: start.to(self.prev_span()),
            }]);
        }
        if !self.eat(&Tok::Indent) {
            return Err(self.expected("an indented block"));
        }
        let mut body = Vec::new();
        while !self.eat(&Tok::Dedent) && !self.at(&Tok::Eof) {
            if self.eat(&Tok::Newline) {
                continue;
            }
            body.push(self.stmt()?);
        }
        Ok(body)
    }

    fn if_stmt(&mut self) -> Result<Stmt> {
        let start = self.bump().span;
        let mut arms = vec![(self.expr()?, self.block()?)];
        let mut other = None;
        loop {
            if self.eat(&Tok::Kw("elif")) {
                arms.push((self.expr()?, self.block()?));
            } else if self.eat(&Tok::Kw("else")) {
                other = Some(self.block()?);
                break;
            } else {
                break;
            }
        }
        Ok(Stmt {
            kind: StmtKind::If(arms, other),
            span: start.to(self.prev_span()),
        })
    }

    /// The value assigned to `target`: the right-hand side, or `target op rhs` for an
    /// augmented assignment (`p.x += 1`, `d[k] += 1`).
    fn assigned(&mut self, target: &Expr, aug: Option<BinOp>) -> Result<Expr> {
        let rhs = self.expr()?;
        Ok(match aug {
            None => rhs,
            Some(op) => Expr {
                span: target.span.to(rhs.span),
                kind: ExprKind::Binary(op, Box::new(target.clone()), Box::new(rhs)),
            },
        })
    }

    fn try_stmt(&mut self) -> Result<Stmt> {
        let start = self.bump().span;
        let body = self.block()?;
        let mut handlers = Vec::new();
        while self.eat(&Tok::Kw("except")) {
            let name = match self.peek() {
                Tok::Name(_) => Some(self.name("an exception name")?),
                _ => None,
            };
            let bind = if name.is_some() && self.eat(&Tok::Kw("as")) {
                Some(self.name("a name after `as`")?)
            } else {
                None
            };
            handlers.push(Handler {
                name,
                bind,
                body: self.block()?,
            });
        }
        let finally = if self.eat(&Tok::Kw("finally")) {
            Some(self.block()?)
        } else {
            None
        };
        if handlers.is_empty() && finally.is_none() {
            return Err(Diagnostic::new(self.span(), TRY_NEEDS_HANDLER)
                .label("a `try` block needs an `except` or a `finally` after it"));
        }
        Ok(Stmt {
            kind: StmtKind::Try(body, handlers, finally),
            span: start.to(self.prev_span()),
        })
    }

    fn fn_def(&mut self) -> Result<Stmt> {
        let start = self.bump().span;
        let (name, name_span) = self.name("a function name")?;
        self.expect_op("(")?;
        let mut params = Vec::new();
        while !self.eat(&Tok::Op(")")) {
            let (n, s) = self.name("a parameter name")?;
            let ty = if self.eat(&Tok::Op(":")) {
                Some(self.type_expr()?)
            } else {
                None
            };
            let default = if self.eat(&Tok::Op("=")) {
                Some(self.expr()?)
            } else {
                None
            };
            if default.is_none() && params.iter().any(|p: &Param| p.default.is_some()) {
                return Err(Diagnostic::new(
                    s,
                    format!("parameter `{n}` without a default follows one with a default"),
                )
                .label("give it a default, or move it before the parameters that have one"));
            }
            params.push(Param {
                name: n,
                span: s,
                ty,
                default,
            });
            if !self.eat(&Tok::Op(",")) {
                self.expect_op(")")?;
                break;
            }
        }
        let ret = if self.eat(&Tok::Op("->")) {
            Some(self.type_expr()?)
        } else {
            None
        };
        let header = start.to(self.prev_span());
        let body = self.block()?;
        let def = FnDef {
            name,
            name_span,
            params,
            ret,
            body,
        };
        Ok(Stmt {
            kind: StmtKind::Fn(Rc::new(def)),
            span: header,
        })
    }

    fn type_expr(&mut self) -> Result<TypeExpr> {
        let start = self.span();
        if self.eat(&Tok::Op("(")) {
            self.expect_op(")")?;
            return Ok(TypeExpr {
                path: vec!["()".into()],
                args: vec![],
                span: start.to(self.prev_span()),
            });
        }
        let Tok::Name(first) = self.peek().clone() else {
            return Err(self.expected("a type"));
        };
        self.bump();
        let mut path = vec![first];
        while self.eat(&Tok::Op(".")) {
            path.push(self.name("a type name")?.0);
        }
        let mut args = Vec::new();
        let close = if self.eat(&Tok::Op("<")) {
            Some(">")
        } else if self.eat(&Tok::Op("[")) {
            Some("]")
        } else {
            None
        };
        if let Some(close) = close {
            loop {
                args.push(self.type_expr()?);
                if !self.eat(&Tok::Op(",")) {
                    break;
                }
            }
            self.expect_op(close)?;
        }
        Ok(TypeExpr {
            path,
            args,
            span: start.to(self.prev_span()),
        })
    }
}
