use super::*;

fn ty(text: &str) -> RustType {
    RustType::parse(text).unwrap()
}
use crate::schema::{Const, Param, Receiver};

fn frag(module: &str, entry: Entry) -> Fragment {
    Fragment {
        version: FRAGMENT_VERSION,
        module: module.into(),
        register: None,
        entry,
    }
}

fn plugin() -> Fragment {
    frag(
        "geo",
        Entry::Plugin {
            version: "0.1.0".into(),
            features: vec![],
            paths: vec![],
            unbound: vec![],
        },
    )
}

fn type_frag(path: &str, methods: Vec<FnSig>) -> Fragment {
    frag(
        "geo",
        Entry::Type {
            def: TypeDef {
                path: path.into(),
                methods,
                ..TypeDef::default()
            },
            impls: String::new(),
        },
    )
}

#[test]
fn other_public_paths_are_aliases_and_default_instances_are_bare() {
    let with_paths = frag(
        "geo",
        Entry::Plugin {
            version: "0.1.0".into(),
            features: vec![],
            paths: vec![
                ("geo::graph::Graph".into(), "geo::Graph".into()),
                // Something is there already: kept.
                ("geo::Index".into(), "geo::graph::Index".into()),
            ],
            unbound: vec![("geo::point".into(), crate::Unbound::MACRO.into())],
        },
    );
    let add = FnSig {
        name: "add".into(),
        ret: ty("geo::graph::Index<geo::Ix>"),
        ..FnSig::default()
    };
    let m = assemble(
        "geo",
        &[
            with_paths,
            type_frag("Graph<i64>", vec![add]),
            type_frag("graph::Index", vec![]),
            type_frag("Index", vec![]),
        ],
        "",
    )
    .unwrap();
    assert_eq!(m.alias("geo::graph::Graph"), Some(&ty("geo::Graph")));
    // What the plugin does not bind is listed, with why.
    assert_eq!(m.unbound_reason("geo::point"), Some(crate::Unbound::MACRO));
    assert_eq!(m.unbound_reason("geo::Graph"), None);
    assert_eq!(m.alias("geo::Index"), None);
    let g = m.type_def("geo::Graph<i64>").unwrap();
    assert_eq!(g.methods[0].ret, ty("geo::graph::Index"));
}

#[test]
fn paths_resolve_from_the_module() {
    assert_eq!(normalize("crate::a::B", "geo"), "geo::a::B");
    assert_eq!(normalize("&geo::a::super::B", "geo"), "&geo::B");
    assert_eq!(
        normalize("Result<geo::a::super::super::B, String>", "geo"),
        "Result<B, String>"
    );
    assert_eq!(normalize("Vec<geo::self::B>", "geo"), "Vec<geo::B>");
    assert_eq!(normalize("Vec<mycrate::B>", "geo"), "Vec<mycrate::B>");
    assert_eq!(join("geo::shapes", "Circle", "geo"), "geo::shapes::Circle");
    assert_eq!(join("geo::shapes", "crate::Point", "geo"), "geo::Point");
    assert_eq!(join("geo::shapes", "super::Point", "geo"), "geo::Point");
}

