//! Backups and restores of the firm file.
//!
//! A backup is a logical copy: every table read in one read transaction
//! and written into a fresh redb file, so it is consistent while people
//! keep working, and compact. It is written beside its destination under
//! a temporary name and only then given its name, so a backup file is
//! either whole or absent.
//!
//! A restore never edits the firm file in place. The backup is copied
//! beside the firm file, opened and checked there; only a copy that
//! passes takes the firm file's name, and the file it replaces is kept
//! beside it as `firm.redb.replaced-<time>`.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use redb::{
    Database, MultimapTableHandle, ReadableDatabase, ReadableTableMetadata, TableDefinition,
    TableHandle,
};
use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::tables::*;
use super::{FILE_NAME, Store};

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupReport {
    /// The backup file written.
    pub path: PathBuf,
    pub clients: u64,
    pub members: u64,
    pub history_entries: u64,
    /// The backup file's size.
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// The backup restored from.
    pub from: PathBuf,
    pub clients: usize,
    pub members: usize,
    /// Where the replaced firm file was kept, if there was one.
    pub replaced: Option<PathBuf>,
}

/// Why a backup or restore was refused or failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    #[error("{} already exists; backups are never overwritten, so choose a new file name", path.display())]
    Exists { path: PathBuf },

    #[error(
        "the firm holds {clients} clients, and a restore replaces them all; run the restore with --force to replace them anyway (the current file is kept beside the restored one)"
    )]
    HasData { clients: usize },

    #[error(
        "the current firm file cannot be opened ({reason}); run the restore with --force to replace it (it is kept beside the restored one)"
    )]
    Unreadable { reason: String },

    #[error("{} is not a usable backup: {reason}", path.display())]
    BadBackup { path: PathBuf, reason: String },

    #[error("cannot write the backup {}: {reason}", path.display())]
    Destination { path: PathBuf, reason: String },

    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every table a backup copies, by name; a file holding any other table
/// is refused rather than copied in part.
const TABLES: [&str; 7] = [
    "meta",
    "clients",
    "client_names",
    "client_numbers",
    "team",
    "audit",
    "drafts",
];

impl Store {
    /// How many clients the firm holds.
    pub fn client_count(&self) -> Result<u64, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        table.len().map_err(|e| self.err(e))
    }

    /// Writes a consistent copy of the whole firm to `dest`, which must
    /// not exist yet. Readers and writers carry on meanwhile: the copy is
    /// taken from one read transaction.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupReport, MaintenanceError> {
        if dest.exists() {
            return Err(MaintenanceError::Exists {
                path: dest.to_owned(),
            });
        }
        let io = |e: std::io::Error| MaintenanceError::Destination {
            path: dest.to_owned(),
            reason: e.to_string(),
        };
        let dir = parent(dest);
        if !dir.is_dir() {
            return Err(MaintenanceError::Destination {
                path: dest.to_owned(),
                reason: format!("the folder {} does not exist", dir.display()),
            });
        }
        let tmp = sibling(dest, &format!(".partial-{}", std::process::id()));
        remove_if_exists(&tmp).map_err(io)?;
        let result = self.copy_into(&tmp).and_then(|mut report| {
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
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
                reason: format!(
                    "it holds a table ({unknown}) this version of cabinet does not know; back it up with the cabinet that wrote it"
                ),
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
            history_entries: copy(&read, &write, AUDIT).map_err(target)?,
            bytes: 0,
        };
        copy(&read, &write, META).map_err(target)?;
        copy(&read, &write, NAMES).map_err(target)?;
        copy(&read, &write, NUMBERS).map_err(target)?;
        copy(&read, &write, DRAFTS).map_err(target)?;
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

/// A backup copied beside the firm file and checked, waiting to take the
/// firm file's place. Dropped without being installed, it is removed.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    from: PathBuf,
    clients: usize,
    members: usize,
    installed: bool,
}

impl Staged {
    /// Copies `backup` beside `firm_file`, opens the copy (which runs
    /// redb's integrity check) and checks it. The backup itself is only
    /// read.
    pub fn prepare(backup: &Path, firm_file: &Path) -> Result<Staged, MaintenanceError> {
        let bad = |reason: String| MaintenanceError::BadBackup {
            path: backup.to_owned(),
            reason,
        };
        let meta = fs::metadata(backup).map_err(|e| bad(e.to_string()))?;
        if !meta.is_file() {
            return Err(bad("it is not a file".into()));
        }
        if meta.len() == 0 {
            return Err(bad("the file is empty".into()));
        }
        let path = sibling(firm_file, &format!(".restoring-{}", std::process::id()));
        let io = |e: std::io::Error| StoreError::Io {
            path: path.clone(),
            source: e,
        };
        remove_if_exists(&path).map_err(io)?;
        let mut staged = Staged {
            path: path.clone(),
            from: backup.to_owned(),
            clients: 0,
            members: 0,
            installed: false,
        };
        fs::copy(backup, &path).map_err(io)?;
        fs::File::open(&path)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        super::sniff(&path).map_err(|e| bad(open_reason(e)))?;
        // Opening a redb file without cabinet's tables would set it up as
        // a new, empty firm; a backup must already be one.
        if !has_schema(&path).map_err(|e| bad(open_reason(e)))? {
            return Err(bad(
                "not a cabinet database (it is a redb database without cabinet's tables)".into(),
            ));
        }
        let mut store = Store::open(&path).map_err(|e| bad(open_reason(e)))?;
        let report = store.check()?;
        drop(store);
        if let super::check::Integrity::Damaged(reason) = &report.integrity {
            return Err(bad(format!("it is damaged ({reason})")));
        }
        if let Some(first) = report.problems.first() {
            let more = match report.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            return Err(bad(format!("it fails its check: {first}{more}")));
        }
        staged.clients = report.clients;
        staged.members = report.members;
        Ok(staged)
    }

