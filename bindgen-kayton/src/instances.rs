//! What a generic declaration is emitted as, one per shape, so that the compiler prunes
//! each member per instance: a trait for every iterator, per list item type
//! (`Itertools for kayton_api::Iter<i64>`), and a generic type's impl, per shape
//! (`impl itertools::Either<i64, i64>`).
use crate::fn_bounds::ByName;
use crate::traits::{per_item, TraitImpl, ITER_ITEM};
use kayton_manifest::assemble::SHAPES;
use kayton_manifest::{Const, FnSig, Param, RustType, TypeDef};

/// The item types of a Keyton list a trait for every iterator is declared for.
pub const ITER_SHAPES: &[&str] = &["i64", "f64", "String", "Vec<i64>"];

/// The impls `i` is emitted as: itself, or one per item type for a trait for every
/// iterator.
pub fn emitted_impls(i: &TraitImpl) -> Vec<TraitImpl> {
    if !per_item(&i.self_ty) {
        return vec![i.clone()];
    }
    ITER_SHAPES
        .iter()
        .map(|sh| instance(i, ITER_ITEM, sh))
        .collect()
}

/// `i` with the type parameter `param` replaced by `with` in its self type and methods.
pub fn instance(i: &TraitImpl, param: &str, with: &str) -> TraitImpl {
    let subst = Subst::new(&[param.to_string()], &[with.to_string()]);
    TraitImpl {
        trait_path: i.trait_path.clone(),
        self_ty: subst.text(&i.self_ty),
        methods: i.methods.iter().map(|f| subst.sig(f)).collect(),
        generics: Vec::new(),
        bounds: i.bounds.map(|t| subst.text(t)),
    }
}

/// Type parameters replaced by the types of one instance: on the trees of a signature,
/// and on bindgen's own type text (self types, bound types).
struct Subst {
    params: Vec<String>,
    with: Vec<String>,
    trees: Vec<Option<RustType>>,
}

impl Subst {
    fn new(params: &[String], with: &[String]) -> Subst {
        Subst {
            params: params.to_vec(),
            with: with.to_vec(),
            trees: with.iter().map(|w| RustType::parse(w).ok()).collect(),
        }
    }

    fn text(&self, text: &str) -> String {
        self.params
            .iter()
            .zip(&self.with)
            .fold(text.to_string(), |acc, (p, w)| replace_word(&acc, p, w))
    }

    fn ty(&self, t: &RustType) -> RustType {
        t.substitute(&|name| {
            let i = self.params.iter().position(|p| p == name)?;
            self.trees[i].clone()
        })
    }

    /// `f` with its parameters and result substituted.
    fn sig(&self, f: &FnSig) -> FnSig {
        FnSig {
            params: f
                .params
                .iter()
                .map(|p| Param {
                    name: p.name.clone(),
                    ty: self.ty(&p.ty),
                })
                .collect(),
            ret: self.ty(&f.ret),
            ..f.clone()
        }
    }
}

/// `text` with each whole identifier `word` replaced by `with`.
pub fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut ident = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' {
            ident.push(c);
            continue;
        }
        out.push_str(if ident == word { with } else { &ident });
        ident.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// The shapes a generic type is instantiated for (`&str` never: a kind owns its values).
pub fn generic_shapes() -> impl Iterator<Item = &'static str> {
    SHAPES.iter().copied().filter(|sh| *sh != "&str")
}

/// The generic type `t` (`Either<L, R>`) as its instance for `shape`: every parameter
/// replaced, in its path and its members (`Either<i64, i64>`).
pub fn generic_instance(t: &TypeDef, shape: &str) -> TypeDef {
    let subst = shape_subst(&t.path, shape);
    TypeDef {
        path: subst.text(&t.path),
        methods: t.methods.iter().map(|f| subst.sig(f)).collect(),
        consts: t
            .consts
            .iter()
            .map(|c| Const {
                name: c.name.clone(),
                ty: subst.ty(&c.ty),
            })
            .collect(),
        ..t.clone()
    }
}

/// `text` over the parameters of the generic type at `type_path`, at its instance for
/// `shape` (the `Deref` target `HashMap<K, V, S>` of `AHashMap<K, V, S>`).
pub fn instance_text(type_path: &str, shape: &str, text: &str) -> String {
    shape_subst(type_path, shape).text(text)
}

/// What the bounds of the methods of the generic type at `type_path` name (`b`), at its
/// instance for `shape`.
pub fn instance_bounds(type_path: &str, shape: &str, b: &ByName) -> ByName {
    let subst = shape_subst(type_path, shape);
    b.map(|t| subst.text(t))
}

/// The trait impl `i` for the generic type at `type_path` (`impl<Tz: TimeZone> Datelike
/// for DateTime<Tz>`) as its impl for that type's instance `shape` (`… for
/// DateTime<Utc>`); an instance whose parameters miss the impl's bounds is pruned.
pub fn generic_impl(i: &TraitImpl, type_path: &str, shape: &str) -> TraitImpl {
    let subst = shape_subst(type_path, shape);
    TraitImpl {
        trait_path: subst.text(&i.trait_path),
        self_ty: subst.text(&i.self_ty),
        methods: i.methods.iter().map(|f| subst.sig(f)).collect(),
        generics: Vec::new(),
        bounds: i.bounds.map(|t| subst.text(t)),
    }
}

