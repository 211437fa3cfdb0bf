extern crate kayton_macros as kayton;

kayton::plugin!();

#[kayton::export(remote)]
pub struct Duration {
    pub secs: u64,
}

fn main() {}
