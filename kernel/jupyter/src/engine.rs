//! The engine thread: owns the Keyton session (which is not `Send`) and answers jobs
//! from the async socket loop. What a running cell shows (streams, displays, install
//! progress) and asks (`input()`) comes back to the socket loop as [`Ui`] messages.
//! An interrupt is a SIGINT to the executor, which the cell's loops notice (a
//! `KeyboardInterrupt`, every global kept); a cell still running after [`GRACE`] (stuck
//! in native code) has its executor killed and replaced.
use crate::session::{Outcome, Session};
use keyton_compiler::{BUILTINS, KEYWORDS};
use keyton_host::frontend::{Event, Frontend};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tokio::sync::oneshot;

/// How long an interrupted cell has to stop by itself before its executor is killed.
pub const GRACE: Duration = Duration::from_secs(2);

pub enum Job {
    Execute(String),
    Complete(String, usize),
    Inspect(String, usize),
    Restart,
    Shutdown,
}

pub enum Done {
    Executed(Outcome),
    Completed {
        matches: Vec<String>,
        start: usize,
        end: usize,
        /// Per match: its kind (`function`, `class`, `keyword`, …) and Rust signature.
        types: Vec<(String, String)>,
    },
    /// Text, and Markdown when there is more to show (a rimported item's signature and
    /// documentation).
    Inspected(Option<(String, Option<String>)>),
    Restarted(Result<(), String>),
    Stopped,
}

/// What the engine thread sends the socket loop while a job runs.
pub enum Ui {
    /// A line of rimport install progress.
    Progress(String),
    /// Output of the running cell.
    Event(Event),
    /// `input(prompt)`: the answer goes back on `reply`.
    Input {
        prompt: String,
        password: bool,
        reply: mpsc::Sender<Result<String, String>>,
    },
}

pub type UiSender = tokio::sync::mpsc::UnboundedSender<Ui>;

/// What the interrupt handler knows of the engine thread.
#[derive(Default)]
struct Running {
    /// The executor's process id (0: none).
    pid: AtomicU32,
    /// Counts cells; odd while one runs.
    cell: AtomicU64,
    /// The interrupt killed the executor: the cell's error says so.
    killed: AtomicBool,
    /// The globals before the running cell (lost if its executor is killed).
    globals: Mutex<Vec<String>>,
    /// The session's "the executor runs a cell" flag (`Host::in_cell`).
    in_cell: Mutex<Arc<AtomicBool>>,
}

#[derive(Clone)]
pub struct Engine {
    jobs: mpsc::Sender<(Job, oneshot::Sender<Done>)>,
    running: Arc<Running>,
}

