//! Which instantiation a call means: of a generic function, the shape the arguments fit
//! (`pick(True, 1, 2)` is `pick[i64]`); of a generic Rust type, the instance a `let`
//! annotation names (`let s: Stack[i64] = Stack.new("s")`), else the only one whose
//! function takes the arguments (`Stack.of(5)` is `Stack<i64>`).
use super::Lowerer;
use crate::ast::{Expr, ExprKind};
use crate::diag::{Diagnostic, Result};
use crate::manifest::FnSig;
use crate::rty::{self, RTy};
use crate::span::Span;
use crate::types::Ty;

impl Lowerer<'_> {
    pub(super) fn pick_type_instance(
        &mut self,
        family: &str,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<String> {
        // What follows the assignment being lowered is this call's, not its arguments'.
        let ahead = self.ahead.take();
        let instances = self.state.instances_of(family);
        if let Some(Ty::Rust(q)) = &self.expect {
            if instances.contains(q) {
                return Ok(q.clone());
            }
        }
        let mut tys = Vec::new();
        for a in args {
            tys.push(self.expr(a)?.ty);
        }
        // Back for this call, which may be lowered again (the receiver of `.unwrap()`
        // in `b = Bloom.new_for_fp_rate(100, 0.01).unwrap()`).
        self.ahead = ahead.clone();
        // The instance's associated function `name`.
        let assoc = |inst: &str| {
            self.state.type_def(inst).and_then(|t| {
                t.methods
                    .iter()
                    .find(|f| f.name == name && f.receiver.is_none())
            })
        };
        let fits = |inst: &str, widen: bool| {
            let Some(f) = assoc(inst) else {
                return false;
            };
            f.params.len() == tys.len()
                && f.params
                    .iter()
                    .zip(&tys)
                    .all(|(p, t)| match rty::parse(&p.ty, inst) {
                        Ok(RTy::Dynamic) => matches!(t, Ty::Rust(_)),
                        Ok(r) if super::args::dyn_traits(&r).is_some() => {
                            let traits = super::args::dyn_traits(&r).expect("checked");
                            matches!(t, Ty::Rust(p) if self.state.implements(p, traits))
                        }
                        Ok(r) if takes_text_as_bytes(&r) && *t == Ty::Str => true,
                        Ok(r) => {
                            let k = r.keyton();
                            fits_param(&k, t, widen)
                        }
                        Err(_) => false,
                    })
        };
        let native = |many: &[&String]| -> Option<String> {
            let own: Vec<&&String> = many
                .iter()
                .filter(|inst| {
                    assoc(inst).is_some_and(|f| {
                        f.params.iter().zip(&tys).all(|(p, t)| {
                            let r = p.ty.to_string();
                            match t {
                                Ty::Int => r == "i64",
                                Ty::Float => r == "f64",
                                _ => true,
                            }
                        })
                    })
                })
                .collect();
            match own.as_slice() {
                [one] => Some((**one).clone()),
                _ => None,
            }
        };
        let short = |i: &String| i[family.len()..].to_string();
        let dotted = family.replace("::", ".");
        let last = family.rsplit("::").next().unwrap_or(family);
        for widen in [false, true] {
            let found: Vec<&String> = instances.iter().filter(|i| fits(i, widen)).collect();
            match found.as_slice() {
                [] => continue,
                [one] => return Ok((*one).clone()),
                // Ints and floats as Keyton holds them (`Ratio.new(1, 2)` is `Ratio<i64>`,
                // `Complex.new(1.0, 2.0)` is `Complex<f64>`), if one instance takes them so.
                many if native(many).is_some() => return Ok(native(many).unwrap()),
                many => {
                    // `pq = PriorityQueue.new()`, then `pq.push("Apples", 5)`.
                    if let Some(one) = self.by_later_use(&ahead, many) {
                        return Ok(one);
                    }
                    // `List.new().push_front(1)`.
                    if let Some(one) = self.by_chained_calls(span, many) {
                        return Ok(one);
                    }
                    let first = short(many[0]).replace('<', "[").replace('>', "]");
                    let list: Vec<String> = many.iter().map(|i| short(i)).collect();
                    return Err(Diagnostic::new(
                        span,
                        format!("`{dotted}.{name}(…)` does not say which `{last}` it makes"),
                    )
                    .label(format!("could be any of {}", list.join(", ")))
                    .note(format!(
                        "annotate the variable: `let s: {last}{first} = {last}.{name}(…)`"
                    )));
                }
            }
        }
        let given: Vec<String> = tys.iter().map(|t| t.name()).collect();
        let list: Vec<String> = instances.iter().map(short).collect();
        Err(Diagnostic::new(
            span,
            format!(
                "no instance of `{dotted}` has `{name}` taking ({})",
                given.join(", ")
            ),
        )
        .label("no matching instance")
        .note(format!(
            "the plugin instantiates it for: {}",
            list.join(", ")
        )))
    }

    /// The instantiation of a generic item whose parameters the arguments fit: exactly
    /// first, then with an int widened to a float (shapes are listed `i64` before `f64`).
    pub(super) fn pick_instance<'f>(
        &mut self,
        path: &str,
        cands: &[&'f FnSig],
        args: &[Expr],
        span: Span,
    ) -> Result<&'f FnSig> {
        // A function name (`positions(is_even)`) fits a closure parameter only; its
        // types are checked once the instance is picked.
        let mut tys = Vec::new();
        for a in args {
            tys.push(match self.fn_name(a) {
                Some(_) => None,
                None => Some(self.expr(a)?.ty),
            });
        }
        // Data (a dict, a list of lists) fits the serde bridge's instance, tried last:
        // an instance that takes the value as it is comes first.
        // Which argument types implement the traits of trait-object parameters.
        let mut implements = std::collections::HashSet::new();
        for f in cands {
            for (p, t) in f.params.iter().zip(&tys) {
                let r = rty::parse(&p.ty, "");
                if let (Some(traits), Some(Ty::Rust(ty))) =
                    (r.as_ref().ok().and_then(super::args::dyn_traits), t)
                {
                    if self.state.implements(ty, traits) {
                        implements.insert((ty.clone(), traits.to_string()));
                    }
                }
                // A crate type converting into the one taken (`Value: From<Data>`).
                if let (Ok(RTy::Named(to)), Some(Ty::Rust(from))) = (&r, t) {
                    if self.state.converts_from(to, from) {
                        implements.insert((from.clone(), to.clone()));
                    }
                }
            }
        }
        // A list literal's length picks among arrays (noise's `NoiseFn<f64, 2>` and
        // `<f64, 3>` of one type: `get([x, y])` is the first's).
        let lens: Vec<Option<String>> = args
            .iter()
            .map(|a| match &a.kind {
                ExprKind::List(items) => Some(items.len().to_string()),
                _ => None,
            })
            .collect();
        let fits = |f: &FnSig, widen: bool, data: bool| {
            f.params.len() == tys.len()
                && f.params
                    .iter()
                    .zip(&tys)
                    .zip(&lens)
                    .all(|((p, t), len)| match (rty::parse(&p.ty, ""), t) {
                        (Ok(RTy::Array(_, n)), _) if len.as_ref().is_some_and(|l| *l != n) => {
                            false
                        }
                        (Ok(r), Some(t)) if data && super::data::fits_data(&r, t) => true,
                        (Ok(RTy::Func { .. }), None) => true,
                        (_, None) => false,
                        (Ok(RTy::Dynamic), Some(t)) => matches!(t, Ty::Rust(_)),
                        (Ok(r), Some(t)) if super::args::dyn_traits(&r).is_some() => {
                            let traits = super::args::dyn_traits(&r).expect("checked");
                            matches!(t, Ty::Rust(p) if implements.contains(&(p.clone(), traits.to_string())))
                        }
                        (Ok(r), Some(Ty::Str)) if takes_text_as_bytes(&r) => true,
                        (Ok(RTy::Named(to)), Some(Ty::Rust(from)))
                            if widen && implements.contains(&(from.clone(), to.clone())) => true,
                        (Ok(r), Some(t)) => fits_param(&r.keyton(), t, widen),
                        (Err(_), _) => false,
                    })
        };
        let want = self.expect.clone();
        for (widen, data) in [(false, false), (true, false), (true, true)] {
            let mut fitting: Vec<&&'f FnSig> =
                cands.iter().filter(|f| fits(f, widen, data)).collect();
            // An instance whose result the cell could not hold (bs58's `encode::<&[u8]>`
            // gives an `EncodeBuilder<&[u8]>` the plugin does not make) only if no other.
            let holds = |f: &&&FnSig| rty::parse(&f.ret, "").is_ok();
            if fitting.iter().any(holds) {
                fitting.retain(holds);
            }
            // Of instances an int fits alike (`From<u8>` … `From<u64>`), the widest
            // first, so that the value is least likely not to fit.
            // Of a string's, the owned `String` before `&str`: a `&str` that must be
            // `'static` (reqwest's `body<T: Into<Body>>`, `Body: From<&'static str>`)
            // cannot be a Keyton string's, and what compiled for both takes either.
            // Text goes as text where an instance takes it (`&str`, not the `&[u8]` of
            // hex's `encode<T: AsRef<[u8]>>`).
            fitting.sort_by_key(|f| {
                let ints = f.params.iter().map(|p| int_rank(&p.ty)).sum::<usize>();
                let strs = f.params.iter().filter(|p| is_str_ref(&p.ty)).count();
                let text_as_bytes = f
                    .params
                    .iter()
                    .zip(&tys)
                    .filter(|(p, t)| {
                        matches!(t, Some(Ty::Str))
                            && rty::parse(&p.ty, "").is_ok_and(|r| takes_text_as_bytes(&r))
                    })
                    .count();
                (ints, text_as_bytes, strs)
            });
            // `s, r = unbounded()`: the instance the unpacked values' later calls fit.
            if want.is_none() && fitting.len() > 1 {
                let fs: Vec<&FnSig> = fitting.iter().map(|f| **f).collect();
                if let Some(i) = self.result_by_later_use(&fs) {
                    return Ok(fitting[i]);
                }
            }
            if let Some(f) = by_result(&fitting, want.as_ref()) {
                return Ok(f);
            }
        }
        let shapes: Vec<String> = cands
            .iter()
            .map(|f| {
                let ps: Vec<String> = f
                    .params
                    .iter()
                    .map(|p| match rty::parse(&p.ty, "") {
                        // The serde bridge's instance: what a user passes, not its path.
                        Ok(r) if r.serde_data().is_some() => {
                            "data (None, bool, int, float, str, and lists, dicts, tuples of them)"
                                .to_string()
                        }
                        _ => p.ty.to_string(),
                    })
                    .collect();
                format!("({})", ps.join(", "))
            })
            .collect();
        let given: Vec<String> = tys
            .iter()
            .map(|t| t.as_ref().map_or("a function".into(), Ty::name))
            .collect();
        Err(Diagnostic::new(
            span,
            format!(
                "no instantiation of `{}` takes ({})",
                path.replace("::", "."),
                given.join(", ")
            ),
        )
        .label("no matching shape")
        .note(format!("the plugin exports it for: {}", shapes.join(", "))))
    }
}

