//! Type aliases of numbers, written as the number (`RowNum` is `u32`), and those whose
//! target is a `Result`, written out so that a cell raises their
//! `Err` (`serde_json::Result<T>`, `pub type R = Result<usize, E>`, aliases of such
//! aliases with defaulted parameters), and the one rule for binding a generic's type
//! parameters to the arguments given and then to their defaults.

use std::collections::HashMap;

use rustdoc_types::{GenericArg, GenericArgs, GenericParamDefKind, Generics, ItemEnum, Type};

use crate::render::Renderer;

/// The first `take` type parameters of `generics` bound to `args`, then to their
/// defaults rendered with the parameters before them bound (`Res<T, E = Error>` written
/// `Res<usize>`; lru's `S = DefaultHasher`): the arguments in order and the bindings,
/// or `None` if a parameter has neither an argument nor a default that renders.
pub(crate) fn bind_with_defaults(
    r: &Renderer,
    generics: &Generics,
    args: &[String],
    take: usize,
    self_path: &str,
) -> Option<(Vec<String>, HashMap<String, String>)> {
    let params = generics.params.iter().filter_map(|g| match &g.kind {
        GenericParamDefKind::Type { default, .. } => Some((&g.name, default)),
        _ => None,
    });
    let mut bound = HashMap::new();
    let mut out = Vec::new();
    for (i, (name, default)) in params.enumerate().take(take) {
        let text = match args.get(i) {
            Some(a) => a.clone(),
            None => {
                let inner = Renderer {
                    bound: &bound,
                    ..*r
                };
                inner.ty(default.as_ref()?, self_path).ok()?
            }
        };
        bound.insert(name.to_string(), text.clone());
        out.push(text);
    }
    Some((out, bound))
}

/// The type parameters of `alias`, each bound to its argument or default.
fn alias_bindings(
    r: &Renderer,
    alias: &rustdoc_types::TypeAlias,
    args: &[String],
    self_path: &str,
) -> Option<HashMap<String, String>> {
    let count = alias
        .generics
        .params
        .iter()
        .filter(|g| matches!(g.kind, GenericParamDefKind::Type { .. }))
        .count();
    if args.len() > count {
        return None;
    }
    bind_with_defaults(r, &alias.generics, args, count, self_path).map(|(_, b)| b)
}

/// The default of the alias parameter `t` names (`E` of ron's `Result<T, E = Error>`),
/// rendered: what `ron::Result<String>` means.
fn alias_default(
    r: &Renderer,
    alias: &rustdoc_types::TypeAlias,
    t: &Type,
    self_path: &str,
) -> Result<String, String> {
    let Type::Generic(name) = t else {
        return Err("not a parameter".into());
    };
    alias
        .generics
        .params
        .iter()
        .find_map(|g| match &g.kind {
            GenericParamDefKind::Type {
                default: Some(d), ..
            } if &g.name == name => Some(r.ty(d, self_path)),
            _ => None,
        })
        .unwrap_or_else(|| Err(format!("`{name}` has no default")))
}

/// The type arguments among `args`.
fn types(args: &Option<Box<GenericArgs>>) -> Option<Vec<&Type>> {
    match args.as_deref() {
        Some(GenericArgs::AngleBracketed { args, .. }) => Some(
            args.iter()
                .filter_map(|a| match a {
                    GenericArg::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        _ => None,
    }
}

impl Renderer<'_> {
    /// `p` (given the rendered `args`) as the `Result` it is an alias of, or `None` if
    /// it is not an alias of a `Result`.
    pub(crate) fn result_alias(
        &self,
        p: &rustdoc_types::Path,
        args: &[String],
        self_path: &str,
    ) -> Option<Result<String, String>> {
        let Some(ItemEnum::TypeAlias(a)) = self.krate.index.get(&p.id).map(|i| &i.inner) else {
            return self.unread_result_alias(p, args);
        };
        // An alias of a number (rust_xlsxwriter's `pub type RowNum = u32`): the number,
        // which a cell's int converts to (checked) like any other.
        if let Type::Primitive(prim) = &a.type_ {
            return Some(Ok(prim.clone()));
        }
        let Type::ResolvedPath(target) = &a.type_ else {
            return None;
        };
        let tc = self
            .krate
            .paths
            .get(&target.id)
            .map(|s| s.path.join("::"))
            .unwrap_or_default();
        if tc == "core::result::Result" && args.len() == 1 {
            let Some(&e) = types(&target.args).as_ref().and_then(|ts| ts.get(1)) else {
                return Some(Err("unsupported type".into()));
            };
            let err = self
                .ty(e, self_path)
                .or_else(|_| alias_default(self, a, e, self_path))
                .unwrap_or_else(|_| "_".into());
            return Some(Ok(format!("Result<{}, {err}>", args[0])));
        }
        // Any other alias of `Result` (`pub type R = Result<usize, E>`, `Res<T, E =
        // Error>`): written out, so its `Err` raises.
        if tc == "core::result::Result" {
            if let Some(bound) = alias_bindings(self, a, args, self_path) {
                let inner = Renderer {
                    bound: &bound,
                    generics: &[],
                    ..*self
                };
                if let Some([ok, err]) = types(&target.args).as_deref() {
                    let ok = match inner.ty(ok, self_path) {
                        Ok(t) => t,
                        Err(e) => return Some(Err(e)),
                    };
                    let err = inner.ty(err, self_path).unwrap_or_else(|_| "_".into());
                    return Some(Ok(format!("Result<{ok}, {err}>")));
                }
            }
        }
        // An alias of such an alias (evalexpr's `EvalexprResultValue<NT = …> =
        // EvalexprResult<Value<NT>, NT>`): its target, if a `Result`.
        if matches!(
            self.krate.index.get(&target.id).map(|i| &i.inner),
            Some(ItemEnum::TypeAlias(_))
        ) {
            let bound = alias_bindings(self, a, args, self_path)?;
            let inner = Renderer {
                bound: &bound,
                generics: &[],
                ..*self
            };
            if let Ok(t) = inner.ty(&a.type_, self_path) {
                if t.starts_with("Result<") {
                    return Some(Ok(t));
                }
            }
        }
        None
    }
}

impl Renderer<'_> {
    /// A `Result<T>` alias of a crate whose JSON was not read (lexical's, re-exported from
    /// `lexical-util`): nothing is known of it but its name. A one-parameter alias named
    /// `Result` is `Result<T, Error>` by convention, with the `Error` of the same crate
    /// that the bound crate re-exports (`lexical::Error`); without one, it stays unbound.
    fn unread_result_alias(
        &self,
        p: &rustdoc_types::Path,
        args: &[String],
    ) -> Option<Result<String, String>> {
        let summary = self.krate.paths.get(&p.id)?;
        let (Some(krate), Some(last)) = (summary.path.first(), summary.path.last()) else {
            return None;
        };
        if summary.crate_id == 0
            || summary.kind != rustdoc_types::ItemKind::TypeAlias
            || last != "Result"
            || args.len() != 1
        {
            return None;
        }
        let mut errors = self
            .foreign
            .iter()
            .filter(|(canonical, _)| {
                canonical.starts_with(&format!("{krate}::")) && canonical.ends_with("::Error")
            })
            .map(|(_, public)| public);
        let (Some(err), None) = (errors.next(), errors.next()) else {
            return None;
        };
        Some(Ok(format!("Result<{}, {err}>", args[0])))
    }
}
