//! An example plugin annotated by hand with kayton-macros: ordinary Rust plus
//! `#[kayton::export]`, `#[kayton::instantiate(...)]` and one `kayton::plugin!()`. Its
//! manifest is embedded in the library the build makes. Build it with:
//!   keyton plugin-build examples/geometry/lib.rs --name geometry --out <dir>
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};

kayton::plugin!(version = "0.1.0");

/// A point in the plane.
#[kayton::export]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[kayton::export]
impl Point {
    /// The point at the origin.
    pub const ORIGIN: Point = Point { x: 0.0, y: 0.0 };

    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    pub fn origin() -> Point {
        Point::ORIGIN
    }
    /// Distance from the origin.
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
    /// The point as an SVG dot: a notebook shows a `Point` as this (a method named
    /// `to_svg`, `to_html`, … returning a `String` is a rendering Keyton uses).
    pub fn to_svg(&self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"200\"><circle cx=\"{}\" cy=\"{}\" r=\"4\"/></svg>",
            self.x * 20.0,
            200.0 - self.y * 20.0
        )
    }
    /// The coordinates as a tuple.
    pub fn coords(&self) -> (f64, f64) {
        (self.x, self.y)
    }
    /// A point from `(x, y)`.
    pub fn from_coords(xy: (f64, f64)) -> Point {
        Point { x: xy.0, y: xy.1 }
    }
}

// Display, Debug, Clone and PartialEq need no annotation: the macros find them at
// compile time and give the VM kind its display/debug/clone/eq.
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

static PATHS_DROPPED: AtomicI64 = AtomicI64::new(0);

/// A labelled pixel: public fields of a narrow integer, a string and an exported type,
/// all assignable from Keyton (`px.x = 7`, checked to fit a `u16`).
#[kayton::export]
#[derive(Debug, Clone, PartialEq)]
pub struct Pixel {
    pub x: u16,
    pub label: String,
    pub at: Point,
}

#[kayton::export]
impl Pixel {
    pub fn new(label: &str) -> Pixel {
        Pixel {
            x: 0,
            label: label.to_string(),
            at: Point::ORIGIN,
        }
    }
}

/// A named stack of values of one type: a generic type, instantiated for four shapes
/// (each a kind of its own: `geometry::Stack<i64>`, …).
#[kayton::export]
#[kayton::instantiate(i64, f64, String, Dynamic)]
#[derive(Debug, Clone, PartialEq)]
pub struct Stack<T> {
    pub name: String,
    items: Vec<T>,
}

#[kayton::export]
#[kayton::instantiate(i64, f64, String, Dynamic)]
impl<T: Clone + fmt::Debug> Stack<T> {
    /// An empty stack (which one is said by an annotation: `let s: Stack[i64] = …`).
    pub fn new(name: &str) -> Self {
        Stack {
            name: name.to_string(),
            items: Vec::new(),
        }
    }
    /// A stack holding `first` (its type picks the instance).
    pub fn of(first: T) -> Self {
        Stack {
            name: String::from("stack"),
            items: vec![first],
        }
    }
    pub fn push(&mut self, x: T) {
        self.items.push(x);
    }
    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }
    pub fn peek(&self) -> Option<T> {
        self.items.last().cloned()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl<T: fmt::Debug> fmt::Display for Stack<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:?}", self.name, self.items)
    }
}

/// Counts down from `n` to 1: a Rust iterator, which Keyton loops over (`for k in it:`).
#[kayton::export]
#[derive(Debug, Clone, PartialEq)]
pub struct Countdown {
    pub n: u32,
}

#[kayton::export]
impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let k = self.n;
        self.n = k.checked_sub(1)?;
        Some(k)
    }
}

/// A countdown from `n`.
#[kayton::export]
pub fn countdown(n: u32) -> Countdown {
    Countdown { n }
}

/// The even numbers below `n`: an iterator a function returns comes to Keyton as a list.
#[kayton::export]
pub fn evens(n: i64) -> impl Iterator<Item = i64> {
    (0..n).filter(|x| x % 2 == 0)
}

