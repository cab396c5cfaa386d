//! Changes sent once: the key a change was sent with, written in the
//! change's own transaction with what the change did, so that the change
//! sent again (its answer was lost with the connection, or with the server
//! itself) is answered rather than carried out a second time, even by a
//! server started since.
//!
//! Keys are forgotten a day after their change, or beyond the most kept,
//! oldest first, inside later changes sent with a key.

use jiff::{SignedDuration, Timestamp};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::StoreError;
use super::tables::{ONCE, ONCE_BY_AGE};
use crate::codec;
use crate::model::{ClientId, MemberId};

/// How long a key is kept after its change.
pub(crate) const KEEP: SignedDuration = SignedDuration::from_hours(24);

/// The most keys kept at once; the oldest go first.
pub(crate) const MOST: u64 = 50_000;

/// The most old keys one change forgets, so that no change waits on a
/// long clean-up (each change adds one key).
const FORGET_AT_ONCE: usize = 64;

/// A change sent with a key: the Unix user who sent it, and its key
/// (random, chosen by the client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Once {
    pub uid: u32,
    pub key: u64,
}

/// Who makes a change: the team member, and the key the change was sent
/// with, if it was. A member id alone is a change sent without a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Author {
    pub(super) member: MemberId,
    pub(super) once: Option<Once>,
}

impl Author {
    /// `member`'s change, sent with `once` when it has a key.
    pub fn new(member: MemberId, once: Option<Once>) -> Author {
        Author { member, once }
    }

    /// The member making the change.
    pub(crate) fn member(&self) -> MemberId {
        self.member
    }
}

impl From<MemberId> for Author {
    fn from(member: MemberId) -> Author {
        Author { member, once: None }
    }
}

/// What a change sent with a key did, kept with its key: enough to
/// answer the change sent again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Done {
    /// New clients, numbered from `first` on.
    Created { first: ClientId, count: u64 },
    /// This client was changed (an update, a save, its status).
    Changed { id: ClientId },
    /// This many clients were given a lead.
    Assigned { count: u64 },
    /// A bulk write (an import, the demo).
    Bulk { created: u64, updated: u64 },
    /// This team member was added or changed.
    Member { id: MemberId },
    /// The SINs of these clients were shown, in this order, and their
    /// showing recorded: only the same reveal sent again is answered
    /// without a history entry of its own.
    Revealed { ids: Vec<ClientId> },
}

/// A key's record: when its change was made, and what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Receipt {
    at: Timestamp,
    done: Done,
}

/// When the change of a key's receipt was made, in microseconds since
/// 1970 (its place in the queue of ages): for `check`.
pub(super) fn age_of(receipt: &[u8]) -> Result<i64, codec::CodecError> {
    codec::decode::<Receipt>(receipt).map(|r| r.at.as_microsecond())
}

