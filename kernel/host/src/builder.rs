//! Compiles one cell's Rust source to a `dylib` by invoking `rustc` directly with exact
//! `--extern`/`-L` flags: no cargo project per cell, which is what keeps a cell fast.
use crate::runtime::{dylib_name, Runtime};
use crate::toolchain::Toolchain;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

pub use kayton_env::env::ExternLib;

pub struct CellBuilder {
    tc: Toolchain,
    rt: Runtime,
    dir: PathBuf,
    tag: String,
    counter: u64,
    externs: Vec<ExternLib>,
    /// `-C opt-level`: 0 by default, a switch for optimized cells.
    pub opt_level: u8,
}

#[derive(Debug)]
pub struct BuildFailure {
    pub source_path: PathBuf,
    pub stderr: String,
}

impl CellBuilder {
    pub fn new(tc: Toolchain, rt: Runtime) -> Result<CellBuilder, String> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let tag = format!("{}_{:x}", std::process::id(), nanos & 0xffff_ffff);
        let dir = std::env::temp_dir().join(format!("keyton-session-{tag}"));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(CellBuilder {
            tc,
            rt,
            dir,
            tag,
            counter: 0,
            externs: Vec::new(),
            opt_level: 0,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn add_extern(&mut self, lib: ExternLib) {
        if !self.externs.iter().any(|e| e.name == lib.name) {
            self.externs.push(lib);
        }
    }

    /// Build `source` into a fresh `dylib` with a unique crate name (two loaded cells must
    /// never share mangled symbols). Returns the library path.
    pub fn build(&mut self, source: &str) -> Result<PathBuf, BuildFailure> {
        self.counter += 1;
        let name = format!("kcell_{}_{}", self.tag, self.counter);
        let src = self.dir.join(format!("{name}.rs"));
        let out = self.dir.join(dylib_name(&name));
        if let Err(e) = std::fs::write(&src, source) {
            return Err(BuildFailure {
                source_path: src,
                stderr: e.to_string(),
            });
        }
        let rpath: Vec<PathBuf> = self
            .externs
            .iter()
            .map(|e| e.dylib.parent().unwrap().to_path_buf())
            .collect();
        let mut cmd = rustc_dylib(&self.tc, &self.rt, &name, &rpath);
        cmd.args(["--cap-lints", "allow", "-C"])
            .arg(format!("opt-level={}", self.opt_level));
        for e in &self.externs {
            cmd.arg("--extern")
                .arg(format!("{}={}", e.name, e.dylib.display()));
            for d in &e.deps {
                cmd.arg("-L").arg(format!("dependency={}", d.display()));
            }
        }
        cmd.arg("-o").arg(&out).arg(&src);
        match cmd.output() {
            Ok(o) if o.status.success() => Ok(out),
            Ok(o) => Err(BuildFailure {
                source_path: src,
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }),
            Err(e) => Err(BuildFailure {
                source_path: src,
                stderr: format!("cannot run rustc: {e}"),
            }),
        }
    }
}

impl Drop for CellBuilder {
    fn drop(&mut self) {
        // Keep the directory when asked to (for debugging generated code).
        if !crate::vars::is_set("KAYTON_KEEP_CELLS") {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `rustc` set up to build a `dylib` that links std and `kayton_api` dynamically, with a
/// DT_RPATH (searched before LD_LIBRARY_PATH, so a stray `libkayton_api.so` on the
/// caller's library path — `cargo test` adds `target/*/deps` — never stands in for the
/// runtime this library was compiled against). Shared by cells and local plugins.
pub fn rustc_dylib(tc: &Toolchain, rt: &Runtime, crate_name: &str, rpath: &[PathBuf]) -> Command {
    let mut dirs = vec![
        tc.target_libdir.clone(),
        rt.dylib.parent().unwrap().to_path_buf(),
    ];
    dirs.extend(rpath.iter().cloned());
    let dirs: Vec<String> = dirs.iter().map(|p| p.display().to_string()).collect();
    let mut cmd = Command::new(&tc.rustc);
    cmd.args([
        "--edition",
        "2021",
        "--crate-type",
        "dylib",
        "--crate-name",
        crate_name,
    ])
    .args(["-C", "prefer-dynamic", "-C", "debuginfo=0"])
    .arg("--extern")
    .arg(format!("kayton_api={}", rt.dylib.display()))
    .arg("-L")
    .arg(format!("dependency={}", rt.deps.display()))
    .arg("-C")
    .arg(format!(
        "link-args=-Wl,--disable-new-dtags,-rpath,{}",
        dirs.join(":")
    ));
    cmd
}
