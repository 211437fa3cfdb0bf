//! The Jupyter wire decoder (identities, `<IDS|MSG>`, HMAC, four JSON parts) on frames
//! cut from the input at `\xff\xfe`: a rejected message is fine, a panic is a bug.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut frames = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(2).position(|w| w == b"\xff\xfe") {
        frames.push(bytes::Bytes::copy_from_slice(&rest[..i]));
        rest = &rest[i + 2..];
    }
    frames.push(bytes::Bytes::copy_from_slice(rest));
    for key in ["", "fuzz-key"] {
        let _ = keyton_jupyter::wire::Signer::new(key).decode(frames.clone());
    }
});
