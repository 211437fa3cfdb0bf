//! Snapshots of what the compiler produces: parse trees, the generated Rust of
//! representative cells, and rendered diagnostics. Review changes with `cargo insta review`.
use keyton_compiler::{parse, CompileError, Compiler};

fn rust_of(cells: &[&str]) -> String {
    let mut c = Compiler::new();
    let mut last = String::new();
    for src in cells {
        let compiled = c.compile(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        last = compiled.rust.clone();
        c.commit(compiled);
    }
    last
}

fn diagnostic(cells: &[&str]) -> String {
    let mut c = Compiler::new();
    for (i, src) in cells.iter().enumerate() {
        match c.compile(src) {
            Ok(compiled) => c.commit(compiled),
            Err(CompileError::Diag(d)) => return d.render(&format!("cell {}", i + 1), src),
            Err(CompileError::Internal(m)) => panic!("internal error: {m}"),
        }
    }
    panic!("no diagnostic for {cells:?}")
}

#[test]
fn parse_tree_of_a_function_and_control_flow() {
    let tree = parse("fn sign(x: i64) -> String:\n    if x > 0:\n        \"+\"\n    else:\n        \"-\"\nfor i in 0..3:\n    print(f\"{i:02}\")\n").unwrap();
    insta::assert_debug_snapshot!(tree);
}

#[test]
fn rust_for_globals_loops_and_results() {
    insta::assert_snapshot!(rust_of(&[
        "total = 0",
        "for i in 0..10:\n    if i % 2 == 0:\n        continue\n    total += i\ntotal"
    ]));
}

#[test]
fn rust_for_template_instantiations() {
    insta::assert_snapshot!(rust_of(&[
        "fn my(a, b):\n    a + b",
        "print(my(1, 2), my(\"x\", \"y\"))\nmy(1.5, 2.25)"
    ]));
}

#[test]
fn rust_for_lists_options_and_fstrings() {
    insta::assert_snapshot!(rust_of(&[
        "let maybe: Option<i64> = None\nxs = [3, 1]\nxs.append(10)\nf\"{xs[-1]} {len(xs)} {maybe is None} {2.5:.1}\""
    ]));
}

#[test]
fn diagnostic_missing_operand() {
    insta::assert_snapshot!(diagnostic(&["x = 1 +"]));
}

#[test]
fn diagnostic_argument_type() {
    insta::assert_snapshot!(diagnostic(&["fn f(a: i64) -> i64:\n    a", "f(\"no\")"]));
}

#[test]
fn diagnostic_template_body() {
    insta::assert_snapshot!(diagnostic(&["fn half(v):\n    v / 2", "half(\"text\")"]));
}

#[test]
fn diagnostic_global_assigned_in_function() {
    insta::assert_snapshot!(diagnostic(&[
        "g = 1",
        "fn bump(x: i64) -> i64:\n    g += x\n    g"
    ]));
}

#[test]
fn diagnostic_tab_indentation() {
    insta::assert_snapshot!(diagnostic(&["if True:\n\tpass"]));
}

#[test]
fn diagnostic_block_rebinds_type() {
    insta::assert_snapshot!(diagnostic(&["n = 1\nwhile n < 3:\n    n = \"three\""]));
}

/// A compiler that knows a fixed manifest shaped like the example plugin's (the real
/// plugin's manifest is embedded in its library; kernel tests use that one).
fn with_geometry() -> Compiler {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/geometry.manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut c = Compiler::new();
    c.add_manifest(keyton_compiler::Manifest::from_json(&text, "geometry.manifest.json").unwrap());
    c
}

fn rust_with_geometry(cells: &[&str]) -> Result<String, String> {
    let mut c = with_geometry();
    let mut last = String::new();
    for (i, src) in cells.iter().enumerate() {
        match c.compile(src) {
            Ok(compiled) => {
                last = compiled.rust.clone();
                c.commit(compiled);
            }
            Err(CompileError::Diag(d)) => return Err(d.render(&format!("cell {}", i + 1), src)),
            Err(CompileError::Internal(m)) => panic!("internal error: {m}"),
        }
    }
    Ok(last)
}

#[test]
fn rust_for_rimported_calls_fields_and_globals() {
    insta::assert_snapshot!(rust_with_geometry(&[
        "rimport geometry\nfrom geometry rimport Point, Path, Shout\np = Point.new(3.0, 4)",
        "p.translate(1.0, 0.0)\npath = Path.new()\npath.push(p)\nprint(p.x, \"hi\".shout(), geometry.brighten(7))\npath.total_length()",
    ])
    .unwrap());
}

#[test]
fn diagnostic_unknown_rimported_item() {
    insta::assert_snapshot!(rust_with_geometry(&["from geometry rimport Circle"]).unwrap_err());
}

#[test]
fn diagnostic_crate_without_plugin() {
    insta::assert_snapshot!(rust_with_geometry(&["rimport semver"]).unwrap_err());
}

#[test]
fn diagnostic_use_after_consume() {
    insta::assert_snapshot!(rust_with_geometry(&[
        "from geometry rimport Path\nq = Path.new()\nq.total_length()\nq.len()"
    ])
    .unwrap_err());
}

/// A fixture manifest with generic functions (shaped like serde_json's).
fn with_json() -> Compiler {
    let text = r#"{
      "schema": 1, "crate": "json", "version": "1.0.0", "plugin_crate": "kayton_rplugin__json",
      "functions": [
        { "name": "json::from_str", "generics": ["T"], "params": [{ "name": "s", "ty": "&str" }], "ret": "Result<T, E>" },
        { "name": "json::to_string", "generics": ["T"], "params": [{ "name": "value", "ty": "&T" }], "ret": "Result<String, E>" }
      ],
      "types": [{ "path": "json::Value", "derives": ["Clone", "Debug", "Display", "Index", "PartialEq"] }]
    }"#;
    with_manifest(text, "json fixture")
}

