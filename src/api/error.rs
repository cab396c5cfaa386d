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
    pub fn invalid(field: &str, rule: crate::model::Rule) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, rule)])
    }
}
