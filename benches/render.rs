//! Frame time of the client list at 200×50, over 2,000, 100,000 and
//! 1,000,000 clients. The target is 2 ms per frame, whatever the count.
//!
//! - `draw`: drawing the list from the app's state.
//! - `key_and_draw`: a key press (one row down, which may fetch the next
//!   window from the firm) and the frame after it.
//! - `key_and_terminal_frame`: the same through ratatui's terminal, with
//!   the diff against the previous frame (on a test backend).
//! - `local/first_frame`: opening the app on a running in-process firm
//!   (session, team, the first window) up to its first full frame.
//! - `served/launch_to_first_frame`: what a bookkeeper waits for when
//!   typing `cabinet` while the firm's server is running with 100,000
//!   clients: connecting to the socket, the handshake, the session, the
//!   team and the first window, up to the first full frame. The target is
//!   200 ms.
//!
//! The firm is a stand-in that makes up the rows of any window on demand,
//! so that a million clients cost nothing to set up; `local/…` runs the
//! same key-and-frame step on an in-process firm with its real index.

use std::hint::black_box;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cabinet::api::local::Core;
use cabinet::api::{
    ApiError, BackupReport, CheckReport, Event, Firm, ImportCount, RestoreReport, SessionInfo,
};
use cabinet::model::billing::BillingReport;
use cabinet::model::{
    AuditEntry, Client, ClientId, ClientKind, ClientSummary, Member, MemberId, ReturnBrief,
    ReturnStatus, Role, ViewPage, ViewQuery,
};
use cabinet::tui::Options;
use cabinet::tui::testing::Harness;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A firm of `n` made-up clients, answering any window at once.
struct Synthetic {
    n: usize,
    me: Member,
    _events: Mutex<Vec<Sender<Event>>>,
}

impl Synthetic {
    fn new(n: usize) -> Synthetic {
        let me = Member {
            id: 1,
            role: Role::Admin,
            ..Member::new("Marie Côté", "mcote")
        };
        Synthetic {
            n,
            me,
            _events: Mutex::new(Vec::new()),
        }
    }

    fn row(i: usize) -> ClientSummary {
        ClientSummary {
            id: i as ClientId + 1,
            version: 1,
            number: format!("{:07}", i + 1),
            name: format!("Client {i:07} Plomberie Tremblay et Fils inc."),
            kind: if i.is_multiple_of(3) {
                ClientKind::Individual
            } else {
                ClientKind::Business
            },
            lead: Some(1),
            lead_name: "Marie Côté".into(),
            product: "Online Plus +1".into(),
            latest_return: Some(ReturnBrief {
                year: 2025,
                form: "T2".into(),
                status: ReturnStatus::InProgress,
                due: Some(date(2026, 6, 30)),
                filed: None,
            }),
            docs_awaiting: (i % 4) as u32,
            wholesale: i.is_multiple_of(2),
            active: true,
        }
    }
}

impl Firm for Synthetic {
    fn session(&self) -> Result<SessionInfo, ApiError> {
        Ok(SessionInfo {
            firm: "bench".into(),
            me: self.me.clone(),
        })
    }

    fn query(&self, q: &ViewQuery) -> Result<ViewPage, ApiError> {
        let start = q.offset.min(self.n);
        let end = start.saturating_add(q.limit).min(self.n);
        // Pages grow fields (search results) this stand-in has no use for.
        #[allow(clippy::needless_update)]
        Ok(ViewPage {
            total: self.n,
            inactive_hidden: 0,
            offset: start,
            rows: (start..end).map(Synthetic::row).collect(),
            located: q.locate.map(|id| id as usize - 1).filter(|i| *i < self.n),
            ..ViewPage::default()
        })
    }

    fn get(&self, id: ClientId) -> Result<Client, ApiError> {
        Err(ApiError::NotFound(format!("#{id}")))
    }

    fn find(&self, key: &str) -> Result<Client, ApiError> {
        Err(ApiError::NotFound(key.to_owned()))
    }

    fn create(&self, client: Client) -> Result<Client, ApiError> {
        Ok(client)
    }

    fn update(&self, client: Client) -> Result<Client, ApiError> {
        Ok(client)
    }

