//! The interactive REPL: line editing and history (rustyline), multi-line entry while a
//! block or a bracket is open, and `:help`, `:vars`, `:stats`, `:quit`.
use crate::run::print_outcome;
use crate::runtime::kayton_home;
use crate::session::Session;
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

const HELP: &str = "Keyton REPL. Enter code; a line ending in `:` or with open brackets continues.\n\
End a block with an empty line.\n  :vars   session globals with their types and values\n  \
:stats  template instantiation cache hits/misses\n  :help   this text\n  :quit   leave (also Ctrl-D)";

pub fn run() -> Result<(), String> {
    let mut session = Session::new()?;
    session.set_frontend(Box::new(keyton_host::frontend::Terminal));
    session.use_lockfile(std::path::Path::new(keyton_host::lockfile::FILE))?;
    let install = InstallBar::default();
    if std::io::stderr().is_terminal() {
        session.set_progress(install.hook());
    }
    // Ctrl-C while a cell runs reaches the executor too (one process group): its loops
    // raise `KeyboardInterrupt`. This process must outlive it, so it ignores the signal
    // (with a handler, not SIG_IGN, which rustc and the executor would inherit).
    ignore_sigint();
    let mut rl = DefaultEditor::new().map_err(|e| format!("cannot start the line editor: {e}"))?;
    let history = kayton_home().join("history.txt");
    let _ = rl.load_history(&history);
    println!("Keyton {} — :help for help", env!("CARGO_PKG_VERSION"));
    loop {
        let mut src = String::new();
        let mut prompt = ">>> ".to_string();
        loop {
            match rl.readline(&prompt) {
                Ok(line) => {
                    src.push_str(&line);
                    src.push('\n');
                }
                Err(ReadlineError::Interrupted) => {
                    src.clear();
                    break;
                }
                Err(_) => {
                    let _ = std::fs::create_dir_all(kayton_home());
                    let _ = rl.save_history(&history);
                    return Ok(());
                }
            }
            match keyton_compiler::completeness(&src) {
                Ok(Some(indent)) => prompt = format!("... {indent}"),
                _ => break,
            }
        }
        let entry = src.trim();
        if entry.is_empty() {
            continue;
        }
        let _ = rl.add_history_entry(entry);
        match entry {
            ":quit" | ":q" | ":exit" => break,
            ":help" => println!("{HELP}"),
            ":stats" => {
                let s = session.stats();
                println!("instantiation cache: {} hits, {} misses", s.hits, s.misses);
            }
            ":vars" => {
                for (n, t, v) in session.vars() {
                    println!("{n}: {t} = {v}");
                }
            }
            cmd if cmd.starts_with(':') => println!("unknown command {cmd}; :help lists them"),
            _ => {
                let out = session.run_cell(&src);
                install.finish();
                print_outcome(&out)
            }
        }
    }
    let _ = std::fs::create_dir_all(kayton_home());
    let _ = rl.save_history(&history);
    Ok(())
}

#[cfg(unix)]
fn ignore_sigint() {
    extern "C" fn nothing(_: libc::c_int) {}
    unsafe {
        libc::signal(libc::SIGINT, nothing as extern "C" fn(libc::c_int) as usize);
    }
}

#[cfg(not(unix))]
fn ignore_sigint() {}

/// An install a cell's rimport starts shows as one spinner line (step, elapsed time),
/// left as one summary line when the cell ends.
#[derive(Default, Clone)]
struct InstallBar(Arc<Mutex<Option<(indicatif::ProgressBar, String)>>>);

impl InstallBar {
    fn hook(&self) -> Box<dyn FnMut(&str) + Send> {
        let shared = self.0.clone();
        Box::new(move |m: &str| {
            let mut g = shared.lock().unwrap_or_else(|e| e.into_inner());
            let (bar, last) = g.get_or_insert_with(|| {
                let bar = indicatif::ProgressBar::new_spinner();
                let style =
                    indicatif::ProgressStyle::with_template("{spinner} rimport: {msg} [{elapsed}]")
                        .expect("a valid template");
                bar.set_style(style);
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
                (bar, String::new())
            });
            bar.set_message(m.to_string());
            *last = m.to_string();
        })
    }

    fn finish(&self) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((bar, last)) = g.take() {
            let secs = bar.elapsed().as_secs_f64();
            bar.finish_and_clear();
            eprintln!("rimport: {last} ({secs:.1} s)");
        }
    }
}
