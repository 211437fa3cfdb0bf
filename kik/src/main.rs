//! `kik`: Keyton environments (`$KAYTON_HOME/envs/<name>`, `~/.kayton` by default).
mod review;

use clap::{Parser, Subcommand, ValueEnum};
use kayton_env::env::Env;
use kayton_env::kernelspec::{install as install_spec, Location};
use std::io::IsTerminal;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kik",
    version,
    about = "Keyton environments: Rust crates for Keyton sessions"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create an environment.
    Create { env: String },
    /// Print a script that activates an environment: `eval "$(kik activate dev)"`.
    Activate {
        env: String,
        #[arg(long, value_enum, default_value = "bash")]
        shell: Shell,
    },
    /// Install a crate from crates.io into the active environment: `kik rinstall semver==1.0.26`.
    Rinstall {
        spec: String,
        #[arg(long, value_delimiter = ',')]
        features: Vec<String>,
        /// Print the plugin crate to be built (or its diff against the installed one)
        /// first; on a terminal, ask before building.
        #[arg(long)]
        review: bool,
    },
    /// Remove a crate from the active environment.
    Uninstall { krate: String },
    /// List the active environment's crates (or, with --envs, the environments).
    List {
        #[arg(long)]
        envs: bool,
    },
    /// Write a Jupyter kernelspec that runs Keyton in the active environment.
    Kernel {
        #[command(subcommand)]
        action: KernelCmd,
    },
}

#[derive(Subcommand)]
enum KernelCmd {
    Install {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        prefix: Option<std::path::PathBuf>,
    },
}

/// The activation script: sets KAYTON_ENV, puts the env's bin/ first on PATH, uses the
/// env's own cargo home, and pins the toolchain every plugin of the environment was
/// built with.
fn activation(env: &Env, shell: Shell) -> String {
    let bin = env.dir.join("bin").display().to_string();
    let home = env.dir.join("cargo").display().to_string();
    let name = &env.name;
    match shell {
        Shell::Bash | Shell::Zsh => format!(
            "export KAYTON_ENV='{name}'\nexport PATH='{bin}':\"$PATH\"\nexport CARGO_HOME='{home}'\nexport RUSTUP_TOOLCHAIN='1.95.0'\n"
        ),
        Shell::Fish => format!(
            "set -gx KAYTON_ENV '{name}'\nset -gx PATH '{bin}' $PATH\nset -gx CARGO_HOME '{home}'\nset -gx RUSTUP_TOOLCHAIN '1.95.0'\n"
        ),
        Shell::Powershell => format!(
            "$env:KAYTON_ENV = '{name}'\n$env:PATH = '{bin}' + [IO.Path]::PathSeparator + $env:PATH\n$env:CARGO_HOME = '{home}'\n$env:RUSTUP_TOOLCHAIN = '1.95.0'\n"
        ),
    }
}

fn confirm(question: &str) -> Result<bool, String> {
    eprint!("{question} [y/N] ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the answer: {e}"))?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

fn run(cmd: Cmd) -> Result<(), String> {
    match cmd {
        Cmd::Create { env } => {
            let e = Env::named(&env);
            e.create()?;
            println!("created environment {} at {}", e.name, e.dir.display());
        }
        Cmd::Activate { env, shell } => {
            let e = Env::named(&env);
            if !e.exists() {
                return Err(format!(
                    "no environment `{env}`: create it with `kik create {env}`"
                ));
            }
            print!("{}", activation(&e, shell));
        }
        Cmd::Rinstall {
            spec,
            features,
            review,
        } => {
            let (krate, version) = match spec.split_once("==") {
                Some((k, v)) => (k.to_string(), format!("={v}")),
                None => (spec.clone(), "*".to_string()),
            };
            let e = Env::active();
            let before = e.installed(&krate).map(|i| i.hash);
            // On a terminal a spinner shows the running step; otherwise (CI, logs) each
            // step is one plain line on stderr.
            let tty = std::io::stderr().is_terminal();
            let bar = if tty {
                indicatif::ProgressBar::new_spinner()
            } else {
                indicatif::ProgressBar::hidden()
            };
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            let mut progress = |m: &str| {
                if tty {
                    bar.println(m);
                    bar.set_message(m.to_string());
                } else {
                    eprintln!("{m}");
                }
            };
            let mut ask = |dir: &std::path::Path, lib_rs: &str| -> Result<bool, String> {
                if !review {
                    return Ok(true);
                }
                bar.suspend(|| {
                    print!("{}", review::review(&e, &krate, dir, lib_rs));
                    if std::io::stdin().is_terminal() {
                        confirm("build it?")
                    } else {
                        Ok(true)
                    }
                })
            };
            let result = e.install_reviewed(&krate, &version, &features, &mut progress, &mut ask);
            bar.finish_and_clear();
            let i = result?;
            if before.as_deref() == Some(i.hash.as_str()) {
                println!(
                    "{krate} {} is already installed in {} (cache hit)",
                    i.version, e.name
                );
            } else {
                println!("installed {krate} {} in {}", i.version, e.name);
            }
        }
        Cmd::Uninstall { krate } => {
            let e = Env::active();
            let i = e.uninstall(&krate)?;
            println!("uninstalled {} {} from {}", i.krate, i.version, e.name);
        }
        Cmd::List { envs: true } => {
            for e in Env::all() {
                let mark = if e.name == Env::active().name {
                    "*"
                } else {
                    " "
                };
                println!("{mark} {}", e.name);
            }
        }
        Cmd::List { envs: false } => {
            for i in Env::active().list() {
                let f = if i.features.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", i.features.join(","))
                };
                println!(
                    "{} {}{f}  bound {}/{} ({:.1}%), report {}",
                    i.krate,
                    i.version,
                    i.bound,
                    i.found,
                    if i.found == 0 {
                        100.0
                    } else {
                        100.0 * i.bound as f64 / i.found as f64
                    },
                    i.coverage.display()
                );
            }
        }
        Cmd::Kernel {
            action: KernelCmd::Install { name, prefix },
        } => {
            let e = Env::active();
            let keyton = std::env::current_exe()
                .map_err(|err| err.to_string())?
                .with_file_name("keyton");
            let name = name.unwrap_or_else(|| format!("keyton-{}", e.name));
            let loc = prefix.map(Location::Prefix).unwrap_or(Location::User);
            let env = vec![("KAYTON_ENV".to_string(), e.name.clone())];
            let dir = install_spec(&keyton, &name, &format!("Keyton ({})", e.name), &loc, &env)?;
            println!("installed kernelspec {name} in {}", dir.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse().cmd) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
