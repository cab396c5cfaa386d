//! The firm server's speed and footprint.
//!
//! - `save_to_event`: from one session's save to the change event arriving
//!   in another session, through a separate server process. The issue asks
//!   for p99 ≤ 10 ms; besides criterion's mean, the p50, p99 and worst of
//!   1,000 saves are printed.
//! - `firm_100k`: a firm of 100,000 clients with 20 sessions connected,
//!   each its own process holding what a list screen shows (a page of 50
//!   rows and one open profile). Prints each session's resident memory
//!   (VmRSS and peak VmHWM from /proc) and the server's; the target is
//!   under 30 MB per session. Times the first page and a search over the
//!   socket, and a whole backup streamed through it into a client's file.
//!
//! Session processes are this benchmark binary started again with
//! `CABINET_BENCH_SESSION` set.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use cabinet::api::local::Core;
use cabinet::api::{Event, Firm};
use cabinet::model::{BilledTo, Client, ClientKind, Product, QboProduct, ViewQuery};
use cabinet::remote::{Connector, RemoteFirm};
use criterion::{Criterion, criterion_group};

mod support;

use support::{Server, memory_of, my_login};

const SESSION_ENV: &str = "CABINET_BENCH_SESSION";
const SESSIONS: usize = 20;
const CLIENTS: usize = 100_000;

/// A server on a new firm: of `seed` clients, or an empty one.
fn bench_server(seed: usize) -> Server {
    // The server logs to its files too; keep the figures readable.
    match seed {
        0 => Server::new_firm(true),
        n => Server::in_new_home(true, |dir| seed_firm(dir, n)),
    }
}

/// Fills a firm with plausible clients, written straight to the store.
fn seed_firm(dir: &Path, n: usize) {
    const FIRST: [&str; 8] = [
        "Marie", "Jean", "Sophie", "Luc", "Isabelle", "Marc", "Julie", "Pierre",
    ];
    const LAST: [&str; 8] = [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
    ];
    const TRADE: [&str; 6] = [
        "Plomberie",
        "Boulangerie",
        "Garage",
        "Toiture",
        "Pharmacie",
        "Quincaillerie",
    ];
    let core = Core::open(dir).unwrap();
    let me = core.session(&my_login()).unwrap().me().unwrap();
    let start = jiff::civil::date(2024, 1, 1);
    for chunk in (0..n).collect::<Vec<_>>().chunks(10_000) {
        let clients = chunk
            .iter()
            .map(|&i| {
                let (first, last) = (FIRST[i % 8], LAST[(i / 8) % 8]);
                let mut c = if i % 3 == 0 {
                    let mut c = Client::new(format!("{first} {last} {i}"));
                    c.kind = ClientKind::Individual;
                    c.first_name = first.into();
                    c.last_name = last.into();
                    c
                } else {
                    let mut c = Client::new(format!("{} {last} inc. {i}", TRADE[i % 6]));
                    c.company = c.display_name.clone();
                    c
                };
                c.number = Some(format!("{:06}", i + 1));
                c.email = format!("client{i}@example.ca");
                c.phone = format!("514-555-{:04}", i % 10_000);
                c.address.city = "Montréal".into();
                c.address.province = "QC".into();
                c.notes = "Fin d'année en décembre; documents par courriel.".into();
                c.products.push(Product {
                    id: 0,
                    product: QboProduct::Plus,
                    billed_to: if i % 4 == 0 {
                        BilledTo::Firm
                    } else {
                        BilledTo::Client
                    },
                    list_price_cents: 9_000,
                    discount_percent: if i % 4 == 0 { 30 } else { 0 },
                    start,
                });
                c
            })
            .collect();
        core.create_many(clients, me.id).unwrap();
    }
}

/// Saves and waits for the save's event in another session.
fn save_and_hear(
    a: &RemoteFirm,
    events: &Receiver<Event>,
    client: &mut Client,
    n: u64,
) -> Duration {
    client.phone = format!("418-555-{:04}", n % 10_000);
    let t = Instant::now();
    let saved = a.update(client.clone()).unwrap();
    loop {
        match events.recv_timeout(Duration::from_secs(10)).unwrap() {
            Event::Clients { changed, .. } if changed.contains(&(saved.id, saved.version)) => break,
            _ => {}
        }
    }
    let elapsed = t.elapsed();
    *client = saved;
    elapsed
}

fn save_to_event(c: &mut Criterion) {
    let bench = bench_server(0);
    let (a, b) = (bench.session(), bench.session());
    let events = b.subscribe().unwrap();
    let mut client = a.create(Client::new("Boulangerie Gagnon")).unwrap();
    let mut n = 0;

    let mut samples: Vec<Duration> = (0..1_000)
        .map(|_| {
            n += 1;
            save_and_hear(&a, &events, &mut client, n)
        })
        .collect();
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!(
        "save → event in another session, {} saves: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3
    );

    c.bench_function("save_to_event", |bencher| {
        bencher.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    n += 1;
                    save_and_hear(&a, &events, &mut client, n)
                })
                .sum()
        })
    });
}

