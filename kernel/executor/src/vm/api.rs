//! The `extern "C"` functions behind the vtable. Each takes `host` (a `*mut Vm`) and
//! borrows the VM only for its own extent, because a thunk may call back into the VM.
use super::Vm;
use crate::protocol::{Event, Request};
use kayton_api::{
    FnDesc, KRet, KStr, KValue, KaytonApi, KaytonContext, KindDesc, Owned, WriteFn, ABI_VERSION,
    OUTPUT_CLEAR, OUTPUT_RESULT, OUTPUT_UPDATE,
};
use std::ffi::c_void;

/// The one vtable this host hands to every cell and plugin.
pub static API: KaytonApi = KaytonApi {
    size: std::mem::size_of::<KaytonApi>(),
    abi_version: ABI_VERSION,
    get_global,
    set_global,
    take_global,
    del_global,
    register_kind,
    kind_id,
    register_function,
    lookup_function,
    call_function,
    ret_value,
    write_stdout,
    raise_error,
    set_result,
    write_stderr,
    kind_desc,
    output,
    read_input,
    take_interrupt,
};

unsafe fn vm<'a>(host: *mut c_void) -> &'a mut Vm {
    &mut *(host as *mut Vm)
}

unsafe extern "C" fn get_global(host: *mut c_void, name: KStr, out: *mut KValue) -> bool {
    match vm(host).global(name.as_str()) {
        Some(v) => {
            *out = v.as_kvalue();
            true
        }
        None => false,
    }
}

unsafe extern "C" fn set_global(host: *mut c_void, name: KStr, value: *const KValue) -> bool {
    match Owned::from_kvalue(&*value) {
        Some(v) => vm(host).set_global(name.as_str(), v),
        None => false,
    }
}

unsafe extern "C" fn take_global(host: *mut c_void, name: KStr, out: *mut KValue) -> bool {
    let vm = vm(host);
    match vm.take_global(name.as_str()) {
        Some(Owned::Dynamic(ptr, kind)) => {
            *out = Owned::Dynamic(ptr, kind).as_kvalue();
            true
        }
        Some(other) => {
            // Built-in values are copied: park the value where the borrow stays valid.
            *out = vm.set_last_return(other);
            true
        }
        None => false,
    }
}

unsafe extern "C" fn del_global(host: *mut c_void, name: KStr) -> bool {
    vm(host).del_global(name.as_str())
}

unsafe extern "C" fn register_kind(host: *mut c_void, desc: *const KindDesc) -> u32 {
    vm(host).register_kind(&*desc)
}

unsafe extern "C" fn kind_desc(host: *mut c_void, id: u32) -> *const KindDesc {
    match vm(host).kinds().get((id as usize).wrapping_sub(1)) {
        Some(k) => &k.desc,
        None => std::ptr::null(),
    }
}

unsafe extern "C" fn kind_id(host: *mut c_void, name: KStr) -> u32 {
    vm(host).kind_id(name.as_str())
}

unsafe extern "C" fn register_function(host: *mut c_void, desc: *const FnDesc) -> bool {
    let d = &*desc;
    vm(host).register_function(d.name.as_str(), d.signature.as_str(), d.thunk);
    true
}

unsafe extern "C" fn lookup_function(host: *mut c_void, name: KStr) -> i64 {
    vm(host)
        .lookup_function(name.as_str())
        .map(|i| i as i64)
        .unwrap_or(-1)
}

unsafe extern "C" fn call_function(
    ctx: *const KaytonContext,
    id: i64,
    args: *const KValue,
    nargs: usize,
    out: *mut KValue,
) -> bool {
    let host = (*ctx).host_data;
    let thunk = match vm(host).functions.get(id as usize) {
        Some(f) => f.thunk,
        None => {
            vm(host)
                .report
                .error
                .get_or_insert_with(|| format!("no registered function with id {id}"));
            return false;
        }
    };
    let mut slot = Owned::Unit;
    // The VM is not borrowed across this call: the thunk may re-enter it.
    let ok = thunk(ctx, args, nargs, (&mut slot as *mut Owned).cast::<KRet>());
    let vm = vm(host);
    *out = vm.set_last_return(slot);
    ok
}

unsafe extern "C" fn ret_value(ret: *mut KRet, value: *const KValue) {
    if let Some(v) = Owned::from_kvalue(&*value) {
        *(ret as *mut Owned) = v;
    }
}

/// Printed text goes out with the next event, or live once a line has waited 100 ms
/// (a long loop's progress shows while it runs).
unsafe extern "C" fn write_stdout(host: *mut c_void, text: KStr) {
    let r = &mut vm(host).report;
    r.stdout.push_str(text.as_str());
    let due = r.flushed.is_none_or(|t| t.elapsed().as_millis() >= 100);
    if due && text.as_str().contains('\n') {
        r.flush_streams();
    }
}

unsafe extern "C" fn write_stderr(host: *mut c_void, text: KStr) {
    vm(host).report.stderr.push_str(text.as_str());
}

unsafe extern "C" fn raise_error(host: *mut c_void, message: KStr) {
    let vm = vm(host);
    if vm.report.error.is_none() {
        vm.report.error = Some(message.as_str().to_owned());
    }
}

unsafe extern "C" fn set_result(host: *mut c_void, text: KStr) {
    vm(host).report.result = Some(text.as_str().to_owned());
}

unsafe extern "C" fn output(host: *mut c_void, what: u32, text: KStr, id: KStr) {
    let r = &mut vm(host).report;
    let text = text.as_str();
    if what == OUTPUT_CLEAR {
        r.flush_streams();
        crate::wire::event(Event::Clear {
            wait: text == "wait",
        });
        return;
    }
    let data: Vec<(String, String)> = match serde_json::from_str::<serde_json::Map<_, _>>(text) {
        Ok(m) => m
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
            .collect(),
        Err(e) => {
            r.error
                .get_or_insert_with(|| format!("internal error: a rich value did not encode: {e}"));
            return;
        }
    };
    if what == OUTPUT_RESULT {
        r.result_data = Some(data);
        return;
    }
    r.flush_streams();
    let id = id.as_str();
    crate::wire::event(Event::Display {
        data,
        id: (!id.is_empty()).then(|| id.to_owned()),
        update: what == OUTPUT_UPDATE,
    });
}

/// Ask the front end for a line and wait for it (the only request read mid-cell).
unsafe extern "C" fn read_input(
    host: *mut c_void,
    prompt: KStr,
    password: bool,
    sink: *mut c_void,
    write: WriteFn,
) -> bool {
    let vm = vm(host);
    vm.report.flush_streams();
    let asked = crate::wire::event(Event::Input {
        prompt: prompt.as_str().to_owned(),
        password,
    });
    let line = match crate::wire::next_request() {
        Some(Request::InputReply { line }) if asked => line,
        _ => Err("input(): the front end did not answer".into()),
    };
    match line {
        Ok(l) => {
            write(sink, KStr::new(&l));
            true
        }
        Err(e) => {
            vm.report.error.get_or_insert(e);
            false
        }
    }
}

/// Whether the running cell must stop: the user interrupted it, or a runaway recursion
/// has nearly used up the stack (then a `RecursionError` is raised first, and wins).
unsafe extern "C" fn take_interrupt(host: *mut c_void) -> bool {
    if crate::wire::stack_nearly_full() {
        vm(host).report.error.get_or_insert_with(|| {
            "RecursionError: maximum recursion depth exceeded (the stack is nearly full)".into()
        });
        return true;
    }
    crate::wire::take_interrupt()
}
