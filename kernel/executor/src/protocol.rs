//! Messages between a front end and its executor process: one JSON object per line.
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// Load a cell library and run its entry point.
    Run { lib: String },
    /// Load a plugin library: ABI/fingerprint check, add it to the providers, register.
    /// Load a plugin library, then call its registrars (named by its embedded manifest).
    LoadPlugin {
        lib: String,
        #[serde(default)]
        registrars: Vec<String>,
    },
    /// The session's globals: (name, type, shown value).
    Vars,
    /// Per-kind counts of live and dropped dynamic values.
    Kinds,
    /// Call a registry function by name `n` times (benchmarks).
    CallBench {
        name: String,
        args: Vec<CallArg>,
        n: u64,
    },
    /// Call a registry function by name once: its result shown, or its error.
    Call { name: String, args: Vec<CallArg> },
    /// Drop every global and exit.
    Shutdown,
    /// The answer to `Event::Input` (the only request read while a cell runs): the line,
    /// or why the front end cannot give one.
    InputReply { line: Result<String, String> },
}

/// What a running cell sends before its `Response::Cell`, in the order it happened.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Event {
    /// Text the cell printed (`stdout` or `stderr`) since the last event.
    Stream { name: String, text: String },
    /// Rich output: MIME type → content; `id` names a display to update later.
    Display {
        data: Vec<(String, String)>,
        id: Option<String>,
        update: bool,
    },
    /// `clear_output(wait)`.
    Clear { wait: bool },
    /// `input(prompt)`: the executor waits for `Request::InputReply`.
    Input { prompt: String, password: bool },
}

/// An argument of a registry call made from the front end.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum CallArg {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    /// The value of a session global (borrowed: a dynamic value stays in the VM).
    Global(String),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KindStat {
    pub name: String,
    pub live: u64,
    pub dropped: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub enum Response {
    Cell {
        stdout: String,
        #[serde(default)]
        stderr: String,
        result: Option<String>,
        /// The result's MIME bundle when it is rich (its `text/plain` is `result`).
        #[serde(default)]
        result_data: Option<Vec<(String, String)>>,
        error: Option<String>,
    },
    /// Sent while a request runs, before its own response.
    Event {
        event: Event,
    },
    Loaded {
        error: Option<String>,
    },
    Vars {
        vars: Vec<(String, String, String)>,
    },
    Kinds {
        kinds: Vec<KindStat>,
    },
    Bench {
        ns_per_call: f64,
        /// The last call's result, shown.
        last: String,
        error: Option<String>,
    },
    Called {
        result: Result<String, String>,
    },
    Bye,
}
