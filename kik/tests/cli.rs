//! `kik` driven as a user would, each test in its own KAYTON_HOME.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn home(tag: &str) -> PathBuf {
    let h = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("kik-{tag}"));
    let _ = std::fs::remove_dir_all(&h);
    h
}

fn kik(home: &Path, env: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kik"))
        .args(args)
        .env("KAYTON_HOME", home)
        .env("KAYTON_ENV", env)
        .output()
        .expect("kik runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn create_activate_list_uninstall_and_a_cache_hit_that_builds_nothing() {
    let h = home("lifecycle");
    assert!(kik(&h, "dev", &["create", "dev"]).status.success());
    let again = kik(&h, "dev", &["create", "dev"]);
    assert!(!again.status.success() && text(&again).contains("already exists"));
    let act = text(&kik(&h, "dev", &["activate", "dev"]));
    assert!(
        act.contains("export KAYTON_ENV='dev'")
            && act.contains("RUSTUP_TOOLCHAIN='1.95.0'")
            && act.contains("envs/dev/cargo'"),
        "{act}"
    );
    assert!(
        text(&kik(&h, "dev", &["activate", "dev", "--shell", "fish"]))
            .contains("set -gx KAYTON_ENV 'dev'")
    );
    assert!(!kik(&h, "dev", &["activate", "nope"]).status.success());

    let first = kik(&h, "dev", &["rinstall", "heck==0.5.0", "--review"]);
    assert!(first.status.success(), "{}", text(&first));
    // --review shows the generated, pruned plugin source before building it (no
    // terminal: no question).
    let stdout = String::from_utf8_lossy(&first.stdout).to_string();
    let shown = text(&first);
    assert!(
        stdout.contains("kayton_rplugin__heck that will be built")
            && stdout.contains("--- src/lib.rs")
            && stdout.contains("pub use heck::*;")
            && stdout.contains("impl heck::ToSnakeCase for str"),
        "{shown}"
    );
    let stderr = String::from_utf8_lossy(&first.stderr).to_string();
    assert!(
        stderr.contains("checking the plugin (round 1)")
            && stderr.contains("building heck (plugin kayton_rplugin__heck)"),
        "{shown}"
    );
    for sub in ["crates-src/heck-0.5.0", "dlls/heck", "cargo", "toolchain"] {
        assert!(h.join("envs/dev").join(sub).is_dir(), "missing {sub}");
    }
    let record = h.join("envs/dev/installed/heck.json");
    let stamp = std::fs::metadata(&record).unwrap().modified().unwrap();
    let second = kik(&h, "dev", &["rinstall", "heck==0.5.0"]);
    assert!(text(&second).contains("cache hit"), "{}", text(&second));
    assert!(
        !text(&second).contains("building"),
        "a cache hit builds nothing: {}",
        text(&second)
    );
    assert_eq!(
        std::fs::metadata(&record).unwrap().modified().unwrap(),
        stamp
    );

    // Reviewing another request shows its diff against the installed plugin.
    let diff = kik(&h, "dev", &["rinstall", "heck==0.4.1", "--review"]);
    let diff = text(&diff);
    // (`plugin!(…)` spans lines when it lists the crate's other public paths.)
    let changed = |sign: char, version: &str| {
        diff.lines()
            .any(|l| l.starts_with(sign) && l.contains(&format!("version = \"{version}\"")))
    };
    assert!(
        diff.contains("--- installed/src/lib.rs") && changed('-', "0.5.0") && changed('+', "0.4.1"),
        "{diff}"
    );
    assert!(kik(&h, "dev", &["rinstall", "heck==0.5.0"])
        .status
        .success());
    let listed = text(&kik(&h, "dev", &["list"]));
    assert!(
        listed.starts_with("heck 0.5.0  bound 19/19 (100.0%), report ")
            && listed.trim_end().ends_with("coverage.txt"),
        "{listed}"
    );
    assert_eq!(text(&kik(&h, "dev", &["list", "--envs"])), "* dev\n");
    assert!(kik(&h, "dev", &["uninstall", "heck"]).status.success());
    assert_eq!(text(&kik(&h, "dev", &["list"])), "");
    assert!(text(&kik(&h, "dev", &["uninstall", "heck"])).contains("not installed"));
}

#[test]
fn a_killed_install_leaves_the_environment_as_it_was() {
    let h = home("killed");
    assert!(kik(&h, "dev", &["create", "dev"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_kik"))
        .args(["rinstall", "semver==1.0.26"])
        .env("KAYTON_HOME", &h)
        .env("KAYTON_ENV", "dev")
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let listed = text(&kik(&h, "dev", &["list"]));
    // The record is written last and renamed into place: the install is whole or absent.
    assert!(
        listed.is_empty() || listed.starts_with("semver 1.0.26  bound "),
        "{listed}"
    );
    assert!(!h.join("envs/dev/installed/semver.json.tmp").exists() || listed.is_empty());
    let retry = kik(&h, "dev", &["rinstall", "semver==1.0.26"]);
    assert!(retry.status.success(), "{}", text(&retry));
    assert!(text(&kik(&h, "dev", &["list"])).starts_with("semver 1.0.26  bound 15/15"));
}

#[test]
fn an_environment_made_by_another_rustc_is_refused() {
    let h = home("fingerprint");
    assert!(kik(&h, "dev", &["create", "dev"]).status.success());
    let toml = h.join("envs/dev/env.toml");
    let edited: String = std::fs::read_to_string(&toml)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("rustc = ") {
                "rustc = \"rustc 1.80.0 (hand-edited)\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&toml, edited).unwrap();
    let o = kik(&h, "dev", &["rinstall", "heck==0.5.0"]);
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("was made with another rustc") && t.contains("rustc 1.80.0 (hand-edited)"),
        "{t}"
    );
    assert!(
        t.contains("help: its plugins cannot load in this session"),
        "{t}"
    );
}

#[test]
fn kernel_install_writes_a_spec_that_jupyter_finds() {
    let h = home("kernel");
    assert!(kik(&h, "dev", &["create", "dev"]).status.success());
    let prefix = h.join("prefix");
    let o = kik(
        &h,
        "dev",
        &[
            "kernel",
            "install",
            "--name",
            "keyton-dev",
            "--prefix",
            prefix.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let spec_dir = prefix.join("share/jupyter/kernels/keyton-dev");
    let spec = std::fs::read_to_string(spec_dir.join("kernel.json")).unwrap();
    assert!(
        spec.contains("\"KAYTON_ENV\": \"dev\"") && spec.contains("{connection_file}"),
        "{spec}"
    );
    // Jupyter's own client lists it (scripts/test.sh installs jupyter_client first).
    // `jupyter kernelspec list`, run as a module so that no console-script shim is needed.
    let listed = Command::new("python3")
        .args(["-m", "jupyter_client.kernelspecapp", "list"])
        .env("JUPYTER_PATH", prefix.join("share/jupyter"))
        .output()
        .expect("python3 runs");
    assert!(
        listed.status.success(),
        "jupyter_client is needed (scripts/test.sh installs it): {}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(
        out.contains("keyton-dev") && out.contains(spec_dir.to_str().unwrap()),
        "{out}"
    );
}
