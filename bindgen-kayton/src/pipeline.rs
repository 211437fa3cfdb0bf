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
    /// `CARGO_HOME` (an environment's own; the user's when `None`).
    pub cargo_home: Option<PathBuf>,
    /// `RUSTFLAGS` for every crate of the build (an environment's: prefer-dynamic, rpath).
    pub rustflags: Option<String>,
}

pub struct Outcome {
    pub dir: PathBuf,
    pub lib_rs: String,
    pub report: Report,
    /// bindgen's own time: modelling, emitting, mapping errors (not rustdoc or cargo).
    pub generate: Duration,
    pub dylib: Option<PathBuf>,
    /// The libraries linked into the dylib (see [`Built::linked`]).
    pub linked: Vec<String>,
    /// The version resolved.
    pub version: String,
    /// The library's name, which cells write (`inflector` of package `Inflector`).
    pub lib_name: String,
    /// Wall time of each phase, in milliseconds: resolve, vendor, rustdoc, prune (with
    /// its rounds), build.
    pub phases_ms: Vec<(String, u64)>,
}

/// The most `cargo check` rounds before giving up (each round drops every item an error
/// maps to; resolution errors hide type errors, so a few rounds are normal).
const MAX_ROUNDS: usize = 40;

/// How many crates' rustdoc JSON is read for re-exported items (each costs a rustdoc run).
const MAX_REEXPORTED: usize = 8;

