//! Splitting a `.ky` file into cells (`# %%` lines) and reading the conformance
//! expectations written after each cell's code.

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The cell's text (expectation comments included: they are Keyton comments).
    pub code: String,
    /// 1-based line in the file where the cell starts.
    pub first_line: usize,
    pub prints: Vec<String>,
    pub result: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KyFile {
    pub requires: Vec<String>,
    pub cells: Vec<Cell>,
}

pub fn split(text: &str) -> KyFile {
    let mut file = KyFile::default();
    let mut cur = Cell {
        first_line: 1,
        ..Default::default()
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t == "# %%" {
            file.cells.push(std::mem::take(&mut cur));
            cur.first_line = i + 2;
            continue;
        }
        if let Some(r) = t.strip_prefix("# requires:") {
            file.requires.push(r.trim().to_string());
        } else if let Some(p) = expectation(t, "# >>>") {
            cur.prints.push(p);
        } else if let Some(p) = expectation(t, "# ==>") {
            cur.result = Some(p);
        } else if let Some(p) = expectation(t, "# !!!") {
            cur.error = Some(p);
        }
        cur.code.push_str(line);
        cur.code.push('\n');
    }
    if !cur.code.trim().is_empty() || cur.first_line == 1 {
        file.cells.push(cur);
    }
    file
}

fn expectation(line: &str, marker: &str) -> Option<String> {
    let rest = line.strip_prefix(marker)?;
    Some(rest.strip_prefix(' ').unwrap_or(rest).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cells_and_reads_expectations() {
        let f = split("# requires: rimport semver==1.0.26\nx = 1\nprint(x)\n# >>> 1\n# %%\nx\n# ==> 1\n# %%\ny\n# !!! y\n");
        assert_eq!(f.requires, ["rimport semver==1.0.26"]);
        assert_eq!(f.cells.len(), 3);
        assert_eq!(f.cells[0].prints, ["1"]);
        assert_eq!(f.cells[1].result.as_deref(), Some("1"));
        assert_eq!(f.cells[1].first_line, 6);
        assert_eq!(f.cells[2].error.as_deref(), Some("y"));
    }
}
