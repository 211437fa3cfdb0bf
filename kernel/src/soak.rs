//! `keyton soak --cells N`: a long session through the session engine — definitions,
//! rimported calls, errors, panics in a plugin, rich output — with the executor's and
//! this process's resident memory and open file descriptors every `every` cells. Needs
//! the geometry example plugin on `KAYTON_PLUGIN_PATH` (`keyton plugin-build`).
use crate::session::Session;

/// One reading, after `cells` cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub cells: usize,
    pub executor_rss_kb: u64,
    pub executor_fds: usize,
    pub host_rss_kb: u64,
    pub host_fds: usize,
    /// Cells that ended in an error so far (a third of them are meant to).
    pub errors: usize,
}

/// The `i`th cell of the mix, and whether it is meant to fail.
fn cell(i: usize) -> (String, bool) {
    match i % 8 {
        0 => (
            format!("def f{i}(x):\n    return x + {i}\nv{} = f{i}({i})", i % 50),
            false,
        ),
        1 => (
            format!("p = Point.new({i}.0, 1.0)\np.translate(1.0, 1.0)\np.norm()"),
            false,
        ),
        2 => ("[1, 2][5]".into(), true),
        3 => ("geometry.checked_sqrt(-1.0)".into(), true),
        4 => ("xs = [x * x for x in range(100)]\nsum(xs)".into(), false),
        5 => (format!("d = {{\"a\": {i}}}\nd[\"a\"] + len(xs)"), false),
        6 => (format!("display(html(\"<b>{i}</b>\"))\n\"x\" * 3"), false),
        _ => (format!("undefined_{i} + 1"), true),
    }
}

#[cfg(target_os = "linux")]
fn rss_and_fds(pid: u32) -> (u64, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0);
    (rss, fds)
}

#[cfg(not(target_os = "linux"))]
fn rss_and_fds(_pid: u32) -> (u64, usize) {
    (0, 0)
}

/// Run `cells` cells after a preamble; `on_sample` gets a reading every `every` cells
/// (and the first, after the preamble). An unexpected outcome is an error.
pub fn run(
    cells: usize,
    every: usize,
    on_sample: &mut dyn FnMut(&Sample),
) -> Result<Vec<Sample>, String> {
    let mut s = Session::new()?;
    let pre = s.run_cell("from geometry rimport Point\nrimport geometry\nxs = [1]");
    if let Some(e) = pre.error {
        return Err(format!(
            "the preamble failed (is the geometry plugin on KAYTON_PLUGIN_PATH?): {e}"
        ));
    }
    let mut samples = Vec::new();
    let mut errors = 0;
    let mut read = |s: &mut Session, n: usize, errors: usize| {
        let (executor_rss_kb, executor_fds) = rss_and_fds(s.host().executor_pid().unwrap_or(0));
        let (host_rss_kb, host_fds) = rss_and_fds(std::process::id());
        let sample = Sample {
            cells: n,
            executor_rss_kb,
            executor_fds,
            host_rss_kb,
            host_fds,
            errors,
        };
        on_sample(&sample);
        samples.push(sample);
    };
    read(&mut s, 0, 0);
    for i in 0..cells {
        let (code, fails) = cell(i);
        let out = s.run_cell(&code);
        if out.error.is_some() != fails {
            return Err(format!(
                "cell {i} ({code:?}) {}: {:?}",
                if fails { "did not fail" } else { "failed" },
                out.error
            ));
        }
        errors += fails as usize;
        if (i + 1) % every == 0 || i + 1 == cells {
            read(&mut s, i + 1, errors);
        }
    }
    Ok(samples)
}

/// The table the note quotes.
pub fn print_row(s: &Sample) {
    if s.cells == 0 {
        println!(
            "| cells | executor RSS (MB) | executor fds | host RSS (MB) | host fds | errors |"
        );
        println!("|---|---|---|---|---|---|");
    }
    println!(
        "| {} | {:.1} | {} | {:.1} | {} | {} |",
        s.cells,
        s.executor_rss_kb as f64 / 1024.0,
        s.executor_fds,
        s.host_rss_kb as f64 / 1024.0,
        s.host_fds,
        s.errors
    );
}

/// Growth per cell between the first and last readings, in KB: (executor, host).
pub fn growth_per_cell(samples: &[Sample]) -> (f64, f64) {
    let (Some(a), Some(b)) = (samples.first(), samples.last()) else {
        return (0.0, 0.0);
    };
    let n = (b.cells - a.cells).max(1) as f64;
    (
        (b.executor_rss_kb as f64 - a.executor_rss_kb as f64) / n,
        (b.host_rss_kb as f64 - a.host_rss_kb as f64) / n,
    )
}
