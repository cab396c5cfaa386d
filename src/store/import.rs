//! The bulk write: new team members, new clients and changes to existing
//! ones, in one transaction, so a file (or a demo firm) is taken in whole
//! or not at all. A dry run goes through the very same checks and writes,
//! then drops the transaction instead of committing it.

use jiff::Timestamp;

use super::Store;
use super::error::{StoreError, WriteError};
use super::once::{Author, Done};
use super::tables::*;
use crate::model::{
    AuditAction, Client, ClientId, ClientRow, FieldError, Member, MemberId, Rule, Stamp,
};

/// A client in a bulk write may name the bulk's own new team members
/// before they have ids: lead (or team access) `PROVISIONAL + i` is the
/// `i`-th member of the bulk. No stored member ever has such an id.
pub const PROVISIONAL: MemberId = 1 << 48;

/// How many row problems a refused bulk write reports; the rest are
/// counted in the last one.
pub(crate) const MAX_PROBLEMS: usize = 200;

/// What a bulk write wrote (or, in a dry run, would have written): the
/// members as stored, how many clients it created and changed, and the
/// list rows of those clients (all the index needs), so that a million
/// written clients are not held whole once they are stored.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub(crate) members: Vec<Member>,
    pub(crate) created: usize,
    pub(crate) updated: usize,
    /// The rows of the clients changed, then of those created.
    pub(crate) rows: Vec<ClientRow>,
}

/// The clients of a bulk write, given one at a time so that a caller may
/// hold them encoded until they are written.
pub(crate) struct Bulk<C, U> {
    /// Team members to save first (id 0: a new one).
    pub(crate) members: Vec<Member>,
    /// New clients. With `checked`, each is already normalised, its items
    /// numbered and the model's rules checked ([`validate_client`]), so
    /// that only what depends on the firm is checked here.
    pub(crate) creates: C,
    /// Changes, each made on the version it names.
    pub(crate) updates: U,
    pub(crate) checked: bool,
    /// Problems the caller found already, reported with those found here.
    pub(crate) problems: Vec<FieldError>,
}

/// One client of a bulk write, or why it could not be read back.
pub(crate) type Held = Result<Client, crate::codec::CodecError>;

impl Store {
    /// Applies `updates` (each made on the version it names) and adds
    /// `creates`, in one transaction: all of them or none.
    pub(crate) fn import(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
        by: Author,
        now: Timestamp,
    ) -> Result<Imported, WriteError> {
        let bulk = Bulk {
            members: Vec::new(),
            creates: creates.into_iter().map(Ok),
            updates: updates.into_iter().map(Ok),
            checked: false,
            problems: Vec::new(),
        };
        self.bulk(bulk, by, now, true)
    }

