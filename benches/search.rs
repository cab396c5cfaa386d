//! Search as a bookkeeper types it: 20 realistic queries entered one key
//! at a time, over 2,000, 100,000 and 1,000,000 generated clients.
//!
//! Each key sends the whole query typed so far and asks for one screen of
//! results (50 rows), as the list does. Besides criterion's timing of a
//! whole typed query, the p50, p95 and p99 of the time from a key to its
//! result are printed for each size. Targets on a 2-core machine: p99 ≤
//! 16 ms at 100,000 clients, p95 ≤ 100 ms at 1,000,000.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cabinet::api::index::Index;
use cabinet::demo::{self, DemoOptions};
use cabinet::model::{ClientRow, ViewQuery};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

/// What people type: names, partial names, two words, phone digits, a
/// number, an e-mail domain, a typo, accents and none.
const QUERIES: [&str; 20] = [
    "tremblay",
    "gagnon plomb",
    "cote",
    "5145550",
    "lev",
    "roy",
    "marie eve",
    "boulangerie",
    "1042",
    "inc",
    "consulting",
    "bouchard",
    "sainte",
    "lavoie j",
    "fortin",
    "gmail",
    "trembaly",
    "dépanneur",
    "9123",
    "nguyen",
];

/// Generates a firm in slices so that a million clients never exist as
/// whole records at once, keeping only their rows.
fn rows(clients: usize) -> Vec<ClientRow> {
    let today = jiff::civil::date(2026, 11, 26);
    let firm = demo::generate(DemoOptions {
        clients,
        seed: 7,
        today,
    });
    firm.clients
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut c = c.clone();
            c.id = i as u64 + 1;
            ClientRow::of(&c)
        })
        .collect()
}

/// Types every query key by key; returns each key's latency.
fn type_all(index: &Index) -> Vec<Duration> {
    let mut out = Vec::new();
    for q in QUERIES {
        let mut typed = String::new();
        for ch in q.chars() {
            typed.push(ch);
            let start = Instant::now();
            let page = index.query(&ViewQuery {
                search: typed.clone(),
                limit: 50,
                ..ViewQuery::default()
            });
            black_box(page.rows.len());
            let took = start.elapsed();
            if std::env::var_os("CABINET_BENCH_SLOW").is_some() && took > Duration::from_millis(12)
            {
                eprintln!(
                    "slow key: {typed:?} took {:.1} ms",
                    took.as_secs_f64() * 1e3
                );
            }
            out.push(took);
        }
        // Clearing the box goes back to the plain list.
        black_box(index.query(&ViewQuery {
            limit: 50,
            ..ViewQuery::default()
        }));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn typing(c: &mut Criterion) {
    let mut group = c.benchmark_group("search while typing");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    // CABINET_BENCH_SIZES=100000 measures one size only.
    let sizes: Vec<usize> = std::env::var("CABINET_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 100_000, 1_000_000]);
    for clients in sizes {
        let index = Index::from_rows(rows(clients), Vec::new());
        // Warm the caches the way a running server has them.
        type_all(&index);
        let mut all = Vec::new();
        for _ in 0..3 {
            all.extend(type_all(&index));
        }
        all.sort_unstable();
        eprintln!(
            "search at {clients} clients, {} keys: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            all.len(),
            percentile(&all, 0.50).as_secs_f64() * 1e3,
            percentile(&all, 0.95).as_secs_f64() * 1e3,
            percentile(&all, 0.99).as_secs_f64() * 1e3,
            all.last().unwrap().as_secs_f64() * 1e3,
        );
        group.bench_function(
            format!("20 queries typed key by key, {clients} clients"),
            |b| b.iter(|| black_box(type_all(&index).len())),
        );
    }
    group.finish();
}

criterion_group!(benches, typing);
criterion_main!(benches);
