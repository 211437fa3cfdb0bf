//! What `#[kayton::export]` expansions call: argument and result conversions for VM
//! registry thunks, the kind of an exported type, and the thunk body that turns an
//! `Err` or a panic into a Keyton error. Generated code never writes `unsafe` logic of
//! its own beyond calling these.
use crate::abi::{KRet, KValue, KaytonContext, Tag};
use crate::convert::{mismatch, slice, FromKayton, Owned};
use crate::ctx::Ctx;
use crate::dynamic::Dynamic;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ffi::c_void;
use core::fmt::Display;
use core::sync::atomic::{AtomicU32, Ordering};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An exported type: the VM kind its values have. Implemented by `#[kayton::export]`.
///
/// `M` is the plugin's marker type (`kayton::plugin!()` declares `__KaytonPlugin` at
/// the plugin's root). Every conversion trait here takes it, so that a plugin may make
/// a *foreign* type a kind (`#[kayton::export(remote = semver::Version)]`): Rust's
/// orphan rule allows `impl Kind<Local> for Foreign`, never `impl Kind for Foreign`.
pub trait Kind<M>: 'static {
    /// The kind's name, the type's Rust path (`geometry::Point`).
    const KIND_NAME: &'static str;
    /// Where the registrar stores the id the VM gave the kind (0 until registered).
    fn kind_slot() -> &'static AtomicU32;
    fn kind_id() -> u32 {
        Self::kind_slot().load(Ordering::Relaxed)
    }
}

const SUPPORTED: &str = "i64, f64, bool, String, &str, any integer width (checked), Vec<T> and &[T] of i64/f64/String, Vec<T> of any integer width (checked; &[T] from compiled cells), bytes (&[u8], Vec<u8>, [u8; N]), Duration (seconds), PathBuf/&Path, SocketAddr/IpAddr (text), Option<T>, tuples (of Clone types), Dynamic, and #[kayton::export] types by value, & or &mut";

/// A parameter type a registry thunk can convert a borrowed ABI value into.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of an exported function",
    label = "Keyton cannot pass this type",
    note = "supported: i64, f64, bool, String, &str, any integer width (checked), Vec<T> and &[T] of i64/f64/String, Vec<T> of any integer width (checked; &[T] from compiled cells), bytes (&[u8], Vec<u8>), arrays [T; N] and &[T; N] of those items, f32 and bool lists (from compiled cells), Cow<str>/Arc<str>, Duration (seconds), PathBuf/&Path, SocketAddr/IpAddr (text), Option<T>, HashMap/BTreeMap (a dict, from compiled cells), Dynamic, and #[kayton::export] types by value, & or &mut"
)]
pub trait FromArg<'a, M>: Sized {
    /// # Safety
    /// `v` must be a live ABI value whose data outlives `'a`.
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String>;
}

/// A result type a registry thunk can hand back to the VM.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned by an exported function",
    label = "Keyton cannot receive this type",
    note = "supported: (), i64, f64, bool, String, &str, any integer width (checked), Vec<i64>/Vec<f64>/Vec<String> and lists of any integer width, bytes, Duration, PathBuf, SocketAddr/IpAddr, Ordering, Option<T>, Result<T, E: Display>, tuples (of Debug + Clone + PartialEq types), Dynamic, and #[kayton::export] types by value (& of a Clone one)"
)]
pub trait IntoRet<M> {
    fn into_ret(self) -> Result<Owned, String>;
    /// What thunks call: `into_ret`, except for results that must register a kind with
    /// the session first (tuples).
    fn into_ret_in(self, _ctx: &Ctx<'_>) -> Result<Owned, String>
    where
        Self: Sized,
    {
        self.into_ret()
    }
}

macro_rules! via_from_kayton {
    ($($t:ty),*) => {$(
        impl<'a, M> FromArg<'a, M> for $t {
            unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
                <$t as FromKayton>::from_kayton(v)
            }
        }
    )*};
}
via_from_kayton!(
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f64,
    bool,
    String,
    Vec<i64>,
    Vec<f64>,
    Vec<String>
);

