//! `cabinet backup`, `restore` and `check`.
//!
//! They normally go through the firm API, so the process that holds the
//! firm file does the work while people keep working. When the firm file
//! is too damaged to open, `check` and `restore` still work on the file
//! directly ([`run_offline`]): that is when they are needed most.
//!
//! Reports are in the user's language; `check --json` keeps the same keys
//! whatever the language.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::Command;
use super::json::CheckJson;
use super::{CliError, Ctx};
use crate::api::local::{check_offline, restore_offline};
use crate::api::{CheckReport, Integrity, RestoreReport};
use crate::i18n::{Lang, Msg};
use crate::model::text::for_terminal;

/// How many problems `check` lists before summing up the rest.
const SHOWN_PROBLEMS: usize = 50;

use crate::model::text::path_for_terminal as shown;

/// The path as the firm's process must see it: absolute, since that
/// process does not share this one's working directory.
fn absolute(path: &Path) -> Result<PathBuf, CliError> {
    std::path::absolute(path).map_err(|e| CliError::Usage(format!("{}: {e}", shown(path))))
}

/// `12 clients`, `1 team member`, `3 history entries`, in the language.
fn clients(lang: Lang, n: usize) -> String {
    lang.count(n, Msg::ClientOne, Msg::ClientMany)
}

fn members(lang: Lang, n: usize) -> String {
    lang.count(n, Msg::MemberOne, Msg::MemberMany)
}

fn entries(lang: Lang, n: usize) -> String {
    lang.count(n, Msg::EntryOne, Msg::EntryMany)
}

pub(crate) fn backup(ctx: &mut Ctx<'_>, file: &Path, json: bool) -> Result<(), CliError> {
    let lang = ctx.lang;
    let r = ctx.firm.backup(&absolute(file)?)?;
    if json {
        return ctx.json(&r);
    }
    ctx.say(
        Msg::BackedUp,
        &[
            ("clients", &clients(lang, r.clients as usize)),
            ("members", &members(lang, r.members as usize)),
            ("entries", &entries(lang, r.history_entries as usize)),
            ("path", &shown(&r.path)),
            ("size", &size(lang, r.bytes)),
        ],
    )
}

/// A file size for people: `812 KB`, `3.4 MB` (`812 Ko`, `3,4 Mo`).
fn size(lang: Lang, bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} {}", lang.t(Msg::Bytes)),
        b if b < 1024 * 1024 => format!("{} {}", b.div_ceil(1024), lang.t(Msg::Kilobytes)),
        b => {
            let mb = format!("{:.1}", b as f64 / (1024.0 * 1024.0));
            let mb = match lang {
                Lang::En => mb,
                Lang::Fr => mb.replace('.', ","),
            };
            format!("{mb} {}", lang.t(Msg::Megabytes))
        }
    }
}

pub(crate) fn restore(
    ctx: &mut Ctx<'_>,
    file: &Path,
    force: bool,
    json: bool,
) -> Result<(), CliError> {
    let r = ctx.firm.restore(&absolute(file)?, force)?;
    if json {
        return ctx.json(&r);
    }
    if ctx.quiet {
        return Ok(());
    }
    print_restore(&r, ctx.lang, ctx.out)
}

fn print_restore(r: &RestoreReport, lang: Lang, out: &mut dyn Write) -> Result<(), CliError> {
    let line = lang.f(
        Msg::Restored,
        &[
            ("clients", &clients(lang, r.clients)),
            ("members", &members(lang, r.members)),
            ("path", &shown(&r.from)),
        ],
    );
    writeln!(out, "{line}")?;
    if let Some(kept) = &r.replaced {
        writeln!(
            out,
            "{}",
            lang.f(Msg::ReplacedKept, &[("path", &shown(kept))])
        )?;
    }
    Ok(())
}

pub(crate) fn check(ctx: &mut Ctx<'_>, json: bool) -> Result<(), CliError> {
    let r = ctx.firm.check()?;
    report_check(&r, json, ctx.lang, ctx.out, ctx.quiet)
}

