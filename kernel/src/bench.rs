//! `keyton bench`: measured figures for the notes: session start, trivial-cell latency
//! end to end (and split into compile vs build+run), and registry-call overhead.
use crate::protocol::CallArg;
use crate::session::Session;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// `p50 … ms, p90 … ms (n=…)` of the samples (shared by `bench_rimport`).
pub(crate) fn summary(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "p50 {:.1} ms, p90 {:.1} ms (n={})",
        pct(&v, 0.5),
        pct(&v, 0.9),
        v.len()
    )
}

#[inline(never)]
fn direct_add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

pub fn run(runs: usize) -> Result<(), String> {
    println!(
        "machine: {} cores, {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        std::env::consts::ARCH
    );
    // Session start: toolchain probe, runtime check, executor spawn.
    let mut starts = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let s = Session::new()?;
        starts.push(t.elapsed());
        drop(s);
    }
    println!("session start:          {}", summary(starts));

    let mut s = Session::new()?;
    for _ in 0..2 {
        s.run_cell("1 + 1");
    }
    let mut total = Vec::new();
    let mut compile = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let c = s
            .compiler()
            .compile("1 + 1")
            .map_err(|e| format!("{e:?}"))?;
        compile.push(t.elapsed());
        drop(c);
        let t = Instant::now();
        let out = s.run_cell("1 + 1");
        total.push(t.elapsed());
        if out.result.as_deref() != Some("2") {
            return Err(format!("trivial cell gave {out:?}"));
        }
    }
    println!("trivial cell end to end: {}", summary(total));
    println!("  of which parse→Rust:   {}", summary(compile));
    loop_iteration(&mut s)?;

    let n = 2_000_000u64;
    let ints = [CallArg::Int(1), CallArg::Int(2)];
    let (ns, last) = s.host().call_bench("add_i64", &ints, n)?;
    assert_eq!(last, "3");
    let t = Instant::now();
    let mut acc = 0i64;
    for i in 0..n {
        acc = acc.wrapping_add(direct_add(black_box(i as i64), black_box(2)));
    }
    black_box(acc);
    let direct = t.elapsed().as_nanos() as f64 / n as f64;
    println!("registry call add_i64 (i64,i64)->i64 (host built-in): {ns:.1} ns/call; direct Rust call: {direct:.1} ns/call");
    plugin_calls(n)
}

/// A Keyton loop's cost per iteration (`t += i` over a range, with its interrupt check):
/// a 2M-iteration cell less a 2-iteration one, so that compiling and running a cell
/// cancel out; the best of three.
fn loop_iteration(s: &mut Session) -> Result<(), String> {
    let cell = |n: u64| format!("t = 0\nfor i in range({n}):\n    t += i\nt");
    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut took = [0.0f64; 2];
        for (k, n) in [2u64, 2_000_000].into_iter().enumerate() {
            let t = Instant::now();
            let out = s.run_cell(&cell(n));
            took[k] = t.elapsed().as_nanos() as f64;
            if let Some(e) = out.error {
                return Err(e);
            }
        }
        best = best.min((took[1] - took[0]) / 2_000_000.0);
    }
    println!("loop iteration (`t += i` over a range): {best:.1} ns");
    Ok(())
}

/// Registry calls into a plugin built with kayton-macros (the geometry example, built
/// now into a temporary plugin directory): the thunks' conversions and panic guard.
fn plugin_calls(n: u64) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("keyton-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let src = dir.join("geometry.rs");
    std::fs::write(&src, GEOMETRY).map_err(|e| e.to_string())?;
    let t = Instant::now();
    crate::plugins::build(&src, "geometry", None, &dir)?;
    println!(
        "plugin build (geometry, kayton-macros): {:.1} s",
        t.elapsed().as_secs_f64()
    );
    std::env::set_var("KAYTON_PLUGIN_PATH", &dir);
    let mut s = Session::new()?;
    let out = s.run_cell("rimport geometry");
    if let Some(e) = out.error {
        return Err(e);
    }
    let (ns, last) =
        s.host()
            .call_bench("geometry::add", &[CallArg::Int(1), CallArg::Int(2)], n)?;
    assert_eq!(last, "3");
    let direct = time_direct(n, |i| direct_add(i as i64, 2) as usize);
    println!("registry call geometry::add (i64,i64)->i64: {ns:.1} ns/call; direct Rust call: {direct:.1} ns/call");
    let m = n / 4;
    let (ns, last) = s
        .host()
        .call_bench("geometry::greet", &[CallArg::Str("Ada".into())], m)?;
    assert_eq!(last, "'hello, Ada'");
    let direct = time_direct(m, |_| direct_greet(black_box("Ada")).len());
    println!("registry call geometry::greet (&str)->String: {ns:.1} ns/call; direct Rust call: {direct:.1} ns/call");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

const GEOMETRY: &str = include_str!("../../examples/geometry/lib.rs");

#[inline(never)]
fn direct_greet(name: &str) -> String {
    format!("hello, {name}")
}

fn time_direct(n: u64, mut f: impl FnMut(u64) -> usize) -> f64 {
    let t = Instant::now();
    let mut acc = 0usize;
    for i in 0..n {
        acc = acc.wrapping_add(f(black_box(i)));
    }
    black_box(acc);
    t.elapsed().as_nanos() as f64 / n as f64
}