impl<'a, M> FromArg<'a, M> for f32 {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        f64::from_kayton(v).map(|x| x as f32)
    }
}
impl<'a, M> FromArg<'a, M> for &'a str {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::Str) => Ok(crate::abi::KStr {
                ptr: v.ptr.cast(),
                len: v.len,
            }
            .as_str()),
            _ => Err(mismatch("&str", v)),
        }
    }
}
/// `Vec<&str>` borrows each string of a Keyton list (zxcvbn's `user_inputs`).
impl<'a, M> FromArg<'a, M> for Vec<&'a str> {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::VecStr) => Ok(slice::<crate::abi::KStr>(v)
                .iter()
                .map(|s| s.as_str())
                .collect()),
            _ => Err(mismatch("Vec<&str>", v)),
        }
    }
}
/// `&[&str]` needs a `Vec<&str>` that outlives the call: a compiled cell builds it at
/// the call (the compiler's `lower/args.rs`); a registry call refuses it.
impl<'a, M> FromArg<'a, M> for &'a [&'a str] {
    unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
        Err("a list of &str is passed from a compiled cell, not a registry call".into())
    }
}
/// `&[String]` (aho-corasick's `replace_all(haystack, &[B: AsRef<str>])`): a compiled
/// cell lends its list of strings; a registry call refuses it, as for `&[&str]`.
impl<'a, M> FromArg<'a, M> for &'a [String] {
    unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
        Err("a list of String is passed from a compiled cell, not a registry call".into())
    }
}
impl<'a, M> FromArg<'a, M> for &'a [i64] {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::VecI64) => Ok(slice(v)),
            _ => Err(mismatch("&[i64]", v)),
        }
    }
}
impl<'a, M> FromArg<'a, M> for &'a [f64] {
    unsafe fn from_arg(_: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::VecF64) => Ok(slice(v)),
            _ => Err(mismatch("&[f64]", v)),
        }
    }
}
impl<'a, M, T: FromArg<'a, M>> FromArg<'a, M> for Option<T> {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::Unit) => Ok(None),
            _ => T::from_arg(ctx, v).map(Some),
        }
    }
}
/// A Rust map parameter (`HashMap<K, V>`, `&BTreeMap<K, V>`, which thunks take by value
/// and lend): a compiled cell passes a dict, converted at the call; a VM registry call
/// has no dict to pass.
impl<'a, M, K, V, X> FromArg<'a, M> for std::collections::HashMap<K, V, X> {
    unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
        Err(MAP_FROM_CELLS.into())
    }
}
impl<'a, M, K, V> FromArg<'a, M> for std::collections::BTreeMap<K, V> {
    unsafe fn from_arg(_: &Ctx<'_>, _: &'a KValue) -> Result<Self, String> {
        Err(MAP_FROM_CELLS.into())
    }
}
const MAP_FROM_CELLS: &str =
    "a map is passed from a compiled cell (as a dict), not a registry call";

impl<'a, M> FromArg<'a, M> for Dynamic {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        match v.tag() {
            Some(Tag::Dynamic) => {
                let desc = ctx
                    .kind_desc(v.kind)
                    .ok_or_else(|| format!("unknown kind id {}", v.kind))?;
                Ok(Dynamic::from_raw_view(v.ptr, v.kind, desc))
            }
            _ => Err(mismatch("a value of a Rust type", v)),
        }
    }
}
impl<'a, M, T: Kind<M>> FromArg<'a, M> for &'a T {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        kind_ptr::<M, T>(ctx, v).map(|p| &*p)
    }
}
impl<'a, M, T: Kind<M>> FromArg<'a, M> for &'a mut T {
    unsafe fn from_arg(ctx: &Ctx<'_>, v: &'a KValue) -> Result<Self, String> {
        kind_ptr::<M, T>(ctx, v).map(|p| &mut *p)
    }
}

