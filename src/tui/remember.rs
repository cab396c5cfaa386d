//! What the list remembers between runs, per user: include-inactive, the
//! sort and the filters, in a small JSON file in the user's state
//! directory. The shell writes it when they change; a file that is
//! missing or unreadable is simply forgotten.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{ClientKind, LeadFilter, SortColumn, WorkFilter};

use super::app::App;

/// The list's settings that outlive a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Remembered {
    pub(crate) include_inactive: bool,
    pub(crate) kind: Option<ClientKind>,
    pub(crate) lead: LeadFilter,
    pub(crate) sort: SortColumn,
    pub(crate) descending: bool,
    pub(crate) work: WorkFilter,
}

impl Remembered {
    pub(crate) fn of(app: &App) -> Self {
        let q = &app.list.query;
        Remembered {
            include_inactive: q.include_inactive,
            kind: q.kind,
            lead: q.lead,
            sort: q.sort,
            descending: q.descending,
            work: q.work,
        }
    }

    /// Puts these settings on the list; a lead who is no longer on the
    /// team is dropped.
    pub(crate) fn apply(self, app: &mut App) {
        let q = &mut app.list.query;
        q.include_inactive = self.include_inactive;
        q.kind = self.kind;
        q.lead = match self.lead {
            LeadFilter::Member(id) if !app.team.iter().any(|m| m.id == id) => LeadFilter::Any,
            lead => lead,
        };
        q.sort = self.sort;
        q.descending = self.descending;
        q.work = self.work;
    }
}

/// The remembered settings, if the file holds them.
pub(crate) fn load(path: &Path) -> Option<Remembered> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the settings, replacing the file in one rename.
pub(crate) fn save(path: &Path, r: &Remembered) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec_pretty(r).map_err(std::io::Error::other)?;
    crate::host::atomic::write(path, &text, 0o600)
}
