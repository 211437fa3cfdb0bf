//! Which libraries each loaded plugin gives the session's cells. Every cell links every
//! loaded plugin, and rustc links a library once: two plugins that both contain
//! `memchr` (regex's and csv's) cannot be linked by one cell. A plugin rimported after
//! one it shares libraries with is therefore built linked against it (its plugin is a
//! dependency of the new one), and takes those libraries from it instead of containing
//! them again.
use std::path::PathBuf;

/// A loaded plugin: its crate, its library, and the libraries it contains itself.
struct Loaded {
    krate: String,
    plugin_crate: String,
    dylib: PathBuf,
    provides: Vec<String>,
}

#[derive(Default)]
pub struct Links {
    loaded: Vec<Loaded>,
}

impl Links {
    /// The loaded plugins (plugin crate, dylib) that contain a library of `linked`: those
    /// a new plugin must be linked against.
    pub fn sharing(&self, linked: &[String]) -> Vec<(String, PathBuf)> {
        self.loaded
            .iter()
            .filter(|l| l.provides.iter().any(|x| linked.contains(x)))
            .map(|l| (l.plugin_crate.clone(), l.dylib.clone()))
            .collect()
    }

    /// `dylibs` (an installed plugin's chain) as a chain of loaded plugins, if every one
    /// is loaded, in the order [`Links::sharing`] gives.
    pub fn loaded_chain(&self, dylibs: &[PathBuf]) -> Option<Vec<(String, PathBuf)>> {
        let chain: Vec<(String, PathBuf)> = self
            .loaded
            .iter()
            .filter(|l| dylibs.contains(&l.dylib))
            .map(|l| (l.plugin_crate.clone(), l.dylib.clone()))
            .collect();
        (!dylibs.is_empty() && chain.len() == dylibs.len()).then_some(chain)
    }

    /// The crates of the plugins in `chain`, for messages.
    pub fn crates_of(&self, chain: &[(String, PathBuf)]) -> Vec<String> {
        self.loaded
            .iter()
            .filter(|l| chain.iter().any(|(_, d)| *d == l.dylib))
            .map(|l| format!("`{}`", l.krate))
            .collect()
    }

    /// The libraries the plugin of `krate` (linking `linked`, built against `chain`)
    /// contains itself; an error, before anything is loaded, if one is contained by a
    /// loaded plugin too.
    pub fn check(
        &self,
        krate: &str,
        linked: &[String],
        chain: &[(String, PathBuf)],
    ) -> Result<Vec<String>, String> {
        let from_chain = |x: &String| {
            self.loaded
                .iter()
                .filter(|l| chain.iter().any(|(_, d)| *d == l.dylib))
                .any(|l| l.provides.contains(x))
        };
        let provides: Vec<String> = linked.iter().filter(|x| !from_chain(x)).cloned().collect();
        for other in &self.loaded {
            let shared: Vec<&str> = provides
                .iter()
                .filter(|l| other.provides.contains(l))
                .map(String::as_str)
                .collect();
            if !shared.is_empty() {
                return Err(format!(
                    "cannot rimport `{krate}` in this session: its plugin and `{}`'s both contain {}, \
                     and a cell can link a library only once; use `{krate}` in a session of its own",
                    other.krate,
                    shared.join(", ")
                ));
            }
        }
        Ok(provides)
    }

    pub fn add(&mut self, krate: &str, plugin_crate: &str, dylib: PathBuf, provides: Vec<String>) {
        self.loaded.push(Loaded {
            krate: krate.to_string(),
            plugin_crate: plugin_crate.to_string(),
            dylib,
            provides,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn libs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_plugin_built_against_another_takes_the_shared_libraries_from_it() {
        let mut links = Links::default();
        let regex = PathBuf::from("/dlls/regex/libkayton_rplugin__regex.so");
        links.add(
            "regex",
            "kayton_rplugin__regex",
            regex.clone(),
            libs(&["memchr@2", "regex@1"]),
        );
        let csv = libs(&["memchr@2", "csv@1"]);
        let chain = links.sharing(&csv);
        assert_eq!(chain, vec![("kayton_rplugin__regex".to_string(), regex)]);
        assert_eq!(links.crates_of(&chain), vec!["`regex`"]);
        // Unchained, the shared library would be linked twice: refused.
        let err = links.check("csv", &csv, &[]).unwrap_err();
        assert!(err.contains("both contain memchr@2"), "{err}");
        // Chained, csv's plugin contains only what regex's does not.
        assert_eq!(links.check("csv", &csv, &chain).unwrap(), libs(&["csv@1"]));
        assert!(links.sharing(&libs(&["itoa@1"])).is_empty());
        // An installed chain is used again only when all its plugins are loaded.
        let regex_dylib = chain[0].1.clone();
        assert_eq!(links.loaded_chain(&[regex_dylib]), Some(chain));
        assert_eq!(links.loaded_chain(&[PathBuf::from("/dlls/other.so")]), None);
        assert_eq!(links.loaded_chain(&[]), None);
    }
}
