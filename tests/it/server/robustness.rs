//! Bad input on the socket: it costs the sender its connection and
//! nobody else anything.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use cabinet::api::{Event, Firm};
use cabinet::codec;
use cabinet::model::Client;
use cabinet::protocol::frame;
use cabinet::protocol::{self, ClientMsg, Hello, MAGIC, Request, ServerMsg, Welcome};

use super::util::{Firm as TempFirm, expect_event};

/// How long to wait for the server to answer, on a busy machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// Connects, sends `bytes`, and checks that the server hangs up.
fn hung_up_on(socket: &std::path::Path, bytes: &[u8]) {
    let mut s = UnixStream::connect(socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let _ = s.write_all(bytes);
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut sink = Vec::new();
    // Whatever the server says first (a welcome), it must then close.
    match s.read_to_end(&mut sink) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the server did not hang up: {e}"),
    }
}

fn hello_bytes(hello: &Hello) -> Vec<u8> {
    frame::encode(hello).unwrap()
}

#[test]
fn garbage_and_oversized_frames_leave_the_server_serving() {
    let firm = TempFirm::new();
    let server = firm.embedded();
    let socket = server.socket().to_owned();
    let good = firm.client();
    let events = good.subscribe().unwrap();

    let hello = hello_bytes(&Hello::new(false));
    let mut huge_claim = hello.clone();
    huge_claim.extend_from_slice(&(1u32 << 30).to_le_bytes());
    let mut undecodable = hello.clone();
    undecodable.extend_from_slice(&[4, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff]);
    let mut string_bomb = hello.clone();
    // A valid frame whose string claims 15 MiB that are not there.
    let mut body = vec![0u8, 0, 3, 252];
    body.extend_from_slice(&(15u32 << 20).to_le_bytes());
    string_bomb.extend_from_slice(&(body.len() as u32).to_le_bytes());
    string_bomb.extend_from_slice(&body);
    let mut bad_magic = Hello::new(false);
    bad_magic.magic = *b"HTTP";

    let attacks: Vec<(&str, Vec<u8>)> = vec![
        ("http", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()),
        (
            "oversized",
            ((frame::MAX_FRAME + 1) as u32).to_le_bytes().to_vec(),
        ),
        ("empty frame", vec![0, 0, 0, 0]),
        ("bad magic", hello_bytes(&bad_magic)),
        ("oversized after hello", huge_claim),
        ("undecodable after hello", undecodable),
        ("huge claim inside a frame", string_bomb),
        ("truncated", vec![200, 0, 0, 0, 1, 2, 3]),
    ];
    for (i, (name, bytes)) in attacks.iter().enumerate() {
        hung_up_on(&socket, bytes);
        let c = good
            .create(Client::new(format!("Après {name} {i}")))
            .unwrap_or_else(|e| panic!("the server stopped serving after {name}: {e}"));
        expect_event(
            &events,
            PATIENCE,
            |e| matches!(e, Event::Clients { changed, .. } if changed[0].0 == c.id),
        );
    }
    // A fresh session still opens.
    assert_eq!(firm.client().team().unwrap().len(), 1);
}

#[test]
fn a_version_mismatch_is_refused_with_both_versions_named() {
    let firm = TempFirm::new();
    let server = firm.embedded();
    let mut s = UnixStream::connect(server.socket()).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let future = Hello {
        magic: MAGIC,
        protocol: protocol::VERSION + 1,
        build: "9.9.9".into(),
        replace: false,
    };
    frame::write(&mut s, &future).unwrap();
    let welcome: Welcome = frame::read(&mut s).unwrap();
    assert_eq!(welcome.protocol, protocol::VERSION);
    // The refusal is a code: a client of any version words the mismatch
    // from the two versions, which the welcome names.
    assert_eq!(welcome.refused, protocol::refusal::PROTOCOL);
    assert!(matches!(
        frame::read::<ServerMsg>(&mut s),
        Err(frame::FrameError::Closed)
    ));
}

#[test]
fn calls_are_answered_by_id_between_pushed_events() {
    let firm = TempFirm::new();
    let server = firm.embedded();
    let other = firm.client();
    let mut s = UnixStream::connect(server.socket()).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    frame::write(&mut s, &Hello::new(false)).unwrap();
    let welcome: Welcome = frame::read(&mut s).unwrap();
    assert!(welcome.refused.is_empty());
    assert!(matches!(
        frame::read::<ServerMsg>(&mut s).unwrap(),
        ServerMsg::Session(Ok(_))
    ));
    other.create(Client::new("Pharmacie Bélanger")).unwrap();
    frame::write(
        &mut s,
        &ClientMsg::Call {
            id: 77,
            request: Request::Team,
        },
    )
    .unwrap();
    // The reply and the pushed event may come in either order.
    let (mut saw_event, mut saw_reply) = (false, false);
    while !(saw_event && saw_reply) {
        match frame::read::<ServerMsg>(&mut s).unwrap() {
            ServerMsg::Event(Event::Clients { .. }) => saw_event = true,
            ServerMsg::Reply { id, result } => {
                assert_eq!(id, 77);
                assert!(matches!(result, Ok(protocol::Response::Team(t)) if t.len() == 1));
                saw_reply = true;
            }
            _ => {}
        }
    }
    frame::write(&mut s, &ClientMsg::Goodbye).unwrap();
    assert!(matches!(
        frame::read::<ServerMsg>(&mut s),
        Err(frame::FrameError::Closed)
    ));
    // The bytes on the wire are what the codec makes of the message.
    let mut bare = Vec::new();
    codec::encode_into(&ClientMsg::Goodbye, &mut bare);
    assert_eq!(frame::encode(&ClientMsg::Goodbye).unwrap()[4..], bare[..]);
}

#[test]
fn the_server_pings_quiet_connections() {
    let firm = TempFirm::new();
    let mut options = cabinet::server::ServeOptions::embedded(&firm.dir);
    options.ping_every = Duration::from_millis(50);
    let server = cabinet::server::start(options).unwrap();
    let mut s = UnixStream::connect(server.socket()).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    frame::write(&mut s, &Hello::new(false)).unwrap();
    let _: Welcome = frame::read(&mut s).unwrap();
    assert!(matches!(
        frame::read::<ServerMsg>(&mut s).unwrap(),
        ServerMsg::Session(Ok(_))
    ));
    for _ in 0..3 {
        assert_eq!(frame::read::<ServerMsg>(&mut s).unwrap(), ServerMsg::Ping);
    }
}
