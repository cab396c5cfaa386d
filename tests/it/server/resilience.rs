//! What used to hang or kill a session, through the real binary and a
//! real server: sorting odd client numbers, a call that panics, a socket
//! deleted under the server, a full disk, slow and flooding peers, idle
//! peers that never answer a ping, and a server that goes silent.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::Duration;

use cabinet::api::{ApiError, Busy, Firm, NotWritten, Rejection};
use cabinet::host::firm_files;
use cabinet::model::Client;
use cabinet::protocol::frame;
use cabinet::protocol::{ClientMsg, Request, ServerMsg, Welcome};
use cabinet::remote::{ConnectError, Connector};

use super::util::{Firm as TempFirm, handshaken, until_closed, wait_until};

const SOON: Duration = Duration::from_secs(20);

/// Reads until the reply to call `id`, skipping pings and events.
fn reply_to(s: &mut UnixStream, id: u64) -> Result<cabinet::protocol::Response, ApiError> {
    loop {
        match frame::read::<ServerMsg>(s).unwrap() {
            ServerMsg::Reply { id: got, result } if got == id => return result,
            ServerMsg::Reply { id: got, .. } => panic!("a reply to {got}, not {id}"),
            _ => {}
        }
    }
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn list_sorts_by_every_column_on_adversarial_numbers() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let a = firm.client();
    let numbers = [
        "9",
        "10",
        "1a",
        "1",
        "007",
        "7",
        "a",
        "1b2",
        "1b10",
        "99999999999999999999999999",
        "0",
        "00",
        "10-2",
        "10-10",
        "٣",
        "Ⅻ",
        "x9y",
        "",
    ];
    for (i, n) in numbers.iter().enumerate() {
        let mut c = Client::new(format!("Client {i:02}"));
        c.number = (!n.is_empty()).then(|| n.to_string());
        a.create(c).unwrap();
    }
    for column in [
        "name",
        "number",
        "type",
        "lead",
        "product",
        "return",
        "documents",
        "wholesale",
    ] {
        for desc in [false, true] {
            let mut cmd = firm.cabinet();
            cmd.args([
                "list",
                "--include-inactive",
                "--sort",
                column,
                "--json",
                "--firm",
            ])
            .arg(&firm.dir);
            if desc {
                cmd.arg("--desc");
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "list --sort {column}: {}",
                stderr(&out)
            );
            let listed = stdout(&out);
            for i in 0..numbers.len() {
                assert!(
                    listed.contains(&format!("Client {i:02}")),
                    "list --sort {column} lost client {i}"
                );
            }
        }
    }
    // Numbers in natural order: 9 before 10, 1a after 1, blanks last.
    let out = firm.run(&["list", "--sort", "number", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<String> = rows
        .as_array()
        .or_else(|| rows["clients"].as_array())
        .expect("a list of clients")
        .iter()
        .map(|r| r["number"].as_str().unwrap_or("").to_owned())
        .collect();
    let pos = |n: &str| listed.iter().position(|x| x == n).unwrap();
    assert!(pos("1") < pos("1a") && pos("1a") < pos("7") && pos("9") < pos("10"));
    assert_eq!(listed.last().map(String::as_str), Some(""));
}

#[cfg(debug_assertions)]
#[test]
fn a_panicking_call_is_answered_and_everyone_carries_on() {
    let firm = TempFirm::new();
    let server = firm.spawn_server_with(&[], &[("CABINET_TEST_PANIC", "boom")]);
    let a = firm.client();
    let events = a.subscribe().unwrap();
    let pid = a.server().unwrap().pid;
    match a.find("boom") {
        Err(ApiError::Internal { call }) => assert_eq!(call, "find"),
        other => panic!("expected an internal error, got {other:?}"),
    }
    // The same connection goes on serving, and so does the server.
    assert!(a.is_connected());
    let c = a.create(Client::new("Après la panique")).unwrap();
    assert_eq!(a.find("Après la panique").unwrap().id, c.id);
    assert_eq!(a.server().unwrap().pid, pid);
    super::util::expect_event(
        &events,
        SOON,
        |e| matches!(e, cabinet::api::Event::Clients { changed, .. } if changed[0].0 == c.id),
    );
    // Through the binary: a clear message, then the next command works.
    let out = firm.run(&["show", "boom"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("internal error"), "{}", stderr(&out));
    let out = firm.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Après la panique"));
    // The log has the panic and where it happened.
    let log = cabinet::server::logging::read_all(&firm.dir);
    assert!(log.contains("panic: "), "{log}");
    assert!(log.contains("panic_on_request"), "no backtrace in: {log}");
    drop(server);
}

#[test]
fn a_word_list_merge_that_panics_is_logged_and_made_again() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server_with(&[], &[("CABINET_TEST_PANIC", "word-list-merge")]);
    let a = firm.client();
    let typos = |q: &str| {
        let page = a
            .query(&cabinet::model::ViewQuery {
                search: q.into(),
                limit: 5,
                ..Default::default()
            })
            .unwrap();
        assert!(page.search.as_ref().is_some_and(|s| s.closest), "{q}");
        page.total
    };
    // Enough new words for the search's word list to merge them, on a
    // thread of its own: that merge panics.
    let many = (0..1500)
        .map(|i| Client::new(format!("Zed{i} Bouchard Plomberie")))
        .collect();
    a.create_many(many).unwrap();
    let log = || cabinet::server::logging::read_all(&firm.dir);
    wait_until(SOON, || log().contains("could not be merged"));
    assert!(
        log().contains("panic_on_request"),
        "no backtrace in: {}",
        log()
    );
    // Searches with a typo still find every client meanwhile.
    assert_eq!(typos("bouchrad"), 1500);
    // The next change merges them again.
    a.create(Client::new("Lavoie")).unwrap();
    wait_until(SOON, || log().contains("merged again"));
    assert_eq!(typos("bouchrad"), 1500);
    assert_eq!(typos("laovie"), 1);
    assert!(a.is_connected());
}

#[test]
fn a_deleted_socket_is_made_again() {
    let firm = TempFirm::new();
    let server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    std::fs::remove_file(&socket).unwrap();
    wait_until(SOON, || UnixStream::connect(&socket).is_ok());
    let out = firm.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Still the same server.
    assert_eq!(firm_files::server_pid(&firm.dir), Some(server.id()));
    let log = cabinet::server::logging::read_all(&firm.dir);
    assert!(log.contains("was deleted; making it again"), "{log}");
}

#[test]
fn serve_replace_stops_a_server_whose_socket_is_gone() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server();
    let old = server.id();
    // Only this firm's cabinet server is ever signalled.
    assert!(firm_files::is_firm_server(old, &firm.dir));
    assert!(!firm_files::is_firm_server(std::process::id(), &firm.dir));
    let other = TempFirm::new();
    std::fs::create_dir_all(&other.dir).unwrap();
    assert!(!firm_files::is_firm_server(old, &other.dir));
    std::fs::remove_file(firm_files::socket_path(&firm.dir)).unwrap();
    let out = firm.run(&["serve", "--replace"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let status = server.wait();
    assert!(status.success(), "{status:?}: {}", stdout(&out));
    wait_until(SOON, || {
        firm_files::server_pid(&firm.dir).is_some_and(|pid| pid != old)
    });
    let out = firm.run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The old server said why it stopped, where it survives a full disk.
    let words = cabinet::server::logging::read_last_words(&firm.dir).unwrap();
    assert!(words.contains("stopped"), "{words}");
}

/// A small filesystem of its own, unmounted when dropped.
struct SmallDisk {
    _parent: tempfile::TempDir,
    mount: PathBuf,
}

impl SmallDisk {
    fn new(size: &str) -> Option<SmallDisk> {
        let parent = tempfile::tempdir().unwrap();
        let mount = parent.path().join("disk");
        std::fs::create_dir(&mount).unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "cabinet-test"])
            .arg(&mount)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!(
                "skipped: cannot mount a small filesystem here ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return None;
        }
        Some(SmallDisk {
            _parent: parent,
            mount,
        })
    }

    /// Fills the disk to the last byte with a file of its own.
    fn fill(&self) -> PathBuf {
        let path = self.mount.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![0xa5u8; 4096];
        loop {
            match f.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(28) => break,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
        // Also the last few bytes.
        while matches!(f.write(&[0]), Ok(1)) {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.mount)
            .status();
    }
}

#[test]
fn a_full_disk_is_named_and_the_next_write_works_once_space_is_freed() {
    let Some(disk) = SmallDisk::new("3m") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let firm = TempFirm {
        home,
        dir: disk.mount.join("acme"),
    };
    cabinet::cli::init::personal(&firm.dir, cabinet::i18n::Lang::En).unwrap();
    let server = firm.spawn_server();
    let a = firm.client();
    a.create(Client::new("Avant")).unwrap();
    let filler = disk.fill();
    let big = |i: usize| {
        let mut c = Client::new(format!("Plein {i}"));
        c.notes = "x".repeat(9_000);
        c
    };
    // Writes fail as soon as the database needs space it cannot have.
    let mut failed = None;
    for i in 0..400 {
        if let Err(e) = a.create(big(i)) {
            failed = Some(e);
            break;
        }
    }
    let full = ApiError::NotWritten(NotWritten::DiskFull {
        dir: firm.dir.clone(),
    });
    assert_eq!(failed.as_ref(), Some(&full), "{failed:?}");
    assert!(full.to_string().contains("is full; nothing was written"));
    // Still full: still said plainly, never redb's "previous I/O error".
    match a.create(big(1000)) {
        Err(ApiError::NotWritten(_)) => {}
        other => panic!("expected a clear refusal, got {other:?}"),
    }
    let out = firm.run(&["--lang", "fr", "add", "--name", "Encore plein"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("est plein; rien n'a été écrit"),
        "{}",
        stderr(&out)
    );
    // Space comes back: the very next write works, without a restart.
    std::fs::remove_file(filler).unwrap();
    let after = a.create(Client::new("Après")).unwrap();
    assert_eq!(a.get(after.id).unwrap().display_name, "Après");
    assert_eq!(a.find("Avant").unwrap().display_name, "Avant");
    assert_eq!(firm_files::server_pid(&firm.dir), Some(server.id()));
    drop(a);
    drop(server);
}

#[test]
fn half_sent_requests_are_dropped_by_the_frame_deadline() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server_with(&["--frame-deadline-ms", "300"], &[]);
    let socket = firm_files::socket_path(&firm.dir);
    let good = firm.client();
    // Many peers each send part of a request and stop; one trickles a
    // byte at a time, which a deadline per byte would never catch.
    let mut slow: Vec<UnixStream> = (0..40)
        .map(|_| {
            let mut s = handshaken(&socket);
            s.write_all(&100u32.to_le_bytes()).unwrap();
            s.write_all(&[0, 1, 2]).unwrap();
            s
        })
        .collect();
    let mut trickler = handshaken(&socket);
    trickler.write_all(&50u32.to_le_bytes()).unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..50 {
            if trickler.write_all(&[0]).is_err() {
                return trickler;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        trickler
    });
    for s in &mut slow {
        let (said, _) = until_closed(s);
        assert!(
            said.iter().any(|m| matches!(
                m,
                ServerMsg::Refused(ApiError::Rejected(Rejection::TooSlow { .. }))
            )),
            "{said:?}"
        );
    }
    let mut trickler = trickle.join().unwrap();
    trickler.set_read_timeout(Some(SOON)).unwrap();
    until_closed(&mut trickler);
    // Meanwhile a real client was served.
    good.create(Client::new("Servi quand même")).unwrap();
}

#[test]
fn refused_requests_are_answered_with_a_named_error() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let mut s = handshaken(&firm_files::socket_path(&firm.dir));
    // A call whose id reads, followed by bytes that do not decode.
    let mut body = Vec::new();
    cabinet::codec::encode_into(&(0u32, 7u64), &mut body);
    body.extend_from_slice(&[0xfe, 0xff, 0xff, 0xff]);
    s.write_all(&(body.len() as u32).to_le_bytes()).unwrap();
    s.write_all(&body).unwrap();
    match reply_to(&mut s, 7) {
        Err(ApiError::Rejected(Rejection::Undecodable { .. })) => {}
        other => panic!("{other:?}"),
    }
    // A call over the frame limit: refused by name, and skipped.
    let mut head = Vec::new();
    cabinet::codec::encode_into(&(0u32, 8u64), &mut head);
    let len = frame::MAX_FRAME + 1;
    s.write_all(&(len as u32).to_le_bytes()).unwrap();
    s.write_all(&head).unwrap();
    s.write_all(&vec![0u8; len - head.len()]).unwrap();
    match reply_to(&mut s, 8) {
        Err(ApiError::Rejected(Rejection::TooLarge { len: l, max })) => {
            assert_eq!((l, max), (len as u64, frame::MAX_FRAME as u64));
        }
        other => panic!("{other:?}"),
    }
    // The connection goes on.
    frame::write(
        &mut s,
        &ClientMsg::Call {
            id: 9,
            request: Request::Team,
        },
    )
    .unwrap();
    assert!(reply_to(&mut s, 9).is_ok());
    // And a frame with no call in it: named, then the connection closes.
    s.write_all(&[3, 0, 0, 0, 0xff, 0xff, 0xff]).unwrap();
    let (said, _) = until_closed(&mut s);
    assert!(
        said.iter().any(|m| matches!(
            m,
            ServerMsg::Refused(ApiError::Rejected(Rejection::Undecodable { .. }))
        )),
        "{said:?}"
    );
}

#[test]
fn floods_are_refused_by_name_and_others_are_served() {
    let firm = TempFirm::new();
    let _server =
        firm.spawn_server_with(&["--max-per-login", "12", "--max-connections", "20"], &[]);
    let socket = firm_files::socket_path(&firm.dir);
    let a = firm.client();
    let connect = || Connector::new(&firm.dir).autostart(false).connect();
    let full = |tried: Result<_, ConnectError>| {
        matches!(
            tried,
            Err(ConnectError::Refused(ApiError::Busy(Busy::ForLogin {
                max: 12,
                ..
            })))
        )
    };
    // Sessions fill this login's allowance but for one place.
    let mut flood: Vec<_> = (0..10).map(|_| connect().unwrap()).collect();
    // A connection that never says a word takes the last place: it counts
    // as much as a session.
    let silent = UnixStream::connect(&socket).unwrap();
    assert!(full(connect()), "a silent connection counts");
    // The server drops a silent connection after its handshake timeout,
    // which a busy machine can reach before this test ends: a session
    // takes its place, so that the allowance stays full.
    drop(silent);
    let mut last = None;
    wait_until(SOON, || {
        last = connect().ok();
        last.is_some()
    });
    flood.extend(last);
    assert!(full(connect()));
    // Through the binary: refused at once, with the reason.
    let out = firm.run(&["list"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("12 connections"), "{}", stderr(&out));
    // Those already connected are served all along.
    a.create(Client::new("Pendant le déluge")).unwrap();
    // Hundreds more are turned away without a thread each.
    for _ in 0..300 {
        let Ok(mut s) = UnixStream::connect(&socket) else {
            continue;
        };
        s.set_read_timeout(Some(SOON)).unwrap();
        // The handshake says so by its code; the reason follows, as a code
        // with its values, for the client to word.
        let said: Result<Welcome, _> = frame::read(&mut s);
        assert!(said.is_ok_and(|w| w.refused == cabinet::protocol::refusal::BUSY));
        assert!(matches!(
            frame::read::<ServerMsg>(&mut s),
            Ok(ServerMsg::Session(Err(ApiError::Busy(_))))
        ));
    }
    a.create(Client::new("Toujours servi")).unwrap();
    // The flood ends: the login may connect again.
    flood.clear();
    wait_until(SOON, || firm.run(&["list"]).status.success());
}

#[test]
fn idle_peers_that_answer_no_ping_are_dropped() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server_with(&["--ping-every-ms", "100"], &[]);
    let alive = firm.client();
    let pid = alive.server().unwrap().pid;
    let mut silent = handshaken(&firm_files::socket_path(&firm.dir));
    let (said, _) = until_closed(&mut silent);
    assert!(
        said.iter().any(|m| matches!(m, ServerMsg::Ping)),
        "{said:?}"
    );
    assert!(
        said.iter().any(|m| matches!(
            m,
            ServerMsg::Goodbye {
                reason: cabinet::api::Goodbye::NoPong { .. }
            }
        )),
        "{said:?}"
    );
    // A real client answers the pings and keeps its connection.
    assert!(alive.is_connected());
    alive.create(Client::new("Toujours là")).unwrap();
    assert_eq!(alive.server().unwrap().pid, pid);
}

#[test]
fn a_silent_server_is_given_up_within_seconds_and_a_lost_change_is_sent_once() {
    let firm = TempFirm::new();
    let server = firm.spawn_server();
    let reader = firm.client();
    let writer = firm.client();
    let c = writer.create(Client::new("Avant le silence")).unwrap();
    let events = reader.subscribe().unwrap();
    let _resume = Resume::stop(&server);
    let read = std::thread::spawn(move || {
        let got = reader.get(c.id);
        (reader, got)
    });
    let write = std::thread::spawn(move || writer.create(Client::new("Dans le silence")));
    let (_reader, read) = read.join().unwrap();
    match read {
        Err(ApiError::TimedOut { call, secs }) => {
            assert_eq!(call, "get");
            assert!(secs <= 10, "{secs}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    // The writer gave up too, and is now connecting again to send its
    // change a second time: the server comes back, carries it out once,
    // and answers both copies with the same client.
    // A screen is told the server stopped answering, and reloads once
    // it is back.
    match super::util::expect_event(&events, SOON, |e| {
        matches!(e, cabinet::api::Event::Disconnected { .. })
    }) {
        cabinet::api::Event::Disconnected { reason } => {
            assert!(
                matches!(&reason, cabinet::api::Unreachable::NoAnswer { call, .. } if call == "get"),
                "{reason}"
            )
        }
        _ => unreachable!(),
    }
    server.signal(rustix::process::Signal::CONT);
    super::util::expect_event(&events, SOON, |e| *e == cabinet::api::Event::Reset);
    let written = write.join().unwrap().unwrap();
    let again = firm.client();
    assert_eq!(again.get(c.id).unwrap().display_name, "Avant le silence");
    let page = again
        .query(&cabinet::model::ViewQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    let copies: Vec<_> = page
        .rows
        .iter()
        .filter(|r| r.name == "Dans le silence")
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0].id, written.id);
}

/// Wakes a stopped process when dropped, so that a failing test never
/// leaves a server stopped (and its own clean-up waiting on it).
struct Resume(u32);

impl Resume {
    /// Stops the server (SIGSTOP) and waits until the kernel says it is
    /// stopped; the server goes on when this is dropped.
    fn stop(server: &super::util::ServerProcess) -> Resume {
        server.signal(rustix::process::Signal::STOP);
        let resume = Resume(server.id());
        let stat = format!("/proc/{}/stat", server.id());
        wait_until(SOON, || {
            std::fs::read_to_string(&stat).is_ok_and(|s| {
                s.rsplit(')')
                    .next()
                    .is_some_and(|r| r.trim_start().starts_with('T'))
            })
        });
        resume
    }
}

impl Drop for Resume {
    fn drop(&mut self) {
        if let Some(pid) = rustix::process::Pid::from_raw(self.0 as i32) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::CONT);
        }
    }
}

#[test]
fn a_change_whose_server_died_is_reported_as_unknown() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server();
    let writer = firm.client();
    writer.create(Client::new("Avant")).unwrap();
    let _resume = Resume::stop(&server);
    let write = std::thread::spawn(move || writer.create(Client::new("Peut-être")));
    // The server dies with the change unread, and no server comes back
    // (this client starts none) to send it to again: the writer is told
    // the outcome is unknown.
    server.signal(rustix::process::Signal::KILL);
    server.wait();
    match write.join().unwrap() {
        Err(e @ ApiError::OutcomeUnknown { .. }) => {
            assert!(
                e.to_string().contains("may or may not have been saved"),
                "{e}"
            );
            assert!(
                cabinet::i18n::Lang::Fr
                    .api_error(&e)
                    .contains("peut-être été enregistrée"),
            );
        }
        Err(ApiError::Unavailable(e)) => {
            // The kill came before the change was sent: nothing was done.
            eprintln!("the server died before the change was sent: {e}");
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

/// The name whose writing makes a test server die before it answers
/// (`CABINET_TEST_DIE_AFTER`, debug builds only).
#[cfg(debug_assertions)]
const DIES_AFTER: &str = "Enregistré avant la panne";

/// How many clients of the firm bear this name.
#[cfg(debug_assertions)]
fn copies_of(firm: &TempFirm, name: &str) -> Vec<cabinet::model::ClientSummary> {
    let page = firm
        .client()
        .query(&cabinet::model::ViewQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    page.rows.into_iter().filter(|r| r.name == name).collect()
}

// The trigger exists in debug builds only.
#[cfg(debug_assertions)]
#[test]
fn a_change_whose_server_died_before_answering_is_answered_by_the_next_and_written_once() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server_with(&[], &[("CABINET_TEST_DIE_AFTER", DIES_AFTER)]);
    let writer = firm.auto().connect().unwrap();
    assert_eq!(writer.server().unwrap().pid, server.id());
    writer.create(Client::new("Avant la panne")).unwrap();
    // The server writes the client, then dies with its answer unsent. The
    // writer starts the next server (a personal firm's), sends the change
    // again with its key, and is told it was saved: the client as stored.
    let saved = writer.create(Client::new(DIES_AFTER)).unwrap();
    assert!(!server.wait().success(), "the first server was killed");
    let next = writer.server().unwrap().pid;
    assert_ne!(next, server.id());
    assert_eq!(saved.display_name, DIES_AFTER);
    assert_eq!(saved.version, 1);
    let copies = copies_of(&firm, DIES_AFTER);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0].id, saved.id);
    let log = cabinet::server::logging::read_all(&firm.dir);
    assert!(
        log.contains("answered create from what it did when first sent"),
        "{log}"
    );
    // The next change is a change of its own.
    let after = writer.create(Client::new("Après la panne")).unwrap();
    assert_eq!(after.id, saved.id + 1);
}

// The trigger exists in debug builds only.
#[cfg(debug_assertions)]
#[test]
fn the_command_line_s_change_is_saved_once_when_its_server_dies_before_answering() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server_with(&[], &[("CABINET_TEST_DIE_AFTER", DIES_AFTER)]);
    let out = firm.run(&["add", "--name", DIES_AFTER]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains(DIES_AFTER), "{stdout}");
    assert!(!server.wait().success(), "the first server was killed");
    // The command started the next server, which answered the change
    // sent again from what the first one wrote.
    assert_eq!(copies_of(&firm, DIES_AFTER).len(), 1);
    assert_ne!(firm.client().server().unwrap().pid, server.id());
}

