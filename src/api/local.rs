//! The in-process firm: the store, the index and the change feed behind
//! one [`Core`], and a [`LocalSession`] per signed-in team member.
//!
//! The server holds one `Core` and opens a `LocalSession` for each
//! connection; the CLI and tests may use one directly.

mod bulk;
mod maintenance;

use crate::sync::{LockExt, RwLockExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, RwLock};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::index::{Index, ViewCache};
use super::{
    AdminAction, ApiError, BackupReport, CheckReport, Event, Firm, ImportCount, NotWritten,
    RestoreReport, SessionInfo,
};
use crate::model::billing::BillingReport;
use crate::model::work::{WorkQuery, WorkReport};
use crate::model::{
    AuditEntry, BilledTo, Client, ClientId, ClientRow, Draft, Member, MemberId, Role, Rule,
    ViewPage, ViewQuery,
};
use crate::store::{Author, DiskTrouble, Done, FILE_NAME, Once, Store, StoreError, WriteError};

pub use maintenance::has_firm;
pub(crate) use maintenance::{CHUNK, check_offline, restore_offline};

/// The member id recorded for changes cabinet makes by itself (the first
/// admin's sign-up, set-up tools).
pub(crate) const SYSTEM: MemberId = 0;

/// The most clients one change event names; a bigger write (a large
/// import, the demo) is announced as [`Event::Reset`], so that the event
/// stays a small frame.
const EVENT_CLIENTS: usize = 20_000;

/// Where the time comes from; tests fix it.
pub(crate) type Clock = Box<dyn Fn() -> Timestamp + Send + Sync>;

/// One who hears the firm's events: given each one, it says whether it
/// still listens, and is forgotten once it does not.
type Subscriber = Box<dyn Fn(&Event) -> bool + Send>;

/// One open firm: its store, its index and its subscribers.
pub struct Core {
    /// Behind a lock so that a restore can swap the file and a check can
    /// have it to itself. Never hold a read guard while taking another.
    store: RwLock<Store>,
    index: RwLock<Index>,
    subscribers: Mutex<Vec<Subscriber>>,
    /// Held across a commit and the index update that follows it, so the
    /// index sees writes in commit order.
    writing: Mutex<()>,
    clock: Clock,
    tz: TimeZone,
    name: String,
    dir: PathBuf,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core").field("dir", &self.dir).finish()
    }
}

impl Core {
    /// Opens (or creates) the firm in `dir`, loading the index.
    pub fn open(dir: &Path) -> Result<Arc<Core>, StoreError> {
        Core::open_with_clock(dir, Box::new(Timestamp::now), TimeZone::system())
    }

