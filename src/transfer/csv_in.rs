//! Reading a CSV file into rows of cells.
//!
//! The delimiter is whichever of comma, semicolon or tab the header line
//! uses most (French Excel writes semicolons), unless the file starts
//! with Excel's `sep=;` line. Quoted cells may hold the delimiter, quotes
//! and line breaks. A cell that an export neutralised against formulas
//! (`'=…`) gets its value back.

use super::columns::{Columns, Target};
use super::report::{Issue, RowProblem};
use super::{Draft, Source, TransferError};

/// One non-empty cell: its column and value.
#[derive(Debug, Clone)]
pub struct Cell {
    pub column: usize,
    pub target: Target,
    pub value: String,
}

/// Reads CSV text into drafts, one per non-blank row.
pub fn read(text: &str, encoding: &'static str) -> Result<Source, TransferError> {
    // `offset` counts the lines before the text the reader sees.
    let (text, delimiter, offset) = match sep_line(text) {
        Some((rest, d)) => (rest, d, 1),
        None => (text, sniff(text), 0),
    };
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(TransferError::UnclosedQuote {
            line: line + offset,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = loop {
        match records.next() {
            None => return Err(TransferError::Empty),
            Some(r) => {
                let r = r.map_err(|e| TransferError::Csv(e.to_string()))?;
                if r.iter().any(|c| !c.trim().is_empty()) {
                    break r.iter().map(str::to_owned).collect();
                }
            }
        }
    };
    let columns = Columns::match_headers(&headers);
    if !columns.can_name() {
        return Err(TransferError::NoNameColumn {
            found: headers.iter().map(|h| h.trim().to_owned()).collect(),
        });
    }
    let mut drafts = Vec::new();
    let mut lines = LineCounter::default();
    for r in records {
        let r = r.map_err(|e| TransferError::Csv(e.to_string()))?;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let start = r.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_at(text.as_bytes(), start) + offset;
        let mut issues = Vec::new();
        let extra = r.len().saturating_sub(headers.len());
        if extra > 0 && r.iter().skip(headers.len()).any(|c| !c.trim().is_empty()) {
            issues.push(Issue::new(
                line,
                None,
                "row",
                RowProblem::ExtraCells {
                    cells: r.len(),
                    columns: headers.len(),
                },
            ));
        }
        let cells = r
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let target = columns.columns.get(i)?.1?;
                let v = unneutralise(v.trim());
                (!v.is_empty()).then(|| Cell {
                    column: i,
                    target,
                    value: v.to_owned(),
                })
            })
            .collect();
        drafts.push(Draft::from_cells(line, cells, issues));
    }
    Ok(Source {
        format: "csv",
        encoding,
        delimiter: Some(delimiter as char),
        columns: columns.columns,
        drafts,
    })
}

/// Turns byte offsets into line numbers, counting CRLF, LF and CR line
/// ends alike. The reader gives a record's start before the rest of the
/// previous line end, so line ends at the offset are skipped first.
#[derive(Debug)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter { pos: 0, line: 1 }
    }
}