#[test]
fn a_bulk_write_whose_answer_was_lost_is_answered_again_and_written_once() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    let call = |s: &mut UnixStream, id: u64, request: Request| {
        frame::write(s, &ClientMsg::Call { id, request }).unwrap();
        reply_to(s, id)
    };
    let finish = |id: u64| ClientMsg::CallOnce {
        id,
        key: 0x00b0_1c00,
        request: Request::BulkFinish { commit: true },
    };
    let mut s = handshaken(&socket);
    call(&mut s, 1, Request::BulkBegin).unwrap();
    let piece = cabinet::api::Batch {
        creates: vec![Client::new("Repris une seule fois")],
        ..Default::default()
    };
    call(&mut s, 2, Request::BulkAdd(piece)).unwrap();
    frame::write(&mut s, &finish(3)).unwrap();
    let first = reply_to(&mut s, 3);
    assert!(first.is_ok(), "{first:?}");
    // As if that answer were lost with the connection: the same finish,
    // with the same key, on a new connection, is answered as the first
    // was, and writes nothing more.
    drop(s);
    let mut again = handshaken(&socket);
    frame::write(&mut again, &finish(1)).unwrap();
    assert_eq!(reply_to(&mut again, 1), first);
    // A finish never carried out, whose bulk went with its connection,
    // is refused: nothing more is written, and it says to run it again.
    let lost = ClientMsg::CallOnce {
        id: 2,
        key: 0x00b0_1c01,
        request: Request::BulkFinish { commit: true },
    };
    frame::write(&mut again, &lost).unwrap();
    assert!(
        matches!(
            reply_to(&mut again, 2),
            Err(ApiError::Declined(cabinet::api::Refusal::NoBulkOpen))
        ),
        "a finish with no bulk open"
    );
    let page = firm
        .client()
        .query(&cabinet::model::ViewQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1, "{:?}", page.rows);
}

