//! Bulk writes (imports, the demo) built up piece by piece in a session
//! and written in one transaction.
//!
//! The pieces wait in the session, not in the store: a session that ends
//! before finishing (its client went away) drops them, and nothing was
//! written. They wait encoded, a few hundred bytes a client rather than
//! the several kilobytes a decoded one takes, and each new client is
//! normalised and checked against the model's own rules as its piece
//! arrives (while the sender reads its next piece), so that the one
//! transaction at the end checks only what depends on the firm.

use super::{Core, LocalSession, write_error};
use crate::api::{AdminAction, ApiError, Batch, Event, ImportCount, MAX_BULK_CLIENTS, Refusal};
use crate::model::{Client, FieldError, Member, validate_client};
use crate::store::{Bulk, MAX_PROBLEMS};
use crate::sync::LockExt;

/// A bulk write waiting for its end.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    members: Vec<Member>,
    /// New clients, normalised and checked.
    creates: Held,
    updates: Held,
    /// Problems found as the pieces came (the first [`MAX_PROBLEMS`]).
    problems: Vec<FieldError>,
}

/// Clients held encoded, one after the other.
#[derive(Debug, Default)]
struct Held {
    bytes: Vec<u8>,
    /// Where each client's bytes end.
    ends: Vec<usize>,
}

impl Held {
    fn push(&mut self, c: &Client) {
        crate::codec::encode_into(c, &mut self.bytes);
        self.ends.push(self.bytes.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The clients, decoded one at a time.
    fn clients(&self) -> impl Iterator<Item = crate::store::Held> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| crate::codec::decode_body(&self.bytes[start..end]))
    }
}

impl Core {
    /// Writes a whole bulk in one transaction; without `commit`, checks
    /// and writes it, then drops the transaction.
    fn write_pending(
        &self,
        pending: Pending,
        by: crate::store::Author,
        commit: bool,
    ) -> Result<ImportCount, ApiError> {
        let _w = self.lock_writes();
        let members = !pending.members.is_empty();
        let bulk = Bulk {
            members: pending.members,
            creates: pending.creates.clients(),
            updates: pending.updates.clients(),
            checked: true,
            problems: pending.problems,
        };
        let done = self
            .store()
            .bulk(bulk, by, self.now(), commit)
            .map_err(write_error)?;
        let count = ImportCount {
            created: done.created,
            updated: done.updated,
        };
        if commit {
            if members {
                self.reload_team()?;
                self.publish(Event::Team);
            }
            self.committed_rows(done.rows, by.member());
        }
        Ok(count)
    }
}

impl Pending {
    /// Takes a piece: members as they are, new clients normalised and
    /// checked, changes as sent.
    fn add(&mut self, part: Batch) {
        self.members.extend(part.members);
        for mut c in part.creates {
            c.normalize();
            c.assign_item_ids();
            let place = self.creates.len() + 1;
            for mut e in validate_client(&c) {
                if self.problems.len() < MAX_PROBLEMS {
                    e.field = format!("client {place} ({}) {}", c.display_name, e.field);
                    self.problems.push(e);
                }
            }
            self.creates.push(&c);
        }
        for c in &part.updates {
            self.updates.push(c);
        }
    }

    fn clients(&self) -> usize {
        self.creates.len() + self.updates.len()
    }
}

impl LocalSession {
    pub(super) fn bulk_begin_impl(&self) -> Result<(), ApiError> {
        self.me()?;
        *self.pending() = Some(Pending::default());
        Ok(())
    }

    pub(super) fn bulk_add_impl(&self, part: Batch) -> Result<usize, ApiError> {
        let me = self.me()?;
        if !part.members.is_empty() {
            self.require_admin(AdminAction::ManageTeam)?;
        }
        self.may_import(&me, &part.creates, &part.updates)?;
        let mut pending = self.pending();
        let Some(bulk) = pending.as_mut() else {
            return Err(not_open());
        };
        let clients = bulk.clients() + part.creates.len() + part.updates.len();
        if clients > MAX_BULK_CLIENTS {
            *pending = None;
            return Err(ApiError::Declined(Refusal::BulkTooLarge {
                max: MAX_BULK_CLIENTS,
            }));
        }
        bulk.add(part);
        Ok(clients)
    }

    pub(super) fn bulk_finish_impl(&self, commit: bool) -> Result<ImportCount, ApiError> {
        let me = self.me()?;
        let bulk = self.pending().take().ok_or_else(not_open)?;
        // Even an empty bulk goes to the store: it writes nothing, but the
        // key it was sent with, so that sent again it is answered.
        self.core.write_pending(bulk, self.by(me.id), commit)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Option<Pending>> {
        self.bulk.lock_or_recover()
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
