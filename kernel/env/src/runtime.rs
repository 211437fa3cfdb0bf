//! The cell runtime: a `dylib` build of `kayton_api` that every compiled cell links to.
//! Its source is embedded in this binary, so a fresh machine needs nothing but the
//! toolchain; it is built once per (source, rustc) into `$KAYTON_HOME/runtime/<hash>/`.
use crate::toolchain::{fnv64, Toolchain};
use std::path::{Path, PathBuf};
use std::process::Command;

const SOURCES: &[(&str, &str)] = &[
    ("build.rs", include_str!("../../../kayton_api/build.rs")),
    ("src/lib.rs", include_str!("../../../kayton_api/src/lib.rs")),
    ("src/abi.rs", include_str!("../../../kayton_api/src/abi.rs")),
    (
        "src/convert.rs",
        include_str!("../../../kayton_api/src/convert.rs"),
    ),
    ("src/ctx.rs", include_str!("../../../kayton_api/src/ctx.rs")),
    (
        "src/fingerprint.rs",
        include_str!("../../../kayton_api/src/fingerprint.rs"),
    ),
    (
        "src/kind.rs",
        include_str!("../../../kayton_api/src/kind.rs"),
    ),
    (
        "src/mime.rs",
        include_str!("../../../kayton_api/src/mime.rs"),
    ),
    (
        "src/meta.rs",
        include_str!("../../../kayton_api/src/meta.rs"),
    ),
    (
        "src/dynamic.rs",
        include_str!("../../../kayton_api/src/dynamic.rs"),
    ),
    (
        "src/export.rs",
        include_str!("../../../kayton_api/src/export.rs"),
    ),
    (
        "src/export/tests.rs",
        include_str!("../../../kayton_api/src/export/tests.rs"),
    ),
    (
        "src/export/bytes_std.rs",
        include_str!("../../../kayton_api/src/export/bytes_std.rs"),
    ),
    (
        "src/export/tuples.rs",
        include_str!("../../../kayton_api/src/export/tuples.rs"),
    ),
    (
        "src/export/ranges.rs",
        include_str!("../../../kayton_api/src/export/ranges.rs"),
    ),
    (
        "src/export/arrays.rs",
        include_str!("../../../kayton_api/src/export/arrays.rs"),
    ),
    (
        "src/export/int_lists.rs",
        include_str!("../../../kayton_api/src/export/int_lists.rs"),
    ),
    (
        "src/export/fallback.rs",
        include_str!("../../../kayton_api/src/export/fallback.rs"),
    ),
    (
        "src/export/iters.rs",
        include_str!("../../../kayton_api/src/export/iters.rs"),
    ),
    (
        "src/iter.rs",
        include_str!("../../../kayton_api/src/iter.rs"),
    ),
    ("src/rt.rs", include_str!("../../../kayton_api/src/rt.rs")),
    (
        "src/rt/builtins.rs",
        include_str!("../../../kayton_api/src/rt/builtins.rs"),
    ),
    (
        "src/rt/data.rs",
        include_str!("../../../kayton_api/src/rt/data.rs"),
    ),
    (
        "src/rt/rich.rs",
        include_str!("../../../kayton_api/src/rt/rich.rs"),
    ),
    (
        "src/rt/serde_bridge.rs",
        include_str!("../../../kayton_api/src/rt/serde_bridge.rs"),
    ),
    (
        "src/rt/dict.rs",
        include_str!("../../../kayton_api/src/rt/dict.rs"),
    ),
    (
        "src/rt/slice.rs",
        include_str!("../../../kayton_api/src/rt/slice.rs"),
    ),
    (
        "src/rt/py_methods.rs",
        include_str!("../../../kayton_api/src/rt/py_methods.rs"),
    ),
    (
        "src/rt/bytes.rs",
        include_str!("../../../kayton_api/src/rt/bytes.rs"),
    ),
    (
        "src/rt/raise.rs",
        include_str!("../../../kayton_api/src/rt/raise.rs"),
    ),
    (
        "src/rt/show.rs",
        include_str!("../../../kayton_api/src/rt/show.rs"),
    ),
];

/// Where the runtime's artifacts are, for the cell builder's `--extern`/`-L` flags.
#[derive(Debug, Clone)]
pub struct Runtime {
    /// `libkayton_api.so`.
    pub dylib: PathBuf,
    /// `-L dependency=` directory.
    pub deps: PathBuf,
}

