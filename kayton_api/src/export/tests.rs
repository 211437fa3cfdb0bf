//! Each conversion of a registry thunk and its failure text, against a small test host.
use super::*;
use crate::abi::{FnDesc, KStr, KaytonApi, KindDesc, ABI_VERSION};
use crate::kind::{KindFns, Probe};
use core::cell::RefCell;
use std::vec;

#[derive(Debug, Clone, PartialEq)]
struct Pt(i64);
impl Kind<()> for Pt {
    const KIND_NAME: &'static str = "t::Pt";
    fn kind_slot() -> &'static AtomicU32 {
        static S: AtomicU32 = AtomicU32::new(0);
        &S
    }
}

std::thread_local! {
    static RAISED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static RETURNED: RefCell<Option<(u32, i64)>> = const { RefCell::new(None) };
}

fn pt_desc() -> KindDesc {
    *KindFns::<Pt>::new("t::Pt")
        .with(
            None,
            Probe::<Pt>::DEBUG_FN,
            Probe::<Pt>::CLONE_FN,
            Probe::<Pt>::EQ_FN,
        )
        .desc()
}

unsafe extern "C" fn no_global(_: *mut c_void, _: KStr, _: *mut KValue) -> bool {
    false
}
unsafe extern "C" fn no_set(_: *mut c_void, _: KStr, _: *const KValue) -> bool {
    false
}
unsafe extern "C" fn no_del(_: *mut c_void, _: KStr) -> bool {
    false
}
/// The test host's kinds: leaked descriptors (as addresses), `t::Pt` first (id 1).
fn kinds() -> std::sync::MutexGuard<'static, Vec<usize>> {
    static KINDS: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
    let mut k = KINDS.lock().unwrap();
    if k.is_empty() {
        k.push(Box::into_raw(Box::new(pt_desc())) as usize);
    }
    k
}
unsafe extern "C" fn reg_kind(_: *mut c_void, d: *const KindDesc) -> u32 {
    let mut k = kinds();
    let name = (*d).name.as_str();
    if let Some(i) = k
        .iter()
        .position(|&p| (*(p as *const KindDesc)).name.as_str() == name)
    {
        return i as u32 + 1;
    }
    k.push(Box::into_raw(Box::new(*d)) as usize);
    k.len() as u32
}
unsafe extern "C" fn kind_id(_: *mut c_void, _: KStr) -> u32 {
    1
}
unsafe extern "C" fn reg_fn(_: *mut c_void, _: *const FnDesc) -> bool {
    true
}
unsafe extern "C" fn lookup(_: *mut c_void, _: KStr) -> i64 {
    -1
}
unsafe extern "C" fn call(
    _: *const KaytonContext,
    _: i64,
    _: *const KValue,
    _: usize,
    _: *mut KValue,
) -> bool {
    false
}
unsafe extern "C" fn ret_value(_: *mut KRet, v: *const KValue) {
    RETURNED.with(|r| *r.borrow_mut() = Some(((*v).tag, (*v).int)));
}
unsafe extern "C" fn text(_: *mut c_void, _: KStr) {}
unsafe extern "C" fn raise(_: *mut c_void, m: KStr) {
    RAISED.with(|r| r.borrow_mut().push(m.as_str().into()));
}
unsafe extern "C" fn kind_desc(_: *mut c_void, id: u32) -> *const KindDesc {
    match (id as usize)
        .checked_sub(1)
        .and_then(|i| kinds().get(i).copied())
    {
        Some(p) => p as *const KindDesc,
        None => core::ptr::null(),
    }
}

static API: KaytonApi = KaytonApi {
    size: core::mem::size_of::<KaytonApi>(),
    abi_version: ABI_VERSION,
    get_global: no_global,
    set_global: no_set,
    take_global: no_global,
    del_global: no_del,
    register_kind: reg_kind,
    kind_id,
    register_function: reg_fn,
    lookup_function: lookup,
    call_function: call,
    ret_value,
    write_stdout: text,
    raise_error: raise,
    set_result: text,
    write_stderr: text,
    kind_desc,
    output: no_output,
    read_input: no_input,
    take_interrupt: no_interrupt,
};

unsafe extern "C" fn no_output(_: *mut c_void, _: u32, _: KStr, _: KStr) {}
unsafe extern "C" fn no_input(
    _: *mut c_void,
    _: KStr,
    _: bool,
    _: *mut c_void,
    _: crate::abi::WriteFn,
) -> bool {
    false
}
unsafe extern "C" fn no_interrupt(_: *mut c_void) -> bool {
    false
}