/// Prints a check's findings; an unhealthy file is an error (exit code 6)
/// whose message says how to restore a backup.
fn report_check(
    r: &CheckReport,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
    quiet: bool,
) -> Result<(), CliError> {
    if json {
        serde_json::to_writer_pretty(&mut *out, &CheckJson::new(r))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else if !quiet {
        print_check(r, lang, out)?;
    }
    if r.is_healthy() {
        return Ok(());
    }
    Err(CliError::CheckFailed(match &r.integrity {
        Integrity::Damaged(_) => lang.t(Msg::CheckFailedDamaged).into_owned(),
        _ => lang.f(
            Msg::CheckFailedProblems,
            &[(
                "problems",
                &lang.count(r.problems.len(), Msg::ProblemOne, Msg::ProblemMany),
            )],
        ),
    }))
}

fn print_check(r: &CheckReport, lang: Lang, out: &mut dyn Write) -> Result<(), CliError> {
    let file = shown(&r.file);
    match &r.integrity {
        Integrity::Damaged(reason) => {
            let reason = for_terminal(reason, false);
            writeln!(
                out,
                "{}",
                lang.f(Msg::CheckDamaged, &[("file", &file), ("reason", &reason)])
            )?;
            writeln!(out, "{}", lang.t(Msg::CheckDamagedNote))?;
            return Ok(());
        }
        Integrity::Clean => writeln!(out, "{}", lang.f(Msg::CheckClean, &[("file", &file)]))?,
        Integrity::Repaired => writeln!(out, "{}", lang.f(Msg::CheckRepaired, &[("file", &file)]))?,
    }
    let counts = lang.f(
        Msg::CheckCounts,
        &[
            ("clients", &clients(lang, r.clients)),
            ("members", &members(lang, r.members)),
            ("entries", &entries(lang, r.history_entries)),
        ],
    );
    writeln!(out, "{counts}")?;
    if r.problems.is_empty() {
        writeln!(out, "{}", lang.t(Msg::CheckAllMatch))?;
        return Ok(());
    }
    let problems = lang.count(r.problems.len(), Msg::ProblemCapOne, Msg::ProblemCapMany);
    writeln!(
        out,
        "{}",
        lang.f(Msg::CheckProblems, &[("problems", &problems)])
    )?;
    for p in r.problems.iter().take(SHOWN_PROBLEMS) {
        writeln!(out, "  {}", for_terminal(&lang.problem(p), false))?;
    }
    if r.problems.len() > SHOWN_PROBLEMS {
        let more = crate::i18n::number(lang, (r.problems.len() - SHOWN_PROBLEMS) as u64);
        writeln!(out, "{}", lang.f(Msg::AndMore, &[("more", &more)]))?;
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
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
    quiet: bool,
) -> Result<(), CliError> {
    match command {
        Command::Check { json } => {
            let r = check_offline(dir)?;
            report_check(&r, *json, lang, out, quiet)
        }
        Command::Restore { file, force, json } => {
            if let Some(why) = why.filter(|_| !quiet) {
                let why = for_terminal(why, false);
                writeln!(err, "{}", lang.f(Msg::RestoringOffline, &[("why", &why)]))?;
            }
            let r = restore_offline(dir, &absolute(file)?, *force)?;
            give_back(dir);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &r).map_err(std::io::Error::from)?;
                writeln!(out)?;
                return Ok(());
            }
            if quiet {
                return Ok(());
            }
            print_restore(&r, lang, out)
        }
        // Already in the user's words.
        _ => Err(CliError::Other(why.map_or_else(
            || lang.t(Msg::FirmCannotOpen).into_owned(),
            str::to_owned,
        ))),
    }
}

/// After root restores an office firm with its server stopped, the
/// restored file belongs to the directory's owner (the service account),
/// like the one it replaced, and stays 0600.
fn give_back(dir: &Path) {
    use crate::host::firm_files::{self, Kind};
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(kind) = firm_files::kind(dir) else {
        return;
    };
    let file = dir.join(crate::store::FILE_NAME);
    if let Kind::Office { owner } = kind {
        let group = std::fs::metadata(dir).map(|m| m.gid()).ok();
        let _ = std::os::unix::fs::chown(&file, Some(owner), group);
    }
    let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
}
