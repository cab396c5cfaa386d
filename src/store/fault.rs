//! What went wrong with a file, as codes with their values: the kind and
//! number the operating system gave, or cabinet's own account of a
//! database. These cross the socket inside API errors, and each language
//! words them (`i18n::causes`). Text from outside cabinet that has no code
//! (redb's or the codec's account of a damaged file) is kept in fields
//! named `detail` and shown as it is, after a sentence in the user's
//! language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// An error the operating system reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsError {
    pub kind: OsErrorKind,
    /// The system's error number, when it gave one.
    pub code: Option<i32>,
    /// The error's own text, kept only when neither its kind nor its
    /// number says what it is; shown as it is.
    pub detail: Option<String>,
}

/// The kinds of system error cabinet words itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OsErrorKind {
    NotFound,
    PermissionDenied,
    AlreadyExists,
    DiskFull,
    ReadOnly,
    NotADirectory,
    IsADirectory,
    ConnectionRefused,
    ConnectionReset,
    BrokenPipe,
    TimedOut,
    UnexpectedEof,
    InvalidData,
    Interrupted,
    Other,
}

impl From<&std::io::Error> for OsError {
    fn from(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let code = e.raw_os_error();
        let kind = match (code, e.kind()) {
            (Some(28 | 122), _) | (_, K::StorageFull) => OsErrorKind::DiskFull,
            (Some(30), _) | (_, K::ReadOnlyFilesystem) => OsErrorKind::ReadOnly,
            (_, K::NotFound) => OsErrorKind::NotFound,
            (_, K::PermissionDenied) => OsErrorKind::PermissionDenied,
            (_, K::AlreadyExists) => OsErrorKind::AlreadyExists,
            (_, K::NotADirectory) => OsErrorKind::NotADirectory,
            (_, K::IsADirectory) => OsErrorKind::IsADirectory,
            (_, K::ConnectionRefused) => OsErrorKind::ConnectionRefused,
            (_, K::ConnectionReset | K::ConnectionAborted) => OsErrorKind::ConnectionReset,
            (_, K::BrokenPipe) => OsErrorKind::BrokenPipe,
            (_, K::TimedOut | K::WouldBlock) => OsErrorKind::TimedOut,
            (_, K::UnexpectedEof) => OsErrorKind::UnexpectedEof,
            (_, K::InvalidData) => OsErrorKind::InvalidData,
            (_, K::Interrupted) => OsErrorKind::Interrupted,
            _ => OsErrorKind::Other,
        };
        let detail = (kind == OsErrorKind::Other).then(|| {
            // The system's own words, without Rust's "(os error N)",
            // which the code already carries.
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        });
        OsError { kind, code, detail }
    }
}

impl From<std::io::Error> for OsError {
    fn from(e: std::io::Error) -> Self {
        OsError::from(&e)
    }
}

impl OsError {
    /// An error number, as a system call returned it.
    pub fn from_code(code: i32) -> Self {
        OsError::from(std::io::Error::from_raw_os_error(code))
    }
}

/// Why the firm's data, or a file standing for it, could not be read or
/// written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileFault {
    /// The system refused a read or a write.
    Os(OsError),
    /// The file is not a database.
    NotCabinet,
    /// The file is a database without cabinet's tables.
    NoCabinetTables,
    /// A newer cabinet wrote it.
    NewerSchema { found: u64, supported: u64 },
    /// The database found itself damaged; `detail` is its own account.
    Damaged { detail: Option<String> },
    /// Another process has it open.
    InUse,
    /// A record does not decode; `detail` is the decoder's account.
    Undecodable { record: String, detail: String },
    /// The database refused an operation; `detail` is its own account.
    Database { detail: String },
    /// An earlier write failed, and the file must be opened again.
    EarlierWriteFailed,
}

/// Why a file is no usable backup, or a backup cannot be written there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupFault {
    /// The file itself: missing, unreadable, not a cabinet database,
    /// damaged, written by a newer cabinet.
    File(FileFault),
    /// The folder to write it in does not exist.
    NoFolder { dir: PathBuf },
    /// It is not a regular file.
    NotAFile,
    /// It holds nothing.
    Empty,
    /// It holds a table this version does not know.
    UnknownTable { table: String },
    /// It fails its check: the first problem, and how many more.
    FailsCheck { first: super::Problem, more: usize },
}

impl From<std::io::Error> for BackupFault {
    fn from(e: std::io::Error) -> Self {
        BackupFault::File(FileFault::Os(e.into()))
    }
}

/// A file the firm's server could not read or write, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageFault {
    /// The file, when one is known.
    pub path: Option<PathBuf>,
    pub fault: FileFault,
}

impl super::StoreError {
    /// What is wrong with the file, without its path.
    pub fn file_fault(&self) -> FileFault {
        self.fault().fault
    }

    /// This error as a code with its values.
    pub fn fault(&self) -> StorageFault {
        use super::StoreError as E;
        let (path, fault) = match self {
            E::NotCabinet { path, redb: false } => (path, FileFault::NotCabinet),
            E::NotCabinet { path, redb: true } => (path, FileFault::NoCabinetTables),
            E::NewerSchema {
                path,
                found,
                supported,
            } => (
                path,
                FileFault::NewerSchema {
                    found: *found,
                    supported: *supported,
                },
            ),
            E::Damaged { path, detail } => (
                path,
                FileFault::Damaged {
                    detail: detail.clone(),
                },
            ),
            E::InUse { path } => (path, FileFault::InUse),
            E::Io { path, source } => (path, FileFault::Os(source.into())),
            E::Db { path, source } => (
                path,
                match source.as_ref() {
                    redb::Error::Io(e) => FileFault::Os(e.into()),
                    redb::Error::PreviousIo => FileFault::EarlierWriteFailed,
                    other => FileFault::Database {
                        detail: other.to_string(),
                    },
                },
            ),
            E::Corrupt { path, what, reason } => (
                path,
                FileFault::Undecodable {
                    record: what.clone(),
                    detail: reason.clone(),
                },
            ),
        };
        StorageFault {
            path: Some(path.clone()),
            fault,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_keep_their_kind_and_number() {
        let e = OsError::from_code(28);
        assert_eq!(e.kind, OsErrorKind::DiskFull);
        assert_eq!(e.code, Some(28));
        assert_eq!(e.detail, None);
        let e = OsError::from(std::io::Error::from_raw_os_error(2));
        assert_eq!(e.kind, OsErrorKind::NotFound);
        // No kind: the system's words are kept, without the number.
        let e = OsError::from_code(5);
        assert_eq!(e.kind, OsErrorKind::Other);
        assert_eq!(e.code, Some(5));
        let detail = e.detail.unwrap();
        assert!(!detail.contains("os error"), "{detail}");
        let e = OsError::from(std::io::Error::other("strange"));
        assert_eq!(e.detail.as_deref(), Some("strange"));
        assert_eq!(e.code, None);
    }
}