/// An exported type by value: a copy through its kind's clone fn (the VM keeps the
/// argument). Called by the `FromArg` impl that `#[kayton::export]` writes for a type.
///
/// # Safety
/// As [`FromArg::from_arg`].
pub unsafe fn kind_by_value<M, T: Kind<M>>(ctx: &Ctx<'_>, v: &KValue) -> Result<T, String> {
    let p = kind_ptr::<M, T>(ctx, v)?;
    let desc = ctx.kind_desc(v.kind).ok_or("unknown kind")?;
    let clone = desc.clone.ok_or_else(|| {
        format!(
            "`{}` is not Clone: it can only be passed by reference here",
            T::KIND_NAME
        )
    })?;
    Ok(*Box::from_raw(clone(p as *const c_void) as *mut T))
}

/// An exported type by value as a result: moved into the VM as a dynamic value.
pub fn kind_into_ret<M, T: Kind<M>>(value: T) -> Result<Owned, String> {
    let id = T::kind_id();
    if id == 0 {
        return Err(format!("kind `{}` is not registered", T::KIND_NAME));
    }
    Ok(Owned::Dynamic(
        Box::into_raw(Box::new(value)) as *mut c_void,
        id,
    ))
}

unsafe fn kind_ptr<M, T: Kind<M>>(_: &Ctx<'_>, v: &KValue) -> Result<*mut T, String> {
    if v.tag() == Some(Tag::Dynamic) && v.kind != 0 && v.kind == T::kind_id() {
        return Ok(v.ptr as *mut T);
    }
    Err(mismatch(T::KIND_NAME, v))
}

macro_rules! into_ret_via_owned {
    ($($t:ty),*) => {$(
        impl<M> IntoRet<M> for $t {
            fn into_ret(self) -> Result<Owned, String> { Ok(Owned::from(self)) }
        }
    )*};
}
into_ret_via_owned!(
    (),
    i8,
    i16,
    i32,
    u8,
    u16,
    u32,
    i64,
    f64,
    bool,
    String,
    Vec<i64>,
    Vec<f64>,
    Vec<String>
);

macro_rules! into_ret_checked {
    ($($t:ty),*) => {$(
        impl<M> IntoRet<M> for $t {
            fn into_ret(self) -> Result<Owned, String> {
                i64::try_from(self)
                    .map(Owned::I64)
                    .map_err(|_| format!("{self} does not fit in i64"))
            }
        }
    )*};
}
into_ret_checked!(u64, usize, isize);

impl<M> IntoRet<M> for f32 {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::F64(crate::widen_f32(self)))
    }
}
impl<M> IntoRet<M> for &str {
    fn into_ret(self) -> Result<Owned, String> {
        Ok(Owned::Str(self.to_string()))
    }
}
impl<M, T: IntoRet<M>> IntoRet<M> for Option<T> {
    fn into_ret(self) -> Result<Owned, String> {
        match self {
            None => Ok(Owned::Unit),
            Some(v) => v.into_ret(),
        }
    }
    fn into_ret_in(self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        match self {
            None => Ok(Owned::Unit),
            Some(v) => v.into_ret_in(ctx),
        }
    }
}
impl<M, T: IntoRet<M>, E: Display> IntoRet<M> for Result<T, E> {
    fn into_ret(self) -> Result<Owned, String> {
        self.map_err(|e| e.to_string())?.into_ret()
    }
    fn into_ret_in(self, ctx: &Ctx<'_>) -> Result<Owned, String> {
        self.map_err(|e| e.to_string())?.into_ret_in(ctx)
    }
}
/// A borrowed exported value (`fn headers(&self) -> &HeaderMap`): a clone goes to the VM.
impl<M, T: Kind<M> + Clone> IntoRet<M> for &T {
    fn into_ret(self) -> Result<Owned, String> {
        kind_into_ret::<M, T>(self.clone())
    }
}
impl<M> IntoRet<M> for Dynamic {
    fn into_ret(self) -> Result<Owned, String> {
        let name = String::from(self.kind_name());
        let (p, kind) = self
            .into_raw()
            .ok_or_else(|| format!("a borrowed `{name}` cannot be returned: it is not Clone"))?;
        Ok(Owned::Dynamic(p, kind))
    }
}

