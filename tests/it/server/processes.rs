//! The server as a process of its own: started by hand, on demand,
//! killed, raced and replaced.

use std::collections::BTreeMap;
use std::os::unix::net::UnixListener;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use cabinet::api::{ApiError, Event, Firm};
use cabinet::host::firm_files;
use cabinet::model::Client;
use cabinet::server::logging;

use super::util::{Firm as TempFirm, expect_event, wait_until};

const SOON: Duration = Duration::from_secs(10);

#[test]
fn clients_reach_a_server_process_and_hear_its_goodbye() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server();
    let (a, b) = (firm.client(), firm.client());
    assert_eq!(a.server().unwrap().pid, server.id());
    let events = b.subscribe().unwrap();
    let c = a.create(Client::new("Quincaillerie Lavoie")).unwrap();
    expect_event(
        &events,
        SOON,
        |e| matches!(e, Event::Clients { changed, .. } if changed[0].0 == c.id),
    );

    server.signal(rustix::process::Signal::TERM);
    assert!(server.wait().success(), "SIGTERM stops the server cleanly");
    match expect_event(&events, SOON, |e| matches!(e, Event::Disconnected { .. })) {
        Event::Disconnected { reason } => assert!(
            matches!(&reason, cabinet::api::Unreachable::Closed(cabinet::api::Goodbye::Signal { name }) if name == "SIGTERM"),
            "{reason}"
        ),
        _ => unreachable!(),
    }
    assert!(
        !firm_files::socket_path(&firm.dir).exists(),
        "the socket is removed"
    );
    assert!(!firm_files::server_running(&firm.dir));
    let log = logging::read_all(&firm.dir);
    assert!(log.contains("server listening"), "{log}");
    assert!(log.contains("server stopped"), "{log}");
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let firm = TempFirm::new();
    let mut acked: BTreeMap<u64, Client> = BTreeMap::new();
    for round in 0..3 {
        let mut server = firm.spawn_server();
        let a = firm.client();
        let writer = {
            let firm_dir = firm.dir.clone();
            std::thread::spawn(move || {
                let a = cabinet::remote::Connector::new(&firm_dir)
                    .autostart(false)
                    .connect()
                    .unwrap();
                let mut done = Vec::new();
                for i in 0.. {
                    let mut c = Client::new(format!("Client {round}-{i}"));
                    c.notes = format!("round {round}, write {i}");
                    match a.create(c) {
                        Ok(mut c) => {
                            // Every other client is edited again at once.
                            if i % 2 == 0 {
                                let mut edit = c.clone();
                                edit.phone = format!("514-555-{:04}", i % 10_000);
                                match a.update(edit) {
                                    Ok(updated) => c = updated,
                                    Err(
                                        ApiError::Unavailable(_) | ApiError::OutcomeUnknown { .. },
                                    ) => {
                                        done.push(c);
                                        return done;
                                    }
                                    Err(e) => panic!("unexpected: {e}"),
                                }
                            }
                            done.push(c);
                        }
                        // A write cut off by the kill is not acknowledged,
                        // and the writer is told its outcome is unknown.
                        Err(ApiError::Unavailable(_) | ApiError::OutcomeUnknown { .. }) => {
                            return done;
                        }
                        Err(e) => panic!("unexpected: {e}"),
                    }
                }
                done
            })
        };
        // Let some writes through, then kill the server mid-stream.
        wait_until(SOON, || {
            a.query(&Default::default()).map(|p| p.total).unwrap_or(0) >= acked.len() + 40
        });
        server.signal(rustix::process::Signal::KILL);
        server.wait();
        let written = writer.join().unwrap();
        // The server had committed 40 more; the writer hears of most of
        // them before the kill (the last replies may die with the server).
        assert!(
            written.len() >= 20,
            "round {round}: {} writes",
            written.len()
        );
        for c in written {
            acked.insert(c.id, c);
        }
    }
    // A stale socket is left behind by the killed server; a new one
    // replaces it and finds every acknowledged write.
    assert!(firm_files::socket_path(&firm.dir).exists());
    let _server = firm.spawn_server();
    let a = firm.client();
    for (id, c) in &acked {
        let stored = a.get(*id).unwrap();
        assert!(
            stored.version >= c.version,
            "#{id} lost an acknowledged update"
        );
        assert_eq!(
            (&stored.display_name, &stored.notes),
            (&c.display_name, &c.notes)
        );
        // A save cut off by the kill may or may not have been written;
        // an acknowledged one must have been.
        if stored.version == c.version {
            assert_eq!(stored.phone, c.phone, "#{id}");
        }
    }
}

