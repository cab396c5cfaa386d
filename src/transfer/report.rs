//! What an import found and did, row by row, for people and for scripts.

use serde::Serialize;

use crate::model::Rule;

/// What was wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) enum RowProblem {
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
pub(crate) struct Issue {
    /// The line the row starts on (CSV) or the record's position (JSON).
    pub(crate) line: usize,
    /// The column's header as written in the file, when a column is at fault.
    pub(crate) column: Option<String>,
    /// The client field, e.g. `email`.
    pub(crate) field: String,
    pub(crate) problem: RowProblem,
    /// The problem in words.
    pub(crate) message: String,
    /// The value at fault as the file has it, cut short
    /// ([`VALUE_SHOWN`] characters at most); `None` when the problem is
    /// not one value's, or the value is a tax identifier.
    pub(crate) value: Option<String>,
}

/// How many characters of an offending value a problem shows.
pub(crate) const VALUE_SHOWN: usize = 40;

/// A value cut to [`VALUE_SHOWN`] characters, with `…` when it was longer.
pub(crate) fn cut_short(v: &str) -> String {
    if v.chars().count() <= VALUE_SHOWN {
        return v.to_owned();
    }
    let mut out: String = v.chars().take(VALUE_SHOWN - 1).collect();
    out.push('…');
    out
}

impl Issue {
    pub(crate) fn new(
        line: usize,
        column: Option<String>,
        field: &str,
        problem: RowProblem,
    ) -> Self {
        Issue {
            line,
            column,
            field: field.to_owned(),
            message: problem.to_string(),
            problem,
            value: None,
        }
    }
}

/// Why a valid row was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SkipReason {
    /// The firm already has this client and duplicates are skipped.
    Exists,
    /// Duplicates are updated, and the firm's record already says all this.
    Unchanged,
}

/// A valid row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Skip {
    pub(crate) line: usize,
    /// The client in the firm that the row matched.
    pub(crate) client: String,
    pub(crate) reason: SkipReason,
}

/// How a column was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ColumnUse {
    pub(crate) header: String,
    /// The field it fills, or `None` when the column is not read.
    pub(crate) field: Option<String>,
}

/// Everything an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// `csv` or `json`.
    pub(crate) format: &'static str,
    pub(crate) encoding: &'static str,
    /// The CSV delimiter found.
    pub(crate) delimiter: Option<char>,
    /// How rows are counted in `line`: `line` for CSV, `record` for JSON.
    pub(crate) unit: &'static str,
    pub(crate) columns: Vec<ColumnUse>,
    /// Rows read, blank rows aside.
    pub(crate) rows: usize,
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub(crate) invalid: usize,
    pub(crate) issues: Vec<Issue>,
    pub(crate) skips: Vec<Skip>,
    pub(crate) dry_run: bool,
    /// True when the firm was changed.
    pub written: bool,
    /// True when nothing was written because of invalid rows.
    pub(crate) refused: bool,
}
