//! The bulk write: new team members, new clients and changes to existing
//! ones, in one transaction, so a file (or a demo firm) is taken in whole
//! or not at all. A dry run goes through the very same checks and writes,
//! then drops the transaction instead of committing it.

use jiff::Timestamp;

use super::Store;
use super::error::WriteError;
use super::tables::*;
use crate::model::{AuditAction, Client, FieldError, Member, MemberId, Rule, Stamp};

/// A client in a bulk write may name the bulk's own new team members
/// before they have ids: lead (or team access) `PROVISIONAL + i` is the
/// `i`-th member of the bulk. No stored member ever has such an id.
pub const PROVISIONAL: MemberId = 1 << 48;

/// How many row problems a refused bulk write reports; the rest are
/// counted in the last one.
pub(crate) const MAX_PROBLEMS: usize = 200;

/// What a bulk write wrote (or, in a dry run, would have written): the
/// members, the clients it created and those it changed, as stored.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub(crate) members: Vec<Member>,
    pub(crate) created: Vec<Client>,
    pub(crate) updated: Vec<Client>,
}

impl Store {
    /// Applies `updates` (each made on the version it names) and adds
    /// `creates`, in one transaction: all of them or none.
    pub(crate) fn import(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: MemberId,
        now: Timestamp,
    ) -> Result<Imported, WriteError> {
        self.bulk(Vec::new(), creates, updates, by, now, true)
    }

    /// Saves `members` (id 0: a new member), then applies `updates` and
    /// adds `creates`, in one transaction: all of it or none. With
    /// `commit` false everything is checked and written as for real, then
    /// the transaction is dropped: what comes back is exactly what the
    /// real write would do, and nothing is stored.
    ///
    /// Updates go first, so that a name or number an update gives up is
    /// free for a new client. Every record is checked as [`Store::update`]
    /// and [`Store::create_many`] check them, and the problems of the
    /// batch are reported at once (the first [`MAX_PROBLEMS`] of them), each prefixed
    /// with its place in the batch. An update that changes nothing writes
    /// nothing. Audit entries are recorded as [`AuditAction::Imported`].
    pub(crate) fn bulk(
        &self,
        members: Vec<Member>,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: MemberId,
        now: Timestamp,
        commit: bool,
    ) -> Result<Imported, WriteError> {
        let tx = self.write_tx()?;
        let mut errors = Vec::new();
        let mut out = Imported::default();
        let mut dropped = 0usize;
        let mut problem = |errors: &mut Vec<FieldError>, e: FieldError| {
            if errors.len() < MAX_PROBLEMS {
                errors.push(e);
            } else {
                dropped += 1;
            }
        };
        for m in members {
            out.members.push(self.save_member_in(&tx, m, by, now)?);
        }
        let team = self.members_in(&tx)?;
        let provisional: Vec<MemberId> = out.members.iter().map(|m| m.id).collect();
        let resolve = |c: &mut Client| -> bool {
            let mut ok = true;
            let mut one = |id: &mut MemberId| {
                if *id >= PROVISIONAL {
                    match provisional.get((*id - PROVISIONAL) as usize) {
                        Some(real) => *id = *real,
                        None => ok = false,
                    }
                }
            };
            if let Some(l) = c.lead.as_mut() {
                one(l);
            }
            c.team_access.iter_mut().for_each(&mut one);
            ok
        };
        {
            let mut t = self.open_client_tables(&tx)?;
            for (i, mut c) in updates.into_iter().enumerate() {
                if !resolve(&mut c) {
                    problem(&mut errors, unknown_member(&format!("update {}", i + 1)));
                    continue;
                }
                let stamp = Stamp { at: now, by };
                match self.replace_existing(&mut t, &team, c, stamp, AuditAction::Imported)? {
                    Ok(super::clients::Changed::Yes(c, _)) => out.updated.push(c),
                    Ok(super::clients::Changed::No(_)) => {}
                    Err((name, problems)) => {
                        for mut e in problems {
                            e.field = format!("update {} ({name}) {}", i + 1, e.field);
                            problem(&mut errors, e);
                        }
                    }
                }
            }
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            let mut next = self.next_id(&meta, NEXT_CLIENT)?;
            for (i, mut c) in creates.into_iter().enumerate() {
                if !resolve(&mut c) {
                    problem(&mut errors, unknown_member(&format!("client {}", i + 1)));
                    continue;
                }
                let stamp = Stamp { at: now, by };
                match self.insert_new(&mut t, &team, c, next, stamp, AuditAction::Imported)? {
                    Ok(c) => {
                        next += 1;
                        out.created.push(c);
                    }
                    Err((name, problems)) => {
                        for mut e in problems {
                            e.field = format!("client {} ({name}) {}", i + 1, e.field);
                            problem(&mut errors, e);
                        }
                    }
                }
            }
            if !errors.is_empty() {
                if dropped > 0 {
                    tracing::info!("a refused bulk write had {dropped} more problems");
                }
                // Dropping the transaction without committing writes nothing.
                return Err(WriteError::Invalid(errors));
            }
            meta.insert(NEXT_CLIENT, next).map_err(|e| self.err(e))?;
        }
        if commit {
            tx.commit().map_err(|e| self.err(e))?;
        } else {
            tx.abort().map_err(|e| self.err(e))?;
        }
        Ok(out)
    }
}

fn unknown_member(place: &str) -> FieldError {
    FieldError::new(format!("{place} lead"), Rule::UnknownMember)
}
