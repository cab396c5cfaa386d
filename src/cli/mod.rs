//! The command line: scriptable subcommands over the firm API.
//!
//! Parsing happens in [`args`]; each command reads and writes only through
//! [`crate::api::Firm`], prints a table for people (in their language) or
//! JSON for scripts (always the same keys), and reports bad input with the
//! field and the rule, exit code 2, and nothing written.
//!
//! Results go to standard output; summaries, counts and notes to standard
//! error, so that a pipe gets only rows. [`precheck`] refuses bad input
//! before the firm is opened, and [`output`] writes files without ever
//! destroying what a path points at.

pub mod args;
mod billing;
mod clients;
pub mod demo;
mod due;
pub(crate) mod help_fr;
pub mod init;
pub(crate) mod json;
mod maintenance;
mod manual;
pub mod output;
mod stream;
pub(crate) mod table;
mod team;
mod transfer;

use std::io::{self, Write};

use jiff::civil::Date;

pub use args::Cli;
pub use help_fr::command;
pub use maintenance::{run_offline, works_offline};
pub use manual::{completions, man};

use crate::api::{ApiError, Firm};
use crate::i18n::{Lang, Msg};
use args::Command;

/// What every command gets: the firm, the date, the language and where
/// to write.
pub struct Ctx<'a> {
    pub firm: &'a dyn Firm,
    pub today: Date,
    pub lang: Lang,
    /// Results: rows, records, JSON, confirmations.
    pub out: &'a mut dyn Write,
    /// Summaries, counts and notes.
    pub err: &'a mut dyn Write,
    /// `--quiet`: only results and errors.
    pub quiet: bool,
    /// The terminal's width when standard output is a terminal; `None`
    /// when it is piped or a file.
    pub width: Option<usize>,
}

