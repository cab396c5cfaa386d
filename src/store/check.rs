//! `cabinet check`: redb's own integrity check, then every derived table
//! (the name and number indexes, the audit log, the id counter) compared
//! with the client records it is derived from, and the keys of changes
//! sent once with the queue that forgets them.
//!
//! The check reads everything in one read transaction and reports each
//! problem it finds rather than stopping at the first, so that a person
//! deciding whether to restore a backup sees the whole picture.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use redb::{ReadableDatabase, ReadableTable};
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::StoreError;
use super::tables::*;
use crate::codec;
use crate::model::audit::TEAM_HISTORY;
use crate::model::{AuditEntry, Client, ClientId, ClientRow, Member, MemberId};

/// What redb's own check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Integrity {
    /// Every page checked out.
    Clean,
    /// An interrupted commit was rolled back; the last complete commit is intact.
    Repaired,
    /// The file is damaged beyond what redb can repair.
    Damaged(String),
}

/// Which lookup index a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexKind {
    Name,
    Number,
}

impl std::fmt::Display for IndexKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IndexKind::Name => "name index",
            IndexKind::Number => "number index",
        })
    }
}

/// A stored record, named for a problem report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    Client(ClientId),
    Member(MemberId),
    /// An entry of a client's history (or of the team's, under
    /// [`TEAM_HISTORY`]).
    History {
        client: ClientId,
        seq: u64,
    },
    /// The key of a change sent once, with the Unix user who sent it.
    Key {
        uid: u32,
        key: u64,
    },
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Record::Client(id) => write!(f, "client #{id}"),
            Record::Member(id) => write!(f, "team member #{id}"),
            Record::History { client, seq } if *client == TEAM_HISTORY => {
                write!(f, "entry {seq} of the team's history")
            }
            Record::History { client, seq } => {
                write!(f, "history entry {seq} of client #{client}")
            }
            Record::Key { uid, key } => {
                write!(f, "the key {key:x} of a change sent once by user {uid}")
            }
        }
    }
}

/// One inconsistency between the client records and what is derived
/// from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A stored value that does not decode; `detail` is the decoder's
    /// account.
    Undecodable { record: Record, detail: String },
    /// A client's name or number is not in its index.
    NotIndexed {
        index: IndexKind,
        key: String,
        client: ClientId,
    },
    /// An index entry sends a client's key to another client.
    WrongIndex {
        index: IndexKind,
        key: String,
        client: ClientId,
        points_to: ClientId,
    },
    /// An index entry that no client has (anymore).
    StaleIndex {
        index: IndexKind,
        key: String,
        points_to: ClientId,
    },
    /// A client without any history.
    NoHistory { client: ClientId },
    /// A client whose history does not end at its current version.
    HistoryMismatch {
        client: ClientId,
        version: u64,
        last_logged: u64,
    },
    /// History entries for a client that does not exist.
    OrphanHistory { client: ClientId, entries: usize },
    /// A client naming a team member who does not exist.
    UnknownMember { client: ClientId, member: MemberId },
    /// The next client id is not above every id in use, so a new client
    /// would overwrite an existing one.
    IdCounterBehind { next: u64, highest: u64 },
    /// A client's list row (what lists and searches show) does not match
    /// its record, or is missing, or belongs to no client.
    StaleRow { client: ClientId },
    /// A client's products, documents or returns without an id of their
    /// own, or with one at or above the client's next item id, so that
    /// saves could no longer tell its items apart.
    ItemIds { client: ClientId },
    /// The key of a change sent once without its one place, at its age,
    /// in the queue that forgets old keys (or a place in the queue without
    /// its key): such a key would never be forgotten.
    KeyOutOfStep { uid: u32, key: u64 },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Undecodable { record, detail } => {
                write!(f, "{record} cannot be read: {detail}")
            }
            Problem::NotIndexed { index, key, client } => {
                write!(f, "client #{client}: {key:?} is missing from the {index}")
            }
            Problem::WrongIndex {
                index,
                key,
                client,
                points_to,
            } => write!(
                f,
                "client #{client}: the {index} sends {key:?} to client #{points_to}"
            ),
            Problem::StaleIndex {
                index,
                key,
                points_to,
            } => write!(
                f,
                "the {index} sends {key:?} to client #{points_to}, which does not have it"
            ),
            Problem::NoHistory { client } => write!(f, "client #{client} has no history"),
            Problem::HistoryMismatch {
                client,
                version,
                last_logged,
            } => write!(
                f,
                "client #{client} is at version {version} but its history ends at version {last_logged}"
            ),
            Problem::OrphanHistory { client, entries } => write!(
                f,
                "{entries} history entries belong to client #{client}, which does not exist"
            ),
            Problem::UnknownMember { client, member } => write!(
                f,
                "client #{client} names team member #{member}, who does not exist"
            ),
            Problem::IdCounterBehind { next, highest } => write!(
                f,
                "the next client id ({next}) is not above the highest in use ({highest})"
            ),
            Problem::StaleRow { client } => write!(
                f,
                "client #{client}: the list row does not match the record (lists and searches would show old data)"
            ),
            Problem::ItemIds { client } => write!(
                f,
                "client #{client}: its products, documents and returns do not each have an id of their own"
            ),
            Problem::KeyOutOfStep { uid, key } => write!(
                f,
                "the key {key:x} of a change sent once by user {uid} is out of step with the queue that forgets old keys (it would never be forgotten)"
            ),
        }
    }
}