    /// Opens the firm with a given clock and time zone (for tests).
    pub fn open_with_clock(
        dir: &Path,
        clock: Clock,
        tz: TimeZone,
    ) -> Result<Arc<Core>, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
            path: dir.to_owned(),
            source: e,
        })?;
        let store = Store::open(&dir.join(FILE_NAME))?;
        let index = Index::from_rows(store.rows()?, store.members()?);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        Ok(Arc::new(Core {
            store: RwLock::new(store),
            index: RwLock::new(index),
            subscribers: Mutex::new(Vec::new()),
            writing: Mutex::new(()),
            clock,
            tz,
            name,
            dir: dir.to_owned(),
        }))
    }

    /// The firm directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The underlying store, for maintenance commands. The guard must be
    /// dropped before the store is asked for again.
    ///
    /// A store left stale by an I/O error is opened again first, so that
    /// the next write works once the cause (a full disk) is gone.
    pub fn store(&self) -> std::sync::RwLockReadGuard<'_, Store> {
        let store = self.store.read_or_recover();
        if !store.is_stale() {
            return store;
        }
        drop(store);
        self.recover();
        self.store.read_or_recover()
    }

    /// Opens the firm file again after an I/O error, and reloads the
    /// index from it. Never waits: if another call is reading the store,
    /// a later call recovers instead.
    fn recover(&self) {
        let Ok(mut store) = self.store.try_write() else {
            return;
        };
        if !store.is_stale() {
            return;
        }
        if let Err(e) = store.reopen() {
            tracing::warn!("could not open the firm file again after an I/O error: {e}");
            return;
        }
        let loaded = store.rows().and_then(|rows| Ok((rows, store.members()?)));
        drop(store);
        match loaded {
            Ok((rows, team)) => {
                *self.index_mut() = Index::from_rows(rows, team);
                tracing::info!("opened the firm file again after an I/O error");
                self.publish(Event::Reset);
            }
            Err(e) => tracing::warn!("the firm file opened again but does not read: {e}"),
        }
    }

    /// The current time by this firm's clock.
    pub(crate) fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// Today's date in the firm's time zone.
    pub(crate) fn today(&self) -> Date {
        self.now().to_zoned(self.tz.clone()).date()
    }

    /// Opens a session for a Unix login. The first login on a firm with no
    /// team becomes its admin; a login not on the team is refused with the
    /// names of the admins who can add it.
    pub fn session(self: &Arc<Self>, login: &str) -> Result<LocalSession, ApiError> {
        let _w = self.lock_writes();
        let team = self.store().members().map_err(storage)?;
        self.session_among(login, team)
    }

    /// [`Core::session`] once the team is read, with writes held.
    fn session_among(
        self: &Arc<Self>,
        login: &str,
        team: Vec<Member>,
    ) -> Result<LocalSession, ApiError> {
        if team.is_empty() {
            let mut first = Member::new(login, login);
            first.role = Role::Admin;
            let me = self
                .store()
                .save_member(first, SYSTEM, self.now())
                .map_err(write_error)?;
            self.reload_team()?;
            self.publish(Event::Team);
            return Ok(self.new_session(me.id, None));
        }
        match team.iter().find(|m| m.login == login) {
            Some(m) if m.active => Ok(self.new_session(m.id, None)),
            _ => Err(ApiError::NotMember {
                login: login.to_owned(),
                admins: team
                    .iter()
                    .filter(|m| m.active && m.is_admin())
                    .map(|m| m.login.clone())
                    .collect(),
            }),
        }
    }

    /// A new session for member `me` (`SYSTEM` with the login of a
    /// maintenance session), with nothing in progress.
    fn new_session(self: &Arc<Self>, me: MemberId, maintainer: Option<String>) -> LocalSession {
        LocalSession {
            core: Arc::clone(self),
            me,
            maintainer,
            transfers: Arc::default(),
            bulk: Arc::default(),
            views: Arc::default(),
            once: None,
        }
    }

    /// Opens a session for the login the kernel reports for a connection
    /// (`uid`). Root, and the server's own account, may always back up,
    /// check and restore the firm, even when not on its team (after a
    /// restore that left everyone out, say): they get a maintenance
    /// session, which does nothing else. Root never becomes a firm's
    /// first admin by accident.
    pub(crate) fn session_for(
        self: &Arc<Self>,
        login: &str,
        uid: u32,
    ) -> Result<LocalSession, ApiError> {
        let server = rustix::process::geteuid().as_raw();
        let _w = self.lock_writes();
        let team = self.store().members().map_err(storage)?;
        let member = team.iter().any(|m| m.active && m.login == login);
        let root = uid == 0 && server != 0;
        let service = uid == server && !team.is_empty();
        if !member && (root || service) {
            return Ok(self.new_session(SYSTEM, Some(login.to_owned())));
        }
        self.session_among(login, team)
    }

    fn lock_writes(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing.lock_or_recover()
    }

    /// Puts the whole list in name order ahead of the first caller, so
    /// that a first launch on a large firm does not wait for it.
    pub(crate) fn warm(&self) {
        let _ = self.index().query(&crate::model::ViewQuery {
            limit: 0,
            ..crate::model::ViewQuery::default()
        });
    }

    fn index(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index.read_or_recover()
    }

    fn index_mut(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        self.index.write_or_recover()
    }

    fn reload_team(&self) -> Result<Vec<Member>, ApiError> {
        let team = self.store().members().map_err(storage)?;
        self.index_mut().set_team(team.clone());
        Ok(team)
    }

    /// Calls `hear` with every event from now on, until it returns false.
    pub(crate) fn subscribe(&self, hear: impl Fn(&Event) -> bool + Send + 'static) {
        self.subscribers.lock_or_recover().push(Box::new(hear));
    }

    /// Sends an event to every subscriber, forgetting those that left.
    pub(crate) fn publish(&self, event: Event) {
        let mut subs = self.subscribers.lock_or_recover();
        subs.retain(|hear| hear(&event));
    }

    /// Records written clients in the index and tells every session.
    fn committed(&self, clients: &[Client], by: MemberId) {
        self.committed_rows(clients.iter().map(ClientRow::of).collect(), by);
    }

    /// Records written clients, given by their list rows, in the index
    /// and tells every session.
    fn committed_rows(&self, rows: Vec<ClientRow>, by: MemberId) {
        if rows.is_empty() {
            return;
        }
        // Too many to name in one event: every session reloads.
        let event = match rows.len() > EVENT_CLIENTS {
            true => Event::Reset,
            false => Event::Clients {
                changed: rows
                    .iter()
                    .map(|r| (r.summary.id, r.summary.version))
                    .collect(),
                by,
            },
        };
        self.index_mut().upsert_rows(rows);
        self.publish(event);
    }

    /// Adds many clients in one transaction (the demo generator and the
    /// import use this).
    pub fn create_many(
        &self,
        clients: Vec<Client>,
        by: impl Into<Author>,
    ) -> Result<Vec<Client>, ApiError> {
        let by = by.into();
        let _w = self.lock_writes();
        let created = self
            .store()
            .create_many(clients, by, self.now(), crate::model::AuditAction::Imported)
            .map_err(write_error)?;
        self.committed(&created, by.member());
        Ok(created)
    }

    /// Adds or replaces a team member without a session (set-up only).
    pub fn save_member_unchecked(&self, m: Member) -> Result<Member, ApiError> {
        let _w = self.lock_writes();
        let saved = self
            .store()
            .save_member(m, SYSTEM, self.now())
            .map_err(write_error)?;
        self.reload_team()?;
        self.publish(Event::Team);
        Ok(saved)
    }
}