/// Methods for every iterator, as itertools' `Itertools` is: Keyton calls them on a list
/// (`[1, 2].doubled()`) once the trait is rimported.
#[kayton::export]
pub trait Tally: Iterator + Sized {
    /// How many items there are.
    fn tally(self) -> usize {
        self.count()
    }
    /// Each item twice.
    fn doubled(self) -> impl Iterator<Item = Self::Item>
    where
        Self::Item: Clone,
    {
        self.flat_map(|x| [x.clone(), x])
    }
}
impl<I: Iterator> Tally for I {}

#[kayton::export(remote)]
#[kayton::instantiate(i64, String)]
impl<T> crate::Tally for kayton_api::Iter<T> {
    fn tally(self) -> usize;
    fn doubled(self) -> impl Iterator<Item = T>;
}

/// A path of points; not `Clone`, so `total_length` (by value) uses it up.
#[kayton::export]
#[derive(Debug, Default)]
pub struct Path {
    points: Vec<Point>,
}

#[kayton::export]
impl Path {
    pub fn new() -> Path {
        Path::default()
    }
    pub fn push(&mut self, p: &Point) {
        self.points.push(*p);
    }
    /// A path through the points of a list (a list of Rust values as an argument).
    pub fn from_points(points: Vec<Point>) -> Path {
        Path { points }
    }
    pub fn len(&self) -> usize {
        self.points.len()
    }
    pub fn total_length(self) -> f64 {
        self.points.windows(2).map(|w| w[0].distance(&w[1])).sum()
    }
    /// The points with their index: an iterator that borrows the path, whose items
    /// Keyton gets owned (copied) when the call returns.
    pub fn indexed(&self) -> impl Iterator<Item = (usize, &Point)> {
        self.points.iter().enumerate()
    }
    /// The point at `i`, borrowed for changing in place (`p.slot(0).set_x(5.0)`).
    pub fn slot(&mut self, i: usize) -> crate::slots::Slot<'_> {
        slots::Slot {
            p: &mut self.points[i],
        }
    }
}

/// A notebook draws a path (`display(path)`, or a cell ending in one) as SVG: a plugin
/// type is rich by implementing `kayton::MimeBundle`.
impl kayton::MimeBundle for Path {
    fn mime_bundle(&self) -> Vec<(String, String)> {
        let pts: Vec<String> = self
            .points
            .iter()
            .map(|p| format!("{},{}", p.x * 20.0, 200.0 - p.y * 20.0))
            .collect();
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"200\"><polyline points=\"{}\" fill=\"none\" stroke=\"blue\"/></svg>",
            pts.join(" ")
        );
        vec![("image/svg+xml".to_string(), svg)]
    }
}

impl Drop for Path {
    fn drop(&mut self) {
        PATHS_DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

/// Paths kept together: `paths()` lends them (a slice of values that are not Clone,
/// which a cell loops over or counts where it is made).
#[kayton::export]
#[derive(Debug, Default)]
pub struct Drawing {
    paths: Vec<Path>,
}

#[kayton::export]
impl Drawing {
    pub fn new() -> Drawing {
        Drawing::default()
    }
    pub fn add(&mut self, p: Path) {
        self.paths.push(p);
    }
    pub fn paths(&self) -> &[Path] {
        &self.paths
    }
}

/// Ends the process with `status`, as misbehaving native code might: the session's
/// executor is restarted (a fault the tests make on purpose).
#[kayton::export]
pub fn exit_process(status: i64) {
    std::process::exit(status as i32);
}

/// The mean of the points of a list, lent (`&[Point]`).
#[kayton::export]
pub fn centroid(points: &[Point]) -> Point {
    let n = points.len().max(1) as f64;
    let (x, y) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    Point { x: x / n, y: y / n }
}

/// How many `Path`s have been dropped in this process (to show each is dropped once).
#[kayton::export]
pub fn paths_dropped() -> i64 {
    PATHS_DROPPED.load(Ordering::SeqCst)
}

/// A compass direction (unit variants become associated consts).
#[kayton::export]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Direction {
    North,
    East,
    South,
    West,
}

/// A shape (data-carrying variants get constructors).
#[kayton::export]
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
}