#[test]
fn a_dry_run_s_finish_whose_answer_was_lost_is_answered_again_and_writes_nothing() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    let call = |s: &mut UnixStream, id: u64, request: Request| {
        frame::write(s, &ClientMsg::Call { id, request }).unwrap();
        reply_to(s, id)
    };
    let finish = |id: u64, key: u64| ClientMsg::CallOnce {
        id,
        key,
        request: Request::BulkFinish { commit: false },
    };
    let mut s = handshaken(&socket);
    call(&mut s, 1, Request::BulkBegin).unwrap();
    let piece = cabinet::api::Batch {
        creates: vec![Client::new("Essai A"), Client::new("Essai B")],
        ..Default::default()
    };
    call(&mut s, 2, Request::BulkAdd(piece)).unwrap();
    frame::write(&mut s, &finish(3, 0x00d1_7e00)).unwrap();
    let first = reply_to(&mut s, 3);
    assert_eq!(
        first,
        Ok(cabinet::protocol::Response::Imported(
            cabinet::api::ImportCount {
                created: 2,
                updated: 0
            }
        ))
    );
    // The answer lost with the connection, the finish sent again on a new
    // one (whose session holds no bulk) is answered as the first was.
    drop(s);
    let mut again = handshaken(&socket);
    frame::write(&mut again, &finish(1, 0x00d1_7e00)).unwrap();
    assert_eq!(reply_to(&mut again, 1), first);
    // An empty dry run sent again is answered too.
    call(&mut again, 2, Request::BulkBegin).unwrap();
    frame::write(&mut again, &finish(3, 0x00d1_7e01)).unwrap();
    let empty = reply_to(&mut again, 3);
    assert_eq!(
        empty,
        Ok(cabinet::protocol::Response::Imported(Default::default()))
    );
    drop(again);
    let mut third = handshaken(&socket);
    frame::write(&mut third, &finish(1, 0x00d1_7e01)).unwrap();
    assert_eq!(reply_to(&mut third, 1), empty);
    // A dry run writes nothing of the firm.
    let page = firm
        .client()
        .query(&cabinet::model::ViewQuery::default())
        .unwrap();
    assert_eq!(page.total, 0, "{:?}", page.rows);
}