impl LineCounter {
    /// The line on which the record starting at `byte` starts; offsets
    /// must come in increasing order.
    fn line_at(&mut self, text: &[u8], mut byte: usize) -> usize {
        while matches!(text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        for i in self.pos..byte.min(text.len()) {
            match text[i] {
                b'\n' => self.line += 1,
                b'\r' if text.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.pos = self.pos.max(byte);
        self.line
    }
}

/// The line on which a quoted cell opens and never closes, if one does.
/// A quote opens a cell only at its start, as the reader treats it; a
/// doubled quote inside is a quote character.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut line = 1;
    let mut at_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if at_start && c == b'"' {
            let opened = line;
            i += 1;
            loop {
                match b.get(i) {
                    None => return Some(opened),
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break,
                    Some(b'\n') => {
                        line += 1;
                        i += 1;
                    }
                    Some(b'\r') => {
                        if b.get(i + 1) != Some(&b'\n') {
                            line += 1;
                        }
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
            at_start = false;
            i += 1;
            continue;
        }
        match c {
            b'\n' => {
                line += 1;
                at_start = true;
            }
            b'\r' => {
                if b.get(i + 1) != Some(&b'\n') {
                    line += 1;
                }
                at_start = true;
            }
            c if c == delimiter => at_start = true,
            _ => at_start = false,
        }
        i += 1;
    }
    None
}

/// Excel's `sep=;` first line, which names the delimiter.
fn sep_line(text: &str) -> Option<(&str, u8)> {
    let n = delimiter_line_len(text);
    if n == 0 {
        return None;
    }
    let d = text.as_bytes()[4];
    Some((&text[n..], d))
}

/// The length of a leading `sep=X` line with its line break, or 0.
fn delimiter_line_len(text: &str) -> usize {
    let b = text.as_bytes();
    if b.len() >= 5 && b[..4].eq_ignore_ascii_case(b"sep=") && matches!(b[4], b',' | b';' | b'\t') {
        let rest = &b[5..];
        if rest.starts_with(b"\r\n") {
            return 7;
        }
        if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
            return 6;
        }
    }
    0
}

/// The delimiter the header line uses most, outside quotes; comma when
/// there is no telling.
fn sniff(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
    match best {
        Some(i) if counts[i] > 0 => delimiters[i],
        _ => b',',
    }
}

/// Undoes an export's protection of a cell against formulas: `'=SUM(A1)`
/// reads back as `=SUM(A1)`.
pub fn unneutralise(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if super::export::is_risky(rest) => rest,
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff("Nom;Courriel;Ville\r\na;b;c"), b';');
        assert_eq!(sniff("Name,Email\n"), b',');
        assert_eq!(sniff("\"Name;x\",Email,City\n"), b',');
        assert_eq!(sniff("Name\tEmail\n"), b'\t');
        assert_eq!(sniff("Name\n"), b',');
        assert_eq!(sep_line("sep=;\r\nNom;Ville").unwrap(), ("Nom;Ville", b';'));
    }

    #[test]
    fn quoted_cells_line_numbers_and_blank_rows() {
        let text = "Name,Notes,City\r\n\"Côté, Marie\",\"two\r\nlines\",Laval\r\n,,\r\nAlpha,,\r\n";
        let s = read(text, "UTF-8").unwrap();
        assert_eq!(s.delimiter, Some(','));
        assert_eq!(s.drafts.len(), 2);
        assert_eq!(s.drafts[0].line, 2);
        assert_eq!(s.drafts[1].line, 5);
        let lf = read(&text.replace("\r\n", "\n"), "UTF-8").unwrap();
        assert_eq!([lf.drafts[0].line, lf.drafts[1].line], [2, 5]);
        let sep = read(&format!("sep=,\r\n{text}"), "UTF-8").unwrap();
        assert_eq!([sep.drafts[0].line, sep.drafts[1].line], [3, 6]);
        let cells = s.drafts[0].cells().unwrap();
        assert_eq!(cells[0].value, "Côté, Marie");
        assert_eq!(cells[1].value, "two\r\nlines");
    }

    #[test]
    fn a_file_with_no_name_column_is_refused() {
        let e = read("Balance,Terms\n1,2\n", "UTF-8").unwrap_err();
        assert!(e.to_string().contains("Balance, Terms"), "{e}");
        assert!(matches!(read("\n\n", "UTF-8"), Err(TransferError::Empty)));
    }

    #[test]
    fn neutralised_cells_read_back() {
        assert_eq!(unneutralise("'=1+1"), "=1+1");
        assert_eq!(unneutralise("'+1 514 555 0199"), "+1 514 555 0199");
        assert_eq!(unneutralise("'Tis"), "'Tis");
    }

    #[test]
    fn an_unclosed_quote_is_refused_naming_its_line() {
        let e = read("Name,Notes\nA,\"oops\nB,x\nC,y\n", "UTF-8").unwrap_err();
        assert!(matches!(e, TransferError::UnclosedQuote { line: 2 }), "{e}");
        let mut huge = String::from("Name,Notes\r\nA,x\r\nB,\"never");
        huge.push_str(&"\n".repeat(10_000));
        assert!(matches!(
            read(&huge, "UTF-8"),
            Err(TransferError::UnclosedQuote { line: 3 })
        ));
        let sep = read("sep=;\nNom;Notes\n\"A;x", "UTF-8").unwrap_err();
        assert!(
            matches!(sep, TransferError::UnclosedQuote { line: 3 }),
            "{sep}"
        );
        // Quotes inside a cell, doubled quotes and quoted line breaks are fine.
        let ok = "Name,Notes\nO\"Brien,\"say \"\"hi\"\"\nthere\"\nB,x\n";
        assert_eq!(read(ok, "UTF-8").unwrap().drafts.len(), 2);
    }
}
