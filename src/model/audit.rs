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
    /// A team member was added (firm history, client id 0).
    MemberAdded,
    /// A team member was changed, deactivated or reactivated.
    MemberChanged,
    /// The client's social insurance number was shown in full (the app's
    /// reveal, `show --reveal`, an export with SINs): who and when.
    SinRevealed,
}

/// The client id under which the team's own history is kept.
pub const TEAM_HISTORY: ClientId = 0;

/// One append-only entry in a client's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub client: ClientId,
    /// The client's version after this change; in the team's history,
    /// the id of the member who changed.
    pub version: u64,
    pub at: Timestamp,
    pub by: MemberId,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
}
