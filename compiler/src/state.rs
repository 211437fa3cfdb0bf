//! What the compiler remembers across the cells of a session: global names and types,
//! function definitions (with versions), and the template instantiation cache.
use crate::ast::FnDef;
use crate::types::Ty;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

#[derive(Debug, Clone)]
pub struct FnEntry {
    pub def: Rc<FnDef>,
    pub version: u32,
}

/// One instantiation of a function for one tuple of parameter types.
#[derive(Debug, Clone)]
pub struct Inst {
    pub rust_name: String,
    pub ret: Ty,
    /// The Rust item.
    pub code: String,
    /// Instantiations its body calls (their code must be in any cell that uses it).
    pub calls: Vec<String>,
    /// Functions its body called, with the versions it was checked against.
    pub fn_deps: Vec<(String, u32)>,
    /// The session globals it uses (its hidden parameters, in this order), with the
    /// types it was checked against.
    pub globals: Vec<GlobalUse>,
}

/// A session global a function uses: a hidden `&mut` parameter of its instantiation.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalUse {
    pub name: String,
    pub ty: Ty,
    /// Written (`global x` assigned, or changed in place): the caller stores it.
    pub written: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstKey {
    pub name: String,
    pub version: u32,
    pub params: Vec<Ty>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub hits: u64,
    pub misses: u64,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Manifests of the crates rimported so far, by crate name.
    pub manifests: BTreeMap<String, Rc<crate::manifest::Manifest>>,
    /// Names brought into scope by `rimport`/`from … rimport`, to Rust paths.
    pub imports: BTreeMap<String, String>,
    pub globals: BTreeMap<String, Ty>,
    pub functions: HashMap<String, FnEntry>,
    pub insts: HashMap<InstKey, Inst>,
    /// By Rust name, for collecting a cell's transitive items.
    pub insts_by_name: HashMap<String, InstKey>,
    pub stats: Stats,
    pub next_version: u32,
    /// Names a cell may bind without keeping them for the session: values that borrow
    /// another of the session's (minijinja's `template = env.get_template(…)`), which
    /// live only in the cell that made them (see `Compiler::compile_keeping_local`).
    pub cell_only: Vec<String>,
    /// Names that were bound that way by an earlier cell, for the error that says so.
    pub were_cell_only: BTreeMap<String, String>,
}

/// What a Rust path names in the rimported crates.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Module,
    Type,
    Function,
    Trait,
    /// A crate-level constant (`percent_encoding::NON_ALPHANUMERIC`).
    Const,
    /// An alias of std's `HashMap`/`BTreeMap` with the crate's hasher (rustc-hash's
    /// `FxHashMap`): a dict to a cell.
    Map,
}

impl State {
    /// The path a written path means: an alias's target (`chrono::Duration` →
    /// `chrono::TimeDelta`, `toml::Table` → `toml::map::Map<String, toml::Value>`), else
    /// the path itself.
    pub fn resolve_alias(&self, path: &str) -> String {
        let m = path.split("::").next().and_then(|k| self.manifests.get(k));
        if let Some(t) = m.and_then(|m| m.alias(path)) {
            return t.to_string();
        }
        // An instance of a generic alias (`chrono::MappedLocalTime<chrono::DateTime<
        // chrono::Utc>>`): the aliased type at those arguments, filling its holes
        // (`euclid::Point2D<_, euclid::UnknownUnit>`) or, where it names the type
        // itself (`chrono::offset::LocalResult`), as they are.
        let instance = || {
            let written = crate::manifest::RustType::parse(path).ok()?;
            let wp = written.as_path()?;
            let target = m?.alias(&wp.bare())?;
            let tp = target.as_path()?;
            let mut given = wp.type_args().into_iter();
            let args: Vec<String> = match tp.type_args() {
                none if none.is_empty() => given.map(ToString::to_string).collect(),
                some => some
                    .iter()
                    .map(|a| match a.to_string().as_str() {
                        "_" => given.next().map(ToString::to_string),
                        fixed => Some(fixed.to_string()),
                    })
                    .collect::<Option<_>>()?,
            };
            (!args.is_empty()).then(|| format!("{}<{}>", tp.bare(), args.join(", ")))
        };
        instance().unwrap_or_else(|| path.to_string())
    }

