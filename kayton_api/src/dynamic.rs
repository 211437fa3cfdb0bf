//! [`Dynamic`]: a value of any registered kind, reaching generic Rust code through the
//! kind's fns (display, debug, clone, eq) — the `Dynamic` instantiation shape.
use crate::abi::{KStr, KindDesc};
use crate::kind::KindFns;
use alloc::boxed::Box;
use alloc::string::String;
use core::ffi::c_void;
use core::fmt;

/// A value of a registered kind. An owned one drops its value through the kind's drop
/// fn; a view (of a value someone else owns) never does, and cloning a view gives an
/// owned value.
pub struct Dynamic {
    ptr: *mut c_void,
    kind: u32,
    desc: KindDesc,
    owned: bool,
}

impl Dynamic {
    /// Move `value` into a new owned `Dynamic` of kind `kind` described by `fns`.
    pub fn new<T: 'static>(value: T, kind: u32, fns: &KindFns<T>) -> Dynamic {
        Dynamic {
            ptr: Box::into_raw(Box::new(value)) as *mut c_void,
            kind,
            desc: *fns.desc(),
            owned: true,
        }
    }

    /// A view of `value`, valid while `value` is: it must not outlive it.
    pub fn view<T: 'static>(value: &T, kind: u32, fns: &KindFns<T>) -> Dynamic {
        Dynamic {
            ptr: value as *const T as *mut c_void,
            kind,
            desc: *fns.desc(),
            owned: false,
        }
    }

    /// A view of the value behind a raw pointer of kind `kind`.
    ///
    /// # Safety
    /// `ptr` must point to a live value of the kind `desc` describes, for as long as
    /// the view (and anything borrowed from it) lives.
    pub unsafe fn from_raw_view(ptr: *const c_void, kind: u32, desc: KindDesc) -> Dynamic {
        Dynamic {
            ptr: ptr as *mut c_void,
            kind,
            desc,
            owned: false,
        }
    }

    /// The kind id.
    pub fn kind(&self) -> u32 {
        self.kind
    }

    /// The kind's name (`geometry::Point`).
    pub fn kind_name(&self) -> &str {
        unsafe { self.desc.name.as_str() }
    }

    /// Give up the value as a raw owned pointer (cloning a view first) with its kind.
    /// `None` if it is a view of a kind that cannot be cloned.
    pub fn into_raw(self) -> Option<(*mut c_void, u32)> {
        let me = if self.owned { self } else { self.try_clone()? };
        let out = (me.ptr, me.kind);
        core::mem::forget(me);
        Some(out)
    }

    /// The value as `T`, if this is of kind `kind` (a view is cloned through its kind).
    pub fn into_value<T: 'static>(self, kind: u32) -> Result<T, String> {
        if self.kind != kind {
            return Err(alloc::format!(
                "expected a value of kind {kind}, found `{}`",
                self.kind_name()
            ));
        }
        let name = String::from(self.kind_name());
        let (ptr, _) = self
            .into_raw()
            .ok_or_else(|| alloc::format!("a borrowed `{name}` cannot be cloned"))?;
        Ok(*unsafe { Box::from_raw(ptr as *mut T) })
    }

    fn try_clone(&self) -> Option<Dynamic> {
        let clone = self.desc.clone?;
        Some(Dynamic {
            ptr: unsafe { clone(self.ptr) },
            kind: self.kind,
            desc: self.desc,
            owned: true,
        })
    }

    fn show(&self, first: bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.desc.display, self.desc.debug);
        let Some(show) = (if first { a.or(b) } else { b.or(a) }) else {
            return write!(f, "<{}>", self.kind_name());
        };
        let mut out = String::new();
        unsafe extern "C" fn sink(s: *mut c_void, t: KStr) {
            (*(s as *mut String)).push_str(t.as_str());
        }
        unsafe { show(self.ptr, (&mut out as *mut String).cast(), sink) };
        f.write_str(&out)
    }
}

impl Drop for Dynamic {
    fn drop(&mut self) {
        if self.owned {
            unsafe { (self.desc.drop)(self.ptr) };
        }
    }
}

impl Clone for Dynamic {
    /// Through the kind's clone fn; a kind without one panics with its name (a panic in
    /// a plugin becomes a Keyton error).
    fn clone(&self) -> Dynamic {
        self.try_clone()
            .unwrap_or_else(|| panic!("values of `{}` cannot be cloned", self.kind_name()))
    }
}

impl fmt::Display for Dynamic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.show(true, f)
    }
}

impl fmt::Debug for Dynamic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.show(false, f)
    }
}

impl PartialEq for Dynamic {
    /// Same kind and equal by the kind's eq fn; without one, only the same value is equal.
    fn eq(&self, other: &Dynamic) -> bool {
        if self.kind != other.kind {
            return false;
        }
        match self.desc.eq {
            Some(eq) => unsafe { eq(self.ptr, other.ptr) },
            None => self.ptr == other.ptr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::{Probe, ProbeFallback};

    #[derive(Debug, Clone, PartialEq)]
    struct P(i64);
    struct Opaque;

    fn fns_p() -> KindFns<P> {
        KindFns::<P>::new("P").with(
            Probe::<P>::DISPLAY_FN,
            Probe::<P>::DEBUG_FN,
            Probe::<P>::CLONE_FN,
            Probe::<P>::EQ_FN,
        )
    }

    #[test]
    fn probes_see_the_traits() {
        assert!(Probe::<P>::DEBUG_FN.is_some() && Probe::<P>::CLONE_FN.is_some());
        assert!(Probe::<P>::DISPLAY_FN.is_none());
        assert_eq!(Probe::<P>::DISPLAY_NAME, "");
        assert_eq!(Probe::<P>::EQ_NAME, "PartialEq ");
        assert!(Probe::<Opaque>::CLONE_FN.is_none());
        assert_eq!(Probe::<i64>::DISPLAY_NAME, "Display ");
        // Operators: two values of the type giving one.
        assert_eq!(Probe::<i64>::ADD_NAME, "Add ");
        assert_eq!(Probe::<i64>::ORD_NAME, "PartialOrd ");
        assert_eq!(Probe::<u8>::NEG_NAME, "");
        assert_eq!(Probe::<String>::ADD_NAME, "");
        assert_eq!(Probe::<P>::ORD_NAME, "");
    }

    #[test]
    fn dynamic_uses_the_kind_fns() {
        let a = Dynamic::new(P(1), 7, &fns_p());
        let b = a.clone();
        assert_eq!(a, b);
        assert_eq!(alloc::format!("{a}"), "P(1)", "no Display: Debug is used");
        let v = P(2);
        let view = Dynamic::view(&v, 7, &fns_p());
        assert_ne!(view, a);
        assert_eq!(view.into_value::<P>(7).unwrap(), P(2));
        assert!(b.into_value::<P>(8).unwrap_err().contains("found `P`"));
    }

    #[test]
    fn a_kind_without_clone_panics_with_its_name() {
        let o = Dynamic::new(Opaque, 3, &KindFns::<Opaque>::new("geo::Opaque"));
        assert_eq!(alloc::format!("{o}"), "<geo::Opaque>");
        let e = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| o.clone()))
            .err()
            .unwrap();
        assert_eq!(
            e.downcast_ref::<String>().unwrap(),
            "values of `geo::Opaque` cannot be cloned"
        );
    }
}
