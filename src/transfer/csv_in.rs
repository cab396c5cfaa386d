//! Reading a CSV file into rows of cells.
//!
//! The delimiter is whichever of comma, semicolon or tab the header line
//! uses most (French Excel writes semicolons), unless the file starts
//! with Excel's `sep=;` line. Quoted cells may hold the delimiter, quotes
//! and line breaks. A cell that an export neutralised against formulas
//! (`'=…`) gets its value back.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use super::columns::{Columns, Target};
use super::report::{Issue, RowProblem};
use super::{Draft, TransferError};

/// One non-empty cell: its column and value.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub(crate) column: usize,
    pub(crate) target: Target,
    pub(crate) value: String,
}

/// A CSV file being read: its delimiter and columns, then its rows one
/// at a time, holding no more of the file than the row being read.
pub(crate) struct Rows {
    reader: csv::Reader<Lines>,
    window: Rc<RefCell<Window>>,
    /// The lines before the text the reader sees (a `sep=` line).
    offset: usize,
    headers: usize,
    record: csv::StringRecord,
    pub(crate) delimiter: u8,
    /// Each column's header and where its values go.
    pub(crate) columns: Vec<(String, Option<Target>)>,
}

/// Starts reading CSV text: `head`, the text's first bytes (enough to
/// hold the header line, as far as the delimiter goes), then `rest`.
/// Reads the header line.
pub(crate) fn open(head: Vec<u8>, rest: Box<dyn Read>) -> Result<Rows, TransferError> {
    let (skip, delimiter, offset) = {
        let start = String::from_utf8_lossy(&head);
        match sep_line(&start) {
            Some((_, d)) => (delimiter_line_len(&start), d, 1),
            None => (0, sniff(&start), 0),
        }
    };
    let window = Rc::new(RefCell::new(Window::default()));
    let lines = Lines {
        inner: Box::new(std::io::Cursor::new(head).chain(rest)),
        skip,
        window: Rc::clone(&window),
        quotes: Quotes::new(delimiter, 1 + offset),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(lines);
    let mut record = csv::StringRecord::new();
    let headers: Vec<String> = loop {
        if !reader.read_record(&mut record).map_err(csv_error)? {
            return Err(TransferError::Empty);
        }
        if record.iter().any(|c| !c.trim().is_empty()) {
            break record.iter().map(str::to_owned).collect();
        }
    };
    let columns = Columns::match_headers(&headers);
    if !columns.can_name() {
        return Err(TransferError::NoNameColumn {
            found: headers.iter().map(|h| h.trim().to_owned()).collect(),
        });
    }
    Ok(Rows {
        reader,
        window,
        offset,
        headers: headers.len(),
        record,
        delimiter,
        columns: columns.columns,
    })
}

impl Rows {
    /// The next non-blank row, or `None` at the end of the file.
    pub(crate) fn next_draft(&mut self) -> Option<Result<Draft, TransferError>> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => return Some(Err(csv_error(e))),
            }
            let r = &self.record;
            if r.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let start = r.position().map_or(0, |p| p.byte());
            let line = self.window.borrow_mut().line_at(start) + self.offset;
            let mut issues = Vec::new();
            let extra = r.len().saturating_sub(self.headers);
            if extra > 0 && r.iter().skip(self.headers).any(|c| !c.trim().is_empty()) {
                issues.push(Issue::new(
                    line,
                    None,
                    "row",
                    RowProblem::ExtraCells {
                        cells: r.len(),
                        columns: self.headers,
                    },
                ));
            }
            let cells = r
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let target = self.columns.get(i)?.1?;
                    let v = unneutralise(v.trim());
                    (!v.is_empty()).then(|| Cell {
                        column: i,
                        target,
                        value: v.to_owned(),
                    })
                })
                .collect();
            return Some(Ok(Draft::from_cells(line, cells, issues)));
        }
    }
}

