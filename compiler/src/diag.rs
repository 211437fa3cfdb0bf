//! Keyton diagnostics: a message, the span it is about, and how to render it with a
//! source snippet (codespan-reporting), for the REPL, `keyton run` and the notebook.
use crate::span::Span;
use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor, Config};

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
        }
    }
    pub fn label(mut self, l: impl Into<String>) -> Diagnostic {
        self.label = l.into();
        self
    }
    pub fn note(mut self, n: impl Into<String>) -> Diagnostic {
        self.notes.push(n.into());
        self
    }

    /// Render with a snippet of `src` (named `origin`, e.g. "cell 3"), without colour.
    pub fn render(&self, origin: &str, src: &str) -> String {
        let file = SimpleFile::new(origin, src);
        let fit = |mut p: usize| {
            p = p.min(src.len());
            while !src.is_char_boundary(p) {
                p -= 1;
            }
            p
        };
        let end = fit(self.span.end);
        let start = fit(self.span.start).min(end);
        let d = CsDiag::error()
            .with_message(&self.message)
            .with_labels(vec![
                Label::primary((), start..end).with_message(&self.label)
            ])
            .with_notes(self.notes.clone());
        let mut out = NoColor::new(Vec::new());
        let cfg = Config::default();
        if term::emit(&mut out, &cfg, &file, &d).is_err() {
            return format!("error: {}", self.message);
        }
        String::from_utf8_lossy(&out.into_inner())
            .trim_end()
            .to_string()
    }
}

pub type Result<T> = std::result::Result<T, Diagnostic>;
