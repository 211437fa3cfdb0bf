//! The corpus: for each crate, the whole pipeline (resolve, vendor, rustdoc JSON, emit,
//! prune by `cargo check`, build the dylib with the macros) and insta snapshots of the
//! generated `src/lib.rs` and its coverage report, under `snapshots/corpus/`.
//! A change to bindgen shows up as a reviewable snapshot diff. Versions are pinned so
//! that the snapshots only change when bindgen does.
//!
//! Slow (it builds reqwest): every crate shares one target and vendor directory.
use bindgen_kayton::emit::KaytonDeps;
use bindgen_kayton::pipeline::{run, Outcome, Request};
use bindgen_kayton::report::Report;
use std::path::{Path, PathBuf};

const CORPUS: &[(&str, &str, &[&str])] = &[
    ("semver", "=1.0.28", &[]),
    ("heck", "=0.5.0", &[]),
    ("serde_json", "=1.0.145", &[]),
    ("reqwest", "=0.12.24", &["blocking", "json"]),
    ("uuid", "=1.18.1", &["v4"]),
    ("itertools", "=0.14.0", &[]),
    ("rand", "=0.9.2", &[]),
    ("base64", "=0.22.1", &[]),
];

fn generate(krate: &str, req: &str, features: &[&str]) -> Outcome {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let r = Request {
        krate: krate.into(),
        version_req: req.into(),
        features: features.iter().map(|s| s.to_string()).collect(),
        out: work.clone(),
        target: work.join("target"),
        vendor: work.join("vendor"),
        kayton: KaytonDeps::Sources {
            api: repo.join("kayton_api"),
        },
        build: true,
        // The whole graph pinned: snapshots change when bindgen does, not when a
        // dependency publishes. Delete a lock file to re-resolve (and review the diff).
        lockfile: Some(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/corpus-locks")
                .join(format!("{krate}.lock")),
        ),
        cargo_home: None,
        rustflags: None,
    };
    let t = std::time::Instant::now();
    let out = run(&r, &mut |m| eprintln!("[{krate}] {m}"))
        .unwrap_or_else(|e| panic!("bindgen {krate}: {e}"));
    eprintln!(
        "[{krate}] done in {:.1} s (bindgen itself {:.1} ms)",
        t.elapsed().as_secs_f64(),
        out.generate.as_secs_f64() * 1000.0
    );
    out
}

#[test]
fn corpus_plugins_build_and_match_their_snapshots() {
    let mut reports: Vec<Report> = Vec::new();
    // `KAYTON_CORPUS_ONLY=rand`: one crate, for working on bindgen (no corpus table).
    let only = std::env::var("KAYTON_CORPUS_ONLY").ok();
    for (krate, req, features) in CORPUS {
        if only.as_deref().is_some_and(|o| o != *krate) {
            continue;
        }
        let out = generate(krate, req, features);
        let dylib = out.dylib.as_ref().expect("built");
        assert!(dylib.exists(), "{krate}: no dylib at {}", dylib.display());
        let mut s = insta::Settings::clone_current();
        s.set_snapshot_path("../../snapshots/corpus");
        s.set_prepend_module_to_snapshot(false);
        s.bind(|| {
            insta::assert_snapshot!(format!("{krate}__lib_rs"), out.lib_rs);
            insta::assert_snapshot!(format!("{krate}__coverage"), out.report.text());
        });
        // bindgen's own time (debug build) for reqwest: measured 0.66-0.74 s alone, 1.07 s
        // beside other builds on 2 cores (a fresh-clone CI run failed a 1 s limit so); a
        // crate with many more errors to prune (itertools: thousands in the first round)
        // under a few (5 s: measured 2.0-3.7 s alone, 3.0 s beside other builds).
        let limit = if *krate == "reqwest" { 1.5 } else { 5.0 };
        assert!(
            out.generate.as_secs_f64() < limit,
            "{krate}: bindgen took {:?}",
            out.generate
        );
        if *krate == "reqwest" {
            reqwest_essentials_are_bound(&out.lib_rs);
        }
        reports.push(out.report);
    }
    if only.is_some() {
        return;
    }
    let found: usize = reports.iter().map(|r| r.found).sum();
    let bound: usize = reports.iter().map(|r| r.bound).sum();
    let mut table = String::from("| crate | found | bound | % |\n|---|---|---|---|\n");
    for r in &reports {
        table.push_str(&format!(
            "| {} {} | {} | {} | {:.1} |\n",
            r.krate,
            r.version,
            r.found,
            r.bound,
            r.percent()
        ));
    }
    let pct = 100.0 * bound as f64 / found as f64;
    table.push_str(&format!("| **all** | {found} | {bound} | {pct:.1} |\n"));
    eprintln!("{table}");
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../../snapshots/corpus");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!("corpus__coverage_table", table));
}

/// What the issue names for reqwest's blocking API, as declarations in the plugin.
fn reqwest_essentials_are_bound(lib: &str) {
    let has = |needle: &str| {
        assert!(lib.contains(needle), "reqwest plugin lacks `{needle}`");
    };
    has("impl reqwest::blocking::Client {");
    for m in ["fn new()", "fn get<", "fn post<", "fn builder()"] {
        has(m);
    }
    has("impl reqwest::blocking::RequestBuilder {");
    for m in ["fn header<", "fn body<", "fn send(self)"] {
        has(m);
    }
    has("impl reqwest::blocking::Response {");
    for m in [
        "fn status(&self)",
        "fn text(self)",
        "fn json<",
        "fn headers(&self)",
    ] {
        has(m);
    }
    has("impl reqwest::StatusCode {");
    has("pub const OK: reqwest::StatusCode;");
    has("#[kayton::export(remote = reqwest::blocking::get)]");
}