/// What `cabinet check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// The database file that was checked.
    pub(crate) file: PathBuf,
    pub(crate) integrity: Integrity,
    pub clients: usize,
    pub(crate) members: usize,
    /// Entries in the clients' histories (the team's own are not counted).
    pub history_entries: usize,
    pub(crate) problems: Vec<Problem>,
}

impl CheckReport {
    /// True when redb found the file sound and nothing is inconsistent.
    pub fn is_healthy(&self) -> bool {
        !matches!(self.integrity, Integrity::Damaged(_)) && self.problems.is_empty()
    }

    fn damaged(file: &Path, reason: String) -> Self {
        CheckReport {
            file: file.to_owned(),
            integrity: Integrity::Damaged(reason),
            clients: 0,
            members: 0,
            history_entries: 0,
            problems: Vec::new(),
        }
    }
}

impl Store {
    /// Runs redb's integrity check (which needs the database to itself),
    /// then the consistency check. A damaged file gives a report saying
    /// so, not an error.
    pub(crate) fn check(&mut self) -> Result<CheckReport, StoreError> {
        let integrity = match self.db.check_integrity() {
            Ok(true) => Integrity::Clean,
            Ok(false) => Integrity::Repaired,
            Err(redb::DatabaseError::TransactionInProgress) => {
                return Err(self.err(redb::DatabaseError::TransactionInProgress));
            }
            Err(e) => return Ok(CheckReport::damaged(&self.path, e.to_string())),
        };
        let mut report = CheckReport {
            integrity,
            ..CheckReport::damaged(&self.path, String::new())
        };
        match self.consistency(&mut report) {
            Ok(()) => Ok(report),
            Err(StoreError::Db { source, .. }) => {
                Ok(CheckReport::damaged(&self.path, source.to_string()))
            }
            Err(e) => Err(e),
        }
    }

    /// Compares the indexes, the history and the id counter with the
    /// client records, in one read transaction.
    fn consistency(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let problems = &mut report.problems;

        let mut clients: BTreeMap<ClientId, Client> = BTreeMap::new();
        let mut unreadable: HashSet<ClientId> = HashSet::new();
        let table = read.open_table(CLIENTS).map_err(|e| self.err(e))?;
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            let id = k.value();
            match codec::decode::<Client>(v.value()) {
                Ok(c) => {
                    clients.insert(id, c);
                }
                Err(e) => {
                    unreadable.insert(id);
                    problems.push(Problem::Undecodable {
                        record: Record::Client(id),
                        detail: e.to_string(),
                    });
                }
            }
        }
        report.clients = clients.len() + unreadable.len();

