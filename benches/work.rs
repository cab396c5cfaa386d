//! Opening the work view through the firm server: a separate `cabinet
//! serve` process holds a firm of 100,000 and of 1,000,000 clients (the
//! demo firm's 2,000 clients with their team, returns and documents,
//! repeated), and a session asks it for the work report
//! over the socket, as the app does when `w` is pressed. Target: ≤ 50 ms.
//! Both scopes are timed: the whole firm, and one lead's clients ("my
//! work"). Besides criterion's figures, the p50, p95 and worst of 50
//! openings are printed.
//!
//! `CABINET_BENCH_SIZES=100000` measures one size only.

use std::path::Path;
use std::time::{Duration, Instant};

use cabinet::api::Firm;
use cabinet::api::local::Core;
use cabinet::demo::{self, DemoOptions};
use cabinet::model::work::WorkQuery;
use cabinet::model::{LeadFilter, Member, MemberId};
use cabinet::remote::{Connector, RemoteFirm};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

mod support;

use support::{Server, percentile};

/// Writes a firm of `n` clients straight to the store, in slices: a demo
/// firm of 2,000 realistic clients (team, returns, documents), repeated
/// with numbered names until there are `n`.
fn seed(dir: &Path, n: usize) {
    let today = jiff::civil::date(2026, 3, 15);
    let firm = demo::generate(DemoOptions {
        clients: 2_000.min(n),
        seed: 7,
        today,
    });
    let core = Core::open(dir).unwrap();
    let session = core.session(&support::my_login()).unwrap();
    let me = session.me().unwrap();
    let mut ids: std::collections::HashMap<MemberId, MemberId> = Default::default();
    for (i, m) in firm.team.iter().enumerate() {
        let saved = session
            .save_member(Member {
                id: 0,
                login: format!("lead{i}"),
                ..m.clone()
            })
            .unwrap();
        ids.insert(m.id, saved.id);
    }
    let base: Vec<_> = firm
        .clients
        .into_iter()
        .map(|mut c| {
            c.lead = c.lead.and_then(|l| ids.get(&l).copied());
            c.team_access.clear();
            c
        })
        .collect();
    let mut made = 0;
    while made < n {
        let slice: Vec<_> = (made..(made + 20_000).min(n))
            .map(|i| {
                let mut c = base[i % base.len()].clone();
                let round = i / base.len();
                if round > 0 {
                    c.display_name = format!("{} ({round})", c.display_name);
                }
                c.number = Some(format!("{}", 100_000 + i));
                c
            })
            .collect();
        made += slice.len();
        core.create_many(slice, me.id).unwrap();
    }
}

fn serve(n: usize) -> Server {
    let t = Instant::now();
    let mut seeded = Duration::ZERO;
    let server = Server::in_new_home(false, |dir| {
        seed(dir, n);
        seeded = t.elapsed();
    });
    eprintln!(
        "work view: seeded {n} clients in {:.1} s, server up after {:.1} s",
        seeded.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    server
}

fn connect(dir: &Path) -> RemoteFirm {
    // The server loads its index before it answers a session.
    Connector::new(dir).autostart(false).connect().unwrap()
}

fn opening(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("CABINET_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    let mut group = c.benchmark_group("work view through the server");
    group.sample_size(20).sampling_mode(SamplingMode::Flat);
    for n in sizes {
        let served = serve(n);
        let firm = connect(&served.dir);
        let lead = firm
            .team()
            .unwrap()
            .into_iter()
            .find(|m| m.login == "lead1")
            .map_or(LeadFilter::Any, |m| LeadFilter::Member(m.id));
        let whole = WorkQuery::default();
        let mine = WorkQuery {
            lead,
            ..WorkQuery::default()
        };
        let report = firm.work(&whole).unwrap();
        assert_eq!(report.clients + inactive(&firm), n);
        for (scope, q) in [("whole firm", whole), ("one lead", mine)] {
            let mut times: Vec<Duration> = (0..50)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(firm.work(&q).unwrap());
                    t.elapsed()
                })
                .collect();
            times.sort_unstable();
            eprintln!(
                "work view at {n} clients, {scope}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
                percentile(&times, 0.5).as_secs_f64() * 1e3,
                percentile(&times, 0.95).as_secs_f64() * 1e3,
                times.last().unwrap().as_secs_f64() * 1e3,
            );
            group.bench_function(format!("{scope}, {n} clients"), |b| {
                b.iter(|| std::hint::black_box(firm.work(&q).unwrap()))
            });
        }
    }
    group.finish();
}

/// Inactive clients, which the report leaves out.
fn inactive(firm: &RemoteFirm) -> usize {
    let all = firm
        .query(&cabinet::model::ViewQuery {
            include_inactive: true,
            limit: 0,
            ..Default::default()
        })
        .unwrap()
        .total;
    let active = firm
        .query(&cabinet::model::ViewQuery {
            limit: 0,
            ..Default::default()
        })
        .unwrap()
        .total;
    all - active
}

criterion_group!(benches, opening);
criterion_main!(benches);
