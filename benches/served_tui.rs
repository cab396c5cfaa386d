//! The terminal app through a separate server process: what a bookkeeper
//! waits for at 100,000 and 1,000,000 clients.
//!
//! A demo firm (realistic Québec and English Canadian clients) is seeded
//! in process, kept under `target/bench-firms/` between runs, and then
//! served by the built binary (`cabinet serve --foreground`). Everything
//! measured goes through the firm's socket, drawn to a test backend at
//! 100×30.
//!
//! - `launch_to_first_frame/1000000`: connect, handshake, session, team,
//!   the first window of the list, and the first frame. Target 200 ms.
//! - `search_typed/N`: one key typed in the search box, up to its result
//!   drawn (the query goes to the server and the page comes back). Every
//!   keystroke of every query is a sample.
//! - `search_pasted/N`: a whole query arriving as one paste, up to its
//!   result drawn.
//!
//! Targets: p99 ≤ 16 ms at 100,000 and ≤ 50 ms at 1,000,000. Criterion
//! reports means, so the p50, p95, p99 and worst over every query of a
//! realistic mix (names, partial names, typos, phone digits, e-mail
//! names) are printed first.
//!
//! `CABINET_BENCH_SIZES=100000` limits the firm sizes measured.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cabinet::api::Firm;
use cabinet::api::local::Core;
use cabinet::demo::{DemoOptions, generate, install};
use cabinet::tui::Options;
use cabinet::tui::action::Action;
use cabinet::tui::testing::Harness;
use criterion::{BenchmarkId, Criterion};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

mod support;

use support::{Server, memory_of, my_login};

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;
const TODAY: Date = date(2026, 5, 4);

fn options() -> Options {
    Options {
        today: Some(TODAY),
        time_zone: TimeZone::UTC,
        ..Options::default()
    }
}

/// A demo firm of `n` clients under `target/bench-firms/`, seeded once.
fn seeded_firm(n: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-firms");
    let dir = root.join(format!("demo-{n}"));
    let done = root.join(format!("demo-{n}.done"));
    if done.exists() && dir.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&root).unwrap();
    let t = Instant::now();
    {
        let core = Core::open(&dir).unwrap();
        let session = core.session(&my_login()).unwrap();
        install(
            &session,
            DemoOptions {
                clients: n,
                seed: DemoOptions::DEFAULT_SEED,
                today: TODAY,
            },
        )
        .unwrap();
    }
    std::fs::write(&done, b"").unwrap();
    println!(
        "seeded a demo firm of {n} clients in {:.1} s (kept in {})",
        t.elapsed().as_secs_f64(),
        dir.display()
    );
    dir
}

