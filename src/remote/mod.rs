//! The firm API over the firm server's socket: what every cabinet
//! process uses to reach a firm.
//!
//! [`connect`] finds the firm's server (starting one when none is
//! running) and returns a [`RemoteFirm`], which implements
//! [`Firm`] exactly like an in-process session does.
//!
//! # When the server goes away
//! Calls fail with [`ApiError::Unavailable`], and every subscriber gets
//! [`Event::Disconnected`] with the reason, which a front end shows in
//! its status line. The session then reconnects by itself, in the
//! background while anyone is subscribed and on the next call otherwise,
//! starting a new server if none comes back. Once it is back, subscribers
//! get [`Event::Reset`]: changes may have been missed, so everything on
//! screen is reloaded. Unsaved forms live in the front end and are not
//! touched.

mod connect;
mod link;
mod spawn;
mod transfer;

use crate::sync::LockExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

pub use crate::api::ConnectError;
pub use connect::Connector;
pub(crate) use link::ServerInfo;
pub(crate) use spawn::{EXIT_PERMISSION, Started};

use crate::api::{ApiError, Event, Firm, ProtocolFault, SessionInfo, Unreachable};
use crate::api::{BackupReport, Batch, CheckReport, ImportCount, RestoreReport};
use crate::model::billing::BillingReport;
use crate::model::work::{WorkQuery, WorkReport};
use crate::model::{AuditEntry, Client, ClientId, Draft, Member, MemberId, ViewPage, ViewQuery};
use crate::protocol::{Request, Response};
use link::{Callbacks, Link};

/// The most rows asked for in one call; longer windows are fetched in
/// pieces, so that no answer comes near the frame limit.
pub const ROWS_PER_CALL: usize = 20_000;

/// Opens a session on the firm in `dir` as the user running this process,
/// starting the firm's server if none is running.
pub fn connect(dir: &std::path::Path) -> Result<RemoteFirm, ConnectError> {
    Connector::new(dir).connect()
}

/// A session on a firm, served by the firm's server.
#[derive(Debug)]
pub struct RemoteFirm {
    shared: Arc<Shared>,
}

struct Shared {
    connector: Connector,
    link: Mutex<Option<Arc<Link>>>,
    /// Held while connecting, so that one caller connects and the others
    /// wait for it.
    connecting: Mutex<()>,
    subscribers: Mutex<Vec<Sender<Event>>>,
    /// A background reconnection is under way.
    retrying: AtomicBool,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteFirm")
            .field("dir", &self.connector.dir())
            .finish()
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(link) = self.link.get_mut_or_recover().take() {
            link.close();
        }
    }
}

impl RemoteFirm {
    /// Connects through `connector`; the first connection must succeed.
    fn open(connector: Connector) -> Result<RemoteFirm, ConnectError> {
        let shared = Arc::new(Shared {
            connector,
            link: Mutex::new(None),
            connecting: Mutex::new(()),
            subscribers: Mutex::new(Vec::new()),
            retrying: AtomicBool::new(false),
        });
        let link = shared.connector.open_link(callbacks(&shared))?;
        *shared.link.lock_or_recover() = Some(link);
        Ok(RemoteFirm { shared })
    }

    /// The server this session is connected to, if it is connected.
    pub fn server(&self) -> Option<ServerInfo> {
        self.shared.current().map(|l| l.server.clone())
    }

    /// Whether the session is connected right now.
    pub fn is_connected(&self) -> bool {
        self.shared.current().is_some()
    }

    /// Makes one call. A change whose answer was lost with the connection
    /// is sent again, with the same key, once connected again: to the same
    /// server or to one started since (the first died). The server writes
    /// each key with its change and answers a key it finds from what the
    /// change did, so the change is done once. Only when no server can be
    /// reached is its outcome unknown, and the caller told so.
    fn call(&self, request: Request) -> Result<Response, ApiError> {
        let link = self.shared.link()?;
        if !request.is_replayable() {
            return link.call(request, None);
        }
        let key = change_key();
        match link.call(request.clone(), Some(key)) {
            Err(ApiError::OutcomeUnknown { call, reason }) => match self.shared.link() {
                Ok(again) => {
                    tracing::info!(
                        "sending {call} again to the firm server (pid {}, was {}): \
                         its answer was lost with the connection",
                        again.server.pid,
                        link.server.pid
                    );
                    again.call(request, Some(key))
                }
                Err(_) => Err(ApiError::OutcomeUnknown { call, reason }),
            },
            other => other,
        }
    }
}

