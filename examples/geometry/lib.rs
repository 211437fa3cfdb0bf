//! An example plugin, annotated by hand until `kayton-macros` exists: ordinary Rust plus
//! the two symbols every Keyton library exports. Its manifest is `geometry.manifest.json`.
//! Build it with: keyton plugin-build examples/geometry/lib.rs --name geometry \
//!   --manifest examples/geometry/geometry.manifest.json --out <dir>
extern crate kayton_api as kayton;
use std::fmt;

/// A point in the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    pub fn origin() -> Point {
        Point { x: 0.0, y: 0.0 }
    }
    pub fn norm(&self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }
    pub fn translate(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
    }
    pub fn distance(&self, other: &Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

/// A path of points; not `Clone`, so `total_length` (by value) uses it up.
#[derive(Debug, Default)]
pub struct Path {
    points: Vec<Point>,
}

impl Path {
    pub fn new() -> Path {
        Path::default()
    }
    pub fn push(&mut self, p: &Point) {
        self.points.push(*p);
    }
    pub fn len(&self) -> usize {
        self.points.len()
    }
    pub fn total_length(self) -> f64 {
        self.points.windows(2).map(|w| w[0].distance(&w[1])).sum()
    }
}

/// `"x,y"` to a point.
pub fn parse_point(s: &str) -> Result<Point, String> {
    let (a, b) = s.split_once(',').ok_or_else(|| format!("expected `x,y`, got {s:?}"))?;
    let num = |t: &str| t.trim().parse::<f64>().map_err(|e| format!("{t:?}: {e}"));
    Ok(Point::new(num(a)?, num(b)?))
}

/// Panics on negative input (to show a panic becoming a Keyton error).
pub fn checked_sqrt(x: f64) -> f64 {
    if x < 0.0 {
        panic!("checked_sqrt of a negative number: {x}");
    }
    x.sqrt()
}

pub fn brighten(v: u8) -> u8 {
    v.saturating_add(10)
}

pub trait Shout {
    fn shout(&self) -> String;
}

impl Shout for str {
    fn shout(&self) -> String {
        format!("{}!", self.to_uppercase())
    }
}

#[no_mangle]
pub extern "C" fn kayton_abi_version() -> u32 {
    kayton::ABI_VERSION
}

#[no_mangle]
pub extern "C" fn kayton_build_fingerprint() -> kayton::KStr {
    kayton::KStr::new(kayton::fingerprint())
}
