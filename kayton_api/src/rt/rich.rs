//! Rich output: values a notebook renders (HTML, Markdown, SVG, images, tables), and the
//! builtins that send them: `display`, `clear_output`, `input`; also the interrupt check
//! compiled loops make. A front end without rich display (the REPL, `keyton run`) shows
//! a value's `text/plain`.
use super::{Dict, KErr, KShow};
use crate::abi::{OUTPUT_CLEAR, OUTPUT_DISPLAY, OUTPUT_RESULT, OUTPUT_UPDATE};
use crate::ctx::Ctx;
use std::format;
use std::string::{String, ToString};
use std::sync::atomic::{AtomicU32, Ordering};
use std::vec::Vec;

/// A value with renderings by MIME type; `text/plain` is always there (first).
#[derive(Debug, Clone, PartialEq)]
pub struct Rich {
    bundle: Vec<(String, String)>,
}

impl Rich {
    /// A bundle of `text/plain` and one other rendering.
    pub fn with(mime: &str, content: String, plain: String) -> Rich {
        Rich {
            bundle: std::vec![
                ("text/plain".to_string(), plain),
                (mime.to_string(), content)
            ],
        }
    }
    /// A plugin type's renderings (`crate::MimeBundle`), with `plain` as its text.
    pub fn from_bundle(bundle: Vec<(String, String)>, plain: String) -> Rich {
        let mut all = std::vec![("text/plain".to_string(), plain)];
        all.extend(bundle.into_iter().filter(|(m, _)| m != "text/plain"));
        Rich { bundle: all }
    }
    pub fn text(plain: String) -> Rich {
        Rich {
            bundle: std::vec![("text/plain".to_string(), plain)],
        }
    }
    pub fn plain(&self) -> &str {
        &self.bundle[0].1
    }
    /// The bundle as a JSON object, as `KaytonApi::output` takes it.
    pub fn json(&self) -> String {
        let fields: Vec<String> = self
            .bundle
            .iter()
            .map(|(m, c)| format!("{}:{}", json_str(m), json_str(c)))
            .collect();
        format!("{{{}}}", fields.join(","))
    }
    /// The rendering of `mime`, if it has one.
    pub fn get(&self, mime: &str) -> Option<&str> {
        self.bundle
            .iter()
            .find(|(m, _)| m == mime)
            .map(|(_, c)| c.as_str())
    }
}

impl KShow for Rich {
    fn kshow(&self) -> String {
        self.plain().to_string()
    }
}

impl core::fmt::Display for Rich {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.plain())
    }
}

/// `html(s)`: its text form is the HTML source.
pub fn html(s: &str) -> Rich {
    Rich::with("text/html", s.to_string(), s.to_string())
}
/// `markdown(s)`.
pub fn markdown(s: &str) -> Rich {
    Rich::with("text/markdown", s.to_string(), s.to_string())
}
/// `svg(s)`.
pub fn svg(s: &str) -> Rich {
    Rich::with("image/svg+xml", s.to_string(), s.to_string())
}
/// `png(data)`: the image's bytes (Keyton's bytes; Jupyter carries them in base64).
pub fn png(data: &[i64]) -> Result<Rich, KErr> {
    image(data, "image/png", b"\x89PNG\r\n\x1a\n", "PNG")
}
/// `jpeg(data)`.
pub fn jpeg(data: &[i64]) -> Result<Rich, KErr> {
    image(data, "image/jpeg", b"\xff\xd8\xff", "JPEG")
}

fn image(data: &[i64], mime: &str, magic: &[u8], name: &str) -> Result<Rich, KErr> {
    let data: Vec<u8> = super::to_bytes(data.to_vec())?
        .into_iter()
        .map(|b| b as u8)
        .collect();
    if !data.starts_with(magic) {
        return Err(KErr::new(format!(
            "{}(): these {} bytes are not a {name} image (it starts with bytes {:02x?})",
            name.to_lowercase(),
            data.len(),
            &data[..data.len().min(magic.len())]
        )));
    }
    Ok(Rich::with(
        mime,
        base64(&data),
        format!("<{name} image, {} bytes>", data.len()),
    ))
}

