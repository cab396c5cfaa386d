//! The audit log: who changed what, and when.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::client::ClientId;
use super::field::FieldChange;
use super::team::MemberId;

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    Created,
    Updated,
    Deactivated,
    Reactivated,
    LeadAssigned,
    Imported,
    Restored,
    /// A team member was added (the team's history).
    MemberAdded,
    /// A team member was changed, deactivated or reactivated.
    MemberChanged,
    /// The client's social insurance number was shown in full (the app's
    /// reveal, `show --reveal`, an export with SINs): who and when.
    SinRevealed,
}

/// The id under which the team's own history is kept and asked for
/// (`Firm::audit`); no client has it. Its entries name their member
/// ([`Subject::Member`]).
pub const TEAM_HISTORY: ClientId = 0;

/// What an entry of the history is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    /// A client, at its version after the change.
    Client { id: ClientId, version: u64 },
    /// A team member who was added or changed (the team's history).
    Member { id: MemberId },
}

/// One append-only entry in a client's or the team's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub subject: Subject,
    pub at: Timestamp,
    pub by: MemberId,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
}

impl AuditEntry {
    /// The client the entry is about, if it is about one.
    pub fn client(&self) -> Option<ClientId> {
        match self.subject {
            Subject::Client { id, .. } => Some(id),
            Subject::Member { .. } => None,
        }
    }

    /// The client's version after the change, for a client's entry.
    pub fn version(&self) -> Option<u64> {
        match self.subject {
            Subject::Client { version, .. } => Some(version),
            Subject::Member { .. } => None,
        }
    }

    /// The team member the entry is about, for the team's history.
    pub fn member(&self) -> Option<MemberId> {
        match self.subject {
            Subject::Member { id } => Some(id),
            Subject::Client { .. } => None,
        }
    }
}
