//! What an import found and did, row by row, for people and for scripts.

use serde::Serialize;

use crate::model::Rule;

/// What was wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RowProblem {
    /// A rule of the model, as `cabinet add` would report it.
    Rule(Rule),
    /// An earlier row of the file has the same name or number.
    SameAsLine { line: usize },
    /// More cells than the header has columns.
    ExtraCells { cells: usize, columns: usize },
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowProblem::Rule(r) => r.fmt(f),
            RowProblem::SameAsLine { line } => {
                write!(
                    f,
                    "is the same as on line {line}; each client must appear once"
                )
            }
            RowProblem::ExtraCells { cells, columns } => write!(
                f,
                "has {cells} cells but the header has {columns} columns; check the quotes around cells holding the delimiter"
            ),
        }
    }
}

/// One problem with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The line the row starts on (CSV) or the record's position (JSON).
    pub line: usize,
    /// The column's header as written in the file, when a column is at fault.
    pub column: Option<String>,
    /// The client field, e.g. `email`.
    pub field: String,
    pub problem: RowProblem,
    /// The problem in words.
    pub message: String,
    /// The value at fault as the file has it, cut short
    /// ([`VALUE_SHOWN`] characters at most); `None` when the problem is
    /// not one value's, or the value is a tax identifier.
    pub value: Option<String>,
}

/// How many characters of an offending value a problem shows.
pub const VALUE_SHOWN: usize = 40;

/// A value cut to [`VALUE_SHOWN`] characters, with `…` when it was longer.
pub fn cut_short(v: &str) -> String {
    if v.chars().count() <= VALUE_SHOWN {
        return v.to_owned();
    }
    let mut out: String = v.chars().take(VALUE_SHOWN - 1).collect();
    out.push('…');
    out
}

impl Issue {
    pub fn new(line: usize, column: Option<String>, field: &str, problem: RowProblem) -> Self {
        Issue {
            line,
            column,
            field: field.to_owned(),
            message: problem.to_string(),
            problem,
            value: None,
        }
    }

    /// The same problem, naming the value at fault.
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = Some(cut_short(value));
        self
    }
}

/// Why a valid row was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The firm already has this client and duplicates are skipped.
    Exists,
    /// Duplicates are updated, and the firm's record already says all this.
    Unchanged,
}

/// A valid row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    pub line: usize,
    /// The client in the firm that the row matched.
    pub client: String,
    pub reason: SkipReason,
}

/// How a column was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    pub header: String,
    /// The field it fills, or `None` when the column is not read.
    pub field: Option<String>,
}

/// Everything an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// `csv` or `json`.
    pub format: &'static str,
    pub encoding: &'static str,
    /// The CSV delimiter found.
    pub delimiter: Option<char>,
    /// How rows are counted in `line`: `line` for CSV, `record` for JSON.
    pub unit: &'static str,
    pub columns: Vec<ColumnUse>,
    /// Rows read, blank rows aside.
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub invalid: usize,
    pub issues: Vec<Issue>,
    pub skips: Vec<Skip>,
    pub dry_run: bool,
    /// True when the firm was changed.
    pub written: bool,
    /// True when nothing was written because of invalid rows.
    pub refused: bool,
}

impl ImportReport {
    /// Lines (or records) with at least one problem, in order.
    pub fn invalid_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.issues.iter().map(|i| i.line).collect();
        lines.dedup();
        lines
    }
}