#[test]
fn impls_and_traits_merge_into_types() {
    let frags = vec![
        plugin(),
        frag(
            "geo",
            Entry::Type {
                def: TypeDef {
                    path: "Point".into(),
                    fields: vec![Param {
                        name: "x".into(),
                        ty: ty("f64"),
                    }],
                    kind: Some("geo::Point".into()),
                    ..TypeDef::default()
                },
                impls: "Debug Clone ".into(),
            },
        ),
        frag(
            "geo",
            Entry::Impl {
                self_ty: "Point".into(),
                methods: vec![FnSig {
                    name: "norm".into(),
                    receiver: Some(Receiver::Ref),
                    ret: ty("f64"),
                    ..FnSig::default()
                }],
                consts: vec![Const {
                    name: "ORIGIN".into(),
                    ty: ty("Self"),
                }],
            },
        ),
        frag(
            "geo",
            Entry::TraitImpl {
                trait_path: "fmt::Display".into(),
                self_ty: "Point".into(),
                methods: vec![],
            },
        ),
        frag(
            "geo",
            Entry::TraitImpl {
                trait_path: "Shape".into(),
                self_ty: "Point".into(),
                methods: vec![FnSig {
                    name: "area".into(),
                    receiver: Some(Receiver::Ref),
                    ret: ty("f64"),
                    ..FnSig::default()
                }],
            },
        ),
        frag(
            "geo",
            Entry::TraitImpl {
                trait_path: "Shape".into(),
                self_ty: "str".into(),
                methods: vec![],
            },
        ),
    ];
    let m = assemble("geo", &frags, "fp").unwrap();
    assert_eq!(m.version, "0.1.0");
    let p = m.type_def("geo::Point").unwrap();
    assert_eq!(
        p.derives,
        ["Debug", "Clone"],
        "fmt::Display is not a std path"
    );
    assert_eq!(p.methods[0].name, "norm");
    assert_eq!(p.methods[1].via_trait.as_deref(), Some("geo::Shape"));
    let t = m.trait_def("geo::Shape").unwrap();
    assert_eq!(t.implemented_for, ["geo::Point", "str"]);
}

#[test]
fn std_display_impl_is_a_derive() {
    let frags = vec![
        plugin(),
        frag(
            "geo",
            Entry::TraitImpl {
                trait_path: "std::fmt::Display".into(),
                self_ty: "Point".into(),
                methods: vec![],
            },
        ),
    ];
    let m = assemble("geo", &frags, "").unwrap();
    assert_eq!(m.type_def("geo::Point").unwrap().derives, ["Display"]);
}

#[test]
fn aliases_rename_everywhere_and_shapes_sort() {
    let f = |shape: &str| {
        frag(
            "geo",
            Entry::Function {
                sig: FnSig {
                    name: "largest".into(),
                    shape: Some(shape.into()),
                    ..FnSig::default()
                },
            },
        )
    };
    let frags = vec![
        plugin(),
        frag(
            "geo::shapes",
            Entry::Type {
                def: TypeDef {
                    path: "Circle".into(),
                    ..TypeDef::default()
                },
                impls: String::new(),
            },
        ),
        frag(
            "geo::shapes",
            Entry::Function {
                sig: FnSig {
                    name: "unit".into(),
                    ret: ty("geo::shapes::Circle"),
                    ..FnSig::default()
                },
            },
        ),
        frag(
            "geo",
            Entry::Alias {
                target: "shapes::Circle".into(),
                public: "Circle".into(),
            },
        ),
        f("Dynamic"),
        f("i64"),
        f("&str"),
    ];
    let m = assemble("geo", &frags, "").unwrap();
    assert!(m.type_def("geo::Circle").is_some());
    assert_eq!(
        m.function("geo::shapes::unit").unwrap().ret,
        ty("geo::Circle")
    );
    let shapes: Vec<_> = m.functions.iter().filter_map(|f| f.shape.clone()).collect();
    assert_eq!(shapes, ["i64", "&str", "Dynamic"]);
}

#[test]
fn a_crate_without_plugin_macro_is_refused() {
    let e = assemble("geo", &[], "").unwrap_err();
    assert!(e.contains("kayton::plugin!()"), "{e}");
}

#[test]
fn kinds_register_first() {
    let mut a = frag(
        "geo",
        Entry::Function {
            sig: FnSig::default(),
        },
    );
    a.register = Some("kayton_register__a".into());
    let mut b = frag(
        "geo",
        Entry::Type {
            def: TypeDef::default(),
            impls: String::new(),
        },
    );
    b.register = Some("kayton_register__z".into());
    assert_eq!(
        registrars(&[a, b]),
        ["kayton_register__z", "kayton_register__a"]
    );
}

