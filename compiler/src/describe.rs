//! What a notebook shows of a rimported item: its Rust signature and rustdoc text as
//! Markdown (Shift-Tab), and each completion's signature. Read from the manifests the
//! session has loaded, so it is exactly what the plugin binds.
use crate::manifest::{FnSig, Receiver};
use crate::session::Compiler;

/// `fn name(&self, a: A) -> R` as Rust writes it (`-> ()` left out).
pub fn rust_signature(f: &FnSig, name: &str) -> String {
    let mut ps: Vec<String> = Vec::new();
    match f.receiver {
        Some(Receiver::Ref) => ps.push("&self".into()),
        Some(Receiver::RefMut) => ps.push("&mut self".into()),
        Some(Receiver::Value) => ps.push("self".into()),
        None => {}
    }
    ps.extend(f.params.iter().map(|p| format!("{}: {}", p.name, p.ty)));
    let generics = if f.generics.is_empty() {
        String::new()
    } else {
        format!("<{}>", f.generics.join(", "))
    };
    let ret = f.ret.to_string();
    let ret = if ret == "()" {
        String::new()
    } else {
        format!(" -> {ret}")
    };
    format!("fn {name}{generics}({}){ret}", ps.join(", "))
}

fn markdown(code: &str, doc: &str) -> String {
    let doc = doc.trim();
    if doc.is_empty() {
        format!("```rust\n{code}\n```")
    } else {
        format!("```rust\n{code}\n```\n\n{doc}")
    }
}

impl Compiler {
    /// Markdown for the item at Rust `path`: its signature (a type's with its methods'
    /// signatures) in a Rust code block, then its documentation.
    pub fn describe_markdown(&self, path: &str) -> Option<String> {
        let m = self.state.manifests.get(path.split("::").next()?)?;
        if let Some(f) = m.function(path) {
            return Some(markdown(&rust_signature(f, path), &f.doc));
        }
        if let Some(t) = m.type_def(path) {
            let mut code = format!("type {path}");
            if !t.methods.is_empty() {
                code.push_str(" {\n");
                for f in &t.methods {
                    code.push_str(&format!("    {};\n", rust_signature(f, &f.name)));
                }
                code.push('}');
            }
            return Some(markdown(&code, &t.doc));
        }
        let t = m.trait_def(path)?;
        let mut code = format!("trait {path} {{\n");
        for f in &t.methods {
            code.push_str(&format!("    {};\n", rust_signature(f, &f.name)));
        }
        code.push('}');
        Some(markdown(&code, ""))
    }

    /// The methods named `name` of the types the session has rimported, as Markdown
    /// (Shift-Tab on `x.name`): one signature per type that has it.
    pub fn describe_method(&self, name: &str) -> Option<String> {
        let mut found: Vec<String> = Vec::new();
        let mut doc = String::new();
        for m in self.state.manifests.values() {
            for t in &m.types {
                for f in t.methods.iter().filter(|f| f.name == name) {
                    let sig = format!("{}: {}", t.path, rust_signature(f, name));
                    if !found.contains(&sig) {
                        found.push(sig);
                    }
                    if doc.is_empty() {
                        doc = f.doc.clone();
                    }
                }
            }
        }
        (!found.is_empty()).then(|| markdown(&found.join("\n"), &doc))
    }

    /// The signature a completion of `name` shows: a function or type of `path`'s
    /// module (`path::name`), else a method of that name.
    pub fn signature_of(&self, path: Option<&str>, name: &str) -> Option<String> {
        if let Some(p) = path {
            let full = format!("{p}::{name}");
            let m = self.state.manifests.get(full.split("::").next()?)?;
            // `Type.name`: its method or associated function.
            if let Some(f) = m
                .type_def(p)
                .and_then(|t| t.methods.iter().find(|f| f.name == name))
            {
                return Some(rust_signature(f, name));
            }
            if let Some(f) = m.function(&full) {
                return Some(rust_signature(f, &full));
            }
            if let Some(t) = m.type_def(&full) {
                let f = t.methods.iter().find(|f| f.name == name);
                return Some(f.map_or(full.clone(), |f| rust_signature(f, name)));
            }
        }
        self.state.manifests.values().find_map(|m| {
            m.types
                .iter()
                .find_map(|t| t.methods.iter().find(|f| f.name == name))
                .map(|f| rust_signature(f, name))
        })
    }
}