/// Of the instances the arguments fit (in order of preference), the one the result
/// picks: the one giving the type wanted (`let v: serde_json.Value = from_str(…)`:
/// `from_str::<T>` is one per `T`), else one whose result is data, read as the type
/// wanted (a dict). With nothing wanted, where the instances differ only by their result
/// (`serde_json.from_str(s)` with no `let` type), the crate's own dynamic value
/// (`serde_json::Value`, `toml::Value`), as Python's `json.loads` gives whatever the text
/// holds, rather than the first shape (`i64`). Otherwise the first, not the serde
/// bridge's instance unless it is the only one.
fn by_result<'a, 'f>(fitting: &[&'a &'f FnSig], want: Option<&Ty>) -> Option<&'a &'f FnSig> {
    let rets: Vec<Option<RTy>> = fitting
        .iter()
        .map(|f| rty::parse(&f.ret, "").ok())
        .collect();
    let find = |ok: &dyn Fn(&RTy) -> bool| {
        fitting
            .iter()
            .zip(&rets)
            .find(|(_, r)| r.as_ref().is_some_and(ok))
            .map(|(f, _)| *f)
    };
    let is_value = |r: &RTy| {
        let ok = match r {
            RTy::Result(t) => &**t,
            other => other,
        };
        matches!(ok, RTy::Named(p) if p.ends_with("::Value"))
    };
    let by_result = fitting.windows(2).any(|w| w[0].ret != w[1].ret);
    let picked = match want {
        // An owned string before a borrowed one (clap's `get_one::<String>`, not
        // `::<&str>`, which its values are not).
        Some(w) => find(&|r| &r.keyton() == w && !borrows_str(r))
            .or_else(|| find(&|r| &r.keyton() == w))
            // An `Option` of it, unwrapped (`name: str = m.get_one("name").unwrap()`).
            .or_else(|| {
                let some = Ty::Option(Box::new(w.clone()));
                find(&|r| r.keyton() == some && !borrows_str(r))
            })
            .or_else(|| find(&|r| super::data::gives_data(r, w))),
        None if by_result => find(&is_value),
        None => None,
    };
    picked
        .or_else(|| {
            fitting
                .iter()
                .zip(&rets)
                .find(|(_, r)| !r.as_ref().is_some_and(super::data::is_data_ret))
                .map(|(f, _)| *f)
        })
        .or(fitting.first().copied())
}

