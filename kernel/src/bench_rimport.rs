//! `keyton bench --rimport semver,regex`: rimport figures per crate, in a throwaway
//! environment — cold install split by phase (resolve, vendor, rustdoc, prune with its rounds, build;
//! the env has its own cargo home, so downloads are included), warm `rimport` in a fresh
//! session, and the first cell that calls the crate.
use crate::bench::summary;
use crate::env::Env;
use crate::session::Session;
use std::time::Instant;

/// A cell that calls each benchmarked crate, with its expected result.
fn sample(krate: &str) -> Option<(&'static str, &'static str, &'static str)> {
    match krate {
        "semver" => Some((
            "from semver rimport Version",
            "Version.parse(\"1.2.3\").major",
            "1",
        )),
        "regex" => Some((
            "from regex rimport Regex",
            "Regex.new(\"a+b\").is_match(\"caab\")",
            "True",
        )),
        "heck" => Some((
            "from heck rimport ToSnakeCase",
            "\"HelloWorld\".to_snake_case()",
            "hello_world",
        )),
        _ => None,
    }
}

pub fn run(crates: &[String], runs: usize) -> Result<(), String> {
    let env_name = format!("bench-{}", std::process::id());
    // Sessions find rimported crates in the active environment.
    std::env::set_var("KAYTON_ENV", &env_name);
    let env = Env::active();
    let result = measure(&env, crates, runs.max(1));
    let _ = std::fs::remove_dir_all(&env.dir);
    result
}

fn measure(env: &Env, crates: &[String], runs: usize) -> Result<(), String> {
    for krate in crates {
        let (import, call, expected) = sample(krate).ok_or_else(|| {
            format!("no benchmark cell for `{krate}` (known: semver, regex, heck)")
        })?;
        let t = Instant::now();
        let rec = env.install(krate, "*", &[], &mut |_| {})?;
        let cold = t.elapsed();
        let phases: Vec<String> = rec
            .phases_ms
            .iter()
            .map(|(p, ms)| format!("{p} {:.1} s", *ms as f64 / 1000.0))
            .collect();
        println!(
            "rimport {krate} {} cold: {:.1} s ({})",
            rec.version,
            cold.as_secs_f64(),
            phases.join(", ")
        );
        let (mut warm, mut first) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let mut s = Session::new()?;
            let t = Instant::now();
            let out = s.run_cell(import);
            warm.push(t.elapsed());
            if let Some(e) = out.error {
                return Err(format!("`{import}` failed: {e}"));
            }
            let t = Instant::now();
            let out = s.run_cell(call);
            first.push(t.elapsed());
            if out.result.as_deref() != Some(expected) {
                return Err(format!("`{call}` gave {out:?}, expected {expected}"));
            }
        }
        println!("  warm rimport in a fresh session: {}", summary(warm));
        println!("  first cell that calls it:        {}", summary(first));
    }
    Ok(())
}