/// How many clients go in one frame of a bulk write.
const CLIENTS_PER_PIECE: usize = 2000;

impl RemoteFirm {
    /// Writes many clients as one bulk write sent in pieces, so that no
    /// frame carries more than a few thousand clients.
    fn in_pieces(
        &self,
        creates: Vec<Client>,
        updates: Vec<Client>,
    ) -> Result<ImportCount, ApiError> {
        self.bulk_begin()?;
        let mut updates = updates.into_iter().peekable();
        while updates.peek().is_some() {
            let piece: Vec<Client> = updates.by_ref().take(CLIENTS_PER_PIECE).collect();
            self.bulk_add(Batch {
                updates: piece,
                ..Batch::default()
            })?;
        }
        let mut creates = creates.into_iter().peekable();
        while creates.peek().is_some() {
            let piece: Vec<Client> = creates.by_ref().take(CLIENTS_PER_PIECE).collect();
            self.bulk_add(Batch {
                creates: piece,
                ..Batch::default()
            })?;
        }
        self.bulk_finish(true)
    }
}

impl Shared {
    fn current(&self) -> Option<Arc<Link>> {
        self.link.lock_or_recover().clone().filter(|l| l.is_up())
    }

    /// The live link, connecting again if it is down.
    fn link(self: &Arc<Self>) -> Result<Arc<Link>, ApiError> {
        if let Some(link) = self.current() {
            return Ok(link);
        }
        let _one_at_a_time = self.connecting.lock_or_recover();
        if let Some(link) = self.current() {
            return Ok(link);
        }
        let link = self.connector.open_link(callbacks(self))?;
        *self.link.lock_or_recover() = Some(Arc::clone(&link));
        tracing::info!("reconnected to the firm server (pid {})", link.server.pid);
        self.publish(Event::Reset);
        Ok(link)
    }

    fn publish(&self, event: Event) {
        self.subscribers
            .lock_or_recover()
            .retain(|s| s.send(event.clone()).is_ok());
    }

    fn has_subscribers(&self) -> bool {
        !self.subscribers.lock_or_recover().is_empty()
    }

    /// The link went down: tell subscribers, and reconnect in the
    /// background while anyone listens.
    fn went_down(self: &Arc<Self>, reason: Unreachable) {
        tracing::warn!("{reason}");
        self.publish(Event::Disconnected {
            reason: reason.clone(),
        });
        if !self.has_subscribers() || self.retrying.swap(true, Ordering::AcqRel) {
            return;
        }
        // A server that said goodbye may be restarting (an upgrade, a
        // service restart): give it a moment before starting another.
        let first = if matches!(reason, Unreachable::Closed(_)) {
            Duration::from_secs(2)
        } else {
            Duration::from_millis(200)
        };
        let weak = Arc::downgrade(self);
        let _ = std::thread::Builder::new()
            .name("cabinet-reconnect".into())
            .spawn(move || retry(weak, first));
    }
}

/// Reconnects with growing pauses until it works or nobody listens.
fn retry(weak: Weak<Shared>, first: Duration) {
    let mut pause = first;
    loop {
        std::thread::sleep(pause);
        let Some(shared) = weak.upgrade() else { return };
        if !shared.has_subscribers() {
            shared.retrying.store(false, Ordering::Release);
            return;
        }
        match shared.link() {
            Ok(_) => {
                shared.retrying.store(false, Ordering::Release);
                return;
            }
            Err(e) => tracing::info!("still no firm server: {e}"),
        }
        pause = (pause * 2).min(Duration::from_secs(5));
    }
}

fn callbacks(shared: &Arc<Shared>) -> Callbacks {
    let for_events = Arc::downgrade(shared);
    let for_down = Arc::downgrade(shared);
    Callbacks {
        on_event: Box::new(move |event| {
            if let Some(shared) = for_events.upgrade() {
                shared.publish(event);
            }
        }),
        on_down: Box::new(move |reason| {
            if let Some(shared) = for_down.upgrade() {
                shared.went_down(reason);
            }
        }),
    }
}

