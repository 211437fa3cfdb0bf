extern crate kayton_api as kayton;

kayton::plugin!();

// `#[kayton::literal]` says a remote mirror lists every field of the real type; a type
// of this crate may have private ones, so it is refused here.
#[kayton::export]
#[kayton::literal]
pub struct Span {
    pub start: usize,
    end: usize,
}

fn main() {}