/// Whether a result holds a borrowed `str` anywhere (`Option<&&str>`): an instance
/// giving an owned `String` is preferred to it.
fn borrows_str(r: &RTy) -> bool {
    match r {
        RTy::StrRef => true,
        RTy::Option(t)
        | RTy::Result(t)
        | RTy::Ref(t)
        | RTy::RefMut(t)
        | RTy::Vec(t)
        | RTy::Slice(t)
        | RTy::StaticSlice(t)
        | RTy::Array(t, _)
        | RTy::Iter(t)
        | RTy::OwnedIter(t)
        | RTy::Cow(t) => borrows_str(t),
        RTy::Tuple(ts) => ts.iter().any(borrows_str),
        RTy::Map { k, v, .. } => borrows_str(k) || borrows_str(v),
        _ => false,
    }
}

/// Whether an argument of type `arg` may be passed for a parameter whose Keyton type is
/// `param`: exactly; as `Some` of it or `None` where an `Option` is taken (as Keyton
/// converts); an empty list or dict where any is taken; with `widen`, an int where a float
/// is taken.
pub(super) fn fits_param(param: &Ty, arg: &Ty, widen: bool) -> bool {
    let seconds =
        |p: &Ty| matches!(p, Ty::Rust(d) if d == crate::std_types::DURATION) && arg.is_numeric();
    // `[]` / `{}` fit any list / dict (flate2's `ZlibEncoder.new([], level)`).
    let empty = |p: &Ty| {
        matches!(
            (p, arg),
            (Ty::List(_), Ty::EmptyList) | (Ty::Dict(..), Ty::EmptyDict)
        )
    };
    // A value of `T` where a `&'static T` is taken (a crate constant, or leaked).
    let lent_for_good = |p: &Ty| {
        matches!((p, arg), (Ty::Rust(p), Ty::Rust(a))
            if p.strip_prefix(crate::types::STATIC_REF) == Some(a.as_str()))
    };
    let same = |p: &Ty| {
        p == arg
            || (widen && *p == Ty::Float && *arg == Ty::Int)
            || seconds(p)
            || empty(p)
            || lent_for_good(p)
    };
    match param {
        Ty::Option(inner) => same(param) || same(inner) || *arg == Ty::NoneLit,
        _ => same(param),
    }
}

