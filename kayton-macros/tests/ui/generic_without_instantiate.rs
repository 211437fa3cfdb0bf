extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
pub fn largest<T: PartialOrd + Clone>(xs: &[T]) -> T {
    xs[0].clone()
}

fn main() {}
