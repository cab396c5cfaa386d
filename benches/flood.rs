//! A normal call while a flood of connections hits the firm server.
//!
//! A separate server process holds a firm of 10,000 clients. The first
//! page of the list is timed through the socket, first on a quiet server,
//! then while 2,000 more connections from the same login are open: the
//! server keeps at most 64 per login and turns the rest away at once, so
//! the flood costs the normal call next to nothing. (Before the cap, each
//! connection got a thread, and 10,200 idle ones pushed a `list` to 12 s.)

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cabinet::api::Firm;
use cabinet::host::firm_files;
use cabinet::model::{Client, ViewQuery};
use cabinet::remote::{Connector, RemoteFirm};
use criterion::{Criterion, criterion_group, criterion_main};

const CLIENTS: usize = 10_000;
const FLOOD: usize = 2_000;

struct Server {
    _home: tempfile::TempDir,
    dir: PathBuf,
    child: Child,
}

impl Server {
    fn start() -> Server {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("firm");
        let child = Command::new(env!("CARGO_BIN_EXE_cabinet"))
            .args(["serve", "--foreground", "--firm"])
            .arg(&dir)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while UnixStream::connect(firm_files::socket_path(&dir)).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Server {
            _home: home,
            dir,
            child,
        }
    }

    fn session(&self) -> RemoteFirm {
        Connector::new(&self.dir)
            .autostart(false)
            .connect()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = rustix::process::Pid::from_child(&self.child);
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        let _ = self.child.wait();
    }
}

fn flood(c: &mut Criterion) {
    let server = Server::start();
    let firm = server.session();
    let clients = (0..CLIENTS)
        .map(|i| Client::new(format!("Client {i:05}")))
        .collect();
    firm.create_many(clients).unwrap();
    let page = ViewQuery {
        limit: 50,
        ..ViewQuery::default()
    };
    let mut group = c.benchmark_group("flood");
    group.sample_size(50);
    group.bench_function("list_page_quiet", |b| b.iter(|| firm.query(&page).unwrap()));
    let socket = firm_files::socket_path(&server.dir);
    let held: Vec<UnixStream> = (0..FLOOD)
        .filter_map(|_| UnixStream::connect(&socket).ok())
        .collect();
    eprintln!("{} flood connections open or refused", held.len());
    group.bench_function("list_page_during_a_flood_of_2000", |b| {
        b.iter(|| firm.query(&page).unwrap())
    });
    group.finish();
    drop(held);
}

criterion_group!(benches, flood);
criterion_main!(benches);
