//! `keyton`: the REPL, `run`, `conformance`, `bench`, and the hidden executor process.
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "keyton",
    version,
    about = "Keyton: a Python-shaped language that compiles to Rust"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Start the interactive REPL (the default).
    Repl,
    /// Run a .ky file as one session (cells separated by `# %%` lines).
    Run {
        file: PathBuf,
        /// Print the template instantiation cache's hits and misses at the end.
        #[arg(long)]
        stats: bool,
    },
    /// Run every .ky file in the directories against its expectations.
    Conformance {
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// A file of `FILE.ky: reason` lines: files reported as skipped with that reason.
        #[arg(long)]
        known_gaps: Option<PathBuf>,
        /// Write a markdown table there: each rimported crate's public functions and
        /// methods, how many are bound, and whether its session passes.
        #[arg(long)]
        coverage_table: Option<PathBuf>,
    },
    /// Print measured latencies: session start, trivial cell, registry call overhead.
    Bench {
        #[arg(long, default_value_t = 25)]
        runs: usize,
        /// Also time rimport of these crates (cold install by phase, warm, first call),
        /// in a throwaway environment: e.g. `--rimport semver,regex`.
        #[arg(long, value_delimiter = ',')]
        rimport: Vec<String>,
    },
    /// A long session (definitions, rimported calls, errors, plugin panics, displays):
    /// executor and host memory and open files every `--every` cells. Needs the geometry
    /// example plugin on KAYTON_PLUGIN_PATH.
    Soak {
        #[arg(long, default_value_t = 1000)]
        cells: usize,
        #[arg(long, default_value_t = 100)]
        every: usize,
    },
    /// Run as a Jupyter kernel (`keyton kernel -f CONNECTION_FILE`), or install its spec.
    Kernel {
        #[arg(short = 'f', long = "connection-file")]
        connection_file: Option<PathBuf>,
        #[command(subcommand)]
        action: Option<KernelAction>,
    },
    /// Build a single-file plugin crate (annotated with kayton-macros, or with a
    /// hand-written --manifest) into a plugin directory (put that directory on
    /// KAYTON_PLUGIN_PATH to rimport it).
    PluginBuild {
        src: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        manifest: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the manifest embedded in a plugin library (JSON), and its registrars.
    PluginManifest {
        lib: PathBuf,
        #[arg(long)]
        name: String,
    },
    #[command(name = "__executor", hide = true)]
    Executor,
}

#[derive(Subcommand)]
enum KernelAction {
    /// Write a kernelspec so Jupyter can start Keyton.
    Install {
        #[arg(long, default_value = "keyton")]
        name: String,
        #[arg(long, default_value = "Keyton")]
        display_name: String,
        /// Install for this user (the default).
        #[arg(long)]
        user: bool,
        /// Install into the active Python environment's prefix.
        #[arg(long, conflicts_with_all = ["user", "prefix"])]
        sys_prefix: bool,
        /// Install under PREFIX/share/jupyter/kernels.
        #[arg(long)]
        prefix: Option<PathBuf>,
    },
}

fn kernel(connection_file: Option<PathBuf>, action: Option<KernelAction>) -> Result<bool, String> {
    use keyton_kernel::jupyter::spec::{install, Location};
    match (connection_file, action) {
        (Some(f), None) => keyton_kernel::jupyter::run(&f).map(|_| true),
        (
            None,
            Some(KernelAction::Install {
                name,
                display_name,
                user: _,
                sys_prefix,
                prefix,
            }),
        ) => {
            let loc = match (sys_prefix, prefix) {
                (true, _) => Location::SysPrefix,
                (_, Some(p)) => Location::Prefix(p),
                _ => Location::User,
            };
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            // Keep the session's plugin path for kernels started by Jupyter.
            let env: Vec<(String, String)> = ["KAYTON_PLUGIN_PATH", "KAYTON_HOME"]
                .iter()
                .filter_map(|k| {
                    let v = keyton_kernel::vars::var_os(k)?.into_string().ok()?;
                    Some((k.to_string(), v))
                })
                .collect();
            let dir = install(&exe, &name, &display_name, &loc, &env)?;
            println!("installed kernelspec {name} in {}", dir.display());
            Ok(true)
        }
        _ => Err("use `keyton kernel -f CONNECTION_FILE` or `keyton kernel install`".into()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res: Result<bool, String> = match cli.cmd.unwrap_or(Cmd::Repl) {
        Cmd::Executor => return ExitCode::from(keyton_kernel::executor::main() as u8),
        Cmd::Repl => keyton_kernel::repl::run().map(|_| true),
        Cmd::Run { file, stats } => {
            keyton_kernel::run::run_file(&file, stats).map(|failed| failed == 0)
        }
        Cmd::Conformance {
            dirs,
            known_gaps,
            coverage_table,
        } => {
            let gaps = match known_gaps {
                Some(p) => keyton_kernel::conformance::read_known_gaps(&p),
                None => Ok(Vec::new()),
            };
            gaps.and_then(|g| keyton_kernel::conformance::run(&dirs, &g, coverage_table.as_deref()))
                .map(|t| t.failed == 0)
        }
        Cmd::Kernel {
            connection_file,
            action,
        } => kernel(connection_file, action),
        Cmd::Bench { runs, rimport } => keyton_kernel::bench::run(runs)
            .and_then(|_| keyton_kernel::bench_rimport::run(&rimport, 5))
            .map(|_| true),
        Cmd::Soak { cells, every } => {
            keyton_kernel::soak::run(cells, every.max(1), &mut keyton_kernel::soak::print_row).map(
                |samples| {
                    let (ex, host) = keyton_kernel::soak::growth_per_cell(&samples);
                    println!("growth per cell: executor {ex:.1} KB, host {host:.1} KB");
                    true
                },
            )
        }
        Cmd::PluginManifest { lib, name } => {
            keyton_kernel::embedded::read(&lib, &name).and_then(|e| match e {
                Some(e) => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&e.manifest).expect("serializes")
                    );
                    eprintln!("registrars: {}", e.registrars.join(" "));
                    Ok(true)
                }
                None => Err(format!("{} carries no manifest", lib.display())),
            })
        }
        Cmd::PluginBuild {
            src,
            name,
            manifest,
            out,
        } => keyton_kernel::plugins::build(&src, &name, manifest.as_deref(), &out).map(|lib| {
            println!("built {}", lib.display());
            true
        }),
    };
    match res {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
