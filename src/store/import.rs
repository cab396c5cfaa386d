//! The bulk write: new team members, new clients and changes to existing
//! ones, in one transaction, so a file (or a demo firm) is taken in whole
//! or not at all. A dry run goes through the very same checks and writes,
//! then drops the transaction instead of committing it.

use jiff::Timestamp;

use super::Store;
use super::clients::NewClient;
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
                    Ok(super::clients::Changed::Yes(_, _, row)) => {
                        out.updated += 1;
                        out.rows.push(row);
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
                        let p = c.map(|mut c| {
                            let place = i + 1;
                            if !resolve(&mut c) {
                                return Prepared::Unresolved { place };
                            }
                            let action = AuditAction::Imported;
                            let new = NewClient::ready(c, id, stamp, action, team, checked);
                            Prepared::Client { place, new }
                        });
                        if to_write.send(p).is_err() {
                            return;
                        }
                    }
                });
                for p in ready {
                    let (place, new) = match p.map_err(unreadable)? {
                        Prepared::Unresolved { place } => {
                            problem(&mut errors, unknown_member(&format!("client {place}")));
                            continue;
                        }
                        Prepared::Client { place, new } => (place, new),
                    };
                    let NewClient {
                        client: c,
                        mut problems,
                        stored,
                        first_entry,
                    } = new;
                    problems.extend(self.check_unique(&t, &c)?);
                    next = next.max(c.id + 1);
                    let Some(stored) = stored.filter(|_| problems.is_empty()) else {
                        for mut e in problems {
                            e.field = format!("client {place} ({}) {}", c.display_name, e.field);
                            problem(&mut errors, e);
                        }
                        continue;
                    };
                    self.write_new(&mut t, &c, &stored, &first_entry)?;
                    out.created += 1;
                    if errors.is_empty() {
                        out.rows.push(stored.row);
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
            if author.once.is_some() {
                self.commit_unchanged(self.write_tx()?, author, now, done)?;
            }
        } else if out.members.is_empty() && created + updated == 0 {
            self.commit_unchanged(tx, author, now, done)?;
        } else {
            self.commit(tx, author, now, done)?;
        }
        Ok(out)
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
        new: NewClient,
    },
}

fn unknown_member(place: &str) -> FieldError {
    FieldError::new(format!("{place} lead"), Rule::UnknownMember)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocStatus, Document};
    use crate::store::FILE_NAME;
    use redb::{ReadableDatabase, ReadableTable};

    fn clients() -> Vec<Client> {
        (0..3)
            .map(|i| {
                let mut c = Client::new(format!("  Gagnon {i}, Éloïse "));
                c.number = (i != 1).then(|| format!("C-{i}"));
                c.email = format!("eloise{i}@exemple.ca");
                c.documents.push(Document {
                    id: 0,
                    title: "T4".into(),
                    sent: jiff::civil::date(2026, 3, 1),
                    status: DocStatus::Requested,
                    note: String::new(),
                });
                c
            })
            .collect()
    }

    /// Every entry of a table, as bytes.
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        store: &Store,
        def: redb::TableDefinition<K, V>,
    ) -> Vec<(Vec<u8>, Vec<u8>)> {
        let read = store.db.begin_read().unwrap();
        let t = read.open_table(def).unwrap();
        t.iter()
            .unwrap()
            .map(|r| {
                let (k, v) = r.unwrap();
                (
                    K::as_bytes(&k.value()).as_ref().to_vec(),
                    V::as_bytes(&v.value()).as_ref().to_vec(),
                )
            })
            .collect()
    }

    #[test]
    fn a_bulk_writes_new_clients_exactly_as_single_creates_do() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let open = |dir: &tempfile::TempDir| Store::open(&dir.path().join(FILE_NAME)).unwrap();
        let (one, bulk) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (one, bulk) = (open(&one), open(&bulk));
        one.create_many(clients(), 1, now, AuditAction::Imported)
            .unwrap();
        let done = bulk
            .import(clients(), Vec::new(), Author::from(1), now)
            .unwrap();
        assert_eq!(done.created, 3);
        // The record, its row, its name and number, and its first history
        // entry: the same bytes, written the same way.
        assert_eq!(table(&one, CLIENTS), table(&bulk, CLIENTS));
        assert_eq!(table(&one, ROWS), table(&bulk, ROWS));
        assert_eq!(table(&one, NAMES), table(&bulk, NAMES));
        assert_eq!(table(&one, NUMBERS), table(&bulk, NUMBERS));
        assert_eq!(table(&one, AUDIT), table(&bulk, AUDIT));
        assert_eq!(table(&one, META), table(&bulk, META));
        let rows: Vec<ClientRow> = bulk.rows().unwrap();
        assert_eq!(done.rows, rows);
    }
}
