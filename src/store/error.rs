//! Store errors: one for opening and reading, one for writes.

use std::path::PathBuf;

use crate::model::{Client, ClientId, FieldError};

/// The database could not be opened or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a cabinet database ({reason}); check the path, or move the file aside")]
    NotCabinet { path: PathBuf, reason: String },

    #[error(
        "{path}: written by a newer cabinet (schema {found}, this build reads up to {supported}); upgrade cabinet"
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u64,
    },

    #[error("{path}: damaged ({reason}); restore a backup with `cabinet restore FILE`")]
    Damaged { path: PathBuf, reason: String },

    #[error("{path}: already open in another process (is a cabinet server running?)")]
    InUse { path: PathBuf },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{path}: {source}")]
    Db {
        path: PathBuf,
        source: Box<redb::Error>,
    },

    #[error("{path}: record {what} does not decode: {reason}; run `cabinet check`")]
    Corrupt {
        path: PathBuf,
        what: String,
        reason: String,
    },
}

/// A write was refused or failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("no client with id {0}")]
    NotFound(ClientId),

    #[error("no team member with id {0}")]
    NoMember(u64),

    #[error("version conflict: expected {expected}, current is {}", current.version)]
    Conflict { expected: u64, current: Box<Client> },

    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),

    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why the disk would not take a write, when that is why a store call
/// failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DiskTrouble {
    Full,
    ReadOnly,
    Other(String),
}

impl StoreError {
    /// What the disk said, when this error came from it.
    pub(crate) fn disk_trouble(&self) -> Option<DiskTrouble> {
        let io = match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::Db { source, .. } => match source.as_ref() {
                redb::Error::Io(e) => Some(e),
                redb::Error::PreviousIo => {
                    return Some(DiskTrouble::Other("an earlier write failed".into()));
                }
                _ => None,
            },
            _ => None,
        }?;
        Some(match io.raw_os_error() {
            Some(28 | 122) => DiskTrouble::Full,
            Some(30) => DiskTrouble::ReadOnly,
            _ => DiskTrouble::Other(io.to_string()),
        })
    }
}