/// The firm as seen by one team member.
#[derive(Debug, Clone)]
pub struct LocalSession {
    core: Arc<Core>,
    me: MemberId,
    /// Set for root or the server's own account when not on the team:
    /// the login of a maintenance session, which may only back up, check
    /// and restore.
    maintainer: Option<String>,
    /// Backups and restores streaming through this session.
    transfers: Arc<Mutex<maintenance::Transfers>>,
    /// The bulk write being built up, if one is open.
    bulk: Arc<Mutex<Option<bulk::Pending>>>,
    /// This session's last view and search, narrowed as its user types.
    views: Arc<ViewCache>,
    /// The key of the change this session is carrying out, written with
    /// it (see [`LocalSession::keyed`]).
    once: Option<Once>,
}

impl LocalSession {
    /// The member this session acts as, as stored now.
    pub fn me(&self) -> Result<Member, ApiError> {
        let team = self.core.store().members().map_err(storage)?;
        if let Some(login) = &self.maintainer {
            return Err(ApiError::NotMember {
                login: login.clone(),
                admins: team
                    .iter()
                    .filter(|m| m.active && m.is_admin())
                    .map(|m| m.login.clone())
                    .collect(),
            });
        }
        team.into_iter()
            .find(|m| m.id == self.me)
            .ok_or(ApiError::NoMember { id: self.me })
    }

    /// Refuses a maintenance session what only team members may see.
    fn member(&self) -> Result<(), ApiError> {
        match self.maintainer {
            Some(_) => self.me().map(|_| ()),
            None => Ok(()),
        }
    }

    /// Maintenance (backup, restore) by an admin, or by root or the
    /// server's own account.
    fn require_maintainer(&self, action: AdminAction) -> Result<(), ApiError> {
        match self.maintainer {
            Some(_) => Ok(()),
            None => self.require_admin(action).map(|_| ()),
        }
    }

