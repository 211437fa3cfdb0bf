extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
pub fn first<'a>(a: &'a str, _b: &str) -> &'a str {
    a
}

fn main() {}
