//! `keyton conformance DIR`: runs every `.ky` file in DIR as one session through the
//! same engine as the REPL and the notebook, and compares each cell with its
//! expectations. Ends with `N passed, M failed[, K skipped]` (one count per file).
use crate::cells::{split, Cell};
use crate::session::{Outcome, Session};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

pub enum FileResult {
    Passed,
    Failed(Vec<String>),
    Skipped(String),
}

/// Make what `# requires:` names available: `rimport CRATE[==VERSION] [features=a,b]`
/// installs the crate (or finds its plugin); `plugin NAME` needs a local plugin.
/// `Err` is why the file cannot run; `Ok` has what each rimport bound.
fn prepare(requires: &[String]) -> Result<Vec<Bound>, String> {
    let mut bound = Vec::new();
    for r in requires {
        let mut words = r.split_whitespace();
        match words.next() {
            Some("rimport") => {
                let spec = words.next().unwrap_or("");
                let (krate, version) = match spec.split_once("==") {
                    Some((k, v)) => (k, format!("={v}")),
                    None => (spec, "*".to_string()),
                };
                let features: Vec<String> = words
                    .filter_map(|w| w.strip_prefix("features="))
                    .flat_map(|f| f.split(',').map(String::from))
                    .collect();
                crate::plugins::find_or_install(krate, &version, &features, &mut |m| {
                    eprintln!("rimport: {m}")
                })?;
                if let Some(i) = kayton_env::env::Env::active().installed(krate) {
                    let name = if i.package.is_empty() {
                        &i.krate
                    } else {
                        &i.package
                    };
                    bound.push(Bound {
                        krate: name.clone(),
                        version: i.version.clone(),
                        found: i.found,
                        bound: i.bound,
                    });
                }
            }
            Some("plugin") => {
                let name = words.next().unwrap_or("");
                if crate::plugins::find(name)?.is_none() {
                    return Err(format!("no plugin for `{name}` on KAYTON_PLUGIN_PATH"));
                }
            }
            _ => {}
        }
    }
    Ok(bound)
}

/// Of a crate a session's `# requires:` rimports: its public functions and methods, and
/// how many bindgen bound (the install's record).
#[derive(Debug, Clone)]
pub struct Bound {
    pub krate: String,
    pub version: String,
    pub found: usize,
    pub bound: usize,
}

/// `known-gaps.txt` lines `FILE.ky: reason`: files expected not to pass yet, reported
/// as skipped with the reason (so a gap is visible, never silently green).
pub fn read_known_gaps(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            l.split_once(':')
                .map(|(f, r)| (f.trim().to_string(), r.trim().to_string()))
        })
        .collect())
}

/// Differences between what a cell should do and what it did.
pub fn check_cell(cell: &Cell, out: &Outcome) -> Vec<String> {
    let mut problems = Vec::new();
    let printed: Vec<&str> = out.stdout.lines().collect();
    if printed != cell.prints.iter().map(String::as_str).collect::<Vec<_>>() {
        problems.push(format!(
            "stdout: expected {:?}, got {:?}",
            cell.prints, printed
        ));
    }
    match (&cell.error, &out.error) {
        (Some(want), Some(got)) if got.contains(want.as_str()) => {}
        (Some(want), Some(got)) => {
            problems.push(format!("error should contain {want:?}, got:\n{got}"))
        }
        (Some(want), None) => problems.push(format!(
            "expected an error containing {want:?}, but the cell succeeded"
        )),
        (None, Some(got)) => problems.push(format!("unexpected error:\n{got}")),
        (None, None) => {}
    }
    if cell.error.is_none() && out.result != cell.result {
        problems.push(format!(
            "result: expected {:?}, got {:?}",
            cell.result, out.result
        ));
    }
    problems
}

/// What the rimports of a file that is not run bound; a crate whose install fails is
/// counted with nothing bound.
fn gap_bound(path: &Path) -> Vec<Bound> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let requires = split(&text).requires;
    prepare(&requires).unwrap_or_else(|_| {
        requires
            .iter()
            .filter_map(|r| r.strip_prefix("rimport "))
            .map(|spec| {
                let spec = spec.split_whitespace().next().unwrap_or("");
                let (krate, version) = spec.split_once("==").unwrap_or((spec, "*"));
                Bound {
                    krate: krate.to_string(),
                    version: version.to_string(),
                    found: 0,
                    bound: 0,
                }
            })
            .collect()
    })
}