    /// The same session, carrying out one change sent with a key: the
    /// key is written in the change's own transaction, with what the
    /// change did, so that the change sent again is answered from
    /// [`LocalSession::done_before`] instead of being carried out twice.
    pub(crate) fn keyed(&self, once: Once) -> LocalSession {
        LocalSession {
            once: Some(once),
            ..self.clone()
        }
    }

    /// What the change this session's key was sent with did, if it was
    /// written already (by this server process or an earlier one).
    pub(crate) fn done_before(&self) -> Result<Option<Done>, ApiError> {
        match self.once {
            Some(once) => self.core.store().done_before(once).map_err(storage),
            None => Ok(None),
        }
    }

    /// SINs whose showing was recorded already (a reveal sent again, its
    /// answer lost): given again without a second history entry.
    pub(crate) fn revealed_before(&self, ids: &[ClientId]) -> Result<Vec<String>, ApiError> {
        self.me()?;
        ids.iter()
            .map(|&id| Ok(self.stored(id)?.tax_ids.sin))
            .collect()
    }

    /// `member` making a change, with this session's key if it has one.
    pub(super) fn by(&self, member: MemberId) -> Author {
        Author::new(member, self.once)
    }

    /// Shows the client's SIN in full, recording who saw it and when in
    /// the client's history.
    fn reveal(&self, ids: &[ClientId]) -> Result<Vec<String>, ApiError> {
        let me = self.me()?;
        let clients = self
            .core
            .store()
            .record_reveals(ids, self.by(me.id), self.core.now())
            .map_err(write_error)?;
        let sins = clients.into_iter().map(|c| c.tax_ids.sin).collect();
        match ids {
            [id] => tracing::info!("{} was shown the SIN of client #{id}", me.login),
            _ => tracing::info!("{} was shown the SINs of {} clients", me.login, ids.len()),
        }
        Ok(sins)
    }

    /// A client as stored, SIN included: for the server's own use.
    fn stored(&self, id: ClientId) -> Result<Client, ApiError> {
        self.core
            .store()
            .client(id)
            .map_err(storage)?
            .ok_or_else(|| ApiError::NotFound(format!("#{id}")))
    }

    /// A change that kept the masked SIN it was shown keeps the stored
    /// one.
    fn unmask(&self, client: &mut Client) -> Result<(), ApiError> {
        if !is_masked(&client.tax_ids.sin) {
            return Ok(());
        }
        let current = match client.id {
            0 => None,
            id => Some(self.stored(id)?),
        };
        unmask_from(client, current.as_ref())
    }

    /// New clients carry real SINs or none.
    fn unmasked_new(clients: &[Client]) -> Result<(), ApiError> {
        match clients.iter().any(|c| is_masked(&c.tax_ids.sin)) {
            true => Err(ApiError::invalid("sin", Rule::SinMasked)),
            false => Ok(()),
        }
    }

    /// The most rows of one page whose "found through" text is read from
    /// the record: more than a screen shows, few enough that a keystroke
    /// never waits on thousands of records (a whole-firm page keeps the
    /// folded text beyond).
    const FOUND_AS_WRITTEN: usize = 500;

    /// Replaces the folded text the index found a row through with the
    /// field as the client wrote it (`contact: Fréchette`), read in one
    /// transaction for the rows that have one.
    fn found_as_written(&self, page: &mut ViewPage) -> Result<(), ApiError> {
        let at: Vec<usize> = (0..page.found.len())
            .filter(|&i| page.found[i].is_some() && i < page.rows.len())
            .take(Self::FOUND_AS_WRITTEN)
            .collect();
        if at.is_empty() {
            return Ok(());
        }
        let ids: Vec<ClientId> = at.iter().map(|&i| page.rows[i].id).collect();
        let clients = self.core.store().clients_by_id(&ids).map_err(storage)?;
        for (i, c) in at.into_iter().zip(clients) {
            if let (Some(c), Some(found)) = (c, page.found[i].as_mut()) {
                let text = found.as_written(&c);
                if !text.is_empty() {
                    found.text = text;
                }
            }
        }
        Ok(())
    }

