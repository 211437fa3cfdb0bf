//! The session engine every front end uses: compile a cell, build it, run it in the
//! executor, report, and commit the compiler's state only when the cell succeeded.
use crate::host::{CellError, Host};
use crate::lockfile::{checksum_of, Locked, Lockfile};
use crate::runtime::kayton_home;
use keyton_compiler::{CompileError, Compiler, Diagnostic, Stats};
use std::path::{Path, PathBuf};

/// The largest cell compiled: its Rust goes through rustc, which takes minutes for
/// megabytes.
const MAX_CELL: usize = 2_000_000;

/// What a cell did, as a user sees it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outcome {
    pub stdout: String,
    /// What the cell wrote with `eprint` (not part of conformance expectations).
    pub stderr: String,
    pub result: Option<String>,
    /// The result's MIME bundle when it is rich (`html(…)`, a table); its `text/plain`
    /// is `result`.
    pub result_data: Option<Vec<(String, String)>>,
    /// Rendered error (diagnostic with snippet, run-time error with its line, …).
    pub error: Option<String>,
}

pub struct Session {
    host: Host,
    compiler: Compiler,
    cells: u32,
    /// Where progress of an automatic rimport install goes (stderr unless a front end,
    /// like the Jupyter kernel, streams it to the cell's output).
    progress: Box<dyn FnMut(&str) + Send>,
    /// The libraries each loaded plugin gives cells.
    links: crate::links::Links,
    /// The directory's `keyton.lock`, for front ends that keep one.
    lock: Option<Lockfile>,
}

/// The `keyton` binary whose `__executor` subcommand runs cells: `$KAYTON_EXE`, else
/// this process's own executable.
pub fn executor_exe() -> PathBuf {
    crate::vars::var_os("KAYTON_EXE")
        .map(PathBuf::from)
        .or_else(|| std::env::current_exe().ok())
        .unwrap_or_else(|| PathBuf::from("keyton"))
}

impl Session {
    pub fn new() -> Result<Session, String> {
        Session::with_exe(executor_exe())
    }

    pub fn with_exe(exe: PathBuf) -> Result<Session, String> {
        Ok(Session {
            host: Host::new(exe)?,
            compiler: Compiler::new(),
            cells: 0,
            progress: Box::new(|m| eprintln!("rimport: {m}")),
            links: crate::links::Links::default(),
            lock: None,
        })
    }

    /// Send install progress (one line per step) to `hook` instead of stderr.
    pub fn set_progress(&mut self, hook: Box<dyn FnMut(&str) + Send>) {
        self.progress = hook;
    }

    /// Keep the crates this session rimports in the lock file at `path`, and install
    /// the versions it locks (`KAYTON_NO_LOCK` turns this off).
    pub fn use_lockfile(&mut self, path: &Path) -> Result<(), String> {
        if !crate::vars::is_set("KAYTON_NO_LOCK") {
            self.lock = Some(Lockfile::open(path)?);
        }
        Ok(())
    }

    /// Show later cells' output live through `frontend`, which also answers `input()`.
    pub fn set_frontend(&mut self, frontend: Box<dyn crate::frontend::Frontend>) {
        self.host.set_frontend(frontend);
    }

    pub fn run_cell(&mut self, src: &str) -> Outcome {
        let origin = format!("cell {}", self.cells + 1);
        self.run_cell_as(&origin, src)
    }

    /// Run a cell whose diagnostics name `origin` (a file path, "cell 3").
    pub fn run_cell_as(&mut self, origin: &str, src: &str) -> Outcome {
        self.cells += 1;
        if src.len() > MAX_CELL {
            return Outcome {
                error: Some(format!(
                    "error: {origin} is {:.1} MB; a cell holds at most {} MB of code (keep data in files and read them)",
                    src.len() as f64 / 1e6,
                    MAX_CELL / 1_000_000
                )),
                ..Default::default()
            };
        }
        let origin = origin.to_string();
        if let Err(e) = self.load_rimported(src) {
            return Outcome {
                error: Some(format!("error: {e}")),
                ..Default::default()
            };
        }
        let compiled = match self.compiler.compile(src) {
            Ok(c) => c,
            Err(CompileError::Diag(d)) => {
                return Outcome {
                    error: Some(d.render(&origin, src)),
                    ..Default::default()
                }
            }
            Err(CompileError::Internal(m)) => {
                let kept = keep_failed(&origin, m.as_bytes());
                return Outcome {
                    error: Some(internal_error(
                        &kept,
                        "the generated code is not valid Rust",
                    )),
                    ..Default::default()
                };
            }
        };
        self.run_compiled(&origin, src, compiled, true)
    }

