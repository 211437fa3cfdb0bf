//! rimport from crates.io through the one pipeline: a session installs the plugin crate
//! bindgen generates, types cells from the manifest its macros embedded, and the same
//! manifest entry is callable from a compiled cell and through the VM registry.
use keyton_kernel::protocol::CallArg::{Global, Str};
use keyton_kernel::session::Session;
use std::path::PathBuf;

mod common;

#[test]
fn a_rimported_function_is_one_manifest_entry_for_cells_and_the_registry() {
    common::rimport_home();
    // The version the shared conformance session asks for.
    keyton_kernel::plugins::find_or_install("semver", "=1.0.26", &[], &mut |m| {
        eprintln!("rimport: {m}")
    })
    .expect("semver installs");
    let mut s = Session::with_exe(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).unwrap();
    let out = s.run_cell("from semver rimport Version\nv = Version.parse(\"1.2.3\")\nv.minor + 40");
    assert_eq!(out.error, None);
    assert_eq!(out.result.as_deref(), Some("42"));

    // The entry the compiler typed that call from names the thunk the plugin registered.
    let m = s
        .compiler()
        .manifest("semver")
        .expect("the session has semver's manifest");
    assert_eq!(m.plugin_crate.as_deref(), Some("kayton_rplugin__semver"));
    let version = m
        .types
        .iter()
        .find(|t| t.path == "semver::Version")
        .expect("semver::Version in the manifest");
    let parse = version
        .methods
        .iter()
        .find(|f| f.name == "parse")
        .expect("Version::parse in the manifest");
    let registry = parse.registry.clone().expect("a registry name");
    assert_eq!(registry, "semver::Version::parse");
    let compare = version
        .methods
        .iter()
        .find(|f| f.name == "cmp_precedence")
        .and_then(|f| f.registry.clone())
        .expect("Version::cmp_precedence has a registry thunk");

    assert_eq!(
        s.host().call(&registry, &[Str("4.5.6".into())]),
        Ok("4.5.6".to_string())
    );
    assert!(s
        .host()
        .call(&registry, &[Str("not a version".into())])
        .unwrap_err()
        .contains("unexpected character"));
    // A method on the value a cell made, through its kind: what a compiled cell gets.
    let in_cell = s.run_cell("v.cmp_precedence(Version.parse(\"1.2.3\"))");
    assert_eq!(in_cell.error, None);
    assert_eq!(
        s.host()
            .call(&compare, &[Global("v".into()), Global("v".into())]),
        Ok(in_cell.result.clone().expect("a result"))
    );
    // The session still works after registry errors.
    let out = s.run_cell("str(v)");
    assert_eq!(out.result.as_deref(), Some("1.2.3"));
}

#[test]
fn a_crate_that_does_not_exist_is_named_in_both_spellings() {
    common::rimport_home();
    let env = keyton_kernel::env::Env::named("missing-crates");
    let err = env
        .install("no_such_crate_kayton_test", "*", &[], &mut |_| {})
        .unwrap_err();
    assert!(
        err.contains("`no_such_crate_kayton_test`") && err.contains("`no-such-crate-kayton-test`"),
        "{err}"
    );
    assert!(env.installed("no_such_crate_kayton_test").is_none());
}

#[test]
fn a_crate_whose_plugin_shares_a_library_with_a_loaded_one_is_linked_against_it() {
    common::rimport_home();
    // uuid's and rand's plugins both contain getrandom (the versions the literal-call
    // test installs, so the builds are shared).
    for (krate, version, features) in [
        ("uuid", "=1.18.1", vec!["v4".to_string()]),
        ("rand", "=0.9.2", vec![]),
    ] {
        keyton_kernel::plugins::find_or_install(krate, version, &features, &mut |m| {
            eprintln!("rimport: {m}")
        })
        .unwrap_or_else(|e| panic!("{krate}: {e}"));
    }
    let mut s = Session::with_exe(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).unwrap();
    let out = s.run_cell("rimport uuid\nnil = str(uuid.Uuid.nil())");
    assert_eq!(out.error, None);
    // rand's plugin is built again, linked against uuid's: getrandom comes from there.
    let out = s.run_cell("rimport rand\nlet mut r = rand.rng()\nx = r.random_range(0..10)");
    assert_eq!(out.error, None);
    let env = keyton_kernel::env::Env::active();
    let rand = env.installed("rand").expect("installed");
    assert_eq!(rand.chain.len(), 1, "{:?}", rand.chain);
    assert!(!rand.linked.is_empty());
    // Both plugins in one cell, with the session's globals as they were.
    let out = s.run_cell("nil + \" \" + str(uuid.Uuid.max()) + \" \" + str(0 <= x and x < 10)");
    assert_eq!(out.error, None);
    assert_eq!(
        out.result.as_deref(),
        Some("00000000-0000-0000-0000-000000000000 ffffffff-ffff-ffff-ffff-ffffffffffff True")
    );
}
