//! Backups of the firm file.
//!
//! A backup is a logical copy: every table read in one read transaction
//! and written into a fresh redb file, so it is consistent while people
//! keep working, and compact. It is written beside its destination under
//! a temporary name and only then given its name, so a backup file is
//! either whole or absent. The file helpers here serve restores too.

use std::fs;
use std::path::{Path, PathBuf};

use redb::{
    Database, MultimapTableHandle, ReadableDatabase, ReadableTableMetadata, TableDefinition,
    TableHandle,
};
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::StoreError;
use super::tables::*;
use crate::model::audit::TEAM_HISTORY;

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupReport {
    /// The backup file written.
    pub path: PathBuf,
    pub clients: u64,
    pub(crate) members: u64,
    pub history_entries: u64,
    /// The backup file's size.
    pub bytes: u64,
}

/// Why a backup or restore was refused or failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MaintenanceError {
    #[error("{} already exists; backups are never overwritten, so choose a new file name", path.display())]
    Exists { path: PathBuf },

    #[error(
        "the firm holds {clients} clients, and a restore replaces them all; run the restore with --force to replace them anyway (the current file is kept beside the restored one)"
    )]
    HasData { clients: usize },

    #[error("the current firm file cannot be opened ({fault:?}); a forced restore replaces it")]
    Unreadable { fault: super::FileFault },

    #[error("{} is not a usable backup ({fault:?})", path.display())]
    BadBackup {
        path: PathBuf,
        fault: super::BackupFault,
    },

    #[error("cannot write the backup {} ({fault:?})", path.display())]
    Destination {
        path: PathBuf,
        fault: super::BackupFault,
    },

    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every table a backup copies, by name; a file holding any other table
/// is refused rather than copied in part.
const TABLES: [&str; 10] = [
    "meta",
    "clients",
    "client_rows",
    "client_names",
    "client_numbers",
    "team",
    "audit",
    "drafts",
    "changes_sent_once",
    "changes_sent_once_by_age",
];

impl Store {
    /// How many clients the firm holds.
    pub(crate) fn client_count(&self) -> Result<u64, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        table.len().map_err(|e| self.err(e))
    }

    /// Writes a consistent copy of the whole firm to `dest`, which must
    /// not exist yet. Readers and writers carry on meanwhile: the copy is
    /// taken from one read transaction.
    pub(crate) fn backup_to(&self, dest: &Path) -> Result<BackupReport, MaintenanceError> {
        if dest.exists() {
            return Err(MaintenanceError::Exists {
                path: dest.to_owned(),
            });
        }
        let io = |e: std::io::Error| MaintenanceError::Destination {
            path: dest.to_owned(),
            fault: e.into(),
        };
        let dir = parent(dest);
        if !dir.is_dir() {
            return Err(MaintenanceError::Destination {
                path: dest.to_owned(),
                fault: super::BackupFault::NoFolder { dir },
            });
        }
        let tmp = sibling(dest, &format!(".partial-{}", std::process::id()));
        remove_if_exists(&tmp).map_err(io)?;
        let result = self.copy_into(&tmp).and_then(|mut report| {
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(io)?;
            // A backup holds every client's tax identifiers: its owner's
            // alone, whatever the umask.
            fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o600))
                .map_err(io)?;
            publish_no_clobber(&tmp, dest)?;
            sync_dir(&dir).map_err(io)?;
            report.path = dest.to_owned();
            report.bytes = fs::metadata(dest).map_err(io)?.len();
            Ok(report)
        });
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Copies every table into a new database at `path`.
    fn copy_into(&self, path: &Path) -> Result<BackupReport, MaintenanceError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let names: Vec<String> = read
            .list_tables()
            .map_err(|e| self.err(e))?
            .map(|t| t.name().to_owned())
            .chain(
                read.list_multimap_tables()
                    .map_err(|e| self.err(e))?
                    .map(|t| t.name().to_owned()),
            )
            .collect();
        if let Some(unknown) = names.iter().find(|n| !TABLES.contains(&n.as_str())) {
            return Err(MaintenanceError::BadBackup {
                path: self.path.clone(),
                fault: super::BackupFault::UnknownTable {
                    table: unknown.clone(),
                },
            });
        }
        let target = |e: redb::Error| StoreError::Db {
            path: path.to_owned(),
            source: Box::new(e),
        };
        let db = Database::create(path).map_err(|e| target(e.into()))?;
        let write = db.begin_write().map_err(|e| target(e.into()))?;
        let report = BackupReport {
            path: path.to_owned(),
            clients: copy(&read, &write, CLIENTS).map_err(target)?,
            members: copy(&read, &write, TEAM).map_err(target)?,
            history_entries: copy(&read, &write, AUDIT).map_err(target)?
                - team_entries(&read).map_err(target)?,
            bytes: 0,
        };
        copy(&read, &write, META).map_err(target)?;
        copy(&read, &write, NAMES).map_err(target)?;
        copy(&read, &write, NUMBERS).map_err(target)?;
        copy(&read, &write, DRAFTS).map_err(target)?;
        copy(&read, &write, ROWS).map_err(target)?;
        copy(&read, &write, ONCE).map_err(target)?;
        copy(&read, &write, ONCE_BY_AGE).map_err(target)?;
        write.commit().map_err(|e| target(e.into()))?;
        drop(db);
        Ok(report)
    }
}

