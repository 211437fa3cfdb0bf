//! The executor: a child process that owns the VM and runs loaded code, so that an
//! abort or a segfault in a cell or plugin kills only it, never the front end.
use crate::protocol::{KindStat, Request, Response};
use crate::providers::{ChainedProvider, DynamicProvider, StaticProvider};
use crate::vm::{CellReport, Vm, API};
use kayton_api::{KStr, KaytonContext, ABI_VERSION};
use libloading::Library;
use std::ffi::c_void;
use std::sync::Arc;

mod calls;

/// Entry point of `keyton __executor`. Returns the process exit code.
pub fn main() -> i32 {
    let proto = match protocol_stdout() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("executor: {e}");
            return 2;
        }
    };
    let mut chain = ChainedProvider::new(ABI_VERSION);
    chain
        .set_builtins(Box::new(StaticProvider::builtins()))
        .expect("built-ins match the host ABI");
    let mut ex = Executor {
        vm: Box::new(Vm::new(chain)),
        libs: Vec::new(),
    };
    crate::wire::init(proto);
    while let Some(req) = crate::wire::next_request() {
        let shutdown = matches!(req, Request::Shutdown);
        let resp = ex.handle(req);
        if !crate::wire::send(&resp) || shutdown {
            break;
        }
    }
    0
}

/// Keep the real stdout for the protocol and send fd 1 to stderr, so that a stray
/// `println!` in plugin code can never corrupt a response.
#[cfg(unix)]
fn protocol_stdout() -> Result<std::fs::File, String> {
    use std::os::fd::FromRawFd;
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 || libc::dup2(2, 1) < 0 {
            return Err("cannot set up the protocol pipe".into());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(unix))]
fn protocol_stdout() -> Result<std::fs::File, String> {
    Err("the executor process needs a Unix host for now".into())
}

/// The libraries of a session that has shut down, for the rest of the process's life.
static KEPT: std::sync::Mutex<Vec<Arc<Library>>> = std::sync::Mutex::new(Vec::new());

struct Executor {
    vm: Box<Vm>,
    /// Never unloaded: kinds' drop fns and registered thunks point into them.
    libs: Vec<Arc<Library>>,
}

impl Executor {
    fn ctx(&mut self) -> KaytonContext {
        KaytonContext {
            host_data: (&mut *self.vm as *mut Vm).cast::<c_void>(),
            api: &API,
        }
    }

    fn handle(&mut self, req: Request) -> Response {
        match req {
            Request::Run { lib } => self.run(&lib),
            Request::LoadPlugin { lib, registrars } => Response::Loaded {
                error: self.load_plugin(&lib, &registrars).err(),
            },
            Request::Vars => Response::Vars {
                vars: self.vm.describe_globals(),
            },
            Request::Call { name, args } => Response::Called {
                result: self.call(&name, &args, 1).map(|(_, shown)| shown),
            },
            Request::Kinds => Response::Kinds {
                kinds: self
                    .vm
                    .kinds()
                    .iter()
                    .map(|k| KindStat {
                        name: k.name.clone(),
                        live: k.live,
                        dropped: k.dropped,
                    })
                    .collect(),
            },
            Request::CallBench { name, args, n } => match self.call(&name, &args, n) {
                Ok((ns, last)) => Response::Bench {
                    ns_per_call: ns,
                    last,
                    error: None,
                },
                Err(e) => Response::Bench {
                    ns_per_call: 0.0,
                    last: String::new(),
                    error: Some(e),
                },
            },
            Request::InputReply { .. } => Response::Called {
                result: Err("no input() is waiting for a line".into()),
            },
            Request::Shutdown => {
                // Drop the VM (and with it every global) while the libraries are loaded.
                let vm = std::mem::replace(
                    &mut self.vm,
                    Box::new(Vm::new(ChainedProvider::new(ABI_VERSION))),
                );
                drop(vm);
                // Never unloaded, even now (a TLS destructor may point into one): kept
                // where the process can still reach them, not leaked.
                KEPT.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .append(&mut self.libs);
                Response::Bye
            }
        }
    }

