//! Checking every row against the model and the firm, then writing the
//! whole file in one transaction.
//!
//! The file is read a row at a time ([`super::input`], `csv_in::Rows`,
//! `json_in::each`). Each row is checked as it comes: it becomes a new
//! client, an update of an existing one, a skipped duplicate, or an
//! invalid row. Duplicates are recognised by client number, then by name
//! (names are unique ignoring case). The clients to write go to the firm
//! server in pieces of a few thousand ([`Firm::bulk_add`]), where they
//! wait; at the end the server checks and writes them all in one
//! transaction ([`Firm::bulk_finish`]). A dry run takes exactly the same
//! path and has the server drop the transaction instead of committing
//! it, so what it predicts is what the import does. With any invalid row
//! nothing is written, unless invalid rows are to be skipped.

use std::cell::Cell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{Read, Seek};
use std::rc::Rc;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use super::columns::Target;
use super::input::Input;
use super::report::{ColumnUse, ImportReport, Issue, RowProblem, Skip, SkipReason};
use super::row::Row;
use super::{Draft, TransferError};
use crate::api::pages::each_page;
use crate::api::{ApiError, Batch, Firm};
use crate::model::field::diff;
use crate::model::{Client, ClientId, Member, Rule, ViewQuery, validate_change, validate_client};

/// How many clients go to the server in one piece, at most.
const PIECE_ROWS: usize = 2000;
/// About how many bytes of the file one piece comes from, at most. A
/// client is made from its row alone, so its size follows its row's
/// (counting is free: the file is read anyway, where encoding each
/// client to measure it would encode it twice); an update also carries
/// the record it changes, which came from the server with at most
/// [`FETCH_PIECE`] others in one frame, so a piece holds at most that
/// many updates.
const PIECE_BYTES: u64 = 2 << 20;
/// How many records an update asks the server for at a time.
const FETCH_PIECE: usize = 500;
/// How much of the text is looked at to tell JSON from CSV and to find
/// the CSV's delimiter.
const HEAD: usize = 64 * 1024;
/// How many summaries of the firm's clients are asked for at a time.
const KNOWN_PAGE: usize = 20_000;

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
    /// Reading and checking starts on a file of this many bytes.
    fn start(&self, _bytes: u64) {}
    /// This many bytes of the file have been read and checked (and the
    /// rows they hold sent to the server).
    fn advance(&self, _bytes: u64) {}
    /// Checking is done and the server writes.
    fn writing(&self) {}
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Reads, checks and (unless told not to, or rows are invalid) writes a
/// file held in memory. See [`import_from`].
pub fn import(
    firm: &dyn Firm,
    bytes: &[u8],
    opts: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, TransferError> {
    import_from(firm, Input::bytes(bytes.to_vec())?, opts, progress)
}

/// Reads a file a row at a time, checks each row, and (unless told not
/// to, or rows are invalid) has the server write the file's clients in
/// one transaction. The report says what was done; an `Err` means the
/// file could not be read at all, or the write failed, and nothing was
/// written.
pub(crate) fn import_from<R: Read + Seek + 'static>(
    firm: &dyn Firm,
    input: Input<R>,
    opts: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport, TransferError> {
    progress.start(input.size());
    let read = Rc::new(Cell::new(0));
    let (mut text, encoding) = input.text(Rc::clone(&read))?;
    let mut head = Vec::with_capacity(HEAD);
    (&mut text).take(HEAD as u64).read_to_end(&mut head)?;
    let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first.is_none() && head.len() < HEAD {
        return Err(TransferError::Empty);
    }
    // Pieces go to the server from another thread, so that the next
    // piece is read and checked while the server takes the last one.
    std::thread::scope(|scope| {
        let found = Found {
            read,
            encoding,
            delimiter: None,
            columns: Vec::new(),
        };
        if matches!(first, Some(b'[' | b'{')) {
            let mut check = Checker::new(firm, opts, progress, scope, "json", found)?;
            let text = std::io::Cursor::new(head).chain(text);
            super::json_in::each(text, &mut |d| check.take(d))?;
            return check.finish();
        }
        let mut rows = super::csv_in::open(head, text)?;
        let found = Found {
            delimiter: Some(rows.delimiter as char),
            columns: rows.columns.clone(),
            ..found
        };
        let mut check = Checker::new(firm, opts, progress, scope, "csv", found)?;
        while let Some(d) = rows.next_draft() {
            check.take(d?)?;
        }
        check.finish()
    })
}

/// What was learnt of the file before its rows.
struct Found {
    /// How many bytes of the file have been read.
    read: Rc<Cell<u64>>,
    encoding: &'static str,
    delimiter: Option<char>,
    columns: Vec<(String, Option<Target>)>,
}

/// Sends pieces to the server from a thread of its own, one piece ahead
/// of the reading at most.
struct Courier<'s> {
    to_send: Option<SyncSender<Batch>>,
    sender: Option<ScopedJoinHandle<'s, Result<(), ApiError>>>,
}

