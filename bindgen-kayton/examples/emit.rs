//! `cargo run -p bindgen-kayton --example emit -- RUSTDOC.json NAME VERSION`: print
//! the plugin source bindgen emits (before pruning) and the coverage for a crate's
//! rustdoc JSON.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (path, name, version) = (&a[1], &a[2], &a[3]);
    let text = std::fs::read_to_string(path).expect("read rustdoc JSON");
    let start = std::time::Instant::now();
    let krate = bindgen_kayton::load(&text).unwrap_or_else(|e| panic!("{e}"));
    let api = bindgen_kayton::api(&krate, &[], name, version);
    let lib_rs = bindgen_kayton::emit::lib_rs(&api, &Default::default()).unwrap();
    eprintln!(
        "generated in {:?}; bound {}, skipped {:?}",
        start.elapsed(),
        api.coverage.bound,
        api.coverage.skipped
    );
    println!("{lib_rs}");
}
