//! `cabinet backup`, `restore` and `check`.
//!
//! They normally go through the firm API, so the process that holds the
//! firm file does the work while people keep working. When the firm file
//! is too damaged to open, `check` and `restore` still work on the file
//! directly ([`run_offline`]): that is when they are needed most.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::CliError;
use super::args::Command;
use super::transfer::{count, plural};
use crate::api::local::{check_offline, restore_offline};
use crate::api::{ApiError, CheckReport, Firm, Integrity, RestoreReport};
use crate::model::text::for_terminal;

/// How many problems `check` lists before summing up the rest.
const SHOWN_PROBLEMS: usize = 50;

fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string(), false)
}

/// The path as the firm's process must see it: absolute, since that
/// process does not share this one's working directory.
fn absolute(path: &Path) -> Result<PathBuf, CliError> {
    std::path::absolute(path).map_err(|e| CliError::Usage(format!("{}: {e}", shown(path))))
}

pub fn backup(firm: &dyn Firm, file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let r = firm.backup(&absolute(file)?)?;
    writeln!(
        out,
        "Backed up {}, {} and {} to {} ({}).",
        plural(r.clients as usize, "client", "clients"),
        plural(r.members as usize, "team member", "team members"),
        plural(
            r.history_entries as usize,
            "history entry",
            "history entries"
        ),
        shown(&r.path),
        size(r.bytes)
    )?;
    Ok(())
}

/// A file size for people: `812 KB`, `3.4 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

pub fn restore(
    firm: &dyn Firm,
    file: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let r = firm.restore(&absolute(file)?, force)?;
    print_restore(&r, out)
}

fn print_restore(r: &RestoreReport, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(
        out,
        "Restored {} and {} from {}.",
        plural(r.clients, "client", "clients"),
        plural(r.members, "team member", "team members"),
        shown(&r.from)
    )?;
    if let Some(kept) = &r.replaced {
        writeln!(out, "The replaced firm file is kept as {}.", shown(kept))?;
    }
    Ok(())
}

pub fn check(firm: &dyn Firm, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let r = firm.check()?;
    report_check(&r, json, out)
}

/// Prints a check's findings; an unhealthy file is an error (exit code 1)
/// whose message says how to restore a backup.
fn report_check(r: &CheckReport, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        serde_json::to_writer_pretty(&mut *out, r).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        print_check(r, out)?;
    }
    if r.is_healthy() {
        return Ok(());
    }
    Err(CliError::Other(match &r.integrity {
        Integrity::Damaged(_) => "the firm file is damaged. Restore your latest backup with: cabinet restore BACKUP-FILE (the damaged file is kept beside the restored one).".to_owned(),
        _ => format!(
            "the check found {}. To go back to a backup: cabinet restore BACKUP-FILE --force (the current file is kept beside the restored one).",
            plural(r.problems.len(), "problem", "problems")
        ),
    }))
}

fn print_check(r: &CheckReport, out: &mut dyn Write) -> Result<(), CliError> {
    let file = shown(&r.file);
    match &r.integrity {
        Integrity::Damaged(reason) => {
            writeln!(out, "{file}: DAMAGED: {}", for_terminal(reason, false))?;
            writeln!(
                out,
                "redb's integrity check failed, so the records cannot be trusted or read."
            )?;
            return Ok(());
        }
        Integrity::Clean => writeln!(out, "{file}: redb's integrity check passed.")?,
        Integrity::Repaired => writeln!(
            out,
            "{file}: redb's integrity check rolled back an interrupted write; the last complete one is intact."
        )?,
    }
    writeln!(
        out,
        "{}, {}, {}.",
        plural(r.clients, "client", "clients"),
        plural(r.members, "team member", "team members"),
        plural(r.history_entries, "history entry", "history entries")
    )?;
    if r.problems.is_empty() {
        writeln!(out, "The indexes and the history match the client records.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} between the client records and their indexes or history:",
        plural(r.problems.len(), "Problem", "Problems")
    )?;
    for p in r.problems.iter().take(SHOWN_PROBLEMS) {
        writeln!(out, "  {}", for_terminal(&p.to_string(), false))?;
    }
    if r.problems.len() > SHOWN_PROBLEMS {
        writeln!(
            out,
            "  … and {} more (--json lists them all)",
            count(r.problems.len() - SHOWN_PROBLEMS)
        )?;
    }
    Ok(())
}

/// True for the commands that can run on a firm file that cannot be opened.
pub fn works_offline(command: &Command) -> bool {
    matches!(command, Command::Check { .. } | Command::Restore { .. })
}

/// Runs `check` or `restore` directly on the firm file in `dir`, which
/// could not be opened because of `why` (or does not exist yet: `None`).
pub fn run_offline(
    command: &Command,
    dir: &Path,
    why: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        Command::Check { json } => {
            let r = check_offline(dir)?;
            report_check(&r, *json, out)
        }
        Command::Restore { file, force } => {
            if let Some(why) = why {
                writeln!(
                    out,
                    "The firm could not be opened ({}); restoring its file directly.",
                    for_terminal(why, false)
                )?;
            }
            let r = restore_offline(dir, &absolute(file)?, *force)?;
            print_restore(&r, out)
        }
        _ => Err(CliError::Api(ApiError::Storage(
            why.unwrap_or("the firm cannot be opened").to_owned(),
        ))),
    }
}
