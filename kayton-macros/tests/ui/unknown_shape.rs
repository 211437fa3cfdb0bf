extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
#[kayton::instantiate(i64, u32)]
pub fn same<T>(x: T) -> T {
    x
}

fn main() {}
