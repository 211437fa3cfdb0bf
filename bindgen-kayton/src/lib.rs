//! bindgen-kayton: a crate's rustdoc JSON → the Keyton manifest of its public API.
//!
//! This first cut binds what cells can call directly through the Rust ABI: public
//! structs and enums (pub fields, inherent non-generic methods, associated consts, the
//! Display/Debug/Clone/PartialEq they implement), free non-generic functions, and traits
//! with their methods and implementors. Everything skipped is counted with its reason.
mod render;

use keyton_compiler::manifest::{
    Const, FnSig, Manifest, Param, Receiver, TraitDef, TypeDef, MANIFEST_SCHEMA,
};
use render::Renderer;
use rustdoc_types::{Crate, Id, Item, ItemEnum, StructKind, Type, Visibility};
use std::collections::{BTreeMap, HashMap};

/// What was bound and what was skipped, by reason.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Coverage {
    pub bound: usize,
    pub skipped: BTreeMap<String, usize>,
}

impl Coverage {
    fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }
}

/// Parse rustdoc JSON, refusing a format this build does not read.
pub fn load(json: &str) -> Result<Crate, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not rustdoc JSON: {e}"))?;
    let found = v["format_version"].as_u64().unwrap_or(0) as u32;
    if found != rustdoc_types::FORMAT_VERSION {
        return Err(format!(
            "rustdoc JSON format_version {found}, but this bindgen reads format_version {} (rustdoc-types {}): use rustc 1.95.0",
            rustdoc_types::FORMAT_VERSION,
            "0.57"
        ));
    }
    serde_json::from_value(v)
        .map_err(|e| format!("rustdoc JSON does not match format {found}: {e}"))
}

/// The manifest of `krate` (its name as Rust spells it) from its rustdoc JSON.
pub fn manifest(krate: &Crate, name: &str, version: &str) -> (Manifest, Coverage) {
    let public = public_paths(krate, name);
    let r = Renderer {
        krate,
        public: &public,
        generics: &[],
    };
    let mut cov = Coverage::default();
    let mut m = Manifest {
        schema: MANIFEST_SCHEMA,
        krate: name.to_string(),
        version: version.to_string(),
        features: Vec::new(),
        fingerprint: String::new(),
        plugin_crate: None,
        functions: Vec::new(),
        types: Vec::new(),
        traits: Vec::new(),
    };
    let mut entries: Vec<(&String, &Id)> = public.iter().map(|(id, p)| (p, id)).collect();
    entries.sort();
    for (path, id) in entries {
        let Some(item) = krate.index.get(id) else {
            continue;
        };
        match &item.inner {
            ItemEnum::Function(_) => {
                if let Some(mut f) = function(&r, item, None, &mut cov) {
                    f.name = path.clone();
                    m.functions.push(f);
                }
            }
            ItemEnum::Struct(s) => {
                let fields = match &s.kind {
                    StructKind::Plain { fields, .. } => fields.clone(),
                    _ => Vec::new(),
                };
                m.types
                    .push(type_def(&r, path, &fields, &s.impls, item, &mut cov));
            }
            ItemEnum::Enum(e) => m
                .types
                .push(type_def(&r, path, &[], &e.impls, item, &mut cov)),
            ItemEnum::Trait(t) => {
                let methods = t
                    .items
                    .iter()
                    .filter_map(|i| krate.index.get(i))
                    .filter_map(|i| function(&r, i, Some(path), &mut cov))
                    .collect();
                let mut implemented_for: Vec<String> = t
                    .implementations
                    .iter()
                    .filter_map(|i| krate.index.get(i))
                    .filter_map(|i| r.implementor(i))
                    .collect();
                implemented_for.sort();
                implemented_for.dedup();
                m.traits.push(TraitDef {
                    path: path.clone(),
                    methods,
                    implemented_for,
                });
            }
            _ => {}
        }
    }
    (m, cov)
}

/// Every public path a user can write, by item id (re-exports included; the shortest wins).
fn public_paths(krate: &Crate, name: &str) -> HashMap<Id, String> {
    let mut out: HashMap<Id, String> = HashMap::new();
    let mut stack = vec![(krate.root, name.to_string())];
    let mut seen = std::collections::HashSet::new();
    while let Some((id, prefix)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(ItemEnum::Module(module)) = krate.index.get(&id).map(|i| &i.inner) else {
            continue;
        };
        for child in &module.items {
            let Some(item) = krate.index.get(child) else {
                continue;
            };
            if !matches!(item.visibility, Visibility::Public) {
                continue;
            }
            let (target, item_name) = match &item.inner {
                ItemEnum::Use(u) if !u.is_glob => match u.id {
                    Some(t) => (t, u.name.clone()),
                    None => continue,
                },
                _ => match &item.name {
                    Some(n) => (*child, n.clone()),
                    None => continue,
                },
            };
            let path = format!("{prefix}::{item_name}");
            if matches!(
                krate.index.get(&target).map(|i| &i.inner),
                Some(ItemEnum::Module(_))
            ) {
                stack.push((target, path));
                continue;
            }
            let better = out
                .get(&target)
                .is_none_or(|p| p.matches("::").count() > path.matches("::").count());
            if better {
                out.insert(target, path);
            }
        }
    }
    out
}