/// What `plot`, `scatter`, `bar` and `hist` draw (the executor's `keyton_chart`).
pub struct ChartSpec<'a> {
    pub kind: &'a str,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub labels: Vec<String>,
    pub title: &'a str,
    pub xlabel: &'a str,
    pub ylabel: &'a str,
    pub bins: i64,
}

/// A chart as SVG, drawn by the host (plotters, in the executor): a cell links no
/// plotting library of its own.
pub fn chart(ctx: &Ctx<'_>, spec: ChartSpec<'_>) -> Result<Rich, KErr> {
    use crate::convert::Owned;
    let id = ctx
        .lookup_function("keyton_chart")
        .ok_or_else(|| KErr::new("charts need a Keyton host that draws them (keyton_chart)"))?;
    let points = spec.xs.len().max(spec.ys.len());
    let args = [
        Owned::Str(spec.kind.to_string()),
        Owned::VecF64(spec.xs),
        Owned::VecF64(spec.ys),
        Owned::from(spec.labels),
        Owned::Str(spec.title.to_string()),
        Owned::Str(spec.xlabel.to_string()),
        Owned::Str(spec.ylabel.to_string()),
        Owned::I64(spec.bins),
    ];
    let kv: Vec<_> = args.iter().map(Owned::as_kvalue).collect();
    // On failure the host raised the error shown (the helper's own message).
    let svg: String = ctx.call(id, &kv).map_err(KErr::new)?;
    let name = match spec.kind {
        "line" => "line chart",
        "scatter" => "scatter chart",
        "bar" => "bar chart",
        _ => "histogram",
    };
    let what = if spec.title.is_empty() {
        format!("<{name} of {points} values>")
    } else {
        format!("<{name} {:?} of {points} values>", spec.title)
    };
    Ok(Rich::with("image/svg+xml", svg, what))
}

/// `display(x)`: sent now, before whatever the cell prints after it.
pub fn display(ctx: &Ctx<'_>, value: &Rich) {
    ctx.output(OUTPUT_DISPLAY, &value.json(), "");
}

/// `display(x, display_id=…)` the first time, then `update_display(x, display_id=…)`.
pub fn display_as(ctx: &Ctx<'_>, value: &Rich, id: &str, update: bool) {
    let what = if update {
        OUTPUT_UPDATE
    } else {
        OUTPUT_DISPLAY
    };
    ctx.output(what, &value.json(), id);
}

/// The cell's result, when it is rich: its bundle goes with `set_result`'s text.
pub fn set_rich_result(ctx: &Ctx<'_>, value: &Rich) {
    ctx.output(OUTPUT_RESULT, &value.json(), "");
}

/// `clear_output(wait=False)`.
pub fn clear_output(ctx: &Ctx<'_>, wait: bool) {
    ctx.output(OUTPUT_CLEAR, if wait { "wait" } else { "" }, "");
}

/// `input(prompt)`: the line the user typed (without its newline).
pub fn input(ctx: &Ctx<'_>, prompt: &str, password: bool) -> Result<String, KErr> {
    // On `None` the host has raised the error shown; this message is not.
    ctx.read_input(prompt, password)
        .ok_or_else(|| KErr::new("input() failed"))
}

/// Counts Keyton function calls, so that the host is asked only now and then.
static CALLS: AtomicU32 = AtomicU32::new(0);

/// Asks the host whether to stop the cell (`KeyboardInterrupt`: Jupyter's interrupt,
/// Ctrl-C in the REPL). A loop calls it every 1024th iteration, counting in the cell
/// itself: asking at every iteration made a tight loop two and a half times the
/// instructions (the runtime is built at opt-level 0, as cells are).
pub fn tick(ctx: &Ctx<'_>) -> Result<(), KErr> {
    stop_check(ctx)
}

