extern crate kayton_api as kayton;
kayton::plugin!();

use std::collections::VecDeque;

#[kayton::export]
pub fn count(words: VecDeque<String>) -> i64 {
    words.len() as i64
}

fn main() {}