    /// The one item of crate `krate` named `name` in some module (`rust_xlsxwriter::
    /// workbook::Workbook` for `Workbook`): where a crate re-exports its modules at its
    /// root with `#[doc(hidden)] pub use workbook::*;`, rustdoc shows only the module
    /// path, while its docs write `rust_xlsxwriter::Workbook`. `None` if there are none or
    /// several.
    pub fn item_by_name(&self, krate: &str, name: &str) -> Option<String> {
        match self.items_by_name(krate).get(name).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            _ => None,
        }
    }

    /// The types (by their bare path), functions, traits and constants of crate `krate`
    /// by their last name, each name's paths sorted.
    pub fn items_by_name(&self, krate: &str) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let Some(m) = self.manifests.get(krate) else {
            return out;
        };
        let paths = m
            .types
            .iter()
            .map(|t| t.path.split('<').next().unwrap_or(&t.path))
            .chain(m.functions.iter().map(|f| f.name.as_str()))
            .chain(m.traits.iter().map(|t| t.path.as_str()))
            .chain(m.consts.iter().map(|c| c.name.as_str()));
        for p in paths {
            let name = p.rsplit("::").next().unwrap_or(p).to_string();
            let at = out.entry(name).or_default();
            if !at.iter().any(|q| q == p) {
                at.push(p.to_string());
            }
        }
        for v in out.values_mut() {
            v.sort();
        }
        out
    }

    pub fn item_kind(&self, path: &str) -> Option<ItemKind> {
        let resolved = self.resolve_alias(path);
        let path = resolved.as_str();
        if kayton_manifest::symbols::is_std_map(path) {
            return Some(ItemKind::Map);
        }
        let krate = path.split("::").next()?;
        let m = self.manifests.get(krate)?;
        if m.type_def(path).is_some() || !self.instances_of(path).is_empty() {
            return Some(ItemKind::Type);
        }
        if m.function(path).is_some() {
            return Some(ItemKind::Function);
        }
        if m.trait_def(path).is_some() {
            return Some(ItemKind::Trait);
        }
        if m.constant(path).is_some() {
            return Some(ItemKind::Const);
        }
        let prefix = format!("{path}::");
        let is_module = path == m.krate
            || m.types.iter().any(|t| t.path.starts_with(&prefix))
            || m.functions.iter().any(|f| f.name.starts_with(&prefix))
            || m.consts.iter().any(|c| c.name.starts_with(&prefix))
            || m.traits.iter().any(|t| t.path.starts_with(&prefix))
            // A module of re-exports only (`chrono::prelude`, `rayon::prelude`).
            || m.aliases.iter().any(|a| a.path.starts_with(&prefix));
        is_module.then_some(ItemKind::Module)
    }

    /// The instances of a generic type (`geometry::Stack` → `geometry::Stack<i64>`, …),
    /// in manifest order.
    /// A pattern (`euclid::Point2D<_, euclid::UnknownUnit>`, the target of an alias
    /// that fixes some parameters) gives the instances it matches, `_` matching any.
    pub fn instances_of(&self, path: &str) -> Vec<String> {
        let Some(m) = path.split("::").next().and_then(|k| self.manifests.get(k)) else {
            return Vec::new();
        };
        let (bare, pattern) = match path.split_once('<') {
            Some((b, _)) => (b, crate::manifest::RustType::parse(path).ok()),
            None => (path, None),
        };
        let prefix = format!("{bare}<");
        m.types
            .iter()
            .filter(|t| t.path.starts_with(&prefix))
            .filter(|t| pattern.as_ref().is_none_or(|p| matches_pattern(p, &t.path)))
            .map(|t| t.path.clone())
            .collect()
    }

    /// A type's definition: in its crate's manifest, or — for a type another crate owns
    /// that a plugin declares impls for (`kayton_api::Iter<i64>`) — in any manifest.
    /// Whether the crate type at `path` is `Clone` (a type the manifests do not know is
    /// not).
    pub fn clones(&self, path: &str) -> bool {
        self.type_def(path).is_some_and(|t| t.has("Clone"))
    }

    pub fn type_def(&self, path: &str) -> Option<&crate::manifest::TypeDef> {
        // A `&'static T` value (`crate::types::STATIC_REF`) has the members of its `T`.
        let path = path.strip_prefix(crate::types::STATIC_REF).unwrap_or(path);
        let own = self.manifests.get(path.split("::").next()?);
        own.and_then(|m| m.type_def(path))
            .or_else(|| self.manifests.values().find_map(|m| m.type_def(path)))
            .or_else(|| crate::std_types::type_def(path))
            .or_else(|| {
                // A result typed by a generic alias's instance: the aliased type's.
                let resolved = self.resolve_alias(path);
                let m = self.manifests.get(resolved.split("::").next()?)?;
                (resolved != path).then(|| m.type_def(&resolved)).flatten()
            })
    }

    /// Whether the Rust type `ty` implements every trait of `traits` (`svg::Node +
    /// std::marker::Send`, a trait object's): `false` only where a plugin's manifest lists
    /// the trait's implementors without `ty`; rustc checks the rest (std's traits).
    pub fn implements(&self, ty: &str, traits: &str) -> bool {
        traits.split(" + ").all(|tr| {
            let def = tr
                .split("::")
                .next()
                .and_then(|k| self.manifests.get(k))
                .and_then(|m| m.trait_def(tr));
            match def {
                Some(d) if !d.implemented_for.is_empty() => {
                    d.implemented_for.iter().any(|i| i == ty)
                }
                _ => true,
            }
        })
    }

    /// Whether the plugin's type `to` has `From<from>` for another Rust type `from`
    /// (svg's `impl From<Data> for Value`): where a `to` is taken, a `from` is converted,
    /// as Rust's `U: Into<Value>` takes it.
    pub fn converts_from(&self, to: &str, from: &str) -> bool {
        to != from
            && self.type_def(to).is_some_and(|t| {
                t.methods.iter().any(|f| {
                    f.name == "from"
                        && f.receiver.is_none()
                        && f.params.len() == 1
                        && matches!(crate::rty::parse(&f.params[0].ty, to), Ok(crate::rty::RTy::Named(p)) if p == from)
                })
            })
    }

    /// Traits brought into scope by name, with their definitions.
    pub fn imported_traits(&self) -> Vec<&crate::manifest::TraitDef> {
        self.imports
            .values()
            .filter_map(|p| self.manifests.get(p.split("::").next()?)?.trait_def(p))
            .collect()
    }

    /// A cached instantiation, if every function it called is still at the version it
    /// saw and every global it uses still has the type it saw (in `view`, the globals
    /// visible at the call).
    pub fn cached(&self, key: &InstKey, view: &BTreeMap<String, Ty>) -> Option<&Inst> {
        let inst = self.insts.get(key)?;
        let fresh = inst
            .fn_deps
            .iter()
            .all(|(n, v)| self.functions.get(n).is_some_and(|f| f.version == *v))
            && inst
                .globals
                .iter()
                .all(|g| view.get(&g.name) == Some(&g.ty));
        fresh.then_some(inst)
    }

    /// The Rust items for `roots` and everything they call, each once, in a stable order.
    pub fn items_for(&self, roots: &[String]) -> Vec<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<String> = roots.to_vec();
        while let Some(n) = stack.pop() {
            if seen.insert(n.clone()) {
                if let Some(inst) = self.insts_by_name.get(&n).and_then(|k| self.insts.get(k)) {
                    stack.extend(inst.calls.iter().cloned());
                }
            }
        }
        seen.iter()
            .filter_map(|n| self.insts_by_name.get(n).and_then(|k| self.insts.get(k)))
            .map(|i| i.code.clone())
            .collect()
    }
}

