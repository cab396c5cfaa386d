//! A normal call while a flood of connections hits the firm server.
//!
//! A separate server process holds a firm of 10,000 clients. The first
//! page of the list is timed through the socket, first on a quiet server,
//! then while 2,000 more connections from the same login are open: the
//! server keeps at most 64 per login and turns the rest away at once, so
//! the flood costs the normal call next to nothing. (Before the cap, each
//! connection got a thread, and 10,200 idle ones pushed a `list` to 12 s.)

use std::os::unix::net::UnixStream;

use cabinet::api::Firm;
use cabinet::host::firm_files;
use cabinet::model::{Client, ViewQuery};
use criterion::{Criterion, criterion_group, criterion_main};

mod support;

const CLIENTS: usize = 10_000;
const FLOOD: usize = 2_000;

fn flood(c: &mut Criterion) {
    let server = support::Server::new_firm(true);
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
