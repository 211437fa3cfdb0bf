//! The front end's side of a session's native code: builds cell libraries and runs them
//! in an executor child process, restarting it when it dies.
use crate::builder::{BuildFailure, CellBuilder, ExternLib};
use crate::frontend::{fold, Frontend, NO_STDIN};
use crate::protocol::{CallArg, Event, KindStat, Request, Response};
use crate::runtime::Runtime;
use crate::toolchain::Toolchain;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Why a cell did not complete.
#[derive(Debug)]
pub enum CellError {
    /// The cell raised a Keyton error (an `Err`, a panic, a refused library).
    Runtime(String),
    /// rustc rejected generated code.
    Build(BuildFailure),
    /// The executor died; the session's variables died with it.
    Crashed(String),
}

#[derive(Debug, Default)]
pub struct CellRun {
    pub stdout: String,
    pub stderr: String,
    pub result: Option<String>,
    /// The result's MIME bundle when it is rich (its `text/plain` is `result`).
    pub result_data: Option<Vec<(String, String)>>,
    pub error: Option<CellError>,
}

struct Executor {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Executor {
    fn spawn(exe: &Path) -> Result<Executor, String> {
        let mut child = Command::new(exe)
            .arg("__executor")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start the executor {}: {e}", exe.display()))?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        Ok(Executor {
            child,
            stdin,
            stdout,
        })
    }

    /// Send one request and read its response; events a running cell sends first go to
    /// `on_event`, whose answer (to `input()`) is sent back. `Err` means the executor is
    /// gone (with how it ended).
    fn request(
        &mut self,
        req: &Request,
        on_event: &mut dyn FnMut(Event) -> Option<Request>,
    ) -> Result<Response, String> {
        self.send(req)?;
        loop {
            let mut answer = String::new();
            match self.stdout.read_line(&mut answer) {
                Ok(n) if n > 0 => {}
                _ => return Err(self.how_it_ended()),
            }
            let resp: Response = serde_json::from_str(&answer)
                .map_err(|e| format!("garbled executor reply: {e}"))?;
            let Response::Event { event } = resp else {
                return Ok(resp);
            };
            // The executor waits for an answer to `input()`: never leave it without one.
            let asks = matches!(event, Event::Input { .. });
            match on_event(event) {
                Some(reply) => self.send(&reply)?,
                None if asks => self.send(&Request::InputReply {
                    line: Err(NO_STDIN.into()),
                })?,
                None => {}
            }
        }
    }

    fn send(&mut self, req: &Request) -> Result<(), String> {
        let line = serde_json::to_string(req).expect("requests serialize");
        match writeln!(self.stdin, "{line}").and_then(|_| self.stdin.flush()) {
            Ok(()) => Ok(()),
            Err(_) => Err(self.how_it_ended()),
        }
    }

    fn how_it_ended(&mut self) -> String {
        match self.child.wait() {
            Ok(st) => {
                #[cfg(unix)]
                {
                    use std::os::unix::process::ExitStatusExt;
                    if let Some(sig) = st.signal() {
                        return format!("signal {sig}");
                    }
                }
                format!("exit status {}", st.code().unwrap_or(-1))
            }
            Err(e) => format!("unknown status: {e}"),
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        let _ = self.request(&Request::Shutdown, &mut |_| None);
        let _ = self.child.wait();
    }
}

/// Builds and runs cells for one session.
pub struct Host {
    exe: PathBuf,
    builder: CellBuilder,
    executor: Option<Executor>,
    /// Plugins to load into every executor (again after a crash).
    /// Loaded plugins and their registrars, reloaded into a replacement executor.
    plugins: Vec<(PathBuf, Vec<String>)>,
    /// Where a running cell's events go (`None`: folded into its captured text).
    frontend: Option<Box<dyn Frontend>>,
    /// True while the executor runs a cell (not while the cell is compiled): only then
    /// does an interrupt go to the executor.
    in_cell: Arc<AtomicBool>,
}

impl Host {
    /// `exe` is the `keyton` binary (its `__executor` subcommand runs the VM).
    pub fn new(exe: PathBuf) -> Result<Host, String> {
        let tc = Toolchain::detect()?;
        let rt = Runtime::ensure(&tc)?;
        let builder = CellBuilder::new(tc, rt)?;
        let mut host = Host {
            exe,
            builder,
            executor: None,
            plugins: Vec::new(),
            frontend: None,
            in_cell: Arc::default(),
        };
        host.executor()?;
        Ok(host)
    }

    pub fn builder(&mut self) -> &mut CellBuilder {
        &mut self.builder
    }

    fn executor(&mut self) -> Result<&mut Executor, String> {
        if self.executor.is_none() {
            let mut ex = Executor::spawn(&self.exe)?;
            for (p, registrars) in &self.plugins {
                if let Ok(Response::Loaded { error: Some(e) }) = ex.request(
                    &Request::LoadPlugin {
                        lib: p.display().to_string(),
                        registrars: registrars.clone(),
                    },
                    &mut |_| None,
                ) {
                    return Err(e);
                }
            }
            self.executor = Some(ex);
        }
        Ok(self.executor.as_mut().unwrap())
    }

    fn request(&mut self, req: &Request) -> Result<Response, CellError> {
        let (mut out, mut err) = (String::new(), String::new());
        self.request_folding(req, &mut out, &mut err)
    }

