extern crate kayton_api as kayton;

kayton::plugin!();

// A group gives each type parameter its own type: two parameters, three types.
#[kayton::export]
#[kayton::instantiate({i64, Box<dyn Fn(&i64) -> bool>, String})]
pub fn keep<T, F: Fn(&T) -> bool>(xs: Vec<T>, f: F) -> Vec<T> {
    xs.into_iter().filter(|x| f(x)).collect()
}

fn main() {}
