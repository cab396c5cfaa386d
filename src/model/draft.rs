//! An unsaved form, kept so that an edit survives a dropped link or a
//! killed terminal, and reopens exactly where it was.

use serde::{Deserialize, Serialize};

use super::client::{Client, ClientId, ItemId};
use super::merge::Part;
use super::team::MemberId;

/// Which form a draft was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftForm {
    /// The client's own fields.
    Client,
    /// A product, document or return: `None` for one being added.
    Item { part: Part, id: Option<ItemId> },
    /// A team member (`None`: one being added). Kept under [`TEAM_DRAFT`].
    Member { id: Option<MemberId> },
}

/// The client id a member's draft of the team member form is kept under:
/// no client ever gets it.
pub const TEAM_DRAFT: ClientId = u64::MAX;

/// One member's unsaved form for one client. A member has at most one
/// draft per client: the form they last left unsaved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The client (0 for a client not created yet).
    pub client: ClientId,
    pub form: DraftForm,
    /// The record the form was opened on, so that saving the draft later
    /// merges with what others saved since; `None` for a draft kept by a
    /// version of cabinet that did not record it.
    pub base: Option<Client>,
    /// The record as the form would have saved it.
    pub record: Client,
    /// Each form field's text as typed, by key, including text that does
    /// not read as a value yet. Empty for a draft of an older version.
    pub fields: Vec<(String, String)>,
    /// The field that had the cursor.
    pub focus: usize,
}

impl Draft {
    /// A draft of the team member form: its fields' text and the cursor.
    pub(crate) fn member(
        id: Option<MemberId>,
        fields: Vec<(String, String)>,
        focus: usize,
    ) -> Draft {
        Draft {
            client: TEAM_DRAFT,
            form: DraftForm::Member { id },
            base: None,
            record: Client::new(""),
            fields,
            focus,
        }
    }

    /// A few words naming the item the draft's form was on (`2025 TP-1`),
    /// empty for the client form.
    pub(crate) fn item_name(&self) -> String {
        match self.form {
            DraftForm::Client => String::new(),
            DraftForm::Member { .. } => self
                .fields
                .iter()
                .find(|(k, _)| k == "name")
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            DraftForm::Item { part, id: Some(id) } => self
                .base
                .as_ref()
                .and_then(|b| part.name(b, id))
                .or_else(|| part.name(&self.record, id))
                .unwrap_or_default(),
            DraftForm::Item { part, id: None } => part
                .ids(&self.record)
                .into_iter()
                .rfind(|&id| id == 0)
                .and_then(|id| part.name(&self.record, id))
                .unwrap_or_default(),
        }
    }

    /// A draft of the client form kept by an older version: the record
    /// alone.
    pub fn client(record: Client) -> Draft {
        Draft {
            client: record.id,
            form: DraftForm::Client,
            base: None,
            record,
            fields: Vec::new(),
            focus: 0,
        }
    }
}
