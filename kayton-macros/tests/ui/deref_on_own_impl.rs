extern crate kayton_api as kayton;

kayton::plugin!();

pub struct Ledger {
    rows: Vec<i64>,
}

// `#[kayton::deref(Target)]` says a remote block's methods are the target's, reached
// through `Deref`; a type of this crate exports its own methods, so it is refused here.
#[kayton::export]
#[kayton::deref(Ledger)]
impl Ledger {
    pub fn rows(&self) -> usize {
        self.rows.len()
    }
}

fn main() {}
