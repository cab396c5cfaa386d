//! The errors a firm API call can return, in a form that crosses the
//! socket unchanged.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::{Client, FieldError};

/// Why a firm API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ApiError {
    #[error("no client matches {0:?}")]
    NotFound(String),

    #[error("{} was changed by someone else (you edited version {expected}, it is now at version {}); nothing was saved", current.display_name, current.version)]
    Conflict { expected: u64, current: Box<Client> },

    #[error("{}", invalid_message(.0))]
    Invalid(Vec<FieldError>),

    #[error("only a firm admin may {action}")]
    Forbidden { action: String },

    #[error("{login} is not on this firm's team; ask an admin to add you ({})", .admins.join(", "))]
    NotMember { login: String, admins: Vec<String> },

    /// The request cannot be carried out as things stand (a backup file
    /// that exists, a restore over a firm with data); nothing was changed.
    #[error("{0}")]
    Refused(String),

    /// A backup or restore that cannot be carried out as things stand, as
    /// a code with its values for the client to word; nothing was changed.
    #[error("{0}")]
    Declined(Refusal),

    #[error("the firm's data could not be read or written: {0}")]
    Storage(String),

    #[error("the firm server is unavailable: {0}")]
    Unavailable(String),

    #[error("protocol error: {0}")]
    Protocol(String),

    /// The server would not read a request (too large, undecodable, or
    /// sent too slowly); it was not carried out.
    #[error("{0}")]
    Rejected(Rejection),

    /// The server refused a connection: it has as many as it takes.
    #[error("{0}")]
    Busy(Busy),

    /// The call failed inside the server (a fault in cabinet); the server
    /// logged it and carries on serving.
    #[error(
        "the firm server failed while handling {call} (an internal error, recorded in its log); the server carries on, so try again, and tell your administrator if it happens again"
    )]
    Internal { call: String },

    /// The server did not answer in time; the call was given up.
    #[error(
        "the firm server did not answer {call} within {secs} seconds; nothing came back, so the connection was dropped"
    )]
    TimedOut { call: String, secs: u64 },

    /// A change was sent, but the connection broke before the answer:
    /// it may or may not have been saved.
    #[error(
        "the connection to the firm server broke after {call} was sent ({reason}); it may or may not have been saved, so look before doing it again"
    )]
    OutcomeUnknown { call: String, reason: String },

    /// The firm's file could not be written; nothing was written.
    #[error("{0}")]
    NotWritten(NotWritten),
}

/// Why the server would not read a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Rejection {
    #[error(
        "the request is {len} bytes, over the firm server's limit of {max} bytes; nothing was done"
    )]
    TooLarge { len: u64, max: u64 },

    #[error("the firm server could not read the request ({reason}); nothing was done")]
    Undecodable { reason: String },

    #[error("the request did not arrive whole within {secs} seconds; nothing was done")]
    TooSlow { secs: u64 },
}

/// Why the server refused a connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Busy {
    #[error(
        "{login} already has {max} connections to the firm server, its limit; close some cabinet windows or commands and try again"
    )]
    ForLogin { login: String, max: u32 },

    #[error(
        "the firm server already has {max} connections, its limit; try again shortly, or ask your administrator"
    )]
    Total { max: u32 },
}

/// A write that failed for a reason outside cabinet; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NotWritten {
    #[error(
        "the disk holding {} is full; nothing was written. Free some space there and try again",
        dir.display()
    )]
    DiskFull { dir: PathBuf },

    #[error(
        "the disk holding {} is read-only; nothing was written. Ask your administrator to make it writable",
        dir.display()
    )]
    ReadOnly { dir: PathBuf },

    #[error(
        "the firm's file in {} could not be written ({reason}); nothing was written. Try again once the cause is fixed",
        dir.display()
    )]
    Failed { dir: PathBuf, reason: String },
}

/// Why a backup, a restore or a bulk write was declined. `reason` fields
/// carry the storage layer's own account of a file, shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Refusal {
    #[error("{} already exists; backups are never overwritten, so choose a new file name", path.display())]
    BackupExists { path: PathBuf },

    #[error(
        "the firm holds {clients} clients, and a restore replaces them all; run the restore with --force to replace them anyway (the current file is kept beside the restored one)"
    )]
    FirmHasData { clients: usize },

    #[error(
        "the current firm file cannot be opened ({reason}); run the restore with --force to replace it (it is kept beside the restored one)"
    )]
    FirmUnreadable { reason: String },

    #[error("{} is not a usable backup: {reason}", path.display())]
    NotABackup { path: PathBuf, reason: String },

    #[error("cannot write the backup {}: {reason}", path.display())]
    CannotWrite { path: PathBuf, reason: String },

    #[error(
        "{} has no active team member {login}: after this restore you could no longer use the firm; add {login} to the team of the backed-up firm, have someone on its team restore it, or run the restore with --force",
        path.display()
    )]
    LocksYouOut { path: PathBuf, login: String },

    #[error(
        "one import takes at most {max} clients, and this one has more; nothing was written, so split the file and import the parts"
    )]
    BulkTooLarge { max: usize },

    #[error(
        "this import is no longer open on the firm server (it was finished or dropped); nothing more was written, so run it again"
    )]
    NoBulkOpen,
}

fn invalid_message(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ApiError {
    /// A single invalid field.
    pub(crate) fn invalid(field: &str, rule: crate::model::Rule) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, rule)])
    }
}
