//! One client connection: who it is, the handshake, then calls answered
//! in order.
//!
//! Each connection has one thread, which reads the client's frames and
//! answers them. The firm's events, the keepalive pings and the word that
//! a long call still runs are sent by the server's one
//! [`super::pusher`], which never waits for a client; all write whole
//! frames through the [`Link`], so frames never interleave. An idle
//! connection costs its thread, asleep on its socket, and nothing else.
//!
//! Nothing a client does can hold the server up: a request that is too
//! large or does not decode is answered with an error naming why (the
//! connection goes on when the call's id can be read); a frame must
//! arrive whole within a deadline once it has begun; a client that
//! answers no ping for a while is dropped; and a call that panics is
//! answered with an internal error, logged with its backtrace, while the
//! connection and the server carry on.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::net::UnixStream;

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::dispatch;
use super::peer::Peer;
use super::shared::{Link, Shared, Slot, WRITE_TIMEOUT};
use crate::api::{ApiError, Firm, Rejection};
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{self, ClientMsg, Hello, MAGIC, ServerMsg, Welcome};

/// How long a new connection has to say hello.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How many pings a client may leave unanswered before it is dropped.
const MISSED_PINGS: u32 = 4;

/// Serves one connection until either side ends it.
pub(super) fn serve(shared: Arc<Shared>, stream: UnixStream, id: u64, peer: Peer, slot: Slot) {
    let span = tracing::info_span!("conn", id, login = %peer.login, pid = peer.pid);
    let _enter = span.enter();
    if let Err(e) = converse(&shared, stream, id, &peer) {
        if e.is_violation() {
            tracing::warn!("closing the connection: {e}");
        } else {
            tracing::info!("connection ended: {e}");
        }
    }
    drop(slot);
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
    let link = Arc::new(Link::new(stream, Arc::clone(&shared.bell)));

    let greeting = Limits {
        idle: HANDSHAKE_TIMEOUT,
        frame: HANDSHAKE_TIMEOUT,
    };
    let hello: Hello = match read_frame(&mut reader, greeting) {
        Ok(body) => crate::codec::decode_frame(&body)?,
        // Someone checking that the server listens (`cabinet serve`).
        Err(Incoming::Frame(FrameError::Closed)) => {
            tracing::debug!("closed before saying hello");
            return Ok(());
        }
        Err(Incoming::Frame(e)) => return Err(e),
        Err(Incoming::Idle | Incoming::TooSlow) => {
            tracing::info!(
                "closing the connection: no hello within {} seconds",
                HANDSHAKE_TIMEOUT.as_secs()
            );
            return Ok(());
        }
    };
    if hello.magic != MAGIC {
        tracing::warn!("closing the connection: not a cabinet client (bad handshake)");
        return Ok(());
    }
    let refused = refusal(shared, &hello, peer);
    let welcome = Welcome::from_here(
        refused
            .as_ref()
            .map(|(code, _)| *code)
            .unwrap_or_default()
            .to_owned(),
    );
    link.send(&welcome)?;
    if let Some((code, reason)) = refused {
        tracing::warn!(
            "refused cabinet {} run by {}: {code}",
            hello.build,
            peer.login
        );
        // A client of this protocol reads why, as a code it words.
        if let Some(e) = reason {
            link.send(&ServerMsg::Session(Err(e)))?;
        }
        return Ok(());
    }
    if hello.replace {
        tracing::info!("asked to make way for cabinet {}", hello.build);
        shared.stopper.stop(crate::api::Goodbye::Replaced {
            build: crate::model::text::for_terminal(&hello.build, false),
        });
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
    link.send(&ServerMsg::Session(session.session()))?;
    tracing::info!("hello from cabinet {}", hello.build);

    // From here the pusher sends this client the firm's events, its
    // pings, and the word that a long call still runs.
    shared.register(id, Arc::clone(&link));
    // A stop that began before this session was counted in has said its
    // goodbyes without it: say it here, rather than leave the client to
    // find the server gone and the stop to wait for this thread.
    if let Some(reason) = shared.stopper.reason() {
        link.goodbye(&reason);
        shared.unregister(id);
        return Ok(());
    }
    let limits = Limits {
        idle: shared.ping_every * MISSED_PINGS,
        frame: shared.frame_deadline,
    };
    let once = Once {
        memory: &shared.replay,
        uid: peer.uid,
    };
    let result = answer(&session, &mut reader, &link, limits, once);
    link.leave();
    shared.unregister(id);
    result
}

/// Why a hello is refused, if it is: the handshake's code, and the
/// reason for a client of this protocol to word.
fn refusal(
    shared: &Shared,
    hello: &Hello,
    peer: &Peer,
) -> Option<(&'static str, Option<ApiError>)> {
    let same = hello.protocol == protocol::VERSION;
    if hello.replace {
        return (!may_replace(shared, peer)).then(|| {
            let e = ApiError::Forbidden {
                action: crate::api::AdminAction::ReplaceServer,
            };
            (protocol::refusal::REPLACE_FORBIDDEN, same.then_some(e))
        });
    }
    (!same).then_some((protocol::refusal::PROTOCOL, None))
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

/// How long a connection may stay silent, and how long a frame may take.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Between frames: a live client answers every ping well within this.
    idle: Duration,
    /// From a frame's first byte to its last.
    frame: Duration,
}

/// Answers calls, in order, until the client leaves or breaks the rules.
fn answer(
    session: &crate::api::local::LocalSession,
    reader: &mut BufReader<UnixStream>,
    link: &Link,
    limits: Limits,
    once: Once<'_>,
) -> Result<(), FrameError> {
    loop {
        let body = match read_frame(reader, limits) {
            Ok(body) => body,
            Err(Incoming::Frame(FrameError::Closed)) if link.is_closed() => return Ok(()),
            Err(Incoming::Frame(FrameError::TooLarge { len, max })) => {
                let rejection = Rejection::TooLarge {
                    len: len as u64,
                    max: max as u64,
                };
                let id = skip_frame(reader, len, limits)?;
                reject(link, id, rejection)?;
                continue;
            }
            Err(Incoming::Frame(e)) => return Err(e),
            Err(Incoming::Idle) => {
                tracing::info!(
                    "dropping the connection: no word from the client for {} seconds",
                    limits.idle.as_secs()
                );
                let _ = link.send(&ServerMsg::Goodbye {
                    reason: crate::api::Goodbye::NoPong {
                        secs: limits.idle.as_secs(),
                    },
                });
                return Ok(());
            }
            Err(Incoming::TooSlow) => {
                let rejection = Rejection::TooSlow {
                    secs: limits.frame.as_secs().max(1),
                };
                tracing::warn!("closing the connection: {rejection}");
                let _ = link.send(&ServerMsg::Refused(ApiError::Rejected(rejection)));
                return Ok(());
            }
        };
        let msg = match crate::codec::decode_frame::<ClientMsg>(&body) {
            Ok(msg) => msg,
            Err(e) => {
                let id = call_id(&body);
                reject(
                    link,
                    id,
                    Rejection::Undecodable {
                        detail: e.to_string(),
                    },
                )?;
                continue;
            }
        };
        let (id, key, request) = match msg {
            ClientMsg::Call { id, request } => (id, None, request),
            ClientMsg::CallOnce { id, key, request } => (id, Some(key), request),
            ClientMsg::Pong => continue,
            ClientMsg::Goodbye => {
                tracing::info!("goodbye");
                return Ok(());
            }
        };
        let name = request.name();
        if !link.begin(id) {
            // The server said goodbye as the call came in: the client,
            // told so, takes it as not made.
            tracing::info!("{name} #{id} not made: the server is stopping");
            return Ok(());
        }
        let result = match key {
            Some(key) => once.memory.once(once.uid, key, || {
                let uid = once.uid;
                let keyed = session.keyed(crate::store::Once { uid, key });
                run_call(&keyed, request, name)
            }),
            None => run_call(session, request, name),
        };
        if let Err(e) = &result {
            tracing::debug!("{name} #{id}: {e}");
        }
        let reply = match frame::encode(&ServerMsg::Reply { id, result }) {
            Err(FrameError::TooLarge { len, max }) => {
                let e = ApiError::Protocol(crate::api::ProtocolFault::AnswerTooLarge {
                    call: name.to_owned(),
                    len: len as u64,
                    max: max as u64,
                });
                frame::encode(&ServerMsg::Reply { id, result: Err(e) })
            }
            other => other,
        };
        match reply {
            Ok(bytes) => link.reply(&bytes)?,
            Err(e) => {
                // The call has ended all the same (and a goodbye said
                // meanwhile goes out).
                let _ = link.reply(&[]);
                return Err(e);
            }
        }
    }
}

/// Where a connection's changes sent with a key are remembered.
struct Once<'a> {
    memory: &'a super::replay::Memory,
    uid: u32,
}