/// Copies one table, row by row; a table the source lacks is skipped.
fn copy<K: redb::Key + 'static, V: redb::Value + 'static>(
    read: &redb::ReadTransaction,
    write: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64, redb::Error> {
    let src = match read.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut dst = write.open_table(def)?;
    let mut n = 0;
    for row in redb::ReadableTable::iter(&src)? {
        let (k, v) = row?;
        dst.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(n)
}

/// How many entries of the history table are the team's own, not a
/// client's.
fn team_entries(read: &redb::ReadTransaction) -> Result<u64, redb::Error> {
    let t = match read.open_table(AUDIT) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut n = 0;
    for row in t.range((TEAM_HISTORY, 0)..=(TEAM_HISTORY, u64::MAX))? {
        row?;
        n += 1;
    }
    Ok(n)
}

/// Gives `tmp` the name `dest`, failing if `dest` appeared meanwhile. A
/// hard link cannot replace an existing file; where the file system has
/// no hard links, a rename after a last check does.
fn publish_no_clobber(tmp: &Path, dest: &Path) -> Result<(), MaintenanceError> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(MaintenanceError::Exists {
            path: dest.to_owned(),
        }),
        Err(_) if dest.exists() => Err(MaintenanceError::Exists {
            path: dest.to_owned(),
        }),
        Err(_) => fs::rename(tmp, dest).map_err(|e| {
            StoreError::Io {
                path: dest.to_owned(),
                source: e,
            }
            .into()
        }),
    }
}

/// `path` with `suffix` appended to its file name.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// The folder `path` is in; `.` for a bare file name.
pub(super) fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Removes a leftover temporary file, if there is one.
pub(super) fn remove_if_exists(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a rename in `dir` durable.
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::FILE_NAME;

    #[test]
    fn every_table_the_store_creates_is_copied() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        let read = store.db.begin_read().unwrap();
        let mut names: Vec<String> = read
            .list_tables()
            .unwrap()
            .map(|t| t.name().to_owned())
            .collect();
        names.sort();
        let mut known = TABLES.map(str::to_owned).to_vec();
        known.sort();
        assert_eq!(names, known);
    }

    #[test]
    fn a_backup_keeps_the_keys_of_changes_sent_once_with_their_queue() {
        use crate::model::Client;
        use crate::store::{Author, Done, Once};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        let once = Once { uid: 1000, key: 7 };
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let c = store
            .create(Client::new("Gardé"), Author::new(1, Some(once)), now)
            .unwrap();
        let dest = dir.path().join("copy.redb");
        store.backup_to(&dest).unwrap();
        drop(store);
        // A change sent again after the backup is restored is answered
        // from it, not carried out again; the copy checks clean.
        let mut copy = Store::open(&dest).unwrap();
        assert_eq!(
            copy.done_before(once).unwrap(),
            Some(Done::Created {
                first: c.id,
                count: 1
            })
        );
        assert_eq!(copy.check().unwrap().problems, Vec::new());
    }
}
