//! Registry calls made from the front end: what `keyton bench` times and what tests use
//! to call a plugin's thunks (`geometry::Point::norm`) by name, the way any VM client would.
use super::Executor;
use crate::protocol::CallArg;
use crate::vm::{CellReport, API};
use kayton_api::{KValue, Owned};

impl Executor {
    /// Call registry function `name` `n` times (n ≥ 1): nanoseconds per call and the
    /// last result shown (a dynamic result is shown, then dropped: the caller owns it).
    pub(super) fn call(
        &mut self,
        name: &str,
        args: &[CallArg],
        n: u64,
    ) -> Result<(f64, String), String> {
        let id = self
            .vm
            .lookup_function(name)
            .ok_or_else(|| format!("no function `{name}` in the registry"))?;
        let mut kargs = Vec::new();
        for a in args {
            kargs.push(match a {
                CallArg::Int(i) => KValue::i64(*i),
                CallArg::Float(f) => KValue::f64(*f),
                CallArg::Bool(b) => KValue::bool(*b),
                CallArg::Str(s) => KValue::str(s),
                CallArg::Global(g) => self
                    .vm
                    .global(g)
                    .map(Owned::as_kvalue)
                    .ok_or_else(|| format!("global `{g}` is not bound"))?,
            });
        }
        self.vm.report = CellReport::default();
        let ctx = self.ctx();
        let mut out = KValue::UNIT;
        let start = std::time::Instant::now();
        for i in 0..n.max(1) {
            let ok = unsafe {
                (API.call_function)(&ctx, id as i64, kargs.as_ptr(), kargs.len(), &mut out)
            };
            if !ok {
                let e = std::mem::take(&mut self.vm.report).error;
                return Err(e.unwrap_or_else(|| format!("`{name}` failed without a message")));
            }
            if i + 1 < n.max(1) {
                // Results of all but the last call are the caller's to drop, too.
                let v = self.vm.take_last_return();
                self.vm.drop_returned(v);
            }
        }
        let ns = start.elapsed().as_nanos() as f64 / n.max(1) as f64;
        let v = self.vm.take_last_return();
        let shown = self.vm.show(&v);
        self.vm.drop_returned(v);
        Ok((ns, shown))
    }
}
