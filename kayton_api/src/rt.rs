//! Runtime support for compiled cells (needs `std`): the entry-point wrapper that turns
//! panics and errors into Keyton errors, Keyton's display rules, and the checked
//! operations the compiler calls instead of panicking Rust ones.
use crate::abi::KaytonContext;
use crate::ctx::Ctx;
use std::cell::{Cell, RefCell};
use std::fmt::{Debug, Display};
use std::panic::{self, AssertUnwindSafe};
use std::string::{String, ToString};
use std::sync::Once;
use std::vec::Vec;
use std::{format, thread_local};

mod builtins;
mod bytes;
mod data;
mod dict;
mod py_methods;
mod raise;
mod rich;
mod serde_bridge;
mod show;
mod slice;
pub use builtins::{
    chars, chr, contains_str, int_text, max_of, min_of, ord, range_step, round_int, round_to,
    sorted, sorted_by_key, sorted_rev, sum_i64, to_char, wide_arith, WideInt,
};
pub use bytes::{bytes_decode, str_encode, to_bytes};
pub use data::{from_data, to_data, Data, FromData, ToData};
pub use dict::{
    dict_at_mut, dict_get, dict_get_opt, dict_get_or, dict_items, dict_keys, dict_pop, dict_sorted,
    dict_values, Dict,
};
pub use py_methods::{
    group_digits, list_index, list_insert, list_remove, py_exp, str_capitalize, str_count,
    str_find, str_format, str_pad, str_partition, str_title, str_zfill,
};
pub use raise::{raise_with, ErrText, ViaErrDebug, ViaPlain, ViaSource};
pub use rich::{
    chart, clear_output, columns_table, display, display_as, enter, escape_html, html, input, jpeg,
    markdown, png, rows_table, set_rich_result, svg, tick, ChartSpec, Rich,
};
pub use show::{fmt_float, KShow, ViaDebug, ViaDisplay, ViaName, Wrap};
pub use slice::{slice, str_slice};

thread_local! {
    static LINE: Cell<u32> = const { Cell::new(0) };
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A Keyton run-time error: its message; the line is attached when it is raised.
#[derive(Debug, Clone, PartialEq)]
pub struct KErr(pub String);

impl KErr {
    pub fn new(msg: impl Into<String>) -> KErr {
        KErr(msg.into())
    }
}
impl<E: Display> From<E> for KErr {
    fn from(e: E) -> KErr {
        KErr(e.to_string())
    }
}

/// Record the Keyton line now running (1-based within the cell), for error reports.
// Not `#[inline]`, and nothing generic touches the thread-locals: their internals are
// not exported from the dylib, so cells must reach them through these functions.
pub fn at(line: u32) {
    LINE.with(|l| l.set(line));
}

fn current_line() -> u32 {
    LINE.with(|l| l.get())
}

static HOOK: Once = Once::new();

/// Replace the default hook (which prints to stderr) with one that keeps the message
/// for the cell's error report. Installed once per process, in the shared libstd.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        panic::set_hook(std::boxed::Box::new(|info| {
            let msg = info
                .payload_as_str()
                .map(str::to_string)
                .unwrap_or_else(|| "a panic with a non-text payload".into());
            PANIC.with(|p| *p.borrow_mut() = Some(msg));
        }));
    });
}

/// The body of every cell's entry point: runs `body`, reporting an `Err` or a panic
/// as a Keyton error with the line it happened on. Returns 0 on success, 1 on error.
///
/// # Safety
/// `raw` must be the live context the host passed to the cell's entry point.
pub unsafe fn run_cell(raw: *const KaytonContext, body: fn(&Ctx<'_>) -> Result<(), KErr>) -> i32 {
    install_panic_hook();
    let ctx = unsafe { Ctx::from_raw(raw) };
    at(0);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(&ctx)));
    let message = match outcome {
        Ok(Ok(())) => return 0,
        Ok(Err(KErr(m))) => m,
        Err(payload) => caught(payload).0,
    };
    let line = current_line();
    if line > 0 {
        ctx.raise(&format!("line {line}: {message}"));
    } else {
        ctx.raise(&message);
    }
    1
}

/// Run `f`, turning a panic inside it into a `KErr` (for calls into foreign code).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, KErr> {
    install_panic_hook();
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(caught)
}

/// The error a caught unwind carries: a Keyton error raised inside a callback (see
/// [`unraise`]) as it was, else the panic's message.
fn caught(payload: std::boxed::Box<dyn core::any::Any + Send>) -> KErr {
    match payload.downcast::<KErr>() {
        Ok(e) => *e,
        Err(_) => KErr(panic_message()),
    }
}

