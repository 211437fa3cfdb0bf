//! A Rust type a notebook renders: implemented by a plugin for its own types. A cell
//! that shows such a value (its result, `display(x)`) sends these renderings, with the
//! value's usual text as `text/plain`; the REPL shows only the text.
use alloc::string::String;
use alloc::vec::Vec;

/// Renderings by MIME type: `("text/html", "<b>…</b>")`, `("image/svg+xml", "<svg …")`,
/// `("text/markdown", …)`, or an image in base64 (`"image/png"`). The manifest lists
/// `MimeBundle` among a type's traits when it has this impl (found by `Probe`).
pub trait MimeBundle {
    fn mime_bundle(&self) -> Vec<(String, String)>;
}