/// Argument `i` (named `name`) of a thunk call, converted to `T`.
///
/// # Safety
/// `args` must point to `nargs` live values that outlive `'a`.
pub unsafe fn arg<'a, M, T: FromArg<'a, M>>(
    ctx: &Ctx<'_>,
    args: *const KValue,
    nargs: usize,
    i: usize,
    name: &str,
) -> Result<T, String> {
    if i >= nargs {
        return Err(format!("missing argument `{name}`"));
    }
    T::from_arg(ctx, &*args.add(i)).map_err(|e| format!("argument `{name}`: {e}"))
}

/// A boxed closure parameter (`Box<dyn FnMut(i64) -> bool>`) called through the
/// registry: a Keyton function is a value only inside a compiled cell, which calls the
/// item's wrapper directly, so the registry refuses with the reason.
pub fn callable_arg<T>(name: &str) -> Result<T, String> {
    Err(format!(
        "argument `{name}` is a function: pass a Keyton function (`fn`) from a cell; the VM registry cannot make one"
    ))
}

/// A trait object parameter (`Box<dyn Node>`, `&dyn Error`) called through the
/// registry: a compiled cell boxes or lends a value of any type implementing the trait
/// (rustc checks it); the registry has no way to make one of a kind value.
pub fn dyn_arg<T>(name: &str) -> Result<T, String> {
    Err(format!(
        "argument `{name}` is a trait object: pass a value from a cell; the VM registry cannot make one"
    ))
}

/// A list of a crate's values (`Vec<Point>`, `&[DiffOp]`) called through the registry:
/// a compiled cell passes its list; the registry has no list of kind values.
pub fn kind_list_arg<T>(name: &str) -> Result<T, String> {
    Err(format!(
        "argument `{name}` is a list of Rust values: pass it from a cell; the VM registry has no such list"
    ))
}

/// A result that borrows from an argument (`serde_json::map::Entry<'_>`) asked of the
/// registry: a cell uses such a value in the expression that made it; the VM keeps
/// values, so the registry refuses.
pub fn borrowed_ret() -> Result<Owned, String> {
    Err("the result borrows from an argument: use it in the same expression in a cell (`m.entry(k).or_insert(v)`); the VM registry keeps values".into())
}

/// An in-out parameter (`&mut [u8]`, `&mut String`) called through the registry: a
/// compiled cell lends the call a variable and sees what it wrote; registry arguments
/// are values, so the registry refuses rather than drop the writes.
pub fn inout_arg<T>(name: &str) -> Result<T, String> {
    Err(format!(
        "argument `{name}` is written by the call: pass a variable from a cell; the VM registry passes values"
    ))
}

/// The body of every registry thunk: check the arity, run `f` catching panics, store its
/// result or raise its error (`Err` text, conversion error or panic message), prefixed
/// with the Keyton name of the function.
///
/// # Safety
/// `ctx` and `ret` must be what the host passed to the running thunk.
pub unsafe fn thunk(
    ctx: *const KaytonContext,
    nargs: usize,
    arity: usize,
    ret: *mut KRet,
    name: &str,
    f: impl FnOnce(&Ctx<'_>) -> Result<Owned, String>,
) -> bool {
    let c = Ctx::from_raw(ctx);
    if nargs != arity {
        c.raise(&format!(
            "{name}() takes {arity} argument(s), {nargs} given"
        ));
        return false;
    }
    match catch_unwind(AssertUnwindSafe(|| f(&c))) {
        Ok(Ok(v)) => {
            c.ret_value(ret, v);
            true
        }
        Ok(Err(e)) => {
            c.raise(&format!("{name}: {e}"));
            false
        }
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            c.raise(&format!("{name} panicked: {msg}"));
            false
        }
    }
}

/// Store the kind id the VM gave `T` (called by its registrar).
pub fn set_kind_id<M, T: Kind<M>>(id: u32) {
    T::kind_slot().store(id, Ordering::Relaxed);
}

/// The supported types, for messages.
pub fn supported() -> &'static str {
    SUPPORTED
}

mod arrays;
mod bytes_std;
mod fallback;
mod int_lists;
pub use fallback::{RetSlot, RetViaDebug, RetViaIntoRet, RetViaOpaque, RetViaOwned, RetViaShown};
mod iters;
mod ranges;
mod tuples;

#[cfg(test)]
mod tests;
