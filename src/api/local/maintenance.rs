//! The firm's maintenance operations, done by the process that holds the
//! firm file: the import's batch write, backups, restores and checks.
//!
//! A restore swaps the store under the core's lock: writes wait on the
//! write lock, then the store lock is taken exclusively so no read is in
//! flight while the file changes under it. A check takes the same locks,
//! because redb's integrity check needs the database to itself.

use crate::sync::{LockExt, RwLockExt};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Core, LocalSession, storage, wholesale_lines, write_error};
use crate::api::index::Index;
use crate::api::{
    AdminAction, ApiError, BackupReport, CheckReport, Event, FileFault, ImportCount, ProtocolFault,
    Refusal, RestoreReport, StorageFault,
};
use crate::model::{Client, Member};
use crate::store::{FILE_NAME, MaintenanceError, Staged, Store, undo_install};

impl Core {
    /// Applies an import's updates and creations in one transaction.
    pub(crate) fn import(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: crate::store::Author,
    ) -> Result<ImportCount, ApiError> {
        let _w = self.lock_writes();
        let done = self
            .store()
            .import(creates, updates, by, self.now())
            .map_err(write_error)?;
        let count = ImportCount {
            created: done.created,
            updated: done.updated,
        };
        self.committed_rows(done.rows, by.member());
        Ok(count)
    }

    /// Writes a consistent copy of the firm to `dest`.
    pub(crate) fn backup(&self, dest: &Path) -> Result<BackupReport, ApiError> {
        self.store().backup_to(dest).map_err(maintenance)
    }

    /// Checks the file, with no write or read in flight.
    pub fn check(&self) -> Result<CheckReport, ApiError> {
        let _w = self.lock_writes();
        let mut store = self.store.write_or_recover();
        store.check().map_err(storage)
    }

    /// Replaces the firm with a checked backup, keeps the replaced file,
    /// reloads the index and tells every session to reload.
    ///
    /// `restorer` is the login of the team member restoring: a backup
    /// whose team lacks them would lock them out, so it is refused unless
    /// `force`. `shown` is the backup's name as the user gave it.
    pub(crate) fn restore(
        &self,
        src: &Path,
        force: bool,
        restorer: Option<&str>,
        shown: &Path,
    ) -> Result<RestoreReport, ApiError> {
        let _w = self.lock_writes();
        let file = self.dir.join(FILE_NAME);
        // A file whose clients cannot even be counted is what restores
        // are for; it is kept beside the restored one all the same.
        // The backup is checked first, so that a restore that would lock
        // the restorer out says so before anyone reaches for --force.
        let staged = Staged::prepare(src, &file).map_err(|e| maintenance(named(e, src, shown)))?;
        if let Some(login) = restorer
            && !force
            && !staged.keeps(login)
        {
            return Err(ApiError::Declined(Refusal::LocksYouOut {
                path: shown.to_owned(),
                login: login.to_owned(),
            }));
        }
        let held = self.store().client_count();
        if let Ok(clients @ 1..) = held
            && !force
        {
            return Err(maintenance(MaintenanceError::HasData {
                clients: clients as usize,
            }));
        }
        let now = self.now();
        let (clients, team, report) = {
            let mut store = self.store.write_or_recover();
            let report = staged.install(&file, now).map_err(maintenance)?;
            let fresh = match Store::open(&file) {
                Ok(s) => s,
                Err(e) => {
                    undo_install(&file, report.replaced.as_deref(), now);
                    return Err(storage(e));
                }
            };
            // The old store is dropped here, closing the replaced file.
            *store = fresh;
            (
                store.rows().map_err(storage)?,
                store.members().map_err(storage)?,
                report,
            )
        };
        *self.index_mut() = Index::from_rows(clients, team);
        self.publish(Event::Reset);
        tracing::info!("restored {} from {}", file.display(), shown.display());
        Ok(RestoreReport {
            from: shown.to_owned(),
            ..report
        })
    }
}

/// A refusal about the uploaded copy names the file the user gave.
fn named(e: MaintenanceError, src: &Path, shown: &Path) -> MaintenanceError {
    match e {
        MaintenanceError::BadBackup { path, fault } if path == src => MaintenanceError::BadBackup {
            path: shown.to_owned(),
            fault,
        },
        other => other,
    }
}

/// The most bytes one streamed piece of a backup carries: well under the
/// frame limit.
pub(crate) const CHUNK: usize = 4 << 20;

/// Backups and restores streaming through one session. The server never
/// opens a path a client sent: a backup is written to an unnamed file in
/// the firm directory and read back in pieces, and a restore's pieces are
/// written to a file of the server's own naming, removed when the
/// session ends.
#[derive(Debug, Default)]
pub(crate) struct Transfers {
    backup: Option<File>,
    upload: Option<(File, PathBuf)>,
}

