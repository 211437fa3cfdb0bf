//! Building a [`KindDesc`] for a Rust type: generic `extern "C"` fns per capability.
use crate::abi::{KStr, KindDesc, WriteFn};
use crate::ctx::Ctx;
use alloc::boxed::Box;
use alloc::format;
use core::ffi::c_void;
use core::fmt::{Debug, Display};
use core::marker::PhantomData;

/// A kind's display or debug fn.
pub type ShowFn = unsafe extern "C" fn(value: *const c_void, sink: *mut c_void, write: WriteFn);
/// A kind's clone fn.
pub type CloneFn = unsafe extern "C" fn(value: *const c_void) -> *mut c_void;
/// A kind's eq fn.
pub type EqFn = unsafe extern "C" fn(a: *const c_void, b: *const c_void) -> bool;

/// Compile-time probes of the traits a kind's fns need, for a concrete `T`:
/// `Probe::<T>::DISPLAY_FN` is `Some` exactly when `T: Display`. An inherent associated
/// const (whose impl requires the trait) shadows the trait's default one, which is the
/// fallback when the bound does not hold; `*_NAME` are the manifest's words for them.
pub struct Probe<T: ?Sized>(PhantomData<T>);

/// The fallbacks of [`Probe`] for a type that lacks a trait.
pub trait ProbeFallback {
    const DISPLAY_FN: Option<ShowFn> = None;
    const DEBUG_FN: Option<ShowFn> = None;
    const CLONE_FN: Option<CloneFn> = None;
    const EQ_FN: Option<EqFn> = None;
    const DISPLAY_NAME: &'static str = "";
    const DEBUG_NAME: &'static str = "";
    const CLONE_NAME: &'static str = "";
    const EQ_NAME: &'static str = "";
    const ORD_NAME: &'static str = "";
    const ADD_NAME: &'static str = "";
    const SUB_NAME: &'static str = "";
    const MUL_NAME: &'static str = "";
    const DIV_NAME: &'static str = "";
    const REM_NAME: &'static str = "";
    const NEG_NAME: &'static str = "";
    const ADD_INT_NAME: &'static str = "";
    const SUB_INT_NAME: &'static str = "";
    const MUL_INT_NAME: &'static str = "";
    const DIV_INT_NAME: &'static str = "";
    const REM_INT_NAME: &'static str = "";
    const LOWER_HEX_NAME: &'static str = "";
    const UPPER_HEX_NAME: &'static str = "";
    const MIME_BUNDLE_NAME: &'static str = "";
}
impl<T: ?Sized> ProbeFallback for Probe<T> {}

impl<T: Display + 'static> Probe<T> {
    pub const DISPLAY_FN: Option<ShowFn> = Some(display_fn::<T>);
    pub const DISPLAY_NAME: &'static str = "Display ";
}
impl<T: Debug + 'static> Probe<T> {
    pub const DEBUG_FN: Option<ShowFn> = Some(debug_fn::<T>);
    pub const DEBUG_NAME: &'static str = "Debug ";
}
impl<T: Clone + 'static> Probe<T> {
    pub const CLONE_FN: Option<CloneFn> = Some(clone_fn::<T>);
    pub const CLONE_NAME: &'static str = "Clone ";
}
impl<T: PartialEq + 'static> Probe<T> {
    pub const EQ_FN: Option<EqFn> = Some(eq_fn::<T>);
    pub const EQ_NAME: &'static str = "PartialEq ";
}
// Keyton's operators on Rust values (`a < b`, `a + b`, `-a`): the manifest says which
// a type has, for two values of the type giving one of it.
impl<T: PartialOrd + 'static> Probe<T> {
    pub const ORD_NAME: &'static str = "PartialOrd ";
}
impl<T: core::ops::Add<Output = T> + 'static> Probe<T> {
    pub const ADD_NAME: &'static str = "Add ";
}
impl<T: core::ops::Sub<Output = T> + 'static> Probe<T> {
    pub const SUB_NAME: &'static str = "Sub ";
}
impl<T: core::ops::Mul<Output = T> + 'static> Probe<T> {
    pub const MUL_NAME: &'static str = "Mul ";
}
impl<T: core::ops::Div<Output = T> + 'static> Probe<T> {
    pub const DIV_NAME: &'static str = "Div ";
}
impl<T: core::ops::Rem<Output = T> + 'static> Probe<T> {
    pub const REM_NAME: &'static str = "Rem ";
}
impl<T: core::ops::Neg<Output = T> + 'static> Probe<T> {
    pub const NEG_NAME: &'static str = "Neg ";
}
// With a Keyton int on the right (`big * 2`).
impl<T: core::ops::Add<i64, Output = T> + 'static> Probe<T> {
    pub const ADD_INT_NAME: &'static str = "AddInt ";
}
impl<T: core::ops::Sub<i64, Output = T> + 'static> Probe<T> {
    pub const SUB_INT_NAME: &'static str = "SubInt ";
}
impl<T: core::ops::Mul<i64, Output = T> + 'static> Probe<T> {
    pub const MUL_INT_NAME: &'static str = "MulInt ";
}
impl<T: core::ops::Div<i64, Output = T> + 'static> Probe<T> {
    pub const DIV_INT_NAME: &'static str = "DivInt ";
}
impl<T: core::ops::Rem<i64, Output = T> + 'static> Probe<T> {
    pub const REM_INT_NAME: &'static str = "RemInt ";
}
// `f"{digest:x}"`: the hex forms digests and big numbers have.
impl<T: core::fmt::LowerHex + 'static> Probe<T> {
    pub const LOWER_HEX_NAME: &'static str = "LowerHex ";
}
impl<T: core::fmt::UpperHex + 'static> Probe<T> {
    pub const UPPER_HEX_NAME: &'static str = "UpperHex ";
}
// A type a notebook renders (`crate::MimeBundle`, a plugin's own impl).
impl<T: crate::MimeBundle + 'static> Probe<T> {
    pub const MIME_BUNDLE_NAME: &'static str = "MimeBundle ";
}

