//! The session VM: globals, dynamic kinds, the function registry, and what a running
//! cell reports (stdout, result, error). It implements the `kayton_api` vtable (api.rs).
mod api;

pub use api::API;

use crate::providers::{ChainedProvider, SymbolProvider};
use kayton_api::{KStr, KValue, KindDesc, Owned, Thunk};
use std::collections::HashMap;
use std::ffi::c_void;

pub struct Kind {
    pub name: String,
    pub desc: KindDesc,
    pub live: u64,
    pub dropped: u64,
}

pub struct FnEntry {
    pub name: String,
    pub signature: String,
    pub thunk: Thunk,
}

/// What a cell reported while it ran.
#[derive(Debug, Default, Clone)]
pub struct CellReport {
    pub stdout: String,
    pub stderr: String,
    pub result: Option<String>,
    /// The result's MIME bundle, when the cell's value is rich.
    pub result_data: Option<Vec<(String, String)>>,
    pub error: Option<String>,
    /// When printed text last went out as a `Stream` event.
    pub flushed: Option<std::time::Instant>,
}

impl CellReport {
    /// Send what was printed so far as `Stream` events (before an event that must come
    /// after it, or when a line has waited long enough to be worth showing live).
    pub fn flush_streams(&mut self) {
        for (name, text) in [("stdout", &mut self.stdout), ("stderr", &mut self.stderr)] {
            if !text.is_empty() {
                crate::wire::event(crate::protocol::Event::Stream {
                    name: name.into(),
                    text: std::mem::take(text),
                });
            }
        }
        self.flushed = Some(std::time::Instant::now());
    }
}

pub struct Vm {
    globals: HashMap<String, Owned>,
    kinds: Vec<Kind>,
    kind_by_name: HashMap<String, u32>,
    functions: Vec<FnEntry>,
    fn_by_name: HashMap<String, usize>,
    pub providers: ChainedProvider,
    pub report: CellReport,
    last_return: Owned,
}

impl Vm {
    pub fn new(providers: ChainedProvider) -> Vm {
        Vm {
            globals: HashMap::new(),
            kinds: Vec::new(),
            kind_by_name: HashMap::new(),
            functions: Vec::new(),
            fn_by_name: HashMap::new(),
            providers,
            report: CellReport::default(),
            last_return: Owned::Unit,
        }
    }

    pub fn global(&self, name: &str) -> Option<&Owned> {
        self.globals.get(name)
    }

    /// Bind `name`, dropping what it held. Refuses a dynamic value of an unknown kind.
    pub fn set_global(&mut self, name: &str, v: Owned) -> bool {
        if let Owned::Dynamic(_, kind) = v {
            match self.kinds.get_mut(kind as usize - 1) {
                Some(k) if kind > 0 => k.live += 1,
                _ => return false,
            }
        }
        if let Some(old) = self.globals.insert(name.to_owned(), v) {
            self.drop_value(old);
        }
        true
    }

    /// Unbind `name` and hand its value to the caller (a dynamic value leaves the VM's care).
    pub fn take_global(&mut self, name: &str) -> Option<Owned> {
        let v = self.globals.remove(name)?;
        if let Owned::Dynamic(_, kind) = v {
            self.kinds[kind as usize - 1].live -= 1;
        }
        Some(v)
    }

    pub fn del_global(&mut self, name: &str) -> bool {
        match self.globals.remove(name) {
            Some(v) => {
                self.drop_value(v);
                true
            }
            None => false,
        }
    }

    /// Drop a value the VM owns; a dynamic one through its kind's drop fn, exactly once.
    /// Drop a registry call's result (not a global, so not counted as live).
    pub fn drop_returned(&mut self, v: Owned) {
        if let Owned::Dynamic(ptr, kind) = v {
            let k = &mut self.kinds[kind as usize - 1];
            k.dropped += 1;
            unsafe { (k.desc.drop)(ptr) };
        }
    }

    fn drop_value(&mut self, v: Owned) {
        if let Owned::Dynamic(ptr, kind) = v {
            let k = &mut self.kinds[kind as usize - 1];
            k.live -= 1;
            k.dropped += 1;
            unsafe { (k.desc.drop)(ptr) };
        }
    }

    pub fn register_kind(&mut self, desc: &KindDesc) -> u32 {
        let name = unsafe { desc.name.as_str() }.to_owned();
        if let Some(id) = self.kind_by_name.get(&name) {
            return *id;
        }
        self.kinds.push(Kind {
            name: name.clone(),
            desc: *desc,
            live: 0,
            dropped: 0,
        });
        let id = self.kinds.len() as u32;
        self.kind_by_name.insert(name, id);
        id
    }

