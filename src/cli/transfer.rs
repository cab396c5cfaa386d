//! `cabinet import` and `cabinet export`: the report a person reads, the
//! progress bar, and writing an export file whole or not at all.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use jiff::civil::Date;

use super::CliError;
use super::args::{DuplicateArg, ExportArgs, FormatArg, ImportArgs};
use crate::api::{ApiError, Firm};
use crate::model::text::for_terminal;
use crate::transfer::{
    self, ExportFormat, ImportOptions, ImportReport, OnDuplicate, SkipReason, TransferError,
};

/// How many problems the human report lists before summing up the rest.
const SHOWN_ISSUES: usize = 50;
/// How many skipped rows it names.
const SHOWN_SKIPS: usize = 10;

/// A progress bar on standard error, drawn only when it is a terminal.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = if std::io::stderr().is_terminal() {
            let b = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows checked {msg}")
            {
                b.set_style(style);
            }
            b
        } else {
            indicatif::ProgressBar::hidden()
        };
        Bar(bar)
    }
}

impl transfer::Progress for Bar {
    fn start(&self, rows: usize) {
        self.0.set_length(rows as u64);
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn writing(&self) {
        self.0.set_message("· writing");
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

fn transfer_error(e: TransferError) -> CliError {
    match e {
        TransferError::Api(e) => CliError::Api(e),
        TransferError::Io(e) => CliError::Io(e),
        other => CliError::Api(ApiError::Refused(other.to_string())),
    }
}

/// Reads the file (or standard input), checks it, and imports it unless
/// told not to. Exits with code 2 when invalid rows stopped the import.
pub fn import(firm: &dyn Firm, a: &ImportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let bytes = read_input(&a.file)?;
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
        let bar = Bar::new();
        transfer::import(firm, &bytes, &opts, &bar).map_err(transfer_error)?
    };
    if a.json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        print_report(&report, &a.file, out)?;
    }
    if report.refused {
        return Err(CliError::Api(ApiError::Refused(refusal(&report))));
    }
    Ok(())
}

fn read_input(file: &Path) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .take(transfer::MAX_FILE + 1)
            .read_to_end(&mut bytes)?;
    } else {
        let f = std::fs::File::open(file).map_err(|e| {
            CliError::Usage(format!(
                "{}: {e}",
                for_terminal(&file.display().to_string(), false)
            ))
        })?;
        f.take(transfer::MAX_FILE + 1).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Groups thousands: `12,345`.
pub(super) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `1 row`, `12,345 rows`.
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Why nothing was imported, and what to do about it.
fn refusal(r: &ImportReport) -> String {
    let valid = r.created + r.updated + r.skipped;
    let in_firm = r.issues.iter().any(|i| {
        matches!(
            i.problem,
            transfer::RowProblem::Rule(crate::model::Rule::Duplicate { .. })
        )
    });
    let hint = if in_firm {
        " Rows for clients the firm already has can be left out with --on-duplicate skip, or applied with --on-duplicate update."
    } else {
        ""
    };
    format!(
        "nothing was imported: {} invalid (listed above). Fix {} and import again, or add --skip-invalid to import the {} valid {}.",
        plural(r.invalid, "row is", "rows are"),
        if r.invalid == 1 { "it" } else { "them" },
        count(valid),
        if valid == 1 { "row" } else { "rows" },
    ) + hint
}

fn print_report(r: &ImportReport, file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let safe = |s: &str| for_terminal(s, false);
    let name = if file.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        safe(&file.display().to_string())
    };
    let mut head = format!("{name}: {}, {}", r.format.to_uppercase(), r.encoding);
    if let Some(d) = r.delimiter {
        let name = match d {
            ',' => "comma",
            ';' => "semicolon",
            '\t' => "tab",
            _ => "other",
        };
        head.push_str(&format!(", {name}-separated"));
    }
    let (one, many) = if r.unit == "line" {
        ("row", "rows")
    } else {
        ("record", "records")
    };
    writeln!(out, "{head}, {}.", plural(r.rows, one, many))?;
    let read: Vec<String> = r
        .columns
        .iter()
        .filter_map(|c| Some(format!("{} → {}", safe(&c.header), c.field.as_deref()?)))
        .collect();
    if !read.is_empty() {
        writeln!(out, "Columns: {}", read.join(" · "))?;
    }
    let ignored: Vec<String> = r
        .columns
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| safe(&c.header))
        .collect();
    if !ignored.is_empty() {
        writeln!(out, "Not read: {}", ignored.join(", "))?;
    }
    for i in r.issues.iter().take(SHOWN_ISSUES) {
        let place = match &i.column {
            Some(col) if col != &i.field => format!("{} ({})", safe(col), i.field),
            _ => i.field.clone(),
        };
        writeln!(
            out,
            "  {} {}, {place}: {}",
            r.unit,
            i.line,
            safe(&i.message)
        )?;
    }
    if r.issues.len() > SHOWN_ISSUES {
        writeln!(
            out,
            "  … and {} more (--json lists them all)",
            plural(r.issues.len() - SHOWN_ISSUES, "problem", "problems")
        )?;
    }
    for s in r.skips.iter().take(SHOWN_SKIPS) {
        let why = match s.reason {
            SkipReason::Exists => "already in the firm",
            SkipReason::Unchanged => "already up to date",
        };
        writeln!(
            out,
            "  {} {}: skipped, {why} as {}",
            r.unit,
            s.line,
            safe(&s.client)
        )?;
    }
    if r.skips.len() > SHOWN_SKIPS {
        writeln!(
            out,
            "  … and {} more skipped",
            plural(r.skips.len() - SHOWN_SKIPS, r.unit, &format!("{}s", r.unit))
        )?;
    }
    let counts = format!(
        "{} created, {} updated, {} skipped, {} invalid",
        count(r.created),
        count(r.updated),
        count(r.skipped),
        count(r.invalid)
    );
    if r.refused {
        writeln!(out, "Checked: {counts}. Nothing was written.")?;
    } else if r.dry_run {
        writeln!(
            out,
            "Dry run, nothing written. The import would give: {counts}."
        )?;
    } else if r.written {
        let left_out = if r.invalid > 0 {
            " (invalid rows left out)"
        } else {
            ""
        };
        writeln!(out, "Imported: {counts}{left_out}.")?;
    } else {
        writeln!(out, "Nothing to import: {counts}.")?;
    }
    Ok(())
}

/// Writes the export to standard output, or to a file that appears only
/// once it is complete.
pub fn export(
    firm: &dyn Firm,
    a: &ExportArgs,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let format = match a.format {
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Json => ExportFormat::Json,
    };
    let Some(path) = &a.output else {
        transfer::export(firm, format, a.include_inactive, today, out).map_err(transfer_error)?;
        return Ok(());
    };
    let name = for_terminal(&path.display().to_string(), false);
    let mut tmp_name = path.file_name().unwrap_or_default().to_owned();
    tmp_name.push(format!(".partial-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let written = (|| -> Result<usize, CliError> {
        let file =
            std::fs::File::create(&tmp).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
        let mut w = std::io::BufWriter::new(file);
        let n = transfer::export(firm, format, a.include_inactive, today, &mut w)
            .map_err(transfer_error)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(n)
    })();
    match written {
        Ok(n) => {
            writeln!(
                out,
                "Exported {} to {name}.",
                plural(n, "client", "clients")
            )?;
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