    /// Saves the bulk's members (id 0: a new member), then applies its
    /// updates and adds its new clients, in one transaction: all of it or
    /// none. With `commit` false everything is checked and written as for
    /// real, then the transaction is dropped: what comes back is exactly
    /// what the real write would do, and nothing of the firm is stored
    /// (only the key the dry run was sent with, if any).
    ///
    /// Updates go first, so that a name or number an update gives up is
    /// free for a new client. Every record is checked as [`Store::update`]
    /// and [`Store::create_many`] check them, and the problems of the
    /// batch are reported at once (the first [`MAX_PROBLEMS`] of them), each prefixed
    /// with its place in the batch. An update that changes nothing writes
    /// nothing. Audit entries are recorded as [`AuditAction::Imported`].
    pub(crate) fn bulk<C, U>(
        &self,
        bulk: Bulk<C, U>,
        by: Author,
        now: Timestamp,
        commit: bool,
    ) -> Result<Imported, WriteError>
    where
        C: Iterator<Item = Held> + Send,
        U: Iterator<Item = Held>,
    {
        let (author, by) = (by, by.member);
        let Bulk {
            members,
            creates,
            updates,
            checked,
            problems: mut errors,
        } = bulk;
        errors.truncate(MAX_PROBLEMS);
        let tx = self.write_tx()?;
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
        let stamp = Stamp { at: now, by };
        let unreadable = |e: crate::codec::CodecError| {
            WriteError::Store(StoreError::Corrupt {
                path: self.path.clone(),
                what: "a client waiting to be written".into(),
                reason: e.to_string(),
            })
        };
        {
            let mut t = self.open_client_tables(&tx)?;
            for (i, c) in updates.enumerate() {
                let mut c = c.map_err(unreadable)?;
                if !resolve(&mut c) {
                    problem(&mut errors, unknown_member(&format!("update {}", i + 1)));
                    continue;
                }
                match self.replace_existing(
                    &mut t,
                    &team,
                    c,
                    stamp.clone(),
                    AuditAction::Imported,
                )? {
                    Ok(super::clients::Changed::Yes(c, _)) => {
                        out.updated += 1;
                        out.rows.push(ClientRow::of(&c));
                    }
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
            // New clients are made ready to write (decoded, their ids
            // and stamps set, checked against the team, their record, row
            // and first history entry encoded) on a second thread, while
            // this one checks names and numbers and writes. Ids follow
            // the bulk's order; a bulk with any problem is dropped whole,
            // so a problem never leaves a gap.
            let first = next;
            let (team, resolve, stamp) = (&team, &resolve, &stamp);
            std::thread::scope(|scope| -> Result<(), WriteError> {
                let (to_write, ready) = std::sync::mpsc::sync_channel(256);
                scope.spawn(move || {
                    for (i, c) in creates.enumerate() {
                        let id = first + i as ClientId;
                        let p = c.map(|c| prepare(c, i + 1, id, checked, team, resolve, stamp));
                        if to_write.send(p).is_err() {
                            return;
                        }
                    }
                });
                for p in ready {
                    let (place, c, mut problems, encoded) = match p.map_err(unreadable)? {
                        Prepared::Unresolved { place } => {
                            problem(&mut errors, unknown_member(&format!("client {place}")));
                            continue;
                        }
                        Prepared::Client {
                            place,
                            client,
                            problems,
                            encoded,
                        } => (place, client, problems, encoded),
                    };
                    problems.extend(self.check_unique(&t, &c)?);
                    next = next.max(c.id + 1);
                    let Some(encoded) = encoded.filter(|_| problems.is_empty()) else {
                        for mut e in problems {
                            e.field = format!("client {place} ({}) {}", c.display_name, e.field);
                            problem(&mut errors, e);
                        }
                        continue;
                    };
                    self.write_new(&mut t, &c, &encoded)?;
                    out.created += 1;
                    if errors.is_empty() {
                        out.rows.push(encoded.row);
                    }
                }
                Ok(())
            })?;
            if !errors.is_empty() {
                if dropped > 0 {
                    tracing::info!("a refused bulk write had {dropped} more problems");
                }
                // Dropping the transaction without committing writes nothing.
                return Err(WriteError::Invalid(errors));
            }
            meta.insert(NEXT_CLIENT, next).map_err(|e| self.err(e))?;
        }
        let (created, updated) = (out.created as u64, out.updated as u64);
        let done = || Done::Bulk { created, updated };
        if !commit {
            // A dry run's writes are dropped. Sent with a key, it writes
            // that key alone, with the counts it found, so that its finish
            // sent again (the answer lost) is answered with them: its
            // pieces went with the session that sent them.
            tx.abort().map_err(|e| self.err(e))?;
            self.commit_unchanged(self.write_tx()?, author, now, done)?;
        } else if out.members.is_empty() && created + updated == 0 {
            self.commit_unchanged(tx, author, now, done)?;
        } else {
            self.commit(tx, author, now, done)?;
        }
        Ok(out)
    }

    /// Writes a new client made ready by [`prepare`] and checked: its
    /// record, row, name and number, and its first history entry.
    fn write_new(
        &self,
        t: &mut super::clients::ClientTables<'_>,
        c: &Client,
        e: &Encoded,
    ) -> Result<(), StoreError> {
        let id = c.id;
        t.clients
            .insert(id, e.record.as_slice())
            .map_err(|e| self.err(e))?;
        t.rows
            .insert(id, e.row_bytes.as_slice())
            .map_err(|e| self.err(e))?;
        t.names
            .insert(name_key(&c.display_name).as_str(), id)
            .map_err(|e| self.err(e))?;
        if let Some(n) = &c.number {
            t.numbers.insert(n.as_str(), id).map_err(|e| self.err(e))?;
        }
        // A new client has no history yet: its first entry is number 0.
        t.audit
            .insert((id, 0), e.audit.as_slice())
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

/// A new client of a bulk, ready to be checked against the other clients
/// and written.
// Each goes through a channel by value, one at a time: boxing the large
// variant would only add an allocation per client.
#[allow(clippy::large_enum_variant)]
enum Prepared {
    /// It names a member of the bulk that the bulk does not have.
    Unresolved { place: usize },
    Client {
        /// Its place among the bulk's new clients, from 1.
        place: usize,
        client: Client,
        /// What is wrong with it, found so far.
        problems: Vec<FieldError>,
        /// What to write, unless something is wrong.
        encoded: Option<Encoded>,
    },
}

/// A new client's stored forms.
struct Encoded {
    record: Vec<u8>,
    row: ClientRow,
    row_bytes: Vec<u8>,
    audit: Vec<u8>,
}

/// Makes a new client of a bulk ready to write: its lead and team access
/// resolved, normalised and checked against the model's rules unless
/// `checked` says that was done, its id, version and stamps set, checked
/// against the team, and encoded. Needs no transaction.
fn prepare(
    mut c: Client,
    place: usize,
    id: ClientId,
    checked: bool,
    team: &[Member],
    resolve: &(dyn Fn(&mut Client) -> bool + Sync),
    stamp: &Stamp,
) -> Prepared {
    if !resolve(&mut c) {
        return Prepared::Unresolved { place };
    }
    if !checked {
        c.normalize();
        c.assign_item_ids();
    }
    super::clients::first_version(&mut c, id, stamp);
    let mut problems = if checked {
        Vec::new()
    } else {
        crate::model::validate_client(&c)
    };
    problems.extend(super::clients::check_members(&c, None, team));
    let encoded = problems.is_empty().then(|| {
        let row = ClientRow::of(&c);
        let entry = super::clients::history(
            &c,
            stamp.by,
            stamp.at,
            AuditAction::Imported,
            super::clients::creation(&c, team),
        );
        Encoded {
            record: crate::codec::encode(&c),
            row_bytes: crate::codec::encode(&row),
            row,
            audit: crate::codec::encode(&entry),
        }
    });
    Prepared::Client {
        place,
        client: c,
        problems,
        encoded,
    }
}

fn unknown_member(place: &str) -> FieldError {
    FieldError::new(format!("{place} lead"), Rule::UnknownMember)
}
