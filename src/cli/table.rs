//! Plain-text tables for the terminal: columns aligned by display width,
//! so accents, CJK and emoji line up, and every cell made safe to print.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::model::text::for_terminal;

/// A table of text cells with a header row.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns aligned to the right (amounts, counts).
    right: Vec<usize>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
            right: Vec::new(),
        }
    }

    /// Aligns a column to the right.
    pub fn right(mut self, column: usize) -> Self {
        self.right.push(column);
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| for_terminal(&c, false)).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table; the last column is not padded.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(c.width());
            }
        }
        let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
            let mut s = String::new();
            for (i, c) in cells.enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                let pad = widths[i].saturating_sub(c.width());
                if self.right.contains(&i) {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    if i + 1 < n {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(out, &mut self.headers.iter().copied())?;
        for r in &self.rows {
            line(out, &mut r.iter().map(String::as_str))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width_and_neutralises_controls() {
        let mut t = Table::new(&["NAME", "N"]).right(1);
        t.row(vec!["Côté".into(), "1".into()]);
        t.row(vec!["東京".into(), "10".into()]);
        t.row(vec!["bad\x1b[2J".into(), "3".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "NAME      N\nCôté      1\n東京     10\nbad\u{FFFD}[2J   3\n"
        );
    }
}