/// A compiler that knows the fixture manifest `text`.
fn with_manifest(text: &str, what: &str) -> Compiler {
    let mut c = Compiler::new();
    c.add_manifest(keyton_compiler::Manifest::from_json(text, what).unwrap());
    c
}

/// The Rust of one cell, or its rendered diagnostic.
fn compile_in(c: Compiler, src: &str) -> Result<String, String> {
    match c.compile(src) {
        Ok(c) => Ok(c.rust),
        Err(CompileError::Diag(d)) => Err(d.render("cell 1", src)),
        Err(CompileError::Internal(m)) => panic!("internal error: {m}"),
    }
}

fn compile_json(src: &str) -> Result<String, String> {
    compile_in(with_json(), src)
}

#[test]
fn rust_for_generic_calls_bound_by_annotation_and_argument() {
    insta::assert_snapshot!(compile_json(
        "rimport json\nlet v: json.Value = json.from_str('{\"a\": [1]}')\nlet xs: list[i64] = json.from_str(\"[4]\")\nprint(v[\"a\"][0], json.to_string(xs))"
    )
    .unwrap());
}

#[test]
fn diagnostic_generic_result_type_unknown() {
    insta::assert_snapshot!(compile_json("rimport json\nx = json.from_str(\"1\")").unwrap_err());
}