/// Made at each Keyton function call: every 16th asks the host, which also watches the
/// stack (a runaway recursion is a `RecursionError`, raised by the host, before the
/// stack overflows: 16 frames fit in the room it keeps).
pub fn enter(ctx: &Ctx<'_>) -> Result<(), KErr> {
    // A plain load and store: a cell runs on one thread, and a lost count only moves
    // the next check a little.
    let n = CALLS.load(Ordering::Relaxed).wrapping_add(1);
    CALLS.store(n, Ordering::Relaxed);
    if !n.is_multiple_of(16) {
        return Ok(());
    }
    stop_check(ctx)
}

fn stop_check(ctx: &Ctx<'_>) -> Result<(), KErr> {
    if ctx.take_interrupt() {
        // The host's own error (a `RecursionError`) wins over this one when it raised.
        return Err(KErr::new("KeyboardInterrupt"));
    }
    Ok(())
}

/// A list of dicts as a table: one row per dict, one column per key (in first-seen
/// order); a missing key is an empty cell. `show` gives a cell's text.
pub fn rows_table<V>(rows: &[Dict<String, V>], plain: String, show: impl Fn(&V) -> String) -> Rich {
    let mut cols: Vec<&String> = Vec::new();
    for r in rows {
        for (k, _) in r.iter() {
            if !cols.contains(&k) {
                cols.push(k);
            }
        }
    }
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| r.get(c).map(&show).unwrap_or_default())
                .collect()
        })
        .collect();
    let head: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
    Rich::with("text/html", html_table(&head, &body), plain)
}

/// A dict of lists as a table: one column per key; shorter columns end in empty cells.
pub fn columns_table<V>(
    cols: &Dict<String, Vec<V>>,
    plain: String,
    show: impl Fn(&V) -> String,
) -> Rich {
    let n = cols.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    let head: Vec<String> = cols.iter().map(|(k, _)| k.clone()).collect();
    let body: Vec<Vec<String>> = (0..n)
        .map(|i| {
            cols.iter()
                .map(|(_, v)| v.get(i).map(&show).unwrap_or_default())
                .collect()
        })
        .collect();
    Rich::with("text/html", html_table(&head, &body), plain)
}

fn html_table(head: &[String], body: &[Vec<String>]) -> String {
    let mut s = String::from("<table>\n<thead><tr>");
    for h in head {
        s.push_str(&format!("<th>{}</th>", escape_html(h)));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in body {
        s.push_str("<tr>");
        for c in row {
            s.push_str(&format!("<td>{}</td>", escape_html(c)));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>");
    s
}

pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// A JSON string literal. Written here because the runtime has no dependencies: it is
/// built offline on the user's machine from the sources embedded in `keyton`.
fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Standard base64 with padding (Jupyter's encoding of binary MIME data); here for the
/// same reason as `json_str`.
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                o.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_json() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(json_str("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
        let r = html("<b>x</b>");
        assert_eq!(
            r.json(),
            "{\"text/plain\":\"<b>x</b>\",\"text/html\":\"<b>x</b>\"}"
        );
    }

    #[test]
    fn tables_take_columns_in_first_seen_order() {
        let mut a = Dict::new();
        a.insert("x".to_string(), 1i64);
        let mut b = Dict::new();
        b.insert("y".to_string(), 2i64);
        b.insert("x".to_string(), 3i64);
        let t = rows_table(&[a, b], "p".into(), |v| v.to_string());
        assert_eq!(
            t.get("text/html").unwrap(),
            "<table>\n<thead><tr><th>x</th><th>y</th></tr></thead>\n<tbody>\n<tr><td>1</td><td></td></tr>\n<tr><td>3</td><td>2</td></tr>\n</tbody>\n</table>"
        );
        let ints = |b: &[u8]| b.iter().map(|x| i64::from(*x)).collect::<Vec<i64>>();
        assert!(png(&ints(b"nope")).is_err());
        let p = png(&ints(b"\x89PNG\r\n\x1a\nxx")).unwrap();
        assert_eq!(p.plain(), "<PNG image, 10 bytes>");
    }
}
