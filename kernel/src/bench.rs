//! `keyton bench`: measured figures for the notes: session start, trivial-cell latency
//! end to end (and split into compile vs build+run), and registry-call overhead.
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

    let n = 2_000_000u64;
    let (ns, last) = s.host().call_bench("add_i64", &[1, 2], n)?;
    assert_eq!(last, 3);
    let t = Instant::now();
    let mut acc = 0i64;
    for i in 0..n {
        acc = acc.wrapping_add(direct_add(black_box(i as i64), black_box(2)));
    }
    black_box(acc);
    let direct = t.elapsed().as_nanos() as f64 / n as f64;
    println!("registry call add_i64 (i64,i64)->i64: {ns:.1} ns/call; direct Rust call: {direct:.1} ns/call");
    Ok(())
}