impl Drop for Transfers {
    fn drop(&mut self) {
        if let Some((_, path)) = self.upload.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A file in the firm directory for this server's own use.
fn scratch(dir: &Path, what: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{what}-{}-{n}", std::process::id()))
}

fn scratch_error(path: &Path, e: std::io::Error) -> ApiError {
    ApiError::Storage(StorageFault {
        path: Some(path.to_owned()),
        fault: FileFault::Os(e.into()),
    })
}

impl LocalSession {
    fn transfers(&self) -> std::sync::MutexGuard<'_, Transfers> {
        self.transfers.lock_or_recover()
    }

    /// The team member restoring, whom the restored team must keep; none
    /// for root or the server's own account.
    pub(super) fn restorer(&self) -> Result<Option<String>, ApiError> {
        match self.maintainer {
            Some(_) => Ok(None),
            None => self.me().map(|m| Some(m.login)),
        }
    }

    /// Writes a backup to an unnamed file in the firm directory, for
    /// [`LocalSession::backup_read`] to hand out in pieces.
    pub(crate) fn backup_start(&self) -> Result<BackupReport, ApiError> {
        self.require_maintainer(AdminAction::BackUp)?;
        let path = scratch(self.core.dir(), "backup");
        let report = self.core.backup(&path)?;
        let file = File::open(&path).map_err(|e| scratch_error(&path, e));
        let _ = std::fs::remove_file(&path);
        self.transfers().backup = Some(file?);
        Ok(report)
    }

    /// The next piece of the backup begun by
    /// [`LocalSession::backup_start`]; empty at the end.
    pub(crate) fn backup_read(&self) -> Result<Vec<u8>, ApiError> {
        let mut t = self.transfers();
        let Some(file) = t.backup.as_mut() else {
            return Err(ApiError::Protocol(ProtocolFault::NoBackupUnderWay));
        };
        let mut buf = Vec::with_capacity(CHUNK);
        file.take(CHUNK as u64).read_to_end(&mut buf).map_err(|e| {
            ApiError::Storage(StorageFault {
                path: None,
                fault: FileFault::Os(e.into()),
            })
        })?;
        if buf.is_empty() {
            t.backup = None;
        }
        Ok(buf)
    }

    /// Opens a file of the server's own naming to receive a backup.
    pub(crate) fn upload_start(&self) -> Result<(), ApiError> {
        self.require_maintainer(AdminAction::Restore)?;
        let path = scratch(self.core.dir(), "upload");
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| scratch_error(&path, e))?;
        let mut t = self.transfers();
        if let Some((_, old)) = t.upload.replace((file, path)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(())
    }

    /// Appends a piece to the upload.
    pub(crate) fn upload_write(&self, bytes: &[u8]) -> Result<(), ApiError> {
        let mut t = self.transfers();
        let Some((file, path)) = t.upload.as_mut() else {
            return Err(ApiError::Protocol(ProtocolFault::NoRestoreUnderWay));
        };
        file.write_all(bytes).map_err(|e| scratch_error(path, e))
    }

    /// Restores the firm from the uploaded backup, then removes it.
    /// `shown` is the backup's name on the client's side, for messages.
    pub(crate) fn restore_upload(
        &self,
        force: bool,
        shown: &Path,
    ) -> Result<RestoreReport, ApiError> {
        self.require_maintainer(AdminAction::Restore)?;
        let restorer = self.restorer()?;
        let Some((file, path)) = self.transfers().upload.take() else {
            return Err(ApiError::Protocol(ProtocolFault::NoRestoreUnderWay));
        };
        let synced = file.sync_all().map_err(|e| scratch_error(&path, e));
        drop(file);
        let result =
            synced.and_then(|()| self.core.restore(&path, force, restorer.as_deref(), shown));
        let _ = std::fs::remove_file(&path);
        result
    }

    /// An import may do what `create` and `update` may: staff cannot name
    /// another member as lead, change a lead, or change wholesale billing.
    pub(super) fn may_import(
        &self,
        me: &Member,
        creates: &[Client],
        updates: &[Client],
    ) -> Result<(), ApiError> {
        if me.is_admin() {
            return Ok(());
        }
        let forbidden = |action: AdminAction| Err(ApiError::Forbidden { action });
        if creates.iter().any(|c| c.lead.is_some_and(|l| l != me.id)) {
            return forbidden(AdminAction::LeadOther);
        }
        if creates.iter().any(Client::wholesale) {
            return forbidden(AdminAction::BillToFirm);
        }
        for c in updates {
            let current = crate::api::Firm::get(self, c.id)?;
            if c.lead != current.lead {
                return forbidden(AdminAction::ChangeLead);
            }
            if wholesale_lines(c) != wholesale_lines(&current) {
                return forbidden(AdminAction::ChangeBilling);
            }
        }
        Ok(())
    }
}

/// Restores a backup into the firm directory `dir` with no firm open, for
/// a firm file too damaged to open. See [`crate::store::restore_offline`].
pub(crate) fn restore_offline(
    dir: &Path,
    src: &Path,
    force: bool,
) -> Result<RestoreReport, ApiError> {
    crate::store::restore_offline(src, dir, force, jiff::Timestamp::now()).map_err(maintenance)
}

/// Checks the firm file in `dir` with no firm open, for a firm file too
/// damaged to open.
pub(crate) fn check_offline(dir: &Path) -> Result<CheckReport, ApiError> {
    crate::store::check_file(&dir.join(FILE_NAME)).map_err(storage)
}

/// True when `dir` holds a firm file.
pub fn has_firm(dir: &Path) -> bool {
    dir.join(FILE_NAME).exists()
}

/// A refused backup or restore as a code the client words.
fn maintenance(e: MaintenanceError) -> ApiError {
    ApiError::Declined(match e {
        MaintenanceError::Store(e) => return storage(e),
        MaintenanceError::Exists { path } => Refusal::BackupExists { path },
        MaintenanceError::HasData { clients } => Refusal::FirmHasData { clients },
        MaintenanceError::Unreadable { fault } => Refusal::FirmUnreadable { fault },
        MaintenanceError::BadBackup { path, fault } => Refusal::NotABackup { path, fault },
        MaintenanceError::Destination { path, fault } => Refusal::CannotWrite { path, fault },
    })
}