    /// The billing report with the window of its lines from `offset`,
    /// for one page over the socket: the report is made once per change
    /// of the firm, not once per page.
    pub fn billing_window(
        &self,
        inactive_only: bool,
        offset: usize,
        limit: usize,
    ) -> Result<BillingReport, ApiError> {
        self.member()?;
        Ok(self
            .core
            .index()
            .billing_window(inactive_only, offset, limit))
    }

    fn require_admin(&self, action: AdminAction) -> Result<Member, ApiError> {
        let me = self.me()?;
        if !me.active || !me.is_admin() {
            return Err(ApiError::Forbidden { action });
        }
        Ok(me)
    }
}

impl Firm for LocalSession {
    fn session(&self) -> Result<SessionInfo, ApiError> {
        let me = match &self.maintainer {
            Some(login) => Member {
                id: SYSTEM,
                role: Role::Admin,
                ..Member::new(login.as_str(), login.as_str())
            },
            None => self.me()?,
        };
        Ok(SessionInfo {
            firm: self.core.name.clone(),
            me,
        })
    }

    fn query(&self, q: &ViewQuery) -> Result<ViewPage, ApiError> {
        self.member()?;
        let mut page = self.core.index().query_in(q, &self.views);
        self.found_as_written(&mut page)?;
        Ok(page)
    }

    fn get(&self, id: ClientId) -> Result<Client, ApiError> {
        self.member()?;
        self.stored(id).map(masked)
    }

    fn find(&self, key: &str) -> Result<Client, ApiError> {
        self.member()?;
        let key = key.trim();
        let id = match key
            .strip_prefix('#')
            .and_then(|n| n.parse::<ClientId>().ok())
        {
            Some(id) => Some(id),
            None => {
                let store = self.core.store();
                // `No. 1970` or `nº 1970`, as the app shows a number.
                let lower = key.to_lowercase();
                let number = ["no.", "nº", "n°", "no "]
                    .iter()
                    .find_map(|p| lower.strip_prefix(p).map(|_| key[p.len()..].trim()))
                    .filter(|n| !n.is_empty())
                    .unwrap_or(key);
                match store.client_by_number(number).map_err(storage)? {
                    Some(id) => Some(id),
                    None => store.client_by_name(key).map_err(storage)?,
                }
            }
        };
        let id = id.ok_or_else(|| ApiError::NotFound(key.to_owned()))?;
        self.get(id)
    }

    fn create(&self, client: Client) -> Result<Client, ApiError> {
        let me = self.me()?;
        Self::unmasked_new(std::slice::from_ref(&client))?;
        if client.lead.is_some_and(|l| l != me.id) && !me.is_admin() {
            return Err(ApiError::Forbidden {
                action: crate::api::AdminAction::LeadOther,
            });
        }
        if client.wholesale() && !me.is_admin() {
            return Err(ApiError::Forbidden {
                action: crate::api::AdminAction::BillToFirm,
            });
        }
        let _w = self.core.lock_writes();
        let c = self
            .core
            .store()
            .create(client, self.by(me.id), self.core.now())
            .map_err(write_error)?;
        self.core.committed(std::slice::from_ref(&c), me.id);
        Ok(masked(c))
    }

    fn create_many(&self, clients: Vec<Client>) -> Result<usize, ApiError> {
        let me = self.me()?;
        Self::unmasked_new(&clients)?;
        if !me.is_admin() {
            if clients.iter().any(|c| c.lead.is_some_and(|l| l != me.id)) {
                return Err(ApiError::Forbidden {
                    action: crate::api::AdminAction::LeadOther,
                });
            }
            if clients.iter().any(Client::wholesale) {
                return Err(ApiError::Forbidden {
                    action: crate::api::AdminAction::BillToFirm,
                });
            }
        }
        Ok(self.core.create_many(clients, self.by(me.id))?.len())
    }

