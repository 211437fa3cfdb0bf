extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
fn hidden() -> i64 {
    1
}

fn main() {}