/// A CSV reading error: text that does not decode, the file, or the CSV.
fn csv_error(e: csv::Error) -> TransferError {
    if let csv::ErrorKind::Io(io) = e.kind()
        && let Some(Unclosed(line)) = io.get_ref().and_then(|e| e.downcast_ref::<Unclosed>())
    {
        return TransferError::UnclosedQuote { line: *line };
    }
    if let csv::ErrorKind::Io(io) = e.kind()
        && let Some(encoding) = super::input::undecodable(io)
    {
        return TransferError::Undecodable { encoding };
    }
    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
        if let csv::ErrorKind::Io(io) = e.into_kind() {
            return TransferError::Io(io);
        }
        unreachable!("the kind was just checked");
    }
    TransferError::Csv(e.to_string())
}

/// The text as the CSV reader sees it (after any `sep=` line), keeping
/// the bytes the line counter has not passed yet.
struct Lines {
    inner: Box<dyn Read>,
    /// Bytes still to drop from the start (the `sep=` line).
    skip: usize,
    window: Rc<RefCell<Window>>,
    /// Where quoted cells open and close, to refuse one never closed.
    quotes: Quotes,
}

impl Read for Lines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.skip > 0 {
            let n = self.skip.min(buf.len());
            let got = self.inner.read(&mut buf[..n])?;
            if got == 0 {
                return Ok(0);
            }
            self.skip -= got;
        }
        let n = self.inner.read(buf)?;
        if n == 0
            && let Some(line) = self.quotes.unclosed()
        {
            // The reader would take every line after the quote as one
            // cell: an error instead, naming the line it opens on.
            return Err(std::io::Error::other(Unclosed(line)));
        }
        self.quotes.feed(&buf[..n]);
        self.window.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// A quote that opens on this line and is never closed.
#[derive(Debug)]
struct Unclosed(usize);

impl std::fmt::Display for Unclosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the quote that opens on line {} is never closed", self.0)
    }
}

impl std::error::Error for Unclosed {}

/// Follows quoted cells through the text as the reader sees it: a quote
/// opens a cell only at its start, and a doubled quote inside is a quote
/// character. Counts CRLF, LF and CR line ends alike.
#[derive(Debug)]
struct Quotes {
    delimiter: u8,
    line: usize,
    at_start: bool,
    quoted: bool,
    /// A quote inside a quoted cell: doubled, or the cell's end.
    quote_seen: bool,
    after_cr: bool,
    opened: usize,
}

impl Quotes {
    fn new(delimiter: u8, first_line: usize) -> Quotes {
        Quotes {
            delimiter,
            line: first_line,
            at_start: true,
            quoted: false,
            quote_seen: false,
            after_cr: false,
            opened: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let line_end = match b {
                b'\n' => {
                    if !self.after_cr {
                        self.line += 1;
                    }
                    true
                }
                b'\r' => {
                    self.line += 1;
                    true
                }
                _ => false,
            };
            self.after_cr = b == b'\r';
            if self.quoted {
                if self.quote_seen {
                    self.quote_seen = false;
                    if b == b'"' {
                        continue;
                    }
                    self.quoted = false;
                } else {
                    self.quote_seen = b == b'"';
                    continue;
                }
            }
            if line_end || b == self.delimiter {
                self.at_start = true;
            } else if b == b'"' && self.at_start {
                self.quoted = true;
                self.opened = self.line;
                self.at_start = false;
            } else {
                self.at_start = false;
            }
        }
    }

    /// The line a quote that is still open at the end opened on.
    fn unclosed(&self) -> Option<usize> {
        (self.quoted && !self.quote_seen).then_some(self.opened)
    }
}

/// Turns byte offsets into line numbers, counting CRLF, LF and CR line
/// ends alike, over the text read so far. The reader gives a record's
/// start before the rest of the previous line end, so line ends at the
/// offset are skipped first. Bytes the count has passed are let go.
#[derive(Debug)]
struct Window {
    /// The offset of `bytes[0]` in the text.
    base: u64,
    bytes: Vec<u8>,
    pos: u64,
    line: usize,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            base: 0,
            bytes: Vec::new(),
            pos: 0,
            line: 1,
        }
    }
}

impl Window {
    fn at(&self, byte: u64) -> Option<u8> {
        let i = byte.checked_sub(self.base)?;
        self.bytes.get(usize::try_from(i).ok()?).copied()
    }