impl Ctx<'_> {
    /// Prints a value as pretty JSON followed by a newline.
    pub(crate) fn json<T: serde::Serialize>(&mut self, value: &T) -> Result<(), CliError> {
        serde_json::to_writer_pretty(&mut *self.out, value)
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(self.out)?;
        Ok(())
    }

    /// Prints a value as JSON on one line (for `--json-lines`).
    pub(crate) fn json_line<T: serde::Serialize>(&mut self, value: &T) -> Result<(), CliError> {
        serde_json::to_writer(&mut *self.out, value).map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(self.out)?;
        Ok(())
    }

    /// A confirmation of what was done, in the user's language, on
    /// standard output (unless `--quiet`).
    pub(crate) fn say(
        &mut self,
        msg: Msg,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> Result<(), CliError> {
        if !self.quiet {
            writeln!(self.out, "{}", self.lang.f(msg, args))?;
        }
        Ok(())
    }

    /// A summary, count or note, in the user's language, on standard error
    /// (unless `--quiet`), after what standard output has so far.
    pub(crate) fn note(
        &mut self,
        msg: Msg,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> Result<(), CliError> {
        let line = self.lang.f(msg, args);
        self.note_line(&line)
    }

    /// A line of text for standard error (unless `--quiet`).
    pub(crate) fn note_line(&mut self, line: &str) -> Result<(), CliError> {
        if !self.quiet {
            self.out.flush()?;
            writeln!(self.err, "{line}")?;
        }
        Ok(())
    }

    /// How a table should be laid out on standard output.
    pub(crate) fn layout(&self, header: bool) -> table::Layout {
        table::Layout::new(self.width, header)
    }
}

/// The singular or the plural message for `n`, as the language counts.
pub(crate) fn one_or_many(lang: Lang, n: usize, one: Msg, many: Msg) -> Msg {
    let singular = match lang {
        Lang::En => n == 1,
        Lang::Fr => n <= 1,
    };
    if singular { one } else { many }
}

/// Runs one subcommand against the firm.
pub fn run(command: &Command, ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    match command {
        Command::List(a) => clients::list(ctx, a),
        Command::Due(a) => due::run(ctx, a),
        Command::Show {
            client,
            json,
            reveal,
        } => clients::show(ctx, client, *json, *reveal),
        Command::Add(a) => clients::add(ctx, a),
        Command::Edit { client, set, json } => clients::edit(ctx, client, set, *json),
        Command::Deactivate { client, json } => clients::set_active(ctx, client, false, *json),
        Command::Reactivate { client, json } => clients::set_active(ctx, client, true, *json),
        Command::Team { command } => team::run(ctx, command),
        Command::Billing {
            inactive_billed,
            json,
            header,
        } => billing::run(ctx, *inactive_billed, *json, *header),
        Command::Demo {
            clients,
            seed,
            json,
        } => demo::run(ctx, *clients, *seed, *json),
        Command::Import(a) => transfer::import(ctx, a),
        Command::Export(a) => transfer::export(ctx, a),
        Command::Backup { file, json } => maintenance::backup(ctx, file, *json),
        Command::Restore { file, force, json } => maintenance::restore(ctx, file, *force, *json),
        Command::Check { json } => maintenance::check(ctx, *json),
        Command::Serve(_) | Command::Init(_) | Command::Completions { .. } | Command::Man => {
            Err(CliError::Usage(
                // not prose: main runs these itself; only a misrouted call reaches this
                "`serve`, `init`, `completions` and `man` are run by the binary, not here".into(),
            ))
        }
    }
}

/// Checks what can be checked of a command without the firm: field names
/// in `--set`, the file to import, the file to export to. Bad input is
/// refused here, before a firm is created or a server started.
pub fn precheck(command: &Command, lang: Lang) -> Result<(), CliError> {
    let sets = |sets: &[String]| -> Result<(), CliError> {
        let mut errors = Vec::new();
        for s in sets {
            let Some((k, _)) = s.split_once('=') else {
                return Err(CliError::Usage(lang.f(Msg::BadSet, &[("set", s)])));
            };
            if let Err(rule) = crate::model::field::Field::parse(k) {
                errors.push(crate::model::FieldError::new(k.trim(), rule));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(errors).into())
        }
    };
    match command {
        Command::Add(a) => sets(&a.set),
        Command::Edit { set, .. } => sets(set),
        Command::Import(a) => transfer::check_input(&a.file, lang),
        Command::Export(a) => transfer::check_output(a, lang),
        Command::Restore { file, .. } if file.as_os_str() != "-" => {
            transfer::check_input(file, lang)
        }
        // Backups are never overwritten: say so before the firm is opened.
        Command::Backup { file, .. } if std::fs::symlink_metadata(file).is_ok() => {
            let path = std::path::absolute(file).unwrap_or_else(|_| file.clone());
            Err(ApiError::Declined(crate::api::Refusal::BackupExists { path }).into())
        }
        _ => Ok(()),
    }
}

/// Something went wrong that fits no other code.
pub(crate) const EXIT_FAILED: i32 = 1;
/// Bad input: nothing was written.
pub(crate) const EXIT_BAD_INPUT: i32 = 2;
/// Someone else changed the client first: nothing was written.
pub(crate) const EXIT_CONFLICT: i32 = 3;
/// Not allowed: admins only, or not on the team.
pub(crate) const EXIT_REFUSED: i32 = 4;
/// The firm server cannot be reached or started.
pub(crate) const EXIT_UNREACHABLE: i32 = 5;
/// `cabinet check` found problems.
pub(crate) const EXIT_CHECK_PROBLEMS: i32 = 6;

/// The exit code for an error from the firm API.
fn api_exit_code(e: &ApiError) -> i32 {
    match e {
        ApiError::Invalid(_)
        | ApiError::NotFound(_)
        | ApiError::Refused(_)
        | ApiError::Declined(_)
        | ApiError::Rejected(_) => EXIT_BAD_INPUT,
        ApiError::Conflict { .. } => EXIT_CONFLICT,
        ApiError::Forbidden { .. } | ApiError::NotMember { .. } => EXIT_REFUSED,
        ApiError::Unavailable(_) | ApiError::Busy(_) | ApiError::TimedOut { .. } => {
            EXIT_UNREACHABLE
        }
        // Storage failures, protocol errors and anything a newer server
        // may add: the command failed.
        #[allow(unreachable_patterns)]
        _ => EXIT_FAILED,
    }
}

/// Why a command failed, and which exit code that gives.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line itself is wrong.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The request cannot be carried out as things stand (a file that
    /// cannot be imported, for instance), already in the user's language;
    /// nothing was written.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The firm server cannot be reached or started, in words.
    #[error("{0}")]
    Unreachable(String),
    /// The user may not reach the firm (its directory's permissions), in
    /// words.
    #[error("{0}")]
    Denied(String),
    /// `check` found problems, in words.
    #[error("{0}")]
    CheckFailed(String),
    #[error("{0}")]
    Other(String),
    /// The command already told the user what happened; exit with this.
    #[error("exit")]
    Exit(std::process::ExitCode),
}

