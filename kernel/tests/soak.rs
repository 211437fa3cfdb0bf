//! The 200-cell soak CI runs (`keyton soak --cells 1000` is the long one): memory and
//! open files stay bounded over a session of definitions, rimported calls, errors,
//! plugin panics and displays. Cell libraries are never unloaded (kinds' drop functions
//! and registered thunks point into them), so the executor grows by what each maps.
mod common;

#[test]
fn two_hundred_cells_keep_memory_and_files_bounded() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("soak-plugins");
    common::build_example_plugin(&dir);
    std::env::set_var("KAYTON_PLUGIN_PATH", &dir);
    std::env::set_var("KAYTON_EXE", env!("CARGO_BIN_EXE_keyton"));
    let samples = keyton_kernel::soak::run(200, 50, &mut keyton_kernel::soak::print_row)
        .expect("every cell does what it is meant to");
    let (first, last) = (&samples[1], samples.last().unwrap());
    assert_eq!(last.cells, 200);
    assert_eq!(
        last.errors, 75,
        "a cell meant to fail did not, or one more failed"
    );
    assert!(
        last.executor_fds <= first.executor_fds && last.host_fds <= first.host_fds + 2,
        "open files grew: {first:?} → {last:?}"
    );
    // Measured: about 40 KB per cell in the executor (each cell's library stays mapped),
    // under 10 KB in the host. The bounds leave room for a noisy machine.
    let (executor, host) = keyton_kernel::soak::growth_per_cell(&samples[1..]);
    assert!(executor < 150.0, "executor grows {executor:.1} KB per cell");
    assert!(host < 60.0, "host grows {host:.1} KB per cell");
}
