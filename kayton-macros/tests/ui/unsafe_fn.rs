extern crate kayton_api as kayton;

kayton::plugin!();

#[kayton::export]
pub unsafe fn read(p: *const u8) -> u8 {
    *p
}

fn main() {}
