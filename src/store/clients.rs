//! Reading and writing clients, with their indexes and audit entries.

use jiff::Timestamp;
use jiff::civil::Date;
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, Table};

use super::Store;
use super::error::{StoreError, WriteError};
use super::once::{Author, Done};
use super::tables::*;
use crate::codec;
use crate::model::audit::TEAM_HISTORY;
use crate::model::field::diff;
use crate::model::{
    AuditAction, AuditEntry, Client, ClientId, ClientKind, ClientRow, FieldChange, FieldError,
    Member, MemberId, Rule, Stamp, Subject, validate_change, validate_client,
};

/// What saving a changed client did.
// Returned by value once per client written: boxing would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
pub(super) enum Changed {
    /// Nothing differed from the stored record, which is returned.
    No(Client),
    /// The new version was written, with what changed and its list row.
    Yes(Client, Vec<FieldChange>, ClientRow),
}

/// The tables a client write touches, opened once per transaction.
pub(super) struct ClientTables<'t> {
    pub(super) clients: Table<'t, u64, &'static [u8]>,
    pub(super) names: Table<'t, &'static str, u64>,
    pub(super) numbers: Table<'t, &'static str, u64>,
    pub(super) audit: Table<'t, (u64, u64), &'static [u8]>,
    pub(super) rows: Table<'t, u64, &'static [u8]>,
}