    /// Run a compiled cell. `retry`: a value the cell keeps that borrows another of the
    /// session's (minijinja's `template = env.get_template(…)`) is kept in the cell only,
    /// and the cell compiled and run again that way (as a Rust program keeps it in scope).
    fn run_compiled(
        &mut self,
        origin: &str,
        src: &str,
        compiled: keyton_compiler::Compiled,
        retry: bool,
    ) -> Outcome {
        let origin = origin.to_string();
        let run = self.host.run_rust(&compiled.rust);
        let error = match run.error {
            None => {
                self.compiler.commit(compiled);
                None
            }
            Some(CellError::Runtime(m)) => {
                self.compiler.keep_stats(&compiled);
                Some(render_runtime(&origin, src, &m))
            }
            Some(CellError::Crashed(m)) => {
                // Name what was lost: the user has to make those again.
                let mut lost: Vec<String> = self.compiler.globals().keys().cloned().collect();
                lost.sort();
                self.compiler.forget_globals();
                let m = match lost.is_empty() {
                    true => m,
                    false => m.replacen(
                        "session variables were lost",
                        &format!("session variables were lost ({})", lost.join(", ")),
                        1,
                    ),
                };
                Some(format!("error: {m}"))
            }
            Some(CellError::Build(f)) => {
                let text = std::fs::read(&f.source_path).unwrap_or_default();
                let rust = String::from_utf8_lossy(&text);
                if let Some((line, m)) = crate::borrow_error::borrow_error(&f.stderr, &rust) {
                    // The names bound where rustc points, else those holding a value of
                    // a type that borrows (rustc may point at the cell's end, E0521).
                    let mut names = keyton_compiler::Compiler::names_bound_at(src, line);
                    if names.is_empty() {
                        names = keyton_compiler::Compiler::borrowing_names(&compiled);
                    }
                    if retry && !names.is_empty() {
                        if let Ok(c) = self.compiler.compile_keeping_local(src, &names) {
                            return self.run_compiled(&origin, src, c, false);
                        }
                    }
                    return Outcome {
                        stdout: run.stdout,
                        stderr: run.stderr,
                        error: Some(render_at_line(
                            &origin,
                            src,
                            &format!("line {line}: {m}"),
                            "kept here",
                        )),
                        ..Default::default()
                    };
                }
                let kept = keep_failed(&origin, &text);
                let first = f
                    .stderr
                    .lines()
                    .find(|l| l.starts_with("error"))
                    .unwrap_or("")
                    .to_string();
                Some(internal_error(
                    &kept,
                    &format!("rustc rejected the generated code ({first})"),
                ))
            }
        };
        Outcome {
            stdout: run.stdout,
            stderr: run.stderr,
            result: run.result,
            // A failed cell has no result to show.
            result_data: run.result_data.filter(|_| error.is_none()),
            error,
        }
    }

