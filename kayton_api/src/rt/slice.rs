//! `xs[start:stop:step]` and `s[start:stop:step]` with Python's rules: negative
//! indices count from the end, out-of-range bounds are clamped, a negative step walks
//! backwards, and strings are sliced by characters.
use super::KErr;
use std::string::String;
use std::vec::Vec;

/// The positions a slice takes from a sequence of `len` items, in order.
fn positions(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<Vec<usize>, KErr> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(KErr::new("slice step cannot be zero"));
    }
    let n = i64::try_from(len).unwrap_or(i64::MAX);
    // A given bound: from the end when negative, then clamped to [lo, hi].
    let bound = |i: Option<i64>, default: i64, lo: i64, hi: i64| match i {
        None => default,
        Some(i) if i < 0 => i.saturating_add(n).clamp(lo, hi),
        Some(i) => i.clamp(lo, hi),
    };
    let mut out = Vec::new();
    if step > 0 {
        let (mut i, end) = (bound(start, 0, 0, n), bound(stop, n, 0, n));
        while i < end {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    } else {
        // Backwards: -1 stands for "before the first item".
        let (mut i, end) = (bound(start, n - 1, -1, n - 1), bound(stop, -1, -1, n - 1));
        while i > end {
            out.push(i as usize);
            i = i.saturating_add(step);
        }
    }
    Ok(out)
}

/// `xs[start:stop:step]` of a list.
pub fn slice<T: Clone>(
    xs: &[T],
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<Vec<T>, KErr> {
    Ok(positions(xs.len(), start, stop, step)?
        .into_iter()
        .map(|i| xs[i].clone())
        .collect())
}

/// `s[start:stop:step]` of a string, by characters.
pub fn str_slice(
    s: &str,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<String, KErr> {
    let chars: Vec<char> = s.chars().collect();
    Ok(positions(chars.len(), start, stop, step)?
        .into_iter()
        .map(|i| chars[i])
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_slices() {
        let xs = [1, 2, 3, 4, 5, 6];
        let s = |a, b, c| slice(&xs, a, b, c).unwrap();
        assert_eq!(s(Some(1), Some(3), None), [2, 3]);
        assert_eq!(s(None, Some(2), None), [1, 2]);
        assert_eq!(s(Some(-2), None, None), [5, 6]);
        assert_eq!(s(None, None, Some(2)), [1, 3, 5]);
        assert_eq!(s(None, None, Some(-1)), [6, 5, 4, 3, 2, 1]);
        assert_eq!(s(Some(-2), Some(0), Some(-1)), [5, 4, 3, 2]);
        assert_eq!(s(Some(4), Some(1), Some(-2)), [5, 3]);
        assert_eq!(s(Some(10), Some(-10), Some(-3)), [6, 3]);
        assert_eq!(s(Some(100), None, None), Vec::<i32>::new());
        assert_eq!(s(None, Some(-1), Some(-1)), Vec::<i32>::new());
        assert!(slice(&xs, None, None, Some(0)).is_err());
        assert_eq!(
            str_slice("héllo world", None, Some(5), None).unwrap(),
            "héllo"
        );
        assert_eq!(str_slice("héllo", None, None, Some(-1)).unwrap(), "olléh");
    }
}
