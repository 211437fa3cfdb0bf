//! The coverage report of one generated plugin: public functions and methods found,
//! bound, skipped (rustdoc showed why before emitting) and pruned (rustc said why), by
//! reason — as text for people and JSON for tools.
use crate::emit::{
    fn_key, impl_key, is_generic, method_key, shape_key, trait_method_key, type_key, Api, Key,
};
use crate::fn_bounds::{FnBounds, FREE};
use kayton_manifest::{FnSig, TypeDef};
use std::collections::BTreeMap;

/// One emitted declaration of a function: its owner's key (type or impl), its own key,
/// its signature and what its bounds name.
type Emitted<'a> = (Option<Key>, Key, &'a FnSig, FnBounds);

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
        // One unit per public function or method; a trait method is one unit however
        // many impls declare it, bound when any of them keeps it.
        let mut units: BTreeMap<Key, Vec<Emitted>> = BTreeMap::new();
        let free = api.bounds.owner(FREE);
        for f in &m.functions {
            let key = fn_key(&f.name);
            let b = free.of(&f.name).clone();
            units
                .entry(key.clone())
                .or_default()
                .push((None, key, f, b));
        }
        // A generic type's instances as emitted (one impl per shape).
        let instances: Vec<(&str, String, TypeDef, crate::fn_bounds::ByName)> = m
            .types
            .iter()
            .filter(|t| api.generic_types.contains(&t.path))
            .flat_map(|t| {
                api.shapes_of(t).into_iter().map(move |sh| {
                    let one = crate::instances::generic_instance(t, &sh);
                    let owned = api.bounds.owner(&t.path);
                    let b = crate::instances::instance_bounds(&t.path, &sh, owned);
                    (t.path.as_str(), sh, one, b)
                })
            })
            .collect();
        for t in &m.types {
            // A generic type: one unit per method, bound when any instance keeps it.
            if api.generic_types.contains(&t.path) {
                let whole = type_key(&t.path);
                for (_, sh, one, b) in instances.iter().filter(|(p, ..)| *p == t.path) {
                    let owner = if pruned.contains_key(&whole) {
                        whole.clone()
                    } else {
                        crate::emit::shape_key(&whole, sh)
                    };
                    // With the methods of impls for that one instance (crc's `impl
                    // Crc<u32, Table<1>>`), as `type_decl` emits them.
                    let own = api.instance_methods.get(&t.path).into_iter().flatten();
                    let own = own.filter(|(s, _)| s == sh).map(|(_, f)| f);
                    for f in one.methods.iter().chain(own) {
                        let unit = method_key(&t.path, &f.name);
                        let key = method_key(&one.path, &f.name);
                        let alts = units.entry(unit).or_default();
                        if !alts.iter().any(|(_, k, ..)| *k == key) {
                            alts.push((Some(owner.clone()), key, f, b.of(&f.name).clone()));
                        }
                    }
                }
                continue;
            }
            let owned = api.bounds.owner(&t.path);
            for f in &t.methods {
                let key = method_key(&t.path, &f.name);
                let b = owned.of(&f.name).clone();
                // A name declared twice (two impl blocks) is emitted once.
                units
                    .entry(key.clone())
                    .or_insert_with(|| vec![(Some(type_key(&t.path)), key, f, b)]);
            }
        }
        // Each impl as emitted, with the trait its units are counted under: an impl of a
        // generic type the plugin instantiates is emitted once per instance (flate2's
        // `io::Write for Either<L, R>` as `Either<i64, i64>`, …), so it is bound when one
        // of those is, not because the generic one was never pruned.
        let mut impls: Vec<(String, crate::traits::TraitImpl)> = Vec::new();
        let mut pruned_here = pruned.clone();
        for i in &api.trait_impls {
            let generic = m
                .types
                .iter()
                .find(|t| t.path == i.self_ty && api.generic_types.contains(&t.path));
            match generic {
                Some(t) => {
                    let whole = type_key(&t.path);
                    for (_, sh, ..) in instances.iter().filter(|(p, ..)| *p == t.path) {
                        let one = crate::instances::generic_impl(i, &t.path, sh);
                        // An instance that is not held is its impl's reason too.
                        if let Some(why) = pruned
                            .get(&whole)
                            .or_else(|| pruned.get(&crate::emit::shape_key(&whole, sh)))
                        {
                            pruned_here
                                .insert(impl_key(&one.trait_path, &one.self_ty), why.clone());
                        }
                        impls.push((i.trait_path.clone(), one));
                    }
                }
                None => impls.extend(
                    crate::instances::emitted_impls(i)
                        .into_iter()
                        .map(|one| (i.trait_path.clone(), one)),
                ),
            }
        }
        for (tr, i) in &impls {
            for f in &i.methods {
                let unit = format!("method {tr}::{}", f.name);
                let owner = impl_key(&i.trait_path, &i.self_ty);
                let key = trait_method_key(&i.trait_path, &i.self_ty, &f.name);
                let b = i.bounds.of(&f.name).clone();
                units
                    .entry(unit)
                    .or_default()
                    .push((Some(owner), key, f, b));
            }
        }
        for (unit, alternatives) in units {
            r.found += 1;
            let outcomes: Vec<Result<usize, (String, String)>> = alternatives
                .iter()
                .map(|(owner, key, f, b)| outcome(owner.as_ref(), key, (f, b), &pruned_here))
                .collect();
            match outcomes.iter().filter_map(|o| o.as_ref().ok()).max() {
                Some(&kept) => {
                    r.bound += 1;
                    let (_, _, f, b) = &alternatives[0];
                    if is_generic(f) {
                        r.shapes_bound += kept;
                        r.shapes_pruned += crate::emit::candidates(f, b).len() - kept;
                    }
                }
                None => {
                    let Some(Err((why, first))) = outcomes.into_iter().next() else {
                        continue;
                    };
                    *r.pruned.entry(why).or_default() += 1;
                    r.pruned_items.insert(unit, first);
                }
            }
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

/// Whether one emitted function survived pruning: the shapes it kept (1 for a
/// non-generic one), or why it was dropped and rustc's first error.
fn outcome(
    owner: Option<&Key>,
    key: &Key,
    (f, b): (&FnSig, &FnBounds),
    pruned: &BTreeMap<Key, (String, String)>,
) -> Result<usize, (String, String)> {
    if let Some(p) = owner
        .and_then(|o| pruned.get(o))
        .or_else(|| pruned.get(key))
    {
        return Err(p.clone());
    }
    if !is_generic(f) {
        return Ok(1);
    }
    match crate::emit::candidates(f, b)
        .iter()
        .filter(|s| !pruned.contains_key(&shape_key(key, s)))
        .count()
    {
        0 => Err((
            "no instantiation shape satisfies its bounds".into(),
            "every shape failed to compile".into(),
        )),
        kept => Ok(kept),
    }
}
