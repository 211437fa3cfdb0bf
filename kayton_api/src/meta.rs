//! Manifest fragments as bytes in a plugin library, built at compile time.
//!
//! A macro cannot know its module path or which traits a type implements; the compiler
//! can, in a const: `module_path!()` and [`crate::Probe`] consts are `&'static str`
//! pieces. These const fns join the pieces into the `[u8; N]` of an exported static,
//! which the host reads out of the library file without running it.

/// Total length of `pieces`.
pub const fn len(pieces: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < pieces.len() {
        n += pieces[i].len();
        i += 1;
    }
    n
}

/// `pieces` joined into exactly `N` bytes (`N` must be [`len`] of them).
pub const fn bytes<const N: usize>(pieces: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < pieces.len() {
        let b = pieces[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            out[at] = b[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(at == N, "meta::bytes: N is not the pieces' length");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn joins_in_const() {
        const P: &[&str] = &["{\"a\":\"", module_path!(), "\"}"];
        const B: [u8; super::len(P)] = super::bytes(P);
        assert_eq!(&B, b"{\"a\":\"kayton_api::meta::tests\"}");
    }
}