    pub fn kind_id(&self, name: &str) -> u32 {
        self.kind_by_name.get(name).copied().unwrap_or(0)
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    pub fn register_function(&mut self, name: &str, signature: &str, thunk: Thunk) {
        let entry = FnEntry {
            name: name.to_owned(),
            signature: signature.to_owned(),
            thunk,
        };
        match self.fn_by_name.get(name) {
            Some(&i) => self.functions[i] = entry,
            None => {
                self.functions.push(entry);
                self.fn_by_name
                    .insert(name.to_owned(), self.functions.len() - 1);
            }
        }
    }

    /// A function id: the registry first, then the symbol providers (plugins before
    /// built-ins), whose thunks are exported as `kayton_fn__<name>`.
    pub fn lookup_function(&mut self, name: &str) -> Option<usize> {
        if let Some(&i) = self.fn_by_name.get(name) {
            return Some(i);
        }
        let sym = self.providers.get_symbol(&format!("kayton_fn__{name}"))?;
        let thunk: Thunk = unsafe { std::mem::transmute::<*const c_void, Thunk>(sym) };
        self.register_function(name, "", thunk);
        self.fn_by_name.get(name).copied()
    }

    pub fn functions(&self) -> &[FnEntry] {
        &self.functions
    }

    /// Text of a dynamic value through its kind's display (else debug, else its name).
    fn display_dynamic(&self, ptr: *const c_void, kind: u32) -> String {
        let k = &self.kinds[kind as usize - 1];
        let mut out = String::new();
        unsafe extern "C" fn sink(s: *mut c_void, t: KStr) {
            (*(s as *mut String)).push_str(t.as_str());
        }
        let f = k.desc.display.or(k.desc.debug);
        match f {
            Some(f) => unsafe { f(ptr, (&mut out as *mut String).cast(), sink) },
            None => out = format!("<{}>", k.name),
        }
        out
    }

    /// The last registry call's result, taken (the caller owns a dynamic one).
    pub fn take_last_return(&mut self) -> Owned {
        std::mem::replace(&mut self.last_return, Owned::Unit)
    }

    /// Keep `v` as the last registry result (borrowed by the caller until the next
    /// call), dropping the one before: a dynamic result nobody took is dropped once.
    pub fn set_last_return(&mut self, v: Owned) -> KValue {
        let old = std::mem::replace(&mut self.last_return, v);
        self.drop_returned(old);
        self.last_return.as_kvalue()
    }

    /// A value as Keyton shows it.
    pub fn show(&self, v: &Owned) -> String {
        match v {
            Owned::Dynamic(ptr, kind) => self.display_dynamic(*ptr, *kind),
            other => show_builtin(other),
        }
    }

    /// Names, types and shown values of the globals, sorted by name (for `:vars`).
    pub fn describe_globals(&self) -> Vec<(String, String, String)> {
        let mut v: Vec<_> = self
            .globals
            .iter()
            .map(|(n, val)| {
                let (ty, shown) = match val {
                    Owned::Dynamic(ptr, kind) => (
                        self.kinds[*kind as usize - 1].name.clone(),
                        self.display_dynamic(*ptr, *kind),
                    ),
                    other => (other.type_name().to_owned(), show_builtin(other)),
                };
                (n.clone(), ty, shown)
            })
            .collect();
        v.sort();
        v
    }
}

fn show_builtin(v: &Owned) -> String {
    use kayton_api::rt::KShow;
    match v {
        Owned::Unit => "None".into(),
        Owned::I64(x) => x.kshow(),
        Owned::F64(x) => x.kshow(),
        Owned::Bool(x) => x.kshow(),
        Owned::Str(s) => s.krepr(),
        Owned::VecI64(x) => x.kshow(),
        Owned::VecF64(x) => x.kshow(),
        Owned::VecStr(x, _) => x.kshow(),
        Owned::Dynamic(..) => unreachable!("handled by the caller"),
    }
}

impl Drop for Vm {
    /// Session end: every global is dropped, dynamic ones through their kinds, once.
    fn drop(&mut self) {
        let names: Vec<String> = self.globals.keys().cloned().collect();
        for n in names {
            self.del_global(&n);
        }
        let last = self.take_last_return();
        self.drop_returned(last);
    }
}

#[cfg(test)]
mod tests;
