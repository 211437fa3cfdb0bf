//! bindgen's reader of rustdoc JSON: any `Crate` serde accepts goes through `api()` (the
//! items bound, skipped with reasons): a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(krate) = serde_json::from_slice::<rustdoc_types::Crate>(data) {
        let _ = bindgen_kayton::api(&krate, &[], "fuzz", "0.1.0");
    }
});
