extern crate kayton_macros as kayton;

kayton::plugin!();

#[kayton::export]
pub fn counter() -> std::sync::Mutex<i64> {
    std::sync::Mutex::new(1)
}

fn main() {}
