//! Reading and writing team members.

use jiff::Timestamp;
use redb::{ReadableDatabase, ReadableTable};

use super::Store;
use super::error::{StoreError, WriteError};
use super::once::{Author, Done};
use super::tables::*;
use crate::codec;
use crate::model::{
    AuditAction, AuditEntry, FieldChange, FieldError, Member, MemberId, Rule, Subject,
    validate_member,
};

impl Store {
    /// Every team member, in id order.
    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        self.members_of(&read.open_table(TEAM).map_err(|e| self.err(e))?)
    }

    /// Adds a member (id 0) or replaces one, recording the change in the
    /// team's history. Logins are unique.
    pub fn save_member(
        &self,
        m: Member,
        by: impl Into<Author>,
        now: Timestamp,
    ) -> Result<Member, WriteError> {
        let by = by.into();
        let tx = self.write_tx()?;
        let m = self.save_member_in(&tx, m, by.member, now)?;
        let id = m.id;
        self.commit(tx, by, now, || Done::Member { id })?;
        Ok(m)
    }

    /// Every team member as a write transaction sees them, in id order.
    pub(super) fn members_in(
        &self,
        tx: &redb::WriteTransaction,
    ) -> Result<Vec<Member>, StoreError> {
        self.members_of(&tx.open_table(TEAM).map_err(|e| self.err(e))?)
    }

    /// Every member in a team table, in id order.
    fn members_of(
        &self,
        table: &impl ReadableTable<u64, &'static [u8]>,
    ) -> Result<Vec<Member>, StoreError> {
        let mut out = Vec::new();
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            out.push(self.decode(&format!("member {}", k.value()), v.value())?);
        }
        Ok(out)
    }

    /// [`Store::save_member`] inside a write transaction that the caller
    /// commits (or drops).
    pub(super) fn save_member_in(
        &self,
        tx: &redb::WriteTransaction,
        mut m: Member,
        by: MemberId,
        now: Timestamp,
    ) -> Result<Member, WriteError> {
        m.normalize();
        let mut errors = validate_member(&m);
        {
            let mut team = tx.open_table(TEAM).map_err(|e| self.err(e))?;
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            let mut existing = Vec::new();
            for row in team.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                existing.push(self.decode::<Member>(&format!("member {}", k.value()), v.value())?);
            }
            if m.id != 0 && !existing.iter().any(|e| e.id == m.id) {
                return Err(WriteError::NoMember(m.id));
            }
            if let Some(other) = existing
                .iter()
                .find(|e| e.id != m.id && e.login.eq_ignore_ascii_case(&m.login))
            {
                errors.push(FieldError::new(
                    "login",
                    Rule::Duplicate {
                        other: other.name.clone(),
                    },
                ));
            }
            if !errors.is_empty() {
                return Err(WriteError::Invalid(errors));
            }
            let old = existing.iter().find(|e| e.id == m.id).cloned();
            if m.id == 0 {
                let next = self.next_id(&meta, NEXT_MEMBER)?;
                m.id = next;
                meta.insert(NEXT_MEMBER, next + 1)
                    .map_err(|e| self.err(e))?;
            }
            let changes = member_diff(old.as_ref(), &m);
            if old.is_some() && changes.is_empty() {
                return Ok(m);
            }
            team.insert(m.id, codec::encode(&m).as_slice())
                .map_err(|e| self.err(e))?;
            let action = if old.is_some() {
                AuditAction::MemberChanged
            } else {
                AuditAction::MemberAdded
            };
            let entry = AuditEntry {
                subject: Subject::Member { id: m.id },
                at: now,
                by,
                action,
                changes,
            };
            let mut audit = tx.open_table(AUDIT).map_err(|e| self.err(e))?;
            self.append_audit(&mut audit, &entry)?;
        }
        Ok(m)
    }
}

/// What changed about a member, field by field; every field when added.
fn member_diff(old: Option<&Member>, new: &Member) -> Vec<FieldChange> {
    let fields = |m: Option<&Member>| -> [(&'static str, String); 5] {
        [
            ("name", m.map(|m| m.name.clone()).unwrap_or_default()),
            ("login", m.map(|m| m.login.clone()).unwrap_or_default()),
            ("email", m.map(|m| m.email.clone()).unwrap_or_default()),
            (
                "role",
                m.map(|m| m.role.key().to_owned()).unwrap_or_default(),
            ),
            (
                "active",
                m.map(|m| if m.active { "yes" } else { "no" }.to_owned())
                    .unwrap_or_default(),
            ),
        ]
    };
    fields(old)
        .into_iter()
        .zip(fields(Some(new)))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old), (_, new))| FieldChange {
            field: field.to_owned(),
            old,
            new,
        })
        .collect()
}
