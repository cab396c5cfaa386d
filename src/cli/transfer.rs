//! `cabinet import` and `cabinet export`: the report a person reads (in
//! their language; `--json` keeps the same keys and the English
//! `message` whatever the language), the progress bar, and writing an
//! export file whole or not at all.

use std::io::{IsTerminal, Read, Write};

use std::path::Path;

use super::args::{DuplicateArg, ExportArgs, FormatArg, ImportArgs};
use super::json::ExportJson;
use super::output::{self, Output};
use super::{CliError, Ctx};
use crate::i18n::{Lang, Msg, number, plural};
use crate::model::text::{for_terminal, path_for_terminal};
use crate::transfer::{
    self, ExportFormat, ImportOptions, ImportReport, OnDuplicate, SkipReason, TransferError,
};

/// How many problems the human report lists before summing up the rest.
const SHOWN_ISSUES: usize = 50;
/// How many skipped rows it names.
const SHOWN_SKIPS: usize = 10;

/// A progress bar on standard error, drawn only when it is a terminal.
struct Bar(indicatif::ProgressBar, Lang);

impl Bar {
    fn new(lang: Lang, quiet: bool) -> Self {
        let bar = if std::io::stderr().is_terminal() && !quiet {
            let b = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template(Msg::ImportReadProgress.text(lang))
            {
                b.set_style(style);
            }
            b
        } else {
            indicatif::ProgressBar::hidden()
        };
        Bar(bar, lang)
    }
}

impl transfer::Progress for Bar {
    fn start(&self, bytes: u64) {
        self.0.set_length(bytes);
    }

    fn advance(&self, bytes: u64) {
        self.0.set_position(bytes);
    }

