//! Where a running cell's output goes while it runs, and who answers its `input()`.
//! A front end that shows output live (Jupyter, the REPL, `keyton run`) installs a
//! [`Frontend`]; without one (the conformance runner, tests) the events are folded
//! into the cell's captured text in the order they happened.
pub use crate::protocol::Event;

pub trait Frontend: Send {
    /// A `Stream`, `Display` or `Clear` event, as it happens.
    fn event(&mut self, event: Event);
    /// The line for `input(prompt)`, or why there is none.
    fn input(&mut self, prompt: &str, password: bool) -> Result<String, String>;
}

/// Why `input()` fails where no front end reads lines.
pub const NO_STDIN: &str =
    "input(): this front end has no stdin to read from (a notebook with stdin, the REPL or `keyton run` has one)";

/// The text form of events for a front end without rich display: a display shows its
/// `text/plain` on a line of its own.
pub fn fold(event: &Event, stdout: &mut String, stderr: &mut String) {
    match event {
        Event::Stream { name, text } if name == "stderr" => stderr.push_str(text),
        Event::Stream { text, .. } => stdout.push_str(text),
        Event::Display { data, .. } => {
            if let Some((_, t)) = data.iter().find(|(m, _)| m == "text/plain") {
                stdout.push_str(t);
                stdout.push('\n');
            }
        }
        Event::Clear { .. } | Event::Input { .. } => {}
    }
}

/// A terminal front end (the REPL, `keyton run`): output printed as it comes, rich
/// values as text; `input()` reads a line of this process's stdin.
pub struct Terminal;

impl Frontend for Terminal {
    fn event(&mut self, event: Event) {
        use std::io::Write;
        let (mut out, mut err) = (String::new(), String::new());
        fold(&event, &mut out, &mut err);
        print!("{out}");
        eprint!("{err}");
        let _ = std::io::stdout().flush();
    }
    fn input(&mut self, prompt: &str, _password: bool) -> Result<String, String> {
        use std::io::{BufRead, Write};
        print!("{prompt}");
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) => Err("EOFError: input(): stdin is at its end".into()),
            Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
            Err(e) => Err(format!("input(): cannot read stdin: {e}")),
        }
    }
}