#[test]
fn an_update_that_changed_nothing_sent_again_after_another_s_edit_is_answered_not_a_conflict() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    let other = firm.client();
    let c = other.create(Client::new("Facturé, Léo")).unwrap();
    // A strict update (the billing screen's) that changes nothing, sent
    // with a key; its answer is lost with the connection.
    let update = |id: u64| ClientMsg::CallOnce {
        id,
        key: 0x0000_5a3e,
        request: Request::Update(c.clone()),
    };
    let mut s = handshaken(&socket);
    frame::write(&mut s, &update(1)).unwrap();
    assert_eq!(
        reply_to(&mut s, 1),
        Ok(cabinet::protocol::Response::Client(c.clone()))
    );
    drop(s);
    // Someone else edits the client meanwhile.
    let mut edit = c.clone();
    edit.phone = "514-555-0123".into();
    let edited = other.update(edit).unwrap();
    assert_eq!(edited.version, 2);
    // Sent again, the update was done (it changed nothing): it is answered
    // with the client as it is now, not refused as a conflict.
    let mut again = handshaken(&socket);
    frame::write(&mut again, &update(1)).unwrap();
    assert_eq!(
        reply_to(&mut again, 1),
        Ok(cabinet::protocol::Response::Client(edited.clone()))
    );
    // It wrote no history of its own: created, then the other's edit.
    assert_eq!(other.audit(c.id).unwrap().len(), 2);
    assert_eq!(other.get(c.id).unwrap(), edited);
}