impl CliError {
    /// The exit code, as `cabinet --help` documents them: 2 for bad input
    /// or a request that cannot be carried out as things stand (nothing
    /// was written), 3 for an edit that lost a race with someone else's,
    /// 4 for a refusal (admins only, not on the team), 5 for a firm server
    /// out of reach, 6 for problems `check` found, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Refused(_) => EXIT_BAD_INPUT,
            CliError::Api(e) => api_exit_code(e),
            CliError::Unreachable(_) => EXIT_UNREACHABLE,
            CliError::Denied(_) => EXIT_REFUSED,
            CliError::CheckFailed(_) => EXIT_CHECK_PROBLEMS,
            _ => EXIT_FAILED,
        }
    }

    /// The message for people, in their language: one line, or one line
    /// per invalid field.
    pub fn report(&self, lang: Lang) -> String {
        match self {
            CliError::Api(ApiError::Invalid(errors)) => {
                let mut s = lang.t(Msg::NothingSaved).into_owned();
                for e in errors {
                    s.push_str("\n  ");
                    s.push_str(&lang.field_error(e));
                }
                s
            }
            CliError::Api(e) => lang.api_error(e),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, FieldError, Rule};

    #[test]
    fn each_failure_class_has_its_exit_code() {
        let api = |e: ApiError| CliError::Api(e).exit_code();
        assert_eq!(
            api(ApiError::Invalid(vec![FieldError::new(
                "email",
                Rule::Email
            )])),
            EXIT_BAD_INPUT
        );
        assert_eq!(api(ApiError::NotFound("x".into())), EXIT_BAD_INPUT);
        assert_eq!(
            api(ApiError::Conflict {
                expected: 1,
                current: Box::new(Client::new("Alpha")),
            }),
            EXIT_CONFLICT
        );
        assert_eq!(
            api(ApiError::Forbidden {
                action: "add a member".into()
            }),
            EXIT_REFUSED
        );
        assert_eq!(
            api(ApiError::NotMember {
                login: "x".into(),
                admins: vec![]
            }),
            EXIT_REFUSED
        );
        assert_eq!(api(ApiError::Unavailable("gone".into())), EXIT_UNREACHABLE);
        assert_eq!(api(ApiError::Storage("disk".into())), EXIT_FAILED);
        assert_eq!(CliError::Usage("x".into()).exit_code(), EXIT_BAD_INPUT);
        assert_eq!(
            CliError::Unreachable("x".into()).exit_code(),
            EXIT_UNREACHABLE
        );
        assert_eq!(CliError::Denied("x".into()).exit_code(), EXIT_REFUSED);
        assert_eq!(
            CliError::CheckFailed("x".into()).exit_code(),
            EXIT_CHECK_PROBLEMS
        );
        let io = std::io::Error::other("disk full");
        assert_eq!(CliError::Io(io).exit_code(), EXIT_FAILED);
    }

    #[test]
    fn every_message_in_one_or_many_counts_as_the_language_does() {
        let pick = |lang, n| one_or_many(lang, n, Msg::ClientOne, Msg::ClientMany);
        assert_eq!(pick(Lang::En, 0), Msg::ClientMany);
        assert_eq!(pick(Lang::Fr, 0), Msg::ClientOne);
        assert_eq!(pick(Lang::En, 1), Msg::ClientOne);
        assert_eq!(pick(Lang::Fr, 2), Msg::ClientMany);
    }
}
