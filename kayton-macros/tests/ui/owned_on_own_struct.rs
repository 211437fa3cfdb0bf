extern crate kayton_api as kayton;

kayton::plugin!();

// `#[kayton::owned(Owned)]` marks the mirror of another crate's unsized type, held as
// its owned form; a struct of this crate is a kind of its own, so it is refused here.
#[kayton::export]
#[kayton::owned(String)]
pub struct Name {
    pub text: String,
}

fn main() {}