#[test]
fn a_large_request_to_a_stopped_server_is_given_up_within_seconds() {
    let firm = TempFirm::new();
    let server = firm.spawn_server();
    let writer = firm.client();
    let c = writer.create(Client::new("Avant l'arrêt")).unwrap();
    let mut big = writer.get(c.id).unwrap();
    big.notes = "x".repeat(4 << 20);
    let _resume = Resume::stop(&server);
    // Far more than a socket's buffer holds: the write itself waits on a
    // server that reads nothing.
    let started = std::time::Instant::now();
    let got = writer.update(big);
    let took = started.elapsed();
    assert!(got.is_err(), "a stopped server answered: {got:?}");
    // The link gives up a server that takes nothing for its quiet limit
    // (8 s), not the 45 s it once waited on a blocked write.
    assert!(took < Duration::from_secs(40), "gave up after {took:?}");
}

#[test]
fn a_server_stopped_during_a_long_write_says_so_and_writes_it_whole_or_not_at_all() {
    let firm = TempFirm::new();
    let mut server = firm.spawn_server();
    let socket = firm_files::socket_path(&firm.dir);
    let mut s = handshaken(&socket);
    let call = |s: &mut UnixStream, id: u64, request: Request| {
        frame::write(s, &ClientMsg::Call { id, request }).unwrap();
        reply_to(s, id)
    };
    call(&mut s, 1, Request::BulkBegin).unwrap();
    const CLIENTS: usize = 40_000;
    for (n, piece) in (0..CLIENTS).collect::<Vec<_>>().chunks(2000).enumerate() {
        let creates = piece
            .iter()
            .map(|i| Client::new(format!("Client du long import {i}")))
            .collect();
        let piece = cabinet::api::Batch {
            creates,
            ..Default::default()
        };
        call(&mut s, 2 + n as u64, Request::BulkAdd(piece)).unwrap();
    }
    let finish = 1000;
    frame::write(
        &mut s,
        &ClientMsg::Call {
            id: finish,
            request: Request::BulkFinish { commit: true },
        },
    )
    .unwrap();
    // The server says, a second into the call, that it still works on it
    // (an idle connection is never woken for that); then it is stopped.
    let mut stopped = false;
    let mut said = Vec::new();
    loop {
        match frame::read::<ServerMsg>(&mut s) {
            Ok(ServerMsg::Working { id }) if !stopped => {
                assert_eq!(id, finish);
                server.signal(rustix::process::Signal::TERM);
                stopped = true;
            }
            Ok(ServerMsg::Reply { id, .. }) if !stopped => {
                // Quicker than a second on this machine: nothing to stop.
                assert_eq!(id, finish);
                eprintln!("the write ended within a second; the stop was not exercised");
                return;
            }
            Ok(msg) => said.push(msg),
            Err(_) => break,
        }
    }
    assert!(stopped);
    server.wait();
    // The session heard why, and that its call was cut short.
    assert!(
        said.iter().any(|m| matches!(
            m,
            ServerMsg::Goodbye {
                reason: cabinet::api::Goodbye::DuringCall { why, .. }
            } if matches!(why.as_ref(), cabinet::api::Goodbye::Signal { name } if name == "SIGTERM")
        )) || said
            .iter()
            .any(|m| matches!(m, ServerMsg::Reply { id, .. } if *id == finish)),
        "{said:?}"
    );
    // Whole or not at all.
    let _again = firm.spawn_server();
    let total = firm
        .client()
        .query(&cabinet::model::ViewQuery {
            limit: 0,
            ..Default::default()
        })
        .unwrap()
        .total;
    assert!(total == 0 || total == CLIENTS, "{total} clients written");
    // And the server's log says what became of the call.
    let mut log = String::new();
    for f in std::fs::read_dir(firm.dir.join("log")).unwrap() {
        log.push_str(&std::fs::read_to_string(f.unwrap().path()).unwrap_or_default());
    }
    assert!(log.contains("stopping while 1 call(s) run"), "{log}");
}

