extern crate kayton_api as kayton;

kayton::plugin!();

// A remote declaration names another crate's function; a body would never run.
#[kayton::export(remote = std::cmp::max)]
pub fn max(a: i64, b: i64) -> i64 {
    a.max(b)
}

fn main() {}
