extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export(remote)]
pub struct Duration {
    pub secs: u64,
}

fn main() {}
