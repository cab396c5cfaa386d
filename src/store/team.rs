//! Reading and writing team members.

use redb::{ReadableDatabase, ReadableTable};

use super::Store;
use super::error::{StoreError, WriteError};
use super::tables::*;
use crate::codec;
use crate::model::{FieldError, Member, Rule, validate_member};

impl Store {
    /// Every team member, in id order.
    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(TEAM).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            out.push(self.decode(&format!("member {}", k.value()), v.value())?);
        }
        Ok(out)
    }

    /// Adds a member (id 0) or replaces one. Logins are unique.
    pub fn save_member(&self, mut m: Member) -> Result<Member, WriteError> {
        m.normalize();
        let mut errors = validate_member(&m);
        let tx = self.db.begin_write().map_err(|e| self.err(e))?;
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
            if m.id == 0 {
                let next = meta
                    .get(NEXT_MEMBER)
                    .map_err(|e| self.err(e))?
                    .map(|v| v.value())
                    .unwrap_or(1);
                m.id = next;
                meta.insert(NEXT_MEMBER, next + 1)
                    .map_err(|e| self.err(e))?;
            }
            team.insert(m.id, codec::encode(&m).as_slice())
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(m)
    }
}
