extern crate kayton_api as kayton;

kayton::plugin!();

// A result that borrows from an argument cannot outlive the call: neither converted
// (`&T` of a non-Clone type) nor kept as a kind (kinds are 'static).
#[kayton::export]
pub fn first(xs: &Vec<i64>) -> &std::sync::Mutex<i64> {
    static COUNT: std::sync::Mutex<i64> = std::sync::Mutex::new(0);
    *COUNT.lock().unwrap() = xs.len() as i64;
    &COUNT
}

fn main() {}
