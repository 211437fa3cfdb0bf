//! The interactive REPL: line editing and history (rustyline), multi-line entry while a
//! block or a bracket is open, and `:help`, `:vars`, `:stats`, `:quit`.
use crate::run::print_outcome;
use crate::runtime::kayton_home;
use crate::session::Session;
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

const HELP: &str = "Keyton REPL. Enter code; a line ending in `:` or with open brackets continues.\n\
End a block with an empty line.\n  :vars   session globals with their types and values\n  \
:stats  template instantiation cache hits/misses\n  :help   this text\n  :quit   leave (also Ctrl-D)";

pub fn run() -> Result<(), String> {
    let mut session = Session::new()?;
    session.set_frontend(Box::new(keyton_host::frontend::Terminal));
    session.use_lockfile(std::path::Path::new(keyton_host::lockfile::FILE))?;
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
            _ => print_outcome(&session.run_cell(&src)),
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