    /// The line on which the record starting at `byte` starts; offsets
    /// must come in increasing order.
    fn line_at(&mut self, mut byte: u64) -> usize {
        while matches!(self.at(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let end = byte.min(self.base + self.bytes.len() as u64);
        for i in self.pos.max(self.base)..end {
            match self.at(i) {
                Some(b'\n') => self.line += 1,
                Some(b'\r') if self.at(i + 1) != Some(b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.pos = self.pos.max(byte);
        let passed = (self.pos - self.base) as usize;
        if passed > 1 << 20 {
            let k = passed.min(self.bytes.len());
            self.bytes.drain(..k);
            self.base += k as u64;
        }
        self.line
    }
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
pub(crate) fn unneutralise(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if super::export::is_risky(rest) => rest,
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV text's rows, read whole.
    #[derive(Debug)]
    struct Read {
        delimiter: Option<char>,
        drafts: Vec<Draft>,
    }

    fn read(text: &str) -> Result<Read, TransferError> {
        let mut rows = open(text.as_bytes().to_vec(), Box::new(std::io::empty()))?;
        let mut drafts = Vec::new();
        while let Some(d) = rows.next_draft() {
            drafts.push(d?);
        }
        Ok(Read {
            delimiter: Some(rows.delimiter as char),
            drafts,
        })
    }

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
        let s = read(text).unwrap();
        assert_eq!(s.delimiter, Some(','));
        assert_eq!(s.drafts.len(), 2);
        assert_eq!(s.drafts[0].line, 2);
        assert_eq!(s.drafts[1].line, 5);
        let lf = read(&text.replace("\r\n", "\n")).unwrap();
        assert_eq!([lf.drafts[0].line, lf.drafts[1].line], [2, 5]);
        let sep = read(&format!("sep=,\r\n{text}")).unwrap();
        assert_eq!([sep.drafts[0].line, sep.drafts[1].line], [3, 6]);
        let cells = s.drafts[0].cells().unwrap();
        assert_eq!(cells[0].value, "Côté, Marie");
        assert_eq!(cells[1].value, "two\r\nlines");
    }

    #[test]
    fn line_numbers_hold_far_into_a_long_file() {
        // Each row spans two lines; the counter lets go of what it passed.
        let mut text = String::from("Name,Notes\r\n");
        for i in 0..60_000 {
            text.push_str(&format!("Client {i},\"first\nsecond\"\r\n"));
        }
        let s = read(&text).unwrap();
        assert_eq!(s.drafts.len(), 60_000);
        for (i, d) in s.drafts.iter().enumerate() {
            assert_eq!(d.line, 2 + 2 * i, "row {i}");
        }
    }

    #[test]
    fn a_file_with_no_name_column_is_refused() {
        let e = read("Balance,Terms\n1,2\n").unwrap_err();
        assert!(e.to_string().contains("Balance, Terms"), "{e}");
        assert!(matches!(read("\n\n"), Err(TransferError::Empty)));
    }

    #[test]
    fn neutralised_cells_read_back() {
        assert_eq!(unneutralise("'=1+1"), "=1+1");
        assert_eq!(unneutralise("'+1 514 555 0199"), "+1 514 555 0199");
        assert_eq!(unneutralise("'Tis"), "'Tis");
    }

    #[test]
    fn an_unclosed_quote_is_refused_naming_its_line() {
        let e = read("Name,Notes\nA,\"oops\nB,x\nC,y\n").unwrap_err();
        assert!(matches!(e, TransferError::UnclosedQuote { line: 2 }), "{e}");
        let mut huge = String::from("Name,Notes\r\nA,x\r\nB,\"never");
        huge.push_str(&"\n".repeat(10_000));
        assert!(matches!(
            read(&huge),
            Err(TransferError::UnclosedQuote { line: 3 })
        ));
        let sep = read("sep=;\nNom;Notes\n\"A;x").unwrap_err();
        assert!(
            matches!(sep, TransferError::UnclosedQuote { line: 3 }),
            "{sep}"
        );
        // Quotes inside a cell, doubled quotes and quoted line breaks are fine.
        let ok = "Name,Notes\nO\"Brien,\"say \"\"hi\"\"\nthere\"\nB,x\n";
        assert_eq!(read(ok).unwrap().drafts.len(), 2);
    }
}
