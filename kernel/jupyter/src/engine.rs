//! The engine thread: owns the Keyton session (which is not `Send`) and answers jobs
//! from the async socket loop. A running cell can be stopped from outside by killing
//! the executor process, whose id is published here.
use crate::session::{Outcome, Session};
use keyton_compiler::{BUILTINS, KEYWORDS};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{mpsc, Arc};
use tokio::sync::oneshot;

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
    },
    Inspected(Option<String>),
    Restarted(Result<(), String>),
    Stopped,
}

#[derive(Clone)]
pub struct Engine {
    jobs: mpsc::Sender<(Job, oneshot::Sender<Done>)>,
    pid: Arc<AtomicU32>,
    interrupted: Arc<AtomicBool>,
}

impl Engine {
    /// Start the engine thread with a fresh session; fails if the session cannot start.
    /// Install progress of an automatic rimport is sent to `progress`, line by line.
    pub fn start(progress: Progress) -> Result<Engine, String> {
        let (tx, rx) = mpsc::channel::<(Job, oneshot::Sender<Done>)>();
        let pid = Arc::new(AtomicU32::new(0));
        let interrupted = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = mpsc::channel();
        let (p, i) = (pid.clone(), interrupted.clone());
        std::thread::spawn(move || {
            let mut session = match new_session(&progress) {
                Ok(s) => s,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            let _ = ready_tx.send(Ok(()));
            while let Ok((job, reply)) = rx.recv() {
                p.store(session.host().executor_pid().unwrap_or(0), Ordering::SeqCst);
                let stop = matches!(job, Job::Shutdown);
                let done = handle(&mut session, job, &i, &progress);
                p.store(session.host().executor_pid().unwrap_or(0), Ordering::SeqCst);
                if stop {
                    session.host().shutdown();
                    let _ = reply.send(done);
                    return;
                }
                let _ = reply.send(done);
            }
        });
        ready_rx
            .recv()
            .map_err(|_| "the engine thread died".to_string())??;
        Ok(Engine {
            jobs: tx,
            pid,
            interrupted,
        })
    }

    pub async fn ask(&self, job: Job) -> Done {
        let (tx, rx) = oneshot::channel();
        if self.jobs.send((job, tx)).is_err() {
            return Done::Stopped;
        }
        rx.await.unwrap_or(Done::Stopped)
    }

    /// Stop the running cell: the executor is killed and replaced; globals are lost.
    pub fn interrupt(&self) {
        let pid = self.pid.load(Ordering::SeqCst);
        if pid != 0 {
            self.interrupted.store(true, Ordering::SeqCst);
            #[cfg(unix)]
            unsafe {
                libc::kill(pid as i32, libc::SIGKILL);
            }
        }
    }
}

pub type Progress = tokio::sync::mpsc::UnboundedSender<String>;

fn new_session(progress: &Progress) -> Result<Session, String> {
    let mut s = Session::new()?;
    let tx = progress.clone();
    s.set_progress(Box::new(move |m| {
        let _ = tx.send(format!("rimport: {m}\n"));
    }));
    Ok(s)
}

fn handle(session: &mut Session, job: Job, interrupted: &AtomicBool, progress: &Progress) -> Done {
    match job {
        Job::Execute(code) => {
            interrupted.store(false, Ordering::SeqCst);
            let mut out = session.run_cell(&code);
            if interrupted.swap(false, Ordering::SeqCst) && out.error.is_some() {
                out.error = Some("KeyboardInterrupt: the cell was stopped; session variables were lost, definitions and imports are kept".into());
            }
            Done::Executed(out)
        }
        Job::Complete(code, pos) => complete(session, &code, pos),
        Job::Inspect(code, pos) => Done::Inspected(inspect(session, &code, pos)),
        Job::Restart => Done::Restarted(new_session(progress).map(|s| *session = s)),
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
    if let Some(recv) = before.strip_suffix('.') {
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
    Done::Completed {
        matches,
        start,
        end: pos.min(code.len()),
    }
}

fn inspect(session: &mut Session, code: &str, pos: usize) -> Option<String> {
    let (s, e) = word_at(code, pos);
    let word = &code[s..e];
    if word.is_empty() {
        return None;
    }
    if session.compiler().globals().contains_key(word) {
        let vars = session.vars();
        let (_, ty, value) = vars.into_iter().find(|v| v.0 == word)?;
        return Some(format!("{word}: {ty} = {value}"));
    }
    let c = session.compiler();
    if let Some(sig) = c.function_signature(word) {
        return Some(sig);
    }
    if let Some(path) = c.imports().get(word) {
        return c.describe_item(path);
    }
    if BUILTINS.contains(&word) {
        return Some(format!("{word}(…): a Keyton builtin"));
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
