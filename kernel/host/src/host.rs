//! The front end's side of a session's native code: builds cell libraries and runs them
//! in an executor child process, restarting it when it dies.
use crate::builder::{BuildFailure, CellBuilder, ExternLib};
use crate::protocol::{CallArg, KindStat, Request, Response};
use crate::runtime::Runtime;
use crate::toolchain::Toolchain;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

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

    /// Send one request; `Err` means the executor is gone (with how it ended).
    fn request(&mut self, req: &Request) -> Result<Response, String> {
        let line = serde_json::to_string(req).expect("requests serialize");
        let sent = writeln!(self.stdin, "{line}").and_then(|_| self.stdin.flush());
        let mut answer = String::new();
        let read = if sent.is_ok() {
            self.stdout.read_line(&mut answer)
        } else {
            Ok(0)
        };
        match read {
            Ok(n) if n > 0 => {
                serde_json::from_str(&answer).map_err(|e| format!("garbled executor reply: {e}"))
            }
            _ => Err(self.how_it_ended()),
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
        let _ = self.request(&Request::Shutdown);
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
                if let Ok(Response::Loaded { error: Some(e) }) = ex.request(&Request::LoadPlugin {
                    lib: p.display().to_string(),
                    registrars: registrars.clone(),
                }) {
                    return Err(e);
                }
            }
            self.executor = Some(ex);
        }
        Ok(self.executor.as_mut().unwrap())
    }

    fn request(&mut self, req: &Request) -> Result<Response, CellError> {
        let ex = self.executor().map_err(CellError::Runtime)?;
        match ex.request(req) {
            Ok(r) => Ok(r),
            Err(how) => {
                self.executor = None;
                Err(CellError::Crashed(format!(
                    "the executor crashed ({how}): session variables were lost; definitions and imports are kept"
                )))
            }
        }
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
        match self.request(&Request::Run {
            lib: lib.display().to_string(),
        }) {
            Ok(Response::Cell {
                stdout,
                stderr,
                result,
                error,
            }) => CellRun {
                stdout,
                stderr,
                result,
                error: error.map(CellError::Runtime),
            },
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
        }
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
