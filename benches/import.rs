//! Importing a 100,000-row client list into an empty firm: reading the
//! CSV, checking every row, and the one transaction that writes it all.
//! The target is 5 seconds.

use std::hint::black_box;

use cabinet::api::local::Core;
use cabinet::transfer::{self, ImportOptions, NoProgress};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

mod support;

const ROWS: usize = 100_000;

fn import(c: &mut Criterion) {
    let file = support::client_list(ROWS).into_bytes();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(60));
    group.bench_function("100k rows into an empty firm", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let core = Core::open(&dir.path().join("firm")).unwrap();
                let session = core.session("marie").unwrap();
                (dir, core, session)
            },
            |(dir, core, session)| {
                let report = transfer::import(
                    &session,
                    black_box(&file),
                    &ImportOptions::default(),
                    &NoProgress,
                )
                .unwrap();
                assert_eq!(report.created, ROWS);
                (dir, core, session)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