/// A key no other change of this user is likely to have had: a hash of
/// this process, the time and a counter, seeded at random per process.
fn change_key() -> u64 {
    use std::hash::BuildHasher;
    static SEED: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    SEED.get_or_init(Default::default).hash_one((
        std::process::id(),
        nanos,
        COUNT.fetch_add(1, Ordering::Relaxed),
    ))
}

fn unexpected(call: &str, got: Response) -> ApiError {
    ApiError::Protocol(ProtocolFault::UnexpectedAnswer {
        call: call.to_owned(),
        got: crate::protocol::kind_of(&got),
    })
}

impl Firm for RemoteFirm {
    fn session(&self) -> Result<SessionInfo, ApiError> {
        match self.call(Request::Session)? {
            Response::Session(info) => Ok(info),
            other => Err(unexpected("session", other)),
        }
    }

    fn query(&self, q: &ViewQuery) -> Result<ViewPage, ApiError> {
        let window = |offset: usize, limit: usize, locate| {
            let q = ViewQuery {
                offset,
                limit,
                locate,
                ..q.clone()
            };
            match self.call(Request::Query(q))? {
                Response::Page(page) => Ok(page),
                other => Err(unexpected("query", other)),
            }
        };
        let mut page = window(q.offset, q.limit.min(ROWS_PER_CALL), q.locate)?;
        // A long window comes in pieces; stop at the end of the list.
        while page.rows.len() < q.limit && page.offset + page.rows.len() < page.total {
            let got = page.rows.len();
            let next = window(q.offset + got, (q.limit - got).min(ROWS_PER_CALL), None)?;
            if next.rows.is_empty() {
                break;
            }
            page.total = next.total;
            page.rows.extend(next.rows);
        }
        Ok(page)
    }

