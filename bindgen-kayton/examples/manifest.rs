//! `cargo run -p bindgen-kayton --example manifest -- RUSTDOC.json NAME VERSION`: print
//! the Keyton manifest and the coverage for a crate's rustdoc JSON.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (path, name, version) = (&a[1], &a[2], &a[3]);
    let text = std::fs::read_to_string(path).expect("read rustdoc JSON");
    let start = std::time::Instant::now();
    let krate = bindgen_kayton::load(&text).unwrap_or_else(|e| panic!("{e}"));
    let (m, cov) = bindgen_kayton::manifest(&krate, name, version);
    eprintln!(
        "generated in {:?}; bound {}, skipped {:?}",
        start.elapsed(),
        cov.bound,
        cov.skipped
    );
    println!("{}", serde_json::to_string_pretty(&m).unwrap());
}
