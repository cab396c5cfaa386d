//! Checking every row against the model and the firm, then writing the
//! whole file in one transaction.
//!
//! A row becomes a new client, an update of an existing one, a skipped
//! duplicate, or an invalid row. Duplicates are recognised by client
//! number, then by name (names are unique ignoring case). With any
//! invalid row nothing is written, unless invalid rows are to be skipped.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::report::{ColumnUse, ImportReport, Issue, RowProblem, Skip, SkipReason};
use super::row::Row;
use super::{Source, TransferError};
use crate::api::Firm;
use crate::model::field::diff;
use crate::model::{Client, ClientId, Rule, ViewQuery, validate_change, validate_client};

/// What to do with a row for a client the firm already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// The row is an error: nothing is imported unless invalid rows are skipped.
    #[default]
    Fail,
    /// The row is left out and the firm's record kept as it is.
    Skip,
    /// The firm's record takes the row's non-empty cells (a JSON record
    /// replaces it whole). Empty cells never erase anything.
    Update,
}

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Check and report, write nothing.
    pub dry_run: bool,
    pub on_duplicate: OnDuplicate,
    /// Import the valid rows even when some are invalid.
    pub skip_invalid: bool,
}

/// Hears how far an import has got, to show a progress bar.
pub trait Progress {
    /// Checking starts on this many rows.
    fn start(&self, _rows: usize) {}
    /// One more row was checked.
    fn advance(&self) {}
    /// Checking is done and the write begins.
    fn writing(&self) {}
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Reads, checks and (unless told not to, or rows are invalid) writes a
/// file. The report says what was done; an `Err` means the file could
/// not be read at all, or the write failed, and nothing was written.
pub fn import(
    firm: &dyn Firm,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, TransferError> {
    let source = super::read(bytes)?;
    let plan = plan(firm, &source, opts, progress)?;
    apply(firm, plan, opts, progress)
}

/// A checked file: the report, and the writes it calls for.
#[derive(Debug)]
pub struct Plan {
    pub report: ImportReport,
    pub creates: Vec<Client>,
    pub updates: Vec<Client>,
}

/// The firm's clients, by number and by name.
struct Known {
    by_number: HashMap<String, ClientId>,
    by_name: HashMap<String, ClientId>,
    /// Display name and number, for messages.
    about: HashMap<ClientId, (String, String)>,
}

impl Known {
    fn load(firm: &dyn Firm) -> Result<Self, TransferError> {
        let page = firm.query(&ViewQuery {
            include_inactive: true,
            ..ViewQuery::all()
        })?;
        let mut k = Known {
            by_number: HashMap::with_capacity(page.rows.len()),
            by_name: HashMap::with_capacity(page.rows.len()),
            about: HashMap::with_capacity(page.rows.len()),
        };
        for s in page.rows {
            if !s.number.is_empty() {
                k.by_number.insert(s.number.clone(), s.id);
            }
            k.by_name.insert(name_key(&s.name), s.id);
            k.about.insert(s.id, (s.name, s.number));
        }
        Ok(k)
    }

    fn name(&self, id: ClientId) -> String {
        self.about.get(&id).map(|a| a.0.clone()).unwrap_or_default()
    }
}

/// The key under which display names are unique: the store's own.
fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// Checks every row and decides what becomes of it.
pub fn plan(
    firm: &dyn Firm,
    source: &Source,
    opts: &ImportOptions,
    progress: &dyn Progress,
) -> Result<Plan, TransferError> {
    let team = firm.team()?;
    let known = Known::load(firm)?;
    let mut report = ImportReport {
        format: source.format,
        encoding: source.encoding,
        delimiter: source.delimiter,
        unit: if source.format == "json" {
            "record"
        } else {
            "line"
        },
        columns: source
            .columns
            .iter()
            .map(|(h, t)| ColumnUse {
                header: h.clone(),
                field: t.map(|t| t.label().to_owned()),
            })
            .collect(),
        rows: source.drafts.len(),
        created: 0,
        updated: 0,
        skipped: 0,
        invalid: 0,
        issues: Vec::new(),
        skips: Vec::new(),
        dry_run: opts.dry_run,
        written: false,
        refused: false,
    };
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    let mut seen_number: HashMap<String, usize> = HashMap::new();
    let mut seen_name: HashMap<String, usize> = HashMap::new();
    let mut targeted: HashMap<ClientId, usize> = HashMap::new();
    progress.start(source.drafts.len());
    for d in &source.drafts {
        progress.advance();
        let row = Row {
            draft: d,
            columns: &source.columns,
            team: &team,
        };
        let mut issues = d.issues.clone();
        let (mut fresh, used) = row.build(Client::new(""), &mut issues);
        if d.cells().is_none() {
            // Cells are normalised one by one as they are set.
            fresh.normalize();
        } else {
            // Except what depends on other cells: the country decides
            // the form of a postal code.
            fresh.normalize_contact();
        }
        let column = |field: &str| {
            used.get(field)
                .and_then(|&i| source.columns.get(i))
                .map(|c| c.0.clone())
        };
        let rule_issue =
            |field: &str, problem: RowProblem| Issue::new(d.line, column(field), field, problem);

        let nkey = name_key(&fresh.display_name);
        if let Some(n) = &fresh.number {
            match seen_number.entry(n.clone()) {
                Entry::Occupied(o) => issues.push(rule_issue(
                    "number",
                    RowProblem::SameAsLine { line: *o.get() },
                )),
                Entry::Vacant(v) => {
                    v.insert(d.line);
                }
            }
        }
        if !nkey.is_empty() {
            match seen_name.entry(nkey.clone()) {
                Entry::Occupied(o) => issues.push(rule_issue(
                    "name",
                    RowProblem::SameAsLine { line: *o.get() },
                )),
                Entry::Vacant(v) => {
                    v.insert(d.line);
                }
            }
        }

        let by_number = fresh
            .number
            .as_ref()
            .and_then(|n| known.by_number.get(n))
            .copied();
        let by_name = known.by_name.get(&nkey).copied();
        let matched = match (by_number, by_name) {
            (Some(id), _) => Some((id, "number")),
            (None, Some(id)) => {
                let theirs = known.about.get(&id).map(|a| a.1.as_str()).unwrap_or("");
                if fresh.number.is_some() && !theirs.is_empty() {
                    // Same name, different numbers: two clients, and names are unique.
                    issues.push(rule_issue(
                        "name",
                        RowProblem::Rule(Rule::Duplicate {
                            other: format!("{} (number {theirs})", known.name(id)),
                        }),
                    ));
                    None
                } else {
                    Some((id, "name"))
                }
            }
            (None, None) => None,
        };

        let outcome = match matched {
            None => {
                issues.extend(
                    validate_client(&fresh)
                        .into_iter()
                        .map(|e| rule_issue(&e.field, RowProblem::Rule(e.rule))),
                );
                Outcome::Create(Box::new(fresh))
            }
            Some((id, by)) => {
                if let Some(&first) = targeted.get(&id) {
                    issues.push(rule_issue(by, RowProblem::SameAsLine { line: first }));
                }
                targeted.entry(id).or_insert(d.line);
                match opts.on_duplicate {
                    OnDuplicate::Fail => {
                        issues.push(rule_issue(
                            by,
                            RowProblem::Rule(Rule::Duplicate {
                                other: known.name(id),
                            }),
                        ));
                        Outcome::Invalid
                    }
                    OnDuplicate::Skip => {
                        issues.clear();
                        Outcome::Skip(known.name(id), SkipReason::Exists)
                    }
                    OnDuplicate::Update => {
                        let current = firm.get(id)?;
                        let (mut merged, _) = row.build(current.clone(), &mut Vec::new());
                        merged.id = current.id;
                        merged.version = current.version;
                        if by == "name" {
                            // The name found the client; a difference in case
                            // is not a rename.
                            merged.display_name = current.display_name.clone();
                        }
                        merged.normalize();
                        issues.extend(
                            validate_change(&current, &merged)
                                .into_iter()
                                .map(|e| rule_issue(&e.field, RowProblem::Rule(e.rule))),
                        );
                        let holder = known.by_name.get(&name_key(&merged.display_name));
                        if let Some(&other) = holder.filter(|&&o| o != id) {
                            issues.push(rule_issue(
                                "name",
                                RowProblem::Rule(Rule::Duplicate {
                                    other: known.name(other),
                                }),
                            ));
                        }
                        if diff(&current, &merged, &team).is_empty() {
                            Outcome::Skip(current.display_name, SkipReason::Unchanged)
                        } else {
                            Outcome::Update(Box::new(merged))
                        }
                    }
                }
            }
        };

        if !issues.is_empty() {
            report.invalid += 1;
            row.fill_values(&mut issues);
            report.issues.extend(issues);
            continue;
        }
        match outcome {
            Outcome::Create(c) => {
                report.created += 1;
                creates.push(*c);
            }
            Outcome::Update(c) => {
                report.updated += 1;
                updates.push(*c);
            }
            Outcome::Skip(client, reason) => {
                report.skipped += 1;
                report.skips.push(Skip {
                    line: d.line,
                    client,
                    reason,
                });
            }
            Outcome::Invalid => {}
        }
    }
    Ok(Plan {
        report,
        creates,
        updates,
    })
}

/// Writes a checked file, unless it is a dry run, or rows are invalid and
/// are not to be skipped.
pub fn apply(
    firm: &dyn Firm,
    plan: Plan,
    opts: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, TransferError> {
    let mut report = plan.report;
    if report.invalid > 0 && !opts.skip_invalid {
        report.refused = true;
        return Ok(report);
    }
    if opts.dry_run || (plan.creates.is_empty() && plan.updates.is_empty()) {
        return Ok(report);
    }
    progress.writing();
    let count = firm.import(plan.creates, plan.updates)?;
    report.created = count.created;
    report.updated = count.updated;
    report.written = true;
    Ok(report)
}

enum Outcome {
    Create(Box<Client>),
    Update(Box<Client>),
    Skip(String, SkipReason),
    Invalid,
}
