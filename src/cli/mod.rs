//! The command line: scriptable subcommands over the firm API.
//!
//! Parsing happens in [`args`]; each command reads and writes only through
//! [`crate::api::Firm`], prints a table for people or JSON for scripts,
//! and reports bad input with the field and the rule, exit code 2, and
//! nothing written.

pub mod args;
mod commands;
pub mod json;
mod maintenance;
pub mod table;
mod transfer;

use std::io;

pub use args::Cli;
pub use commands::run;
pub use maintenance::{run_offline, works_offline};

use crate::api::ApiError;

/// Why a command failed, and which exit code that gives.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line itself is wrong.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{0}")]
    Other(String),
}

impl CliError {
    /// 2 for bad input or a refused request (nothing was written), 3 for an edit that lost a
    /// race with someone else's, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Api(ApiError::Invalid(_) | ApiError::NotFound(_) | ApiError::Refused(_)) => 2,
            CliError::Api(ApiError::Conflict { .. }) => 3,
            _ => 1,
        }
    }

    /// The message for people: one line, or one line per invalid field.
    pub fn report(&self) -> String {
        match self {
            CliError::Api(ApiError::Invalid(errors)) => {
                let mut s = String::from("nothing was saved:");
                for e in errors {
                    s.push_str(&format!("\n  {}: {}", e.field, e.rule));
                }
                s
            }
            other => other.to_string(),
        }
    }
}
