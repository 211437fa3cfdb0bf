//! Building a [`KindDesc`] for a Rust type: generic `extern "C"` fns per capability.
use crate::abi::{KStr, KindDesc, WriteFn};
use crate::ctx::Ctx;
use alloc::boxed::Box;
use alloc::format;
use core::ffi::c_void;
use core::fmt::{Debug, Display};
use core::marker::PhantomData;

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
