//! Unsaved forms, kept per team member so an edit survives a dropped SSH
//! link. A member keeps at most one draft per client: the form they last
//! left unsaved, with the record it was opened on.

use redb::{ReadableDatabase, ReadableTable};

use super::Store;
use super::error::StoreError;
use super::tables::*;
use crate::codec;
use crate::model::{Client, ClientId, MemberId};

pub(crate) use crate::model::Draft;

impl Store {
    /// Saves (replacing) a member's draft of a client; client 0 is a new
    /// client.
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
    /// stored (`None` for an id that names no client; nothing is written
    /// then).
    pub(crate) fn record_reveals(
        &self,
        ids: &[ClientId],
        by: MemberId,
        at: jiff::Timestamp,
    ) -> Result<Vec<Option<Client>>, StoreError> {
        let tx = self.write_tx()?;
        let mut out = Vec::with_capacity(ids.len());
        {
            let clients = tx.open_table(CLIENTS).map_err(|e| self.err(e))?;
            let mut audit = tx.open_table(AUDIT).map_err(|e| self.err(e))?;
            for &id in ids {
                let Some(bytes) = clients.get(id).map_err(|e| self.err(e))? else {
                    return Ok(ids.iter().map(|_| None).collect());
                };
                let client: Client = self.decode(&format!("client {id}"), bytes.value())?;
                let last = audit
                    .range((id, 0)..=(id, u64::MAX))
                    .map_err(|e| self.err(e))?
                    .next_back()
                    .transpose()
                    .map_err(|e| self.err(e))?
                    .map(|(k, _)| k.value().1);
                let entry = crate::model::AuditEntry {
                    client: id,
                    version: client.version,
                    at,
                    by,
                    action: crate::model::AuditAction::SinRevealed,
                    changes: Vec::new(),
                };
                audit
                    .insert(
                        (id, last.map_or(0, |s| s + 1)),
                        codec::encode(&entry).as_slice(),
                    )
                    .map_err(|e| self.err(e))?;
                out.push(Some(client));
            }
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(out)
    }
}