/// The 100,000-client firm with its 20 session processes, set up once
/// and torn down when the benchmarks end.
struct BigFirm {
    bench: Server,
    sessions: Vec<Child>,
}

impl Drop for BigFirm {
    fn drop(&mut self) {
        for mut s in self.sessions.drain(..) {
            drop(s.stdin.take());
            let _ = s.wait();
        }
    }
}

static BIG: Mutex<Option<BigFirm>> = Mutex::new(None);

/// The big firm's directory, setting it up on first use.
fn big_firm() -> PathBuf {
    let mut big = BIG.lock().unwrap();
    if let Some(b) = big.as_ref() {
        return b.bench.dir.clone();
    }
    let t = Instant::now();
    let bench = bench_server(CLIENTS);
    println!(
        "seeded {CLIENTS} clients and started the server in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut sessions = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..SESSIONS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(SESSION_ENV, &bench.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        rss.push(line.trim().to_owned());
        sessions.push(child);
    }
    println!(
        "{SESSIONS} sessions connected at {CLIENTS} clients; resident memory of each session process:"
    );
    for (i, line) in rss.iter().enumerate() {
        println!("  session {:>2}: {line}", i + 1);
    }
    let (server_rss, server_hwm) = memory_of(bench.child.id());
    println!("  server: VmRSS {server_rss} kB, VmHWM {server_hwm} kB");
    let dir = bench.dir.clone();
    *big = Some(BigFirm { bench, sessions });
    dir
}

fn firm_100k(c: &mut Criterion) {
    let mut group = c.benchmark_group("firm_100k");
    group.sample_size(30);
    group.bench_function("first_page", |bencher| {
        let s = Connector::new(big_firm())
            .autostart(false)
            .connect()
            .unwrap();
        let q = ViewQuery {
            limit: 50,
            ..ViewQuery::default()
        };
        bencher.iter(|| s.query(&q).unwrap())
    });
    group.bench_function("search_page", |bencher| {
        let s = Connector::new(big_firm())
            .autostart(false)
            .connect()
            .unwrap();
        let mut flip = false;
        bencher.iter(|| {
            // Alternate searches so that no cached view answers.
            flip = !flip;
            let search = if flip { "tremblay" } else { "gagnon plomb" };
            s.query(&ViewQuery {
                search: search.into(),
                limit: 50,
                ..ViewQuery::default()
            })
            .unwrap()
        })
    });
    // A backup of the whole firm streamed through the socket into a file
    // this process creates, as `cabinet backup` does.
    group.sample_size(10);
    group.bench_function("backup_stream", |bencher| {
        let s = Connector::new(big_firm())
            .autostart(false)
            .connect()
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        let mut n = 0;
        bencher.iter(|| {
            n += 1;
            let dest = out.path().join(format!("backup-{n}.redb"));
            let report = s.backup(&dest).unwrap();
            std::fs::remove_file(&dest).unwrap();
            report.bytes
        })
    });
    group.finish();
}

/// A session process: connects, shows what a list screen shows, reports
/// its memory, and stays connected until its stdin closes.
fn session_role(dir: &Path) {
    let firm = Connector::new(dir).autostart(false).connect().unwrap();
    let events = firm.subscribe().unwrap();
    let page = firm
        .query(&ViewQuery {
            limit: 50,
            ..ViewQuery::default()
        })
        .unwrap();
    let profile = firm.get(page.rows[0].id).unwrap();
    let search = firm
        .query(&ViewQuery {
            search: "côté".into(),
            limit: 50,
            ..ViewQuery::default()
        })
        .unwrap();
    let _history = firm.audit(profile.id).unwrap();
    assert_eq!(page.total, CLIENTS);
    assert!(!search.rows.is_empty());
    let (rss, hwm) = memory_of(std::process::id());
    let mut out = std::io::stdout();
    writeln!(out, "VmRSS {rss} kB, VmHWM {hwm} kB").unwrap();
    out.flush().unwrap();
    let mut sink = String::new();
    let _ = std::io::stdin().read_line(&mut sink);
    drop(events);
}

criterion_group!(benches, save_to_event, firm_100k);

fn main() {
    if let Some(dir) = std::env::var_os(SESSION_ENV) {
        session_role(Path::new(&dir));
        return;
    }
    // Whatever happens, the big firm's processes are stopped and its
    // directory removed.
    let run = std::panic::catch_unwind(|| {
        benches();
        Criterion::default().configure_from_args().final_summary();
    });
    drop(BIG.lock().unwrap_or_else(|p| p.into_inner()).take());
    if let Err(panic) = run {
        std::panic::resume_unwind(panic);
    }
}