pub(super) fn with_ctx<R>(f: impl FnOnce(&Ctx<'_>, *const KaytonContext) -> R) -> R {
    let raw = KaytonContext {
        host_data: core::ptr::null_mut(),
        api: &API,
    };
    set_kind_id::<(), Pt>(1);
    f(&unsafe { Ctx::from_raw(&raw) }, &raw)
}

/// `v` converted as a thunk converts argument values (the conversion tests of
/// `export/`'s modules share it).
///
/// # Safety
/// `v` must be a live ABI value.
pub(super) unsafe fn from<'a, T: FromArg<'a, ()>>(v: &'a KValue) -> Result<T, String> {
    with_ctx(|c, _| T::from_arg(c, v))
}

fn conv<'a, T: FromArg<'a, ()>>(v: &'a KValue) -> Result<T, String> {
    with_ctx(|c, _| unsafe { T::from_arg(c, v) })
}

#[test]
fn scalars_and_strings() {
    assert_eq!(conv::<i64>(&KValue::i64(5)), Ok(5));
    assert_eq!(
        conv::<f64>(&KValue::i64(2)),
        Ok(2.0),
        "an int widens to f64"
    );
    assert_eq!(conv::<&str>(&KValue::str("hé")), Ok("hé"));
    assert_eq!(conv::<String>(&KValue::str("x")), Ok("x".into()));
    assert_eq!(
        conv::<u8>(&KValue::i64(300)),
        Err("300 does not fit in u8 (0..=255)".into())
    );
    assert_eq!(
        conv::<&str>(&KValue::i64(1)),
        Err("expected &str, found i64".into())
    );
    assert_eq!(conv::<bool>(&KValue::bool(true)), Ok(true));
}

#[test]
fn slices_vecs_and_options() {
    let v = vec![1i64, 2, 3];
    let o = Owned::from(v.clone());
    assert_eq!(conv::<&[i64]>(&o.as_kvalue()), Ok(&v[..]));
    assert_eq!(conv::<Vec<i64>>(&o.as_kvalue()), Ok(v));
    assert_eq!(
        conv::<&[f64]>(&o.as_kvalue()),
        Err("expected &[f64], found Vec<i64>".into())
    );
    assert_eq!(conv::<Option<i64>>(&KValue::UNIT), Ok(None));
    assert_eq!(conv::<Option<i64>>(&KValue::i64(4)), Ok(Some(4)));
}

#[test]
fn kinds_by_reference_and_by_value() {
    let mut p = Pt(7);
    let kv = KValue {
        tag: Tag::Dynamic as u32,
        kind: 1,
        ptr: (&mut p as *mut Pt).cast(),
        ..KValue::UNIT
    };
    assert_eq!(conv::<&Pt>(&kv).map(|p| p.0), Ok(7));
    with_ctx(|c, _| unsafe {
        assert_eq!(kind_by_value::<(), Pt>(c, &kv), Ok(Pt(7)));
        let d = <Dynamic as FromArg<()>>::from_arg(c, &kv).unwrap();
        assert_eq!(std::format!("{d}"), "Pt(7)");
    });
    let other = KValue { kind: 2, ..kv };
    assert_eq!(
        conv::<&Pt>(&other).map(|p| p.0),
        Err("expected t::Pt, found dynamic".into())
    );
    assert_eq!(
        conv::<&mut Pt>(&KValue::i64(1)).map(|p| p.0),
        Err("expected t::Pt, found i64".into())
    );
}

#[test]
fn results() {
    assert!(matches!(IntoRet::<()>::into_ret(5u8), Ok(Owned::I64(5))));
    assert!(matches!(
        IntoRet::<()>::into_ret(None::<i64>),
        Ok(Owned::Unit)
    ));
    assert_eq!(
        IntoRet::<()>::into_ret(u64::MAX).err(),
        Some("18446744073709551615 does not fit in i64".into())
    );
    let e: Result<i64, String> = Err("bad input".into());
    assert_eq!(IntoRet::<()>::into_ret(e).err(), Some("bad input".into()));
    assert!(matches!(IntoRet::<()>::into_ret("s"), Ok(Owned::Str(s)) if s == "s"));
}

#[test]
fn thunks_raise_errors_and_panics() {
    with_ctx(|_, raw| unsafe {
        RAISED.with(|r| r.borrow_mut().clear());
        let ret = core::ptr::null_mut();
        assert!(thunk(raw, 1, 1, ret, "geo.f", |_| Ok(Owned::I64(3))));
        assert_eq!(RETURNED.with(|r| *r.borrow()), Some((Tag::I64 as u32, 3)));
        assert!(!thunk(raw, 0, 1, ret, "geo.f", |_| Ok(Owned::Unit)));
        assert!(!thunk(raw, 1, 1, ret, "geo.f", |_| Err(
            "argument `v`: nope".into()
        )));
        assert!(!thunk(raw, 1, 1, ret, "geo.f", |_| panic!("boom {}", 1)));
        let raised = RAISED.with(|r| r.borrow().clone());
        assert_eq!(
            raised,
            [
                "geo.f() takes 1 argument(s), 0 given",
                "geo.f: argument `v`: nope",
                "geo.f panicked: boom 1"
            ]
        );
    });
}

#[test]
fn missing_argument_is_named() {
    with_ctx(|c, _| unsafe {
        let e = arg::<(), i64>(c, core::ptr::null(), 0, 0, "x").unwrap_err();
        assert_eq!(e, "missing argument `x`");
        let v = [KValue::str("a")];
        let e = arg::<(), i64>(c, v.as_ptr(), 1, 0, "x").unwrap_err();
        assert_eq!(e, "argument `x`: expected i64, found String");
    });
}