/// The result of a Keyton function called back from Rust (a closure handed to a
/// crate): its error unwinds through the crate's frames, without the panic hook, to the
/// cell or thunk that catches it, and is raised there unchanged.
pub fn unraise<T>(r: Result<T, KErr>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic::resume_unwind(std::boxed::Box::new(e)),
    }
}

/// A Keyton list of ints lent to a call as `&mut [u8]` (or `&mut Vec<u32>`, …): the
/// items converted in (checked), and the list rewritten from what the call left when
/// the guard drops, at the end of the call's statement.
pub struct InOut<'a, T: Copy + Into<i64>> {
    list: &'a mut Vec<i64>,
    buf: Vec<T>,
}

impl<'a, T: Copy + Into<i64> + TryFrom<i64>> InOut<'a, T> {
    pub fn new(list: &'a mut Vec<i64>) -> Result<Self, KErr> {
        let buf = list
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                T::try_from(v).map_err(|_| {
                    KErr(format!(
                        "item {i}: {v} does not fit in {}",
                        core::any::type_name::<T>()
                    ))
                })
            })
            .collect::<Result<Vec<T>, KErr>>()?;
        Ok(InOut { list, buf })
    }
}

impl<T: Copy + Into<i64>> core::ops::Deref for InOut<'_, T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.buf
    }
}
impl<T: Copy + Into<i64>> core::ops::DerefMut for InOut<'_, T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.buf
    }
}
impl<T: Copy + Into<i64>> Drop for InOut<'_, T> {
    fn drop(&mut self) {
        *self.list = self.buf.iter().map(|&v| v.into()).collect();
    }
}

/// A Keyton float lent as `&mut f32`, written back when the guard drops.
pub struct InOutF32<'a> {
    x: &'a mut f64,
    v: f32,
}

impl<'a> InOutF32<'a> {
    pub fn new(x: &'a mut f64) -> Self {
        let v = *x as f32;
        InOutF32 { x, v }
    }
}
impl core::ops::Deref for InOutF32<'_> {
    type Target = f32;
    fn deref(&self) -> &f32 {
        &self.v
    }
}
impl core::ops::DerefMut for InOutF32<'_> {
    fn deref_mut(&mut self) -> &mut f32 {
        &mut self.v
    }
}
impl Drop for InOutF32<'_> {
    fn drop(&mut self) {
        *self.x = f64::from(self.v);
    }
}

/// The context a closure handed to a crate carries: a copy of the host's (the VM and
/// the vtable live as long as the executor, which outlives every loaded library), so
/// the closure is `'static` as `Box<dyn FnMut(..)>` requires.
#[derive(Clone, Copy)]
pub struct Detached(KaytonContext);

impl Detached {
    pub fn new(ctx: &Ctx<'_>) -> Detached {
        // SAFETY: `raw` is the live context of the running cell; its two pointers stay
        // valid for the executor's life.
        Detached(unsafe { *ctx.raw() })
    }
    pub fn ctx(&self) -> Ctx<'_> {
        // SAFETY: see `new`.
        unsafe { Ctx::from_raw(&self.0) }
    }
}

/// The message of the panic just caught on this thread.
pub fn panic_message() -> String {
    let m = PANIC.with(|p| p.borrow_mut().take());
    format!("panic: {}", m.unwrap_or_else(|| "unknown panic".into()))
}

fn norm_index(i: i64, len: usize, what: &str) -> Result<usize, KErr> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(KErr(format!(
            "index {i} is out of range for a {what} of length {len}"
        )));
    }
    Ok(j as usize)
}

/// `xs[i]` with Python's negative indices and a Keyton error when out of range.
pub fn index<T: Clone>(xs: &[T], i: i64) -> Result<T, KErr> {
    Ok(xs[norm_index(i, xs.len(), "list")?].clone())
}

/// `xs[i]` as the place a method changes (`rows[0].append(x)`).
pub fn index_mut<T>(xs: &mut [T], i: i64) -> Result<&mut T, KErr> {
    let j = norm_index(i, xs.len(), "list")?;
    Ok(&mut xs[j])
}

/// `xs[i] = v`.
pub fn set_index<T>(xs: &mut [T], i: i64, v: T) -> Result<(), KErr> {
    let j = norm_index(i, xs.len(), "list")?;
    xs[j] = v;
    Ok(())
}