    fn save(&self, _base: &Client, client: Client) -> Result<Client, ApiError> {
        Ok(client)
    }

    fn set_active(&self, id: ClientId, _active: bool) -> Result<Client, ApiError> {
        self.get(id)
    }

    fn assign_lead(&self, ids: &[ClientId], _lead: Option<MemberId>) -> Result<usize, ApiError> {
        Ok(ids.len())
    }

    fn team(&self) -> Result<Vec<Member>, ApiError> {
        Ok(vec![self.me.clone()])
    }

    fn lead_counts(&self) -> Result<Vec<cabinet::model::LeadCount>, ApiError> {
        Ok(Vec::new())
    }

    fn save_member(&self, member: Member) -> Result<Member, ApiError> {
        Ok(member)
    }

    fn audit(&self, _id: ClientId) -> Result<Vec<AuditEntry>, ApiError> {
        Ok(Vec::new())
    }

    fn save_draft(&self, _draft: &cabinet::model::Draft) -> Result<(), ApiError> {
        Ok(())
    }

    fn draft(&self, _id: ClientId) -> Result<Option<cabinet::model::Draft>, ApiError> {
        Ok(None)
    }

    fn discard_draft(&self, _id: ClientId) -> Result<(), ApiError> {
        Ok(())
    }

    fn create_many(&self, clients: Vec<Client>) -> Result<usize, ApiError> {
        Ok(clients.len())
    }

    fn reassign_leads(&self, _from: MemberId, _to: Option<MemberId>) -> Result<usize, ApiError> {
        Ok(0)
    }

    fn billing(&self, _inactive_only: bool) -> Result<BillingReport, ApiError> {
        Ok(BillingReport::default())
    }

    fn work(
        &self,
        _q: &cabinet::model::work::WorkQuery,
    ) -> Result<cabinet::model::work::WorkReport, ApiError> {
        Ok(Default::default())
    }

    fn bulk_begin(&self) -> Result<(), ApiError> {
        Err(refused("bulk writes"))
    }

    fn bulk_add(&self, _: cabinet::api::Batch) -> Result<usize, ApiError> {
        Err(refused("bulk writes"))
    }

    fn bulk_finish(&self, _: bool) -> Result<cabinet::api::ImportCount, ApiError> {
        Err(refused("bulk writes"))
    }

    fn get_many(&self, ids: &[ClientId]) -> Result<Vec<Client>, ApiError> {
        Err(ApiError::NotFound(format!("{ids:?}")))
    }

    fn import(
        &self,
        _creates: Vec<Client>,
        _updates: Vec<Client>,
    ) -> Result<ImportCount, ApiError> {
        Err(refused("import"))
    }

    fn backup(&self, _dest: &std::path::Path) -> Result<BackupReport, ApiError> {
        Err(refused("backup"))
    }

    fn restore(&self, _src: &std::path::Path, _force: bool) -> Result<RestoreReport, ApiError> {
        Err(refused("restore"))
    }

    fn check(&self) -> Result<CheckReport, ApiError> {
        Err(refused("check"))
    }

    fn subscribe(&self) -> Result<Receiver<Event>, ApiError> {
        let (tx, rx) = channel();
        self._events.lock().unwrap().push(tx);
        Ok(rx)
    }
}

/// The stand-in firm only draws lists; maintenance is not its business.
fn refused(what: &str) -> ApiError {
    ApiError::Internal {
        call: what.to_owned(),
    }
}

fn options() -> Options {
    Options {
        today: Some(date(2026, 5, 4)),
        time_zone: TimeZone::UTC,
        ..Options::default()
    }
}

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// Draws a frame into a fresh buffer, as the terminal does each frame.
fn frame(h: &Harness, buf: &mut Buffer) {
    buf.reset();
    h.draw_into(buf);
    black_box(&buf);
}

/// One row down, or back to the top at the end of the list, then a frame.
fn key_and_frame(h: &mut Harness, buf: &mut Buffer, n: usize, step: &mut usize) {
    *step += 1;
    if *step >= n.min(5_000) {
        *step = 0;
        h.keys("g");
    } else {
        h.keys("j");
    }
    frame(h, buf);
}

