extern crate kayton_api as kayton;

kayton::plugin!();

// The closure's type does not meet the parameter's bound (it takes `i64`, not `&i64`):
// the error is at the group that lists it.
#[kayton::export]
#[kayton::instantiate({i64, Box<dyn Fn(i64) -> bool>})]
pub fn keep<T, F: Fn(&T) -> bool>(xs: Vec<T>, f: F) -> Vec<T> {
    xs.into_iter().filter(|x| f(x)).collect()
}

fn main() {}