    /// Load the plugins of crates this cell rimports that the session does not have yet.
    /// A plugin that contains a library a loaded one contains too (`memchr` in regex's
    /// and csv's) is built again linked against that one (`links.rs`).
    fn load_rimported(&mut self, src: &str) -> Result<(), String> {
        for krate in keyton_compiler::rimported_crates(src) {
            if self.compiler.has_crate(&krate) {
                continue;
            }
            let locked = self.lock.as_ref().and_then(|l| l.get(&krate)).cloned();
            // Installed linked against plugins this session has loaded (an earlier
            // session rimported the same crates): used as it is, not rebuilt unlinked
            // first only to find out what it shares.
            let installed =
                crate::plugins::installed_chain(&krate).and_then(|(dylibs, version, features)| {
                    let lock_ok = locked.as_ref().is_none_or(|l| l.version == version);
                    Some((self.links.loaded_chain(&dylibs)?, version, features)).filter(|_| lock_ok)
                });
            let (first, used) = match (&installed, &locked) {
                (Some((chain, version, features)), _) => (
                    crate::plugins::find_or_install_chained(
                        &krate,
                        &format!("={version}"),
                        features,
                        chain,
                        &mut self.progress,
                    )?,
                    chain.clone(),
                ),
                (None, Some(l)) => {
                    // Said only when the lock changes what is installed.
                    let have = crate::env::Env::active()
                        .installed(&krate)
                        .map(|i| i.version);
                    if have.as_deref() != Some(l.version.as_str()) {
                        (self.progress)(&format!(
                            "{krate} {} (features: {}) as keyton.lock says",
                            l.version,
                            if l.features.is_empty() {
                                "default".to_string()
                            } else {
                                l.features.join(", ")
                            }
                        ));
                    }
                    let version = format!("={}", l.version);
                    let p = crate::plugins::find_or_install(
                        &krate,
                        &version,
                        &l.features,
                        &mut self.progress,
                    )?;
                    (p, Vec::new())
                }
                (None, None) => (
                    crate::plugins::find_or_install(&krate, "*", &[], &mut self.progress)?,
                    Vec::new(),
                ),
            };
            let Some(mut p) = first else {
                continue;
            };
            let chain = self.links.sharing(&p.linked);
            if chain != used {
                (self.progress)(&format!(
                    "linking {krate}'s plugin against the plugins of {}: they use the same libraries",
                    self.links.crates_of(&chain).join(", ")
                ));
                // The same version and features, only linked otherwise.
                let (version, features) = (
                    format!("={}", p.manifest.version),
                    p.manifest.features.clone(),
                );
                p = crate::plugins::find_or_install_chained(
                    &krate,
                    &version,
                    &features,
                    &chain,
                    &mut self.progress,
                )?
                .ok_or_else(|| format!("no plugin for `{krate}`"))?;
            }
            if let (Some(lock), Some(source)) = (&mut self.lock, &p.source) {
                lock.record(
                    &krate,
                    Locked {
                        version: p.manifest.version.clone(),
                        features: p.manifest.features.clone(),
                        checksum: checksum_of(source),
                    },
                )?;
            }
            let provides = self.links.check(&krate, &p.linked, &chain)?;
            let (name, dylib) = (p.lib.name.clone(), p.lib.dylib.clone());
            self.host
                .load_plugin(p.lib, p.registrars)
                .map_err(|e| format!("cannot load the plugin for `{krate}`: {e}"))?;
            self.compiler.add_manifest(p.manifest);
            self.links.add(&krate, &name, dylib, provides);
        }
        Ok(())
    }

    pub fn compiler(&self) -> &Compiler {
        &self.compiler
    }

    pub fn stats(&self) -> Stats {
        self.compiler.stats()
    }

    /// (name, type, value) of every global, from the VM.
    pub fn vars(&mut self) -> Vec<(String, String, String)> {
        self.host.vars()
    }

    pub fn host(&mut self) -> &mut Host {
        &mut self.host
    }
}

fn internal_error(kept: &Path, what: &str) -> String {
    format!(
        "internal error: {what}.\nThis is a bug in Keyton, not in your code. The generated source is kept at {}; please report it.",
        kept.display()
    )
}

/// Keep generated source that failed, for the bug report.
fn keep_failed(origin: &str, text: &[u8]) -> PathBuf {
    let dir = kayton_home().join("failed");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let path = dir.join(format!("{}-{nanos}.rs", origin.replace(' ', "")));
    let _ = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, text));
    path
}

/// A run-time error `line N: message` rendered against the cell's line N.
fn render_runtime(origin: &str, src: &str, msg: &str) -> String {
    render_at_line(origin, src, msg, "raised here")
}

/// `msg` (`line N: …`) as a diagnostic at that line of the cell, labelled `label`.
fn render_at_line(origin: &str, src: &str, msg: &str, label: &str) -> String {
    let parsed = msg.strip_prefix("line ").and_then(|rest| {
        let (n, m) = rest.split_once(": ")?;
        Some((n.parse::<usize>().ok()?, m))
    });
    let Some((line, m)) = parsed else {
        return format!("error: {msg}");
    };
    let mut start = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let indent = l.len() - l.trim_start().len();
            let span = keyton_compiler::span::Span::new(start + indent, start + l.trim_end().len());
            return Diagnostic::new(span, m).label(label).render(origin, src);
        }
        start += l.len();
    }
    format!("error: {msg}")
}
