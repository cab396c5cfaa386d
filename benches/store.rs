//! The store's speed targets, measured with the demo firm's realistic
//! records (products, documents, returns) rather than bare names:
//!
//! - bulk creation of 100,000 clients in one transaction;
//! - loading every client summary at 100,000 clients (reading the records
//!   and building the list index): the target is 150 ms;
//! - one durable update: the target is a median of 2 ms, with or without
//!   the key a change through the server is sent with;
//! - installing the 2,000-client demo firm, as `cabinet --demo` does on
//!   first use: the target is under a second.
//!
//! Files live under Cargo's target directory, on the same disk as the
//! project, so that durable commits really reach the disk.
//! Run with `cargo bench --bench store`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use cabinet::api::index::Index;
use cabinet::api::local::Core;
use cabinet::demo::{self, DemoOptions};
use cabinet::model::{AuditAction, Client, Member, Role};
use cabinet::store::{Author, FILE_NAME, Once, Store};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::civil::date;

const LARGE: usize = 100_000;

fn options(clients: usize) -> DemoOptions {
    DemoOptions {
        clients,
        seed: 1,
        today: date(2026, 3, 15),
    }
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a scratch directory")
}

/// A store holding the demo team, ready for clients.
fn store_with_team(dir: &Path, team: &[Member]) -> Store {
    let store = Store::open(&dir.join(FILE_NAME)).expect("a new store");
    for m in team {
        store
            .save_member(Member { id: 0, ..m.clone() }, 0, Timestamp::now())
            .expect("a valid member");
    }
    store
}

fn bulk_creation(c: &mut Criterion) {
    let firm = demo::generate(options(LARGE));
    let mut group = c.benchmark_group("bulk creation");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("100,000 clients in one transaction", |b| {
        b.iter_batched(
            || {
                let dir = scratch();
                let store = store_with_team(dir.path(), &firm.team);
                (dir, store, firm.clients.clone())
            },
            |(dir, store, clients)| {
                let created = store
                    .create_many(clients, 1, Timestamp::now(), AuditAction::Imported)
                    .unwrap();
                black_box(created.len());
                (dir, store)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn loading_and_updating(c: &mut Criterion) {
    let dir = scratch();
    let firm = demo::generate(options(LARGE));
    let team = firm.team.clone();
    let store = store_with_team(dir.path(), &team);
    store
        .create_many(firm.clients, 1, Timestamp::now(), AuditAction::Imported)
        .unwrap();

    let mut group = c.benchmark_group("loading at 100,000 clients");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("all summaries (read the rows, build the index)", |b| {
        b.iter(|| {
            let rows = store.rows().unwrap();
            black_box(Index::from_rows(rows, store.members().unwrap()).len())
        });
    });
    group.bench_function("read every whole record (not needed to start)", |b| {
        b.iter(|| black_box(store.clients().unwrap().len()))
    });
    group.finish();

    let mut group = c.benchmark_group("durable update at 100,000 clients");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    let mut client: Client = store.client(50_000).unwrap().expect("client 50,000 exists");
    let mut n = 0u32;
    group.bench_function("change one phone number", |b| {
        b.iter(|| {
            n += 1;
            client.phone = format!("514-555-{:04}", n % 10_000);
            client = store.update(client.clone(), 1, Timestamp::now()).unwrap().0;
        });
    });
    // Every change through the server is sent with a key, written in the
    // change's own transaction.
    let mut key = 0u64;
    group.bench_function("change one phone number, sent with a key", |b| {
        b.iter(|| {
            n += 1;
            key += 1;
            client.phone = format!("514-555-{:04}", n % 10_000);
            let by = Author::new(1, Some(Once { uid: 1000, key }));
            client = store
                .update(client.clone(), by, Timestamp::now())
                .unwrap()
                .0;
        });
    });
    group.finish();
}

fn demo_install(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo firm");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("generate and install 2,000 clients", |b| {
        b.iter_batched(
            || {
                let dir = scratch();
                let core = Core::open(&dir.path().join("demo")).unwrap();
                (dir, core)
            },
            |(dir, core)| {
                let session = core.session("bench").unwrap();
                let done = demo::install(&session, options(DemoOptions::DEFAULT_CLIENTS)).unwrap();
                assert_eq!(done.admin.role, Role::Admin);
                (dir, core)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, demo_install, loading_and_updating, bulk_creation);
criterion_main!(benches);