/// Whether a parameter of bytes (`&[u8]`, `Vec<u8>`, `&'static [u8]`) takes a string,
/// as its UTF-8.
fn takes_text_as_bytes(r: &RTy) -> bool {
    matches!(r, RTy::Reader)
        || matches!(r, RTy::Slice(e) | RTy::Vec(e) | RTy::StaticSlice(e)
            if matches!(&**e, RTy::Int(n) if n == "u8"))
}

/// Whether a parameter is or holds a borrowed `str` (`&str`, `&'a str`, alphanumeric-
/// sort's `sort_str_slice::<&str>(slice: &mut [&str])`, which a list of Keyton strings,
/// a `Vec<String>`, cannot be).
fn is_str_ref(t: &kayton_manifest::RustType) -> bool {
    rty::parse(t, "").is_ok_and(|r| borrows_str(&r))
}

/// How wide an integer parameter is, widest (and `i64`, Keyton's own) first; 0 for a
/// parameter that is not an integer.
fn int_rank(t: &kayton_manifest::RustType) -> usize {
    const WIDEST_FIRST: &[&str] = &[
        "i64", "u64", "i128", "u128", "isize", "usize", "i32", "u32", "i16", "u16", "i8", "u8",
    ];
    let text = t.to_string();
    WIDEST_FIRST.iter().position(|n| *n == text).unwrap_or(0)
}

/// `path` (an alias's pattern, `euclid::Point2D<_, euclid::UnknownUnit>`) with its `_`s
/// filled by `args` in order: the bare path and all its arguments. Any other path is
/// returned with `args` as they are.
pub(super) fn fill_holes(path: String, args: Vec<String>) -> (String, Vec<String>) {
    let Some((bare, _)) = path.split_once('<') else {
        return (path, args);
    };
    let Some(pattern) = kayton_manifest::RustType::parse(&path).ok() else {
        return (path, args);
    };
    let mut given = args.into_iter();
    let filled: Vec<String> = pattern
        .as_path()
        .map(|p| p.type_args())
        .unwrap_or_default()
        .iter()
        .map(|a| match a.to_string().as_str() {
            "_" => given.next().unwrap_or_else(|| "_".into()),
            other => other.to_string(),
        })
        .collect();
    (bare.to_string(), filled.into_iter().chain(given).collect())
}

#[cfg(test)]
mod tests {
    use super::fill_holes;

    #[test]
    fn an_alias_pattern_takes_the_arguments_in_its_holes() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            fill_holes(
                "euclid::Point2D<_, euclid::UnknownUnit>".into(),
                s(&["f64"])
            ),
            ("euclid::Point2D".into(), s(&["f64", "euclid::UnknownUnit"]))
        );
        assert_eq!(
            fill_holes("geometry::Stack".into(), s(&["i64"])),
            ("geometry::Stack".into(), s(&["i64"]))
        );
    }
}