fn type_def(
    r: &Renderer,
    path: &str,
    fields: &[Id],
    impls: &[Id],
    item: &Item,
    cov: &mut Coverage,
) -> TypeDef {
    let mut t = TypeDef {
        path: path.to_string(),
        fields: Vec::new(),
        methods: Vec::new(),
        consts: Vec::new(),
        derives: Vec::new(),
        doc: item.docs.clone().unwrap_or_default(),
    };
    for f in fields.iter().filter_map(|f| r.krate.index.get(f)) {
        if let (ItemEnum::StructField(ty), Visibility::Public, Some(n)) =
            (&f.inner, &f.visibility, &f.name)
        {
            match r.ty(ty, path) {
                Ok(text) => t.fields.push(Param {
                    name: n.clone(),
                    ty: text,
                }),
                Err(why) => cov.skip(format!("field: {why}")),
            }
        }
    }
    for imp in impls.iter().filter_map(|i| r.krate.index.get(i)) {
        let ItemEnum::Impl(imp) = &imp.inner else {
            continue;
        };
        if let Some(tr) = &imp.trait_ {
            let last = tr.path.rsplit("::").next().unwrap_or(&tr.path);
            if ["Display", "Debug", "Clone", "PartialEq", "Index"].contains(&last)
                && imp.blanket_impl.is_none()
            {
                t.derives.push(last.to_string());
            }
            continue;
        }
        for it in imp.items.iter().filter_map(|i| r.krate.index.get(i)) {
            if !matches!(it.visibility, Visibility::Public) {
                continue;
            }
            match &it.inner {
                ItemEnum::Function(_) => {
                    if let Some(f) = function(r, it, Some(path), cov) {
                        t.methods.push(f);
                    }
                }
                ItemEnum::AssocConst { type_, .. } => match r.ty(type_, path) {
                    Ok(ty) => t.consts.push(Const {
                        name: it.name.clone().unwrap_or_default(),
                        ty,
                    }),
                    Err(why) => cov.skip(format!("const: {why}")),
                },
                _ => {}
            }
        }
    }
    t.derives.sort();
    t.derives.dedup();
    t
}

/// A function or method, if Keyton can call it; otherwise the reason is counted.
fn function(
    r: &Renderer,
    item: &Item,
    self_path: Option<&str>,
    cov: &mut Coverage,
) -> Option<FnSig> {
    let ItemEnum::Function(f) = &item.inner else {
        return None;
    };
    let name = item.name.clone()?;
    if f.header.is_unsafe {
        cov.skip("unsafe fn");
        return None;
    }
    if f.header.is_async {
        cov.skip("async fn (for now)");
        return None;
    }
    let mut generics = Vec::new();
    for p in &f.generics.params {
        match &p.kind {
            rustdoc_types::GenericParamDefKind::Lifetime { .. } => {}
            rustdoc_types::GenericParamDefKind::Type {
                is_synthetic: false,
                ..
            } => generics.push(p.name.clone()),
            _ => {
                cov.skip("impl Trait or const generic parameter");
                return None;
            }
        }
    }
    let r = &Renderer {
        krate: r.krate,
        public: r.public,
        generics: &generics,
    };
    let sp = self_path.unwrap_or("");
    let mut receiver = None;
    let mut params = Vec::new();
    for (i, (pname, ty)) in f.sig.inputs.iter().enumerate() {
        if i == 0 && pname == "self" {
            receiver = match ty {
                Type::Generic(g) if g == "Self" => Some(Receiver::Value),
                Type::BorrowedRef {
                    is_mutable: false, ..
                } => Some(Receiver::Ref),
                Type::BorrowedRef {
                    is_mutable: true, ..
                } => Some(Receiver::RefMut),
                _ => {
                    cov.skip("unsupported receiver");
                    return None;
                }
            };
            continue;
        }
        match r.ty(ty, sp) {
            Ok(t) => params.push(Param {
                name: pname.clone(),
                ty: t,
            }),
            Err(why) => {
                cov.skip(why);
                return None;
            }
        }
    }
    let ret = match &f.sig.output {
        None => "()".to_string(),
        Some(t) => match r.ty(t, sp) {
            Ok(t) => t,
            Err(why) => {
                cov.skip(why);
                return None;
            }
        },
    };
    cov.bound += 1;
    Some(FnSig {
        name,
        receiver,
        params,
        ret,
        generics,
        doc: item.docs.clone().unwrap_or_default(),
    })
}
