//! Bulk writes (imports, the demo) built up piece by piece in a session
//! and written in one transaction.
//!
//! The pieces wait in the session, not in the store: a session that ends
//! before finishing (its client went away) drops them, and nothing was
//! written.

use super::{Core, LocalSession, write_error};
use crate::api::{ApiError, Batch, Event, ImportCount, MAX_BULK_CLIENTS, Refusal};
use crate::model::MemberId;

impl Core {
    /// Writes a whole bulk in one transaction; without `commit`, checks
    /// and writes it, then drops the transaction.
    pub(crate) fn bulk(
        &self,
        batch: Batch,
        by: MemberId,
        commit: bool,
    ) -> Result<ImportCount, ApiError> {
        let _w = self.lock_writes();
        let members = !batch.members.is_empty();
        let done = self
            .store()
            .bulk(
                batch.members,
                batch.creates,
                batch.updates,
                by,
                self.now(),
                commit,
            )
            .map_err(write_error)?;
        let count = ImportCount {
            created: done.created.len(),
            updated: done.updated.len(),
        };
        if commit {
            if members {
                self.reload_team()?;
                self.publish(Event::Team);
            }
            let mut all = done.updated;
            all.extend(done.created);
            self.committed(&all, by);
        }
        Ok(count)
    }
}

impl LocalSession {
    pub(super) fn bulk_begin_impl(&self) -> Result<(), ApiError> {
        self.me()?;
        *self.pending() = Some(Batch::default());
        Ok(())
    }

    pub(super) fn bulk_add_impl(&self, part: Batch) -> Result<usize, ApiError> {
        let me = self.me()?;
        if !part.members.is_empty() {
            self.require_admin("manage the team")?;
        }
        self.may_import(&me, &part.creates, &part.updates)?;
        let mut pending = self.pending();
        let Some(bulk) = pending.as_mut() else {
            return Err(not_open());
        };
        let held = bulk.creates.len() + bulk.updates.len();
        let clients = held + part.creates.len() + part.updates.len();
        if clients > MAX_BULK_CLIENTS {
            *pending = None;
            return Err(ApiError::Declined(Refusal::BulkTooLarge {
                max: MAX_BULK_CLIENTS,
            }));
        }
        bulk.members.extend(part.members);
        bulk.creates.extend(part.creates);
        bulk.updates.extend(part.updates);
        Ok(clients)
    }

    pub(super) fn bulk_finish_impl(&self, commit: bool) -> Result<ImportCount, ApiError> {
        let me = self.me()?;
        let bulk = self.pending().take().ok_or_else(not_open)?;
        if bulk.is_empty() {
            return Ok(ImportCount::default());
        }
        self.core.bulk(bulk, me.id, commit)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Option<Batch>> {
        self.bulk.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn get_many_impl(
        &self,
        ids: &[crate::model::ClientId],
    ) -> Result<Vec<crate::model::Client>, ApiError> {
        let found = self
            .core
            .store()
            .clients_by_id(ids)
            .map_err(super::storage)?;
        ids.iter()
            .zip(found)
            .map(|(id, c)| c.ok_or_else(|| ApiError::NotFound(format!("#{id}"))))
            .collect()
    }
}

fn not_open() -> ApiError {
    ApiError::Declined(Refusal::NoBulkOpen)
}