#[test]
fn a_stale_socket_is_replaced_by_a_started_server() {
    let firm = TempFirm::new();
    std::fs::create_dir_all(&firm.dir).unwrap();
    let socket = firm_files::socket_path(&firm.dir);
    drop(UnixListener::bind(&socket).unwrap());
    std::fs::write(firm_files::lock_path(&firm.dir), "999999\n").unwrap();
    assert!(socket.exists());

    let a = firm.auto().connect().unwrap();
    let pid = a.server().unwrap().pid;
    assert_ne!(pid, std::process::id());
    // The lock file names the new server, not the dead one.
    assert_eq!(firm_files::server_pid(&firm.dir), Some(pid));
    a.create(Client::new("Toiture Bouchard")).unwrap();
}

#[test]
fn two_sessions_starting_at_once_share_one_server() {
    for _ in 0..3 {
        let firm = TempFirm::new();
        let start = Arc::new(Barrier::new(4));
        let racers: Vec<_> = (0..4)
            .map(|_| {
                let connector = firm.auto();
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    let session = connector.connect().unwrap();
                    let pid = session.server().unwrap().pid;
                    (session, pid)
                })
            })
            .collect();
        let sessions: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
        let pids: Vec<u32> = sessions.iter().map(|(_, pid)| *pid).collect();
        assert!(
            pids.iter().all(|p| *p == pids[0]),
            "one server for all: {pids:?}"
        );
        // And they really share it: a save in one is seen by the others.
        let events = sessions[1].0.subscribe().unwrap();
        let c = sessions[0].0.create(Client::new("Salon Tanguay")).unwrap();
        expect_event(
            &events,
            SOON,
            |e| matches!(e, Event::Clients { changed, .. } if changed[0].0 == c.id),
        );
    }
}

#[test]
fn cabinet_serve_starts_a_background_server_that_idles_out() {
    let firm = TempFirm::new();
    let out = firm
        .cabinet()
        .args(["serve", "--idle-exit", "4", "--firm"])
        .arg(&firm.dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("started a cabinet server for"), "{said}");
    // A client at once, before the idle limit can run out.
    let a = firm.client();
    let pid = firm_files::server_pid(&firm.dir).expect("a server holds the lock");
    assert_eq!(a.server().unwrap().pid, pid);

    let again = firm
        .cabinet()
        .args(["serve", "--firm"])
        .arg(&firm.dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stdout);
    assert_eq!(
        said.trim(),
        format!(
            "a cabinet server is already running for {} (pid {pid})",
            firm.dir.display()
        )
    );

    // A client keeps it alive; once the last one leaves, it exits. Time
    // must pass for this: past the 4-second idle limit, with the client
    // connected, the server is still there. No state shows that sooner.
    std::thread::sleep(Duration::from_millis(4500));
    assert!(
        firm_files::server_running(&firm.dir),
        "a connected client keeps the server"
    );
    a.create(Client::new("Fromagerie Pelletier")).unwrap();
    drop(a);
    wait_until(SOON, || !firm_files::server_running(&firm.dir));
    assert!(!firm_files::socket_path(&firm.dir).exists());
    assert!(logging::read_all(&firm.dir).contains("no client for"));
}

