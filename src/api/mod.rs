//! The firm API: the one interface through which every front end reads
//! and changes a firm.
//!
//! [`Firm`] is implemented twice: in-process over the store
//! ([`local::LocalSession`]), and over the firm's Unix socket by the
//! server's client. The TUI and the CLI take a `&dyn Firm` and cannot tell
//! which one they have, so nothing above this layer depends on redb.
//!
//! Every call is made on behalf of one team member, the session's user,
//! who is what the audit log records.

mod cause;
pub(crate) mod error;
pub mod index;
pub mod local;
pub(crate) mod pages;

use std::path::Path;
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use crate::model::billing::BillingReport;
use crate::model::work::{WorkQuery, WorkReport};
use crate::model::{AuditEntry, Client, ClientId, Draft, Member, MemberId, ViewPage, ViewQuery};

pub(crate) use crate::store::Integrity;
pub use crate::store::{BackupReport, CheckReport, IndexKind, Problem, Record, RestoreReport};
pub use error::{
    AdminAction, ApiError, BackupFault, Busy, ConnectError, FileFault, Goodbye, NotWritten,
    OsError, OsErrorKind, ProtocolFault, Refusal, Rejection, StartFailure, StopRefusal,
    StorageFault, Stranger, Unreachable,
};

/// How many clients an import added and changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportCount {
    pub created: usize,
    pub updated: usize,
}

/// One piece of a bulk write (an import, the demo), sent with
/// [`Firm::bulk_add`]. Members come first: a new one (id 0) gets its id
/// when the bulk is written, and the clients of the same bulk name it
/// before then as [`PROVISIONAL`] plus its place among the bulk's members.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub members: Vec<Member>,
    pub creates: Vec<Client>,
    pub updates: Vec<Client>,
}

impl Batch {
    /// How many records the piece carries.
    pub(crate) fn len(&self) -> usize {
        self.members.len() + self.creates.len() + self.updates.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub use crate::store::PROVISIONAL;

/// The most clients one bulk write takes: ten times the largest firm
/// cabinet is measured with, and what a server can hold in memory
/// before writing.
pub(crate) const MAX_BULK_CLIENTS: usize = 2_000_000;

/// What a session learns when it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The firm's name: its directory's name.
    pub firm: String,
    /// The team member this session acts as.
    pub me: Member,
}

/// A change that every connected session hears about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// These clients were created or changed; each is at the given version.
    Clients {
        changed: Vec<(ClientId, u64)>,
        by: MemberId,
    },
    /// The team changed (a member added, edited or deactivated).
    Team,
    /// The whole firm was replaced (a restore), or the connection to the
    /// firm server came back after being lost: reload everything, since
    /// changes may have been missed.
    Reset,
    /// The connection to the firm server was lost. Calls fail with
    /// [`ApiError::Unavailable`] until it is back, which a [`Event::Reset`]
    /// announces; meanwhile the session reconnects on its own (starting a
    /// server if none is running). Only a remote session sends this.
    Disconnected { reason: Unreachable },
}

/// The firm, as seen by one signed-in team member.
///
/// Methods take `&self` so a session can be shared between the UI thread
/// and a background worker.
pub trait Firm: Send + Sync {
    /// Who this session is and which firm it is on.
    fn session(&self) -> Result<SessionInfo, ApiError>;

    /// One window of the client list.
    fn query(&self, q: &ViewQuery) -> Result<ViewPage, ApiError>;

    /// A whole client record.
    fn get(&self, id: ClientId) -> Result<Client, ApiError>;

    /// Finds a client by number, by display name ignoring case, or by
    /// `#id`.
    fn find(&self, key: &str) -> Result<Client, ApiError>;

    /// Adds a client; id, version and stamps are assigned by the store.
    fn create(&self, client: Client) -> Result<Client, ApiError>;

    /// Adds many clients in one transaction: all of them or none (the
    /// import and the demo use this). Returns how many were added.
    fn create_many(&self, clients: Vec<Client>) -> Result<usize, ApiError>;

    /// Saves a changed client. `client.version` must be the version the
    /// change was made on; otherwise [`ApiError::Conflict`] carries the
    /// current record and nothing is written.
    fn update(&self, client: Client) -> Result<Client, ApiError>;

    /// Saves `mine`, a change made on `base` (the record as the user
    /// fetched it). If someone saved the client since, what changed from
    /// `base` to `mine` is merged into the current record: different
    /// fields and different products, documents and returns merge on
    /// their own. When both changed the same field of the same item
    /// differently, or one side edited an item the other deleted,
    /// [`ApiError::Conflict`] carries the current record and nothing is
    /// written.
    fn save(&self, base: &Client, mine: Client) -> Result<Client, ApiError>;

    /// Makes a client inactive (keeping everything) or active again.
    fn set_active(&self, id: ClientId, active: bool) -> Result<Client, ApiError>;

    /// Gives these clients a lead accountant (or none) in one transaction,
    /// with one audit entry per client. Admins only. Returns how many
    /// clients changed.
    fn assign_lead(&self, ids: &[ClientId], lead: Option<MemberId>) -> Result<usize, ApiError>;

