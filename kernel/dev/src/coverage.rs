//! The coverage table of `keyton conformance --coverage-table FILE`: for each crate the
//! sessions rimport, its public functions and methods, how many bindgen bound (from the
//! install's record), and whether the session that uses it passes. Run over
//! `conformance/crates/` (one session per crate, what its docs show first) it is the
//! corpus table of ARCHITECTURE.md.
use crate::conformance::Bound;

pub struct Row {
    pub bound: Bound,
    /// The session file.
    pub session: String,
    /// `passes`, `fails` or `known gap`.
    pub outcome: &'static str,
}

/// A markdown table, one row per crate (its last session: the test command runs
/// `conformance/crates/` last), sorted by crate, and a total row.
pub fn table(rows: &[Row]) -> String {
    let mut last = std::collections::BTreeMap::new();
    for r in rows {
        last.insert((r.bound.krate.clone(), r.bound.version.clone()), r);
    }
    let rows: Vec<&Row> = last.into_values().collect();
    let mut t = String::from(
        "| crate | found | bound | % | session | session passes |\n|---|---|---|---|---|---|\n",
    );
    for r in &rows {
        let b = &r.bound;
        t.push_str(&format!(
            "| {} {} | {} | {} | {} | {} | {} |\n",
            b.krate,
            b.version,
            b.found,
            b.bound,
            percent(b.bound, b.found),
            r.session,
            r.outcome
        ));
    }
    let found: usize = rows.iter().map(|r| r.bound.found).sum();
    let bound: usize = rows.iter().map(|r| r.bound.bound).sum();
    let passing = rows.iter().filter(|r| r.outcome == "passes").count();
    t.push_str(&format!(
        "| **{} crates** | {found} | {bound} | {} | | {passing} of {} ({}) |\n",
        rows.len(),
        percent(bound, found),
        rows.len(),
        percent(passing, rows.len())
    ));
    t
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}", 100.0 * part as f64 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(k: &str, found: usize, bound: usize, outcome: &'static str) -> Row {
        Row {
            bound: Bound {
                krate: k.into(),
                version: "1.0.0".into(),
                found,
                bound,
            },
            session: format!("{k}.ky"),
            outcome,
        }
    }

    #[test]
    fn one_row_per_crate_and_a_total() {
        let t = table(&[
            row("hex", 10, 9, "fails"),
            row("hex", 10, 9, "passes"),
            row("toml", 0, 0, "known gap"),
        ]);
        assert!(
            t.contains("| hex 1.0.0 | 10 | 9 | 90.0 | hex.ky | passes |"),
            "{t}"
        );
        assert!(
            t.contains("| toml 1.0.0 | 0 | 0 | - | toml.ky | known gap |"),
            "{t}"
        );
        assert!(
            t.contains("| **2 crates** | 10 | 9 | 90.0 | | 1 of 2 (50.0) |"),
            "{t}"
        );
    }
}
