//! `kik`: Keyton environments (`$KAYTON_HOME/envs/<name>`, `~/.kayton` by default).
use clap::{Parser, Subcommand, ValueEnum};
use keyton_kernel::env::Env;
use keyton_kernel::jupyter::spec::{install as install_spec, Location};
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

/// The activation script: sets KAYTON_ENV, puts the env's bin/ first on PATH, and pins
/// the toolchain every plugin of the environment was built with.
fn activation(env: &Env, shell: Shell) -> String {
    let bin = env.dir.join("bin").display().to_string();
    match shell {
        Shell::Bash | Shell::Zsh => format!(
            "export KAYTON_ENV='{}'\nexport PATH='{bin}':\"$PATH\"\nexport RUSTUP_TOOLCHAIN='1.95.0'\n",
            env.name
        ),
        Shell::Fish => format!("set -gx KAYTON_ENV '{}'\nset -gx PATH '{bin}' $PATH\nset -gx RUSTUP_TOOLCHAIN '1.95.0'\n", env.name),
        Shell::Powershell => format!(
            "$env:KAYTON_ENV = '{}'\n$env:PATH = '{bin}' + [IO.Path]::PathSeparator + $env:PATH\n$env:RUSTUP_TOOLCHAIN = '1.95.0'\n",
            env.name
        ),
    }
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
        Cmd::Rinstall { spec, features } => {
            let (krate, version) = match spec.split_once("==") {
                Some((k, v)) => (k.to_string(), format!("={v}")),
                None => (spec.clone(), "*".to_string()),
            };
            let e = Env::active();
            let before = e.installed(&krate).map(|i| i.hash);
            let i = e.install(&krate, &version, &features, &mut |m| eprintln!("{m}"))?;
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
                println!("{} {}{f}", i.krate, i.version);
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