impl Store {
    /// What the change sent with this key did, if a change recorded it
    /// (in this process or an earlier one) and it is not forgotten yet.
    ///
    /// The table is always there: a new file is made with it, and opening
    /// a file of an older schema adds it (`migrate`) before anything reads.
    pub fn done_before(&self, once: Once) -> Result<Option<Done>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(ONCE).map_err(|e| self.err(e))?;
        let Some(v) = table.get((once.uid, once.key)).map_err(|e| self.err(e))? else {
            return Ok(None);
        };
        let receipt: Receipt = self.decode(&format!("key {:x}", once.key), v.value())?;
        Ok(Some(receipt.done))
    }

    /// Commits a change's transaction, with its key and what it did when
    /// it was sent with one; old keys are forgotten in the same
    /// transaction.
    pub(super) fn commit(
        &self,
        tx: redb::WriteTransaction,
        by: Author,
        now: Timestamp,
        done: impl FnOnce() -> Done,
    ) -> Result<(), StoreError> {
        if let Some(once) = by.once {
            self.remember(&tx, once, now, done(), MOST)?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Ends the transaction of a change that changed nothing (an update
    /// to what is stored, a status the client already has). Sent with a
    /// key, the change still writes its key and what it did, alone, in
    /// this one durable transaction: sent again, its answer lost, it is
    /// answered as the first was (the client as it is now) instead of
    /// being checked again against a record someone may have changed
    /// since. Without a key, nothing is written.
    pub(super) fn commit_unchanged(
        &self,
        tx: redb::WriteTransaction,
        by: Author,
        now: Timestamp,
        done: impl FnOnce() -> Done,
    ) -> Result<(), StoreError> {
        if by.once.is_none() {
            return tx.abort().map_err(|e| self.err(e));
        }
        self.commit(tx, by, now, done)
    }

    fn remember(
        &self,
        tx: &redb::WriteTransaction,
        once: Once,
        now: Timestamp,
        done: Done,
        most: u64,
    ) -> Result<(), StoreError> {
        let mut keys = tx.open_table(ONCE).map_err(|e| self.err(e))?;
        let mut ages = tx.open_table(ONCE_BY_AGE).map_err(|e| self.err(e))?;
        self.forget(&mut keys, &mut ages, now, most)?;
        let receipt = Receipt { at: now, done };
        let old = keys
            .insert((once.uid, once.key), codec::encode(&receipt).as_slice())
            .map_err(|e| self.err(e))?
            .map(|v| v.value().to_vec());
        // A key used again (it cannot be, but for a client that reuses
        // one) keeps one place in the queue.
        if let Some(old) = old
            && let Ok(old) = self.decode::<Receipt>("an earlier key", &old)
        {
            ages.remove((old.at.as_microsecond(), once.uid, once.key))
                .map_err(|e| self.err(e))?;
        }
        ages.insert((now.as_microsecond(), once.uid, once.key), ())
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Forgets keys older than [`KEEP`], and the oldest beyond `most`
    /// (making room for one more), at most [`FORGET_AT_ONCE`] of them.
    fn forget(
        &self,
        keys: &mut redb::Table<'_, (u32, u64), &'static [u8]>,
        ages: &mut redb::Table<'_, (i64, u32, u64), ()>,
        now: Timestamp,
        most: u64,
    ) -> Result<(), StoreError> {
        let before = now
            .checked_sub(KEEP)
            .map_or(i64::MIN, |t| t.as_microsecond());
        let mut held = ages.len().map_err(|e| self.err(e))?;
        for _ in 0..FORGET_AT_ONCE {
            let first = ages
                .first()
                .map_err(|e| self.err(e))?
                .map(|(k, _)| k.value());
            let Some((at, uid, key)) = first else {
                break;
            };
            if at >= before && held < most {
                break;
            }
            ages.remove((at, uid, key)).map_err(|e| self.err(e))?;
            keys.remove((uid, key)).map_err(|e| self.err(e))?;
            held -= 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Client;
    use crate::store::FILE_NAME;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(FILE_NAME)).unwrap();
        (dir, store)
    }

    fn at(hours: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + hours * 3600).unwrap()
    }

    /// How many keys are kept, checking that both tables agree.
    fn kept(store: &Store) -> u64 {
        let read = store.db.begin_read().unwrap();
        let keys = read.open_table(ONCE).unwrap().len().unwrap();
        let ages = read.open_table(ONCE_BY_AGE).unwrap().len().unwrap();
        assert_eq!(keys, ages, "every key is in the queue once");
        keys
    }

    fn revealed() -> Done {
        Done::Revealed { ids: vec![1] }
    }

    fn keyed(uid: u32, key: u64) -> Author {
        Author::new(1, Some(Once { uid, key }))
    }

    #[test]
    fn a_change_and_its_key_are_written_together_or_not_at_all() {
        let (_dir, store) = store();
        let c = store
            .create(Client::new("Gagnon"), keyed(5, 1), at(0))
            .unwrap();
        let done = Done::Created {
            first: c.id,
            count: 1,
        };
        assert_eq!(
            store.done_before(Once { uid: 5, key: 1 }).unwrap(),
            Some(done)
        );
        // Another user's key of the same value is another change.
        assert_eq!(store.done_before(Once { uid: 6, key: 1 }).unwrap(), None);
        // A change refused writes no key.
        assert!(
            store
                .create(Client::new("gagnon"), keyed(5, 2), at(0))
                .is_err()
        );
        assert_eq!(store.done_before(Once { uid: 5, key: 2 }).unwrap(), None);
        // Nor does one without a key.
        store.create(Client::new("Roy"), 1, at(0)).unwrap();
        assert_eq!(kept(&store), 1);
        // A change that changed nothing writes its key alone: it was done.
        let (same, changes) = store.update(c.clone(), keyed(5, 3), at(0)).unwrap();
        assert!(changes.is_empty());
        assert_eq!(same, c);
        let changed = Some(Done::Changed { id: c.id });
        assert_eq!(store.done_before(Once { uid: 5, key: 3 }).unwrap(), changed);
        store
            .set_active(
                c.id,
                true,
                at(0).to_zoned(jiff::tz::TimeZone::UTC).date(),
                keyed(5, 4),
                at(0),
            )
            .unwrap();
        assert_eq!(store.done_before(Once { uid: 5, key: 4 }).unwrap(), changed);
        assert_eq!(store.client(c.id).unwrap(), Some(c), "nothing else written");
        // Without a key, a change that changed nothing writes nothing.
        store
            .update(store.client(1).unwrap().unwrap(), 1, at(0))
            .unwrap();
        assert_eq!(kept(&store), 3);
    }

    #[test]
    fn keys_are_forgotten_a_day_on_in_later_changes() {
        let (_dir, store) = store();
        let create = |key: u64, hours: i64| {
            let name = format!("Client {key}");
            store
                .create(Client::new(name), keyed(5, key), at(hours))
                .unwrap()
        };
        for key in 0..3 {
            create(key, key as i64);
        }
        assert_eq!(kept(&store), 3);
        // More than a day after the second: the first two are forgotten.
        create(9, 26);
        assert_eq!(kept(&store), 2);
        assert_eq!(store.done_before(Once { uid: 5, key: 1 }).unwrap(), None);
        assert_eq!(
            store.done_before(Once { uid: 5, key: 2 }).unwrap(),
            Some(Done::Created { first: 3, count: 1 })
        );
    }

    #[test]
    fn the_oldest_keys_go_first_beyond_the_most_kept() {
        let (_dir, store) = store();
        for key in 0..10u64 {
            let tx = store.write_tx().unwrap();
            store
                .remember(&tx, Once { uid: 5, key }, at(0), revealed(), 4)
                .unwrap();
            tx.commit().unwrap();
        }
        assert_eq!(kept(&store), 4);
        assert_eq!(store.done_before(Once { uid: 5, key: 5 }).unwrap(), None);
        assert_eq!(
            store.done_before(Once { uid: 5, key: 6 }).unwrap(),
            Some(revealed())
        );
    }
}
