extern crate kayton_macros as kayton;

kayton::plugin!();

#[kayton::export]
pub fn pair() -> (i64, std::cell::Cell<i64>) {
    (1, std::cell::Cell::new(2))
}

fn main() {}