/// Makes one call; a panic becomes an internal error, logged (with its
/// backtrace, by the panic hook) and answered, and the connection goes on.
fn run_call(
    session: &crate::api::local::LocalSession,
    request: crate::protocol::Request,
    name: &'static str,
) -> Result<crate::protocol::Response, ApiError> {
    let call = std::panic::AssertUnwindSafe(|| dispatch::call(session, request));
    match std::panic::catch_unwind(call) {
        Ok(result) => result,
        Err(payload) => {
            let what = crate::model::text::panic_text(&*payload);
            tracing::error!("{name} panicked ({what}); answered with an internal error");
            Err(ApiError::Internal {
                call: name.to_owned(),
            })
        }
    }
}

/// Answers a request that could not be read: by its call's id when that
/// much could be read, and the connection goes on; otherwise the client
/// is told why and the connection closes.
fn reject(link: &Link, id: Option<u64>, rejection: Rejection) -> Result<(), FrameError> {
    tracing::warn!("refused a request: {rejection}");
    let error = ApiError::Rejected(rejection);
    match id {
        Some(id) => link.send(&ServerMsg::Reply {
            id,
            result: Err(error),
        }),
        None => {
            let _ = link.send(&ServerMsg::Refused(error.clone()));
            Err(FrameError::Undecodable(crate::codec::CodecError::Corrupt(
                error.to_string(),
            )))
        }
    }
}

