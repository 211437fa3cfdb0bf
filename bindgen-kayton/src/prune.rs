//! Prune by compiling, never by guessing: `cargo check` the emitted plugin, map each
//! error back (by its line and column in `src/lib.rs`) to the innermost emitted item —
//! one instantiation shape, one method or const, one function or one type — drop it
//! with the error as the reason, re-emit, and repeat until the crate is clean.
use crate::emit::{
    alias_key, const_key, fn_key, impl_key, item_const_key, method_key, shape_key,
    trait_method_key, type_key, variant_key, Key,
};
use kayton_grammar::compact;
use proc_macro2::{LineColumn, TokenStream};
use std::collections::BTreeMap;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Item, Token};

/// Where a unit is written: (line, column) of its start and end.
type Span2 = ((usize, usize), (usize, usize));

/// The emitted items of a `src/lib.rs` with where each is written.
pub struct Index {
    units: Vec<(Key, LineColumn, LineColumn)>,
}

/// A bodiless `fn …;` or `const …: T;` inside a remote declaration.
struct Decl {
    attrs: Vec<Attribute>,
    name: String,
    is_const: bool,
}

impl Parse for Decl {
    fn parse(input: ParseStream) -> syn::Result<Decl> {
        let attrs = input.call(Attribute::parse_outer)?;
        let _: syn::Visibility = input.parse()?;
        if input.peek(Token![const]) {
            input.parse::<Token![const]>()?;
            let name: syn::Ident = input.parse()?;
            let _: TokenStream = input.parse()?;
            return Ok(Decl {
                attrs,
                name: name.to_string(),
                is_const: true,
            });
        }
        let sig: syn::Signature = input.parse()?;
        let _: TokenStream = input.parse()?;
        Ok(Decl {
            attrs,
            name: sig.ident.to_string(),
            is_const: false,
        })
    }
}

/// `Entry < 'a , HeaderValue >` → `Entry<HeaderValue>`; `Entry<'a>` → `Entry`.
fn without_lifetimes(ty: &str) -> String {
    let t = ty.replace(' ', "");
    let Some((base, args)) = t.split_once('<') else {
        return t;
    };
    let args = args.strip_suffix('>').unwrap_or(args);
    // Top-level commas only: an argument may be generic itself (`HashMap<K,V>`).
    let parts = crate::instances::split_top(args);
    let kept: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('\''))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}<{}>", kept.join(","))
    }
}

/// `path<A,B>` for a mirror declared with type parameters `<A, B>`.
fn generic_path(path: &str, g: &syn::Generics) -> String {
    let ps: Vec<String> = g.type_params().map(|t| t.ident.to_string()).collect();
    if ps.is_empty() {
        path.to_string()
    } else {
        format!("{path}<{}>", ps.join(","))
    }
}

/// `remote = path` of `#[kayton::export(...)]`, if the attributes have one.
fn remote_path(attrs: &[Attribute]) -> Option<String> {
    kayton_grammar::ExportArgs::remote_path_in(attrs)
}