    fn get(&self, id: ClientId) -> Result<Client, ApiError> {
        match self.call(Request::Get(id))? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("get", other)),
        }
    }

    fn find(&self, key: &str) -> Result<Client, ApiError> {
        match self.call(Request::Find(key.to_owned()))? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("find", other)),
        }
    }

    fn create(&self, client: Client) -> Result<Client, ApiError> {
        match self.call(Request::Create(client))? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("create", other)),
        }
    }

    fn create_many(&self, clients: Vec<Client>) -> Result<usize, ApiError> {
        Ok(self.in_pieces(clients, Vec::new())?.created)
    }

    fn update(&self, client: Client) -> Result<Client, ApiError> {
        match self.call(Request::Update(client))? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("update", other)),
        }
    }

    fn set_active(&self, id: ClientId, active: bool) -> Result<Client, ApiError> {
        match self.call(Request::SetActive { id, active })? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("set_active", other)),
        }
    }

    fn assign_lead(&self, ids: &[ClientId], lead: Option<MemberId>) -> Result<usize, ApiError> {
        match self.call(Request::AssignLead {
            ids: ids.to_vec(),
            lead,
        })? {
            Response::Count(n) => Ok(n as usize),
            other => Err(unexpected("assign_lead", other)),
        }
    }

    fn reassign_leads(&self, from: MemberId, to: Option<MemberId>) -> Result<usize, ApiError> {
        match self.call(Request::ReassignLeads { from, to })? {
            Response::Count(n) => Ok(n as usize),
            other => Err(unexpected("reassign_leads", other)),
        }
    }

    fn billing(&self, inactive_only: bool) -> Result<BillingReport, ApiError> {
        // The lines come in pieces; the totals come with each.
        let mut report: Option<BillingReport> = None;
        loop {
            let offset = report.as_ref().map_or(0, |r| r.lines.len());
            let page = match self.call(Request::Billing {
                inactive_only,
                offset,
                limit: ROWS_PER_CALL,
            })? {
                Response::Billing(r) => r,
                other => return Err(unexpected("billing", other)),
            };
            let last = page.lines.len() < ROWS_PER_CALL;
            match report.as_mut() {
                None => report = Some(page),
                Some(r) => r.lines.extend(page.lines),
            }
            if last {
                return Ok(report.unwrap_or_default());
            }
        }
    }

    fn work(&self, q: &WorkQuery) -> Result<WorkReport, ApiError> {
        match self.call(Request::Work(*q))? {
            Response::Work(r) => Ok(r),
            other => Err(unexpected("work", other)),
        }
    }

    fn import(&self, creates: Vec<Client>, updates: Vec<Client>) -> Result<ImportCount, ApiError> {
        self.in_pieces(creates, updates)
    }

    fn bulk_begin(&self) -> Result<(), ApiError> {
        match self.call(Request::BulkBegin)? {
            Response::Done => Ok(()),
            other => Err(unexpected("bulk_begin", other)),
        }
    }

    fn bulk_add(&self, part: Batch) -> Result<usize, ApiError> {
        match self.call(Request::BulkAdd(part))? {
            Response::Count(n) => Ok(n as usize),
            other => Err(unexpected("bulk_add", other)),
        }
    }

    fn bulk_finish(&self, commit: bool) -> Result<ImportCount, ApiError> {
        match self.call(Request::BulkFinish { commit })? {
            Response::Imported(n) => Ok(n),
            other => Err(unexpected("bulk_finish", other)),
        }
    }

    fn get_many(&self, ids: &[ClientId]) -> Result<Vec<Client>, ApiError> {
        match self.call(Request::GetMany(ids.to_vec()))? {
            Response::Clients(c) => Ok(c),
            other => Err(unexpected("get_many", other)),
        }
    }

    fn backup(&self, dest: &std::path::Path) -> Result<BackupReport, ApiError> {
        transfer::backup(self, dest)
    }

    fn restore(&self, src: &std::path::Path, force: bool) -> Result<RestoreReport, ApiError> {
        transfer::restore(self, src, force)
    }

    fn reveal_sin(&self, id: ClientId) -> Result<String, ApiError> {
        match self.call(Request::RevealSin(id))? {
            Response::Text(sin) => Ok(sin),
            other => Err(unexpected("reveal_sin", other)),
        }
    }

    fn reveal_sins(&self, ids: &[ClientId]) -> Result<Vec<String>, ApiError> {
        match self.call(Request::RevealSins(ids.to_vec()))? {
            Response::Texts(sins) => Ok(sins),
            other => Err(unexpected("reveal_sins", other)),
        }
    }

    fn check(&self) -> Result<CheckReport, ApiError> {
        match self.call(Request::Check)? {
            Response::Check(r) => Ok(r),
            other => Err(unexpected("check", other)),
        }
    }

    fn team(&self) -> Result<Vec<Member>, ApiError> {
        match self.call(Request::Team)? {
            Response::Team(team) => Ok(team),
            other => Err(unexpected("team", other)),
        }
    }

    fn lead_counts(&self) -> Result<Vec<crate::model::LeadCount>, ApiError> {
        match self.call(Request::LeadCounts)? {
            Response::LeadCounts(counts) => Ok(counts),
            other => Err(unexpected("lead_counts", other)),
        }
    }

    fn save_member(&self, member: Member) -> Result<Member, ApiError> {
        match self.call(Request::SaveMember(member))? {
            Response::Member(m) => Ok(m),
            other => Err(unexpected("save_member", other)),
        }
    }

    fn audit(&self, id: ClientId) -> Result<Vec<AuditEntry>, ApiError> {
        match self.call(Request::Audit(id))? {
            Response::Audit(entries) => Ok(entries),
            other => Err(unexpected("audit", other)),
        }
    }

    fn save(&self, base: &Client, mine: Client) -> Result<Client, ApiError> {
        match self.call(Request::Save {
            base: base.clone(),
            mine,
        })? {
            Response::Client(c) => Ok(c),
            other => Err(unexpected("save", other)),
        }
    }

    fn save_draft(&self, draft: &Draft) -> Result<(), ApiError> {
        match self.call(Request::SaveDraft(draft.clone()))? {
            Response::Done => Ok(()),
            other => Err(unexpected("save_draft", other)),
        }
    }

    fn draft(&self, id: ClientId) -> Result<Option<Draft>, ApiError> {
        match self.call(Request::Draft(id))? {
            Response::Draft(d) => Ok(d),
            other => Err(unexpected("draft", other)),
        }
    }

    fn discard_draft(&self, id: ClientId) -> Result<(), ApiError> {
        match self.call(Request::DiscardDraft(id))? {
            Response::Done => Ok(()),
            other => Err(unexpected("discard_draft", other)),
        }
    }

    fn subscribe(&self) -> Result<Receiver<Event>, ApiError> {
        let (tx, rx) = channel();
        self.shared.subscribers.lock_or_recover().push(tx);
        Ok(rx)
    }
}