#[cfg(debug_assertions)]
#[test]
fn a_server_stopped_during_a_call_answers_it_then_says_goodbye() {
    use super::util::Held;
    let firm = TempFirm::new();
    let held = Held::new(&firm);
    let mut server = held.server(&firm);
    let socket = firm_files::socket_path(&firm.dir);
    let mut idle = handshaken(&socket);
    let mut busy = handshaken(&socket);
    held.call(&mut busy, 1);
    server.signal(rustix::process::Signal::TERM);
    let log = || cabinet::server::logging::read_all(&firm.dir);
    wait_until(SOON, || log().contains("stopping while 1 call(s) run"));
    // A session with no call running hears why at once, and is let go.
    let (said, _) = until_closed(&mut idle);
    assert!(
        matches!(&said[..], [.., ServerMsg::Goodbye { reason: cabinet::api::Goodbye::Signal { name } }] if name == "SIGTERM"),
        "{said:?}"
    );
    // The busy one is still told that its call runs, so it waits on.
    loop {
        match frame::read::<ServerMsg>(&mut busy).unwrap() {
            ServerMsg::Working { id: 1 } => break,
            ServerMsg::Ping | ServerMsg::Event(_) => {}
            other => panic!("before the call ended: {other:?}"),
        }
    }
    // The call ends in time: it is answered, then the goodbye follows.
    held.release();
    let (said, clean) = until_closed(&mut busy);
    let after: Vec<_> = said
        .into_iter()
        .filter(|m| !matches!(m, ServerMsg::Working { .. } | ServerMsg::Ping))
        .collect();
    assert!(clean, "{after:?}");
    assert!(
        matches!(
            &after[..],
            [
                ServerMsg::Reply { id: 1, result: Err(ApiError::NotFound(_)) },
                ServerMsg::Goodbye { reason: cabinet::api::Goodbye::Signal { name } },
            ] if name == "SIGTERM"
        ),
        "{after:?}"
    );
    assert!(server.wait().success());
}
