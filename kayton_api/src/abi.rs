//! The raw C ABI: value tags, borrowed strings, the vtable and the context.
use core::ffi::c_void;

/// Major ABI version: a host refuses anything whose major differs.
pub const ABI_MAJOR: u32 = 1;
/// Minor ABI version: additions only; a host with minor `m` serves anything needing `<= m`.
pub const ABI_MINOR: u32 = 3;
/// `(major << 16) | minor`, the form every artifact exports.
pub const ABI_VERSION: u32 = (ABI_MAJOR << 16) | ABI_MINOR;

/// Symbol every cell and plugin exports: `extern "C" fn() -> u32` giving its ABI version.
pub const SYM_ABI_VERSION: &str = "kayton_abi_version";
/// Symbol every cell and plugin exports: `extern "C" fn() -> KStr` giving its build fingerprint.
pub const SYM_FINGERPRINT: &str = "kayton_build_fingerprint";
/// A cell's entry point: `extern "C" fn(*const KaytonContext) -> i32` (0 ok, 1 error raised).
pub const SYM_CELL_MAIN: &str = "kayton_cell_main";
/// A plugin's registration entry point: `extern "C" fn(*const KaytonContext) -> i32`.
pub const SYM_PLUGIN_REGISTER: &str = "kayton_plugin_register";

/// A borrowed UTF-8 string: valid for as long as its producer says.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct KStr {
    pub ptr: *const u8,
    pub len: usize,
}

impl KStr {
    pub const fn new(s: &str) -> KStr {
        KStr {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }
    /// # Safety
    /// `ptr`/`len` must describe valid UTF-8 that outlives `'a`.
    pub unsafe fn as_str<'a>(self) -> &'a str {
        if self.len == 0 {
            return "";
        }
        core::str::from_utf8_unchecked(core::slice::from_raw_parts(self.ptr, self.len))
    }
}

/// Which variant a [`KValue`] holds.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Unit = 0,
    I64 = 1,
    F64 = 2,
    Bool = 3,
    Str = 4,
    VecI64 = 5,
    VecF64 = 6,
    VecStr = 7,
    Dynamic = 8,
}

impl Tag {
    pub fn from_u32(t: u32) -> Option<Tag> {
        Some(match t {
            0 => Tag::Unit,
            1 => Tag::I64,
            2 => Tag::F64,
            3 => Tag::Bool,
            4 => Tag::Str,
            5 => Tag::VecI64,
            6 => Tag::VecF64,
            7 => Tag::VecStr,
            8 => Tag::Dynamic,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Tag::Unit => "()",
            Tag::I64 => "i64",
            Tag::F64 => "f64",
            Tag::Bool => "bool",
            Tag::Str => "String",
            Tag::VecI64 => "Vec<i64>",
            Tag::VecF64 => "Vec<f64>",
            Tag::VecStr => "Vec<String>",
            Tag::Dynamic => "dynamic",
        }
    }
}

/// A tagged value crossing the ABI. Scalars are inline. `Str`: `ptr`/`len` are UTF-8
/// bytes; `VecI64`/`VecF64`: `ptr` to `len` elements; `VecStr`: `ptr` to `len` [`KStr`]s;
/// `Dynamic`: `ptr` is the value, `kind` its registered kind id.
///
/// Data behind `ptr` is *borrowed*: the receiver copies what it keeps. The one
/// exception is a `Dynamic` passed to `set_global` (or returned by a thunk, or taken
/// with `take_global`): ownership of the pointee moves with it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct KValue {
    pub tag: u32,
    pub kind: u32,
    pub int: i64,
    pub float: f64,
    pub ptr: *const c_void,
    pub len: usize,
}

impl KValue {
    pub const UNIT: KValue = KValue {
        tag: Tag::Unit as u32,
        kind: 0,
        int: 0,
        float: 0.0,
        ptr: core::ptr::null(),
        len: 0,
    };
    pub fn i64(v: i64) -> KValue {
        KValue {
            tag: Tag::I64 as u32,
            int: v,
            ..KValue::UNIT
        }
    }
    pub fn f64(v: f64) -> KValue {
        KValue {
            tag: Tag::F64 as u32,
            float: v,
            ..KValue::UNIT
        }
    }
    pub fn bool(v: bool) -> KValue {
        KValue {
            tag: Tag::Bool as u32,
            int: v as i64,
            ..KValue::UNIT
        }
    }
    pub fn str(s: &str) -> KValue {
        KValue {
            tag: Tag::Str as u32,
            ptr: s.as_ptr().cast(),
            len: s.len(),
            ..KValue::UNIT
        }
    }
    pub fn tag(&self) -> Option<Tag> {
        Tag::from_u32(self.tag)
    }
}

/// A sink for text produced by a kind's display/debug fn.
pub type WriteFn = unsafe extern "C" fn(sink: *mut c_void, text: KStr);

/// How the VM handles an opaque Rust value: its name, how to drop it, and optional
/// display / debug / clone / eq. Registered once per name; the fns must stay loaded for
/// the session's life (the host never unloads a library).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct KindDesc {
    pub name: KStr,
    pub drop: unsafe extern "C" fn(value: *mut c_void),
    pub display:
        Option<unsafe extern "C" fn(value: *const c_void, sink: *mut c_void, write: WriteFn)>,
    pub debug:
        Option<unsafe extern "C" fn(value: *const c_void, sink: *mut c_void, write: WriteFn)>,
    pub clone: Option<unsafe extern "C" fn(value: *const c_void) -> *mut c_void>,
    pub eq: Option<unsafe extern "C" fn(a: *const c_void, b: *const c_void) -> bool>,
    /// Method names callable on this kind through the function registry.
    pub methods: *const KStr,
    pub n_methods: usize,
}

