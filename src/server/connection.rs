//! One client connection: who it is, the handshake, then calls answered
//! in order while change events and keepalive pings are pushed in between.
//!
//! Each connection has two threads. Its own thread reads the client's
//! frames and answers them; a second one forwards the firm's events and
//! pings. Both write whole frames under the [`Link`]'s lock, so frames
//! never interleave. A client that breaks the protocol (an oversized
//! frame, bytes that do not decode) is logged and disconnected; nobody
//! else notices.

use std::io::BufReader;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::dispatch;
use super::listener::Shared;
use super::peer::Peer;
use crate::api::{Event, Firm};
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{self, ClientMsg, Hello, MAGIC, ServerMsg, Welcome};

/// How long a new connection has to say hello.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write may block before the client is deemed stuck and
/// dropped (a suspended terminal, say); it reconnects when it resumes.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The write half of a connection, shared by its two threads.
#[derive(Debug)]
pub(super) struct Link {
    writer: Mutex<UnixStream>,
    closed: AtomicBool,
}

impl Link {
    fn new(stream: UnixStream) -> Self {
        Link {
            writer: Mutex::new(stream),
            closed: AtomicBool::new(false),
        }
    }

    /// Sends one message as a whole frame.
    fn send<T: serde::Serialize>(&self, msg: &T) -> Result<(), FrameError> {
        let bytes = frame::encode(msg)?;
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        std::io::Write::write_all(&mut *w, &bytes)?;
        Ok(())
    }

    /// Tells the client why it is being disconnected, then disconnects it.
    pub fn goodbye(&self, reason: &str) {
        let _ = self.send(&ServerMsg::Goodbye {
            reason: reason.to_owned(),
        });
        self.close();
    }

    /// Shuts the socket in both directions, which ends both threads.
    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let _ = w.shutdown(Shutdown::Both);
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

/// Serves one connection until either side ends it.
pub(super) fn serve(shared: Arc<Shared>, stream: UnixStream, id: u64) {
    let peer = match Peer::of(&stream) {
        Ok(peer) => peer,
        Err(e) => {
            tracing::warn!(conn = id, "could not tell who connected: {e}");
            return;
        }
    };
    let span = tracing::info_span!("conn", id, login = %peer.login, pid = peer.pid);
    let _enter = span.enter();
    if let Err(e) = converse(&shared, stream, id, &peer) {
        if e.is_violation() {
            tracing::warn!("closing the connection: {e}");
        } else {
            tracing::info!("connection ended: {e}");
        }
    }
}

fn converse(
    shared: &Arc<Shared>,
    stream: UnixStream,
    id: u64,
    peer: &Peer,
) -> Result<(), FrameError> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let link = Arc::new(Link::new(stream));

    let hello: Hello = match frame::read(&mut reader) {
        Ok(hello) => hello,
        // Someone checking that the server listens (`cabinet serve`).
        Err(FrameError::Closed) => {
            tracing::debug!("closed before saying hello");
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    if hello.magic != MAGIC {
        tracing::warn!("closing the connection: not a cabinet client (bad handshake)");
        return Ok(());
    }
    let refused = refusal(shared, &hello, peer);
    let welcome = Welcome {
        magic: MAGIC,
        protocol: protocol::VERSION,
        build: protocol::BUILD.to_owned(),
        pid: std::process::id(),
        refused: refused.clone().unwrap_or_default(),
    };
    link.send(&welcome)?;
    if let Some(reason) = refused {
        tracing::warn!("refused: {reason}");
        return Ok(());
    }
    if hello.replace {
        tracing::info!("asked to make way for cabinet {}", hello.build);
        shared.stopper.stop(&format!(
            "the server is being replaced by cabinet {}",
            hello.build
        ));
        return Ok(());
    }

    let session = match shared.core.session_for(&peer.login, peer.uid) {
        Ok(session) => session,
        Err(e) => {
            tracing::warn!("refused: {e}");
            link.send(&ServerMsg::Session(Err(e)))?;
            return Ok(());
        }
    };
    let events = session
        .subscribe()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    link.send(&ServerMsg::Session(session.session()))?;
    tracing::info!("hello from cabinet {}", hello.build);

    shared.register(id, Arc::clone(&link));
    // The pusher holds no part of the firm, only the link and the event
    // feed; it ends at its next event or ping once the link is closed, or
    // at once when the firm closes. So it is not waited for.
    let pushing = {
        let link = Arc::clone(&link);
        let every = shared.ping_every;
        std::thread::Builder::new()
            .name(format!("cabinet-push-{id}"))
            .spawn(move || push(&link, &events, every))
    };
    let result = match pushing {
        Ok(_) => reader
            .get_ref()
            .set_read_timeout(None)
            .map_err(FrameError::from)
            .and_then(|()| answer(&session, &mut reader, &link)),
        Err(e) => Err(e.into()),
    };
    link.close();
    shared.unregister(id);
    result
}

/// Why a hello is refused, if it is.
fn refusal(shared: &Shared, hello: &Hello, peer: &Peer) -> Option<String> {
    if hello.replace {
        return (!may_replace(shared, peer)).then(|| {
            format!(
                "{} may not restart the firm's server: it runs as another user; ask an admin or that user",
                peer.login
            )
        });
    }
    (hello.protocol != protocol::VERSION)
        .then(|| protocol::mismatch_message(hello.protocol, protocol::VERSION, protocol::BUILD))
}

/// The server's own user, root, and the firm's admins may replace it.
fn may_replace(shared: &Shared, peer: &Peer) -> bool {
    let me = rustix::process::geteuid().as_raw();
    if peer.uid == me || peer.uid == 0 {
        return true;
    }
    let team = shared.core.store().members().unwrap_or_default();
    team.iter()
        .any(|m| m.login == peer.login && m.active && m.is_admin())
}

/// Answers calls, in order, until the client leaves or breaks the rules.
fn answer(
    session: &crate::api::local::LocalSession,
    reader: &mut BufReader<UnixStream>,
    link: &Link,
) -> Result<(), FrameError> {
    loop {
        match frame::read::<ClientMsg>(reader) {
            Ok(ClientMsg::Call { id, request }) => {
                let name = request.name();
                let result = dispatch::call(session, request);
                if let Err(e) = &result {
                    tracing::debug!("{name} #{id}: {e}");
                }
                let reply = ServerMsg::Reply { id, result };
                match link.send(&reply) {
                    Err(FrameError::TooLarge { len, max }) => {
                        let e = crate::api::ApiError::Protocol(format!(
                            "the answer to {name} is {} MiB, over the {} MiB limit; ask for fewer rows",
                            len >> 20,
                            max >> 20
                        ));
                        link.send(&ServerMsg::Reply { id, result: Err(e) })?;
                    }
                    other => other?,
                }
            }
            Ok(ClientMsg::Goodbye) => {
                tracing::info!("goodbye");
                return Ok(());
            }
            Err(FrameError::Closed) if link.is_closed() => return Ok(()),
            Err(e) => return Err(e),
        }
    }
}

/// Forwards the firm's events to the client, pinging when there are none.
fn push(link: &Link, events: &Receiver<Event>, every: Duration) {
    loop {
        let msg = match events.recv_timeout(every) {
            Ok(event) => ServerMsg::Event(event),
            Err(RecvTimeoutError::Timeout) => ServerMsg::Ping,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if link.is_closed() {
            return;
        }
        if let Err(e) = link.send(&msg) {
            tracing::info!("could not reach the client: {e}");
            link.close();
            return;
        }
    }
}
