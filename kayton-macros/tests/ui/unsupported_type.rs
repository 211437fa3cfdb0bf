extern crate kayton_api as kayton;
kayton::plugin!();

use std::collections::HashMap;

#[kayton::export]
pub fn count(words: HashMap<String, i64>) -> i64 {
    words.len() as i64
}

fn main() {}