unsafe extern "C" fn drop_box<T>(p: *mut c_void) {
    drop(Box::from_raw(p as *mut T));
}
unsafe extern "C" fn display_fn<T: Display>(p: *const c_void, sink: *mut c_void, w: WriteFn) {
    let s = format!("{}", &*(p as *const T));
    w(sink, KStr::new(&s));
}
unsafe extern "C" fn debug_fn<T: Debug>(p: *const c_void, sink: *mut c_void, w: WriteFn) {
    let s = format!("{:?}", &*(p as *const T));
    w(sink, KStr::new(&s));
}
unsafe extern "C" fn clone_fn<T: Clone>(p: *const c_void) -> *mut c_void {
    Box::into_raw(Box::new((*(p as *const T)).clone())) as *mut c_void
}
unsafe extern "C" fn eq_fn<T: PartialEq>(a: *const c_void, b: *const c_void) -> bool {
    *(a as *const T) == *(b as *const T)
}

/// A kind description under construction for the Rust type `T`.
pub struct KindFns<T> {
    desc: KindDesc,
    _t: PhantomData<fn(T)>,
}

impl<T: 'static> KindFns<T> {
    /// A kind named `name` (by convention the Rust path of `T`) that can only be dropped.
    pub fn new(name: &'static str) -> Self {
        KindFns {
            desc: KindDesc {
                name: KStr::new(name),
                drop: drop_box::<T>,
                display: None,
                debug: None,
                clone: None,
                eq: None,
                methods: core::ptr::null(),
                n_methods: 0,
            },
            _t: PhantomData,
        }
    }
    /// Set the optional fns at once, e.g. from [`crate::Probe`] consts (which are `None`
    /// for a trait the type does not implement).
    pub fn with(
        mut self,
        display: Option<ShowFn>,
        debug: Option<ShowFn>,
        clone: Option<CloneFn>,
        eq: Option<EqFn>,
    ) -> Self {
        self.desc.display = display;
        self.desc.debug = debug;
        self.desc.clone = clone;
        self.desc.eq = eq;
        self
    }
    pub fn methods(mut self, names: &'static [KStr]) -> Self {
        self.desc.methods = names.as_ptr();
        self.desc.n_methods = names.len();
        self
    }
    pub fn desc(&self) -> &KindDesc {
        &self.desc
    }
}
impl<T: Display + 'static> KindFns<T> {
    pub fn display(mut self) -> Self {
        self.desc.display = Some(display_fn::<T>);
        self
    }
}
impl<T: Debug + 'static> KindFns<T> {
    pub fn debug(mut self) -> Self {
        self.desc.debug = Some(debug_fn::<T>);
        self
    }
}
impl<T: Clone + 'static> KindFns<T> {
    pub fn clone_fn(mut self) -> Self {
        self.desc.clone = Some(clone_fn::<T>);
        self
    }
}
impl<T: PartialEq + 'static> KindFns<T> {
    pub fn eq(mut self) -> Self {
        self.desc.eq = Some(eq_fn::<T>);
        self
    }
}

/// Register `fns` with the host and return the kind id.
pub fn register_kind_for<T: 'static>(ctx: &Ctx<'_>, fns: &KindFns<T>) -> u32 {
    ctx.register_kind(fns.desc())
}
