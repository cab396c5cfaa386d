//! Unsaved forms, kept per team member so an edit survives a dropped SSH
//! link. A member keeps at most one draft per client: the form they last
//! left unsaved, with the record it was opened on.

use jiff::Timestamp;
use redb::ReadableDatabase;

use super::Store;
use super::clients::history;
use super::error::{StoreError, WriteError};
use super::once::{Author, Done};
use super::tables::*;
use crate::codec;
use crate::model::{AuditAction, Client, ClientId, MemberId};

pub(crate) use crate::model::Draft;

impl Store {
    /// Saves (replacing) a member's draft of a client; client 0 is a new
    /// client.
    ///
    /// Saving a draft again saves the same draft: a draft sent again (its
    /// answer lost) needs no key.
    pub fn save_draft(&self, member: MemberId, draft: &Draft) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        {
            let mut t = tx.open_table(DRAFTS).map_err(|e| self.err(e))?;
            t.insert((member, draft.client), codec::encode(draft).as_slice())
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// A member's draft of a client, if one was saved.
    pub fn draft(&self, member: MemberId, client: ClientId) -> Result<Option<Draft>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let t = match read.open_table(DRAFTS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(self.err(e)),
        };
        let v = t.get((member, client)).map_err(|e| self.err(e))?;
        v.map(|v| self.decode(&format!("draft {member}/{client}"), v.value()))
            .transpose()
    }

    /// Forgets a member's draft of a client (after a save or a discard).
    pub(crate) fn discard_draft(
        &self,
        member: MemberId,
        client: ClientId,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        {
            let mut t = tx.open_table(DRAFTS).map_err(|e| self.err(e))?;
            t.remove((member, client)).map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Records in each client's history that `by` was shown its SIN in
    /// full, all in one durable transaction, and returns the clients as
    /// stored. An id that names no client is refused, naming it, and
    /// nothing is written.
    pub(crate) fn record_reveals(
        &self,
        ids: &[ClientId],
        by: Author,
        at: Timestamp,
    ) -> Result<Vec<Client>, WriteError> {
        let (author, by) = (by, by.member);
        let tx = self.write_tx()?;
        let mut out = Vec::with_capacity(ids.len());
        {
            let mut t = self.open_client_tables(&tx)?;
            for &id in ids {
                let client = self.load(&t, id)?;
                let entry = history(&client, by, at, AuditAction::SinRevealed, Vec::new());
                self.append_audit(&mut t.audit, &entry)?;
                out.push(client);
            }
        }
        self.commit(tx, author, at, || Done::Revealed { ids: ids.to_vec() })?;
        Ok(out)
    }
}