fn list_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_200x50");
    group.measurement_time(Duration::from_secs(4));
    for n in [2_000usize, 100_000, 1_000_000] {
        let firm: Arc<dyn Firm> = Arc::new(Synthetic::new(n));
        let mut h = Harness::new(firm, &options(), WIDTH, HEIGHT).expect("the app opens");
        // Start in the middle of the list.
        for _ in 0..(n / 2 / 49).min(200) {
            h.keys("<pgdn>");
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
        group.bench_with_input(BenchmarkId::new("draw", n), &n, |b, _| {
            b.iter(|| frame(&h, &mut buf))
        });
        let mut step = 0;
        group.bench_with_input(BenchmarkId::new("key_and_draw", n), &n, |b, &n| {
            b.iter(|| key_and_frame(&mut h, &mut buf, n, &mut step))
        });
        group.bench_with_input(BenchmarkId::new("key_and_terminal_frame", n), &n, |b, _| {
            b.iter(|| {
                h.keys("j");
                black_box(h.render());
            })
        });
    }
    group.finish();
}

fn local_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_200x50_local");
    group.measurement_time(Duration::from_secs(4));
    group.sample_size(30);
    for n in [2_000usize, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(&dir.path().join("bench")).unwrap();
        let session = core.session("mcote").unwrap();
        let me = session.session().unwrap().me.id;
        for chunk in (0..n).collect::<Vec<_>>().chunks(20_000) {
            let clients = chunk
                .iter()
                .map(|i| Client::new(format!("Client {i:07} Plomberie Tremblay inc.")))
                .collect();
            core.create_many(clients, me).unwrap();
        }
        let firm: Arc<dyn Firm> = Arc::new(session);
        group.bench_with_input(BenchmarkId::new("first_frame", n), &n, |b, _| {
            b.iter(|| {
                let mut h = Harness::new(Arc::clone(&firm), &options(), WIDTH, HEIGHT)
                    .expect("the app opens");
                black_box(h.render());
            })
        });
        let mut h = Harness::new(firm, &options(), WIDTH, HEIGHT).expect("the app opens");
        let mut buf = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
        let mut step = 0;
        group.bench_with_input(BenchmarkId::new("key_and_draw", n), &n, |b, &n| {
            b.iter(|| key_and_frame(&mut h, &mut buf, n, &mut step))
        });
    }
    group.finish();
}

fn served_launch(c: &mut Criterion) {
    let mut group = c.benchmark_group("served");
    group.measurement_time(Duration::from_secs(6));
    group.sample_size(20);
    let n = 100_000usize;
    let dir = tempfile::tempdir().unwrap();
    let firm_dir = dir.path().join("bench");
    {
        let core = Core::open(&firm_dir).unwrap();
        let me = core
            .session(&cabinet::host::accounts::login_of(
                rustix::process::geteuid().as_raw(),
            ))
            .unwrap();
        let me = me.session().unwrap().me.id;
        for chunk in (0..n).collect::<Vec<_>>().chunks(20_000) {
            let clients = chunk
                .iter()
                .map(|i| Client::new(format!("Client {i:07} Plomberie Tremblay inc.")))
                .collect();
            core.create_many(clients, me).unwrap();
        }
    }
    let server =
        cabinet::server::start(cabinet::server::ServeOptions::embedded(&firm_dir)).unwrap();
    let connector = cabinet::remote::Connector::new(&firm_dir).autostart(false);
    let first = std::time::Instant::now();
    {
        let firm: Arc<dyn Firm> = Arc::new(connector.connect().expect("the server answers"));
        let mut h = Harness::new(firm, &options(), WIDTH, HEIGHT).expect("the app opens");
        black_box(h.render());
    }
    eprintln!(
        "first launch on a fresh server with {n} clients (cold list view): {:.1} ms",
        first.elapsed().as_secs_f64() * 1e3
    );
    group.bench_with_input(BenchmarkId::new("launch_to_first_frame", n), &n, |b, _| {
        b.iter(|| {
            let firm: Arc<dyn Firm> = Arc::new(connector.connect().expect("the server answers"));
            let mut h = Harness::new(firm, &options(), WIDTH, HEIGHT).expect("the app opens");
            black_box(h.render());
        })
    });
    group.finish();
    drop(server);
}

criterion_group!(benches, list_frames, local_frames, served_launch);
criterion_main!(benches);