#[test]
fn type_aliases_name_their_target() {
    let frags = vec![
        plugin(),
        frag(
            "geo::units",
            Entry::TypeAlias {
                name: "Span".into(),
                target: ty("crate::time::Delta"),
            },
        ),
    ];
    let m = assemble("geo", &frags, "fp").unwrap();
    assert_eq!(m.alias("geo::units::Span"), Some(&ty("geo::time::Delta")));
    assert_eq!(m.alias("geo::units::Other"), None);
    // Serialized only when there are some, as their target's text.
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        json.contains(r#""aliases":[{"path":"geo::units::Span","target":"geo::time::Delta"}]"#),
        "{json}"
    );
    let none = assemble("geo", &[plugin()], "fp").unwrap();
    assert!(!serde_json::to_string(&none).unwrap().contains("aliases"));
}

#[test]
fn slices_tuples_and_primitives_are_not_paths_of_the_module() {
    for t in [
        "[i64]",
        "[Vec<i64>]",
        "(i64, String)",
        "u32",
        "&str",
        "char",
    ] {
        assert!(super::is_primitive(t), "{t}");
    }
    assert!(!super::is_primitive("Point"));
}

#[test]
fn an_unsized_type_is_named_as_its_owned_form_in_signatures() {
    let word = frag(
        "geo",
        Entry::Type {
            def: TypeDef {
                path: "Word".into(),
                owned: Some("geo::WordBuf".into()),
                ..TypeDef::default()
            },
            impls: String::new(),
        },
    );
    let sig = |name: &str, ret: &str| FnSig {
        name: name.into(),
        ret: ty(ret),
        ..FnSig::default()
    };
    let methods = frag(
        "geo",
        Entry::Impl {
            self_ty: "geo::Word".into(),
            methods: vec![
                sig("new", "&geo::Word"),
                sig("parent", "Option<&'static geo::Word>"),
                sig("ancestors", "kayton_api::OwnedIter<geo::Word>"),
                // Not the type: a path that only starts like it.
                sig("count", "geo::Words"),
            ],
            consts: vec![],
        },
    );
    let m = assemble("geo", &[plugin(), word, methods], "fp").unwrap();
    let t = m.type_def("geo::Word").unwrap();
    assert_eq!(t.owned.as_deref(), Some("geo::WordBuf"));
    let rets: Vec<String> = t.methods.iter().map(|f| f.ret.to_string()).collect();
    assert_eq!(
        rets,
        [
            "&geo::WordBuf",
            "Option<&'static geo::WordBuf>",
            "kayton_api::OwnedIter<geo::WordBuf>",
            "geo::Words"
        ]
    );
}

#[test]
fn an_alias_of_a_std_map_is_written_out_where_it_is_named() {
    let alias = |name: &str, target: &str| {
        frag(
            "geo",
            Entry::TypeAlias {
                name: name.into(),
                target: ty(target),
            },
        )
    };
    let attrs = frag(
        "geo",
        Entry::Type {
            def: TypeDef {
                path: "Element".into(),
                fields: vec![Param {
                    name: "attributes".into(),
                    ty: ty("geo::AttributeMap<String, String>"),
                }],
                ..TypeDef::default()
            },
            impls: String::new(),
        },
    );
    let frags = vec![
        plugin(),
        alias("AttributeMap", "std::collections::HashMap<_, _>"),
        alias("Names", "std::collections::BTreeMap<String, _>"),
        alias("FxMap", "std::collections::HashMap"),
        attrs,
        frag(
            "geo",
            Entry::Function {
                sig: FnSig {
                    name: "names".into(),
                    ret: ty("Option<geo::Names<i64>>"),
                    params: vec![Param {
                        name: "m".into(),
                        ty: ty("&geo::FxMap<String, i64>"),
                    }],
                    ..FnSig::default()
                },
            },
        ),
    ];
    let m = assemble("geo", &frags, "fp").unwrap();
    let field = &m.type_def("geo::Element").unwrap().fields[0].ty;
    assert_eq!(field, &ty("std::collections::HashMap<String, String>"));
    let f = m.function("geo::names").unwrap();
    assert_eq!(f.ret, ty("Option<std::collections::BTreeMap<String, i64>>"));
    // With a hasher of the crate: left to the alias.
    assert_eq!(f.params[0].ty, ty("&geo::FxMap<String, i64>"));
    assert_eq!(
        m.alias("geo::AttributeMap"),
        Some(&ty("std::collections::HashMap<_, _>"))
    );
}