/// A fixture manifest of instantiated serde functions, with the serde bridge's instance
/// beside the plain shapes (as bindgen emits serde_json's).
fn with_serde_instances() -> Compiler {
    let text = r#"{
      "schema": 2, "crate": "sj", "version": "1.0.0", "plugin_crate": "kayton_rplugin__sj",
      "functions": [
        { "name": "sj::to_string", "shape": "i64", "rust": "sj::__w_to_string::i64",
          "params": [{ "name": "value", "ty": "&i64" }], "ret": "Result<String, sj::Error>" },
        { "name": "sj::to_string", "shape": "crate::__kayton_serde::Serde",
          "rust": "sj::__w_to_string::t_serde",
          "params": [{ "name": "value", "ty": "&sj::__kayton_serde::Serde" }], "ret": "Result<String, sj::Error>" },
        { "name": "sj::from_str", "shape": "i64", "rust": "sj::__w_from_str::i64",
          "params": [{ "name": "s", "ty": "&str" }], "ret": "Result<i64, sj::Error>" },
        { "name": "sj::from_str", "shape": "crate::__kayton_serde::Serde",
          "rust": "sj::__w_from_str::t_serde",
          "params": [{ "name": "s", "ty": "&str" }], "ret": "Result<sj::__kayton_serde::Serde, sj::Error>" }
      ]
    }"#;
    with_manifest(text, "serde fixture")
}

fn compile_serde(src: &str) -> Result<String, String> {
    compile_in(with_serde_instances(), src)
}

#[test]
fn rust_for_data_through_serde_instances() {
    let rust = compile_serde(
        "rimport sj\nd = {\"a\": [1, 2]}\nprint(sj.to_string(d), sj.to_string(5))\nlet m: dict[str, list[int]] = sj.from_str(\"{}\")\nlet n: int = sj.from_str(\"1\")",
    )
    .unwrap();
    // An int takes its own instance; a dict the bridge's, read back as the annotation says.
    assert!(rust.contains("__w_to_string::i64"), "{rust}");
    assert!(rust.contains("__w_from_str::i64"), "{rust}");
    insta::assert_snapshot!(rust);
}

#[test]
fn diagnostic_serde_takes_data_only() {
    insta::assert_snapshot!(compile_serde("rimport sj\nsj.to_string(range(3))").unwrap_err());
}

/// A fixture manifest whose function gives an endless iterator (as primes' `iter`).
fn with_endless() -> Compiler {
    let text = r#"{
      "schema": 1, "crate": "pr", "version": "1.0.0", "plugin_crate": "kayton_rplugin__pr",
      "functions": [
        { "name": "pr::all", "params": [], "ret": "kayton_api::Iter<u64>" }
      ]
    }"#;
    with_manifest(text, "endless fixture")
}

#[test]
fn take_and_nth_apply_to_the_rust_iterator_itself() {
    let rust = compile_in(
        with_endless(),
        "rimport pr\nprint(pr.all().take(3), pr.all().nth(10))\nxs = pr.all().take(2)",
    )
    .unwrap();
    // Only the items wanted are made: never the whole (endless) iterator as a list.
    assert!(
        rust.contains(".take(kayton::rt::narrow::<usize>(3"),
        "{rust}"
    );
    assert!(
        rust.contains(".nth(kayton::rt::narrow::<usize>(10"),
        "{rust}"
    );
    assert!(!rust.contains("collect_iter"), "{rust}");
}

/// A fixture manifest of a document indexed by strings (as toml_edit's `DocumentMut`).
fn with_document() -> Compiler {
    let text = r#"{
      "schema": 1, "crate": "tm", "version": "1.0.0", "plugin_crate": "kayton_rplugin__tm",
      "functions": [
        { "name": "tm::value", "params": [{ "name": "v", "ty": "&str" }], "ret": "tm::Item" },
        { "name": "tm::doc", "params": [], "ret": "tm::Doc" }
      ],
      "types": [
        { "path": "tm::Doc", "derives": ["Display"], "methods": [
          { "name": "index", "receiver": "ref", "via_trait": "std::ops::Index<&str>",
            "params": [{ "name": "key", "ty": "&str" }], "ret": "&tm::Item" } ] },
        { "path": "tm::Item", "derives": ["Clone", "Display"], "methods": [
          { "name": "index", "receiver": "ref", "via_trait": "std::ops::Index<&str>",
            "params": [{ "name": "key", "ty": "&str" }], "ret": "&tm::Item" },
          { "name": "parent", "receiver": "ref", "ret": "&tm::Doc" } ] }
      ]
    }"#;
    with_manifest(text, "document fixture")
}