    fn writing(&self) {
        self.0.set_message(Msg::ImportWriting.text(self.1));
        // The server's one transaction can take a while: the clock keeps
        // moving so the bar does not look stuck.
        self.0
            .enable_steady_tick(std::time::Duration::from_millis(500));
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// A file that cannot be imported or exported, in words; nothing was
/// written.
fn transfer_error(e: TransferError, lang: Lang) -> CliError {
    let refused = match e {
        TransferError::Api(e) => return CliError::Api(e),
        TransferError::Io(e) => return CliError::Io(e),
        TransferError::Empty => lang.t(Msg::FileEmpty).into_owned(),
        TransferError::NoNameColumn { found } => {
            lang.f(Msg::NoNameColumn, &[("found", &found.join(", "))])
        }
        TransferError::NotUtf8 { byte } => lang.f(Msg::NotUtf8, &[("byte", &byte)]),
        TransferError::Undecodable { encoding } => {
            lang.f(Msg::Undecodable, &[("encoding", &encoding)])
        }
        TransferError::Csv(reason) => lang.f(Msg::CsvUnreadable, &[("reason", &reason)]),
        TransferError::MixedEncoding { utf8, other } => lang.f(
            Msg::MixedEncoding,
            &[
                ("utf8", &transfer::join_lines(&utf8)),
                ("other", &transfer::join_lines(&other)),
            ],
        ),
        TransferError::UnclosedQuote { line } => lang.f(Msg::UnclosedQuote, &[("line", &line)]),
        TransferError::Json {
            line,
            column,
            reason,
        } => lang.f(
            Msg::JsonUnreadable,
            &[("line", &line), ("column", &column), ("reason", &reason)],
        ),
        TransferError::TooLarge { size } => lang.f(
            Msg::FileTooLarge,
            &[
                ("size", &number(lang, size)),
                ("max", &number(lang, transfer::MAX_FILE)),
            ],
        ),
    };
    CliError::Refused(refused)
}

/// Reads the file (or standard input), checks it, and imports it unless
/// told not to. Exits with code 2 when invalid rows stopped the import.
pub(crate) fn import(ctx: &mut Ctx<'_>, a: &ImportArgs) -> Result<(), CliError> {
    let (firm, lang) = (ctx.firm, ctx.lang);
    let input = open_input(&a.file, lang)?;
    let opts = ImportOptions {
        dry_run: a.dry_run,
        on_duplicate: match a.on_duplicate {
            DuplicateArg::Fail => OnDuplicate::Fail,
            DuplicateArg::Skip => OnDuplicate::Skip,
            DuplicateArg::Update => OnDuplicate::Update,
        },
        skip_invalid: a.skip_invalid,
    };
    let report = {
        let bar = Bar::new(lang, ctx.quiet);
        transfer::import_from(firm, input, &opts, &bar).map_err(|e| transfer_error(e, lang))?
    };
    if a.json {
        ctx.json(&super::json::import_json(&report))?;
    } else if !ctx.quiet {
        print_report(&report, &a.file, lang, ctx.out)?;
    }
    if report.refused {
        return Err(CliError::Refused(refusal(&report, lang)));
    }
    Ok(())
}

/// Refuses, before the firm is opened, a file to read (to import, to
/// restore) that is missing, unreadable or a directory, naming it.
pub(crate) fn check_input(file: &Path, lang: Lang) -> Result<(), CliError> {
    if file.as_os_str() == "-" {
        return Ok(());
    }
    let path = path_for_terminal(file);
    match std::fs::metadata(file) {
        Ok(m) if m.is_dir() => Err(CliError::Usage(
            lang.f(Msg::InputIsDirectory, &[("path", &path)]),
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(CliError::Usage(
            lang.f(Msg::InputUnreadable, &[("path", &path), ("error", &e)]),
        )),
    }
}

/// Refuses, before the firm is opened, an export to a path that cannot be
/// written or must not be replaced, and `--json` without a file.
pub(crate) fn check_output(a: &ExportArgs, lang: Lang) -> Result<(), CliError> {
    let to_stdout = a.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    if a.json && to_stdout {
        return Err(CliError::Usage(
            lang.t(Msg::ExportJsonNeedsFile).into_owned(),
        ));
    }
    if let Some(path) = &a.output {
        output::check(path, a.force, lang).map_err(|e| CliError::Usage(e.0))?;
    }
    Ok(())
}

/// Opens the file to import, refusing one over the limit before reading
/// it. Standard input is copied to an unnamed temporary file first (the
/// import reads its text twice: once to tell the encoding), up to the
/// limit.
fn open_input(file: &Path, lang: Lang) -> Result<transfer::input::Input<std::fs::File>, CliError> {
    let refused = |e| transfer_error(e, lang);
    if file.as_os_str() != "-" {
        let f = std::fs::File::open(file)
            .map_err(|e| CliError::Usage(format!("{}: {e}", path_for_terminal(file))))?;
        let size = f.metadata()?.len();
        return transfer::input::Input::new(f, size).map_err(refused);
    }
    let dir = std::env::temp_dir();
    let path = dir.join(format!(
        ".cabinet-import-{}-{}",
        std::process::id(),
        jiff::Timestamp::now().as_nanosecond()
    ));
    let mut spool = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    // Unnamed from now on: it goes when the file is closed.
    let _ = std::fs::remove_file(&path);
    let size = std::io::copy(
        &mut std::io::stdin().lock().take(transfer::MAX_FILE + 1),
        &mut spool,
    )?;
    std::io::Seek::rewind(&mut spool)?;
    transfer::input::Input::new(spool, size).map_err(refused)
}

/// Why nothing was imported, and what to do about it.
fn refusal(r: &ImportReport, lang: Lang) -> String {
    let valid = r.created + r.updated + r.skipped;
    let in_firm = r.issues.iter().any(|i| {
        matches!(
            i.problem,
            transfer::RowProblem::Rule(crate::model::Rule::Duplicate { .. })
        )
    });
    let words = |n: usize, one: Msg, many: Msg| plural(lang, n, one.text(lang), many.text(lang));
    let mut s = lang.f(
        Msg::ImportRefused,
        &[
            ("n", &number(lang, r.invalid as u64)),
            (
                "invalid",
                &words(r.invalid, Msg::InvalidRowOne, Msg::InvalidRowMany),
            ),
            ("them", &words(r.invalid, Msg::ThemOne, Msg::ThemMany)),
            ("valid", &number(lang, valid as u64)),
            ("rows", &words(valid, Msg::ValidRowOne, Msg::ValidRowMany)),
        ],
    );
    if in_firm {
        s.push_str(Msg::DuplicatesHint.text(lang));
    }
    s
}

/// A row's problem in words.
fn problem(p: &transfer::RowProblem, lang: Lang) -> String {
    match p {
        transfer::RowProblem::Rule(r) => lang.rule(r),
        transfer::RowProblem::SameAsLine { line } => lang.f(Msg::SameAsLine, &[("line", line)]),
        transfer::RowProblem::ExtraCells { cells, columns } => {
            lang.f(Msg::ExtraCells, &[("cells", cells), ("columns", columns)])
        }
    }
}

fn print_report(
    r: &ImportReport,
    file: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let safe = |s: &str| for_terminal(s, false);
    let name = if file.as_os_str() == "-" {
        lang.t(Msg::StandardInput).into_owned()
    } else {
        safe(&file.display().to_string())
    };
    let (one, many) = if r.unit == "line" {
        (Msg::RowOne, Msg::RowMany)
    } else {
        (Msg::RecordOne, Msg::RecordMany)
    };
    let mut details = vec![r.format.to_uppercase(), r.encoding.to_owned()];
    if let Some(d) = r.delimiter {
        let separated = match d {
            ',' => Msg::CommaSeparated,
            ';' => Msg::SemicolonSeparated,
            '\t' => Msg::TabSeparated,
            _ => Msg::OtherSeparated,
        };
        details.push(lang.t(separated).into_owned());
    }
    details.push(lang.count(r.rows, one, many));
    let details = details.join(", ");
    writeln!(
        out,
        "{}",
        lang.f(Msg::FileHead, &[("name", &name), ("details", &details)])
    )?;
    let read: Vec<String> = r
        .columns
        .iter()
        .filter_map(|c| Some(format!("{} → {}", safe(&c.header), c.field.as_deref()?)))
        .collect();
    if !read.is_empty() {
        let columns = read.join(" · ");
        writeln!(
            out,
            "{}",
            lang.f(Msg::ColumnsRead, &[("columns", &columns)])
        )?;
    }
    let ignored: Vec<String> = r
        .columns
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| safe(&c.header))
        .collect();
    if !ignored.is_empty() {
        let columns = ignored.join(", ");
        writeln!(
            out,
            "{}",
            lang.f(Msg::ColumnsNotRead, &[("columns", &columns)])
        )?;
    }
    // Problems and skips name the line (CSV) or the record (JSON).
    let (unit_one, unit_many) = if r.unit == "line" {
        (Msg::LineOne, Msg::LineMany)
    } else {
        (Msg::RecordOne, Msg::RecordMany)
    };
    let row = |n: usize| format!("{} {n}", unit_one.text(lang));
    for i in r.issues.iter().take(SHOWN_ISSUES) {
        let field = lang.field(&i.field);
        let place = match &i.column {
            Some(col) if col != &i.field => format!("{} ({field})", safe(col)),
            _ => field,
        };
        let place = match &i.value {
            Some(v) => format!("{place} \"{}\"", safe(v)),
            None => place,
        };
        let problem = safe(&problem(&i.problem, lang));
        writeln!(
            out,
            "{}",
            lang.f(
                Msg::RowIssue,
                &[
                    ("row", &row(i.line)),
                    ("place", &place),
                    ("problem", &problem)
                ],
            )
        )?;
    }
    if r.issues.len() > SHOWN_ISSUES {
        let more = lang.count(
            r.issues.len() - SHOWN_ISSUES,
            Msg::ProblemOne,
            Msg::ProblemMany,
        );
        writeln!(out, "{}", lang.f(Msg::AndMore, &[("more", &more)]))?;
    }
    for s in r.skips.iter().take(SHOWN_SKIPS) {
        let why = match s.reason {
            SkipReason::Exists => Msg::SkippedExists,
            SkipReason::Unchanged => Msg::SkippedUnchanged,
        };
        writeln!(
            out,
            "{}",
            lang.f(
                Msg::RowSkipped,
                &[
                    ("row", &row(s.line)),
                    ("why", &lang.t(why)),
                    ("client", &safe(&s.client)),
                ],
            )
        )?;
    }
    if r.skips.len() > SHOWN_SKIPS {
        let more = lang.count(r.skips.len() - SHOWN_SKIPS, unit_one, unit_many);
        writeln!(out, "{}", lang.f(Msg::MoreSkipped, &[("more", &more)]))?;
    }
    let n = |v: usize| number(lang, v as u64);
    let counts = lang.f(
        Msg::ImportCounts,
        &[
            ("created", &n(r.created)),
            ("updated", &n(r.updated)),
            ("skipped", &n(r.skipped)),
            ("invalid", &n(r.invalid)),
        ],
    );
    let line = if r.refused {
        lang.f(Msg::ImportChecked, &[("counts", &counts)])
    } else if r.dry_run {
        lang.f(Msg::ImportDryRun, &[("counts", &counts)])
    } else if r.written {
        let left_out = if r.invalid > 0 {
            Msg::InvalidLeftOut.text(lang)
        } else {
            ""
        };
        lang.f(
            Msg::Imported,
            &[("counts", &counts), ("left_out", &left_out)],
        )
    } else {
        lang.f(Msg::NothingToImport, &[("counts", &counts)])
    };
    writeln!(out, "{line}")?;
    Ok(())
}

/// Writes the export to standard output, to a device or a pipe in place,
/// or to a file that appears only once it is complete.
pub(crate) fn export(ctx: &mut Ctx<'_>, a: &ExportArgs) -> Result<(), CliError> {
    let (firm, today, lang) = (ctx.firm, ctx.today, ctx.lang);
    let format = match a.format {
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Json => ExportFormat::Json,
    };
    if a.include_sin && !firm.session()?.me.is_admin() {
        return Err(CliError::Api(crate::api::ApiError::Forbidden {
            action: crate::api::AdminAction::ExportSins,
        }));
    }
    let mut out =
        Output::open(a.output.as_deref(), a.force, lang).map_err(|e| CliError::Usage(e.0))?;
    if out.is_stdout() {
        drop(out);
        transfer::export_with(
            firm,
            format,
            a.include_inactive,
            a.include_sin,
            today,
            ctx.out,
        )
        .map_err(|e| transfer_error(e, lang))?;
        return Ok(());
    }
    let path = a.output.as_deref().expect("not standard output");
    let n = transfer::export_with(
        firm,
        format,
        a.include_inactive,
        a.include_sin,
        today,
        out.writer(),
    )
    .map_err(|e| transfer_error(e, lang))?;
    out.finish()?;
    if a.json {
        return ctx.json(&ExportJson {
            format: match a.format {
                FormatArg::Csv => "csv",
                FormatArg::Json => "json",
            },
            clients: n,
            path: std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
        });
    }
    let name = path_for_terminal(path);
    let clients = lang.count(n, Msg::ClientOne, Msg::ClientMany);
    ctx.note(Msg::Exported, &[("clients", &clients), ("name", &name)])
}
