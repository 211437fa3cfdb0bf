//! Values of a type that borrows (regex's `Captures<'h>`, a manifest type marked
//! `borrowed`). A cell calls their methods on the value an expression just made
//! (`re.captures(s).unwrap()[1]`). One can also be kept in a variable
//! (`caps = re.captures(s).unwrap()`): the call that makes it is then given `'static`
//! strings and bytes (literals as they are, other strings leaked for the session), so
//! the value borrows nothing that a later cell could free. A value made by a `&mut self`
//! method borrows its receiver (`m.entry(k)`): that one is never kept.
use super::Lowerer;
use crate::ast::Expr;
use crate::diag::{Diagnostic, Result};
use crate::rty::RTy;
use crate::span::Span;
use crate::types::Ty;
use kayton_manifest::{FnSig, Receiver};

impl Lowerer<'_> {
    /// Lower `e`, whose value is being kept in a variable: a call in it that makes a
    /// borrowed value takes `'static` strings (see the module's comment).
    pub(super) fn expr_kept(&mut self, e: &Expr, want: Option<&Ty>) -> Result<super::Lowered> {
        let before = std::mem::replace(&mut self.keep_borrows, true);
        let l = match want {
            Some(t) => self
                .expr_as(e, t)
                .map(|c| super::Lowered::new(c, t.clone())),
            None => self.expr(e),
        };
        self.keep_borrows = before;
        l
    }

    /// Whether the arguments of the call `f` (of the type at `self_path`, at `span`) must
    /// be `'static`: it makes a borrowed value that an assignment keeps. What the value
    /// borrows follows Rust's elision rules, as far as the manifest tells them: a method
    /// of a borrowed type gives what borrows the same input (`caps.get(1)`), and one
    /// with strings or bytes to borrow from borrows them (`re.captures(s)`); otherwise a
    /// method's result borrows its receiver (`p.slot(0)`, `m.entry(k)`), which no
    /// variable may outlive: an error.
    pub(super) fn keeps_borrow(
        &self,
        f: &FnSig,
        ret: &RTy,
        self_path: &str,
        span: Span,
    ) -> Result<bool> {
        if !self.keep_borrows {
            return Ok(false);
        }
        let named = match ret {
            RTy::Option(t) | RTy::Result(t) => &**t,
            t => t,
        };
        let RTy::Named(p) = named else {
            return Ok(false);
        };
        if !self.state.type_def(p).is_some_and(|t| t.borrowed) {
            return Ok(false);
        }
        let of_borrowed = self.state.type_def(self_path).is_some_and(|t| t.borrowed);
        let borrows_args = f.params.iter().any(|a| {
            matches!(
                crate::rty::parse_with(&a.ty, self_path, &f.generics),
                Ok(RTy::StrRef | RTy::StaticStr | RTy::Slice(_) | RTy::StaticSlice(_))
            )
        });
        match f.receiver {
            Some(Receiver::RefMut) => Err(borrows_from(p, span)),
            Some(Receiver::Ref) if !of_borrowed && !borrows_args => Err(borrows_from(p, span)),
            _ => Ok(true),
        }
    }

    /// An argument that a kept borrowed value may borrow: strings and bytes as
    /// `'static` ones; anything else as usual.
    pub(super) fn static_arg(&mut self, a: &Expr, r: &RTy, fname: &str) -> Result<String> {
        match r {
            RTy::StrRef => self.arg(a, &RTy::StaticStr, fname),
            RTy::Slice(t) if **t == RTy::Int("u8".into()) => {
                self.arg(a, &RTy::StaticSlice(t.clone()), fname)
            }
            _ => self.arg(a, r, fname),
        }
    }

    /// A value of a type that borrows (`serde_json.map.Entry`) lives in the expression
    /// that made it: binding it to a name is an error that says how to use it.
    pub(super) fn check_not_borrowed(&self, ty: &Ty, span: Span) -> Result<()> {
        let Ty::Rust(p) = ty else { return Ok(()) };
        if !self.state.type_def(p).is_some_and(|t| t.borrowed) {
            return Ok(());
        }
        Err(borrows_from(p, span))
    }
}

fn borrows_from(p: &str, span: Span) -> Diagnostic {
    let dotted = p.replace("::", ".");
    Diagnostic::new(
        span,
        format!(
            "a `{dotted}` borrows from the value it came from, so it cannot be kept in a variable"
        ),
    )
    .label("borrows")
    .note("use it in the same expression: `m.entry(k).or_insert(v)`")
}