#[kayton::export]
impl Shape {
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle(r) => std::f64::consts::PI * r * r,
            Shape::Rect { w, h } => w * h,
        }
    }
}

/// One step from `p` towards `d`.
#[kayton::export]
pub fn step(p: &Point, d: Direction) -> Point {
    let (dx, dy) = match d {
        Direction::North => (0.0, 1.0),
        Direction::East => (1.0, 0.0),
        Direction::South => (0.0, -1.0),
        Direction::West => (-1.0, 0.0),
    };
    Point::new(p.x + dx, p.y + dy)
}

/// `"x,y"` to a point.
#[kayton::export]
pub fn parse_point(s: &str) -> Result<Point, String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected `x,y`, got {s:?}"))?;
    let num = |t: &str| t.trim().parse::<f64>().map_err(|e| format!("{t:?}: {e}"));
    Ok(Point::new(num(a)?, num(b)?))
}

/// Panics on negative input (to show a panic becoming a Keyton error).
#[kayton::export]
pub fn checked_sqrt(x: f64) -> f64 {
    if x < 0.0 {
        panic!("checked_sqrt of a negative number: {x}");
    }
    x.sqrt()
}

#[kayton::export]
pub fn brighten(v: u8) -> u8 {
    v.saturating_add(10)
}

/// Adds two integers (the registry-call benchmark's i64 → i64 function).
#[kayton::export]
pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// A greeting (the registry-call benchmark's &str → String function).
#[kayton::export]
pub fn greet(name: &str) -> String {
    format!("hello, {name}")
}

/// `x` if it is not negative; `Err(())` (an error without text, like `Url::set_port`'s)
/// otherwise.
#[kayton::export]
#[allow(clippy::result_unit_err)]
pub fn non_negative(x: i64) -> Result<i64, ()> {
    if x < 0 {
        Err(())
    } else {
        Ok(x)
    }
}

/// Seconds of an optional timeout, -1 for none. Generic over `T: Into<Option<Duration>>`,
/// as reqwest's `timeout` is: a remote declaration (what bindgen writes) instantiates it
/// for the type the bound names, which Keyton passes as seconds.
pub fn timeout_secs<T: Into<Option<std::time::Duration>>>(t: T) -> f64 {
    t.into().map(|d| d.as_secs_f64()).unwrap_or(-1.0)
}

#[kayton::export(remote = crate::timeout_secs)]
#[kayton::instantiate(Option<std::time::Duration>)]
pub fn timeout_secs<T>(t: T) -> f64;

/// Quotient and remainder, checked to fit a `u8` each (a tuple of narrow integers).
#[kayton::export]
pub fn divmod(a: u8, b: u8) -> (u8, u8) {
    (a / b, a % b)
}

/// A label and its point count (a tuple parameter with a narrow integer).
#[kayton::export]
pub fn label(item: (String, u16)) -> String {
    format!("{} x{}", item.0, item.1)
}

/// `a` if `first`, else `b`: generic, instantiated for every shape.
#[kayton::export]
#[kayton::instantiate(i64, f64, &str, String, Vec<i64>, Vec<f64>, Dynamic)]
pub fn pick<T: Clone>(first: bool, a: T, b: T) -> T {
    if first {
        a
    } else {
        b
    }
}

/// Rust's `Debug` text of any value.
#[kayton::export]
#[kayton::instantiate(i64, f64, &str, String, Vec<i64>, Vec<f64>, Dynamic)]
pub fn describe<T: fmt::Debug>(x: T) -> String {
    format!("{x:?}")
}

