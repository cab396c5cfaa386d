//! What a connection costs the server, through the real binary: one
//! thread each, and events that reach everyone whatever one client does,
//! however long its call runs.

use std::time::Duration;

use cabinet::api::{Event, Firm};
use cabinet::host::firm_files;
use cabinet::model::{Client, ViewQuery};
use cabinet::protocol::ServerMsg;
use cabinet::protocol::frame;

#[cfg(debug_assertions)]
use super::util::Held;
use super::util::{Firm as TempFirm, expect_event, handshaken, until_closed, wait_until};

const SOON: Duration = Duration::from_secs(20);

/// The names of a process's threads.
fn threads(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
        .map(|n| n.trim().to_owned())
        .collect()
}

#[test]
fn an_idle_session_costs_the_server_one_thread() {
    let firm = TempFirm::new();
    let server = firm.spawn_server();
    let pid = server.id();
    let conns = |names: &[String]| {
        names
            .iter()
            .filter(|n| n.starts_with("cabinet-conn"))
            .count()
    };
    // The thread that sorts the list as the server starts ends on its
    // own, and so do those of the connections that checked it listens:
    // count once they have.
    wait_until(SOON, || {
        let names = threads(pid);
        conns(&names) == 0 && !names.iter().any(|n| n == "cabinet-warm")
    });
    let before = threads(pid).len();
    const N: usize = 40;
    let sessions: Vec<_> = (0..N).map(|_| firm.client()).collect();
    // Each has made a call, so that all a session starts has started.
    for s in &sessions {
        s.team().unwrap();
    }
    let during = threads(pid);
    assert!(
        during.len() <= before + N,
        "{N} idle sessions took {} threads: {during:?}",
        during.len() - before
    );
    assert_eq!(conns(&during), N, "each has a thread: {during:?}");
    // All of them hear a change, through the server's one pusher.
    let events: Vec<_> = sessions.iter().map(|s| s.subscribe().unwrap()).collect();
    let made = sessions[0]
        .create(Client::new("Quincaillerie Roy"))
        .unwrap();
    for e in &events {
        expect_event(
            e,
            SOON,
            |e| matches!(e, Event::Clients { changed, .. } if changed == &[(made.id, 1)]),
        );
    }
    // Their threads end with them.
    drop(events);
    drop(sessions);
    wait_until(SOON, || {
        let names = threads(pid);
        conns(&names) == 0 && names.len() <= before
    });
}

#[test]
fn a_client_that_reads_nothing_holds_up_no_one() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    // A session whose client never reads what the server sends it (a
    // suspended terminal, say).
    let stuck = handshaken(&socket);
    let (a, b) = (firm.client(), firm.client());
    let me = a.session().unwrap().me;
    let heard = b.subscribe().unwrap();
    let clients = (0..20_000)
        .map(|i| Client::new(format!("Client en attente {i}")))
        .collect();
    a.create_many(clients).unwrap();
    let ids: Vec<_> = a
        .query(&ViewQuery {
            limit: 20_000,
            ..ViewQuery::default()
        })
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 20_000);
    // Each change names every client changed: the events meant for the
    // stuck client pile up until its socket is full.
    let unread = || rustix::io::ioctl_fionread(&stuck).unwrap();
    let mut lead = Some(me.id);
    for _ in 0..20 {
        if unread() >= 200_000 {
            break;
        }
        a.assign_lead(&ids, lead).unwrap();
        expect_event(&heard, SOON, |e| matches!(e, Event::Clients { .. }));
        lead = lead.xor(Some(me.id));
    }
    assert!(unread() >= 200_000, "{} bytes unread", unread());
    // Others are still told of every change at once, and served.
    for name in ["Pendant l'attente", "Toujours servi"] {
        let made = a.create(Client::new(name)).unwrap();
        expect_event(
            &heard,
            SOON,
            |e| matches!(e, Event::Clients { changed, .. } if changed == &[(made.id, 1)]),
        );
        assert_eq!(b.get(made.id).unwrap().display_name, name);
    }
    // It is dropped once it has read nothing for half a minute (or left
    // too much unread).
    let log = || cabinet::server::logging::read_all(&firm.dir);
    wait_until(Duration::from_secs(90), || {
        log().contains("dropping a client that could not be reached")
    });
    // It reads what it was sent, then finds the connection closed.
    let mut stuck = stuck;
    until_closed(&mut stuck);
    assert!(b.is_connected());
}

#[cfg(debug_assertions)]
#[test]
fn events_reach_every_session_while_another_sessions_call_runs() {
    let firm = TempFirm::new();
    let held = Held::new(&firm);
    let _server = held.server(&firm);
    let socket = firm_files::socket_path(&firm.dir);
    // A session whose call runs, and will until the file is removed.
    let mut busy = handshaken(&socket);
    held.call(&mut busy, 1);
    let (writer, other) = (firm.client(), firm.client());
    let heard = other.subscribe().unwrap();
    let made = writer.create(Client::new("Pendant l'appel")).unwrap();
    let changed =
        |e: &Event| matches!(e, Event::Clients { changed, .. } if changed == &[(made.id, 1)]);
    // Another session hears of the change while the call runs: the
    // call cannot end until the file is gone.
    expect_event(&heard, SOON, changed);
    // So does the busy session itself, before its call's answer.
    loop {
        match frame::read::<ServerMsg>(&mut busy).unwrap() {
            ServerMsg::Event(e) if changed(&e) => break,
            ServerMsg::Reply { id, .. } => panic!("call {id} answered while held"),
            _ => {}
        }
    }
    // And the call, let go, is answered as usual.
    held.release();
    loop {
        match frame::read::<ServerMsg>(&mut busy).unwrap() {
            ServerMsg::Reply { id, result } => {
                assert_eq!(id, 1);
                assert!(
                    matches!(result, Err(cabinet::api::ApiError::NotFound(_))),
                    "{result:?}"
                );
                break;
            }
            ServerMsg::Working { .. } | ServerMsg::Ping => {}
            other => panic!("{other:?}"),
        }
    }
    assert!(writer.is_connected() && other.is_connected());
}