/// Run one file as a session; also what its rimports bound.
pub fn run_file(path: &Path) -> (FileResult, Vec<Bound>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            let why = format!("cannot read {}: {e}", path.display());
            return (FileResult::Failed(vec![why]), Vec::new());
        }
    };
    let requires = split(&text).requires;
    match prepare(&requires) {
        Ok(bound) => (run_prepared(text, &requires), bound),
        Err(why) => {
            let why = format!("cannot prepare the session: {why}");
            (FileResult::Failed(vec![why]), Vec::new())
        }
    }
}

fn run_prepared(text: String, requires: &[String]) -> FileResult {
    // `# requires: server`: a loopback server for this session, its URL as `$SERVER`.
    let needs_server = requires.iter().any(|r| r.trim() == "server");
    let server = if needs_server {
        match crate::loopback::Server::start() {
            Ok(s) => Some(s),
            Err(e) => {
                return FileResult::Failed(vec![format!("cannot start the loopback server: {e}")])
            }
        }
    } else {
        None
    };
    let text = match &server {
        Some(s) => text.replace("$SERVER", &s.base_url),
        None => text,
    };
    let file = split(&text);
    let mut session = match Session::new() {
        Ok(s) => s,
        Err(e) => return FileResult::Failed(vec![format!("cannot start a session: {e}")]),
    };
    let mut failures = Vec::new();
    for (i, cell) in file.cells.iter().enumerate() {
        let out = session.run_cell(&cell.code);
        for p in check_cell(cell, &out) {
            failures.push(format!("cell {} (line {}): {p}", i + 1, cell.first_line));
        }
    }
    if failures.is_empty() {
        FileResult::Passed
    } else {
        FileResult::Failed(failures)
    }
}

pub fn ky_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for d in dirs {
        if d.is_file() {
            files.push(d.clone());
            continue;
        }
        let rd = std::fs::read_dir(d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "ky") {
                files.push(e.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Run and report; returns the tally (the caller sets the exit status). With
/// `coverage`, also writes there the table of each rimported crate's bound API beside
/// its session's result ([`crate::coverage`]).
pub fn run(
    dirs: &[PathBuf],
    known_gaps: &[(String, String)],
    coverage: Option<&Path>,
) -> Result<Tally, String> {
    let mut t = Tally::default();
    let mut rows = Vec::new();
    for f in ky_files(dirs)? {
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let (result, bound) = match known_gaps.iter().find(|(g, _)| *g == name) {
            // Its crates are still counted in the table (installed, not run).
            Some((_, why)) => (
                FileResult::Skipped(format!("known gap: {why}")),
                coverage.map(|_| gap_bound(&f)).unwrap_or_default(),
            ),
            None => run_file(&f),
        };
        let outcome = match &result {
            FileResult::Passed => "passes",
            FileResult::Failed(_) => "fails",
            FileResult::Skipped(_) => "known gap",
        };
        rows.extend(bound.into_iter().map(|b| crate::coverage::Row {
            bound: b,
            session: name.clone(),
            outcome,
        }));
        match result {
            FileResult::Passed => {
                t.passed += 1;
                println!("PASS {name}");
            }
            FileResult::Skipped(why) => {
                t.skipped += 1;
                println!("SKIP {name}: skipped: {why}");
            }
            FileResult::Failed(problems) => {
                t.failed += 1;
                println!("FAIL {name}");
                for p in problems {
                    for line in p.lines() {
                        println!("    {line}");
                    }
                }
            }
        }
    }
    if t.skipped > 0 {
        println!(
            "{} passed, {} failed, {} skipped",
            t.passed, t.failed, t.skipped
        );
    } else {
        println!("{} passed, {} failed", t.passed, t.failed);
    }
    if let Some(out) = coverage {
        let table = crate::coverage::table(&rows);
        std::fs::write(out, &table).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!(
            "coverage of the rimported crates ({}):\n{table}",
            out.display()
        );
    }
    Ok(t)
}
