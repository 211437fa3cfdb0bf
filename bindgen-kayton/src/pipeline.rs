//! A crate name, version and features → a built `kayton_rplugin__<crate>`: resolve,
//! vendor (offline afterwards), rustdoc JSON (the crate's and that of dependencies it
//! re-exports), emit, prune by `cargo check` until clean, build the dylib, report.
use crate::cargo::{dep_spec, Cargo};
use crate::emit::{self, KaytonDeps, Key};
use crate::report::Report;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Request {
    pub krate: String,
    /// As cargo reads it: `*`, `1`, `=1.0.26`.
    pub version_req: String,
    pub features: Vec<String>,
    /// The plugin crate is written to `<out>/kayton_rplugin__<crate>/`.
    pub out: PathBuf,
    /// cargo's target directory (share it between plugins: dependencies build once).
    pub target: PathBuf,
    /// Sources of every package, `<name>-<version>/` (shared too).
    pub vendor: PathBuf,
    pub kayton: KaytonDeps,
    /// Also build the dylib (`cargo build`) after pruning.
    pub build: bool,
    /// A `Cargo.lock` to resolve with (the whole dependency graph pinned, so that a
    /// generated plugin only changes when bindgen does); recorded there on first use.
    pub lockfile: Option<PathBuf>,
}

pub struct Outcome {
    pub dir: PathBuf,
    pub lib_rs: String,
    pub report: Report,
    /// bindgen's own time: modelling, emitting, mapping errors (not rustdoc or cargo).
    pub generate: Duration,
    pub dylib: Option<PathBuf>,
}

/// The most `cargo check` rounds before giving up (each round drops every item an error
/// maps to; resolution errors hide type errors, so a few rounds are normal).
const MAX_ROUNDS: usize = 40;

