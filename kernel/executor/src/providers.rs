//! Symbol providers: where the host finds a symbol by name. Built-ins compiled into the
//! host, one provider per loaded `dylib`, and a chain (plugins before built-ins, first
//! match wins) that refuses any provider whose ABI does not fit.
use kayton_api::{abi_compatible, KRet, KValue, KaytonContext, Owned, ABI_VERSION};
use libloading::Library;
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Arc;

pub trait SymbolProvider {
    /// A short name for messages (a library path, "builtins").
    fn name(&self) -> String;
    fn get_symbol(&self, name: &str) -> Option<*const c_void>;
    fn has_symbol(&self, name: &str) -> bool {
        self.get_symbol(name).is_some()
    }
    /// `(major << 16) | minor` of the ABI this provider was built against.
    fn abi_version(&self) -> u32;
}

/// Symbols compiled into the host.
pub struct StaticProvider {
    symbols: HashMap<&'static str, *const c_void>,
    abi: u32,
}

impl StaticProvider {
    pub fn new(abi: u32) -> StaticProvider {
        StaticProvider {
            symbols: HashMap::new(),
            abi,
        }
    }
    pub fn with(mut self, name: &'static str, sym: *const c_void) -> Self {
        self.symbols.insert(name, sym);
        self
    }
    /// The host's built-in functions, callable through the registry by name.
    pub fn builtins() -> StaticProvider {
        StaticProvider::new(ABI_VERSION)
            .with("kayton_fn__add_i64", builtin_add_i64 as *const c_void)
            .with("kayton_fn__str_upper", builtin_str_upper as *const c_void)
            .with("kayton_fn__keyton_chart", builtin_chart as *const c_void)
    }
}

impl SymbolProvider for StaticProvider {
    fn name(&self) -> String {
        "builtins".into()
    }
    fn get_symbol(&self, name: &str) -> Option<*const c_void> {
        self.symbols.get(name).copied()
    }
    fn abi_version(&self) -> u32 {
        self.abi
    }
}

/// Symbols of one loaded library. The library stays loaded for the session's life.
pub struct DynamicProvider {
    path: String,
    lib: Arc<Library>,
    abi: u32,
}

impl DynamicProvider {
    /// Wrap a loaded library, reading its exported ABI version.
    pub fn new(path: String, lib: Arc<Library>) -> Result<DynamicProvider, String> {
        let abi = unsafe {
            let f = lib
                .get::<extern "C" fn() -> u32>(kayton_api::SYM_ABI_VERSION.as_bytes())
                .map_err(|_| {
                    format!(
                        "{path} does not export `{}`: not a Keyton library",
                        kayton_api::SYM_ABI_VERSION
                    )
                })?;
            f()
        };
        Ok(DynamicProvider { path, lib, abi })
    }
}

impl SymbolProvider for DynamicProvider {
    fn name(&self) -> String {
        self.path.clone()
    }
    fn get_symbol(&self, name: &str) -> Option<*const c_void> {
        // For a `*const c_void` symbol, libloading yields the symbol's address itself.
        unsafe {
            self.lib
                .get::<*const c_void>(name.as_bytes())
                .ok()
                .map(|s| *s)
        }
    }
    fn abi_version(&self) -> u32 {
        self.abi
    }
}

/// Plugins (in load order) before built-ins; the first provider with the symbol wins.
pub struct ChainedProvider {
    required_abi: u32,
    plugins: Vec<Box<dyn SymbolProvider>>,
    builtins: Option<Box<dyn SymbolProvider>>,
}

impl ChainedProvider {
    pub fn new(required_abi: u32) -> ChainedProvider {
        ChainedProvider {
            required_abi,
            plugins: Vec::new(),
            builtins: None,
        }
    }

    fn check(&self, p: &dyn SymbolProvider) -> Result<(), String> {
        abi_compatible(self.required_abi, p.abi_version()).map_err(|(rm, rn, pm, pn)| {
            format!(
                "{} was built for Keyton ABI {pm}.{pn}, but this host requires {rm}.{rn} (same major, minor at least {rn}).\n\
                 help: rebuild it against this kayton_api",
                p.name()
            )
        })
    }

    pub fn set_builtins(&mut self, p: Box<dyn SymbolProvider>) -> Result<(), String> {
        self.check(p.as_ref())?;
        self.builtins = Some(p);
        Ok(())
    }

    pub fn add_plugin(&mut self, p: Box<dyn SymbolProvider>) -> Result<(), String> {
        self.check(p.as_ref())?;
        self.plugins.push(p);
        Ok(())
    }

    /// The symbol and the name of the provider that supplied it.
    pub fn resolve(&self, name: &str) -> Option<(*const c_void, String)> {
        self.plugins
            .iter()
            .chain(self.builtins.iter())
            .find_map(|p| p.get_symbol(name).map(|s| (s, p.name())))
    }
}

impl SymbolProvider for ChainedProvider {
    fn name(&self) -> String {
        "chain".into()
    }
    fn get_symbol(&self, name: &str) -> Option<*const c_void> {
        self.resolve(name).map(|(s, _)| s)
    }
    fn abi_version(&self) -> u32 {
        self.required_abi
    }
}