fn write(p: &Path, t: &str) -> Result<(), String> {
    std::fs::write(p, t).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

pub fn run(req: &Request, progress: &mut dyn FnMut(&str)) -> Result<Outcome, String> {
    let krate = req.krate.as_str();
    let dir = req.out.join(emit::plugin_crate(krate));
    std::fs::create_dir_all(dir.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let cargo = plugin_cargo(req);
    let mut phases: Vec<(String, u64)> = Vec::new();
    let mut phase_clock = Instant::now();
    let mut lap = |name: String| {
        phases.push((name, phase_clock.elapsed().as_millis() as u64));
        phase_clock = Instant::now();
    };
    write(
        &dir.join("Cargo.toml"),
        &emit::cargo_toml(krate, &req.version_req, &req.features, &req.kayton, None),
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
    // Pin what was resolved, so the plugin builds the same crate later (and the serde
    // it uses, for the serde bridge).
    let serde = emit::serde_version(&packages);
    write(
        &dir.join("Cargo.toml"),
        &emit::cargo_toml(
            krate,
            &format!("={version}"),
            &req.features,
            &req.kayton,
            serde.as_deref(),
        ),
    )?;

    lap("resolve".into());

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

    lap("vendor".into());

    progress(&format!("reading {krate}'s public API (rustdoc JSON)"));
    let rname = crate::cargo::lib_name(&req.vendor, krate, &version);
    let doc = cargo
        .rustdoc_json(&format!("{krate}@{version}"), &rname)
        .map_err(|e| crate::cargo::feature_hint(e, &req.vendor, krate, &version))?;
    // The crates whose items the crate re-exports, and the crates those re-export whole
    // by a glob (clap re-exports clap_builder, which re-exports anstyle as
    // `clap::builder::styling`).
    let mut deps = Vec::new();
    let mut wanted = crate::reexported_crates(&doc, &rname);
    let mut asked: BTreeSet<String> = wanted.iter().cloned().collect();
    let mut next_dep = 0;
    while let Some(dep) = wanted.get(next_dep).cloned() {
        next_dep += 1;
        match dep_spec(&packages, krate, &dep).and_then(|s| cargo.rustdoc_json(&s, &dep)) {
            Ok(d) => {
                for next in crate::glob_reexported_crates(&d, &dep) {
                    if next != rname && asked.len() < MAX_REEXPORTED && asked.insert(next.clone()) {
                        wanted.push(next);
                    }
                }
                deps.push(d)
            }
            Err(e) => progress(&format!("note: {dep}'s items stay unbound: {e}")),
        }
    }

    lap("rustdoc".into());

    let mut clock = Instant::now();
    let mut api = crate::api(&doc, &deps, &rname, &version);
    api.manifest.features = req.features.clone();
    let mut generate = clock.elapsed();

    let mut dropped: BTreeSet<Key> = BTreeSet::new();
    let mut pruned: BTreeMap<Key, (String, String)> = BTreeMap::new();
    let lib_file = "src/lib.rs";
    let mut round = 0;
    let mut built = None;
    let mut build_time = Duration::ZERO;
    let lib_rs = loop {
        round += 1;
        clock = Instant::now();
        let mut lib_rs = emit::lib_rs(&api, &dropped)
            .map_err(|e| format!("bindgen could not write the plugin of `{}`: {e}", req.krate))?;
        // At the end, so that the emitted items keep their lines.
        lib_rs.push_str(&req.kayton.extern_crates());
        write(&dir.join(lib_file), &lib_rs)?;
        generate += clock.elapsed();
        progress(&format!("checking the plugin (round {round})"));
        let (ok, stdout, stderr) = cargo.run_any(&strs(&compile_args(&req.kayton, "check")))?;
        clock = Instant::now();
        let errs = crate::prune::errors(&stdout, lib_file);
        // For debugging bindgen: each round's source and cargo's messages, kept.
        if std::env::var_os("KAYTON_BINDGEN_KEEP_ROUNDS").is_some() {
            write(&dir.join(format!("round{round}.rs")), &lib_rs)?;
            write(&dir.join(format!("round{round}.json")), &stdout)?;
        }
        if ok && errs.is_empty() {
            generate += clock.elapsed();
            if !req.build {
                break lib_rs;
            }
            // Some errors come only with code generation (a shape's `const` assertion
            // inside a dependency): the build is the last check.
            let started = Instant::now();
            let (built_ok, out, stderr) = build_once(req, &cargo, progress)?;
            build_time += started.elapsed();
            if built_ok {
                built = Some(Built {
                    dylib: built_dylib(&out, &emit::plugin_crate(&req.krate))?,
                    linked: linked_libs(&out, &emit::plugin_crate(&req.krate)),
                });
                break lib_rs;
            }
            let ix = crate::prune::Index::new(&lib_rs)?;
            let errs = crate::prune::errors(&out, lib_file);
            let drop = crate::prune::post_mono::attribute(&ix, &errs, &lib_rs);
            if drop.is_empty() || round == MAX_ROUNDS {
                // rustc's own errors (cargo's stderr only counts them under JSON output).
                let first: Vec<String> = errs
                    .iter()
                    .take(3)
                    .map(|e| {
                        let notes = e.notes.iter().take(3).map(|n| format!("\n  note: {n}"));
                        format!(
                            "error[{}]: {}{}",
                            e.code,
                            e.message,
                            notes.collect::<String>()
                        )
                    })
                    .collect();
                return Err(format!(
                    "`cargo build` of {} failed:\n{}\n{}",
                    dir.display(),
                    first.join("\n"),
                    tail(&stderr)
                ));
            }
            for (k, why) in drop {
                dropped.insert(k.clone());
                pruned.insert(k, why);
            }
            continue;
        }
        let ix = crate::prune::Index::new(&lib_rs)?;
        let (drop, unplaced) = crate::prune::attribute(&ix, &errs);
        generate += clock.elapsed();
        if std::env::var_os("KAYTON_BINDGEN_KEEP_ROUNDS").is_some() {
            let keys: Vec<&str> = drop.keys().map(String::as_str).collect();
            write(&dir.join(format!("round{round}.drop")), &keys.join("\n"))?;
        }
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
    lap(format!(
        "prune ({round} round{})",
        if round == 1 { "" } else { "s" }
    ));

    // The builds inside the rounds are their own phase.
    if let Some(p) = phases.last_mut() {
        p.1 = p.1.saturating_sub(build_time.as_millis() as u64);
    }
    if built.is_some() {
        phases.push(("build".into(), build_time.as_millis() as u64));
    }
    let linked = built.as_ref().map(|b| b.linked.clone()).unwrap_or_default();
    let dylib = built.map(|b| b.dylib);
    write(&dir.join("coverage.txt"), &report.text())?;
    write(&dir.join("coverage.json"), &report.json())?;
    Ok(Outcome {
        dir,
        lib_rs,
        report,
        generate,
        dylib,
        linked,
        version,
        lib_name: rname,
        phases_ms: phases,
    })
}

/// A built plugin.
pub struct Built {
    pub dylib: PathBuf,
    /// The libraries linked into it (`serde_core@1.0.228`): its dependencies, which a cell
    /// that links two plugins must not find in both.
    pub linked: Vec<String>,
}

/// cargo in `req`'s plugin crate, with its target, cargo home and flags.
fn plugin_cargo(req: &Request) -> Cargo {
    Cargo {
        dir: req.out.join(emit::plugin_crate(&req.krate)),
        target: req.target.clone(),
        home: req.cargo_home.clone(),
        rustflags: req.rustflags.clone(),
    }
}

/// `cargo build` of the pruned plugin: (success, cargo's JSON messages, its stderr).
fn build_once(
    req: &Request,
    cargo: &Cargo,
    progress: &mut dyn FnMut(&str),
) -> Result<(bool, String, String), String> {
    let plugin = emit::plugin_crate(&req.krate);
    progress(&format!("building {} (plugin {plugin})", req.krate));
    cargo.run_any(&strs(&compile_args(&req.kayton, "build")))
}

/// The libraries cargo's messages show built (or fresh) for linking, other than the
/// plugin itself: proc macros and build scripts run at build time and are not linked.
pub fn linked_libs(messages: &str, plugin_crate: &str) -> Vec<String> {
    let mut out: Vec<String> = messages
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] != plugin_crate)
        .filter(|v| {
            v["target"]["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "lib" || k == "rlib"))
        })
        .filter_map(|v| {
            let name = v["target"]["name"].as_str()?;
            // `registry+…#serde_core@1.0.228`, or `path+file://…/x#0.1.0`.
            let id = v["package_id"].as_str()?;
            let version = id.rsplit(['#', '@']).next().unwrap_or(id);
            Some(format!("{name}@{version}"))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// cargo's arguments to check (`"check"`) or build (`"build"`) the plugin: `cargo rustc`
/// when the Keyton crates are prebuilt, since only rustc's own flags can name them and
/// they must reach the plugin crate alone (its dependencies keep their fingerprints).
fn compile_args(kayton: &KaytonDeps, what: &str) -> Vec<String> {
    let mut a: Vec<String> = match kayton {
        KaytonDeps::Sources { .. } => vec![what.into()],
        KaytonDeps::Prebuilt { .. } if what == "check" => {
            vec!["rustc".into(), "--profile".into(), "check".into()]
        }
        KaytonDeps::Prebuilt { .. } => vec!["rustc".into()],
    };
    a.extend(["--offline", "--lib", "--message-format=json"].map(String::from));
    let extra = kayton.rustc_args();
    if !extra.is_empty() {
        a.push("--".into());
        a.extend(extra);
    }
    a
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

#[cfg(test)]
mod tests {
    #[test]
    fn linked_libraries_are_the_libs_cargo_built_not_proc_macros_or_build_scripts() {
        let msgs = [
            r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#serde_core@1.0.228","target":{"kind":["lib"],"name":"serde_core"},"filenames":[]}"#,
            r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#serde_derive@1.0.228","target":{"kind":["proc-macro"],"name":"serde_derive"},"filenames":[]}"#,
            r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#libc@0.2.177","target":{"kind":["custom-build"],"name":"build-script-build"},"filenames":[]}"#,
            r#"{"reason":"compiler-artifact","package_id":"path+file:///x/kayton_rplugin__a#0.0.0","target":{"kind":["dylib"],"name":"kayton_rplugin__a"},"filenames":[]}"#,
            r#"{"reason":"build-finished","success":true}"#,
        ]
        .join("\n");
        assert_eq!(
            super::linked_libs(&msgs, "kayton_rplugin__a"),
            ["serde_core@1.0.228"]
        );
    }
}
