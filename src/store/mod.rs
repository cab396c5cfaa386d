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
mod fault;
mod import;
mod migrate;
mod once;
mod restore;
mod rows;
mod tables;
mod team;

use std::io::Read;
use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase};

pub use backup::BackupReport;
pub(crate) use backup::MaintenanceError;
// A problem a check found crosses in a refused restore (`BackupFault`).
pub use check::{CheckReport, IndexKind, Problem, Record};
pub(crate) use check::{Integrity, check_file};
pub(crate) use error::DiskTrouble;
pub use error::{StoreError, WriteError};
pub use fault::{BackupFault, FileFault, OsError, OsErrorKind, StorageFault};
pub(crate) use import::{Bulk, Held, MAX_PROBLEMS};
pub use import::{Imported, PROVISIONAL};
pub use once::{Author, Done, Once};
pub use restore::RestoreReport;
pub(crate) use restore::{Staged, restore_offline, undo_install};
use tables::*;

/// The schema version this build writes. Opening a file with a higher
/// one fails rather than risk misreading it.
pub const SCHEMA_VERSION: u64 = 4;

/// The database file's name inside a firm directory.
pub const FILE_NAME: &str = "firm.redb";

/// An open firm database.
pub struct Store {
    db: Database,
    path: PathBuf,
    /// Set when a read or write failed on I/O: redb then refuses every
    /// write until the file is closed and opened again ([`Store::reopen`]).
    stale: std::sync::atomic::AtomicBool,
    /// Set while the file is closed after a failed reopen: every write is
    /// refused.
    closed: bool,
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
    ///
    /// An empty file (zero bytes) holds nothing to lose and becomes a new
    /// firm, as a missing one would.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // redb documents that reading a file damaged outside it may panic;
        // such a file is reported as damaged, never as a crash.
        quietly(|| Store::open_unguarded(path)).unwrap_or_else(|_| {
            Err(StoreError::Damaged {
                path: path.to_owned(),
                detail: None,
            })
        })
    }

    fn open_unguarded(path: &Path) -> Result<Store, StoreError> {
        let exists = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
        if exists {
            sniff(path)?;
            precheck(path)?;
        }
        let db = open_db(path, exists)?;
        let store = Store {
            db,
            path: path.to_owned(),
            stale: Default::default(),
            closed: false,
        };
        store.init_or_check(exists)?;
        Ok(store)
    }

    /// Opens a database kept by a redb storage backend instead of a file;
    /// `label` stands for the file in messages. This exists so that tests
    /// can simulate a power loss at any point of a commit; cabinet itself
    /// always uses [`Store::open`].
    #[doc(hidden)]
    pub fn open_with_backend(
        backend: impl redb::StorageBackend,
        label: &Path,
    ) -> Result<Store, StoreError> {
        let existed = backend.len().is_ok_and(|n| n > 0);
        let mut b = Database::builder();
        b.set_check_integrity_on_open(true);
        let db = b
            .create_with_backend(backend)
            .map_err(|e| StoreError::Damaged {
                path: label.to_owned(),
                detail: Some(e.to_string()),
            })?;
        let store = Store {
            db,
            path: label.to_owned(),
            stale: Default::default(),
            closed: false,
        };
        store.init_or_check(existed)?;
        Ok(store)
    }

    /// Makes a new file ready, or checks that an existing one is a cabinet
    /// database of a schema this build understands.
    fn init_or_check(&self, existed: bool) -> Result<(), StoreError> {
        let (schema, has_tables) = inspect(&self.db, &self.path)?;
        if judge(&self.path, schema, has_tables, existed)? {
            self.initialise()
        } else {
            self.migrate(schema.unwrap_or(SCHEMA_VERSION))?;
            self.ensure_rows()
        }
    }

    fn initialise(&self) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        {
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            meta.insert(SCHEMA_KEY, SCHEMA_VERSION)
                .map_err(|e| self.err(e))?;
            meta.insert(ROWS_LAYOUT_KEY, ROWS_LAYOUT)
                .map_err(|e| self.err(e))?;
            tx.open_table(CLIENTS).map_err(|e| self.err(e))?;
            tx.open_table(NAMES).map_err(|e| self.err(e))?;
            tx.open_table(NUMBERS).map_err(|e| self.err(e))?;
            tx.open_table(TEAM).map_err(|e| self.err(e))?;
            tx.open_table(AUDIT).map_err(|e| self.err(e))?;
            tx.open_table(DRAFTS).map_err(|e| self.err(e))?;
            tx.open_table(ROWS).map_err(|e| self.err(e))?;
            tx.open_table(ONCE).map_err(|e| self.err(e))?;
            tx.open_table(ONCE_BY_AGE).map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Wraps a redb error with this store's path, and marks the store
    /// stale when the error came from the disk.
    fn err(&self, e: impl Into<redb::Error>) -> StoreError {
        let e = e.into();
        if matches!(e, redb::Error::Io(_) | redb::Error::PreviousIo) {
            self.stale.store(true, std::sync::atomic::Ordering::Release);
        }
        StoreError::Db {
            path: self.path.clone(),
            source: Box::new(e),
        }
    }

    /// The id a counter of `META` (`NEXT_CLIENT`, `NEXT_MEMBER`) gives
    /// next: 1 in a new file.
    fn next_id(
        &self,
        meta: &impl redb::ReadableTable<&'static str, u64>,
        counter: &str,
    ) -> Result<u64, StoreError> {
        Ok(meta
            .get(counter)
            .map_err(|e| self.err(e))?
            .map_or(1, |v| v.value()))
    }

    /// Begins a write transaction, unless the file is closed after an
    /// I/O error.
    fn write_tx(&self) -> Result<redb::WriteTransaction, StoreError> {
        if self.closed {
            return Err(StoreError::Io {
                path: self.path.clone(),
                source: std::io::Error::other(
                    "the file was closed after an I/O error and could not be opened again",
                ),
            });
        }
        self.db.begin_write().map_err(|e| self.err(e))
    }

    /// Whether an I/O error left the database needing to be opened again.
    pub(crate) fn is_stale(&self) -> bool {
        self.closed || self.stale.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Closes the database and opens it again, which clears redb's memory
    /// of an earlier I/O error (a full disk, say) once its cause is gone.
    /// When opening fails, the store stays closed and refuses writes, and
    /// a later call tries again.
    pub(crate) fn reopen(&mut self) -> Result<(), StoreError> {
        if !self.closed {
            // Only one handle on the file may be open: the old one is
            // closed first, with an empty stand-in meanwhile.
            let stand_in = Database::builder()
                .create_with_backend(redb::backends::InMemoryBackend::new())
                .map_err(|e| self.err(e))?;
            self.closed = true;
            drop(std::mem::replace(&mut self.db, stand_in));
        }
        let db = open_db(&self.path, true)?;
        self.db = db;
        self.closed = false;
        self.stale
            .store(false, std::sync::atomic::Ordering::Release);
        Ok(())
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

thread_local! {
    /// Set while this thread runs code whose panics are expected and
    /// handled, so that the panic hook stays silent for them.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into an error without printing it. The
/// process's panic hook is wrapped once; other threads' panics are
/// reported as before.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    static WRAP: std::sync::Once = std::sync::Once::new();
    WRAP.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                previous(info);
            }
        }));
    });
    QUIET.set(true);
    let result = std::panic::catch_unwind(f);
    QUIET.set(false);
    result
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
            redb: false,
        });
    }
    Ok(())
}

