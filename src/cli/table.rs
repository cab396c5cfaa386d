//! Plain-text tables: columns aligned by display width, so accents, CJK
//! and emoji line up, and every cell made safe to print.
//!
//! On a terminal a table fits its width: columns drop in the order the
//! command gives (as the app drops them on a narrow screen, empty columns
//! first), then the columns that may shrink are cut with an ellipsis.
//! Piped, it prints whole rows with tab-separated cells and no header
//! unless asked, for `cut`, `awk` and `sort`.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::model::text::for_terminal;

/// Where a table is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A terminal this many columns wide.
    Terminal { width: usize },
    /// A pipe or a file: whole rows, cells separated by tabs, the header
    /// line only when asked for.
    Piped { header: bool },
}

impl Layout {
    /// A terminal so wide that nothing is cut.
    #[cfg(test)]
    pub(crate) const WIDE: Layout = Layout::Terminal { width: usize::MAX };

    /// The layout for standard output: its terminal width, or piped.
    pub(crate) fn new(width: Option<usize>, header: bool) -> Self {
        match width {
            Some(width) => Layout::Terminal { width },
            None => Layout::Piped { header },
        }
    }
}

/// A table of text cells with a header row.
#[derive(Debug, Default)]
pub(crate) struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns aligned to the right (amounts, counts).
    right: Vec<usize>,
    /// Columns left out, in this order, when the terminal is too narrow.
    drops: Vec<usize>,
    /// Columns that may be cut, each down to its narrowest.
    shrink: Vec<(usize, usize)>,
}

/// The space between two columns.
const GAP: usize = 2;

