//! Every call the compiler accepts must compile: for each bound function and method of
//! the corpus crates whose parameters Keyton can build from literals (numbers, strings,
//! bools, lists of them), a cell that calls it. Each call is type-checked alone; those the
//! compiler accepts are built together, one cell per crate (guarded so that nothing runs:
//! a request to a server or a random number is not the point), and a cell that rustc
//! rejects is split until the calls it rejects are named. None may be.
use keyton_compiler::manifest::{FnSig, Manifest, Receiver};
use keyton_kernel::session::Session;
use std::path::PathBuf;

mod common;

/// The corpus crates, at the versions the conformance sessions use where they use one.
const CRATES: &[(&str, &str, &[&str])] = &[
    ("semver", "=1.0.26", &[]),
    ("heck", "=0.5.0", &[]),
    ("serde_json", "=1.0.140", &[]),
    ("reqwest", "=0.12.15", &["blocking", "json"]),
    ("uuid", "=1.18.1", &["v4"]),
    ("itertools", "=0.14.0", &[]),
    ("rand", "=0.9.2", &[]),
    ("base64", "=0.22.1", &[]),
];

/// Calls the compiler accepts that rustc still rejects, each for a reason not fixed yet.
/// The test fails when this list is wrong either way: a new rejection, or one fixed.
const KNOWN: &[(&str, &str)] = &[
    // A type parameter bounded by `'static` instantiated with a borrowed shape (a
    // string goes as a `String` where an instance takes one: `from_maybe_shared("a")`
    // compiles; a list has no owned byte-stream instance here).
    (
        "reqwest.blocking.Body.new([1])",
        "R: Read + 'static as &[u8]",
    ),
    (
        "reqwest.blocking.Body.sized([1], 1)",
        "R: Read + 'static as &[u8]",
    ),
];

/// (what is called, why rustc rejected it).
type Call = (String, String);

/// A Keyton literal for a parameter of Rust type `ty`, if Keyton writes one.
fn literal(ty: &str) -> Option<String> {
    let ty = ty.trim();
    if ty.starts_with("&mut") {
        return None;
    }
    let ty = ty
        .trim_start_matches('&')
        .trim()
        .trim_start_matches("'static")
        .trim();
    let inner = |prefix: &str| {
        ty.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('>'))
            .map(str::trim)
    };
    if let Some(e) = inner("Vec<") {
        return literal(e).map(|l| format!("[{l}]"));
    }
    if let Some(e) = ty.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return literal(e).map(|l| format!("[{l}]"));
    }
    if let Some(e) = inner("Option<") {
        return literal(e);
    }
    Some(
        match ty {
            "i8" | "i16" | "i32" | "i64" | "isize" | "u8" | "u16" | "u32" | "u64" | "usize" => "1",
            "f32" | "f64" => "1.5",
            "bool" => "True",
            "str" | "String" => "\"a\"",
            _ => return None,
        }
        .to_string(),
    )
}

fn args(f: &FnSig) -> Option<String> {
    let v: Option<Vec<String>> = f
        .params
        .iter()
        .map(|p| literal(&p.ty.to_string()))
        .collect();
    v.map(|v| v.join(", "))
}

fn keyton_path(rust: &str) -> String {
    rust.replace("::", ".")
}