    /// A request whose events go to the front end, or without one are folded into
    /// `stdout`/`stderr` (the text printed before the response's own).
    fn request_folding(
        &mut self,
        req: &Request,
        stdout: &mut String,
        stderr: &mut String,
    ) -> Result<Response, CellError> {
        self.executor().map_err(CellError::Runtime)?;
        let (ex, frontend) = (self.executor.as_mut().expect("started"), &mut self.frontend);
        let mut on_event = |e: Event| match (e, frontend.as_mut()) {
            (Event::Input { prompt, password }, Some(f)) => Some(Request::InputReply {
                line: f.input(&prompt, password),
            }),
            // Answered by `Executor::request`: there is no stdin here.
            (Event::Input { .. }, None) => None,
            (e, Some(f)) => {
                f.event(e);
                None
            }
            (e, None) => {
                fold(&e, stdout, stderr);
                None
            }
        };
        match ex.request(req, &mut on_event) {
            Ok(r) => Ok(r),
            Err(how) => {
                self.executor = None;
                Err(CellError::Crashed(format!(
                    "the executor crashed ({how}): session variables were lost; definitions and imports are kept"
                )))
            }
        }
    }

    /// A flag that is true while the executor runs a cell (for an interrupt handler).
    pub fn in_cell(&self) -> Arc<AtomicBool> {
        self.in_cell.clone()
    }

    /// Show the output of later cells live through `frontend` and let it answer `input()`.
    pub fn set_frontend(&mut self, frontend: Box<dyn Frontend>) {
        self.frontend = Some(frontend);
    }

    /// Build `source` and run it. A crash restarts the executor before returning.
    pub fn run_rust(&mut self, source: &str) -> CellRun {
        let lib = match self.builder.build(source) {
            Ok(l) => l,
            Err(f) => {
                return CellRun {
                    error: Some(CellError::Build(f)),
                    ..Default::default()
                }
            }
        };
        self.run_lib(&lib)
    }

    pub fn run_lib(&mut self, lib: &Path) -> CellRun {
        let (mut out, mut err) = (String::new(), String::new());
        let req = Request::Run {
            lib: lib.display().to_string(),
        };
        self.in_cell.store(true, Ordering::SeqCst);
        let answer = self.request_folding(&req, &mut out, &mut err);
        self.in_cell.store(false, Ordering::SeqCst);
        let mut run = match answer {
            Ok(Response::Cell {
                stdout,
                stderr,
                result,
                result_data,
                error,
            }) => {
                out.push_str(&stdout);
                err.push_str(&stderr);
                CellRun {
                    result,
                    result_data,
                    error: error.map(CellError::Runtime),
                    ..Default::default()
                }
            }
            Ok(other) => CellRun {
                error: Some(CellError::Runtime(format!("unexpected reply {other:?}"))),
                ..Default::default()
            },
            Err(e) => {
                // Start the next executor now, so the next cell does not pay for it.
                let _ = self.executor();
                CellRun {
                    error: Some(e),
                    ..Default::default()
                }
            }
        };
        (run.stdout, run.stderr) = (out, err);
        run
    }

    /// Load a plugin into this and every later executor; cells may then link to it.
    pub fn load_plugin(&mut self, lib: ExternLib, registrars: Vec<String>) -> Result<(), String> {
        match self.request(&Request::LoadPlugin {
            lib: lib.dylib.display().to_string(),
            registrars: registrars.clone(),
        }) {
            Ok(Response::Loaded { error: None }) => {
                self.plugins.push((lib.dylib.clone(), registrars));
                self.builder.add_extern(lib);
                Ok(())
            }
            Ok(Response::Loaded { error: Some(e) }) => Err(e),
            Ok(other) => Err(format!("unexpected reply {other:?}")),
            Err(CellError::Crashed(m)) | Err(CellError::Runtime(m)) => Err(m),
            Err(CellError::Build(b)) => Err(b.stderr),
        }
    }

    pub fn vars(&mut self) -> Vec<(String, String, String)> {
        match self.request(&Request::Vars) {
            Ok(Response::Vars { vars }) => vars,
            _ => Vec::new(),
        }
    }

    pub fn kinds(&mut self) -> Vec<KindStat> {
        match self.request(&Request::Kinds) {
            Ok(Response::Kinds { kinds }) => kinds,
            _ => Vec::new(),
        }
    }

    /// Call registry function `name(args…)` once: its result as Keyton shows it, or its
    /// error (an `Err`, a failed conversion or a panic in the thunk).
    pub fn call(&mut self, name: &str, args: &[CallArg]) -> Result<String, String> {
        match self.request(&Request::Call {
            name: name.into(),
            args: args.to_vec(),
        }) {
            Ok(Response::Called { result }) => result,
            _ => Err("the executor did not answer".into()),
        }
    }

    /// Nanoseconds per registry call of `name(args…)`, measured inside the executor,
    /// and the last result shown.
    pub fn call_bench(
        &mut self,
        name: &str,
        args: &[CallArg],
        n: u64,
    ) -> Result<(f64, String), String> {
        match self.request(&Request::CallBench {
            name: name.into(),
            args: args.to_vec(),
            n,
        }) {
            Ok(Response::Bench {
                error: None,
                ns_per_call,
                last,
            }) => Ok((ns_per_call, last)),
            Ok(Response::Bench { error: Some(e), .. }) => Err(e),
            _ => Err("the executor did not answer".into()),
        }
    }

    /// The executor's process id (to stop a running cell from outside).
    pub fn executor_pid(&self) -> Option<u32> {
        self.executor.as_ref().map(|e| e.child.id())
    }

    /// End the session: every global is dropped (once) before the executor exits.
    pub fn shutdown(&mut self) {
        self.executor = None;
    }
}
