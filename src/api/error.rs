//! The errors a firm API call can return, in a form that crosses the
//! socket unchanged.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use super::cause::{
    AdminAction, ConnectError, Goodbye, ProtocolFault, StartFailure, StopRefusal, Stranger,
    Unreachable,
};
use crate::model::{Client, FieldError};
pub use crate::store::{BackupFault, FileFault, OsError, OsErrorKind, StorageFault};

/// Why a firm API call failed. Every reason is a code with its values;
/// each language words it (`i18n`), and `Display` gives the English, for
/// logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiError {
    /// No client matches what was asked for (as it was asked).
    NotFound(String),

    /// No team member has this id.
    NoMember {
        id: u64,
    },

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
    Internal {
        call: String,
    },

    /// The call failed inside this process, before or after the firm
    /// server (a fault in cabinet's front end).
    AppFault,

    /// The server did not answer in time; the call was given up.
    TimedOut {
        call: String,
        secs: u64,
    },

    /// A change was sent, but the connection broke before the answer:
    /// it may or may not have been saved.
    OutcomeUnknown {
        call: String,
        reason: Unreachable,
    },

    /// The firm's file could not be written; nothing was written.
    NotWritten(NotWritten),
}

impl std::error::Error for ApiError {}

/// Why the server would not read a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    TooLarge {
        len: u64,
        max: u64,
    },

    /// `detail` is the decoder's account.
    Undecodable {
        detail: String,
    },

    TooSlow {
        secs: u64,
    },
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

/// Why a backup, a restore or a bulk write was declined, as a code with
/// its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    BackupExists { path: PathBuf },

    FirmHasData { clients: usize },

    FirmUnreadable { fault: FileFault },

    NotABackup { path: PathBuf, fault: BackupFault },

    CannotWrite { path: PathBuf, fault: BackupFault },

    LocksYouOut { path: PathBuf, login: String },

    BulkTooLarge { max: usize },

    NoBulkOpen,
}

impl ApiError {
    /// A single invalid field.
    pub(crate) fn invalid(field: &str, rule: crate::model::Rule) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, rule)])
    }
}
