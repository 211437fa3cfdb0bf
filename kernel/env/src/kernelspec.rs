//! `keyton kernel install`: writes a Jupyter kernelspec (`kernel.json`) that starts this
//! binary as a kernel, where `jupyter kernelspec list` finds it.
use serde_json::json;
use std::path::{Path, PathBuf};

pub enum Location {
    User,
    SysPrefix,
    Prefix(PathBuf),
}

/// Jupyter's per-user data directory (`$JUPYTER_DATA_DIR`, else the platform's default).
fn user_data_dir() -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR") {
        return Ok(PathBuf::from(d));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        return home
            .map(|h| h.join("Library/Jupyter"))
            .ok_or_else(|| "HOME is not set".into());
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA")
            .map(|a| PathBuf::from(a).join("jupyter"))
            .ok_or_else(|| "APPDATA is not set".into());
    }
    if let Some(x) = std::env::var_os("XDG_DATA_HOME") {
        return Ok(PathBuf::from(x).join("jupyter"));
    }
    home.map(|h| h.join(".local/share/jupyter"))
        .ok_or_else(|| "HOME is not set".into())
}

fn sys_prefix() -> Result<PathBuf, String> {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys; print(sys.prefix)"])
        .output()
        .map_err(|e| format!("--sys-prefix needs python3 to find sys.prefix: {e}"))?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The directory a kernelspec named `name` goes into.
pub fn spec_dir(name: &str, loc: &Location) -> Result<PathBuf, String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(format!(
            "`{name}` is not a valid kernel name (letters, digits, `-`, `_`, `.`)"
        ));
    }
    let base = match loc {
        Location::User => user_data_dir()?,
        Location::SysPrefix => sys_prefix()?.join("share/jupyter"),
        Location::Prefix(p) => p.join("share/jupyter"),
    };
    Ok(base.join("kernels").join(name))
}

/// Write `kernel.json` for `exe`; returns the directory.
pub fn install(
    exe: &Path,
    name: &str,
    display_name: &str,
    loc: &Location,
    env: &[(String, String)],
) -> Result<PathBuf, String> {
    let dir = spec_dir(name, loc)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let env: serde_json::Map<String, serde_json::Value> =
        env.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let spec = json!({
        "argv": [exe.display().to_string(), "kernel", "-f", "{connection_file}"],
        "display_name": display_name,
        "language": "keyton",
        "interrupt_mode": "message",
        "env": env,
    });
    let text = serde_json::to_string_pretty(&spec).expect("JSON serializes");
    std::fs::write(dir.join("kernel.json"), text)
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_kernelspec_under_a_prefix() {
        let p = std::env::temp_dir().join(format!("keyton-spec-{}", std::process::id()));
        let dir = install(
            Path::new("/bin/keyton"),
            "keyton-test",
            "Keyton (test)",
            &Location::Prefix(p.clone()),
            &[],
        )
        .unwrap();
        assert_eq!(dir, p.join("share/jupyter/kernels/keyton-test"));
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("kernel.json")).unwrap())
                .unwrap();
        assert_eq!(
            spec["argv"],
            json!(["/bin/keyton", "kernel", "-f", "{connection_file}"])
        );
        assert_eq!(spec["language"], "keyton");
        assert_eq!(spec["interrupt_mode"], "message");
        assert!(spec_dir("../evil", &Location::User).is_err());
    }
}
