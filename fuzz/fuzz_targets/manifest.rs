//! The manifest reader on bytes from a plugin file (`kayton_env::embedded::read_bytes`:
//! ELF symbols, fragments, assembly), and the assembler on fragment JSON: an error is
//! fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kayton_env::embedded::read_bytes(data, "fuzz", "fuzz");
    if let Ok(frags) = serde_json::from_slice::<Vec<kayton_manifest::fragment::Fragment>>(data) {
        let _ = kayton_manifest::assemble::assemble("fuzz", &frags, "");
    }
});
