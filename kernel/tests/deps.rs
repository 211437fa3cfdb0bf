//! The crates' invariants (ARCHITECTURE.md, one section per crate), checked against
//! cargo's resolved dependency graph: what a crate must never link, even indirectly.
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// crate → what must not be among its normal and build dependencies, transitively.
const NEVER: &[(&str, &[&str])] = &[
    (
        "kayton-executor",
        &[
            "keyton-compiler",
            "tokio",
            "zeromq",
            "rustyline",
            "keyton-host",
            "kayton-env",
        ],
    ),
    (
        "kayton-env",
        &[
            "keyton-compiler",
            "tokio",
            "zeromq",
            "rustyline",
            "keyton-host",
        ],
    ),
    (
        "keyton-host",
        &[
            "tokio",
            "zeromq",
            "rustyline",
            "keyton-jupyter",
            "keyton-dev",
        ],
    ),
    ("keyton-jupyter", &["rustyline", "keyton-dev"]),
    (
        "kik",
        &[
            "tokio",
            "zeromq",
            "rustyline",
            "keyton-jupyter",
            "keyton-host",
            "keyton-compiler",
        ],
    ),
    ("bindgen-kayton", &["keyton-compiler"]),
    ("kayton_api", &["keyton-compiler"]),
];

/// `kayton_api` re-exports the macros only under its `macros` feature (the cell runtime
/// and plugins turn it on; the host does not): the dependency must stay optional.
#[test]
fn kayton_api_reaches_the_macros_only_through_its_feature() {
    let meta = metadata();
    let api = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "kayton_api")
        .expect("kayton_api is in the workspace");
    let macros: Vec<&Value> = api["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == "kayton-macros")
        .collect();
    assert_eq!(macros.len(), 1, "kayton_api lists kayton-macros once");
    assert_eq!(
        macros[0]["optional"], true,
        "kayton_api's kayton-macros is optional"
    );
    assert_eq!(
        api["features"]["macros"],
        serde_json::json!(["dep:kayton-macros"]),
        "the `macros` feature is what turns it on"
    );
}

#[test]
fn crates_never_depend_on_what_their_invariants_exclude() {
    let meta = metadata();
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    // id → ids of its normal and build dependencies (dev dependencies are the tests').
    let mut deps: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for n in meta["resolve"]["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let ds = n["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].as_str() != Some("dev"))
            })
            .map(|d| d["pkg"].as_str().unwrap())
            .collect();
        deps.insert(id, ds);
    }
    let mut wrong = Vec::new();
    for (krate, never) in NEVER {
        let root = name_of
            .iter()
            .find(|(_, n)| *n == krate)
            .map(|(id, _)| *id)
            .unwrap_or_else(|| panic!("{krate} is not in the workspace"));
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            for d in deps.get(id).into_iter().flatten() {
                if seen.insert(d) {
                    stack.push(d);
                }
            }
        }
        for id in seen {
            if never.contains(&name_of[id]) {
                wrong.push(format!("{krate} depends on {}", name_of[id]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `cargo metadata` of the workspace, for this platform's graph (what builds here: the
/// other platforms' packages need not be fetched).
fn metadata() -> Value {
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&host.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            &host,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
