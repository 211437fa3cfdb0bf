//! A plugin built with kayton-macros, called through the VM registry thunks it
//! registered at load (not through compiled cells): conversions, `Err`s and panics as
//! errors, dynamic values in and out, and a session that keeps working.
use keyton_kernel::protocol::CallArg::{self, Bool, Float, Global, Int, Str};
use keyton_kernel::session::Session;
use std::path::PathBuf;

mod common;

fn plugin_dir() -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("plugins-registry");
    common::build_example_plugin(&out);
    out
}

#[test]
fn macro_plugin_thunks_are_callable_through_the_registry() {
    // The only test in this binary: setting the variable races with nothing.
    std::env::set_var("KAYTON_PLUGIN_PATH", plugin_dir());
    let mut s = Session::with_exe(PathBuf::from(env!("CARGO_BIN_EXE_keyton"))).unwrap();
    let out = s.run_cell(
        "rimport geometry\nfrom geometry rimport Point, Path\np = Point.new(3.0, 4.0)\nroute = Path.new()\nxy = (1.0, 2.0)\npx = geometry.Pixel.new(\"p\")\nnums = [3, 1]",
    );
    assert_eq!(out.error, None);
    let mut call = |name: &str, args: &[CallArg]| s.host().call(name, args);
    let ok = |v: &str| Ok::<String, String>(v.to_string());
    assert_eq!(call("geometry::add", &[Int(2), Int(3)]), ok("5"));
    assert_eq!(
        call("geometry::greet", &[Str("Ada".into())]),
        ok("'hello, Ada'")
    );
    assert_eq!(
        call("geometry::Point::norm", &[Global("p".into())]),
        ok("5.0")
    );
    assert_eq!(
        call("geometry::Point::shout", &[Global("p".into())]),
        ok("'POINT (3, 4)!'")
    );
    assert_eq!(
        call("geometry::parse_point", &[Str("1,2".into())]),
        ok("(1, 2)")
    );
    assert_eq!(
        call("geometry::Shape::Rect", &[Float(2.0), Float(3.0)]),
        ok("Rect { w: 2.0, h: 3.0 }")
    );
    assert_eq!(
        call("geometry::pick[i64]", &[Bool(true), Int(1), Int(2)]),
        ok("1")
    );
    assert_eq!(
        call(
            "geometry::pick[Dynamic]",
            &[Bool(false), Global("p".into()), Global("p".into())]
        ),
        ok("(3, 4)")
    );
    assert_eq!(
        call("geometry::describe[Dynamic]", &[Global("p".into())]),
        ok("'Point { x: 3.0, y: 4.0 }'")
    );
    // `&T` of an instantiated `T`: converted by value, passed borrowed.
    assert_eq!(
        call("geometry::describe_ref[&str]", &[Str("a".into())]),
        ok("'\"a\"'")
    );
    assert_eq!(call("geometry::describe_ref[i64]", &[Int(7)]), ok("'7'"));
    // Tuples: a result is a value of the tuple's kind; a parameter takes one back,
    // also when a cell made it.
    assert_eq!(call("geometry::divmod", &[Int(17), Int(5)]), ok("(3, 2)"));
    assert_eq!(
        call("geometry::Point::coords", &[Global("p".into())]),
        ok("(3.0, 4.0)")
    );
    assert_eq!(
        call("geometry::Point::from_coords", &[Global("xy".into())]),
        ok("(1, 2)")
    );
    // Instances of a generic type: each its own kind, its methods under its name.
    assert_eq!(call("geometry::Stack<i64>::of", &[Int(5)]), ok("stack[5]"));
    assert_eq!(
        call("geometry::Stack<String>::of", &[Int(5)]),
        Err("geometry::Stack<String>::of: argument `first`: expected String, found i64".into())
    );
    assert_eq!(
        call("geometry::non_negative", &[Int(-1)]),
        Err("geometry::non_negative: the call returned Err(())".into())
    );
    // Iterators: a returned one is collected; a list is passed where one is taken.
    assert_eq!(call("geometry::evens", &[Int(5)]), ok("[0, 2, 4]"));
    assert_eq!(
        call("kayton_api::Iter<i64>::doubled", &[Global("nums".into())]),
        ok("[3, 3, 1, 1]")
    );
    // Field accessors: a copy out, and an assignment converted like an argument.
    assert_eq!(
        call("geometry::Point::get_x", &[Global("p".into())]),
        ok("3.0")
    );
    assert_eq!(
        call("geometry::Point::set_y", &[Global("p".into()), Float(0.5)]),
        ok("None")
    );
    assert_eq!(
        call("geometry::Pixel::set_x", &[Global("px".into()), Int(70000)]),
        Err(
            "geometry::Pixel::set_x: argument `value`: 70000 does not fit in u16 (0..=65535)"
                .into()
        )
    );
    assert_eq!(
        call(
            "geometry::Pixel::set_label",
            &[Global("px".into()), Str("dot".into())]
        ),
        ok("None")
    );
    assert_eq!(
        call("geometry::Pixel::get_label", &[Global("px".into())]),
        ok("'dot'")
    );
    // Errors: an `Err`, a failed conversion, a panic, a wrong arity, a non-Clone value.
    assert_eq!(
        call("geometry::parse_point", &[Str("oops".into())]),
        Err("geometry::parse_point: expected `x,y`, got \"oops\"".into())
    );
    assert_eq!(
        call("geometry::brighten", &[Int(300)]),
        Err("geometry::brighten: argument `v`: 300 does not fit in u8 (0..=255)".into())
    );
    assert_eq!(
        call("geometry::checked_sqrt", &[Float(-1.0)]),
        Err("geometry::checked_sqrt panicked: checked_sqrt of a negative number: -1".into())
    );
    assert_eq!(
        call("geometry::add", &[Int(1)]),
        Err("geometry::add() takes 2 argument(s), 1 given".into())
    );
    assert_eq!(
        call("geometry::Path::total_length", &[Global("route".into())]),
        Err("geometry::Path::total_length: argument `self`: `geometry::Path` is not Clone: it can only be passed by reference here".into())
    );
    assert_eq!(
        call("geometry::Point::norm", &[Int(1)]),
        Err("geometry::Point::norm: argument `self`: expected geometry::Point, found i64".into())
    );
    // The session is intact, and the plugin's kind is the one cells use.
    let out = s.run_cell("p.norm()");
    assert_eq!(
        (out.error, out.result.as_deref()),
        (None, Some("3.0413812651491097"))
    );
    let kinds = s.host().kinds();
    let point = kinds.iter().filter(|k| k.name == "geometry::Point").count();
    assert_eq!(point, 1, "one kind for Point: {kinds:?}");
}