/// What a database says about itself: the schema version in cabinet's
/// meta table, if it has one, and whether it has any table at all.
fn inspect(db: &impl ReadableDatabase, path: &Path) -> Result<(Option<u64>, bool), StoreError> {
    let err = |e: redb::Error| StoreError::Db {
        path: path.to_owned(),
        source: Box::new(e),
    };
    let read = db.begin_read().map_err(|e| err(e.into()))?;
    let schema = match read.open_table(META) {
        Ok(t) => t
            .get(SCHEMA_KEY)
            .map_err(|e| err(e.into()))?
            .map(|v| v.value()),
        Err(redb::TableError::TableDoesNotExist(_)) => None,
        Err(e) => return Err(err(e.into())),
    };
    let has_tables = read
        .list_tables()
        .map_err(|e| err(e.into()))?
        .next()
        .is_some();
    Ok((schema, has_tables))
}

/// Whether a database may be opened: `Ok(true)` when it still has to be
/// made a cabinet database, `Ok(false)` when it is one already.
fn judge(
    path: &Path,
    schema: Option<u64>,
    has_tables: bool,
    existed: bool,
) -> Result<bool, StoreError> {
    match schema {
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(_) => Ok(false),
        None if existed && has_tables => Err(StoreError::NotCabinet {
            path: path.to_owned(),
            redb: true,
        }),
        None => Ok(true),
    }
}

/// Looks at an existing file read-only before it is opened for writing,
/// because opening a redb file for writing writes to it. Another program's
/// database, or a newer cabinet's, is thus refused untouched. A file that
/// was not closed cleanly cannot be read without a repair; the writable
/// open that follows repairs and then checks it.
fn precheck(path: &Path) -> Result<(), StoreError> {
    let attempt = std::panic::catch_unwind(|| Database::builder().open_read_only(path));
    let db = match attempt {
        Ok(Ok(db)) => db,
        Ok(Err(redb::DatabaseError::RepairAborted)) => return Ok(()),
        Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen)) => {
            return Err(StoreError::InUse {
                path: path.to_owned(),
            });
        }
        Ok(Err(e)) => {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                detail: Some(e.to_string()),
            });
        }
        Err(_) => {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                detail: None,
            });
        }
    };
    let (schema, has_tables) = inspect(&db, path)?;
    judge(path, schema, has_tables, true).map(|_| ())
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
            detail: Some(e.to_string()),
        }),
        Err(_) => Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: None,
        }),
    }
}
