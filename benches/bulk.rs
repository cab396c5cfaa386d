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

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cabinet::host::firm_files;
use criterion::{Criterion, criterion_group, criterion_main};

/// A firm directory with its server process; the server stops on drop.
struct Served {
    home: tempfile::TempDir,
    dir: PathBuf,
    server: Child,
}

impl Served {
    fn new() -> Served {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("firm");
        let mut init = Command::new(env!("CARGO_BIN_EXE_cabinet"));
        init.arg("init").arg(&dir).stdout(Stdio::null());
        with_home(&mut init, home.path());
        assert!(init.status().unwrap().success(), "cabinet init failed");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cabinet"));
        cmd.args(["serve", "--foreground", "--firm"])
            .arg(&dir)
            .stdin(Stdio::null());
        with_home(&mut cmd, home.path());
        let server = cmd.spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::os::unix::net::UnixStream::connect(firm_files::socket_path(&dir)).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
        Served { home, dir, server }
    }

    /// The binary as a command on this firm.
    fn cabinet(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cabinet"));
        cmd.arg("--firm").arg(&self.dir).args(args);
        with_home(&mut cmd, self.home.path());
        cmd
    }

    /// Runs a command to its end, returning how long it took and its
    /// peak resident memory in kB.
    fn run(&self, args: &[&str]) -> (Duration, u64) {
        let start = Instant::now();
        let mut child = self
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
            peak = peak.max(hwm(pid));
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn server_hwm(&self) -> u64 {
        hwm(self.server.id())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let pid = rustix::process::Pid::from_child(&self.server);
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        let _ = self.server.wait();
    }
}

fn with_home(cmd: &mut Command, home: &Path) {
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("LANG", "C")
        .env_remove("CABINET_FIRM")
        .env_remove("RUST_LOG");
}

/// A process's peak resident memory so far, in kB (0 once it is gone).
fn hwm(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// A QuickBooks-style client list in French Excel's form: semicolons,
/// CRLF, quoted cells with line breaks, accents.
fn client_list(path: &Path, rows: usize) {
    let cities = [
        "Montréal",
        "Québec",
        "Laval",
        "Gatineau",
        "Sherbrooke",
        "Lévis",
    ];
    let trades = [
        "Plomberie",
        "Boulangerie",
        "Garage",
        "Clinique",
        "Café",
        "Atelier",
    ];
    let people = [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Lévesque",
    ];
    let mut s = String::from(
        "\u{FEFF}Numéro de client;Nom;Entreprise;Courriel;Téléphone;Rue;Ville;Province;Code postal;Pays;Remarques\r\n",
    );
    for i in 0..rows {
        let trade = trades[i % trades.len()];
        let person = people[(i / 7) % people.len()];
        let city = cities[(i / 3) % cities.len()];
        let _ = write!(
            s,
            "{n};\"{trade} {person} {i}, inc.\";{trade} {person};compta{i}@exemple.ca;514-555-{p:04};\
             \"{i} rue Principale\r\nbureau {b}\";{city};QC;H{d}A 1A1;Canada;\"Client depuis {y}; paie par chèque\"\r\n",
            n = 10_000 + i,
            p = i % 10_000,
            b = i % 400,
            d = i % 10,
            y = 1990 + i % 35,
        );
    }
    std::fs::write(path, s).unwrap();
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

fn import_100k(c: &mut Criterion) {
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("clients.csv");
    client_list(&csv, 100_000);
    let csv = csv.to_str().unwrap().to_owned();
    let mut g = c.benchmark_group("bulk");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("import_100k_csv", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let firm = Served::new();
                total += firm.run(&["import", &csv]).0;
            }
            total
        })
    });
    g.finish();
}

fn export_and_list_100k(c: &mut Criterion) {
    let firm = Served::new();
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("clients.csv");
    client_list(&csv, 100_000);
    firm.run(&["import", csv.to_str().unwrap()]);
    let out = files.path().join("export.csv");
    let out = out.to_str().unwrap().to_owned();
    let mut g = c.benchmark_group("bulk");
    g.sample_size(10);
    g.bench_function("export_100k_csv", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| firm.run(&["export", "--format", "csv", "--force", "-o", &out]).0)
                .sum()
        })
    });
    g.bench_function("list_json_100k", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| firm.run(&["list", "--json"]).0).sum())
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
    client_list(&csv, 1_000_000);
    let size = std::fs::metadata(&csv).unwrap().len();
    let firm = Served::new();
    let (took, peak) = firm.run(&["import", csv.to_str().unwrap()]);
    println!(
        "bulk/import_1m_csv: {:.1} s for a {} MB file; peak memory: the command {}, the server {} (holding 1,000,000 clients)",
        took.as_secs_f64(),
        size >> 20,
        mb(peak),
        mb(firm.server_hwm()),
    );
    drop(firm);
    drop(files);

    let firm = Served::new();
    let (took, peak) = firm.run(&["demo", "--clients", "1000000"]);
    println!(
        "bulk/demo_1m: {:.1} s; peak memory: the command {}, the server {}",
        took.as_secs_f64(),
        mb(peak),
        mb(firm.server_hwm()),
    );
}

criterion_group!(benches, import_100k, export_and_list_100k, million);
criterion_main!(benches);