#[test]
fn item_assignment_on_a_rust_value_goes_through_index_mut() {
    let rust = compile_in(
        with_document(),
        "rimport tm\nd = tm.doc()\nd[\"package\"][\"version\"] = tm.value(\"0.1.0\")\nprint(d)",
    )
    .unwrap();
    // The item of an item, in place: `*index_mut(&mut *index_mut(&mut d, "package"), …) = v`.
    assert_eq!(
        rust.matches("::std::ops::IndexMut::index_mut(").count(),
        2,
        "{rust}"
    );
    assert!(rust.contains(")) = __v;"), "{rust}");
    let err = compile_in(with_document(), "rimport tm\nd = tm.doc()\nd[\"a\"] = 1").unwrap_err();
    assert!(
        err.contains("expected `tm::Item`") || err.contains("tm.Item"),
        "{err}"
    );
}

#[test]
fn a_borrowed_result_that_is_not_clone_is_shown_and_read_in_place() {
    // `Doc` is not Clone: printed where the call made it, never copied out.
    let rust = compile_in(
        with_document(),
        "rimport tm\nprint(tm.value(\"x\").parent())",
    )
    .unwrap();
    assert!(rust.contains(".parent())"), "{rust}");
    let err = compile_in(with_document(), "rimport tm\np = tm.value(\"x\").parent()").unwrap_err();
    assert!(err.contains("not Clone"), "{err}");
}

#[test]
fn a_later_call_prefers_the_instance_taking_its_values_as_they_are() {
    // A string fits `String` and `PathBuf` keys; the `String` instance is the one meant.
    let text = r#"{
      "schema": 1, "crate": "rt", "version": "1.0.0", "plugin_crate": "kayton_rplugin__rt",
      "types": [
        { "path": "rt::Trie<String, i64>", "methods": [
          { "name": "new", "ret": "rt::Trie<String, i64>" },
          { "name": "insert", "receiver": "ref_mut",
            "params": [{ "name": "k", "ty": "String" }, { "name": "v", "ty": "i64" }] } ] },
        { "path": "rt::Trie<std::path::PathBuf, i64>", "methods": [
          { "name": "new", "ret": "rt::Trie<std::path::PathBuf, i64>" },
          { "name": "insert", "receiver": "ref_mut",
            "params": [{ "name": "k", "ty": "std::path::PathBuf" }, { "name": "v", "ty": "i64" }] } ] }
      ]
    }"#;
    let rust = compile_in(
        with_manifest(text, "trie fixture"),
        "from rt rimport Trie\nt = Trie.new()\nt.insert(\"a\", 1)",
    )
    .unwrap();
    assert!(rust.contains("Trie<String, i64>"), "{rust}");
    assert!(!rust.contains("PathBuf"), "{rust}");
}

#[test]
fn unpacked_results_take_the_instance_their_later_calls_fit() {
    // `unbounded::<T>()` says nothing of `T`; `s.send("hi")` says `String`.
    let text = r#"{
      "schema": 1, "crate": "ch", "version": "1.0.0", "plugin_crate": "kayton_rplugin__ch",
      "functions": [
        { "name": "ch::unbounded", "shape": "i64", "rust": "ch::__w_unbounded::i64",
          "ret": "(ch::Sender<i64>, ch::Receiver<i64>)" },
        { "name": "ch::unbounded", "shape": "String", "rust": "ch::__w_unbounded::t_String",
          "ret": "(ch::Sender<String>, ch::Receiver<String>)" }
      ],
      "types": [
        { "path": "ch::Sender<i64>", "methods": [{ "name": "send", "receiver": "ref",
          "params": [{ "name": "m", "ty": "i64" }] }] },
        { "path": "ch::Sender<String>", "methods": [{ "name": "send", "receiver": "ref",
          "params": [{ "name": "m", "ty": "String" }] }] },
        { "path": "ch::Receiver<i64>", "methods": [{ "name": "recv", "receiver": "ref", "ret": "i64" }] },
        { "path": "ch::Receiver<String>", "methods": [{ "name": "recv", "receiver": "ref", "ret": "String" }] }
      ]
    }"#;
    let rust = compile_in(
        with_manifest(text, "channel fixture"),
        "rimport ch\ns, r = ch.unbounded()\ns.send(\"hi\")\nprint(r.recv())",
    )
    .unwrap();
    assert!(rust.contains("__w_unbounded::t_String"), "{rust}");
}

