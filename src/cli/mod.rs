//! The command line: scriptable subcommands over the firm API.
//!
//! Parsing happens in [`args`]; each command reads and writes only through
//! [`crate::api::Firm`], prints a table for people (in their language) or
//! JSON for scripts (always the same keys), and reports bad input with the
//! field and the rule, exit code 2, and nothing written.

pub mod args;
mod billing;
mod clients;
pub mod demo;
mod due;
pub mod json;
mod maintenance;
pub mod table;
mod team;
mod transfer;

use std::io::{self, Write};

use jiff::civil::Date;

pub use args::Cli;
pub use maintenance::{run_offline, works_offline};

use crate::api::{ApiError, Firm};
use crate::i18n::{Lang, Msg};
use args::Command;

/// What every command gets: the firm, the date, the language and where
/// to write.
pub struct Ctx<'a> {
    pub firm: &'a dyn Firm,
    pub today: Date,
    pub lang: Lang,
    pub out: &'a mut dyn Write,
}

impl Ctx<'_> {
    /// Prints a value as pretty JSON followed by a newline.
    fn json<T: serde::Serialize>(&mut self, value: &T) -> Result<(), CliError> {
        serde_json::to_writer_pretty(&mut *self.out, value)
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(self.out)?;
        Ok(())
    }

    /// A message with its values, in the user's language.
    fn say(&mut self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) -> Result<(), CliError> {
        writeln!(self.out, "{}", self.lang.f(msg, args))?;
        Ok(())
    }
}

/// Runs one subcommand against the firm.
pub fn run(command: &Command, ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    match command {
        Command::List(a) => clients::list(ctx, a),
        Command::Due(a) => due::run(ctx, a),
        Command::Show { client, json } => clients::show(ctx, client, *json),
        Command::Add(a) => clients::add(ctx, a),
        Command::Edit { client, set, json } => clients::edit(ctx, client, set, *json),
        Command::Deactivate { client } => clients::set_active(ctx, client, false),
        Command::Reactivate { client } => clients::set_active(ctx, client, true),
        Command::Team { command } => team::run(ctx, command),
        Command::Billing {
            inactive_billed,
            json,
        } => billing::run(ctx, *inactive_billed, *json),
        Command::Demo { clients, seed } => demo::run(ctx, *clients, *seed),
        Command::Import(a) => transfer::import(ctx, a),
        Command::Export(a) => transfer::export(ctx, a),
        Command::Backup { file } => maintenance::backup(ctx, file),
        Command::Restore { file, force } => maintenance::restore(ctx, file, *force),
        Command::Check { json } => maintenance::check(ctx, *json),
        Command::Serve(_) => Err(CliError::Usage(
            "`serve` is run by the binary, not here".into(),
        )),
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
    #[error("{0}")]
    Other(String),
    /// The command already told the user what happened; exit with this.
    #[error("exit")]
    Exit(std::process::ExitCode),
}

impl CliError {
    /// 2 for bad input or a refused request (nothing was written), 3 for an edit that lost a
    /// race with someone else's, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Refused(_) => 2,
            CliError::Api(
                ApiError::Invalid(_)
                | ApiError::NotFound(_)
                | ApiError::Refused(_)
                | ApiError::Declined(_),
            ) => 2,
            CliError::Api(ApiError::Conflict { .. }) => 3,
            _ => 1,
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
