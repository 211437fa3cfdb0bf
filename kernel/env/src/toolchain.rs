//! The pinned toolchain as the host sees it: `rustc -vV`, the target libdir holding
//! `libstd-*.so`, and the fingerprint every loaded artifact must carry.
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Clone)]
pub struct Toolchain {
    pub rustc: PathBuf,
    /// `rustc -vV`, newlines folded to "; " (the form `kayton_api` bakes in).
    pub version_verbose: String,
    pub target_libdir: PathBuf,
}

impl Toolchain {
    /// Probe the `rustc` on PATH (or `$RUSTC`) and check it is the one this host was built
    /// with: a host can only load code built by its own compiler.
    pub fn detect() -> Result<Toolchain, String> {
        let rustc = crate::vars::var_os("KAYTON_RUSTC")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("rustc"));
        let vv = run(&rustc, &["-vV"])?.trim().replace('\n', "; ");
        let libdir = PathBuf::from(run(&rustc, &["--print", "target-libdir"])?.trim());
        let tc = Toolchain {
            rustc,
            version_verbose: vv,
            target_libdir: libdir,
        };
        tc.libstd()?;
        let host = kayton_api::FINGERPRINT_PARTS.2;
        if tc.version_verbose != host {
            return Err(format!(
                "the rustc on PATH is not the one this keyton was built with\n  rustc on PATH: {}\n  keyton built by: {host}\n\
                 help: use the toolchain pinned in rust-toolchain.toml (1.95.0), or rebuild keyton with this rustc",
                tc.version_verbose
            ));
        }
        Ok(tc)
    }

    /// `libstd-*.so`, which every cell and plugin links dynamically.
    pub fn libstd(&self) -> Result<PathBuf, String> {
        let entries = std::fs::read_dir(&self.target_libdir).map_err(|e| {
            format!(
                "cannot read rustc's target libdir {}: {e}",
                self.target_libdir.display()
            )
        })?;
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            if n.starts_with("libstd-")
                && (n.ends_with(".so") || n.ends_with(".dylib") || n.ends_with(".dll"))
            {
                return Ok(e.path());
            }
        }
        Err(format!(
            "no libstd-*.so in {}: cells link std dynamically and need it.\n\
             help: reinstall the pinned toolchain (rustup toolchain install 1.95.0)",
            self.target_libdir.display()
        ))
    }
}

fn run(rustc: &PathBuf, args: &[&str]) -> Result<String, String> {
    let out = Command::new(rustc)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `{} {}`: {e}", rustc.display(), args.join(" ")))?;
    if !out.status.success() {
        return Err(format!(
            "`{} {}` failed: {}",
            rustc.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// FNV-1a, for content-addressed cache directories (not for security).
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.iter() {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_pinned_toolchain() {
        let tc = Toolchain::detect().expect("toolchain");
        assert!(
            tc.version_verbose.contains("release: 1.95.0"),
            "{}",
            tc.version_verbose
        );
        assert!(tc.libstd().unwrap().exists());
    }

    #[test]
    fn fnv_separates_parts() {
        assert_ne!(fnv64(&[b"ab", b"c"]), fnv64(&[b"a", b"bc"]));
        assert_eq!(fnv64(&[b"x"]), fnv64(&[b"x"]));
    }
}
