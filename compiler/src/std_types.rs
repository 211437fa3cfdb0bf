//! The std types a rimported crate's results keep as Rust values, with the methods
//! cells call on them, written as a manifest of crate `std` (no plugin provides std).
//! Today: `std::time::Duration` (LANGUAGE.md v1.1: a Duration result stays a Duration;
//! a number where one is taken is read as seconds) and `std::time::SystemTime` (a
//! result stays the Rust value; httpdate's `parse_http_date`, humantime's
//! `parse_rfc3339`). And the integers wider than `int` a call returns (`types::WIDE_INTS`).
use crate::manifest::{Manifest, TypeDef};
use std::sync::OnceLock;

pub const DURATION: &str = "std::time::Duration";

const MANIFEST: &str = r#"{
  "schema": 2, "crate": "std", "version": "",
  "types": [{
    "path": "std::time::Duration",
    "doc": "A span of time (seconds and nanoseconds).",
    "derives": ["Debug", "Clone", "PartialEq", "PartialOrd", "Add", "Sub"],
    "methods": [
      {"name": "as_secs", "receiver": "ref", "ret": "u64", "doc": "Whole seconds."},
      {"name": "as_millis", "receiver": "ref", "ret": "u128", "doc": "Whole milliseconds."},
      {"name": "as_micros", "receiver": "ref", "ret": "u128", "doc": "Whole microseconds."},
      {"name": "as_nanos", "receiver": "ref", "ret": "u128", "doc": "Whole nanoseconds."},
      {"name": "as_secs_f64", "receiver": "ref", "ret": "f64", "doc": "Seconds, as a float."},
      {"name": "subsec_millis", "receiver": "ref", "ret": "u32", "doc": "The fraction of a second, in milliseconds."},
      {"name": "subsec_micros", "receiver": "ref", "ret": "u32", "doc": "The fraction of a second, in microseconds."},
      {"name": "subsec_nanos", "receiver": "ref", "ret": "u32", "doc": "The fraction of a second, in nanoseconds."},
      {"name": "is_zero", "receiver": "ref", "ret": "bool", "doc": "Whether it is zero long."},
      {"name": "mul_f64", "receiver": "value", "params": [{"name": "rhs", "ty": "f64"}], "ret": "std::time::Duration", "doc": "Multiplied by a float."},
      {"name": "div_f64", "receiver": "value", "params": [{"name": "rhs", "ty": "f64"}], "ret": "std::time::Duration", "doc": "Divided by a float."},
      {"name": "abs_diff", "receiver": "value", "params": [{"name": "other", "ty": "std::time::Duration"}], "ret": "std::time::Duration", "doc": "The difference, whichever is larger."},
      {"name": "checked_sub", "receiver": "value", "params": [{"name": "rhs", "ty": "std::time::Duration"}], "ret": "Option<std::time::Duration>", "doc": "The difference, or None if it would be negative."},
      {"name": "saturating_sub", "receiver": "value", "params": [{"name": "rhs", "ty": "std::time::Duration"}], "ret": "std::time::Duration", "doc": "The difference, or zero."}
    ]
  }, {
    "path": "std::time::SystemTime",
    "doc": "A point in time of the system clock.",
    "derives": ["Debug", "Clone", "PartialEq", "PartialOrd"],
    "methods": [
      {"name": "duration_since", "receiver": "ref", "params": [{"name": "earlier", "ty": "std::time::SystemTime"}], "ret": "Result<std::time::Duration, std::time::SystemTimeError>", "doc": "The time since `earlier` (an error if `earlier` is later)."},
      {"name": "elapsed", "receiver": "ref", "ret": "Result<std::time::Duration, std::time::SystemTimeError>", "doc": "The time since this one, by the clock now."},
      {"name": "checked_add", "receiver": "ref", "params": [{"name": "duration", "ty": "std::time::Duration"}], "ret": "Option<std::time::SystemTime>", "doc": "Later by `duration`, if representable."},
      {"name": "checked_sub", "receiver": "ref", "params": [{"name": "duration", "ty": "std::time::Duration"}], "ret": "Option<std::time::SystemTime>", "doc": "Earlier by `duration`, if representable."}
    ]
  }, {
    "path": "kayton::rt::Rich",
    "doc": "A value a notebook renders (`html`, `markdown`, `svg`, `png`, `jpeg`, a table): its renderings by MIME type; shown as its text elsewhere.",
    "derives": ["Display", "Debug", "Clone", "PartialEq"],
    "methods": []
  }, {
    "path": "core::primitive::u64", "kind": "u64",
    "doc": "A Rust `u64` a call returned (a hash, a count): shown exactly; an `int` where one is used.",
    "derives": ["Display", "Debug", "Clone", "PartialEq", "PartialOrd", "LowerHex", "UpperHex"],
    "methods": [
      {"name": "count_ones", "receiver": "value", "ret": "u32", "doc": "How many bits are 1."},
      {"name": "leading_zeros", "receiver": "value", "ret": "u32", "doc": "How many high bits are 0."},
      {"name": "trailing_zeros", "receiver": "value", "ret": "u32", "doc": "How many low bits are 0."},
      {"name": "to_be_bytes", "receiver": "value", "ret": "[u8; 8]", "doc": "Its 8 bytes, big-endian."},
      {"name": "to_le_bytes", "receiver": "value", "ret": "[u8; 8]", "doc": "Its 8 bytes, little-endian."}
    ]
  }, {
    "path": "core::primitive::u128", "kind": "u128",
    "doc": "A Rust `u128` a call returned: shown exactly; an `int` where one is used.",
    "derives": ["Display", "Debug", "Clone", "PartialEq", "PartialOrd", "LowerHex", "UpperHex"],
    "methods": [
      {"name": "to_be_bytes", "receiver": "value", "ret": "[u8; 16]", "doc": "Its 16 bytes, big-endian."},
      {"name": "to_le_bytes", "receiver": "value", "ret": "[u8; 16]", "doc": "Its 16 bytes, little-endian."}
    ]
  }, {
    "path": "core::primitive::i128", "kind": "i128",
    "doc": "A Rust `i128` a call returned: shown exactly; an `int` where one is used.",
    "derives": ["Display", "Debug", "Clone", "PartialEq", "PartialOrd", "LowerHex", "UpperHex"]
  }]
}"#;

fn manifest() -> &'static Manifest {
    static M: OnceLock<Manifest> = OnceLock::new();
    M.get_or_init(|| serde_json::from_str(MANIFEST).expect("the std manifest is valid"))
}

/// A std type's definition (`std::time::Duration`).
pub fn type_def(path: &str) -> Option<&'static TypeDef> {
    manifest().types.iter().find(|t| t.path == path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn duration_is_described() {
        let d = super::type_def(super::DURATION).unwrap();
        assert!(d.has("PartialOrd"));
        assert!(d.methods.iter().any(|m| m.name == "as_secs"));
    }
}