/// `$KAYTON_HOME`, else `~/.kayton`.
pub fn kayton_home() -> PathBuf {
    if let Some(h) = std::env::var_os("KAYTON_HOME") {
        return PathBuf::from(h);
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    home.map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(".kayton")
}

fn manifest() -> String {
    format!(
        "[package]\nname = \"kayton_api\"\nversion = \"{}\"\nedition = \"2021\"\n\n\
         [lib]\ncrate-type = [\"rlib\", \"dylib\"]\n\n[features]\ndefault = [\"std\"]\nstd = []\n# The macros come as `--extern kayton_macros=…` (no registry offline).\nmacros = []\n\n\
         [profile.dev]\n# Same opt-level as cells: at 0 rustc shares generic instantiations across crates,\n# and a cell at 0 expects its dylib dependencies to export them.\nopt-level = 0\ndebug = 0\nincremental = false\n\n[workspace]\n",
        kayton_api::FINGERPRINT_PARTS.0
    )
}

impl Runtime {
    /// Build the runtime if this (source, toolchain, macros) triple has not been built
    /// before. With the macro library (see [`macros_lib`]) the runtime re-exports the
    /// macros, so that `kayton` in a plugin is the same crate as in a cell; without it
    /// (a `keyton` binary copied away from its build) cells still run, plugins cannot be
    /// built.
    pub fn ensure(tc: &Toolchain) -> Result<Runtime, String> {
        let man = manifest();
        let macros = macros_lib().ok();
        // Named by the macros' sources (bindgen's `REVISION` covers them), not by which
        // build of them this executable found: a test binary and `keyton` must share one
        // runtime, or plugins built against one could not link cells built against the
        // other.
        let macros_id = match macros {
            Some(_) => bindgen_kayton::REVISION,
            None => "",
        };
        let mut parts: Vec<&[u8]> = vec![
            man.as_bytes(),
            tc.version_verbose.as_bytes(),
            macros_id.as_bytes(),
        ];
        for (p, s) in SOURCES {
            parts.push(p.as_bytes());
            parts.push(s.as_bytes());
        }
        let dir = kayton_home()
            .join("runtime")
            .join(format!("{:016x}", fnv64(&parts)));
        let rt = Runtime {
            dylib: dir.join("target/debug").join(dylib_name("kayton_api")),
            deps: dir.join("target/debug/deps"),
        };
        if dir.join("built.stamp").exists() && rt.dylib.exists() {
            return Ok(rt);
        }
        write_sources(&dir, &man)?;
        let mut cmd = Command::new("cargo");
        cmd.args(["rustc", "--lib", "--quiet", "--offline"]);
        if let Some(m) = &macros {
            cmd.args(["--features", "macros", "--", "--extern"])
                .arg(format!("kayton_macros={}", m.display()));
        }
        let out = cmd
            .current_dir(&dir)
            .env("RUSTFLAGS", "-C prefer-dynamic")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .output()
            .map_err(|e| format!("cannot run cargo to build the cell runtime: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "building the cell runtime in {} failed:\n{}",
                dir.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        // Whatever links the runtime resolves its dependencies, the macros included, from
        // the runtime's own `deps` directory: a copy of the library it was built with.
        if let Some(m) = &macros {
            let copy = rt.deps.join(m.file_name().expect("a file"));
            std::fs::copy(m, &copy)
                .map_err(|e| format!("cannot copy {} to {}: {e}", m.display(), copy.display()))?;
        }
        std::fs::write(dir.join("built.stamp"), tc.version_verbose.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        Ok(rt)
    }
}

fn write_sources(dir: &Path, manifest: &str) -> Result<(), String> {
    let w = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap())
            .and_then(|_| std::fs::write(&p, text))
            .map_err(|e| format!("cannot write {}: {e}", p.display()))
    };
    w("Cargo.toml", manifest)?;
    for (rel, text) in SOURCES {
        w(rel, text)?;
    }
    Ok(())
}

/// The `kayton-macros` proc-macro library plugins are built with: `KAYTON_MACROS_LIB`,
/// else the newest one cargo built beside this executable (it is a dependency of the
/// kernel, so building `keyton` builds it with the same toolchain).
pub fn macros_lib() -> Result<PathBuf, String> {
    if let Some(p) = crate::vars::var_os("KAYTON_MACROS_LIB") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let dir = exe.parent().unwrap_or(Path::new("."));
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for d in [dir.to_path_buf(), dir.join("deps")] {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with("libkayton_macros-") && name.ends_with(std::env::consts::DLL_SUFFIX)
            {
                let t = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                found.push((t, e.path()));
            }
        }
    }
    found.sort();
    found.pop().map(|(_, p)| p).ok_or_else(|| {
        format!(
            "kayton-macros is not built next to {}: run `cargo build -p keyton-kernel`, or set KAYTON_MACROS_LIB",
            exe.display()
        )
    })
}

pub fn dylib_name(crate_name: &str) -> String {
    format!(
        "{}{crate_name}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

#[cfg(test)]
mod tests {
    use super::SOURCES;

    /// A source file of kayton_api missing from SOURCES would only show up as a failed
    /// runtime build on a user's machine.
    #[test]
    fn every_kayton_api_source_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kayton_api");
        let mut stack = vec![root.join("src")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    SOURCES.iter().any(|(name, _)| *name == rel),
                    "{rel} is not embedded in kernel/env/src/runtime.rs SOURCES"
                );
            }
        }
    }
}