/// One call per item Keyton can call with literals: (what it calls, the expression).
fn calls(m: &Manifest) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in &m.functions {
        if let Some(a) = args(f) {
            out.push((f.name.clone(), format!("{}({a})", keyton_path(&f.name))));
        }
    }
    for t in m
        .types
        .iter()
        .filter(|t| !t.path.contains('<') && !t.borrowed)
    {
        let ty = keyton_path(&t.path);
        // A value to call methods on: the type's `default()`, when it has one.
        let receiver = t
            .methods
            .iter()
            .any(|f| f.name == "default" && f.receiver.is_none() && f.params.is_empty())
            .then(|| format!("{ty}.default()"));
        for f in &t.methods {
            let Some(a) = args(f) else { continue };
            let what = format!("{}::{}", t.path, f.name);
            match (&f.receiver, &receiver) {
                (None, _) => out.push((what, format!("{ty}.{}({a})", f.name))),
                (Some(Receiver::Ref | Receiver::Value), Some(r)) => {
                    out.push((what, format!("{r}.{}({a})", f.name)))
                }
                _ => {}
            }
        }
    }
    // Methods of traits implemented for `str`, on a string literal (the trait imported).
    for t in &m.traits {
        if !t
            .implemented_for
            .iter()
            .any(|i| i == "str" || i == "String")
        {
            continue;
        }
        for f in t.methods.iter().filter(|f| f.receiver.is_some()) {
            let Some(a) = args(f) else { continue };
            let (module, name) = t.path.rsplit_once("::").unwrap_or(("", &t.path));
            out.push((
                format!("<str as {}>::{}", t.path, f.name),
                format!(
                    "from {} rimport {name}\n\"a\".{}({a})",
                    keyton_path(module),
                    f.name
                ),
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A cell that builds `exprs` without running them (an import line of a call goes first).
fn batch(exprs: &[&(String, String)]) -> String {
    let (mut head, mut body) = (String::new(), String::from("if never:\n"));
    for (_, e) in exprs {
        let (import, call) = e.rsplit_once('\n').unwrap_or(("", e));
        if !import.is_empty() {
            head.push_str(import);
            head.push('\n');
        }
        body.push_str(&format!("    {call}\n"));
    }
    head + &body
}

/// The calls among `exprs` whose cell rustc rejects, found by halving.
fn rejected<'a>(s: &mut Session, exprs: &[&'a (String, String)]) -> Vec<(&'a str, String)> {
    if exprs.is_empty() {
        return Vec::new();
    }
    let out = s.run_cell(&batch(exprs));
    match out.error {
        // rustc refused it: as an internal error, or as a Keyton error for a borrow.
        Some(e)
            if e.contains("rustc rejected the generated code")
                || e.contains("(Rust's borrow checker, E") =>
        {
            if exprs.len() == 1 {
                return vec![(exprs[0].1.as_str(), e)];
            }
            let (a, b) = exprs.split_at(exprs.len() / 2);
            let mut v = rejected(s, a);
            v.extend(rejected(s, b));
            v
        }
        Some(e) => panic!("a batch failed without a rustc error: {e}"),
        None => Vec::new(),
    }
}

#[test]
fn every_call_the_compiler_accepts_compiles() {
    common::rimport_home();
    let (mut tried, mut accepted) = (0, 0);
    let mut bad = Vec::new();
    for (krate, version, features) in CRATES {
        let features: Vec<String> = features.iter().map(|f| f.to_string()).collect();
        keyton_kernel::plugins::find_or_install(krate, version, &features, &mut |m| {
            eprintln!("rimport: {m}")
        })
        .unwrap_or_else(|e| panic!("{krate}: {e}"));
        // One session per crate: each crate's calls are judged against its own plugin
        // alone (a second plugin would be rebuilt linked against the first).
        let mut s = Session::with_exe(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).unwrap();
        assert_eq!(s.run_cell("never = False").error, None);
        let out = s.run_cell(&format!("rimport {krate}"));
        assert_eq!(out.error, None, "{krate}");
        let m = s.compiler().manifest(krate).expect("loaded").clone();
        let all = calls(&m);
        let ok: Vec<&(String, String)> = all
            .iter()
            .filter(|(_, e)| {
                s.compiler()
                    .compile(&batch(&[&(String::new(), e.clone())]))
                    .is_ok()
            })
            .collect();
        eprintln!(
            "{krate}: {} calls from literals, {} accepted by the compiler",
            all.len(),
            ok.len()
        );
        tried += all.len();
        accepted += ok.len();
        bad.extend(
            rejected(&mut s, &ok)
                .into_iter()
                .map(|(e, why)| (e.to_string(), format!("{krate}: {why}"))),
        );
    }
    eprintln!("{tried} calls written, {accepted} accepted and built");
    assert!(accepted > 100, "only {accepted} calls were built");
    let known: Vec<&str> = KNOWN.iter().map(|(c, _)| *c).collect();
    let (expected, unexpected): (Vec<&Call>, Vec<&Call>) = bad
        .iter()
        .partition(|(call, _)| known.contains(&call.as_str()));
    assert!(
        unexpected.is_empty(),
        "rustc rejected accepted calls:\n{}",
        unexpected
            .iter()
            .map(|(c, why)| format!("{c}\n{why}"))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let still: Vec<&str> = expected.iter().map(|(c, _)| c.as_str()).collect();
    let fixed: Vec<&&str> = known.iter().filter(|k| !still.contains(k)).collect();
    assert!(
        fixed.is_empty(),
        "these now compile: drop them from KNOWN: {fixed:?}"
    );
}