    fn run(&mut self, path: &str) -> Response {
        let lib = match load_checked(path) {
            Ok(l) => l,
            Err(e) => {
                return Response::Cell {
                    stdout: String::new(),
                    stderr: String::new(),
                    result: None,
                    result_data: None,
                    error: Some(e),
                }
            }
        };
        let main = unsafe {
            lib.get::<unsafe extern "C" fn(*const KaytonContext) -> i32>(
                kayton_api::SYM_CELL_MAIN.as_bytes(),
            )
        };
        let main = match main {
            Ok(m) => *m,
            Err(_) => {
                return Response::Cell {
                    stdout: String::new(),
                    stderr: String::new(),
                    result: None,
                    result_data: None,
                    error: Some(format!(
                        "{path} has no `{}`: not a Keyton cell",
                        kayton_api::SYM_CELL_MAIN
                    )),
                }
            }
        };
        self.libs.push(lib);
        self.vm.report = CellReport::default();
        crate::wire::clear_interrupt();
        let ctx = self.ctx();
        let rc = unsafe { main(&ctx) };
        let mut report = std::mem::take(&mut self.vm.report);
        if rc != 0 && report.error.is_none() {
            report.error = Some("the cell failed without a message".into());
        }
        Response::Cell {
            stdout: report.stdout,
            stderr: report.stderr,
            result: report.result,
            result_data: report.result_data,
            error: report.error,
        }
    }

    /// Load a plugin, then register what it exports: `kayton_plugin_register` if it has
    /// one, then each registrar its embedded manifest names (kinds first).
    fn load_plugin(&mut self, path: &str, registrars: &[String]) -> Result<(), String> {
        type Register = unsafe extern "C" fn(*const KaytonContext) -> i32;
        let lib = load_checked(path)?;
        let provider = DynamicProvider::new(path.to_owned(), lib.clone())?;
        self.vm.providers.add_plugin(Box::new(provider))?;
        let mut calls: Vec<(String, Register)> = Vec::new();
        let whole = kayton_api::SYM_PLUGIN_REGISTER;
        if let Ok(s) = unsafe { lib.get::<Register>(whole.as_bytes()) } {
            calls.push((whole.to_string(), *s));
        }
        for r in registrars {
            let s = unsafe { lib.get::<Register>(r.as_bytes()) }.map_err(|_| {
                format!(
                    "{path} does not export `{r}`, which its manifest names: rebuild the plugin"
                )
            })?;
            calls.push((r.clone(), *s));
        }
        self.libs.push(lib);
        for (name, register) in calls {
            self.vm.report = CellReport::default();
            let ctx = self.ctx();
            if unsafe { register(&ctx) } != 0 {
                let e = std::mem::take(&mut self.vm.report)
                    .error
                    .unwrap_or_else(|| "it failed without a message".into());
                return Err(format!("registering {path} failed in `{name}`: {e}"));
            }
        }
        Ok(())
    }
}

/// Load a library and check that it speaks this host's ABI and was built by the same
/// toolchain; refuse it otherwise, saying what to rebuild.
fn load_checked(path: &str) -> Result<Arc<Library>, String> {
    let lib = unsafe { Library::new(path) }.map_err(|e| format!("cannot load {path}: {e}"))?;
    unsafe {
        let abi = lib
            .get::<extern "C" fn() -> u32>(kayton_api::SYM_ABI_VERSION.as_bytes())
            .map_err(|_| {
                format!(
                    "{path} does not export `{}`: not a Keyton library",
                    kayton_api::SYM_ABI_VERSION
                )
            })?;
        if let Err((rm, rn, pm, pn)) = kayton_api::abi_compatible(ABI_VERSION, abi()) {
            return Err(format!(
                "refusing to load {path}: it was built for Keyton ABI {pm}.{pn}, this host requires {rm}.{rn}\n\
                 help: rebuild it against this host's kayton_api"
            ));
        }
        let fp = lib
            .get::<extern "C" fn() -> KStr>(kayton_api::SYM_FINGERPRINT.as_bytes())
            .map_err(|_| {
                format!(
                    "{path} does not export `{}`: not a Keyton library",
                    kayton_api::SYM_FINGERPRINT
                )
            })?;
        let theirs = fp().as_str().to_owned();
        let ours = kayton_api::fingerprint();
        if theirs != ours {
            return Err(format!(
                "refusing to load {path}: its build fingerprint differs from this host's\n  library: {theirs}\n  host:    {ours}\n\
                 help: rebuild it with this host's toolchain and kayton_api: a cell is rebuilt when you re-run it; \
                 rebuild a plugin with `keyton plugin-build`"
            ));
        }
    }
    Ok(Arc::new(lib))
}
