//! `bindgen-kayton <crate> [--version REQ] [--features a,b] [--out DIR] [--no-build]`:
//! generate, prune and build `kayton_rplugin__<crate>`, print its coverage and the time
//! bindgen itself took (rustdoc and cargo excluded).
use bindgen_kayton::emit::KaytonDeps;
use bindgen_kayton::pipeline::{run, Request};
use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    version,
    about = "Generate the Keyton plugin crate of a crates.io crate"
)]
struct Args {
    /// The crate, as on crates.io.
    krate: String,
    /// Version requirement, as cargo reads it.
    #[arg(long = "version-req", default_value = "*")]
    version_req: String,
    /// Features to enable, comma-separated.
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
    /// Where to write `kayton_rplugin__<crate>/`.
    #[arg(long, default_value = "target/rplugins")]
    out: PathBuf,
    /// cargo's target directory (default: `<out>/target`).
    #[arg(long)]
    target_dir: Option<PathBuf>,
    /// Stop after pruning (`cargo check`), without building the dylib.
    #[arg(long)]
    no_build: bool,
}

fn main() {
    let a = Args::parse();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bindgen-kayton sits in the Keyton workspace")
        .to_path_buf();
    let out = std::path::absolute(&a.out).unwrap_or(a.out.clone());
    let req = Request {
        krate: a.krate.clone(),
        version_req: a.version_req,
        features: a.features,
        target: a.target_dir.unwrap_or_else(|| out.join("target")),
        vendor: out.join("vendor"),
        out,
        kayton: KaytonDeps::Sources {
            api: repo.join("kayton_api"),
        },
        build: !a.no_build,
        lockfile: None,
        cargo_home: None,
        rustflags: None,
    };
    match run(&req, &mut |m| eprintln!("  {m}")) {
        Ok(o) => {
            print!("{}", o.report.text());
            println!("plugin crate: {}", o.dir.display());
            if let Some(d) = &o.dylib {
                println!("dylib: {}", d.display());
            }
            println!(
                "generate time (bindgen only, rustdoc and cargo excluded): {:.1} ms",
                o.generate.as_secs_f64() * 1000.0
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