/// The `Debug` text of a borrowed value: a `&T` parameter of an instantiated `T`
/// receives a borrow of the converted argument.
#[kayton::export]
#[kayton::instantiate(i64, &str, Vec<f64>, Dynamic)]
pub fn describe_ref<T: fmt::Debug + ?Sized>(x: &T) -> String {
    format!("{x:?}")
}

/// Loud text.
#[kayton::export]
pub trait Shout {
    fn shout(&self) -> String;
}

#[kayton::export]
impl Shout for str {
    fn shout(&self) -> String {
        format!("{}!", self.to_uppercase())
    }
}

#[kayton::export]
impl Shout for Point {
    fn shout(&self) -> String {
        format!("POINT {self}!")
    }
}

/// `f` applied to each of `xs`: a boxed closure parameter takes a Keyton `fn`.
#[kayton::export]
pub fn apply_all(xs: Vec<i64>, f: Box<dyn Fn(i64) -> i64>) -> Vec<i64> {
    xs.into_iter().map(f).collect()
}

/// The items `keep` accepts: a closure type parameter, instantiated per item type by a
/// group `{T, F}` (each type parameter its own type).
#[kayton::export]
#[kayton::instantiate({i64, Box<dyn FnMut(&i64) -> bool>}, {String, Box<dyn FnMut(&String) -> bool>})]
pub fn keep_if<T, F: FnMut(&T) -> bool>(xs: Vec<T>, mut keep: F) -> Vec<T> {
    xs.into_iter().filter(|x| keep(x)).collect()
}

/// Fills `buf` with `byte` and says how many were written: an in-out `&mut [u8]`
/// parameter, which Keyton lends a list of ints (written back after the call).
#[kayton::export]
pub fn fill(buf: &mut [u8], byte: u8) -> usize {
    buf.fill(byte);
    buf.len()
}

/// Appends `text`'s bytes to `out` (a `&mut Vec<u8>`, as an `io::Write` sink is).
#[kayton::export]
pub fn append_bytes(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(text.as_bytes());
}

/// How many integers `r` holds: a `Range<i64>` parameter takes Keyton's `a..b`.
#[kayton::export]
pub fn span(r: std::ops::Range<i64>) -> i64 {
    r.end.saturating_sub(r.start).max(0)
}

/// A mutable view of one point of a `Path`: a type that borrows, declared the way
/// bindgen declares another crate's (`remote`, its lifetime written): it has no kind,
/// and a cell calls its methods on the value an expression just made.
pub mod slots {
    pub struct Slot<'a> {
        pub(crate) p: &'a mut super::Point,
    }
    impl Slot<'_> {
        pub fn x(&self) -> f64 {
            self.p.x
        }
        pub fn set_x(self, x: f64) -> f64 {
            self.p.x = x;
            x
        }
    }
}

#[kayton::export(remote = crate::slots::Slot)]
pub struct Slot<'a> {}

#[kayton::export(remote)]
impl<'a> crate::slots::Slot<'a> {
    pub fn x(&self) -> f64;
    pub fn set_x(self, x: f64) -> f64;
}

/// How often each word of `text` occurs: a Rust map, which a cell gets as a dict
/// (ordered by key: a `HashMap` has no order of its own).
#[kayton::export]
pub fn word_counts(text: &str) -> std::collections::HashMap<String, i64> {
    let mut m = std::collections::HashMap::new();
    for w in text.split_whitespace() {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

/// The sum of a map's values: a dict lent as `&HashMap`.
#[kayton::export]
pub fn total(counts: &std::collections::HashMap<String, i64>) -> i64 {
    counts.values().sum()
}

/// Words by their length, in a `BTreeMap` (a dict in its order) of narrower keys.
#[kayton::export]
pub fn by_length(words: Vec<String>) -> std::collections::BTreeMap<u32, Vec<String>> {
    let mut m = std::collections::BTreeMap::<u32, Vec<String>>::new();
    for w in words {
        m.entry(w.chars().count() as u32).or_default().push(w);
    }
    m
}
