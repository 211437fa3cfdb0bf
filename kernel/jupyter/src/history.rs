//! The kernel's input history for `history_request`: tail, range and search (glob
//! patterns, `unique`, `n`), with outputs when asked. One kernel is one session (numbered
//! 1); lines are the execution counts of cells run with `store_history`.
use serde_json::{json, Value};

pub const SESSION: u64 = 1;

#[derive(Default)]
pub struct History {
    /// (line = execution count, input, output text if the cell had a result)
    entries: Vec<(u64, String, Option<String>)>,
}

impl History {
    pub fn record(&mut self, line: u64, input: &str, output: Option<&str>) {
        self.entries
            .push((line, input.to_string(), output.map(str::to_string)));
    }

    /// The `history` list of a `history_reply` for the request's `content`.
    pub fn query(&self, content: &Value) -> Vec<Value> {
        let n = content["n"].as_u64().map(|n| n as usize);
        let picked: Vec<&(u64, String, Option<String>)> =
            match content["hist_access_type"].as_str().unwrap_or("tail") {
                "range" => {
                    let session = content["session"].as_i64().unwrap_or(0);
                    // 0 and negative sessions are relative to the current one.
                    if session > 0 && session as u64 != SESSION {
                        return Vec::new();
                    }
                    let start = content["start"].as_u64().unwrap_or(0);
                    let stop = content["stop"].as_u64();
                    self.entries
                        .iter()
                        .filter(|e| e.0 >= start && stop.is_none_or(|s| e.0 < s))
                        .collect()
                }
                "search" => {
                    let pattern = content["pattern"].as_str().unwrap_or("*");
                    let mut hits: Vec<_> = self
                        .entries
                        .iter()
                        .filter(|e| glob(pattern, &e.1))
                        .collect();
                    if content["unique"].as_bool().unwrap_or(false) {
                        // Keep the latest of each input.
                        let mut seen = std::collections::HashSet::new();
                        hits.reverse();
                        hits.retain(|e| seen.insert(e.1.as_str()));
                        hits.reverse();
                    }
                    last(hits, n)
                }
                _ => last(self.entries.iter().collect(), n.or(Some(10))),
            };
        let output = content["output"].as_bool().unwrap_or(false);
        picked
            .into_iter()
            .map(|(line, input, out)| {
                if output {
                    json!([SESSION, line, [input, out]])
                } else {
                    json!([SESSION, line, input])
                }
            })
            .collect()
    }
}

fn last<T>(mut v: Vec<T>, n: Option<usize>) -> Vec<T> {
    if let Some(n) = n {
        let cut = v.len().saturating_sub(n);
        v.drain(..cut);
    }
    v
}

/// Shell-style glob: `*` any run, `?` any one character (what IPython's search takes).
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> History {
        let mut h = History::default();
        h.record(1, "6 * 7", Some("42"));
        h.record(2, "x = 1", None);
        h.record(3, "6 * 7", Some("42"));
        h
    }

    #[test]
    fn tail_range_and_search() {
        let h = sample();
        assert_eq!(
            h.query(&json!({"hist_access_type": "tail", "n": 2})),
            vec![json!([1, 2, "x = 1"]), json!([1, 3, "6 * 7"])]
        );
        assert_eq!(
            h.query(&json!({"hist_access_type": "range", "session": 1, "start": 2, "stop": 3})),
            vec![json!([1, 2, "x = 1"])]
        );
        assert!(h
            .query(&json!({"hist_access_type": "range", "session": 7, "start": 1}))
            .is_empty());
        let found = h.query(&json!({"hist_access_type": "search", "pattern": "6*"}));
        assert_eq!(found.len(), 2);
        let unique =
            h.query(&json!({"hist_access_type": "search", "pattern": "6*", "unique": true}));
        assert_eq!(unique, vec![json!([1, 3, "6 * 7"])]);
        let with_out = h.query(&json!({"hist_access_type": "tail", "n": 1, "output": true}));
        assert_eq!(with_out, vec![json!([1, 3, ["6 * 7", "42"]])]);
    }

    #[test]
    fn globs() {
        assert!(glob("6*", "6 * 7"));
        assert!(glob("*=*", "x = 1"));
        assert!(glob("?", "a"));
        assert!(!glob("x*", "6 * 7"));
        assert!(glob("*", ""));
        assert!(glob("6 *", "6 * 7"));
    }
}
