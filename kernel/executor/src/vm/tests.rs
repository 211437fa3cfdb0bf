//! The VM drops what it owns exactly once.
use super::Vm;
use crate::providers::ChainedProvider;
use kayton_api::{KStr, KindDesc, Owned, ABI_VERSION};
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

static DROPS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn count_drop(p: *mut c_void) {
    drop(Box::from_raw(p as *mut u64));
    DROPS.fetch_add(1, Ordering::SeqCst);
}

fn boxed() -> *mut c_void {
    Box::into_raw(Box::new(7u64)).cast()
}

#[test]
fn registry_results_and_globals_are_dropped_once() {
    let mut vm = Vm::new(ChainedProvider::new(ABI_VERSION));
    let desc = KindDesc {
        name: KStr::new("counted"),
        drop: count_drop,
        display: None,
        debug: None,
        clone: None,
        eq: None,
        methods: std::ptr::null(),
        n_methods: 0,
    };
    let kind = vm.register_kind(&desc);
    // A registry result nobody took is dropped when the next call's result replaces it.
    vm.set_last_return(Owned::Dynamic(boxed(), kind));
    vm.set_last_return(Owned::Dynamic(boxed(), kind));
    assert_eq!(DROPS.load(Ordering::SeqCst), 1);
    // A taken result is the taker's: not dropped again by the VM.
    let taken = vm.take_last_return();
    vm.drop_returned(taken);
    assert_eq!(DROPS.load(Ordering::SeqCst), 2);
    vm.set_last_return(Owned::Dynamic(boxed(), kind));
    // Rebinding a global drops the old value; session end drops the rest.
    assert!(vm.set_global("g", Owned::Dynamic(boxed(), kind)));
    assert!(vm.set_global("g", Owned::Dynamic(boxed(), kind)));
    assert_eq!(DROPS.load(Ordering::SeqCst), 3);
    drop(vm);
    assert_eq!(DROPS.load(Ordering::SeqCst), 5);
}
