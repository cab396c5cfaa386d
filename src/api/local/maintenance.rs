//! The firm's maintenance operations, done by the process that holds the
//! firm file: the import's batch write, backups, restores and checks.
//!
//! A restore swaps the store under the core's lock: writes wait on the
//! write lock, then the store lock is taken exclusively so no read is in
//! flight while the file changes under it. A check takes the same locks,
//! because redb's integrity check needs the database to itself.

use std::path::Path;

use super::{Core, LocalSession, storage, wholesale_lines, write_error};
use crate::api::index::Index;
use crate::api::{ApiError, BackupReport, CheckReport, Event, ImportCount, Refusal, RestoreReport};
use crate::model::{Client, Member, MemberId};
use crate::store::{FILE_NAME, MaintenanceError, Staged, Store, StoreError, undo_install};

impl Core {
    /// Applies an import's updates and creations in one transaction.
    pub fn import(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: MemberId,
    ) -> Result<ImportCount, ApiError> {
        let _w = self.lock_writes();
        let done = self
            .store()
            .import(creates, updates, by, self.now())
            .map_err(write_error)?;
        let count = ImportCount {
            created: done.created.len(),
            updated: done.updated.len(),
        };
        let mut all = done.updated;
        all.extend(done.created);
        self.committed(&all, by);
        Ok(count)
    }

    /// Writes a consistent copy of the firm to `dest`.
    pub fn backup(&self, dest: &Path) -> Result<BackupReport, ApiError> {
        self.store().backup_to(dest).map_err(maintenance)
    }

    /// Checks the file, with no write or read in flight.
    pub fn check(&self) -> Result<CheckReport, ApiError> {
        let _w = self.lock_writes();
        let mut store = self.store.write().unwrap_or_else(|p| p.into_inner());
        store.check().map_err(storage)
    }

    /// Replaces the firm with a checked backup, keeps the replaced file,
    /// reloads the index and tells every session to reload.
    pub fn restore(&self, src: &Path, force: bool) -> Result<RestoreReport, ApiError> {
        let _w = self.lock_writes();
        let file = self.dir.join(FILE_NAME);
        // A file whose clients cannot even be counted is what restores
        // are for; it is kept beside the restored one all the same.
        let held = self.store().client_count();
        if let Ok(clients @ 1..) = held
            && !force
        {
            return Err(maintenance(MaintenanceError::HasData {
                clients: clients as usize,
            }));
        }
        let staged = Staged::prepare(src, &file).map_err(maintenance)?;
        let now = self.now();
        let (clients, team, report) = {
            let mut store = self.store.write().unwrap_or_else(|p| p.into_inner());
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
        tracing::info!("restored {} from {}", file.display(), report.from.display());
        Ok(report)
    }
}

impl LocalSession {
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
        let forbidden = |action: &str| {
            Err(ApiError::Forbidden {
                action: action.to_owned(),
            })
        };
        if creates.iter().any(|c| c.lead.is_some_and(|l| l != me.id)) {
            return forbidden("assign another member as lead accountant");
        }
        if creates.iter().any(Client::wholesale) {
            return forbidden("bill a subscription to the firm");
        }
        for c in updates {
            let current = crate::api::Firm::get(self, c.id)?;
            if c.lead != current.lead {
                return forbidden("change a client's lead accountant");
            }
            if wholesale_lines(c) != wholesale_lines(&current) {
                return forbidden("change wholesale billing");
            }
        }
        Ok(())
    }
}

/// Restores a backup into the firm directory `dir` with no firm open, for
/// a firm file too damaged to open. See [`crate::store::restore_offline`].
pub fn restore_offline(dir: &Path, src: &Path, force: bool) -> Result<RestoreReport, ApiError> {
    crate::store::restore_offline(src, dir, force, jiff::Timestamp::now()).map_err(maintenance)
}

/// Checks the firm file in `dir` with no firm open, for a firm file too
/// damaged to open.
pub fn check_offline(dir: &Path) -> Result<CheckReport, ApiError> {
    crate::store::check_file(&dir.join(FILE_NAME)).map_err(storage)
}

/// True when `dir` holds a firm file.
pub fn has_firm(dir: &Path) -> bool {
    dir.join(FILE_NAME).exists()
}

/// True when opening a firm failed because of what is in its file (so a
/// check or a restore can still help), rather than because it is busy
/// or out of reach.
pub fn is_file_problem(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Damaged { .. } | StoreError::Corrupt { .. } | StoreError::NotCabinet { .. }
    )
}

/// A refused backup or restore as a code the client words.
fn maintenance(e: MaintenanceError) -> ApiError {
    ApiError::Declined(match e {
        MaintenanceError::Store(e) => return storage(e),
        MaintenanceError::Exists { path } => Refusal::BackupExists { path },
        MaintenanceError::HasData { clients } => Refusal::FirmHasData { clients },
        MaintenanceError::Unreadable { reason } => Refusal::FirmUnreadable { reason },
        MaintenanceError::BadBackup { path, reason } => Refusal::NotABackup { path, reason },
        MaintenanceError::Destination { path, reason } => Refusal::CannotWrite { path, reason },
    })
}