/// Whether the instance `instance` has the arguments `pattern` gives (`_` any).
fn matches_pattern(pattern: &crate::manifest::RustType, instance: &str) -> bool {
    let Ok(inst) = crate::manifest::RustType::parse(instance) else {
        return false;
    };
    let (Some(p), Some(i)) = (pattern.as_path(), inst.as_path()) else {
        return false;
    };
    let (pa, ia) = (p.type_args(), i.type_args());
    pa.len() <= ia.len()
        && pa
            .iter()
            .zip(&ia)
            .all(|(p, i)| p.to_string() == "_" || p == i)
}

#[cfg(test)]
mod tests {
    use super::{matches_pattern, State};
    use crate::manifest::{Manifest, RustType, TypeAlias};

    #[test]
    fn an_instance_of_a_generic_alias_is_the_aliased_types_instance() {
        let alias = |path: &str, target: &str| TypeAlias {
            path: path.into(),
            target: RustType::parse(target).unwrap(),
        };
        let m = Manifest {
            krate: "c".into(),
            aliases: vec![
                alias("c::Mapped", "c::offset::LocalResult"),
                alias("c::Point2D", "c::Point<_, c::Unknown>"),
                alias("c::Duration", "c::TimeDelta"),
            ],
            ..Manifest::default()
        };
        let mut s = State::default();
        s.manifests.insert("c".into(), std::rc::Rc::new(m));
        assert_eq!(
            s.resolve_alias("c::Mapped<c::DateTime<c::Utc>>"),
            "c::offset::LocalResult<c::DateTime<c::Utc>>"
        );
        assert_eq!(
            s.resolve_alias("c::Point2D<f64>"),
            "c::Point<f64, c::Unknown>"
        );
        assert_eq!(s.resolve_alias("c::Duration"), "c::TimeDelta");
        assert_eq!(s.resolve_alias("c::Other<i64>"), "c::Other<i64>");
    }

    #[test]
    fn a_pattern_matches_the_instances_with_its_fixed_arguments() {
        let p = RustType::parse("euclid::Point2D<_, euclid::UnknownUnit>").unwrap();
        assert!(matches_pattern(
            &p,
            "euclid::Point2D<f64, euclid::UnknownUnit>"
        ));
        assert!(!matches_pattern(&p, "euclid::Point2D<f64, i64>"));
    }
}