    /// Puts the staged copy in place of `firm_file`, keeping the file it
    /// replaces beside it.
    pub fn install(
        mut self,
        firm_file: &Path,
        now: Timestamp,
    ) -> Result<RestoreReport, MaintenanceError> {
        let io = |e: std::io::Error| StoreError::Io {
            path: firm_file.to_owned(),
            source: e,
        };
        let replaced = if firm_file.exists() {
            let kept = free_name(firm_file, now);
            fs::rename(firm_file, &kept).map_err(io)?;
            Some(kept)
        } else {
            None
        };
        if let Err(e) = fs::rename(&self.path, firm_file) {
            if let Some(kept) = &replaced {
                let _ = fs::rename(kept, firm_file);
            }
            return Err(io(e).into());
        }
        self.installed = true;
        sync_dir(&parent(firm_file)).map_err(io)?;
        Ok(RestoreReport {
            from: self.from.clone(),
            clients: self.clients,
            members: self.members,
            replaced,
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.installed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// True when the redb file at `path` records a cabinet schema version.
fn has_schema(path: &Path) -> Result<bool, StoreError> {
    let db = super::open_db(path, true)?;
    let err = |e: redb::Error| StoreError::Db {
        path: path.to_owned(),
        source: Box::new(e),
    };
    let read = db.begin_read().map_err(|e| err(e.into()))?;
    match read.open_table(META) {
        Ok(meta) => Ok(meta.get(SCHEMA_KEY).map_err(|e| err(e.into()))?.is_some()),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(false),
        Err(e) => Err(err(e.into())),
    }
}

/// Undoes an install whose result could not be opened: the restored file
/// is set aside and the replaced one put back.
pub fn undo_install(firm_file: &Path, replaced: Option<&Path>, now: Timestamp) {
    let failed = sibling(firm_file, &format!(".failed-{}", stamp(now)));
    let _ = fs::rename(firm_file, failed);
    if let Some(kept) = replaced {
        let _ = fs::rename(kept, firm_file);
    }
}

/// Restores `backup` into the firm directory `dir` when no process has
/// the firm open (for instance because the file is too damaged to open).
///
/// A firm that opens and holds clients is only replaced with `force`; so
/// is one that exists but is not a cabinet firm this build can read. A
/// damaged file, which is what restores are for, is replaced without
/// asking; it is kept beside the restored one either way.
pub fn restore_offline(
    backup: &Path,
    dir: &Path,
    force: bool,
    now: Timestamp,
) -> Result<RestoreReport, MaintenanceError> {
    let firm_file = dir.join(FILE_NAME);
    fs::create_dir_all(dir).map_err(|e| StoreError::Io {
        path: dir.to_owned(),
        source: e,
    })?;
    if firm_file.exists() {
        match Store::open(&firm_file) {
            Ok(store) => {
                let clients = store.client_count()? as usize;
                if clients > 0 && !force {
                    return Err(MaintenanceError::HasData { clients });
                }
            }
            Err(StoreError::Damaged { .. }) => {}
            Err(e @ StoreError::InUse { .. }) => return Err(e.into()),
            Err(e) if !force => {
                return Err(MaintenanceError::Unreadable {
                    reason: open_reason(e),
                });
            }
            Err(_) => {}
        }
    }
    let staged = Staged::prepare(backup, &firm_file)?;
    staged.install(&firm_file, now)
}

/// Says why a file would not open, without repeating its path.
fn open_reason(e: StoreError) -> String {
    match e {
        StoreError::NotCabinet { reason, .. } => format!("not a cabinet database ({reason})"),
        StoreError::Damaged { reason, .. } => format!("damaged ({reason})"),
        StoreError::NewerSchema {
            found, supported, ..
        } => format!(
            "written by a newer cabinet (schema {found}, this build reads up to {supported})"
        ),
        StoreError::InUse { .. } => "open in another process".into(),
        other => other.to_string(),
    }
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

/// A UTC time for file names, `20260501T143000Z`.
fn stamp(now: Timestamp) -> String {
    now.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `firm.redb.replaced-<time>`, with a counter if that name is taken.
fn free_name(firm_file: &Path, now: Timestamp) -> PathBuf {
    let base = format!(".replaced-{}", stamp(now));
    let mut candidate = sibling(firm_file, &base);
    let mut n = 2;
    while candidate.exists() {
        candidate = sibling(firm_file, &format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn remove_if_exists(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a rename in `dir` durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn replaced_files_get_free_names() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let now: Timestamp = "2026-05-01T14:30:00Z".parse().unwrap();
        let first = free_name(&file, now);
        assert_eq!(
            first.file_name().unwrap(),
            "firm.redb.replaced-20260501T143000Z"
        );
        fs::write(&first, b"x").unwrap();
        assert_eq!(
            free_name(&file, now).file_name().unwrap(),
            "firm.redb.replaced-20260501T143000Z-2"
        );
    }
}
