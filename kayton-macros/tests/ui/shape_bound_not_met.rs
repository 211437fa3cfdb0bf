extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
#[kayton::instantiate(i64, Dynamic)]
pub fn biggest<T: Ord>(a: T, b: T) -> T {
    a.max(b)
}

fn main() {}
