//! Bulk work as a user does it: the built `cabinet` binary, run as a
//! command, talking to a separate `cabinet serve --foreground` process
//! over the firm's socket.
//!
//! - `import_100k_csv`: `cabinet import` of a 100,000-row CSV into an empty
//!   firm (a new firm and server for every sample). Target ≤ 5 s.
//! - `export_100k_csv`: `cabinet export --format csv -o FILE` of a firm of
//!   100,000 clients. Target ≤ 1.5 s.
//! - `list_json_100k`: `cabinet list --json` of the same firm, to a pipe
//!   that is read and dropped. Target ≤ 0.5 s.
//! - Once each, timed and printed (each takes close to a minute, too long
//!   for criterion's ten samples): `cabinet import` of 1,000,000 rows
//!   (target ≤ 60 s), with the peak resident memory (VmHWM) of the
//!   command and of the server then holding 1,000,000 clients; and
//!   `cabinet demo --clients 1000000` (target ≤ 60 s).
//!
//! Peak memory is read from /proc/<pid>/status while the process runs.

use std::process::Stdio;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

mod support;

use support::{Server, client_list, memory_of};

/// Runs a command on the firm to its end, returning how long it took and
/// its peak resident memory in kB.
fn run(firm: &Server, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = firm
        .cabinet(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        std::io::copy(&mut out, &mut std::io::sink()).ok();
    });
    let mut peak = 0;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let took = start.elapsed();
            reader.join().unwrap();
            if !status.success() {
                let mut err = String::new();
                std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).ok();
                panic!("{args:?} failed: {err}");
            }
            return (took, peak);
        }
        peak = peak.max(memory_of(pid).1);
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A new firm and its server.
fn served() -> Server {
    Server::new_firm(false)
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

fn import_100k(c: &mut Criterion) {
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("clients.csv");
    std::fs::write(&csv, client_list(100_000)).unwrap();
    let csv = csv.to_str().unwrap().to_owned();
    let mut g = c.benchmark_group("bulk");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("import_100k_csv", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let firm = served();
                total += run(&firm, &["import", &csv]).0;
            }
            total
        })
    });
    g.finish();
}

fn export_and_list_100k(c: &mut Criterion) {
    let firm = served();
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("clients.csv");
    std::fs::write(&csv, client_list(100_000)).unwrap();
    run(&firm, &["import", csv.to_str().unwrap()]);
    let out = files.path().join("export.csv");
    let out = out.to_str().unwrap().to_owned();
    let mut g = c.benchmark_group("bulk");
    g.sample_size(10);
    g.bench_function("export_100k_csv", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| run(&firm, &["export", "--format", "csv", "--force", "-o", &out]).0)
                .sum()
        })
    });
    g.bench_function("list_json_100k", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| run(&firm, &["list", "--json"]).0).sum())
    });
    g.finish();
}

/// The million-client figures, measured once each and printed.
fn million(_: &mut Criterion) {
    if std::env::var_os("CABINET_BENCH_SKIP_MILLION").is_some() {
        return;
    }
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("million.csv");
    std::fs::write(&csv, client_list(1_000_000)).unwrap();
    let size = std::fs::metadata(&csv).unwrap().len();
    let firm = served();
    let (took, peak) = run(&firm, &["import", csv.to_str().unwrap()]);
    println!(
        "bulk/import_1m_csv: {:.1} s for a {} MB file; peak memory: the command {}, the server {} (holding 1,000,000 clients)",
        took.as_secs_f64(),
        size >> 20,
        mb(peak),
        mb(memory_of(firm.child.id()).1),
    );
    drop(firm);
    drop(files);

    let firm = served();
    let (took, peak) = run(&firm, &["demo", "--clients", "1000000"]);
    println!(
        "bulk/demo_1m: {:.1} s; peak memory: the command {}, the server {}",
        took.as_secs_f64(),
        mb(peak),
        mb(memory_of(firm.child.id()).1),
    );
}

criterion_group!(benches, import_100k, export_and_list_100k, million);
criterion_main!(benches);
