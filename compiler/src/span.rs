//! Byte spans into one cell's source, and line lookup for them.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// 1-based line of byte offset `pos` in `src`.
pub fn line_of(src: &str, pos: usize) -> u32 {
    // Bytes, not a str slice: a span may come from an f-string part and need not sit on
    // a char boundary.
    let upto = &src.as_bytes()[..pos.min(src.len())];
    upto.iter().filter(|b| **b == b'\n').count() as u32 + 1
}
