//! Python's bytes habits over Keyton's bytes (a list of ints, as `b"…"` and a crate's
//! `Vec<u8>` are): `bytes(xs)`, `xs.decode()`, `s.encode()`.
use super::KErr;
use std::format;
use std::string::String;
use std::vec::Vec;

/// `bytes(xs)`: the list itself, each item checked to be a byte (0–255), as Python's
/// `bytes([256])` raises.
pub fn to_bytes(xs: Vec<i64>) -> Result<Vec<i64>, KErr> {
    if let Some((i, x)) = xs.iter().enumerate().find(|(_, x)| !(0..=255).contains(*x)) {
        return Err(KErr(format!(
            "bytes must be in range(0, 256): item {i} is {x}"
        )));
    }
    Ok(xs)
}

/// `xs.decode()`: the UTF-8 text of bytes; bytes that are not UTF-8 raise, naming the
/// first bad one as Python's `UnicodeDecodeError` does.
pub fn bytes_decode(xs: &[i64]) -> Result<String, KErr> {
    let bytes: Vec<u8> = to_bytes(xs.to_vec())?
        .into_iter()
        .map(|b| b as u8)
        .collect();
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        KErr(format!(
            "'utf-8' codec can't decode byte 0x{:02x} in position {at}",
            e.as_bytes()[at]
        ))
    })
}

/// `s.encode()`: a string's UTF-8 bytes.
pub fn str_encode(s: &str) -> Vec<i64> {
    s.bytes().map(i64::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn bytes_are_checked_and_decoded_as_utf8() {
        assert_eq!(to_bytes(vec![0, 255]).unwrap(), vec![0, 255]);
        assert!(to_bytes(vec![256]).unwrap_err().0.contains("item 0 is 256"));
        assert_eq!(bytes_decode(&str_encode("héllo")).unwrap(), "héllo");
        let bad = bytes_decode(&[104, 0xff]).unwrap_err().0;
        assert_eq!(bad, "'utf-8' codec can't decode byte 0xff in position 1");
    }
}