/// Opaque slot a thunk writes its result into (see `KaytonApi::ret_value`).
#[repr(C)]
pub struct KRet {
    _private: [u8; 0],
}

/// A registered function: takes tagged args, writes one tagged result into `ret`.
/// Returns `false` after raising an error with `raise_error`.
pub type Thunk = unsafe extern "C" fn(
    ctx: *const KaytonContext,
    args: *const KValue,
    nargs: usize,
    ret: *mut KRet,
) -> bool;

/// A function registry entry. `signature` is Keyton-visible text, e.g. `(a: i64, b: i64) -> i64`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FnDesc {
    pub name: KStr,
    pub signature: KStr,
    pub thunk: Thunk,
}

/// The host's vtable. `size` leads so that a reader can tell which fields exist.
#[repr(C)]
pub struct KaytonApi {
    pub size: usize,
    pub abi_version: u32,
    /// Borrow a global; `false` if unbound. Borrowed data lives until the global changes.
    pub get_global: unsafe extern "C" fn(host: *mut c_void, name: KStr, out: *mut KValue) -> bool,
    /// Bind a global (copying data; taking ownership of a `Dynamic`). The old value is dropped.
    pub set_global:
        unsafe extern "C" fn(host: *mut c_void, name: KStr, value: *const KValue) -> bool,
    /// Unbind a global, moving a `Dynamic` out to the caller (other kinds are copied out first).
    pub take_global: unsafe extern "C" fn(host: *mut c_void, name: KStr, out: *mut KValue) -> bool,
    /// Unbind and drop a global; `false` if it was unbound.
    pub del_global: unsafe extern "C" fn(host: *mut c_void, name: KStr) -> bool,
    /// Register a kind by name (idempotent: a known name returns its id). Ids start at 1.
    pub register_kind: unsafe extern "C" fn(host: *mut c_void, desc: *const KindDesc) -> u32,
    /// A kind's id by name, 0 if unknown.
    pub kind_id: unsafe extern "C" fn(host: *mut c_void, name: KStr) -> u32,
    /// Register a function; a later registration of the same name replaces it.
    pub register_function: unsafe extern "C" fn(host: *mut c_void, desc: *const FnDesc) -> bool,
    /// A function's id by name, -1 if unknown (checks the registry, then the symbol providers).
    pub lookup_function: unsafe extern "C" fn(host: *mut c_void, name: KStr) -> i64,
    /// Call a function by id. On success `out` borrows the result until the next call.
    pub call_function: unsafe extern "C" fn(
        ctx: *const KaytonContext,
        id: i64,
        args: *const KValue,
        nargs: usize,
        out: *mut KValue,
    ) -> bool,
    /// Store a thunk's result (copied; a `Dynamic` moves).
    pub ret_value: unsafe extern "C" fn(ret: *mut KRet, value: *const KValue),
    /// Append to the cell's captured stdout.
    pub write_stdout: unsafe extern "C" fn(host: *mut c_void, text: KStr),
    /// Raise a Keyton error (the first raised in a call wins).
    pub raise_error: unsafe extern "C" fn(host: *mut c_void, message: KStr),
    /// Set the cell's result as shown to the user.
    pub set_result: unsafe extern "C" fn(host: *mut c_void, text: KStr),
    /// Append to the cell's captured stderr (ABI 1.1).
    pub write_stderr: unsafe extern "C" fn(host: *mut c_void, text: KStr),
    /// A registered kind's description by id, null if unknown (ABI 1.2): how a plugin
    /// thunk shows, clones and compares a `Dynamic` argument of any kind.
    pub kind_desc: unsafe extern "C" fn(host: *mut c_void, id: u32) -> *const KindDesc,
    /// Send rich output to the front end now (ABI 1.3); what it is says `what` (one of
    /// the `OUTPUT_*` constants). For a bundle `text` is a JSON object of MIME type →
    /// string and `id` a display id (may be empty); for `clear_output` `text` is "wait"
    /// or empty.
    pub output: unsafe extern "C" fn(host: *mut c_void, what: u32, text: KStr, id: KStr),
    /// `input(prompt)` (ABI 1.3): a line read by the front end, written to `sink`;
    /// `false` after raising an error (the front end has no stdin, or the read failed).
    pub read_input: unsafe extern "C" fn(
        host: *mut c_void,
        prompt: KStr,
        password: bool,
        sink: *mut c_void,
        write: WriteFn,
    ) -> bool,
    /// Whether the running cell must stop now (ABI 1.3): the user asked (reading clears
    /// the request), or the host raised an error that says why (a runaway recursion).
    pub take_interrupt: unsafe extern "C" fn(host: *mut c_void) -> bool,
}

/// `KaytonApi::output`: a `display_data` message.
pub const OUTPUT_DISPLAY: u32 = 0;
/// `KaytonApi::output`: an `update_display_data` of the display with that id.
pub const OUTPUT_UPDATE: u32 = 1;
/// `KaytonApi::output`: the cell's result as a MIME bundle (its `text/plain` is the
/// result `set_result` gave).
pub const OUTPUT_RESULT: u32 = 2;
/// `KaytonApi::output`: `clear_output`.
pub const OUTPUT_CLEAR: u32 = 3;

/// What the host passes to every entry point (two pointers; copied by a closure a cell
/// hands to a crate, see `rt::Detached`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct KaytonContext {
    pub host_data: *mut c_void,
    pub api: *const KaytonApi,
}