/// Where a call's value goes, for a result Keyton could not hold by itself.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum RefUse {
    /// The receiver of the next call of a chain (`conf.with_section(s).set(k, v).set(…)`).
    Receiver,
    /// Dropped: an expression statement, or a cell's last one.
    Discard,
    /// Looped over (`for cpu in sys.cpus()`), or counted (`len(sys.cpus())`): a slice or
    /// list of borrowed values that are not Clone, each lent in turn.
    Loop,
    /// Kept in a variable of the cell's top level (`worksheet = workbook.add_worksheet()`
    /// of rust_xlsxwriter, a `&mut Worksheet`): the reference itself, which lives only in
    /// the cell (rustc checks its uses against the value it borrows).
    Keep,
}

impl Lowerer<'_> {
    /// Lower the cell's last expression: a builder's `&mut Self` there shows nothing.
    pub fn expr_discarded(&mut self, e: &Expr) -> Result<super::Lowered> {
        self.note_ref_use(e, RefUse::Discard);
        self.expr(e)
    }

    /// Note that the call `e` (if it is one) is used as `how`.
    pub(super) fn note_ref_use(&mut self, e: &Expr, how: RefUse) {
        if matches!(e.kind, crate::ast::ExprKind::Call(..)) {
            self.ref_uses.push((e.span, how));
        }
    }

    /// A `&T`/`&mut T` result of a type that is not Clone (a builder's `&mut Self`),
    /// which Keyton cannot copy into a value: used as it is where it is only the receiver
    /// of the next call, and dropped where a statement discards it.
    pub(super) fn unheld_ref(
        &mut self,
        ret: &RTy,
        call: &str,
        span: Span,
    ) -> Option<super::Lowered> {
        if let Some(l) = self.unheld_items(ret, call, span) {
            return Some(l);
        }
        // `Result<&mut Self, E>` of a builder's method whose value a statement drops
        // (rust_xlsxwriter's `worksheet.write(0, 0, "Hello")`): its `Err` raises.
        if let RTy::Result(inner) = ret {
            let how = self.ref_uses.iter().rev().find(|(s, _)| *s == span)?.1;
            let not_clone = |p: &String| !self.state.clones(p);
            return match &**inner {
                RTy::Ref(t) | RTy::RefMut(t)
                    if how == RefUse::Discard && matches!(&**t, RTy::Named(p) if not_clone(p)) =>
                {
                    Some(super::Lowered::new(
                        format!("{{ let _ = kayton::raise!({call})?; }}"),
                        Ty::Unit,
                    ))
                }
                _ => None,
            };
        }
        let (RTy::Ref(t) | RTy::RefMut(t)) = ret else {
            return None;
        };
        let RTy::Named(p) = &**t else {
            return None;
        };
        if self.state.clones(p) {
            return None;
        }
        let how = self.ref_uses.iter().rev().find(|(s, _)| *s == span)?.1;
        Some(match how {
            RefUse::Receiver => super::Lowered::new(format!("({call})"), Ty::Rust(p.clone())),
            RefUse::Discard => super::Lowered::new(format!("{{ let _ = {call}; }}"), Ty::Unit),
            RefUse::Keep => {
                self.kept_ref = true;
                super::Lowered::new(format!("({call})"), Ty::Rust(p.clone()))
            }
            RefUse::Loop => return None,
        })
    }

    /// `&[T]`, `&Vec<T>` or `Vec<&T>` of a type that is not Clone (sysinfo's
    /// `sys.cpus()`), looped over or counted where it is made: the Rust value itself,
    /// whose items a loop lends.
    fn unheld_items(&self, ret: &RTy, call: &str, span: Span) -> Option<super::Lowered> {
        let item = match ret {
            RTy::Slice(t) => &**t,
            RTy::Ref(v) => match &**v {
                RTy::Vec(t) => &**t,
                _ => return None,
            },
            RTy::Vec(r) => match &**r {
                RTy::Ref(t) => &**t,
                _ => return None,
            },
            _ => return None,
        };
        let RTy::Named(p) = item else { return None };
        if self.state.clones(p) {
            return None;
        }
        let how = self.ref_uses.iter().rev().find(|(s, _)| *s == span)?.1;
        let list = Ty::List(Box::new(Ty::Rust(p.clone())));
        (how == RefUse::Loop).then(|| super::Lowered::new(format!("({call})"), list))
    }
}
