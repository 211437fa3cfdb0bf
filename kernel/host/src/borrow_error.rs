//! A cell that keeps a value borrowing another of its values (roxmltree's `elem =
//! [n for n in doc.descendants() …][0]`: a `Node` that borrows `doc`) is rejected by
//! rustc's borrow checker, not by Keyton's. The session first runs the cell again with
//! that value kept in the cell only (`Session::run_compiled`); if rustc still refuses,
//! that is the user's program, not a compiler bug: it is said as a Keyton error at the
//! cell's line, naming the value borrowed.

/// The Keyton error for rustc's first error in `stderr`, if it is a borrow of a cell
/// value that outlives it; `source` is the generated Rust, `src` the cell.
pub fn borrow_error(stderr: &str, source: &str) -> Option<(usize, String)> {
    let mut lines = stderr.lines();
    let first = lines.find(|l| l.starts_with("error"))?;
    let code = ["E0597", "E0505", "E0716", "E0506", "E0521"]
        .into_iter()
        .find(|c| first.starts_with(&format!("error[{c}]")))?;
    let at = lines.find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let offset = offset_of(source, line, col)?;
    let keyton_line = keyton_line_before(&source[..offset])?;
    let value = first
        .split('`')
        .nth(1)
        .and_then(|v| v.strip_prefix(keyton_compiler::lower::VAR_PREFIX))
        .filter(|v| v.chars().all(|c| c.is_alphanumeric() || c == '_'));
    // A function that keeps its argument (`R: Read + 'static`) cannot take a borrowed
    // one: that is not about what the cell keeps, and says so.
    let needs_static = first_block(stderr).contains("lasts for `'static`");
    let msg = match (code, value) {
        _ if needs_static => "an argument here borrows a value that ends with the statement, but the function keeps it for good (`'static`): pass an owned value (a string, not a literal list of bytes)".to_string(),
        ("E0716", _) | (_, None) => "this keeps a value that borrows a temporary value, which ends with the statement: use it in the same expression that made it".to_string(),
        (_, Some(v)) => format!(
            "this keeps a value that borrows from `{v}`, which Keyton cannot keep beside `{v}`: use it in the same expression (`[n.name() for n in {v}.items()]`), or keep what you need from it (a string, a number)"
        ),
    };
    Some((
        keyton_line,
        format!("{msg} (Rust's borrow checker, {code})"),
    ))
}

/// rustc's first error with its notes, up to the next error or warning.
fn first_block(stderr: &str) -> String {
    let mut out = String::new();
    for l in stderr.lines().skip_while(|l| !l.starts_with("error")) {
        if !out.is_empty() && (l.starts_with("error") || l.starts_with("warning")) {
            break;
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The byte offset of (1-based) `line` and `col` in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let l = text[start..].split('\n').next()?;
    let within = l
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(l.len(), |(i, _)| i);
    Some(start + within)
}

/// The Keyton line of the statement whose code comes last before the end of `before`
/// (each statement's code starts with `kayton::rt::at(N)`).
fn keyton_line_before(before: &str) -> Option<usize> {
    let i = before.rfind("kayton::rt::at(")?;
    let rest = &before[i + "kayton::rt::at(".len()..];
    rest[..rest.find(')')?].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::borrow_error;

    #[test]
    fn a_kept_borrow_is_a_keyton_error_at_its_line() {
        let source = "fn f() {\n    kayton::rt::at(2);\n    let d = x();\n    kayton::rt::at(4);\n    let e = v_doc.first();\n}\n";
        let stderr =
            "error[E0597]: `v_doc` does not live long enough\n  --> /tmp/c.rs:5:13\n   |\n";
        let (line, msg) = borrow_error(stderr, source).expect("a borrow error");
        assert_eq!(line, 4);
        assert!(msg.contains("borrows from `doc`"), "{msg}");
        assert!(msg.ends_with("(Rust's borrow checker, E0597)"), "{msg}");
    }

    #[test]
    fn an_argument_kept_for_good_is_said_as_such() {
        let source = "kayton::rt::at(3);\n    f(&[1u8][..]);\n";
        let stderr = "error[E0716]: temporary value dropped while borrowed\n  --> /tmp/c.rs:2:8\n   |\n   = note: argument requires that borrow lasts for `'static`\n";
        let (line, msg) = borrow_error(stderr, source).expect("a borrow error");
        assert_eq!(line, 3);
        assert!(msg.contains("keeps it for good"), "{msg}");
    }

    #[test]
    fn other_errors_are_not_borrow_errors() {
        let stderr = "error[E0308]: mismatched types\n  --> /tmp/c.rs:1:1\n";
        assert!(borrow_error(stderr, "kayton::rt::at(1);").is_none());
    }
}
