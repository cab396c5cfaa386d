//! Restores: a backup put in place of the firm file.
//!
//! A restore never edits the firm file in place. The backup is copied
//! beside the firm file, opened and checked there; only a copy that
//! passes takes the firm file's name, and the file it replaces is kept
//! beside it as `firm.redb.replaced-<time>`.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use redb::ReadableDatabase;
use serde::{Deserialize, Serialize};

use super::backup::{MaintenanceError, parent, remove_if_exists, sibling, sync_dir};
use super::error::StoreError;
use super::tables::*;
use super::{FILE_NAME, Store};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreReport {
    /// The backup restored from.
    pub(crate) from: PathBuf,
    pub clients: usize,
    pub(crate) members: usize,
    /// Where the replaced firm file was kept, if there was one.
    pub replaced: Option<PathBuf>,
}

/// A backup copied beside the firm file and checked, waiting to take the
/// firm file's place. Dropped without being installed, it is removed.
#[derive(Debug)]
pub(crate) struct Staged {
    path: PathBuf,
    from: PathBuf,
    clients: usize,
    members: usize,
    /// The logins of the backup's active team members.
    logins: Vec<String>,
    installed: bool,
}

impl Staged {
    /// Whether `login` is an active member of the backup's team: after
    /// the restore, that person can still use the firm.
    pub(crate) fn keeps(&self, login: &str) -> bool {
        self.logins.iter().any(|l| l == login)
    }

    /// Copies `backup` beside `firm_file`, opens the copy (which runs
    /// redb's integrity check) and checks it. The backup itself is only
    /// read.
    pub(crate) fn prepare(backup: &Path, firm_file: &Path) -> Result<Staged, MaintenanceError> {
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
            logins: Vec::new(),
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
        staged.logins = store
            .members()
            .map_err(|e| bad(open_reason(e)))?
            .into_iter()
            .filter(|m| m.active)
            .map(|m| m.login)
            .collect();
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
    pub(crate) fn install(
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
pub(crate) fn undo_install(firm_file: &Path, replaced: Option<&Path>, now: Timestamp) {
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
pub(crate) fn restore_offline(
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

#[cfg(test)]
mod tests {
    use super::*;

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
