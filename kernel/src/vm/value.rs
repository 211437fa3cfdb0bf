//! Values as the VM owns them: copies of what crossed the ABI (a dynamic value is the
//! one thing whose ownership moves in).
use kayton_api::{KStr, KValue, Tag};
use std::ffi::c_void;

pub enum HostValue {
    Unit,
    I64(i64),
    F64(f64),
    Bool(bool),
    Str(String),
    VecI64(Vec<i64>),
    VecF64(Vec<f64>),
    /// The strings and the borrowed views handed out for them.
    VecStr(Vec<String>, Vec<KStr>),
    Dynamic {
        ptr: *mut c_void,
        kind: u32,
    },
}

impl HostValue {
    /// Copy a value out of the ABI; a `Dynamic` is taken over (the caller gave it up).
    ///
    /// # Safety
    /// `v`'s pointers must be valid.
    pub unsafe fn from_kvalue(v: &KValue) -> Option<HostValue> {
        Some(match v.tag()? {
            Tag::Unit => HostValue::Unit,
            Tag::I64 => HostValue::I64(v.int),
            Tag::F64 => HostValue::F64(v.float),
            Tag::Bool => HostValue::Bool(v.int != 0),
            Tag::Str => HostValue::Str(
                KStr {
                    ptr: v.ptr.cast(),
                    len: v.len,
                }
                .as_str()
                .to_owned(),
            ),
            Tag::VecI64 => HostValue::VecI64(raw_slice::<i64>(v.ptr, v.len).to_vec()),
            Tag::VecF64 => HostValue::VecF64(raw_slice::<f64>(v.ptr, v.len).to_vec()),
            Tag::VecStr => {
                let strs: Vec<String> = raw_slice::<KStr>(v.ptr, v.len)
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect();
                let views = strs.iter().map(|s| KStr::new(s)).collect();
                HostValue::VecStr(strs, views)
            }
            Tag::Dynamic => HostValue::Dynamic {
                ptr: v.ptr as *mut c_void,
                kind: v.kind,
            },
        })
    }

    /// A borrowed view, valid while `self` is neither moved nor changed.
    pub fn as_kvalue(&self) -> KValue {
        let t = |tag: Tag| KValue {
            tag: tag as u32,
            ..KValue::UNIT
        };
        match self {
            HostValue::Unit => KValue::UNIT,
            HostValue::I64(v) => KValue::i64(*v),
            HostValue::F64(v) => KValue::f64(*v),
            HostValue::Bool(v) => KValue::bool(*v),
            HostValue::Str(s) => KValue::str(s),
            HostValue::VecI64(v) => KValue {
                ptr: v.as_ptr().cast(),
                len: v.len(),
                ..t(Tag::VecI64)
            },
            HostValue::VecF64(v) => KValue {
                ptr: v.as_ptr().cast(),
                len: v.len(),
                ..t(Tag::VecF64)
            },
            HostValue::VecStr(_, k) => KValue {
                ptr: k.as_ptr().cast(),
                len: k.len(),
                ..t(Tag::VecStr)
            },
            HostValue::Dynamic { ptr, kind } => KValue {
                ptr: *ptr,
                kind: *kind,
                ..t(Tag::Dynamic)
            },
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            HostValue::Unit => "()",
            HostValue::I64(_) => "i64",
            HostValue::F64(_) => "f64",
            HostValue::Bool(_) => "bool",
            HostValue::Str(_) => "String",
            HostValue::VecI64(_) => "Vec<i64>",
            HostValue::VecF64(_) => "Vec<f64>",
            HostValue::VecStr(..) => "Vec<String>",
            HostValue::Dynamic { .. } => "dynamic",
        }
    }
}

unsafe fn raw_slice<'a, T>(p: *const c_void, n: usize) -> &'a [T] {
    if n == 0 || p.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(p.cast(), n)
    }
}