    /// Moves every client `from` leads (active or not) to `to`, in one
    /// transaction, so that `from` can be deactivated. Admins only.
    fn reassign_leads(&self, from: MemberId, to: Option<MemberId>) -> Result<usize, ApiError>;

    /// The subscriptions billed to the firm, with totals; with
    /// `inactive_only`, only those of inactive clients.
    fn billing(&self, inactive_only: bool) -> Result<BillingReport, ApiError>;

    /// The tax-return work of the active clients (all, or one lead's):
    /// counts by status, overdue and due soon, per lead, and the clients
    /// waiting on the most documents.
    fn work(&self, q: &WorkQuery) -> Result<WorkReport, ApiError>;

    /// Every team member, active or not.
    fn team(&self) -> Result<Vec<Member>, ApiError>;

    /// How many clients each member leads, active and inactive apart, in
    /// member id order; members who lead none are left out.
    fn lead_counts(&self) -> Result<Vec<crate::model::LeadCount>, ApiError>;

    /// Adds (id 0) or changes a team member. Admins only.
    fn save_member(&self, member: Member) -> Result<Member, ApiError>;

    /// A client's history, oldest first. The team's own history (members
    /// added, changed, deactivated) is kept under
    /// [`crate::model::audit::TEAM_HISTORY`].
    fn audit(&self, id: ClientId) -> Result<Vec<AuditEntry>, ApiError>;

    /// Keeps this member's unsaved form for a client (id 0: a new client),
    /// replacing any earlier draft for that client.
    fn save_draft(&self, draft: &Draft) -> Result<(), ApiError>;

    /// This member's draft for a client, if one was kept.
    fn draft(&self, id: ClientId) -> Result<Option<Draft>, ApiError>;

    /// Forgets this member's draft for a client.
    fn discard_draft(&self, id: ClientId) -> Result<(), ApiError>;

    /// Changes existing clients and adds new ones in one transaction: all
    /// of it or none (the import). Each update names the version it was
    /// made on, as with [`Firm::update`]; an update that changes nothing
    /// is not counted. The same permissions apply as to `create` and
    /// `update`.
    fn import(&self, creates: Vec<Client>, updates: Vec<Client>) -> Result<ImportCount, ApiError>;

    /// Opens this session's bulk write (an import, the demo), discarding
    /// any earlier one that was not finished. Pieces then come with
    /// [`Firm::bulk_add`] and the whole is written by
    /// [`Firm::bulk_finish`] in one transaction. A bulk that is never
    /// finished (the session ends, the client goes away) writes nothing.
    fn bulk_begin(&self) -> Result<(), ApiError>;

    /// Adds a piece to the open bulk write. Nothing is written yet.
    /// Returns how many clients the bulk holds so far. Permissions are
    /// those of `save_member`, `create` and `update`.
    fn bulk_add(&self, part: Batch) -> Result<usize, ApiError>;

    /// Checks and writes the open bulk in one transaction, all of it or
    /// none, and closes it. Without `commit` (a dry run) everything is
    /// checked and written exactly as for real, then the transaction is
    /// dropped: the counts are what the write would give, and nothing is
    /// stored.
    fn bulk_finish(&self, commit: bool) -> Result<ImportCount, ApiError>;

    /// Whole client records, in the order asked (the export reads the
    /// firm in pieces with this). An id with no client is an error.
    fn get_many(&self, ids: &[ClientId]) -> Result<Vec<Client>, ApiError>;

    /// Writes a consistent copy of the whole firm to `dest`, a new file
    /// created (mode 0600) by the calling process with its user's
    /// permissions; a firm server streams the copy to it. Admins only
    /// (and root, and the server's own account).
    fn backup(&self, dest: &Path) -> Result<BackupReport, ApiError>;

    /// Replaces the whole firm with the backup at `src`, which the calling
    /// process reads with its user's permissions (a firm server gets it
    /// streamed), after checking it. A firm that holds clients, or a
    /// backup whose team lacks the person restoring, is only replaced when
    /// `force` is set; the replaced file is kept beside the new one. Every
    /// session then hears [`Event::Reset`]. Admins only (and root, and the
    /// server's own account).
    fn restore(&self, src: &Path, force: bool) -> Result<RestoreReport, ApiError>;

    /// Checks the database file's integrity and its indexes and history
    /// against the client records.
    fn check(&self) -> Result<CheckReport, ApiError>;

    /// A client's social insurance number in full. Everything else shows
    /// SINs masked; each reveal is recorded in the client's history with
    /// who and when.
    fn reveal_sin(&self, id: ClientId) -> Result<String, ApiError> {
        let _ = id;
        Err(ApiError::Forbidden {
            action: AdminAction::RevealSin,
        })
    }

    /// Several clients' SINs in full, in the order asked, recorded in
    /// their histories in one transaction (an export with SINs).
    fn reveal_sins(&self, ids: &[ClientId]) -> Result<Vec<String>, ApiError> {
        ids.iter().map(|&id| self.reveal_sin(id)).collect()
    }

    /// Starts receiving change events. The receiver ends when the firm
    /// goes away.
    fn subscribe(&self) -> Result<Receiver<Event>, ApiError>;
}