/// A server process on a firm directory, in a home of its own.
fn start(dir: &Path) -> Server {
    let t = Instant::now();
    let server = Server::start(tempfile::tempdir().unwrap(), dir, false);
    println!(
        "server on {} answered after {:.1} s",
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    server
}

/// The app opened on a running server, up to its first frame.
fn launch(server: &Server) -> Harness {
    let firm: Arc<dyn Firm> = Arc::new(server.connector().connect().expect("the server answers"));
    let mut h = Harness::new(firm, &options(), WIDTH, HEIGHT).expect("the app opens");
    black_box(h.render());
    h
}

/// A realistic mix of searches, taken from clients of the firm (client
/// *n* of the demo does not depend on how many follow it): whole and
/// partial names, typos, phone digits and e-mail names.
fn queries(count: usize) -> Vec<(&'static str, String)> {
    let demo = generate(DemoOptions {
        clients: count,
        seed: DemoOptions::DEFAULT_SEED,
        today: TODAY,
    });
    let mut out = Vec::new();
    for (i, c) in demo.clients.iter().enumerate() {
        let name = c.display_name.to_lowercase();
        let words: Vec<&str> = name
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        let word = words.first().copied().unwrap_or("tremblay");
        let q = match i % 6 {
            // A whole surname or company word.
            0 => ("name", words.last().copied().unwrap_or(word).to_owned()),
            // The start of a name.
            1 => ("partial", word.chars().take(4).collect()),
            // Two words' starts: "mar trem".
            2 if words.len() >= 2 => (
                "two words",
                format!(
                    "{} {}",
                    words[0].chars().take(3).collect::<String>(),
                    words[1].chars().take(4).collect::<String>()
                ),
            ),
            // A typo: two letters swapped.
            3 if word.chars().count() >= 5 => {
                let mut chars: Vec<char> = word.chars().collect();
                chars.swap(2, 3);
                ("typo", chars.into_iter().collect())
            }
            // Phone digits: the last seven.
            4 if c.phone.chars().filter(char::is_ascii_digit).count() >= 7 => {
                let digits: String = c.phone.chars().filter(char::is_ascii_digit).collect();
                ("phone", digits[digits.len() - 7..].to_owned())
            }
            // The name part of an e-mail address.
            5 if c.email.contains('@') => ("e-mail", c.email.split('@').next().unwrap().to_owned()),
            _ => ("name", word.to_owned()),
        };
        if !q.1.is_empty() {
            out.push(q);
        }
    }
    out
}

/// Percentiles of samples, in milliseconds, on one line.
fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |q: f64| support::percentile(samples, q).as_secs_f64() * 1e3;
    println!(
        "{what}: {} samples: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len(),
        at(0.50),
        at(0.95),
        at(0.99),
        samples[samples.len() - 1].as_secs_f64() * 1e3
    );
}

/// Opens the search box (not timed).
fn open_search(h: &mut Harness) {
    h.keys("/");
}

/// Closes the search box and clears it (not timed).
fn close_search(h: &mut Harness) {
    h.keys("<esc>");
    assert!(h.search_text().is_empty(), "escape clears the search");
}

/// Types a query key by key; each key's time to its drawn result.
fn typed(h: &mut Harness, q: &str, out: &mut Vec<Duration>) {
    open_search(h);
    let mut buf = [0u8; 4];
    for c in q.chars() {
        let key: &str = c.encode_utf8(&mut buf);
        let t = Instant::now();
        h.type_text(key);
        black_box(h.render());
        out.push(t.elapsed());
    }
    assert_eq!(h.search_text(), q, "the search box holds the query");
    close_search(h);
}

/// Pastes a whole query; the time to its drawn result.
fn pasted(h: &mut Harness, q: &str) -> Duration {
    open_search(h);
    let t = Instant::now();
    h.send(Action::Paste(q.to_owned()));
    black_box(h.render());
    let elapsed = t.elapsed();
    assert_eq!(h.search_text(), q, "the search box holds the query");
    close_search(h);
    elapsed
}

fn sizes() -> Vec<usize> {
    match std::env::var("CABINET_BENCH_SIZES") {
        Ok(s) => s
            .split(',')
            .filter_map(|n| n.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) => vec![100_000, 1_000_000],
    }
}