#[test]
fn serve_replace_takes_over_from_a_running_server() {
    let firm = TempFirm::new();
    let mut old = firm.spawn_server();
    let a = firm.client();
    let events = a.subscribe().unwrap();
    // The server counts a session in just after sending it, and a stop
    // says goodbye only to those counted: once a call is answered, this
    // one is, and hears why the server goes.
    a.team().unwrap();
    let out = firm
        .cabinet()
        .args(["serve", "--replace", "--idle-exit", "30", "--firm"])
        .arg(&firm.dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(old.wait().success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "stopped the server that was running (pid {})",
            old.id()
        )),
        "{said}"
    );
    let new_pid = firm_files::server_pid(&firm.dir).expect("a new server runs");
    assert_ne!(new_pid, old.id());
    match expect_event(&events, SOON, |e| matches!(e, Event::Disconnected { .. })) {
        Event::Disconnected { reason } => assert!(
            matches!(
                reason,
                cabinet::api::Unreachable::Closed(cabinet::api::Goodbye::Replaced { .. })
            ),
            "{reason}"
        ),
        _ => unreachable!(),
    }
    // The session finds the new server by itself.
    expect_event(&events, Duration::from_secs(20), |e| *e == Event::Reset);
    assert_eq!(a.server().unwrap().pid, new_pid);
}

#[test]
fn a_second_foreground_server_is_refused_by_name() {
    let firm = TempFirm::new();
    let first = firm.spawn_server();
    let out = firm
        .cabinet()
        .args(["serve", "--foreground", "--firm"])
        .arg(&firm.dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        said.trim(),
        format!(
            "cabinet: a cabinet server is already running for {} (pid {})",
            firm.dir.display(),
            first.id()
        )
    );
}

#[test]
fn the_log_says_why_a_connection_was_closed() {
    use std::io::{Read, Write};
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let mut s =
        std::os::unix::net::UnixStream::connect(firm_files::socket_path(&firm.dir)).unwrap();
    s.write_all(&(64u32 << 20).to_le_bytes()).unwrap();
    let mut sink = Vec::new();
    let _ = s.read_to_end(&mut sink);
    wait_until(SOON, || {
        logging::read_all(&firm.dir).contains("over the 16777216-byte limit")
    });
    assert!(logging::read_all(&firm.dir).contains("closing the connection"));
    firm.client().team().unwrap();
}

#[test]
fn a_server_that_cannot_start_says_why() {
    let firm = TempFirm::new();
    std::fs::create_dir_all(&firm.dir).unwrap();
    std::fs::write(
        firm.dir.join("firm.redb"),
        "these are not the records you are looking for",
    )
    .unwrap();
    let e = firm.auto().connect().unwrap_err();
    let said = e.to_string();
    assert!(
        said.starts_with("the firm server could not start: "),
        "{said}"
    );
    assert!(said.contains("not a cabinet database"), "{said}");
    assert!(!firm_files::server_running(&firm.dir));
}

/// A French user hears why the server could not start in French: the
/// server it starts shares its environment, and words its failure there.
#[test]
fn a_server_that_cannot_start_says_why_in_french() {
    let firm = TempFirm::new();
    std::fs::create_dir_all(&firm.dir).unwrap();
    std::fs::write(firm.dir.join("firm.redb"), "rien d'un cabinet").unwrap();
    let out = firm
        .cabinet()
        .env("LC_ALL", "fr_CA.UTF-8")
        .args(["list", "--firm"])
        .arg(&firm.dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("le serveur du cabinet n'a pas pu démarrer : les données du cabinet n'ont pu être lues ou écrites : "),
        "{err}"
    );
    assert!(err.contains("pas une base de données cabinet"), "{err}");
    assert!(!err.contains("could not"), "{err}");
    assert!(!firm_files::server_running(&firm.dir));
}