    fn update(&self, mut client: Client) -> Result<Client, ApiError> {
        let me = self.me()?;
        let current = self.stored(client.id)?;
        unmask_from(&mut client, Some(&current))?;
        admin_changes(&me, &current, &client)?;
        let _w = self.core.lock_writes();
        let (c, changes) = self
            .core
            .store()
            .update(client, self.by(me.id), self.core.now())
            .map_err(|e| masked_error(write_error(e)))?;
        if !changes.is_empty() {
            self.core.committed(std::slice::from_ref(&c), me.id);
        }
        Ok(masked(c))
    }

    fn save(&self, base: &Client, mut mine: Client) -> Result<Client, ApiError> {
        let me = self.me()?;
        if base.id != mine.id {
            return Err(ApiError::NotFound(format!("#{}", mine.id)));
        }
        // The record was shown with its SIN masked: where the mask still
        // stands for the stored SIN, compare against the stored one, and a
        // SIN left as shown is unchanged.
        let mut base = base.clone();
        if is_masked(&base.tax_ids.sin) {
            let current = self.stored(base.id)?;
            if unmask_from(&mut base, Some(&current)).is_ok() {
                unmask_from(&mut mine, Some(&current))?;
            }
            // Otherwise someone changed the SIN since it was shown: a SIN
            // left as shown keeps theirs, as any unchanged field does.
        }
        if is_masked(&mine.tax_ids.sin) && mine.tax_ids.sin != base.tax_ids.sin {
            return Err(ApiError::invalid("sin", Rule::SinMasked));
        }
        let base = &base;
        admin_changes(&me, base, &mine)?;
        let _w = self.core.lock_writes();
        let (c, changes) = self
            .core
            .store()
            .save(base, mine, self.by(me.id), self.core.now())
            .map_err(|e| masked_error(write_error(e)))?;
        if !changes.is_empty() {
            self.core.committed(std::slice::from_ref(&c), me.id);
        }
        Ok(masked(c))
    }

    fn set_active(&self, id: ClientId, active: bool) -> Result<Client, ApiError> {
        let me = self.me()?;
        let _w = self.core.lock_writes();
        let before = self.get(id)?;
        let c = self
            .core
            .store()
            .set_active(
                id,
                active,
                self.core.today(),
                self.by(me.id),
                self.core.now(),
            )
            .map_err(write_error)?;
        if c.version != before.version {
            self.core.committed(std::slice::from_ref(&c), me.id);
        }
        Ok(masked(c))
    }

    fn assign_lead(&self, ids: &[ClientId], lead: Option<MemberId>) -> Result<usize, ApiError> {
        let me = self.require_admin(AdminAction::AssignLeads)?;
        let _w = self.core.lock_writes();
        let changed = self
            .core
            .store()
            .assign_lead(ids, lead, self.by(me.id), self.core.now())
            .map_err(write_error)?;
        self.core.committed(&changed, me.id);
        Ok(changed.len())
    }

    fn reassign_leads(&self, from: MemberId, to: Option<MemberId>) -> Result<usize, ApiError> {
        let me = self.require_admin(AdminAction::AssignLeads)?;
        let _w = self.core.lock_writes();
        let ids = self.core.index().led_by(from);
        let changed = self
            .core
            .store()
            .assign_lead(&ids, to, self.by(me.id), self.core.now())
            .map_err(write_error)?;
        self.core.committed(&changed, me.id);
        Ok(changed.len())
    }

    fn billing(&self, inactive_only: bool) -> Result<BillingReport, ApiError> {
        self.member()?;
        Ok(self.core.index().billing(inactive_only))
    }

    fn work(&self, q: &WorkQuery) -> Result<WorkReport, ApiError> {
        self.member()?;
        Ok(self.core.index().work(q))
    }

    fn team(&self) -> Result<Vec<Member>, ApiError> {
        self.member()?;
        self.core.store().members().map_err(storage)
    }

    fn lead_counts(&self) -> Result<Vec<crate::model::LeadCount>, ApiError> {
        self.member()?;
        Ok(self.core.index().lead_counts())
    }

