//! What the bounds of a generic function's type parameters name, which bindgen
//! instantiates it for beside the seven shapes. bindgen's working data, kept beside the
//! manifest (by owner and name), never in it: the manifest says what a plugin binds,
//! this says what bindgen tries.
use std::collections::BTreeMap;

/// The types one function's bounds name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FnBounds {
    /// Types the bounds of the type parameters name (`Option<Duration>` of `T:
    /// Into<Option<Duration>>`), each instantiated beside the seven shapes.
    pub types: Vec<String>,
    /// For each type parameter (in `generics` order), the types its own bounds name
    /// (`W: io::Write` → `Vec<u8>`); a function whose parameters differ is instantiated
    /// for their combinations (`{Vec<u8>, i64}`). Empty for one parameter.
    pub per_param: Vec<Vec<String>>,
}

/// A function whose bounds name nothing.
pub static NONE: FnBounds = FnBounds {
    types: Vec::new(),
    per_param: Vec::new(),
};

impl FnBounds {
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.per_param.iter().all(Vec::is_empty)
    }

    /// These bounds with `sub` applied to every type (an instance's parameters).
    pub fn map(&self, sub: impl Fn(&str) -> String) -> FnBounds {
        FnBounds {
            types: self.types.iter().map(|t| sub(t)).collect(),
            per_param: self
                .per_param
                .iter()
                .map(|ts| ts.iter().map(|t| sub(t)).collect())
                .collect(),
        }
    }
}

/// The bounds of the methods of one owner (a type, a trait impl), by method name; the
/// first of two methods of one name is the one emitted, and keeps its bounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByName(BTreeMap<String, FnBounds>);

impl ByName {
    /// Records `b` for `name` unless `name` has an entry already (the first declared is
    /// the one emitted, whatever the second's bounds name).
    pub fn add(&mut self, name: &str, b: FnBounds) {
        self.0.entry(name.to_string()).or_insert(b);
    }

    pub fn of(&self, name: &str) -> &FnBounds {
        self.0.get(name).unwrap_or(&NONE)
    }

    /// Every entry with `sub` applied (an instance's parameters).
    pub fn map(&self, sub: impl Fn(&str) -> String) -> ByName {
        ByName(
            self.0
                .iter()
                .map(|(n, b)| (n.clone(), b.map(&sub)))
                .collect(),
        )
    }
}

/// The bounds of a crate's functions and of its types' methods: by owner path (a type's,
/// `""` for free functions), then by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table(BTreeMap<String, ByName>);

impl Table {
    pub fn add(&mut self, owner: &str, name: &str, b: FnBounds) {
        self.0.entry(owner.to_string()).or_default().add(name, b);
    }

    pub fn owner(&self, owner: &str) -> &ByName {
        static EMPTY: std::sync::OnceLock<ByName> = std::sync::OnceLock::new();
        self.0
            .get(owner)
            .unwrap_or_else(|| EMPTY.get_or_init(ByName::default))
    }
}

/// The owner a free function's bounds are kept under.
pub const FREE: &str = "";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_kept_by_owner_and_name_and_substituted() {
        let mut t = Table::default();
        let b = FnBounds {
            types: vec!["Option<L>".into()],
            per_param: Vec::new(),
        };
        t.add("m::Either<L, R>", "left_or", b.clone());
        // The first of one name is kept (an empty one too).
        t.add("m::Either<L, R>", "left_or", FnBounds::default());
        t.add(FREE, "f", FnBounds::default());
        t.add(FREE, "f", b.clone());
        assert_eq!(t.owner("m::Either<L, R>").of("left_or"), &b);
        assert!(t.owner(FREE).of("f").is_empty());
        assert!(t.owner("m::Other").of("g").is_empty());
        let one = t.owner("m::Either<L, R>").map(|s| s.replace('L', "i64"));
        assert_eq!(one.of("left_or").types, ["Option<i64>"]);
    }
}
