//! The store: the firm's records in one redb file, `firm.redb`.
//!
//! This is the only module that imports redb. Every change is one write
//! transaction committed durably: when a method returns `Ok`, the change
//! is on disk, and when it returns `Err`, nothing was written. Records are
//! encoded by [`crate::codec`], never here.

mod backup;
mod check;
mod clients;
mod drafts;
mod error;
mod import;
mod restore;
mod tables;
mod team;

use std::io::Read;
use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase};

pub use backup::{BackupReport, MaintenanceError};
pub use check::{CheckReport, IndexKind, Integrity, Problem, check_file};
pub use error::{StoreError, WriteError};
pub use import::Imported;
pub use restore::{RestoreReport, Staged, restore_offline, undo_install};
use tables::*;

/// The schema version this build writes. Opening a file with a higher
/// one fails rather than risk misreading it.
pub const SCHEMA_VERSION: u64 = 1;

/// The database file's name inside a firm directory.
pub const FILE_NAME: &str = "firm.redb";

/// An open firm database.
pub struct Store {
    db: Database,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the database at `path`, creating a new, empty firm when the
    /// file does not exist.
    ///
    /// A file that is not a cabinet database, or that a newer cabinet
    /// wrote, is refused with an error naming the file; nothing is written
    /// to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let exists = path.exists();
        if exists {
            sniff(path)?;
        }
        let db = open_db(path, exists)?;
        let store = Store {
            db,
            path: path.to_owned(),
        };
        store.init_or_check(exists)?;
        Ok(store)
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes a new file ready, or checks that an existing one is a cabinet
    /// database of a schema this build understands.
    fn init_or_check(&self, existed: bool) -> Result<(), StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let schema = match read.open_table(META) {
            Ok(t) => t
                .get(SCHEMA_KEY)
                .map_err(|e| self.err(e))?
                .map(|v| v.value()),
            Err(redb::TableError::TableDoesNotExist(_)) => None,
            Err(e) => return Err(self.err(e)),
        };
        let has_tables = read
            .list_tables()
            .map_err(|e| self.err(e))?
            .next()
            .is_some();
        drop(read);
        match schema {
            Some(v) if v > SCHEMA_VERSION => Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: v,
                supported: SCHEMA_VERSION,
            }),
            Some(_) => Ok(()),
            None if existed && has_tables => Err(StoreError::NotCabinet {
                path: self.path.clone(),
                reason: "it is a redb database without cabinet's tables".into(),
            }),
            None => self.initialise(),
        }
    }

    fn initialise(&self) -> Result<(), StoreError> {
        let tx = self.db.begin_write().map_err(|e| self.err(e))?;
        {
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            meta.insert(SCHEMA_KEY, SCHEMA_VERSION)
                .map_err(|e| self.err(e))?;
            tx.open_table(CLIENTS).map_err(|e| self.err(e))?;
            tx.open_table(NAMES).map_err(|e| self.err(e))?;
            tx.open_table(NUMBERS).map_err(|e| self.err(e))?;
            tx.open_table(TEAM).map_err(|e| self.err(e))?;
            tx.open_table(AUDIT).map_err(|e| self.err(e))?;
            tx.open_table(DRAFTS).map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Wraps a redb error with this store's path.
    fn err(&self, e: impl Into<redb::Error>) -> StoreError {
        StoreError::Db {
            path: self.path.clone(),
            source: Box::new(e.into()),
        }
    }

    /// Runs redb's own integrity check (and repair of an interrupted
    /// commit). Returns `false` when a repair was needed.
    pub fn check_integrity(&mut self) -> Result<bool, StoreError> {
        let path = self.path.clone();
        self.db.check_integrity().map_err(|e| StoreError::Db {
            path,
            source: Box::new(e.into()),
        })
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u64, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let meta = read.open_table(META).map_err(|e| self.err(e))?;
        Ok(meta
            .get(SCHEMA_KEY)
            .map_err(|e| self.err(e))?
            .map(|v| v.value())
            .unwrap_or(0))
    }
}

/// Refuses a file that is plainly not a redb database before redb sees it.
fn sniff(path: &Path) -> Result<(), StoreError> {
    let mut head = [0u8; 9];
    let mut f = std::fs::File::open(path).map_err(|e| StoreError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    let n = f.read(&mut head).map_err(|e| StoreError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    if n == 0 {
        return Ok(());
    }
    if n < 9 || &head[..4] != b"redb" {
        return Err(StoreError::NotCabinet {
            path: path.to_owned(),
            reason: "it is not a database file".into(),
        });
    }
    Ok(())
}

/// Opens the file with redb, checking integrity so that a damaged file is
/// reported rather than trusted. redb documents that opening a corrupted
/// file without the check may panic; a panic is turned into an error as a
/// last line of defence.
fn open_db(path: &Path, exists: bool) -> Result<Database, StoreError> {
    let attempt = std::panic::catch_unwind(|| {
        let mut b = Database::builder();
        b.set_check_integrity_on_open(true);
        if exists { b.open(path) } else { b.create(path) }
    });
    match attempt {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen)) => Err(StoreError::InUse {
            path: path.to_owned(),
        }),
        Ok(Err(e)) => Err(StoreError::Damaged {
            path: path.to_owned(),
            reason: e.to_string(),
        }),
        Err(_) => Err(StoreError::Damaged {
            path: path.to_owned(),
            reason: "the file could not be read".into(),
        }),
    }
}