impl<'s> Courier<'s> {
    fn start<'e>(scope: &'s Scope<'s, 'e>, firm: &'e dyn Firm) -> Self {
        let (to_send, pieces) = sync_channel::<Batch>(1);
        let sender = scope.spawn(move || {
            for piece in pieces {
                firm.bulk_add(piece)?;
            }
            Ok(())
        });
        Courier {
            to_send: Some(to_send),
            sender: Some(sender),
        }
    }

    /// Hands a piece over; an error is the sender's, which stopped.
    fn send(&mut self, piece: Batch) -> Result<(), TransferError> {
        let refused = match &self.to_send {
            Some(to_send) => to_send.send(piece).is_err(),
            None => true,
        };
        if refused {
            self.wait()?;
        }
        Ok(())
    }

    /// Waits until every piece handed over is with the server.
    fn wait(&mut self) -> Result<(), TransferError> {
        self.to_send = None;
        match self.sender.take().map(ScopedJoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e.into()),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
        }
    }
}

/// The firm's clients, by number and by name.
struct Known {
    by_number: HashMap<String, ClientId>,
    by_name: HashMap<String, ClientId>,
    /// Display name and number, for messages.
    about: HashMap<ClientId, (String, String)>,
}

impl Known {
    /// Reads the firm's list a page at a time, keeping only names and
    /// numbers.
    fn load(firm: &dyn Firm) -> Result<Self, TransferError> {
        let mut k = Known {
            by_number: HashMap::new(),
            by_name: HashMap::new(),
            about: HashMap::new(),
        };
        let everyone = ViewQuery {
            include_inactive: true,
            limit: KNOWN_PAGE,
            ..ViewQuery::default()
        };
        each_page(firm, &everyone, |page| {
            for s in page.rows {
                if !s.number.is_empty() {
                    k.by_number.insert(s.number.clone(), s.id);
                }
                k.by_name.insert(name_key(&s.name), s.id);
                k.about.insert(s.id, (s.name, s.number));
            }
            Ok::<_, TransferError>(())
        })?;
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

/// Checks rows one by one and sends the clients to write to the server.
struct Checker<'a, 's> {
    firm: &'a dyn Firm,
    courier: Courier<'s>,
    opts: &'a ImportOptions,
    progress: &'a dyn Progress,
    /// How many bytes of the file have been read.
    read: Rc<Cell<u64>>,
    team: Vec<Member>,
    known: Known,
    columns: Vec<(String, Option<Target>)>,
    report: ImportReport,
    seen_number: HashMap<String, usize>,
    seen_name: HashMap<String, usize>,
    targeted: HashMap<ClientId, usize>,
    /// The piece being gathered for the server, and how far the file
    /// had been read when it began.
    piece: Batch,
    piece_from: u64,
    /// The line of each client sent, to name it in what the server finds.
    lines: Lines,
    /// Whether anything went to the server.
    sent: bool,
    /// Rows waiting for the records they may update (with
    /// `--on-duplicate update`), the ids of those records, and the
    /// records fetched.
    waiting: Vec<(Draft, Built)>,
    wanted: Vec<ClientId>,
    fetched: HashMap<ClientId, Client>,
}

impl<'a, 's> Checker<'a, 's> {
    fn new(
        firm: &'a dyn Firm,
        opts: &'a ImportOptions,
        progress: &'a dyn Progress,
        scope: &'s Scope<'s, 'a>,
        format: &'static str,
        found: Found,
    ) -> Result<Self, TransferError> {
        let Found {
            read,
            encoding,
            delimiter,
            columns,
        } = found;
        let team = firm.team()?;
        let known = Known::load(firm)?;
        firm.bulk_begin()?;
        let courier = Courier::start(scope, firm);
        let report = ImportReport {
            format,
            encoding,
            delimiter,
            unit: if format == "json" { "record" } else { "line" },
            columns: columns
                .iter()
                .map(|(h, t)| ColumnUse {
                    header: h.clone(),
                    field: t.map(|t| t.label().to_owned()),
                })
                .collect(),
            rows: 0,
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
        Ok(Checker {
            firm,
            courier,
            opts,
            progress,
            read: Rc::clone(&read),
            team,
            known,
            columns,
            report,
            seen_number: HashMap::new(),
            seen_name: HashMap::new(),
            targeted: HashMap::new(),
            piece: Batch::default(),
            piece_from: read.get(),
            lines: Lines::default(),
            sent: false,
            waiting: Vec::new(),
            wanted: Vec::new(),
            fetched: HashMap::new(),
        })
    }

    /// Whether the valid rows are still to be written: not once a row is
    /// invalid and invalid rows stop the import.
    fn writing(&self) -> bool {
        self.report.invalid == 0 || self.opts.skip_invalid
    }

    /// Takes the next row. Rows that may update a client wait until a
    /// batch of them is ready, so that the records they change come from
    /// the server a few hundred at a time rather than one by one; rows
    /// are still checked in the file's order.
    fn take(&mut self, d: Draft) -> Result<(), TransferError> {
        let built = self.build(&d);
        if self.opts.on_duplicate != OnDuplicate::Update {
            return self.row(&d, built);
        }
        if let Some(id) = self.target_of(&built.fresh) {
            self.wanted.push(id);
        }
        self.waiting.push((d, built));
        if self.wanted.len() >= FETCH_PIECE || self.waiting.len() >= 4 * FETCH_PIECE {
            self.flush_waiting()?;
        }
        Ok(())
    }

    /// The row as a new client, normalised, with the problems found in
    /// reading it.
    fn build(&self, d: &Draft) -> Built {
        let row = Row {
            draft: d,
            columns: &self.columns,
            team: &self.team,
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
        Built {
            fresh,
            issues,
            used,
        }
    }

    /// The client already in the firm that a row names, if any.
    fn target_of(&self, fresh: &Client) -> Option<ClientId> {
        fresh
            .number
            .as_ref()
            .and_then(|n| self.known.by_number.get(n))
            .or_else(|| self.known.by_name.get(&name_key(&fresh.display_name)))
            .copied()
    }

    /// Fetches the records the waiting rows name, then checks the rows.
    fn flush_waiting(&mut self) -> Result<(), TransferError> {
        let mut wanted = std::mem::take(&mut self.wanted);
        wanted.sort_unstable();
        wanted.dedup();
        for piece in wanted.chunks(FETCH_PIECE) {
            // A client gone meanwhile is fetched alone, and reported, when
            // its row is checked.
            if let Ok(found) = self.firm.get_many(piece) {
                self.fetched.extend(found.into_iter().map(|c| (c.id, c)));
            }
        }
        for (d, built) in std::mem::take(&mut self.waiting) {
            self.row(&d, built)?;
        }
        self.fetched.clear();
        Ok(())
    }

    /// Checks one row, and queues its client for the server.
    fn row(&mut self, d: &Draft, built: Built) -> Result<(), TransferError> {
        self.report.rows += 1;
        let (issues, outcome) = self.check(d, built)?;
        if !issues.is_empty() {
            if self.report.invalid == 0 && !self.opts.skip_invalid && self.sent {
                // Nothing will be written: the server can let go of what
                // it holds, once it has what was handed over.
                self.courier.wait()?;
                self.firm.bulk_begin()?;
            }
            self.report.invalid += 1;
            self.report.issues.extend(issues);
        } else {
            match outcome {
                Outcome::Create(c) => {
                    self.report.created += 1;
                    self.queue(*c, true, d.line)?;
                }
                Outcome::Update(c) => {
                    self.report.updated += 1;
                    self.queue(*c, false, d.line)?;
                }
                Outcome::Skip(client, reason) => {
                    self.report.skipped += 1;
                    self.report.skips.push(Skip {
                        line: d.line,
                        client,
                        reason,
                    });
                }
                Outcome::Invalid => {}
            }
        }
        self.progress.advance(self.read.get());
        Ok(())
    }

    /// Adds a client to the piece being gathered, sending the piece when
    /// it is full.
    fn queue(&mut self, c: Client, create: bool, line: usize) -> Result<(), TransferError> {
        if !self.writing() {
            return Ok(());
        }
        let lines = if create {
            &mut self.lines.creates
        } else {
            &mut self.lines.updates
        };
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        if create {
            self.piece.creates.push(c);
        } else {
            self.piece.updates.push(c);
        }
        let bytes = self.read.get().saturating_sub(self.piece_from);
        if self.piece.len() >= PIECE_ROWS
            || self.piece.updates.len() >= FETCH_PIECE
            || bytes >= PIECE_BYTES
        {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), TransferError> {
        if self.piece.is_empty() {
            return Ok(());
        }
        self.piece_from = self.read.get();
        self.courier.send(std::mem::take(&mut self.piece))?;
        self.sent = true;
        Ok(())
    }

    /// Sends what is left and has the server write it all (or, in a dry
    /// run, check and write it, then drop it).
    fn finish(mut self) -> Result<ImportReport, TransferError> {
        self.flush_waiting()?;
        if !self.writing() {
            self.report.refused = true;
            return Ok(self.report);
        }
        self.send()?;
        self.courier.wait()?;
        if !self.sent {
            return Ok(self.report);
        }
        self.progress.writing();
        let count = match self.firm.bulk_finish(!self.opts.dry_run) {
            Err(ApiError::Invalid(problems)) => {
                // Something changed in the firm since the rows were
                // checked (a client of the same name was added, say):
                // nothing was written, and each problem names its line.
                let mut report = self.report;
                let mut lines: Vec<usize> = Vec::new();
                for p in problems {
                    let (line, field) = self.lines.place(&p.field);
                    lines.push(line);
                    report
                        .issues
                        .push(Issue::new(line, None, &field, RowProblem::Rule(p.rule)));
                }
                lines.sort_unstable();
                lines.dedup();
                report.invalid += lines.len();
                report.refused = true;
                report.created = 0;
                report.updated = 0;
                return Ok(report);
            }
            other => other?,
        };
        let mut report = self.report;
        report.created = count.created;
        report.updated = count.updated;
        report.written = !report.dry_run && count.created + count.updated > 0;
        Ok(report)
    }

    /// What becomes of a row, and its problems.
    fn check(&mut self, d: &Draft, built: Built) -> Result<(Vec<Issue>, Outcome), TransferError> {
        let (opts, known, team) = (self.opts, &self.known, &self.team);
        let columns = &self.columns;
        let row = Row {
            draft: d,
            columns,
            team,
        };
        let Built {
            fresh,
            mut issues,
            used,
        } = built;
        let column = |field: &str| {
            used.get(field)
                .and_then(|&i| columns.get(i))
                .map(|c| c.0.clone())
        };
        let rule_issue =
            |field: &str, problem: RowProblem| Issue::new(d.line, column(field), field, problem);

        let nkey = name_key(&fresh.display_name);
        if let Some(n) = &fresh.number {
            match self.seen_number.entry(n.clone()) {
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
            match self.seen_name.entry(nkey.clone()) {
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
                // A masked SIN stands for one the firm keeps; a new client
                // has none to keep.
                if crate::model::ids::is_masked(&fresh.tax_ids.sin) {
                    issues.push(rule_issue("sin", RowProblem::Rule(Rule::SinMasked)));
                }
                Outcome::Create(Box::new(fresh))
            }
            Some((id, by)) => {
                if let Some(&first) = self.targeted.get(&id) {
                    issues.push(rule_issue(by, RowProblem::SameAsLine { line: first }));
                }
                self.targeted.entry(id).or_insert(d.line);
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
                        let current = match self.fetched.remove(&id) {
                            Some(c) => c,
                            None => self.firm.get(id)?,
                        };
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
                        if diff(&current, &merged, team).is_empty() {
                            Outcome::Skip(current.display_name, SkipReason::Unchanged)
                        } else {
                            Outcome::Update(Box::new(merged))
                        }
                    }
                }
            }
        };
        row.fill_values(&mut issues);
        Ok((issues, outcome))
    }
}

/// The line each client sent to the server came from, in the order sent.
#[derive(Debug, Default)]
struct Lines {
    creates: Vec<u32>,
    updates: Vec<u32>,
}

impl Lines {
    /// The line and field a problem the server found is about. The store
    /// names a client by its place in the bulk: `client 3 (Name) email`,
    /// `update 2 (Name) phone`, `client 5 lead`.
    fn place(&self, field: &str) -> (usize, String) {
        let found = [("client ", &self.creates), ("update ", &self.updates)]
            .into_iter()
            .find_map(|(prefix, lines)| {
                let rest = field.strip_prefix(prefix)?;
                let (n, rest) = rest.split_once(' ').unwrap_or((rest, ""));
                let line = *lines.get(n.parse::<usize>().ok()?.checked_sub(1)?)?;
                // The name, in brackets, may hold anything but the field
                // after it holds no bracket.
                let rest = match rest.strip_prefix('(') {
                    Some(named) => named.rsplit_once(") ").map_or("", |(_, f)| f),
                    None => rest,
                };
                Some((line as usize, rest.to_owned()))
            });
        found.unwrap_or_else(|| (0, field.to_owned()))
    }
}

/// A row made into a new client, before it is checked.
struct Built {
    fresh: Client,
    issues: Vec<Issue>,
    /// The column each field came from.
    used: HashMap<&'static str, usize>,
}

enum Outcome {
    Create(Box<Client>),
    Update(Box<Client>),
    Skip(String, SkipReason),
    Invalid,
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn a_problem_found_by_the_server_names_the_line_it_came_from() {
        let lines = Lines {
            creates: vec![2, 5, 48_213],
            updates: vec![7],
        };
        assert_eq!(
            lines.place("client 3 (Côté (Laval) inc.) name"),
            (48_213, "name".to_owned())
        );
        assert_eq!(lines.place("update 1 (Roy) phone"), (7, "phone".into()));
        assert_eq!(lines.place("client 2 lead"), (5, "lead".into()));
        assert_eq!(
            lines.place("client 9 (X) name"),
            (0, "client 9 (X) name".into())
        );
    }
}