impl Table {
    pub(crate) fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            ..Table::default()
        }
    }

    /// Aligns a column to the right.
    pub(crate) fn right(mut self, column: usize) -> Self {
        self.right.push(column);
        self
    }

    /// The columns to leave out, first to last, when a terminal is too
    /// narrow for all of them.
    pub(crate) fn drops(mut self, columns: &[usize]) -> Self {
        self.drops = columns.to_vec();
        self
    }

    /// Lets a column be cut, with an ellipsis, down to `min` wide.
    pub(crate) fn shrink(mut self, column: usize, min: usize) -> Self {
        self.shrink.push((column, min));
        self
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| for_terminal(&c, false)).collect());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table for where it is going.
    pub(crate) fn print(&self, out: &mut dyn Write, layout: Layout) -> io::Result<()> {
        match layout {
            Layout::Piped { header } => self.piped(out, header),
            Layout::Terminal { width } => self.aligned(out, width),
        }
    }

    fn piped(&self, out: &mut dyn Write, header: bool) -> io::Result<()> {
        if header {
            writeln!(out, "{}", self.headers.join("\t"))?;
        }
        for r in &self.rows {
            writeln!(out, "{}", r.join("\t"))?;
        }
        Ok(())
    }

    /// The columns kept and their widths, for a terminal `width` wide.
    fn fit(&self, width: usize) -> (Vec<usize>, Vec<usize>) {
        let n = self.headers.len();
        let mut natural: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                natural[i] = natural[i].max(c.width());
            }
        }
        let min = |i: usize| {
            self.shrink
                .iter()
                .find(|(c, _)| *c == i)
                .map_or(natural[i], |(_, m)| (*m).min(natural[i]))
        };
        let total = |cols: &[usize], w: &dyn Fn(usize) -> usize| {
            cols.iter().map(|&i| w(i)).sum::<usize>() + GAP * cols.len().saturating_sub(1)
        };
        let mut kept: Vec<usize> = (0..n).collect();
        // Columns with nothing in them go first, then the command's order.
        let empty = |i: usize| {
            self.rows
                .iter()
                .all(|r| r.get(i).is_none_or(String::is_empty))
        };
        let order = self
            .drops
            .iter()
            .filter(|&&i| empty(i))
            .chain(self.drops.iter().filter(|&&i| !empty(i)));
        for d in order {
            if total(&kept, &min) <= width {
                break;
            }
            kept.retain(|c| c != d);
        }
        let mut widths = natural.clone();
        let mut used = total(&kept, &|i| widths[i]);
        while used > width {
            // Cut the widest column that may still shrink, one at a time,
            // so the cuts spread over the columns that can take them.
            let Some(&i) = kept
                .iter()
                .filter(|&&i| widths[i] > min(i))
                .max_by_key(|&&i| widths[i] - min(i))
            else {
                break;
            };
            widths[i] -= 1;
            used -= 1;
        }
        (kept, widths)
    }

    fn aligned(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        let (kept, widths) = self.fit(width);
        let last = kept.last().copied();
        let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
            let mut s = String::new();
            for (k, &i) in kept.iter().enumerate() {
                if k > 0 {
                    s.push_str(&" ".repeat(GAP));
                }
                let c = fit(cells.get(i).copied().unwrap_or(""), widths[i]);
                let pad = widths[i].saturating_sub(c.width());
                if self.right.contains(&i) {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(&c);
                } else {
                    s.push_str(&c);
                    if Some(i) != last {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            writeln!(out, "{}", fit(s.trim_end(), width))
        };
        line(out, &self.headers)?;
        for r in &self.rows {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            line(out, &cells)?;
        }
        Ok(())
    }
}

/// `s` cut to `max` display columns, ending with an ellipsis when cut.
pub(crate) fn fit(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    crate::model::text::fit_width(s, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &Table, layout: Layout) -> String {
        let mut out = Vec::new();
        t.print(&mut out, layout).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn aligns_by_display_width_and_neutralises_controls() {
        let mut t = Table::new(&["NAME", "N"]).right(1);
        t.row(vec!["Côté".into(), "1".into()]);
        t.row(vec!["東京".into(), "10".into()]);
        t.row(vec!["bad\x1b[2J".into(), "3".into()]);
        assert_eq!(
            text(&t, Layout::WIDE),
            "NAME      N\nCôté      1\n東京     10\nbad\u{FFFD}[2J   3\n"
        );
    }

    #[test]
    fn piped_rows_are_whole_and_tab_separated() {
        let mut t = Table::new(&["NAME", "CITY"]);
        t.row(vec!["Plomberie Tremblay inc.".into(), "Laval".into()]);
        t.row(vec!["tab\there".into(), String::new()]);
        assert_eq!(
            text(&t, Layout::Piped { header: false }),
            "Plomberie Tremblay inc.\tLaval\ntab here\t\n"
        );
        assert!(text(&t, Layout::Piped { header: true }).starts_with("NAME\tCITY\n"));
    }

    #[test]
    fn a_narrow_terminal_drops_then_shrinks_columns() {
        let mut t = Table::new(&["NUMBER", "NAME", "PRODUCT", "LEAD"])
            .drops(&[2, 0])
            .shrink(1, 10)
            .shrink(3, 6);
        t.row(vec![
            "1001".into(),
            "Plomberie Tremblay et fils inc.".into(),
            "QuickBooks Online Plus".into(),
            "Marie-Ève Lévesque".into(),
        ]);
        let wide = text(&t, Layout::Terminal { width: 200 });
        assert!(wide.contains("QuickBooks Online Plus"), "{wide}");
        for width in [60, 40, 30, 20] {
            let out = text(&t, Layout::Terminal { width });
            for line in out.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
        }
        let at40 = text(&t, Layout::Terminal { width: 40 });
        assert!(!at40.contains("PRODUCT"), "{at40}");
        assert!(at40.contains("NUMBER"), "{at40}");
        let at30 = text(&t, Layout::Terminal { width: 30 });
        assert_eq!(
            at30,
            "NUMBER  NAME          LEAD\n1001    Plomberie T…  Marie-È…\n"
        );
        let at24 = text(&t, Layout::Terminal { width: 24 });
        assert!(!at24.contains("NUMBER"), "{at24}");
        assert_eq!(at24, "NAME           LEAD\nPlomberie Tr…  Marie-Èv…\n");
    }

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("Côté", 4), "Côté");
        assert_eq!(fit("Lévesque", 5), "Léve…");
        assert_eq!(fit("東京都", 4), "東…");
    }
}
