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
}

impl AuditAction {
    pub fn key(self) -> &'static str {
        match self {
            AuditAction::Created => "created",
            AuditAction::Updated => "updated",
            AuditAction::Deactivated => "deactivated",
            AuditAction::Reactivated => "reactivated",
            AuditAction::LeadAssigned => "lead assigned",
            AuditAction::Imported => "imported",
            AuditAction::Restored => "restored",
        }
    }
}

/// One append-only entry in a client's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub client: ClientId,
    /// The client's version after this change.
    pub version: u64,
    pub at: Timestamp,
    pub by: MemberId,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
}