fn write(p: &Path, t: &str) -> Result<(), String> {
    std::fs::write(p, t).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

pub fn run(req: &Request, progress: &mut dyn FnMut(&str)) -> Result<Outcome, String> {
    let krate = req.krate.as_str();
    let rname = krate.replace('-', "_");
    let dir = req.out.join(emit::plugin_crate(krate));
    std::fs::create_dir_all(dir.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let cargo = Cargo {
        dir: dir.clone(),
        target: req.target.clone(),
        home: None,
        rustflags: None,
    };
    write(
        &dir.join("Cargo.toml"),
        &emit::cargo_toml(krate, &req.version_req, &req.features, &req.kayton),
    )?;
    write(&dir.join("src/lib.rs"), "kayton::plugin!();\n")?;

    progress(&format!("resolving {krate} {}", req.version_req));
    // A config left by an earlier vendoring would make resolution offline-only.
    let _ = std::fs::remove_dir_all(dir.join(".cargo"));
    match &req.lockfile {
        Some(l) if l.exists() => {
            std::fs::copy(l, dir.join("Cargo.lock"))
                .map_err(|e| format!("cannot copy {}: {e}", l.display()))?;
        }
        _ => {
            let _ = std::fs::remove_file(dir.join("Cargo.lock"));
            cargo.run(&["generate-lockfile"])?;
            if let Some(l) = &req.lockfile {
                std::fs::copy(dir.join("Cargo.lock"), l)
                    .map_err(|e| format!("cannot record {}: {e}", l.display()))?;
            }
        }
    }
    let (packages, version) = crate::cargo::resolved(&dir, krate)?;
    // Pin what was resolved, so the plugin builds the same crate later.
    write(
        &dir.join("Cargo.toml"),
        &emit::cargo_toml(krate, &format!("={version}"), &req.features, &req.kayton),
    )?;

    progress(&format!("vendoring {krate} {version} and its dependencies"));
    let vendor = req
        .vendor
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", req.vendor.display()))?;
    let config = cargo.run(&[
        "vendor",
        "--versioned-dirs",
        "--no-delete",
        "--respect-source-config",
        vendor,
    ])?;
    std::fs::create_dir_all(dir.join(".cargo")).map_err(|e| e.to_string())?;
    write(&dir.join(".cargo/config.toml"), &config)?;

    progress(&format!("reading {krate}'s public API (rustdoc JSON)"));
    let doc = cargo.rustdoc_json(&format!("{krate}@{version}"), &rname)?;
    let mut deps = Vec::new();
    for dep in crate::reexported_crates(&doc, &rname) {
        match dep_spec(&packages, krate, &dep).and_then(|s| cargo.rustdoc_json(&s, &dep)) {
            Ok(d) => deps.push(d),
            Err(e) => progress(&format!("note: {dep}'s items stay unbound: {e}")),
        }
    }

    let mut clock = Instant::now();
    let mut api = crate::api(&doc, &deps, &rname, &version);
    api.manifest.features = req.features.clone();
    let mut generate = clock.elapsed();

    let mut dropped: BTreeSet<Key> = BTreeSet::new();
    let mut pruned: BTreeMap<Key, (String, String)> = BTreeMap::new();
    let lib_file = "src/lib.rs";
    let mut round = 0;
    let lib_rs = loop {
        round += 1;
        clock = Instant::now();
        let lib_rs = emit::lib_rs(&api, &dropped);
        write(&dir.join(lib_file), &lib_rs)?;
        generate += clock.elapsed();
        progress(&format!("checking the plugin (round {round})"));
        let (ok, stdout, stderr) =
            cargo.run_any(&["check", "--offline", "--lib", "--message-format=json"])?;
        clock = Instant::now();
        let errs = crate::prune::errors(&stdout, lib_file);
        // For debugging bindgen: each round's source and cargo's messages, kept.
        if std::env::var_os("KAYTON_BINDGEN_KEEP_ROUNDS").is_some() {
            write(&dir.join(format!("round{round}.rs")), &lib_rs)?;
            write(&dir.join(format!("round{round}.json")), &stdout)?;
        }
        if ok && errs.is_empty() {
            generate += clock.elapsed();
            break lib_rs;
        }
        let ix = crate::prune::Index::new(&lib_rs)?;
        let (drop, unplaced) = crate::prune::attribute(&ix, &errs);
        generate += clock.elapsed();
        if let Some(e) = unplaced.first() {
            return Err(format!(
                "`cargo check` of {} failed outside any emitted item: {}: {}\n{}",
                dir.display(),
                e.code,
                e.message,
                tail(&stderr)
            ));
        }
        if drop.is_empty() {
            return Err(format!(
                "`cargo check` of {} failed:\n{}",
                dir.display(),
                tail(&stderr)
            ));
        }
        if round == MAX_ROUNDS {
            return Err(format!(
                "the plugin still has errors after {MAX_ROUNDS} rounds of pruning"
            ));
        }
        for (k, why) in drop {
            dropped.insert(k.clone());
            pruned.insert(k, why);
        }
    };
    let report = Report::new(&api, &pruned, &version);

    let dylib = if req.build {
        progress(&format!("building {}", emit::plugin_crate(krate)));
        let out = cargo.run(&["build", "--offline", "--lib", "--message-format=json"])?;
        Some(built_dylib(&out, &emit::plugin_crate(krate))?)
    } else {
        None
    };
    write(&dir.join("coverage.txt"), &report.text())?;
    write(&dir.join("coverage.json"), &report.json())?;
    Ok(Outcome {
        dir,
        lib_rs,
        report,
        generate,
        dylib,
    })
}

fn tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().rev().take(20).collect();
    lines.into_iter().rev().collect::<Vec<_>>().join("\n")
}

/// The plugin's dylib among cargo's JSON messages.
pub fn built_dylib(messages: &str, plugin_crate: &str) -> Result<PathBuf, String> {
    messages
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == plugin_crate)
        .flat_map(|v| v["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|p| {
            p.extension()
                .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
        })
        .ok_or_else(|| format!("cargo built no dylib for {plugin_crate}"))
}