/// The id of the call a frame body starts with, if it starts like one.
fn call_id(body: &[u8]) -> Option<u64> {
    // `ClientMsg::Call` is variant 0 and `CallOnce` variant 3; the id
    // comes first in both.
    match crate::codec::decode_frame_prefix::<(u32, u64)>(body) {
        Ok((0 | 3, id)) => Some(id),
        _ => None,
    }
}

/// Reads past a frame too large to keep, within the frame deadline, and
/// returns the id of the call it started with.
fn skip_frame(
    reader: &mut BufReader<UnixStream>,
    len: usize,
    limits: Limits,
) -> Result<Option<u64>, FrameError> {
    let until = Instant::now() + limits.frame;
    let mut timed = Timed { reader, until };
    let mut head = vec![0u8; len.min(16)];
    timed.read_exact(&mut head).map_err(frame_io)?;
    let left = (len - head.len()) as u64;
    let skipped =
        std::io::copy(&mut (&mut timed).take(left), &mut std::io::sink()).map_err(frame_io)?;
    if skipped < left {
        return Err(FrameError::Truncated);
    }
    Ok(call_id(&head))
}

fn frame_io(e: std::io::Error) -> FrameError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => FrameError::Truncated,
        _ => FrameError::Io(e),
    }
}

/// What can come of waiting for a frame.
enum Incoming {
    Frame(FrameError),
    /// Nothing arrived for the idle limit.
    Idle,
    /// A frame began and did not finish in time.
    TooSlow,
}

/// Reads one frame's body: waits up to `idle` for it to begin, then up
/// to `frame` for the whole of it, however the bytes trickle in.
fn read_frame(reader: &mut BufReader<UnixStream>, limits: Limits) -> Result<Vec<u8>, Incoming> {
    let io = |e: std::io::Error| Incoming::Frame(FrameError::Io(e));
    if reader.buffer().is_empty() {
        reader
            .get_ref()
            .set_read_timeout(Some(limits.idle))
            .map_err(io)?;
        match reader.fill_buf() {
            Ok([]) => return Err(Incoming::Frame(FrameError::Closed)),
            Ok(_) => {}
            Err(e) if is_timeout(&e) => return Err(Incoming::Idle),
            Err(e) => return Err(io(e)),
        }
    }
    let until = Instant::now() + limits.frame;
    let mut timed = Timed { reader, until };
    match frame::read_body(&mut timed) {
        Ok(body) => Ok(body),
        Err(FrameError::Io(e)) if is_timeout(&e) => Err(Incoming::TooSlow),
        Err(e) => Err(Incoming::Frame(e)),
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// A reader that fails once its deadline has passed, however the bytes
/// before it were spaced.
struct Timed<'a> {
    reader: &'a mut BufReader<UnixStream>,
    until: Instant,
}

impl Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.reader.buffer().is_empty() {
            let left = self.until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            self.reader.get_ref().set_read_timeout(Some(left))?;
        }
        self.reader.read(buf)
    }
}