        let mut team: HashSet<MemberId> = HashSet::new();
        let table = read.open_table(TEAM).map_err(|e| self.err(e))?;
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            match codec::decode::<Member>(v.value()) {
                Ok(m) => {
                    team.insert(m.id);
                }
                Err(e) => problems.push(Problem::Undecodable {
                    record: Record::Member(k.value()),
                    detail: e.to_string(),
                }),
            }
        }
        report.members = team.len();

        for (index, def) in [(IndexKind::Name, NAMES), (IndexKind::Number, NUMBERS)] {
            let key_of = |c: &Client| match index {
                IndexKind::Name => Some(name_key(&c.display_name)),
                IndexKind::Number => c.number.clone(),
            };
            let mut entries: HashMap<String, ClientId> = HashMap::new();
            let table = read.open_table(def).map_err(|e| self.err(e))?;
            for row in table.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                entries.insert(k.value().to_owned(), v.value());
            }
            // Keys already reported as sending a client elsewhere.
            let mut wrong: HashSet<String> = HashSet::new();
            for (&id, c) in &clients {
                let Some(key) = key_of(c) else { continue };
                match entries.get(&key) {
                    None => problems.push(Problem::NotIndexed {
                        index,
                        key,
                        client: id,
                    }),
                    Some(&to) if to != id => {
                        wrong.insert(key.clone());
                        problems.push(Problem::WrongIndex {
                            index,
                            key,
                            client: id,
                            points_to: to,
                        });
                    }
                    Some(_) => {}
                }
            }
            let mut stale: Vec<_> = entries
                .into_iter()
                .filter(|(key, to)| {
                    !wrong.contains(key)
                        && !unreadable.contains(to)
                        && clients.get(to).and_then(key_of).as_ref() != Some(key)
                })
                .collect();
            stale.sort();
            problems.extend(stale.into_iter().map(|(key, to)| Problem::StaleIndex {
                index,
                key,
                points_to: to,
            }));
        }

        // Per client: how many entries, and the version the last one records.
        let mut history: BTreeMap<ClientId, (usize, u64)> = BTreeMap::new();
        let table = read.open_table(AUDIT).map_err(|e| self.err(e))?;
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            let (id, seq) = k.value();
            if id != TEAM_HISTORY {
                report.history_entries += 1;
            }
            match codec::decode::<AuditEntry>(v.value()) {
                Ok(entry) => {
                    let h = history.entry(id).or_default();
                    h.0 += 1;
                    h.1 = h.1.max(entry.version().unwrap_or(0));
                }
                Err(e) => problems.push(Problem::Undecodable {
                    record: Record::History { client: id, seq },
                    detail: e.to_string(),
                }),
            }
        }
        for (&id, c) in &clients {
            match history.get(&id) {
                None => problems.push(Problem::NoHistory { client: id }),
                Some(&(_, last)) if last != c.version => problems.push(Problem::HistoryMismatch {
                    client: id,
                    version: c.version,
                    last_logged: last,
                }),
                Some(_) => {}
            }
            if !item_ids_sound(c) {
                problems.push(Problem::ItemIds { client: id });
            }
            for member in c.lead.iter().chain(&c.team_access) {
                if !team.contains(member) {
                    problems.push(Problem::UnknownMember {
                        client: id,
                        member: *member,
                    });
                }
            }
        }
        for (&id, &(entries, _)) in &history {
            // The team's own history is kept under a client id no client has.
            if id == TEAM_HISTORY {
                continue;
            }
            if !clients.contains_key(&id) && !unreadable.contains(&id) {
                problems.push(Problem::OrphanHistory {
                    client: id,
                    entries,
                });
            }
        }

        // Rows are derived from records: each must be exactly the row its
        // record gives.
        if let Ok(rows) = read.open_table(ROWS) {
            let mut seen = HashSet::new();
            for row in rows.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                let id = k.value();
                seen.insert(id);
                let fresh = clients.get(&id).map(|c| codec::encode(&ClientRow::of(c)));
                if fresh.as_deref() != Some(v.value()) && !unreadable.contains(&id) {
                    problems.push(Problem::StaleRow { client: id });
                }
            }
            for &id in clients.keys() {
                if !seen.contains(&id) {
                    problems.push(Problem::StaleRow { client: id });
                }
            }
        }

        self.check_keys(&read, problems)?;

        let meta = read.open_table(META).map_err(|e| self.err(e))?;
        let next = self.next_id(&meta, NEXT_CLIENT)?;
        let highest = clients
            .keys()
            .chain(unreadable.iter())
            .copied()
            .max()
            .unwrap_or(0);
        if next <= highest {
            problems.push(Problem::IdCounterBehind { next, highest });
        }
        Ok(())
    }
}

impl Store {
    /// The keys of changes sent once: each receipt reads, and each key
    /// has exactly one place in the queue of ages, at its own age (both
    /// are written together, in the change's transaction).
    fn check_keys(
        &self,
        read: &redb::ReadTransaction,
        problems: &mut Vec<Problem>,
    ) -> Result<(), StoreError> {
        let (Ok(keys), Ok(ages)) = (read.open_table(ONCE), read.open_table(ONCE_BY_AGE)) else {
            return Ok(());
        };
        let mut queued: BTreeMap<(u32, u64), Vec<i64>> = BTreeMap::new();
        for row in ages.iter().map_err(|e| self.err(e))? {
            let (k, _) = row.map_err(|e| self.err(e))?;
            let (at, uid, key) = k.value();
            queued.entry((uid, key)).or_default().push(at);
        }
        for row in keys.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            let (uid, key) = k.value();
            let places = queued.remove(&(uid, key));
            match super::once::age_of(v.value()) {
                Err(e) => problems.push(Problem::Undecodable {
                    record: Record::Key { uid, key },
                    detail: e.to_string(),
                }),
                Ok(at) if places.as_deref() != Some(&[at]) => {
                    problems.push(Problem::KeyOutOfStep { uid, key });
                }
                Ok(_) => {}
            }
        }
        problems.extend(
            queued
                .into_keys()
                .map(|(uid, key)| Problem::KeyOutOfStep { uid, key }),
        );
        Ok(())
    }
}

