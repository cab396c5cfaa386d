//! The errors a firm API call can return, in a form that crosses the
//! socket unchanged.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use super::cause::{
    AdminAction, ConnectError, Goodbye, ProtocolFault, StartFailure, StopRefusal, Stranger,
    Unreachable,
};
use crate::model::{Client, FieldError};
pub use crate::store::{FileFault, OsError, OsErrorKind, StorageFault};

/// Why a firm API call failed. Every reason is a code with its values;
/// each language words it (`i18n`), and `Display` gives the English, for
/// logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiError {
    /// No client matches what was asked for (as it was asked).
    NotFound(String),

    /// No team member has this id.
    NoMember { id: u64 },

    Conflict {
        expected: u64,
        current: Box<Client>,
    },

    Invalid(Vec<FieldError>),

    /// Only a firm admin may do this.
    Forbidden {
        action: AdminAction,
    },

    NotMember {
        login: String,
        admins: Vec<String>,
    },

    /// A backup, restore or bulk write that cannot be carried out as
    /// things stand; nothing was changed.
    Declined(Refusal),

    /// The firm's data could not be read or written.
    Storage(StorageFault),

    /// The firm server cannot be reached.
    Unavailable(Unreachable),

    /// Something that should not happen between two builds of the same
    /// protocol.
    Protocol(ProtocolFault),

    /// The server would not read a request (too large, undecodable, or
    /// sent too slowly); it was not carried out.
    Rejected(Rejection),

    /// The server refused a connection: it has as many as it takes.
    Busy(Busy),

    /// The call failed inside the server (a fault in cabinet); the server
    /// logged it and carries on serving. `call` is the call's name.
    Internal { call: String },

    /// The call failed inside this process, before or after the firm
    /// server (a fault in cabinet's front end, logged).
    AppFault,

    /// The server did not answer in time; the call was given up.
    TimedOut { call: String, secs: u64 },

    /// A change was sent, but the connection broke before the answer:
    /// it may or may not have been saved.
    OutcomeUnknown { call: String, reason: Unreachable },

    /// The firm's file could not be written; nothing was written.
    NotWritten(NotWritten),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.api_error(self))
    }
}

impl std::error::Error for ApiError {}

/// Why the server would not read a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    TooLarge { len: u64, max: u64 },

    /// `detail` is the decoder's account.
    Undecodable { detail: String },

    TooSlow { secs: u64 },
}

/// Why the server refused a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Busy {
    ForLogin { login: String, max: u32 },

    Total { max: u32 },
}

/// A write that failed for a reason outside cabinet; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotWritten {
    DiskFull { dir: PathBuf },

    ReadOnly { dir: PathBuf },

    Failed { dir: PathBuf, fault: FileFault },
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

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::Rejected(self.clone()).fmt(f)
    }
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::Busy(self.clone()).fmt(f)
    }
}

impl std::fmt::Display for NotWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::NotWritten(self.clone()).fmt(f)
    }
}

impl ApiError {
    /// A single invalid field.
    pub fn invalid(field: &str, rule: crate::model::Rule) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, rule)])
    }
}
