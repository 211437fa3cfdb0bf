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
        error: Option<String>,
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