impl Engine {
    /// Start the engine thread with a fresh session; fails if the session cannot start.
    pub fn start(ui: UiSender) -> Result<Engine, String> {
        let (tx, rx) = mpsc::channel::<(Job, oneshot::Sender<Done>)>();
        let running = Arc::new(Running::default());
        let (ready_tx, ready_rx) = mpsc::channel();
        let r = running.clone();
        // The compiler recurses per nesting level (about 22 KB each in a debug build):
        // a main thread's 8 MB, not a spawned thread's default 2 MB.
        let engine = std::thread::Builder::new()
            .name("keyton-engine".into())
            .stack_size(8 << 20);
        let spawned = engine.spawn(move || {
            let mut session = match new_session(&ui) {
                Ok(s) => s,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            let _ = ready_tx.send(Ok(()));
            while let Ok((job, reply)) = rx.recv() {
                let stop = matches!(job, Job::Shutdown);
                let done = handle(&mut session, job, &r, &ui);
                if stop {
                    session.host().shutdown();
                    let _ = reply.send(done);
                    return;
                }
                let _ = reply.send(done);
            }
        });
        spawned.map_err(|e| format!("cannot start the engine thread: {e}"))?;
        ready_rx
            .recv()
            .map_err(|_| "the engine thread died".to_string())??;
        Ok(Engine { jobs: tx, running })
    }

    pub async fn ask(&self, job: Job) -> Done {
        let (tx, rx) = oneshot::channel();
        if self.jobs.send((job, tx)).is_err() {
            return Done::Stopped;
        }
        rx.await.unwrap_or(Done::Stopped)
    }

    /// Stop the running cell: SIGINT to its executor, then, if the same cell still runs
    /// after [`GRACE`], SIGKILL (the executor is replaced; its globals are lost).
    pub fn interrupt(&self) {
        let cell = self.running.cell.load(Ordering::SeqCst);
        let pid = self.running.pid.load(Ordering::SeqCst);
        let in_cell = self.running.in_cell.lock().map(|f| f.clone());
        let Ok(in_cell) = in_cell else { return };
        // Not while the cell is compiled or its crates installed: the executor is idle.
        if cell.is_multiple_of(2) || pid == 0 || !in_cell.load(Ordering::SeqCst) {
            return;
        }
        signal(pid, Signal::Interrupt);
        let running = self.running.clone();
        std::thread::spawn(move || {
            std::thread::sleep(GRACE);
            if running.cell.load(Ordering::SeqCst) == cell
                && running.pid.load(Ordering::SeqCst) == pid
                && in_cell.load(Ordering::SeqCst)
            {
                running.killed.store(true, Ordering::SeqCst);
                signal(pid, Signal::Kill);
            }
        });
    }
}

enum Signal {
    Interrupt,
    Kill,
}

fn signal(pid: u32, sig: Signal) {
    #[cfg(unix)]
    unsafe {
        let s = match sig {
            Signal::Interrupt => libc::SIGINT,
            Signal::Kill => libc::SIGKILL,
        };
        libc::kill(pid as i32, s);
    }
}

/// The kernel as the session's front end: events and `input()` go to the socket loop.
struct KernelFrontend(UiSender);

impl Frontend for KernelFrontend {
    fn event(&mut self, event: Event) {
        let _ = self.0.send(Ui::Event(event));
    }
    fn input(&mut self, prompt: &str, password: bool) -> Result<String, String> {
        let (reply, answer) = mpsc::channel();
        self.0
            .send(Ui::Input {
                prompt: prompt.into(),
                password,
                reply,
            })
            .map_err(|_| "input(): the kernel is shutting down".to_string())?;
        answer
            .recv()
            .unwrap_or_else(|_| Err("input(): the kernel is shutting down".into()))
    }
}

fn new_session(ui: &UiSender) -> Result<Session, String> {
    let mut s = Session::new()?;
    let tx = ui.clone();
    s.set_progress(Box::new(move |m| {
        let _ = tx.send(Ui::Progress(m.to_string()));
    }));
    s.set_frontend(Box::new(KernelFrontend(ui.clone())));
    // Jupyter starts a kernel in its notebook's directory: the lock goes beside it.
    let lock = std::env::current_dir()
        .map_err(|e| format!("cannot tell the working directory: {e}"))?
        .join(keyton_host::lockfile::FILE);
    s.use_lockfile(&lock)?;
    Ok(s)
}

fn handle(session: &mut Session, job: Job, running: &Running, ui: &UiSender) -> Done {
    match job {
        Job::Execute(code) => {
            *running.globals.lock().unwrap_or_else(|e| e.into_inner()) =
                session.compiler().globals().keys().cloned().collect();
            running
                .pid
                .store(session.host().executor_pid().unwrap_or(0), Ordering::SeqCst);
            *running.in_cell.lock().unwrap_or_else(|e| e.into_inner()) = session.host().in_cell();
            running.killed.store(false, Ordering::SeqCst);
            running.cell.fetch_add(1, Ordering::SeqCst);
            let mut out = session.run_cell(&code);
            running.cell.fetch_add(1, Ordering::SeqCst);
            if running.killed.swap(false, Ordering::SeqCst) && out.error.is_some() {
                let mut lost = running
                    .globals
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone();
                lost.sort();
                let lost = if lost.is_empty() {
                    "no globals were lost".to_string()
                } else {
                    format!("lost: {}", lost.join(", "))
                };
                out.error = Some(format!(
                    "KeyboardInterrupt: the cell did not stop within {} s (it was in native code), so its executor was restarted; {lost} (definitions and imports are kept)",
                    GRACE.as_secs()
                ));
            }
            Done::Executed(out)
        }
        Job::Complete(code, pos) => complete(session, &code, pos),
        Job::Inspect(code, pos) => Done::Inspected(inspect(session, &code, pos)),
        Job::Restart => Done::Restarted(new_session(ui).map(|s| *session = s)),
        Job::Shutdown => Done::Stopped,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier around byte `pos` of `code`: (start, end).
fn word_at(code: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(code.len());
    let start = code[..pos]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident(*c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(pos);
    let end = pos
        + code[pos..]
            .chars()
            .take_while(|c| is_ident(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    (start, end)
}

/// Jupyter counts `cursor_pos` in characters (unicode code points); we work in bytes.
pub fn char_to_byte(code: &str, chars: usize) -> usize {
    code.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(code.len())
}

pub fn byte_to_char(code: &str, byte: usize) -> usize {
    code[..byte.min(code.len())].chars().count()
}

fn complete(session: &mut Session, code: &str, pos: usize) -> Done {
    let (start, _) = word_at(code, pos);
    let prefix = &code[start..pos.min(code.len())];
    let before = &code[..start];
    let mut names: Vec<String> = Vec::new();
    // The module path the names belong to (`crate.`), for their signatures.
    let mut module: Option<String> = None;
    let mut member = false;
    if let Some(recv) = before.strip_suffix('.') {
        member = true;
        let (rs, re) = word_at(recv, recv.len());
        let receiver = &recv[rs..re];
        let c = session.compiler();
        if let Some(ty) = c.globals().get(receiver) {
            names = c.members(ty);
        } else if let Some(path) = c.imports().get(receiver) {
            let p = format!("{path}::");
            names = c
                .imports()
                .values()
                .filter_map(|v| v.strip_prefix(&p).map(String::from))
                .collect();
            if let Some(text) = c.describe_item(path) {
                if let Some(ms) = text.lines().find_map(|l| l.strip_prefix("methods: ")) {
                    names.extend(ms.split(", ").map(String::from));
                }
            }
            module = Some(path.clone());
        }
    } else {
        let c = session.compiler();
        names.extend(c.globals().keys().cloned());
        names.extend(c.functions());
        names.extend(c.imports().keys().cloned());
        names.extend(BUILTINS.iter().map(|s| s.to_string()));
        names.extend(KEYWORDS.iter().map(|s| s.to_string()));
    }
    let mut matches: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(prefix) && !n.is_empty())
        .collect();
    matches.sort();
    matches.dedup();
    let c = session.compiler();
    let types = matches
        .iter()
        .map(|m| {
            let kind = if KEYWORDS.contains(&m.as_str()) {
                "keyword"
            } else if c.globals().contains_key(m) && !member {
                "instance"
            } else if let Some(path) = c.imports().get(m).filter(|_| !member) {
                return ("module".to_string(), path.replace("::", "."));
            } else {
                "function"
            };
            let sig = if member {
                c.signature_of(module.as_deref(), m).unwrap_or_default()
            } else {
                c.function_signature(m).unwrap_or_default()
            };
            (kind.to_string(), sig)
        })
        .collect();
    Done::Completed {
        matches,
        start,
        end: pos.min(code.len()),
        types,
    }
}

fn inspect(session: &mut Session, code: &str, pos: usize) -> Option<(String, Option<String>)> {
    let (s, e) = word_at(code, pos);
    let word = &code[s..e];
    if word.is_empty() {
        return None;
    }
    if session.compiler().globals().contains_key(word) {
        let vars = session.vars();
        let (_, ty, value) = vars.into_iter().find(|v| v.0 == word)?;
        return Some((format!("{word}: {ty} = {value}"), None));
    }
    let c = session.compiler();
    if let Some(sig) = c.function_signature(word) {
        return Some((sig, None));
    }
    if let Some(path) = c.imports().get(word) {
        return Some((c.describe_item(path)?, c.describe_markdown(path)));
    }
    // `x.method`: the method of the rimported types that have one by that name.
    if code[..s].ends_with('.') {
        if let Some(md) = c.describe_method(word) {
            return Some((md.clone(), Some(md)));
        }
    }
    if BUILTINS.contains(&word) {
        return Some((format!("{word}(…): a Keyton builtin"), None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_positions() {
        assert_eq!(word_at("print(pri", 9), (6, 9));
        assert_eq!(word_at("xs.app", 6), (3, 6));
        assert_eq!(word_at("a + b", 2), (2, 2));
        let s = "é = 1";
        assert_eq!(char_to_byte(s, 1), 2);
        assert_eq!(byte_to_char(s, 2), 1);
    }
}
