//! `keyton run FILE.ky`: the file is one session; its `# %%` lines separate cells.
use crate::cells::split;
use crate::session::{Outcome, Session};
use std::path::Path;

/// Print a cell's outcome the way the REPL does: stdout, then the result, errors on stderr.
pub fn print_outcome(out: &Outcome) {
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    if let Some(r) = &out.result {
        println!("{r}");
    }
    if let Some(e) = &out.error {
        eprintln!("{e}");
    }
}

/// Returns the number of cells that failed.
pub fn run_file(path: &Path, stats: bool) -> Result<usize, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = split(&text);
    let mut session = Session::new()?;
    // Output shows as the file runs; `input()` reads this process's stdin.
    session.set_frontend(Box::new(keyton_host::frontend::Terminal));
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    session.use_lockfile(
        &dir.unwrap_or(Path::new("."))
            .join(keyton_host::lockfile::FILE),
    )?;
    let mut failed = 0;
    for cell in &file.cells {
        // Leading newlines make every line number (diagnostics, run-time errors) the
        // file's own.
        let src = format!("{}{}", "\n".repeat(cell.first_line - 1), cell.code);
        let out = session.run_cell_as(&path.display().to_string(), &src);
        failed += out.error.is_some() as usize;
        print_outcome(&out);
    }
    if stats {
        let s = session.stats();
        eprintln!("instantiation cache: {} hits, {} misses", s.hits, s.misses);
    }
    Ok(failed)
}