unsafe fn args<'a>(a: *const KValue, n: usize) -> &'a [KValue] {
    if n == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(a, n)
    }
}

/// A builtin thunk's ending: its result stored, or its error raised.
unsafe fn finish(
    ctx: *const KaytonContext,
    ret: *mut KRet,
    r: Result<impl Into<Owned>, String>,
) -> bool {
    let c = kayton_api::Ctx::from_raw(ctx);
    match r {
        Ok(v) => {
            c.ret_value(ret, v);
            true
        }
        Err(e) => {
            c.raise(&e);
            false
        }
    }
}

/// `add_i64(a: i64, b: i64) -> i64`: the registry-call benchmark's subject.
unsafe extern "C" fn builtin_add_i64(
    ctx: *const KaytonContext,
    a: *const KValue,
    n: usize,
    ret: *mut KRet,
) -> bool {
    let a = args(a, n);
    let parsed = (|| -> Result<i64, String> {
        if a.len() != 2 {
            return Err(format!("add_i64 takes 2 arguments, got {}", a.len()));
        }
        Ok(<i64 as kayton_api::FromKayton>::from_kayton(&a[0])?
            .wrapping_add(<i64 as kayton_api::FromKayton>::from_kayton(&a[1])?))
    })();
    finish(ctx, ret, parsed)
}

/// `str_upper(s: &str) -> String`.
unsafe extern "C" fn builtin_str_upper(
    ctx: *const KaytonContext,
    a: *const KValue,
    n: usize,
    ret: *mut KRet,
) -> bool {
    let c = kayton_api::Ctx::from_raw(ctx);
    match args(a, n) {
        [s] => match <String as kayton_api::FromKayton>::from_kayton(s) {
            Ok(s) => {
                c.ret_value(ret, s.to_uppercase());
                true
            }
            Err(e) => {
                c.raise(&format!("str_upper: {e}"));
                false
            }
        },
        other => {
            c.raise(&format!("str_upper takes 1 argument, got {}", other.len()));
            false
        }
    }
}

/// `keyton_chart(kind, xs, ys, labels, title, xlabel, ylabel, bins) -> String`: the SVG
/// of `plot`, `scatter`, `bar` or `hist` (`crate::plot`).
unsafe extern "C" fn builtin_chart(
    ctx: *const KaytonContext,
    a: *const KValue,
    n: usize,
    ret: *mut KRet,
) -> bool {
    use kayton_api::FromKayton;
    let drawn = (|| -> Result<String, String> {
        let [kind, xs, ys, labels, title, xlabel, ylabel, bins] = args(a, n) else {
            return Err(format!("keyton_chart takes 8 arguments, got {n}"));
        };
        let text = |v: &KValue| String::from_kayton(v);
        let (xs, ys) = (Vec::<f64>::from_kayton(xs)?, Vec::<f64>::from_kayton(ys)?);
        let labels = Vec::<String>::from_kayton(labels)?;
        let (kind, title) = (text(kind)?, text(title)?);
        let (xlabel, ylabel) = (text(xlabel)?, text(ylabel)?);
        crate::plot::Chart {
            kind: &kind,
            xs: &xs,
            ys: &ys,
            labels: &labels,
            title: &title,
            xlabel: &xlabel,
            ylabel: &ylabel,
            bins: i64::from_kayton(bins)?.max(0) as usize,
        }
        .svg()
    })();
    finish(ctx, ret, drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u32, minor: u32) -> u32 {
        (major << 16) | minor
    }
    static A: u8 = 1;
    static B: u8 = 2;
    fn pa() -> *const c_void {
        &A as *const u8 as *const c_void
    }
    fn pb() -> *const c_void {
        &B as *const u8 as *const c_void
    }

    #[test]
    fn plugins_resolve_before_builtins() {
        let mut chain = ChainedProvider::new(v(1, 0));
        chain
            .set_builtins(Box::new(
                StaticProvider::new(v(1, 0))
                    .with("f", pa())
                    .with("only_builtin", pa()),
            ))
            .unwrap();
        chain
            .add_plugin(Box::new(StaticProvider::new(v(1, 2)).with("f", pb())))
            .unwrap();
        assert_eq!(chain.get_symbol("f"), Some(pb()));
        assert_eq!(chain.get_symbol("only_builtin"), Some(pa()));
        assert!(!chain.has_symbol("missing"));
    }

    #[test]
    fn refuses_major_mismatch_and_lower_minor() {
        let mut chain = ChainedProvider::new(v(1, 1));
        let err = chain
            .add_plugin(Box::new(StaticProvider::new(v(2, 1))))
            .unwrap_err();
        assert!(
            err.contains("ABI 2.1") && err.contains("requires 1.1"),
            "{err}"
        );
        assert!(chain
            .add_plugin(Box::new(StaticProvider::new(v(1, 0))))
            .is_err());
        assert!(chain
            .add_plugin(Box::new(StaticProvider::new(v(1, 5))))
            .is_ok());
    }
}