/// Checks the firm file at `path` without a running firm: for a file that
/// the firm cannot open. A damaged file gives a report saying so.
pub(crate) fn check_file(path: &Path) -> Result<CheckReport, StoreError> {
    if !path.exists() {
        return Err(StoreError::Io {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    match Store::open(path) {
        Ok(mut store) => store.check(),
        // redb's account, shown as it is; a read that panicked gave none.
        Err(StoreError::Damaged { detail, .. }) => Ok(CheckReport::damaged(
            path,
            detail.unwrap_or_else(|| "unreadable".into()),
        )),
        Err(e) => Err(e),
    }
}
/// True when every item of the client has an id, no two share one, and
/// the client's next item id is above them all.
fn item_ids_sound(c: &crate::model::Client) -> bool {
    let mut ids: Vec<u32> = c
        .products
        .iter()
        .map(|p| p.id)
        .chain(c.documents.iter().map(|d| d.id))
        .chain(c.tax_returns.iter().map(|r| r.id))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    ids.len() == n && ids.iter().all(|&id| id != 0 && id < c.next_item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, ReturnStatus, TaxForm, TaxReturn};

    #[test]
    fn items_need_ids_of_their_own_below_the_next_one() {
        let ret = |id| TaxReturn {
            id,
            year: 2025,
            form: TaxForm::T1,
            status: ReturnStatus::NotStarted,
            due: None,
            filed: None,
        };
        let mut c = Client::new("A");
        c.tax_returns = vec![ret(1), ret(2)];
        c.next_item = 3;
        assert!(item_ids_sound(&c));
        c.next_item = 2;
        assert!(!item_ids_sound(&c), "the next id is in use");
        c.next_item = 3;
        c.tax_returns[1].id = 1;
        assert!(!item_ids_sound(&c), "two items share an id");
        c.tax_returns[1].id = 0;
        assert!(!item_ids_sound(&c), "an item without an id");
    }

    #[test]
    fn keys_of_changes_sent_once_are_checked_against_their_queue() {
        use crate::store::{Author, FILE_NAME, Once};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        for key in 1..=3 {
            let by = Author::new(1, Some(Once { uid: 1000, key }));
            store
                .create(Client::new(format!("Client {key}")), by, now)
                .unwrap();
        }
        assert_eq!(store.check().unwrap().problems, Vec::new());
        // Key 1 loses its place in the queue, key 2 is moved in it, key 3's
        // receipt is damaged, and the queue holds a key that is gone.
        let at = now.as_microsecond();
        let tx = store.write_tx().unwrap();
        {
            let mut keys = tx.open_table(ONCE).unwrap();
            let mut ages = tx.open_table(ONCE_BY_AGE).unwrap();
            ages.remove((at, 1000, 1)).unwrap();
            ages.remove((at, 1000, 2)).unwrap();
            ages.insert((at + 1, 1000, 2), ()).unwrap();
            keys.insert((1000, 3), [1u8, 0xff].as_slice()).unwrap();
            ages.insert((at, 1001, 9), ()).unwrap();
        }
        tx.commit().unwrap();
        let problems = store.check().unwrap().problems;
        assert_eq!(problems.len(), 4, "{problems:#?}");
        for (uid, key) in [(1000, 1), (1000, 2), (1001, 9)] {
            assert!(
                problems.contains(&Problem::KeyOutOfStep { uid, key }),
                "{uid} {key}: {problems:#?}"
            );
        }
        assert!(problems.iter().any(|p| matches!(
            p,
            Problem::Undecodable {
                record: Record::Key { uid: 1000, key: 3 },
                ..
            }
        )));
        // Both languages name the key and the user.
        for p in &problems {
            for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Fr] {
                let said = lang.problem(p);
                assert!(said.contains("1000") || said.contains("1001"), "{said}");
            }
        }
    }
}
