//! Client lists in and out: the import from a spreadsheet, a QuickBooks
//! export or cabinet's own JSON, and the export to CSV and JSON.
//!
//! Everything here goes through the firm API ([`crate::api::Firm`]), so it
//! works the same in process and through the firm server. An import is
//! read and checked whole before anything is written ([`plan`]), then
//! written in one transaction ([`crate::api::Firm::import`]): a file is
//! taken in whole or not at all.
//!
//! - [`input`]: a file to text as a stream (UTF-8, UTF-16, Windows-1252).
//! - [`columns`]: which field a header means, in English or French.
//! - [`csv_in`] and [`json_in`]: text to rows.
//! - [`plan`]: rows checked against the model and the firm; `row` turns
//!   a row into a client.
//! - [`export`]: the firm to CSV or JSON.

pub(crate) mod columns;
pub(crate) mod csv_in;
pub(crate) mod export;
pub(crate) mod input;
pub(crate) mod json_in;
pub(crate) mod plan;
pub(crate) mod report;
mod row;

pub(crate) use export::export_with;
pub use export::{ExportFormat, export};
pub use plan::{ImportOptions, NoProgress, OnDuplicate, import};
pub(crate) use plan::{Progress, import_from};
pub(crate) use report::{ImportReport, RowProblem, SkipReason};

use crate::api::ApiError;
use csv_in::Cell;
use json_in::ClientIn;
use report::Issue as RowIssue;

/// The characters that make a spreadsheet run a cell as a formula. An
/// export puts a `'` before a cell starting with one of them.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The largest file the import reads (512 MiB): about two million rows of
/// a QuickBooks export, far above any firm's client list, and low enough
/// that the firm server can hold the clients it is to write (see
/// [`crate::api::MAX_BULK_CLIENTS`]). A larger file is refused before it
/// is read.
pub const MAX_FILE: u64 = 512 * 1024 * 1024;

/// Why a file could not be imported or exported. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("the file is empty: it needs a header line, then one line per client")]
    Empty,

    #[error(
        "no column holds the client's name; the first line must be the column headers, with one such as Name, Display Name, Customer, Company or Nom (found: {})",
        found.join(", ")
    )]
    NoNameColumn { found: Vec<String> },

    #[error("the file says it is UTF-8 but byte {byte} is not; save it again as \"CSV UTF-8\"")]
    NotUtf8 { byte: usize },

    #[error(
        "the file says it is {encoding} but does not decode as such; save it again as \"CSV UTF-8\""
    )]
    Undecodable { encoding: &'static str },

    #[error("the CSV cannot be read: {0}")]
    Csv(String),

    /// Some lines are UTF-8 and others Windows-1252: reading the file one
    /// way would garble the other lines.
    #[error(
        "the file mixes two text encodings: lines {} are UTF-8 but lines {} are not; open it in a spreadsheet and save it again as \"CSV UTF-8\"",
        join_lines(utf8),
        join_lines(other)
    )]
    MixedEncoding { utf8: Vec<usize>, other: Vec<usize> },

    /// A quoted cell that never ends would swallow every row after it.
    #[error(
        "the quote that opens on line {line} is never closed, so every line after it would be read into one cell; close the quote or remove it"
    )]
    UnclosedQuote { line: usize },

    #[error(
        "the JSON cannot be read: line {line}, column {column}: {reason}; cabinet reads the array of clients that `cabinet export --format json` writes"
    )]
    Json {
        line: usize,
        column: usize,
        reason: String,
    },

    #[error("the file is {size} bytes; the import reads files up to {MAX_FILE} bytes")]
    TooLarge { size: u64 },

    #[error(transparent)]
    Api(#[from] ApiError),

    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Line numbers as a list: `2, 4, 7`.
pub(crate) fn join_lines(lines: &[usize]) -> String {
    lines
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of the file, as read.
#[derive(Debug)]
pub(crate) struct Draft {
    /// The line the row starts on (CSV), or the record's position (JSON).
    pub(crate) line: usize,
    body: Body,
    /// Problems found while reading the row.
    issues: Vec<RowIssue>,
}

#[derive(Debug)]
enum Body {
    Cells(Vec<Cell>),
    Record(Box<ClientIn>),
}

impl Draft {
    fn from_cells(line: usize, cells: Vec<Cell>, issues: Vec<RowIssue>) -> Self {
        Draft {
            line,
            body: Body::Cells(cells),
            issues,
        }
    }

    fn from_record(line: usize, record: ClientIn) -> Self {
        Draft {
            line,
            body: Body::Record(Box::new(record)),
            issues: Vec::new(),
        }
    }

    /// The row's non-empty cells, for a CSV row.
    pub(crate) fn cells(&self) -> Option<&[Cell]> {
        match &self.body {
            Body::Cells(c) => Some(c),
            Body::Record(_) => None,
        }
    }

    /// The record, for a JSON one.
    #[cfg(test)]
    pub(crate) fn record(&self) -> Option<&ClientIn> {
        match &self.body {
            Body::Record(r) => Some(r),
            Body::Cells(_) => None,
        }
    }
}