/// The parameters of the generic type at `path` (`Either<L, R>`) replaced by the types of
/// one shape (`i64`; a group `{A, B}` gives each parameter its own).
fn shape_subst(path: &str, shape: &str) -> Subst {
    let params: Vec<String> = path
        .split_once('<')
        .map(|(_, p)| {
            p.trim_end_matches('>')
                .split(',')
                .map(|x| x.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    // As the macros name the instance's type (`kayton_api::Dynamic`).
    let each: Vec<String> = match shape.strip_prefix('{').and_then(|g| g.strip_suffix('}')) {
        Some(g) => split_top(g),
        None => vec![shape.to_string(); params.len()],
    };
    let with: Vec<String> = each
        .iter()
        .map(|w| match w.as_str() {
            "Dynamic" => "kayton_api::Dynamic".to_string(),
            other => other.to_string(),
        })
        .collect();
    Subst::new(&params, &with)
}

/// The combinations of one option per parameter, in order (the first parameter's
/// options vary slowest), at most `max`: a function's first parameter is often the one
/// with few types that work (`to_writer<W: Write, T>`: `Vec<u8>` with every `T`).
pub fn product(per: &[Vec<String>], max: usize) -> Vec<Vec<String>> {
    let mut combos: Vec<Vec<String>> = vec![Vec::new()];
    for options in per {
        combos = combos
            .iter()
            .flat_map(|c| {
                options.iter().map(move |o| {
                    let mut c = c.clone();
                    c.push(o.clone());
                    c
                })
            })
            .take(max)
            .collect();
    }
    combos
}

/// The combinations of one option per parameter, at most `max`, the ones of each
/// parameter's first options first: by the sum of the options' positions, then in order.
/// So a cut keeps variety in every parameter of a generic type (`Graph<String, i64>`
/// beside `Graph<i64, f64>`), not only in the last.
pub fn product_spread(per: &[Vec<String>], max: usize) -> Vec<Vec<String>> {
    if per.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let mut all: Vec<Vec<usize>> = vec![Vec::new()];
    for options in per {
        all = all
            .iter()
            .flat_map(|c| {
                (0..options.len()).map(move |i| {
                    let mut c = c.clone();
                    c.push(i);
                    c
                })
            })
            // The positions' sum only grows: what is cut here stays cut.
            .filter(|c| c.iter().sum::<usize>() <= max)
            .collect();
    }
    all.sort_by_key(|c| (c.iter().sum::<usize>(), c.clone()));
    all.into_iter()
        .take(max)
        .map(|c| c.iter().zip(per).map(|(i, o)| o[*i].clone()).collect())
        .collect()
}

/// `A, B<C, D>` split at its top-level commas, each trimmed.
pub(crate) fn split_top(s: &str) -> Vec<String> {
    let (mut depth, mut part, mut out) = (0i32, String::new(), Vec::new());
    for c in s.chars() {
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(part.trim().to_string());
                part.clear();
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    out.push(part.trim().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_product_varies_every_parameter() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let per = vec![
            v(&["i64", "f64", "String"]),
            v(&["i64", "f64", "String"]),
            v(&["D", "U"]),
        ];
        let got: Vec<String> = product_spread(&per, 5)
            .iter()
            .map(|c| c.join(","))
            .collect();
        assert_eq!(
            got,
            [
                "i64,i64,D",
                "i64,i64,U",
                "i64,f64,D",
                "f64,i64,D",
                "i64,f64,U"
            ]
        );
        assert_eq!(product_spread(&per, 100).len(), 18);
        assert!(product_spread(&[v(&["a"]), Vec::new()], 4).is_empty());
        // In order: the first parameter's first option with every other one first.
        let ordered: Vec<String> = product(&per, 3).iter().map(|c| c.join(",")).collect();
        assert_eq!(ordered, ["i64,i64,D", "i64,i64,U", "i64,f64,D"]);
    }

    #[test]
    fn words_are_replaced_whole() {
        assert_eq!(replace_word("Vec<KItem>", "KItem", "i64"), "Vec<i64>");
        assert_eq!(replace_word("KItems<K>", "K", "f64"), "KItems<f64>");
    }

    #[test]
    fn a_generic_type_per_shape() {
        let t = TypeDef {
            path: "m::Either<L, R>".into(),
            methods: vec![FnSig {
                name: "left".into(),
                ret: RustType::parse("Option<L>").unwrap(),
                ..FnSig::default()
            }],
            ..TypeDef::default()
        };
        let one = generic_instance(&t, "Dynamic");
        assert_eq!(
            one.path,
            "m::Either<kayton_api::Dynamic, kayton_api::Dynamic>"
        );
        assert_eq!(
            one.methods[0].ret.to_string(),
            "Option<kayton_api::Dynamic>"
        );
        assert!(!generic_shapes().any(|s| s == "&str"));
        // A group gives each parameter its own type.
        let two = generic_instance(&t, "{Vec<u8>, Dynamic}");
        assert_eq!(two.path, "m::Either<Vec<u8>, kayton_api::Dynamic>");
        assert_eq!(two.methods[0].ret.to_string(), "Option<Vec<u8>>");
    }
}