    fn save_member(&self, member: Member) -> Result<Member, ApiError> {
        let me = self.require_admin(AdminAction::ManageTeam)?;
        let _w = self.core.lock_writes();
        let team = self.core.store().members().map_err(storage)?;
        if let Some(old) = team.iter().find(|m| m.id == member.id) {
            let losing_admin =
                old.active && old.is_admin() && (!member.active || !member.is_admin());
            let admins = team.iter().filter(|m| m.active && m.is_admin()).count();
            if losing_admin && admins == 1 {
                return Err(ApiError::invalid("role", Rule::LastAdmin));
            }
            if old.active && !member.active {
                let led = self.core.index().led_by(member.id).len();
                if led > 0 {
                    return Err(ApiError::invalid(
                        "active",
                        Rule::LeadsClients { count: led },
                    ));
                }
            }
        }
        let saved = self
            .core
            .store()
            .save_member(member, self.by(me.id), self.core.now())
            .map_err(write_error)?;
        self.core.reload_team()?;
        self.core.publish(Event::Team);
        Ok(saved)
    }

    fn audit(&self, id: ClientId) -> Result<Vec<AuditEntry>, ApiError> {
        self.member()?;
        let mut entries = self.core.store().audit(id).map_err(storage)?;
        for e in &mut entries {
            for change in &mut e.changes {
                if change.field == crate::model::field::Field::Sin.key() {
                    change.old = mask_sin(&change.old);
                    change.new = mask_sin(&change.new);
                }
            }
        }
        Ok(entries)
    }

    fn save_draft(&self, draft: &Draft) -> Result<(), ApiError> {
        self.member()?;
        self.core
            .store()
            .save_draft(self.me, draft)
            .map_err(storage)
    }

    fn draft(&self, id: ClientId) -> Result<Option<Draft>, ApiError> {
        self.member()?;
        self.core.store().draft(self.me, id).map_err(storage)
    }

    fn discard_draft(&self, id: ClientId) -> Result<(), ApiError> {
        self.core
            .store()
            .discard_draft(self.me, id)
            .map_err(storage)
    }

    fn import(
        &self,
        creates: Vec<Client>,
        mut updates: Vec<Client>,
    ) -> Result<ImportCount, ApiError> {
        let me = self.me()?;
        Self::unmasked_new(&creates)?;
        for c in &mut updates {
            self.unmask(c)?;
        }
        self.may_import(&me, &creates, &updates)?;
        self.core.import(creates, updates, self.by(me.id))
    }

    fn bulk_begin(&self) -> Result<(), ApiError> {
        self.bulk_begin_impl()
    }

    fn bulk_add(&self, mut part: super::Batch) -> Result<usize, ApiError> {
        self.member()?;
        Self::unmasked_new(&part.creates)?;
        for c in &mut part.updates {
            self.unmask(c)?;
        }
        self.bulk_add_impl(part)
    }

    fn bulk_finish(&self, commit: bool) -> Result<ImportCount, ApiError> {
        self.bulk_finish_impl(commit)
    }

    fn get_many(&self, ids: &[ClientId]) -> Result<Vec<Client>, ApiError> {
        self.member()?;
        Ok(self.get_many_impl(ids)?.into_iter().map(masked).collect())
    }

    fn backup(&self, dest: &Path) -> Result<BackupReport, ApiError> {
        self.require_maintainer(AdminAction::BackUp)?;
        self.core.backup(dest)
    }

    fn restore(&self, src: &Path, force: bool) -> Result<RestoreReport, ApiError> {
        self.require_maintainer(AdminAction::Restore)?;
        let restorer = self.restorer()?;
        self.core.restore(src, force, restorer.as_deref(), src)
    }

    fn check(&self) -> Result<CheckReport, ApiError> {
        if self.maintainer.is_none() {
            self.me()?;
        }
        self.core.check()
    }

    fn reveal_sin(&self, id: ClientId) -> Result<String, ApiError> {
        Ok(self.reveal(&[id])?.remove(0))
    }

