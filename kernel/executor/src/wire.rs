//! The executor's ends of the protocol pipe: requests come on stdin, one JSON line each;
//! responses and a running cell's events go to the saved real stdout. Global, because a
//! cell reaches them from inside the VM's vtable functions (`input()`, `display()`).
//! Also the interrupt flag SIGINT sets, which compiled loops poll (`rt::tick`).
use crate::protocol::{Event, Request, Response};
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

static PROTO: OnceLock<Mutex<std::fs::File>> = OnceLock::new();
static INTERRUPT: AtomicBool = AtomicBool::new(false);
/// The lowest address of the main thread's stack (0: unknown), on which cells run.
static STACK_LOW: AtomicUsize = AtomicUsize::new(0);
/// What a cell's stack keeps free: below this a Keyton call raises `RecursionError`
/// (the process would die of a stack overflow, losing every global).
const STACK_RESERVE: usize = 512 * 1024;

/// Take over the protocol pipe (once, at start), install the SIGINT handler and note
/// where the stack ends.
pub fn init(proto: std::fs::File) {
    let _ = PROTO.set(Mutex::new(proto));
    STACK_LOW.store(stack_low(), Ordering::SeqCst);
    #[cfg(unix)]
    unsafe {
        extern "C" fn on_sigint(_: libc::c_int) {
            INTERRUPT.store(true, Ordering::SeqCst);
        }
        libc::signal(
            libc::SIGINT,
            on_sigint as extern "C" fn(libc::c_int) as usize,
        );
    }
}

/// Send one response line; `false` when the host is gone.
pub fn send(resp: &Response) -> bool {
    let Some(p) = PROTO.get() else { return false };
    let text = serde_json::to_string(resp).expect("responses serialize");
    let mut f = p.lock().unwrap_or_else(|e| e.into_inner());
    writeln!(f, "{text}").and_then(|_| f.flush()).is_ok()
}

pub fn event(event: Event) -> bool {
    send(&Response::Event { event })
}

/// The next request; `None` at the end of input. A line that does not parse is
/// reported on stderr and skipped.
pub fn next_request() -> Option<Request> {
    loop {
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        match serde_json::from_str(line.trim_end()) {
            Ok(r) => return Some(r),
            Err(e) => eprintln!("executor: bad request {line:?}: {e}"),
        }
    }
}

/// Whether the user asked to stop the running cell; asking clears the request.
pub fn take_interrupt() -> bool {
    INTERRUPT.swap(false, Ordering::SeqCst)
}

/// Forget an interrupt that arrived between cells.
pub fn clear_interrupt() {
    INTERRUPT.store(false, Ordering::SeqCst);
}

/// Whether the calling thread's stack is nearly used up (a runaway recursion). Only the
/// main thread's is known; elsewhere this says no.
pub fn stack_nearly_full() -> bool {
    let low = STACK_LOW.load(Ordering::Relaxed);
    let here = &low as *const usize as usize;
    low != 0 && here > low && here - low < STACK_RESERVE
}

#[cfg(target_os = "linux")]
fn stack_low() -> usize {
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 0;
        }
        let (mut addr, mut size) = (std::ptr::null_mut(), 0usize);
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if ok {
            addr as usize
        } else {
            0
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn stack_low() -> usize {
    0
}