/// `s[i]`: the i-th character, as a string.
pub fn str_index(s: &str, i: i64) -> Result<String, KErr> {
    let n = s.chars().count();
    let j = norm_index(i, n, "string")?;
    Ok(s.chars().nth(j).map(String::from).unwrap_or_default())
}

pub fn len_str(s: &str) -> i64 {
    s.chars().count() as i64
}

pub fn div_i64(a: i64, b: i64) -> Result<i64, KErr> {
    a.checked_div(b).ok_or_else(|| {
        KErr::new(if b == 0 {
            "division by zero"
        } else {
            "integer overflow in `/`"
        })
    })
}

/// `a // b`: Python's floor division (toward negative infinity: `-7 // 2` is -4).
pub fn floordiv_i64(a: i64, b: i64) -> Result<i64, KErr> {
    let q = a.checked_div(b).ok_or_else(|| {
        KErr::new(if b == 0 {
            "division by zero"
        } else {
            "integer overflow in `//`"
        })
    })?;
    Ok(if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

pub fn rem_i64(a: i64, b: i64) -> Result<i64, KErr> {
    a.checked_rem(b).ok_or_else(|| {
        KErr::new(if b == 0 {
            "modulo by zero"
        } else {
            "integer overflow in `%`"
        })
    })
}

/// `a ** b` for integers: checked, and a negative exponent is an error (no silent float).
pub fn pow_i64(a: i64, b: i64) -> Result<i64, KErr> {
    let e = u32::try_from(b).map_err(|_| {
        KErr(format!(
            "negative or huge exponent {b} in integer `**`; use floats"
        ))
    })?;
    a.checked_pow(e)
        .ok_or_else(|| KErr(format!("integer overflow in {a} ** {b}")))
}

pub fn pow_f64(a: f64, b: f64) -> f64 {
    a.powf(b)
}

/// `int(s)`: Python-like parsing (surrounding whitespace and `_` separators allowed).
pub fn parse_int(s: &str) -> Result<i64, KErr> {
    let t = s.trim().replace('_', "");
    t.parse::<i64>()
        .map_err(|_| KErr(format!("invalid literal for int(): {s:?}")))
}

pub fn parse_float(s: &str) -> Result<f64, KErr> {
    s.trim()
        .parse::<f64>()
        .map_err(|_| KErr(format!("could not convert string to float: {s:?}")))
}

/// `int(x)` for a float: truncates toward zero like Python; NaN and infinities are errors.
pub fn float_to_int(x: f64) -> Result<i64, KErr> {
    // 2^63 is exactly representable; every finite float in [-2^63, 2^63) fits in i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !(-LIMIT..LIMIT).contains(&x) {
        return Err(KErr(format!(
            "cannot convert float {} to int",
            fmt_float(x)
        )));
    }
    Ok(x.trunc() as i64)
}

/// An `i64` where a narrower Rust integer is wanted: checked, never wrapping.
pub fn narrow<T: TryFrom<i64>>(v: i64, target: &str) -> Result<T, KErr> {
    T::try_from(v).map_err(|_| KErr(format!("{v} does not fit in {target}")))
}

/// A list where a Rust array `[T; N]` is wanted: exactly `N` items, or an error that
/// says how many there were.
pub fn to_array<T, const N: usize>(v: Vec<T>) -> Result<[T; N], KErr> {
    let n = v.len();
    <[T; N]>::try_from(v).map_err(|_| KErr(format!("expected a list of {N} items, got {n}")))
}

/// An int as a `NonZero` integer (`N`, of `T`): checked, 0 and out of range raise.
pub fn nonzero<N: TryFrom<T>, T: TryFrom<i64>>(v: i64, target: &str) -> Result<N, KErr> {
    let t = T::try_from(v).map_err(|_| KErr(format!("{v} does not fit in {target}")))?;
    N::try_from(t).map_err(|_| KErr(format!("{v} is not a {target} (it must not be 0)")))
}

/// Seconds as a `Duration` (a Rust API's timeout): a negative or non-finite number is an
/// error, not a panic.
pub fn duration(secs: f64) -> Result<std::time::Duration, KErr> {
    std::time::Duration::try_from_secs_f64(secs).map_err(|_| {
        KErr(format!(
            "{secs} is not a duration in seconds (it must be finite and not negative)"
        ))
    })
}

/// A Rust integer of any width as Keyton's `i64`: checked, never wrapping.
pub fn to_i64<T: TryInto<i64> + Display + Copy>(v: T) -> Result<i64, KErr> {
    v.try_into()
        .map_err(|_| KErr(format!("{v} does not fit in i64")))
}

/// Concatenate two strings (`a + b`).
pub fn concat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// `print(a, b, …)`: space-separated, newline-terminated, into the cell's stdout.
pub fn print(ctx: &Ctx<'_>, parts: &[String]) {
    let mut line = parts.join(" ");
    line.push('\n');
    ctx.print(&line);
}

/// `print(a, b, sep=s, end=e)`.
pub fn print_with(ctx: &Ctx<'_>, parts: &[String], sep: &str, end: &str) {
    let mut line = parts.join(sep);
    line.push_str(end);
    ctx.print(&line);
}

/// `eprint(a, b, sep=s, end=e)`.
pub fn eprint_with(ctx: &Ctx<'_>, parts: &[String], sep: &str, end: &str) {
    let mut line = parts.join(sep);
    line.push_str(end);
    ctx.eprint(&line);
}

/// `eprint(a, b, …)`: like `print`, into the cell's stderr.
pub fn eprint(ctx: &Ctx<'_>, parts: &[String]) {
    let mut line = parts.join(" ");
    line.push('\n');
    ctx.eprint(&line);
}

/// Elements of a list as Keyton shows them, for `print` and results.
pub fn show_list<T: KShow>(xs: &[T]) -> String {
    let items: Vec<String> = xs.iter().map(KShow::krepr).collect();
    format!("[{}]", items.join(", "))
}

/// The items of an iterator a Rust call returned, as a Keyton list.
pub fn collect_iter<T>(items: impl IntoIterator<Item = T>) -> Result<Vec<T>, KErr> {
    crate::iter::collect(items).map_err(KErr)
}

/// The Rust type name of a value, as `type_of` shows it.
pub fn type_name_of<T>(_: &T) -> &'static str {
    std::any::type_name::<T>()
}

