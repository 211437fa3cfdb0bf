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
    },
    /// Print measured latencies: session start, trivial cell, registry call overhead.
    Bench {
        #[arg(long, default_value_t = 25)]
        runs: usize,
    },
    /// Build a single-file plugin crate with its manifest into a plugin directory
    /// (put that directory on KEYTON_PLUGIN_PATH to rimport it).
    PluginBuild {
        src: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long)]
        manifest: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    #[command(name = "__executor", hide = true)]
    Executor,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res: Result<bool, String> = match cli.cmd.unwrap_or(Cmd::Repl) {
        Cmd::Executor => return ExitCode::from(keyton_kernel::executor::main() as u8),
        Cmd::Repl => keyton_kernel::repl::run().map(|_| true),
        Cmd::Run { file, stats } => {
            keyton_kernel::run::run_file(&file, stats).map(|failed| failed == 0)
        }
        Cmd::Conformance { dirs } => keyton_kernel::conformance::run(&dirs).map(|t| t.failed == 0),
        Cmd::Bench { runs } => keyton_kernel::bench::run(runs).map(|_| true),
        Cmd::PluginBuild {
            src,
            name,
            manifest,
            out,
        } => keyton_kernel::plugins::build(&src, &name, &manifest, &out).map(|lib| {
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
