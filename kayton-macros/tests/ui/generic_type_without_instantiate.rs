extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
#[derive(Debug, Clone)]
pub struct Holder<T> {
    pub value: T,
}

fn main() {}