impl Store {
    /// Every client, in id order.
    pub fn clients(&self) -> Result<Vec<Client>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(table.len().map_err(|e| self.err(e))? as usize);
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            out.push(self.decode(&format!("client {}", k.value()), v.value())?);
        }
        Ok(out)
    }

    /// One client, if it exists.
    pub fn client(&self, id: ClientId) -> Result<Option<Client>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        let value = table.get(id).map_err(|e| self.err(e))?;
        value
            .map(|v| self.decode(&format!("client {id}"), v.value()))
            .transpose()
    }

    /// These clients, in the order given, read in one transaction; `None`
    /// for an id with no client.
    pub(crate) fn clients_by_id(
        &self,
        ids: &[ClientId],
    ) -> Result<Vec<Option<Client>>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        // Read in key order (the file's order), then put back in the
        // order asked.
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_unstable_by_key(|&i| ids[i]);
        let mut out: Vec<Option<Client>> = vec![None; ids.len()];
        for i in order {
            let id = ids[i];
            let value = table.get(id).map_err(|e| self.err(e))?;
            out[i] = value
                .map(|v| self.decode(&format!("client {id}"), v.value()))
                .transpose()?;
        }
        Ok(out)
    }

    /// The client with this number, if any.
    pub fn client_by_number(&self, number: &str) -> Result<Option<ClientId>, StoreError> {
        self.lookup(NUMBERS, number)
    }

    /// The client with this display name (ignoring case), if any.
    pub fn client_by_name(&self, name: &str) -> Result<Option<ClientId>, StoreError> {
        self.lookup(NAMES, &name_key(&crate::model::text::normalize(name)))
    }

    fn lookup(
        &self,
        def: redb::TableDefinition<&str, u64>,
        key: &str,
    ) -> Result<Option<ClientId>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(def).map_err(|e| self.err(e))?;
        Ok(table.get(key).map_err(|e| self.err(e))?.map(|v| v.value()))
    }

    /// A client's audit entries, oldest first.
    pub fn audit(&self, id: ClientId) -> Result<Vec<AuditEntry>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(AUDIT).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in table
            .range((id, 0)..=(id, u64::MAX))
            .map_err(|e| self.err(e))?
        {
            let (k, v) = row.map_err(|e| self.err(e))?;
            let (c, seq) = k.value();
            out.push(self.decode(&format!("audit {c}/{seq}"), v.value())?);
        }
        Ok(out)
    }

    /// Adds one client. See [`Store::create_many`].
    pub fn create(
        &self,
        client: Client,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<Client, WriteError> {
        let mut v = self.create_many(vec![client], by, now, AuditAction::Created)?;
        Ok(v.remove(0))
    }

    /// Adds clients in one transaction: all of them or none. Each gets a
    /// fresh id, version 1 and an audit entry listing its fields.
    pub fn create_many(
        &self,
        clients: Vec<Client>,
        by: impl Into<Author>,
        now: Timestamp,
        action: AuditAction,
    ) -> Result<Vec<Client>, WriteError> {
        let author = by.into();
        let by = author.member;
        let many = clients.len() > 1;
        let tx = self.write_tx()?;
        let team = self.members_in(&tx)?;
        let first;
        let created = {
            let mut t = self.open_client_tables(&tx)?;
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            let mut next = self.next_id(&meta, NEXT_CLIENT)?;
            first = next;
            let mut created = Vec::with_capacity(clients.len());
            for (i, c) in clients.into_iter().enumerate() {
                let stamp = Stamp { at: now, by };
                match self.insert_new(&mut t, &team, c, next, stamp, action)? {
                    Ok(c) => created.push(c),
                    Err((name, mut errors)) => {
                        if many {
                            for e in &mut errors {
                                e.field = format!("client {} ({name}) {}", i + 1, e.field);
                            }
                        }
                        return Err(WriteError::Invalid(errors));
                    }
                }
                next += 1;
            }
            meta.insert(NEXT_CLIENT, next).map_err(|e| self.err(e))?;
            created
        };
        let count = created.len() as u64;
        self.commit(tx, author, now, || Done::Created { first, count })?;
        Ok(created)
    }

    /// Checks a changed client made on version `c.version` inside a write
    /// transaction and, when it differs from the stored record, writes the
    /// next version with its row, indexes and history. A stale version is a
    /// conflict; an invalid client writes nothing and comes back as its
    /// name and problems. The id, creation stamp and active status are kept
    /// from the stored record.
    pub(super) fn replace_existing(
        &self,
        t: &mut ClientTables<'_>,
        team: &[Member],
        mut c: Client,
        stamp: Stamp,
        action: AuditAction,
    ) -> Result<Result<Changed, (String, Vec<FieldError>)>, WriteError> {
        let current = self.load(t, c.id)?;
        if current.version != c.version {
            return Err(WriteError::Conflict {
                expected: c.version,
                current: Box::new(current),
            });
        }
        c.normalize();
        c.created = current.created.clone();
        c.inactive_since = current.inactive_since;
        c.next_item = c.next_item.max(current.next_item);
        c.assign_item_ids();
        let mut errors = validate_change(&current, &c);
        errors.extend(check_members(&c, Some(&current), team));
        errors.extend(self.check_unique(t, &c)?);
        if !errors.is_empty() {
            return Ok(Err((c.display_name, errors)));
        }
        let changes = diff(&current, &c, team);
        if changes.is_empty() {
            return Ok(Ok(Changed::No(current)));
        }
        c.version = current.version + 1;
        c.updated = Some(stamp.clone());
        let row = self.put(t, &c, Some(&current))?;
        let entry = history(&c, stamp.by, stamp.at, action, changes.clone());
        self.append_audit(&mut t.audit, &entry)?;
        Ok(Ok(Changed::Yes(c, changes, row)))
    }

    /// Prepares one new client inside a write transaction (its id,
    /// version 1, stamps), checks it against the model's rules, the team
    /// and the other clients, then writes its record, row, indexes and
    /// history. An invalid client writes nothing and comes back as its name
    /// and problems.
    pub(super) fn insert_new(
        &self,
        t: &mut ClientTables<'_>,
        team: &[Member],
        c: Client,
        id: ClientId,
        stamp: Stamp,
        action: AuditAction,
    ) -> Result<Result<Client, (String, Vec<FieldError>)>, StoreError> {
        let mut new = NewClient::ready(c, id, &stamp, action, team, false);
        new.problems.extend(self.check_unique(t, &new.client)?);
        match new.stored.filter(|_| new.problems.is_empty()) {
            Some(stored) => {
                self.write_new(t, &new.client, &stored, &new.first_entry)?;
                Ok(Ok(new.client))
            }
            None => Ok(Err((new.client.display_name, new.problems))),
        }
    }

    /// Writes a new client made ready by [`NewClient::ready`] and checked
    /// against the other clients: its record, row, name and number
    /// ([`Store::put`]'s one way), and its first history entry. The one way
    /// a new client is written, alone or in a bulk.
    pub(super) fn write_new(
        &self,
        t: &mut ClientTables<'_>,
        c: &Client,
        stored: &Stored,
        first_entry: &[u8],
    ) -> Result<(), StoreError> {
        self.put_stored(t, c, None, stored)?;
        // A new client has no history yet: its first entry is number 0.
        t.audit
            .insert((c.id, 0), first_entry)
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Saves a changed client made on version `client.version`.
    ///
    /// A stale version returns [`WriteError::Conflict`] with the current
    /// record. An update that changes nothing returns the current record
    /// and writes nothing but its key, when it was sent with one. The id,
    /// creation stamp and active status are kept from the stored record:
    /// status changes go through [`Store::set_active`].
    pub fn update(
        &self,
        client: Client,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<(Client, Vec<FieldChange>), WriteError> {
        self.change(by.into(), now, |_, _| Ok(client))
    }

    /// Saves `mine`, a change made on `base`. When the client is still at
    /// the base's version, this is [`Store::update`]. When someone saved
    /// in between, what changed from the base to mine is merged into the
    /// current record item by item and field by field
    /// ([`crate::model::merge::merge`]); if both sides changed the same
    /// spot differently, or one edited an item the other deleted, nothing
    /// is written and the conflict carries the current record.
    pub fn save(
        &self,
        base: &Client,
        mine: Client,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<(Client, Vec<FieldChange>), WriteError> {
        self.change(by.into(), now, |t, team| {
            let current = self.load(t, mine.id)?;
            if current.version == base.version || base.id != mine.id {
                return Ok(mine);
            }
            let merged = crate::model::merge::merge(base, &mine, &current, team);
            if !merged.clashes.is_empty() {
                return Err(WriteError::Conflict {
                    expected: base.version,
                    current: Box::new(current),
                });
            }
            Ok(merged.client)
        })
    }

    /// Writes the changed client that `target` makes from the stored
    /// records and the team, read in the same write transaction, as
    /// [`Store::update`] does.
    fn change(
        &self,
        by: Author,
        now: Timestamp,
        target: impl FnOnce(&ClientTables<'_>, &[Member]) -> Result<Client, WriteError>,
    ) -> Result<(Client, Vec<FieldChange>), WriteError> {
        let tx = self.write_tx()?;
        let team = self.members_in(&tx)?;
        let result = {
            let mut t = self.open_client_tables(&tx)?;
            let target = target(&t, &team)?;
            let stamp = Stamp {
                at: now,
                by: by.member,
            };
            match self.replace_existing(&mut t, &team, target, stamp, AuditAction::Updated)? {
                Err((_, errors)) => return Err(WriteError::Invalid(errors)),
                Ok(Changed::No(current)) => (current, Vec::new()),
                Ok(Changed::Yes(c, changes, _)) => (c, changes),
            }
        };
        let id = result.0.id;
        let done = || Done::Changed { id };
        if result.1.is_empty() {
            self.commit_unchanged(tx, by, now, done)?;
        } else {
            self.commit(tx, by, now, done)?;
        }
        Ok(result)
    }

    /// Makes a client inactive as of `today`, or active again. Everything
    /// else about the client is kept. Setting the state it already has
    /// writes nothing but its key, when it was sent with one.
    pub fn set_active(
        &self,
        id: ClientId,
        active: bool,
        today: Date,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<Client, WriteError> {
        let author = by.into();
        let by = author.member;
        let tx = self.write_tx()?;
        let team = self.members_in(&tx)?;
        let client = {
            let mut t = self.open_client_tables(&tx)?;
            let current = self.load(&t, id)?;
            if current.is_active() == active {
                drop(t);
                self.commit_unchanged(tx, author, now, || Done::Changed { id })?;
                return Ok(current);
            }
            let mut c = current.clone();
            c.inactive_since = if active { None } else { Some(today) };
            c.version += 1;
            c.updated = Some(Stamp { at: now, by });
            let action = if active {
                AuditAction::Reactivated
            } else {
                AuditAction::Deactivated
            };
            let changes = diff(&current, &c, &team);
            self.put(&mut t, &c, Some(&current))?;
            self.append_audit(&mut t.audit, &history(&c, by, now, action, changes))?;
            c
        };
        self.commit(tx, author, now, || Done::Changed { id })?;
        Ok(client)
    }

    /// Gives every listed client this lead (or none), in one transaction
    /// with one audit entry per client that changed. Returns the changed
    /// clients.
    pub fn assign_lead(
        &self,
        ids: &[ClientId],
        lead: Option<MemberId>,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<Vec<Client>, WriteError> {
        let author = by.into();
        let by = author.member;
        let tx = self.write_tx()?;
        let team = self.members_in(&tx)?;
        if let Some(l) = lead {
            match team.iter().find(|m| m.id == l) {
                None => {
                    return Err(WriteError::Invalid(vec![FieldError::new(
                        "lead",
                        Rule::UnknownMember,
                    )]));
                }
                Some(m) if !m.active => {
                    return Err(WriteError::Invalid(vec![FieldError::new(
                        "lead",
                        Rule::InactiveMember,
                    )]));
                }
                Some(_) => {}
            }
        }
        let changed = {
            let mut t = self.open_client_tables(&tx)?;
            let mut changed = Vec::new();
            for &id in ids {
                let current = self.load(&t, id)?;
                if current.lead == lead {
                    continue;
                }
                let mut c = current.clone();
                c.lead = lead;
                c.version += 1;
                c.updated = Some(Stamp { at: now, by });
                let changes = diff(&current, &c, &team);
                self.put(&mut t, &c, Some(&current))?;
                let entry = history(&c, by, now, AuditAction::LeadAssigned, changes);
                self.append_audit(&mut t.audit, &entry)?;
                changed.push(c);
            }
            changed
        };
        let count = changed.len() as u64;
        self.commit(tx, author, now, || Done::Assigned { count })?;
        Ok(changed)
    }

    pub(super) fn open_client_tables<'t>(
        &self,
        tx: &'t redb::WriteTransaction,
    ) -> Result<ClientTables<'t>, StoreError> {
        Ok(ClientTables {
            clients: tx.open_table(CLIENTS).map_err(|e| self.err(e))?,
            names: tx.open_table(NAMES).map_err(|e| self.err(e))?,
            numbers: tx.open_table(NUMBERS).map_err(|e| self.err(e))?,
            audit: tx.open_table(AUDIT).map_err(|e| self.err(e))?,
            rows: tx.open_table(ROWS).map_err(|e| self.err(e))?,
        })
    }

    pub(super) fn load(&self, t: &ClientTables<'_>, id: ClientId) -> Result<Client, WriteError> {
        let v = t
            .clients
            .get(id)
            .map_err(|e| self.err(e))?
            .ok_or(WriteError::NotFound(id))?;
        Ok(self.decode(&format!("client {id}"), v.value())?)
    }

    /// Name and number must not belong to another client.
    pub(super) fn check_unique(
        &self,
        t: &ClientTables<'_>,
        c: &Client,
    ) -> Result<Vec<FieldError>, StoreError> {
        let mut errors = Vec::new();
        let other_name = |id: u64| -> Result<String, StoreError> {
            let v = t.clients.get(id).map_err(|e| self.err(e))?;
            Ok(match v {
                Some(v) => {
                    self.decode::<Client>(&format!("client {id}"), v.value())?
                        .display_name
                }
                None => format!("client #{id}"),
            })
        };
        if !c.display_name.is_empty()
            && let Some(id) = t
                .names
                .get(name_key(&c.display_name).as_str())
                .map_err(|e| self.err(e))?
                .map(|v| v.value())
            && id != c.id
        {
            errors.push(FieldError::new(
                "name",
                Rule::Duplicate {
                    other: other_name(id)?,
                },
            ));
        }
        if let Some(n) = &c.number
            && let Some(id) = t
                .numbers
                .get(n.as_str())
                .map_err(|e| self.err(e))?
                .map(|v| v.value())
            && id != c.id
        {
            errors.push(FieldError::new(
                "number",
                Rule::Duplicate {
                    other: other_name(id)?,
                },
            ));
        }
        Ok(errors)
    }

    /// Writes the record and its row, and keeps the name and number
    /// indexes in step. Returns the row.
    pub(super) fn put(
        &self,
        t: &mut ClientTables<'_>,
        c: &Client,
        old: Option<&Client>,
    ) -> Result<ClientRow, StoreError> {
        let stored = Stored::of(c);
        self.put_stored(t, c, old, &stored)?;
        Ok(stored.row)
    }

    /// [`Store::put`] with the record and row encoded already: the one
    /// way a client's record, row, name and number are written.
    fn put_stored(
        &self,
        t: &mut ClientTables<'_>,
        c: &Client,
        old: Option<&Client>,
        stored: &Stored,
    ) -> Result<(), StoreError> {
        if let Some(old) = old {
            let old_key = name_key(&old.display_name);
            if old_key != name_key(&c.display_name) {
                t.names.remove(old_key.as_str()).map_err(|e| self.err(e))?;
            }
            if let Some(n) = &old.number
                && old.number != c.number
            {
                t.numbers.remove(n.as_str()).map_err(|e| self.err(e))?;
            }
        }
        t.clients
            .insert(c.id, stored.record.as_slice())
            .map_err(|e| self.err(e))?;
        t.rows
            .insert(c.id, stored.row_bytes.as_slice())
            .map_err(|e| self.err(e))?;
        t.names
            .insert(name_key(&c.display_name).as_str(), c.id)
            .map_err(|e| self.err(e))?;
        if let Some(n) = &c.number {
            t.numbers
                .insert(n.as_str(), c.id)
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Appends an entry to the history it is about: a client's, or the
    /// team's (kept under [`TEAM_HISTORY`]), after its last entry. The one
    /// way history is written, besides a new client's first entry
    /// ([`Store::write_new`]).
    pub(super) fn append_audit(
        &self,
        audit: &mut Table<'_, (u64, u64), &'static [u8]>,
        entry: &AuditEntry,
    ) -> Result<(), StoreError> {
        let under = match entry.subject {
            Subject::Client { id, .. } => id,
            Subject::Member { .. } => TEAM_HISTORY,
        };
        let last = audit
            .range((under, 0)..=(under, u64::MAX))
            .map_err(|e| self.err(e))?
            .next_back()
            .transpose()
            .map_err(|e| self.err(e))?
            .map(|(k, _)| k.value().1);
        let seq = last.map_or(0, |s| s + 1);
        audit
            .insert((under, seq), codec::encode(entry).as_slice())
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub(super) fn decode<T: serde::de::DeserializeOwned>(
        &self,
        what: &str,
        bytes: &[u8],
    ) -> Result<T, StoreError> {
        codec::decode(bytes).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            what: what.to_owned(),
            reason: e.to_string(),
        })
    }
}

/// A history entry about client `c` at its version.
pub(super) fn history(
    c: &Client,
    by: MemberId,
    at: Timestamp,
    action: AuditAction,
    changes: Vec<FieldChange>,
) -> AuditEntry {
    AuditEntry {
        subject: Subject::Client {
            id: c.id,
            version: c.version,
        },
        at,
        by,
        action,
        changes,
    }
}

/// Makes `c` the first version of a new client: its id, version 1, and
/// its creation and last change both now.
pub(super) fn first_version(c: &mut Client, id: ClientId, stamp: &Stamp) {
    c.id = id;
    c.version = 1;
    c.created = Some(stamp.clone());
    c.updated = Some(stamp.clone());
}

/// A client's stored forms, encoded: its record and list row (and, for
/// a new client, its first history entry), so that a bulk write can
/// encode them on another thread than the one that writes.
pub(super) struct Stored {
    record: Vec<u8>,
    pub(super) row: ClientRow,
    row_bytes: Vec<u8>,
}

impl Stored {
    fn of(c: &Client) -> Stored {
        let row = ClientRow::of(c);
        Stored {
            record: codec::encode(c),
            row_bytes: codec::encode(&row),
            row,
        }
    }
}

/// A new client made ready to write, with what is wrong with it so far
/// (all but what depends on the other clients: [`Store::check_unique`]).
pub(super) struct NewClient {
    pub(super) client: Client,
    pub(super) problems: Vec<FieldError>,
    /// What to write, when nothing is wrong so far.
    pub(super) stored: Option<Stored>,
    /// Its first history entry, encoded.
    pub(super) first_entry: Vec<u8>,
}

impl NewClient {
    /// Normalises `c` and numbers its items (unless `checked` says that
    /// was done, with the model's rules checked), makes it the first
    /// version of client `id`, checks it against the model's rules and the
    /// team, and encodes its record, row and first history entry. Needs
    /// no transaction: a bulk write runs it on a thread of its own.
    pub(super) fn ready(
        mut c: Client,
        id: ClientId,
        stamp: &Stamp,
        action: AuditAction,
        team: &[Member],
        checked: bool,
    ) -> NewClient {
        if !checked {
            c.normalize();
            c.assign_item_ids();
        }
        first_version(&mut c, id, stamp);
        let mut problems = if checked {
            Vec::new()
        } else {
            validate_client(&c)
        };
        problems.extend(check_members(&c, None, team));
        let (stored, first_entry) = if problems.is_empty() {
            let entry = history(&c, stamp.by, stamp.at, action, creation(&c, team));
            (Some(Stored::of(&c)), codec::encode(&entry))
        } else {
            (None, Vec::new())
        };
        NewClient {
            client: c,
            problems,
            stored,
            first_entry,
        }
    }
}

/// The lead and team access must name team members; a newly chosen lead
/// must be active (a lead who has since left may stay until reassigned).
pub(super) fn check_members(c: &Client, old: Option<&Client>, team: &[Member]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(lead) = c.lead {
        match team.iter().find(|m| m.id == lead) {
            None => errors.push(FieldError::new("lead", Rule::UnknownMember)),
            Some(m) if !m.active && old.is_none_or(|o| o.lead != c.lead) => {
                errors.push(FieldError::new("lead", Rule::InactiveMember))
            }
            Some(_) => {}
        }
    }
    if c.team_access
        .iter()
        .any(|id| !team.iter().any(|m| m.id == *id))
    {
        errors.push(FieldError::new("team_access", Rule::UnknownMember));
    }
    errors
}

/// A new client's fields as history records them: each field that has a
/// value, from nothing.
pub(super) fn creation(c: &Client, team: &[Member]) -> Vec<FieldChange> {
    // A blank of the other kind, so that the kind is always recorded.
    let mut blank = Client::new("");
    blank.kind = match c.kind {
        ClientKind::Business => ClientKind::Individual,
        ClientKind::Individual => ClientKind::Business,
    };
    let mut changes = diff(&blank, c, team);
    for ch in &mut changes {
        ch.old.clear();
    }
    changes.retain(|ch| !ch.new.is_empty());
    changes
}