/// Debug-print helper for `repr` of Rust values without `KShow`.
pub fn debug_of<T: Debug>(v: &T) -> String {
    format!("{v:?}")
}

/// A `try` block: its `Err`, or a panic inside it, as the error its handler catches.
pub fn attempt<T>(f: impl FnOnce() -> Result<T, KErr>) -> Result<T, KErr> {
    catch(f).and_then(|r| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_and_out_of_range_indices() {
        let xs = [3i64, 1, 2, 10];
        assert_eq!(index(&xs, -1), Ok(10));
        assert_eq!(index(&xs, 0), Ok(3));
        assert_eq!(
            index(&xs, 7).unwrap_err().0,
            "index 7 is out of range for a list of length 4"
        );
        assert!(index(&xs, -5).is_err());
        assert_eq!(str_index("héllo", 1).unwrap(), "é");
    }

    #[test]
    fn arrays_take_exactly_their_length() {
        assert_eq!(to_array::<u8, 3>(std::vec![1, 2, 3]), Ok([1, 2, 3]));
        assert_eq!(
            to_array::<u8, 3>(std::vec![1]).unwrap_err().0,
            "expected a list of 3 items, got 1"
        );
    }

    #[test]
    fn integer_ops_are_checked() {
        assert_eq!(div_i64(7, 2), Ok(3));
        assert_eq!(div_i64(-7, 2), Ok(-3));
        assert_eq!(rem_i64(-7, 3), Ok(-1));
        assert_eq!(div_i64(1, 0).unwrap_err().0, "division by zero");
        assert_eq!(pow_i64(2, 10), Ok(1024));
        assert!(pow_i64(2, 64).unwrap_err().0.contains("overflow"));
        assert!(pow_i64(2, -1).is_err());
    }

    #[test]
    fn parsing() {
        assert_eq!(parse_int(" 42 "), Ok(42));
        assert_eq!(
            parse_int("forty").unwrap_err().0,
            "invalid literal for int(): \"forty\""
        );
        assert_eq!(parse_float("2.5"), Ok(2.5));
        assert_eq!(float_to_int(-2.7), Ok(-2));
        assert!(float_to_int(f64::NAN).is_err());
        assert_eq!(narrow::<u8>(255, "u8"), Ok(255));
        assert_eq!(
            narrow::<u8>(256, "u8").unwrap_err().0,
            "256 does not fit in u8"
        );
    }

    #[test]
    fn catch_turns_panics_into_errors() {
        let r: Result<(), KErr> = catch(|| panic!("boom {}", 1));
        assert_eq!(r.unwrap_err().0, "panic: boom 1");
    }
}