#[test]
fn a_name_kept_local_is_not_stored_and_later_cells_say_why() {
    let mut c = with_document();
    let src = "rimport tm\nd = tm.doc()\nprint(d)";
    assert_eq!(Compiler::names_bound_at(src, 2), vec!["d".to_string()]);
    // Stored as a session global normally; not when kept in the cell.
    assert!(c.compile(src).unwrap().rust.contains("set_dynamic("));
    let kept = c.compile_keeping_local(src, &["d".to_string()]).unwrap();
    assert!(!kept.rust.contains("set_dynamic("), "{}", kept.rust);
    c.commit(kept);
    let err = compile_in(c, "d").unwrap_err();
    assert!(err.contains("lived only in the cell that made it"), "{err}");
}

#[test]
fn a_field_of_a_field_is_assigned_in_place() {
    let text = r#"{
      "schema": 1, "crate": "cm", "version": "1.0.0", "plugin_crate": "kayton_rplugin__cm",
      "types": [
        { "path": "cm::Options", "derives": ["Clone"],
          "fields": [{ "name": "extension", "ty": "cm::Extension" }],
          "methods": [{ "name": "default", "ret": "cm::Options" }] },
        { "path": "cm::Extension", "derives": ["Clone"],
          "fields": [{ "name": "strikethrough", "ty": "bool" }, { "name": "depth", "ty": "u8" }] }
      ]
    }"#;
    let c = || with_manifest(text, "options fixture");
    let rust = compile_in(
        c(),
        "from cm rimport Options\no = Options.default()\no.extension.strikethrough = True",
    )
    .unwrap();
    assert!(rust.contains(".extension.strikethrough = true;"), "{rust}");
    let err = compile_in(
        c(),
        "from cm rimport Options\no = Options.default()\no.extension.nope = 1",
    )
    .unwrap_err();
    assert!(err.contains("has no public field `nope`"), "{err}");
    let err = compile_in(
        c(),
        "from cm rimport Options\no = Options.default()\no.extension.depth.x = 1",
    )
    .unwrap_err();
    assert!(err.contains("whose fields Keyton cannot assign"), "{err}");
}

#[test]
fn rust_for_path_methods_on_a_string() {
    insta::assert_snapshot!(rust_of(&[
        "p = \"/tmp/notes\"\nprint(p.join(\"a.txt\"), p.exists(), p.file_name())\nprint(\", \".join([\"x\", \"y\"]))"
    ]));
}

#[test]
fn diagnostic_path_method_with_a_number() {
    insta::assert_snapshot!(diagnostic(&["p = \"a.txt\"\np.with_extension(3)"]));
}

#[test]
fn diagnostic_import_of_an_item_the_plugin_does_not_bind() {
    let macro_import = rust_with_geometry(&["from geometry rimport point"]).unwrap_err();
    let type_import = rust_with_geometry(&["from geometry rimport Polygon"]).unwrap_err();
    let call = rust_with_geometry(&["rimport geometry\ngeometry.point(1, 2)"]).unwrap_err();
    insta::assert_snapshot!(format!("{macro_import}\n{type_import}\n{call}"));
}