fn served(c: &mut Criterion) {
    if std::env::var_os("CABINET_BENCH_SEED_ONLY").is_some() {
        for n in sizes() {
            seeded_firm(n);
        }
        return;
    }
    for n in sizes() {
        let dir = seeded_firm(n);
        let server = start(&dir);

        let mut group = c.benchmark_group("served_tui");
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(5));

        // Launch: the first after the server started, then many.
        let mut launches = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            drop(launch(&server));
            launches.push(t.elapsed());
        }
        println!(
            "launch to first frame at {n} clients, first after server start: {:.1} ms",
            launches[0].as_secs_f64() * 1e3
        );
        report(
            &format!("launch to first frame at {n} clients"),
            &mut launches,
        );
        group.bench_with_input(BenchmarkId::new("launch_to_first_frame", n), &n, |b, _| {
            b.iter(|| launch(&server))
        });

        let mix = queries(if n >= 1_000_000 { 120 } else { 240 });
        let mut h = launch(&server);
        // Warm up both paths once, as a user's first search would.
        pasted(&mut h, "warm");

        // Typed and pasted take different queries of the mix, so that
        // a paste never repeats the query just typed.
        let mut keys = Vec::new();
        let mut pastes = Vec::new();
        let mut by_kind: Vec<(&str, Vec<Duration>, Vec<Duration>)> = Vec::new();
        // The first, second, third and later keys of a query: the first
        // ones match most of the firm.
        let mut by_key: [Vec<Duration>; 4] = Default::default();
        for (i, (kind, q)) in mix.iter().enumerate() {
            let (paste_kind, paste_q) = &mix[(i + mix.len() / 2 + 1) % mix.len()];
            let mut these = Vec::new();
            typed(&mut h, q, &mut these);
            for (k, &d) in these.iter().enumerate() {
                by_key[k.min(3)].push(d);
            }
            let p = pasted(&mut h, paste_q);
            keys.extend(&these);
            pastes.push(p);
            match by_kind.iter_mut().find(|(k, ..)| k == kind) {
                Some(entry) => entry.1.extend(these),
                None => by_kind.push((kind, these, Vec::new())),
            }
            match by_kind.iter_mut().find(|(k, ..)| k == paste_kind) {
                Some(entry) => entry.2.push(p),
                None => by_kind.push((paste_kind, Vec::new(), vec![p])),
            }
        }
        // Where a paste's time goes: drawing alone, and the round trip of
        // the same view already computed (socket, dispatch, the page);
        // the rest is the server computing the view.
        let (mut draws, mut trips) = (Vec::new(), Vec::new());
        for (_, q) in mix.iter().take(60) {
            open_search(&mut h);
            h.send(Action::Paste(q.clone()));
            let t = Instant::now();
            black_box(h.render());
            draws.push(t.elapsed());
            let query = cabinet::model::ViewQuery {
                search: q.clone(),
                limit: HEIGHT as usize,
                ..Default::default()
            };
            let t = Instant::now();
            black_box(h.firm().query(&query).unwrap());
            trips.push(t.elapsed());
            close_search(&mut h);
        }
        report(&format!("  a frame drawn, at {n} clients"), &mut draws);
        report(
            &format!("  a computed view's page over the socket, at {n} clients"),
            &mut trips,
        );
        for (kind, typed_keys, pasted_queries) in &mut by_kind {
            if !typed_keys.is_empty() {
                report(&format!("  {kind}, typed"), typed_keys);
            }
            if !pasted_queries.is_empty() {
                report(&format!("  {kind}, pasted"), pasted_queries);
            }
        }
        for (k, samples) in by_key.iter_mut().enumerate() {
            let which = ["1st", "2nd", "3rd", "4th and later"][k];
            report(&format!("  the {which} key of a query, typed"), samples);
        }
        report(
            &format!("search, each key typed to its result drawn, at {n} clients"),
            &mut keys,
        );
        report(
            &format!("search, a whole query pasted to its result drawn, at {n} clients"),
            &mut pastes,
        );
        let (rss, peak) = memory_of(server.child.id());
        println!(
            "the server holding {n} clients after the searches: {} MB resident, peak {} MB",
            rss / 1024,
            peak / 1024
        );

        let mut next = 0;
        group.bench_with_input(BenchmarkId::new("search_pasted", n), &n, |b, _| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        next = (next + 1) % mix.len();
                        pasted(&mut h, &mix[next].1)
                    })
                    .sum()
            })
        });
        group.bench_with_input(BenchmarkId::new("search_typed", n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut samples = Vec::new();
                while (samples.len() as u64) < iters {
                    next = (next + 1) % mix.len();
                    typed(&mut h, &mix[next].1, &mut samples);
                }
                samples.into_iter().take(iters as usize).sum()
            })
        });
        group.finish();
        drop(h);
        drop(server);
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    served(&mut c);
    c.final_summary();
}
