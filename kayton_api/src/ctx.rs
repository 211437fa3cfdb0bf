//! Safe wrappers over the raw vtable: the only way generated code talks to the host.
use crate::abi::*;
use crate::convert::{FromKayton, Owned};
use alloc::boxed::Box;
use alloc::string::String;
use core::ffi::c_void;

/// A borrowed host context.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    raw: &'a KaytonContext,
}

impl<'a> Ctx<'a> {
    /// # Safety
    /// `raw` must be the live context the host passed to an entry point.
    pub unsafe fn from_raw(raw: *const KaytonContext) -> Ctx<'a> {
        Ctx { raw: &*raw }
    }
    pub fn raw(&self) -> *const KaytonContext {
        self.raw
    }
    fn api(&self) -> &'a KaytonApi {
        unsafe { &*self.raw.api }
    }
    fn host(&self) -> *mut c_void {
        self.raw.host_data
    }

    /// Borrow a global's raw value (its data lives until that global changes).
    pub fn get_raw(&self, name: &str) -> Option<KValue> {
        let mut out = KValue::UNIT;
        let ok = unsafe { (self.api().get_global)(self.host(), KStr::new(name), &mut out) };
        ok.then_some(out)
    }

    /// Read a global as `T` (copied out). `Err` says what the global held instead.
    pub fn get<T: FromKayton>(&self, name: &str) -> Result<T, String> {
        match self.get_raw(name) {
            None => Err(alloc::format!("global `{name}` is not bound")),
            Some(v) => {
                unsafe { T::from_kayton(&v) }.map_err(|e| alloc::format!("global `{name}`: {e}"))
            }
        }
    }

    /// Bind a global to a built-in value (copied by the host).
    pub fn set(&self, name: &str, value: impl Into<Owned>) {
        let owned: Owned = value.into();
        let kv = owned.as_kvalue();
        unsafe { (self.api().set_global)(self.host(), KStr::new(name), &kv) };
        owned.forget_moved();
    }

    /// Bind a global to an opaque Rust value of a registered kind; the host owns it now
    /// and drops it (through the kind's drop fn) exactly once.
    pub fn set_dynamic<T: 'static>(&self, name: &str, kind: u32, value: T) {
        let ptr = Box::into_raw(Box::new(value)) as *const c_void;
        let kv = KValue {
            tag: Tag::Dynamic as u32,
            kind,
            ptr,
            ..KValue::UNIT
        };
        unsafe { (self.api().set_global)(self.host(), KStr::new(name), &kv) };
    }

    /// Borrow a dynamic global mutably, if it is bound to `kind`.
    ///
    /// The host keeps ownership; the reference is valid until the global is rebound,
    /// which generated code never does while holding it.
    #[allow(clippy::mut_from_ref)]
    pub fn get_dynamic<T: 'static>(&self, name: &str, kind: u32) -> Option<&'a mut T> {
        let v = self.get_raw(name)?;
        if v.tag != Tag::Dynamic as u32 || v.kind != kind {
            return None;
        }
        Some(unsafe { &mut *(v.ptr as *mut T) })
    }

    /// Move a dynamic global out of the host (unbinding it).
    pub fn take_dynamic<T: 'static>(&self, name: &str, kind: u32) -> Option<T> {
        let v = self.get_raw(name)?;
        if v.tag != Tag::Dynamic as u32 || v.kind != kind {
            return None;
        }
        let mut out = KValue::UNIT;
        unsafe { (self.api().take_global)(self.host(), KStr::new(name), &mut out) };
        Some(*unsafe { Box::from_raw(out.ptr as *mut T) })
    }

    pub fn del(&self, name: &str) -> bool {
        unsafe { (self.api().del_global)(self.host(), KStr::new(name)) }
    }

    pub fn register_kind(&self, desc: &KindDesc) -> u32 {
        unsafe { (self.api().register_kind)(self.host(), desc) }
    }
    /// A kind's description by id (`None` if unknown or if the host predates ABI 1.2).
    pub fn kind_desc(&self, id: u32) -> Option<KindDesc> {
        if !self.has(core::mem::offset_of!(KaytonApi, kind_desc)) {
            return None;
        }
        let p = unsafe { (self.api().kind_desc)(self.host(), id) };
        (!p.is_null()).then(|| unsafe { *p })
    }
    /// Whether the host's vtable has the field at `offset` (an older host lacks it).
    fn has(&self, offset: usize) -> bool {
        self.api().size >= offset + core::mem::size_of::<usize>()
    }

    /// Rich output (see `KaytonApi::output`); a host without it shows nothing.
    pub fn output(&self, what: u32, text: &str, id: &str) {
        if self.has(core::mem::offset_of!(KaytonApi, output)) {
            unsafe { (self.api().output)(self.host(), what, KStr::new(text), KStr::new(id)) }
        }
    }

    /// A line the front end reads for `input(prompt)`; `None` after the host raised
    /// the error that says why there is none.
    pub fn read_input(&self, prompt: &str, password: bool) -> Option<String> {
        if !self.has(core::mem::offset_of!(KaytonApi, read_input)) {
            self.raise("input(): this host cannot read input");
            return None;
        }
        unsafe extern "C" fn push(sink: *mut c_void, text: KStr) {
            (*(sink as *mut String)).push_str(text.as_str());
        }
        let mut line = String::new();
        let ok = unsafe {
            (self.api().read_input)(
                self.host(),
                KStr::new(prompt),
                password,
                (&mut line as *mut String).cast(),
                push,
            )
        };
        ok.then_some(line)
    }

    /// Whether the user asked to stop the running cell (the request is consumed).
    pub fn take_interrupt(&self) -> bool {
        self.has(core::mem::offset_of!(KaytonApi, take_interrupt))
            && unsafe { (self.api().take_interrupt)(self.host()) }
    }

    pub fn kind_id(&self, name: &str) -> u32 {
        unsafe { (self.api().kind_id)(self.host(), KStr::new(name)) }
    }

    pub fn register_function(&self, name: &'static str, signature: &'static str, thunk: Thunk) {
        let d = FnDesc {
            name: KStr::new(name),
            signature: KStr::new(signature),
            thunk,
        };
        unsafe { (self.api().register_function)(self.host(), &d) };
    }
    pub fn lookup_function(&self, name: &str) -> Option<i64> {
        let id = unsafe { (self.api().lookup_function)(self.host(), KStr::new(name)) };
        (id >= 0).then_some(id)
    }
    /// Call a registered function by id; the error text is the one the callee raised.
    pub fn call<R: FromKayton>(&self, id: i64, args: &[KValue]) -> Result<R, String> {
        let mut out = KValue::UNIT;
        let ok = unsafe {
            (self.api().call_function)(self.raw, id, args.as_ptr(), args.len(), &mut out)
        };
        if !ok {
            return Err(String::from("call failed"));
        }
        unsafe { R::from_kayton(&out) }
    }

    pub fn print(&self, text: &str) {
        unsafe { (self.api().write_stdout)(self.host(), KStr::new(text)) }
    }
    pub fn eprint(&self, text: &str) {
        unsafe { (self.api().write_stderr)(self.host(), KStr::new(text)) }
    }
    pub fn raise(&self, message: &str) {
        unsafe { (self.api().raise_error)(self.host(), KStr::new(message)) }
    }
    pub fn set_result(&self, text: &str) {
        unsafe { (self.api().set_result)(self.host(), KStr::new(text)) }
    }

    /// Store a thunk's result (copied by the host; a dynamic value moves).
    ///
    /// # Safety
    /// `ret` must be the slot the host passed to the running thunk.
    pub unsafe fn ret_value(&self, ret: *mut KRet, value: impl Into<Owned>) {
        let owned: Owned = value.into();
        let kv = owned.as_kvalue();
        (self.api().ret_value)(ret, &kv);
        owned.forget_moved();
    }
}
