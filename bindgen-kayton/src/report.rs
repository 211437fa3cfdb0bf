//! The coverage report of one generated plugin: public functions and methods found,
//! bound, skipped (rustdoc showed why before emitting) and pruned (rustc said why), by
//! reason — as text for people and JSON for tools.
use crate::emit::{fn_key, is_generic, method_key, shape_key, type_key, Api, Key};
use keyton_compiler::manifest::assemble::SHAPES;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub krate: String,
    pub version: String,
    /// Public functions and methods rustdoc shows.
    pub found: usize,
    pub bound: usize,
    pub skipped: BTreeMap<String, usize>,
    pub pruned: BTreeMap<String, usize>,
    /// Instantiations dropped from generic items that kept at least one.
    pub shapes_pruned: usize,
    pub shapes_bound: usize,
    /// Each pruned item with rustc's first error (for the curious reviewer).
    pub pruned_items: BTreeMap<Key, String>,
}

impl Report {
    pub fn new(api: &Api, pruned: &BTreeMap<Key, (String, String)>, version: &str) -> Report {
        let m = &api.manifest;
        let mut r = Report {
            krate: m.krate.clone(),
            version: version.to_string(),
            found: 0,
            bound: 0,
            skipped: BTreeMap::new(),
            pruned: BTreeMap::new(),
            shapes_pruned: 0,
            shapes_bound: 0,
            pruned_items: BTreeMap::new(),
        };
        for (why, n) in &api.coverage.skipped {
            // Fields and consts are not functions; they are reported by bindgen's manifest.
            if !why.starts_with("field:") && !why.starts_with("const:") {
                r.skipped.insert(why.clone(), *n);
                r.found += n;
            }
        }
        let mut candidates: Vec<(Option<Key>, Key, &keyton_compiler::manifest::FnSig)> = Vec::new();
        for f in &m.functions {
            candidates.push((None, fn_key(&f.name), f));
        }
        for t in &m.types {
            let mut seen = BTreeSet::new();
            for f in &t.methods {
                if seen.insert(f.name.clone()) {
                    candidates.push((Some(type_key(&t.path)), method_key(&t.path, &f.name), f));
                }
            }
        }
        for (owner, key, f) in candidates {
            r.found += 1;
            let why = owner
                .as_ref()
                .and_then(|o| pruned.get(o))
                .or_else(|| pruned.get(&key));
            if let Some((why, first)) = why {
                *r.pruned.entry(why.clone()).or_default() += 1;
                r.pruned_items.insert(key, first.clone());
                continue;
            }
            if is_generic(f) {
                let kept = SHAPES
                    .iter()
                    .filter(|s| !pruned.contains_key(&shape_key(&key, s)))
                    .count();
                if kept == 0 {
                    *r.pruned
                        .entry("no instantiation shape satisfies its bounds".into())
                        .or_default() += 1;
                    r.pruned_items
                        .insert(key, "every shape failed to compile".into());
                    continue;
                }
                r.shapes_bound += kept;
                r.shapes_pruned += SHAPES.len() - kept;
            }
            r.bound += 1;
        }
        r
    }

    /// Bound as a share of found, in percent.
    pub fn percent(&self) -> f64 {
        if self.found == 0 {
            return 100.0;
        }
        100.0 * self.bound as f64 / self.found as f64
    }

    pub fn text(&self) -> String {
        let mut s = format!(
            "{} {}: {} public functions and methods, {} bound ({:.1}%)\n",
            self.krate,
            self.version,
            self.found,
            self.bound,
            self.percent()
        );
        s.push_str(&format!(
            "  instantiations: {} bound, {} pruned\n",
            self.shapes_bound, self.shapes_pruned
        ));
        let sum = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
        s.push_str(&format!(
            "  skipped before emitting: {}\n",
            sum(&self.skipped)
        ));
        for (why, n) in &self.skipped {
            s.push_str(&format!("    {n:>4}  {why}\n"));
        }
        s.push_str(&format!(
            "  pruned by the compiler: {}\n",
            sum(&self.pruned)
        ));
        for (why, n) in &self.pruned {
            s.push_str(&format!("    {n:>4}  {why}\n"));
        }
        s
    }

    pub fn json(&self) -> String {
        let v = serde_json::json!({
            "crate": self.krate,
            "version": self.version,
            "found": self.found,
            "bound": self.bound,
            "percent": (self.percent() * 10.0).round() / 10.0,
            "instantiations": { "bound": self.shapes_bound, "pruned": self.shapes_pruned },
            "skipped": self.skipped,
            "pruned": self.pruned,
            "pruned_items": self.pruned_items,
        });
        serde_json::to_string_pretty(&v).expect("reports serialize")
    }
}
