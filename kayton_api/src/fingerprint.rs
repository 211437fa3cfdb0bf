//! The build fingerprint: which compiler, target and `kayton_api` built an artifact.
//! Rust has no stable ABI, so everything loaded into one session must agree on it.

/// `(kayton_api version, target triple, rustc -vV with newlines as "; ")`.
pub const FINGERPRINT_PARTS: (&str, &str, &str) = (
    env!("CARGO_PKG_VERSION"),
    env!("KAYTON_TARGET"),
    env!("KAYTON_RUSTC_VV"),
);

/// The fingerprint of this build of `kayton_api`, in the one format every artifact uses.
pub const fn fingerprint() -> &'static str {
    concat!(
        "kayton_api ",
        env!("CARGO_PKG_VERSION"),
        " (source ",
        env!("KAYTON_SOURCE_HASH"),
        "); target ",
        env!("KAYTON_TARGET"),
        "; ",
        env!("KAYTON_RUSTC_VV")
    )
}

/// Whether an artifact built for ABI `provided` may be used by a host that requires
/// `required`: the majors must match and the provided minor must be at least the required.
pub fn abi_compatible(required: u32, provided: u32) -> Result<(), (u32, u32, u32, u32)> {
    let (rm, rn) = (required >> 16, required & 0xffff);
    let (pm, pn) = (provided >> 16, provided & 0xffff);
    if rm == pm && pn >= rn {
        Ok(())
    } else {
        Err((rm, rn, pm, pn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abi_rule() {
        let v = |a: u32, b: u32| (a << 16) | b;
        assert!(abi_compatible(v(1, 0), v(1, 0)).is_ok());
        assert!(abi_compatible(v(1, 0), v(1, 3)).is_ok());
        assert_eq!(abi_compatible(v(1, 2), v(1, 1)), Err((1, 2, 1, 1)));
        assert_eq!(abi_compatible(v(1, 0), v(2, 0)), Err((1, 0, 2, 0)));
    }

    #[test]
    fn fingerprint_names_compiler_and_target() {
        let f = fingerprint();
        assert!(f.starts_with("kayton_api "));
        assert!(f.contains("rustc "), "{f}");
        assert!(f.contains(FINGERPRINT_PARTS.1));
    }
}