    fn reveal_sins(&self, ids: &[ClientId]) -> Result<Vec<String>, ApiError> {
        self.reveal(ids)
    }

    fn subscribe(&self) -> Result<Receiver<Event>, ApiError> {
        let (tx, rx) = channel();
        self.core.subscribe(move |e| tx.send(e.clone()).is_ok());
        Ok(rx)
    }
}

/// A SIN as everyone sees it until it is revealed: its last three digits.
pub(crate) fn mask_sin(sin: &str) -> String {
    if is_masked(sin) {
        return sin.to_owned();
    }
    crate::model::ids::mask(sin)
}

use crate::model::ids::is_masked;

/// A client with its SIN masked.
fn masked(mut c: Client) -> Client {
    c.tax_ids.sin = mask_sin(&c.tax_ids.sin);
    c
}

/// A conflict carries the current record: masked too.
fn masked_error(e: ApiError) -> ApiError {
    match e {
        ApiError::Conflict { expected, current } => ApiError::Conflict {
            expected,
            current: Box::new(masked(*current)),
        },
        other => other,
    }
}

/// Puts back `current`'s SIN (the stored one) where `client` kept it
/// masked as it was shown. Only the firm's own SIN comes back masked;
/// any other masked value is not a SIN.
fn unmask_from(client: &mut Client, current: Option<&Client>) -> Result<(), ApiError> {
    if !is_masked(&client.tax_ids.sin) {
        return Ok(());
    }
    match current {
        Some(c) if client.tax_ids.sin == mask_sin(&c.tax_ids.sin) => {
            client.tax_ids.sin = c.tax_ids.sin.clone();
            Ok(())
        }
        _ => Err(ApiError::invalid("sin", Rule::SinMasked)),
    }
}

/// Refuses a member who is not an admin a change to what only admins
/// change: the lead accountant and wholesale billing.
fn admin_changes(me: &Member, before: &Client, after: &Client) -> Result<(), ApiError> {
    if me.is_admin() {
        return Ok(());
    }
    if after.lead != before.lead {
        return Err(ApiError::Forbidden {
            action: crate::api::AdminAction::ChangeLead,
        });
    }
    if wholesale_lines(after) != wholesale_lines(before) {
        return Err(ApiError::Forbidden {
            action: crate::api::AdminAction::ChangeBilling,
        });
    }
    Ok(())
}

/// The subscriptions billed to the firm, for comparing who changed them.
fn wholesale_lines(c: &Client) -> Vec<String> {
    c.products
        .iter()
        .filter(|p| p.billed_to == BilledTo::Firm)
        .map(crate::model::render::product)
        .collect()
}

fn storage(e: StoreError) -> ApiError {
    tracing::error!("storage error: {e}");
    let dir = |path: &Path| path.parent().unwrap_or(path).to_owned();
    let path = match &e {
        StoreError::Io { path, .. } | StoreError::Db { path, .. } => Some(path),
        _ => None,
    };
    match (e.disk_trouble(), path) {
        (Some(DiskTrouble::Full), Some(p)) => {
            ApiError::NotWritten(NotWritten::DiskFull { dir: dir(p) })
        }
        (Some(DiskTrouble::ReadOnly), Some(p)) => {
            ApiError::NotWritten(NotWritten::ReadOnly { dir: dir(p) })
        }
        (Some(DiskTrouble::Other(fault)), Some(p)) => {
            ApiError::NotWritten(NotWritten::Failed { dir: dir(p), fault })
        }
        _ => ApiError::Storage(e.fault()),
    }
}

/// Maps a store write error to the API's.
pub(crate) fn write_error(e: WriteError) -> ApiError {
    match e {
        WriteError::NotFound(id) => ApiError::NotFound(format!("#{id}")),
        WriteError::NoMember(id) => ApiError::NoMember { id },
        WriteError::Conflict { expected, current } => ApiError::Conflict { expected, current },
        WriteError::Invalid(errors) => ApiError::Invalid(errors),
        WriteError::Store(e) => storage(e),
    }
}