impl Index {
    pub fn new(lib_rs: &str) -> Result<Index, String> {
        let file = syn::parse_file(lib_rs).map_err(|e| format!("emitted lib.rs: {e}"))?;
        let mut ix = Index { units: Vec::new() };
        for item in &file.items {
            let span = item.span();
            match item {
                // A generic mirror is keyed with its parameters (`Either<L,R>`), and its
                // shapes are the type's.
                Item::Struct(s) => {
                    if let Some(p) = remote_path(&s.attrs) {
                        ix.add_fn(type_key(&generic_path(&p, &s.generics)), &s.attrs, span);
                    }
                }
                Item::Enum(e) => {
                    if let Some(p) = remote_path(&e.attrs) {
                        let ty = generic_path(&p, &e.generics);
                        ix.add_fn(type_key(&ty), &e.attrs, span);
                        // A constructor the compiler rejects goes alone.
                        for v in &e.variants {
                            ix.add(variant_key(&ty, &v.ident.to_string()), v.span());
                        }
                    }
                }
                Item::Type(t) => {
                    if let Some(p) = remote_path(&t.attrs) {
                        ix.add(alias_key(&p), span);
                    }
                }
                Item::Verbatim(ts) => {
                    let d: Decl = syn::parse2(ts.clone()).map_err(|e| e.to_string())?;
                    match remote_path(&d.attrs) {
                        Some(p) if d.is_const => ix.add(item_const_key(&p), span),
                        Some(p) => ix.add_fn(fn_key(&p), &d.attrs, span),
                        None => {}
                    }
                }
                Item::Impl(i) => {
                    // `impl<'a> Entry<'a>` (a type that borrows) is keyed as `Entry`.
                    let ty = compact(&i.self_ty);
                    let ty = match i.generics.lifetimes().next() {
                        Some(_) => without_lifetimes(&ty),
                        None => ty,
                    };
                    let tr = i.trait_.as_ref().map(|(_, p, _)| compact(p));
                    match &tr {
                        Some(tr) => ix.add_fn(impl_key(tr, &ty), &i.attrs, span),
                        None => ix.add_fn(type_key(&ty), &i.attrs, span),
                    }
                    for it in &i.items {
                        if let syn::ImplItem::Verbatim(ts) = it {
                            let d: Decl = syn::parse2(ts.clone()).map_err(|e| e.to_string())?;
                            if let Some(tr) = &tr {
                                ix.add_fn(trait_method_key(tr, &ty, &d.name), &d.attrs, it.span());
                            } else if d.is_const {
                                ix.add(const_key(&ty, &d.name), it.span());
                            } else {
                                ix.add_fn(method_key(&ty, &d.name), &d.attrs, it.span());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(ix)
    }

    fn add(&mut self, key: Key, span: proc_macro2::Span) {
        self.units.push((key, span.start(), span.end()));
    }

    fn add_fn(&mut self, key: Key, attrs: &[Attribute], span: proc_macro2::Span) {
        for a in attrs
            .iter()
            .filter(|a| kayton_grammar::is_attr(a, "instantiate"))
        {
            if let Ok(l) = a.meta.require_list() {
                let shapes = kayton_grammar::ShapeEntry::parse_list(l.tokens.clone());
                for e in shapes.into_iter().flatten() {
                    self.add(shape_key(&key, &e.key()), e.span());
                }
            }
        }
        self.add(key, span);
    }

    /// Where each of `keys` is written (a key may name several units: a generic type's
    /// mirror and its impl).
    fn spans_of<'k>(&self, keys: impl Iterator<Item = &'k Key>) -> BTreeMap<&'k Key, Vec<Span2>> {
        let mut want: BTreeMap<&str, &'k Key> = BTreeMap::new();
        for k in keys {
            want.insert(k.as_str(), k);
        }
        let mut out: BTreeMap<&'k Key, Vec<Span2>> = BTreeMap::new();
        for (u, s, e) in &self.units {
            if let Some(k) = want.get(u.as_str()) {
                out.entry(*k)
                    .or_default()
                    .push(((s.line, s.column), (e.line, e.column)));
            }
        }
        out
    }

    /// For an error rustc reports at a generic type's mirror (a bound of the type that
    /// one shape does not meet: `Uniform<String>`), the keys of the shapes it is about,
    /// found by the instance the message names. A shape of several parameters
    /// (`{i64, i64}` of image's `ImageBuffer<P, Container>`) is named by any of them
    /// missing the bound (`i64: Pixel`): every such shape goes.
    fn instances_named(&self, key: &Key, message: &str) -> Vec<Key> {
        // A generic function's shape the message names as an argument of a type
        // (indextree's `append<T>(…, arena: &mut Arena<T>)`: "`&mut Arena<&str>` cannot
        // be a parameter" is the `&str` shape's; the others bind).
        if key.starts_with("method ") || key.starts_with("fn ") {
            let message = message.replace(' ', "");
            let prefix = format!("{key} [");
            return self
                .units
                .iter()
                .filter_map(|(k, _, _)| {
                    let sh = k.strip_prefix(&prefix)?.strip_suffix(']')?;
                    rustc_spellings(sh)
                        .iter()
                        .any(|t| message.contains(&format!("<{t}>`")))
                        .then(|| k.clone())
                })
                .collect();
        }
        let Some(ty) = key.strip_prefix("type ") else {
            return Vec::new();
        };
        let Some(base) = ty.split('<').next().and_then(|b| b.rsplit("::").next()) else {
            return Vec::new();
        };
        let prefix = format!("{key} [");
        let message = message.replace(' ', "");
        let named = |sh: &str| {
            // rustc names `kayton_api` by either of the plugin's names for it.
            [
                format!("{base}<{sh}>"),
                format!("{base}<kayton_api::{sh}>"),
                format!("{base}<kayton::{sh}>"),
            ]
            .iter()
            .any(|inst| message.contains(inst.as_str()))
                // Or the shape itself, quoted (`the size for values of type `str` cannot
                // be known`: the `str` instance of `UniCase<S>`), or with the bound it
                // misses (`the trait bound `i64: std::io::Write` is not satisfied`, of
                // `GzEncoder<W: Write>`).
                || message.contains(&format!("`{sh}`"))
                || rustc_spellings(sh).iter().any(|t| {
                    // `i64: Float`, or a trait's argument: `StandardNormal:
                    // Distribution<i64>` (rand_distr's `Normal<F>`).
                    bound_of(&message, &format!("`{t}:")) || message.contains(&format!("<{t}>`"))
                })
        };
        let mut out: Vec<Key> = Vec::new();
        for (k, _, _) in &self.units {
            let Some(sh) = k.strip_prefix(&prefix).and_then(|r| r.strip_suffix(']')) else {
                continue;
            };
            if named(sh) {
                return vec![k.clone()];
            }
            let parts = sh
                .strip_prefix('{')
                .and_then(|p| p.strip_suffix('}'))
                .map(crate::instances::split_top)
                .unwrap_or_default();
            if parts.iter().any(|p| {
                rustc_spellings(p)
                    .iter()
                    .any(|t| bound_of(&message, &format!("`{t}:")))
            }) && !out.contains(k)
            {
                out.push(k.clone());
            }
        }
        out
    }

    /// The span of the impl block (keyed `type …` or `impl … for …`) around a position.
    fn enclosing_impl(&self, line: usize, column: usize) -> Option<Span2> {
        let at = (line, column);
        self.units
            .iter()
            .filter(|(k, _, _)| k.starts_with("type ") || k.starts_with("impl "))
            .map(|(_, s, e)| ((s.line, s.column), (e.line, e.column)))
            .filter(|(s, e)| *s <= at && at < *e)
            .min_by_key(|(s, e)| (e.0 - s.0, e.1.abs_diff(s.1)))
    }

    /// For an error at a whole impl (its attribute: what the macro's expansion is
    /// spanned to), the one declaration inside it that a label of the error points at
    /// (`text: &str` of the method whose borrow fails), if exactly one.
    fn labelled_inside(&self, outer: &Key, labels: &[(usize, usize)]) -> Option<&Key> {
        if !(outer.starts_with("type ") || outer.starts_with("impl ")) {
            return None;
        }
        let spans = self.spans_of(std::iter::once(outer));
        let os = spans.get(outer)?;
        let mut inner: Vec<&Key> = labels
            .iter()
            .filter(|(l, c)| os.iter().any(|(s, e)| *s <= (*l, *c) && (*l, *c) < *e))
            .filter_map(|(l, c)| self.locate(*l, *c))
            .filter(|k| *k != outer)
            .collect();
        inner.sort();
        inner.dedup();
        // A method and one of its shapes (minijinja's `add_global` and its
        // `{Cow<str>, i64}`): the shape, the innermost.
        if let [method, shape] = inner.as_slice() {
            if shape.starts_with(&format!("{method} [")) {
                return Some(shape);
            }
        }
        match inner.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The innermost item at `line` (1-based) and `column` (0-based, in chars).
    pub fn locate(&self, line: usize, column: usize) -> Option<&Key> {
        let at = (line, column);
        self.units
            .iter()
            .filter(|(_, s, e)| (s.line, s.column) <= at && at < (e.line, e.column.max(1)))
            .min_by_key(|(_, s, e)| (e.line - s.line, e.column.abs_diff(s.column)))
            .map(|(k, _, _)| k)
    }
}

/// One compile error: where in `src/lib.rs` (line, 0-based column), and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    pub at: Option<(usize, usize)>,
    /// Where its other labels are in `src/lib.rs` (`let's call the lifetime of this
    /// reference` at a parameter, when the error is at the impl's attribute).
    pub labels: Vec<(usize, usize)>,
    pub code: String,
    pub message: String,
    /// Its notes' text (`the above error was encountered while instantiating …`).
    pub notes: Vec<String>,
}

/// The parts of cargo's JSON messages pruning reads (the rest, like the rendered text
/// of thousands of errors, is skipped unparsed: it is most of the output).
#[derive(serde::Deserialize)]
struct CargoMessage {
    reason: String,
    message: Option<Diagnostic>,
}
#[derive(serde::Deserialize)]
struct Diagnostic {
    level: String,
    message: String,
    code: Option<DiagCode>,
    spans: Vec<DiagSpan>,
    #[serde(default)]
    children: Vec<DiagChild>,
}
#[derive(serde::Deserialize)]
struct DiagChild {
    message: String,
    /// Where a help would edit (`add explicit lifetime … to the type of `recv``: the
    /// method whose receiver it is).
    #[serde(default)]
    spans: Vec<DiagSpan>,
}
#[derive(serde::Deserialize)]
struct DiagCode {
    code: String,
}
#[derive(serde::Deserialize)]
struct DiagSpan {
    file_name: String,
    line_start: usize,
    column_start: usize,
    #[serde(default)]
    byte_end: usize,
    #[serde(default)]
    is_primary: bool,
    /// `evaluation of `…` failed here`: what a code generation error was evaluating.
    label: Option<String>,
    expansion: Option<Box<DiagExpansion>>,
}
#[derive(serde::Deserialize)]
struct DiagExpansion {
    span: DiagSpan,
}

/// The errors among `cargo check --message-format=json` output lines, each at its
/// first location in `lib_file` (following macro expansions back to it).
pub fn errors(messages: &str, lib_file: &str) -> Vec<CompileError> {
    let mut out = Vec::new();
    for line in messages.lines() {
        // Cheap before parsing: artifacts and warnings are most lines.
        if !line.contains("\"level\":\"error\"") {
            continue;
        }
        let Ok(m) = serde_json::from_str::<CargoMessage>(line) else {
            continue;
        };
        let Some(msg) = m
            .message
            .filter(|d| m.reason == "compiler-message" && d.level == "error")
        else {
            continue;
        };
        if msg.spans.is_empty() {
            continue; // "aborting due to …"
        }
        let primary = msg.spans.iter().filter(|s| s.is_primary);
        let at = primary
            .chain(msg.spans.iter())
            .find_map(|s| locate_in(s, lib_file));
        let labels = msg
            .spans
            .iter()
            .filter(|s| !s.is_primary)
            .chain(msg.children.iter().flat_map(|c| &c.spans))
            .filter(|s| s.file_name == lib_file)
            .map(|s| (s.line_start, s.column_start.saturating_sub(1)))
            .collect();
        out.push(CompileError {
            at,
            labels,
            code: msg.code.map(|c| c.code).unwrap_or_default(),
            message: msg.message,
            notes: msg
                .spans
                .iter()
                .filter_map(|s| s.label.clone())
                .chain(msg.children.into_iter().map(|c| c.message))
                .collect(),
        });
    }
    out
}

fn locate_in(span: &DiagSpan, lib_file: &str) -> Option<(usize, usize)> {
    // rustc's placeholder span (the file's first byte, empty) is no place: geo's E0275
    // of a closure's instance at code generation.
    if span.file_name == lib_file && span.line_start == 1 && span.byte_end == 0 {
        return None;
    }
    if span.file_name == lib_file {
        return Some((span.line_start, span.column_start.saturating_sub(1)));
    }
    locate_in(&span.expansion.as_ref()?.span, lib_file)
}

/// Why an item was pruned, as the coverage report groups it.
pub fn reason(e: &CompileError) -> String {
    let m = e.message.as_str();
    let kind = if m.contains("cannot be a parameter of an exported function") {
        "a parameter type Keyton cannot pass"
    } else if m.contains("cannot be returned by an exported function") {
        "a return type Keyton cannot receive"
    } else if m.contains("lifetime") {
        "a borrow Keyton cannot express"
    } else {
        match e.code.as_str() {
            "E0277" => "an unmet trait bound",
            "E0282" | "E0283" | "E0284" => "types rustc cannot infer",
            "E0308" => "a type that does not match the declaration",
            "E0412" | "E0433" | "E0425" | "E0603" | "E0423" | "E0573" => {
                "a path that is not public or not found"
            }
            "E0599" | "E0624" => "a method that cannot be called this way",
            "E0507" | "E0505" | "E0382" | "E0515" | "E0716" => "ownership Keyton cannot express",
            "E0061" | "E0107" => "a signature rustdoc and rustc disagree on",
            _ => "another compile error",
        }
    };
    kind.to_string()
}

/// Each error's item key and reason; errors that map to no item are returned apart.
pub fn attribute(
    ix: &Index,
    errs: &[CompileError],
) -> (BTreeMap<Key, (String, String)>, Vec<CompileError>) {
    let mut drop = BTreeMap::new();
    let mut unplaced = Vec::new();
    // A macro that refuses one method (an `impl Trait` parameter) leaves its whole impl
    // unexpanded, and rustc then reports every method as "without body": those follow
    // from the refusal, so they wait a round (blake3's `Hash` kept none of its methods).
    let follows = |e: &CompileError| {
        e.message
            .contains("associated function in `impl` without body")
    };
    // Only while a refusal inside the same impl is reported (elsewhere it says nothing).
    let causes: Vec<(usize, usize)> = errs
        .iter()
        .filter(|e| !follows(e))
        .filter_map(|e| e.at)
        .collect();
    let waits = |e: &CompileError| {
        follows(e)
            && e.at
                .and_then(|(l, c)| ix.enclosing_impl(l, c))
                .is_some_and(|(s, end)| causes.iter().any(|c| s <= *c && *c < end))
    };
    for e in errs.iter().filter(|e| !waits(e)) {
        match e.at.and_then(|(l, c)| ix.locate(l, c)) {
            Some(k) => {
                let k = ix.labelled_inside(k, &e.labels).unwrap_or(k);
                let mut ks = ix.instances_named(k, &e.message);
                if ks.is_empty() {
                    ks.push(k.clone());
                }
                for k in ks {
                    drop.entry(k)
                        .or_insert_with(|| (reason(e), format!("{}: {}", e.code, e.message)));
                }
            }
            None => unplaced.push(e.clone()),
        }
    }
    // An error rustc reports at a whole item (an impl's attribute) while others point
    // inside it is most often theirs (the adaptor type of a method that fails anyway):
    // drop the inner items this round, and the whole one only if its error remains.
    let spans = ix.spans_of(drop.keys());
    let around = |o: &Span2, i: &Span2| o.0 <= i.0 && i.1 <= o.1 && o != i;
    let outer: Vec<Key> = spans
        .iter()
        .filter(|(k, os)| {
            spans.iter().any(|(inner, is)| {
                inner != *k && os.iter().any(|o| is.iter().any(|i| around(o, i)))
            })
        })
        .map(|(k, _)| (*k).clone())
        .collect();
    for k in outer {
        drop.remove(&k);
    }
    (drop, unplaced)
}

/// How rustc's messages spell the shape `sh` (spaces removed): `String` as
/// `std::string::String`, `Vec<f64>` as `std::vec::Vec<f64>`, `Dynamic` by either of the
/// plugin's names for `kayton_api`.
fn rustc_spellings(sh: &str) -> Vec<String> {
    let full = sh
        .replace("String", "std::string::String")
        .replace("Vec<", "std::vec::Vec<");
    let mut out = vec![sh.to_string(), full];
    if sh == "Dynamic" {
        out.push("kayton_api::Dynamic".into());
        out.push("kayton::Dynamic".into());
    }
    out.dedup();
    out
}

/// Whether `message` (spaces removed) holds `head` (`` `i64: ``) followed by a bound, not by
/// a path (`` `i64::MAX ``).
fn bound_of(message: &str, head: &str) -> bool {
    message
        .match_indices(head)
        .any(|(i, _)| !message[i + head.len()..].starts_with(':'))
}

pub mod post_mono;
#[cfg(test)]
mod tests;
