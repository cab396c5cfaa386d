//! The import's write: new clients and changes to existing ones, in one
//! transaction, so a file is taken in whole or not at all.

use jiff::Timestamp;
use redb::ReadableTable;

use super::Store;
use super::error::WriteError;
use super::tables::*;
use crate::model::{AuditAction, Client, MemberId, Stamp};

/// What an import wrote: the clients it created and those it changed, as
/// stored.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub created: Vec<Client>,
    pub updated: Vec<Client>,
}

impl Store {
    /// Applies `updates` (each made on the version it names) and adds
    /// `creates`, in one transaction: all of them or none.
    ///
    /// Updates go first, so that a name or number an update gives up is
    /// free for a new client. Every record is checked as [`Store::update`]
    /// and [`Store::create_many`] check them, and every problem in the
    /// batch is reported at once, each prefixed with its place in the
    /// batch. An update that changes nothing writes nothing. Audit entries
    /// are recorded as [`AuditAction::Imported`].
    pub fn import(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: MemberId,
        now: Timestamp,
    ) -> Result<Imported, WriteError> {
        let team = self.members()?;
        let tx = self.write_tx()?;
        let mut errors = Vec::new();
        let mut out = Imported::default();
        {
            let mut t = self.open_client_tables(&tx)?;
            for (i, c) in updates.into_iter().enumerate() {
                let stamp = Stamp { at: now, by };
                match self.replace_existing(&mut t, &team, c, stamp, AuditAction::Imported)? {
                    Ok(super::clients::Changed::Yes(c, _)) => out.updated.push(c),
                    Ok(super::clients::Changed::No(_)) => {}
                    Err((name, problems)) => {
                        for mut e in problems {
                            e.field = format!("update {} ({name}) {}", i + 1, e.field);
                            errors.push(e);
                        }
                    }
                }
            }
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            let mut next = meta
                .get(NEXT_CLIENT)
                .map_err(|e| self.err(e))?
                .map(|v| v.value())
                .unwrap_or(1);
            for (i, c) in creates.into_iter().enumerate() {
                let stamp = Stamp { at: now, by };
                match self.insert_new(&mut t, &team, c, next, stamp, AuditAction::Imported)? {
                    Ok(c) => {
                        next += 1;
                        out.created.push(c);
                    }
                    Err((name, problems)) => {
                        for mut e in problems {
                            e.field = format!("client {} ({name}) {}", i + 1, e.field);
                            errors.push(e);
                        }
                    }
                }
            }
            if !errors.is_empty() {
                // Dropping the transaction without committing writes nothing.
                return Err(WriteError::Invalid(errors));
            }
            meta.insert(NEXT_CLIENT, next).map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(out)
    }
}
