//! One live connection to the firm server, from the client's side.
//!
//! Calls may come from several threads at once; each gets an id, and a
//! reader thread hands every reply to the caller waiting for that id.
//! Events arriving in between go to a callback. When the connection ends
//! (the server said goodbye, went away, or stopped pinging), every waiting
//! caller gets [`ApiError::Unavailable`] and another callback is told.

use crate::sync::LockExt;
use std::collections::HashMap;
use std::io::BufReader;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::{ApiError, Event, ProtocolFault, Rejection, Unreachable};
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{ClientMsg, Request, Response, ServerMsg};

/// How long the client waits without hearing anything (the server pings
/// every ten seconds) before it gives the connection up for dead.
pub(crate) const KEEPALIVE_TIMEOUT: Duration = Duration::from_secs(45);

/// How long a call waits while the server says nothing at all. A server
/// working on a call says so every second ([`ServerMsg::Working`]), so
/// only a server that is stuck, stopped or gone stays quiet this long.
pub(crate) const QUIET_TIMEOUT: Duration = Duration::from_secs(8);

type Reply = Result<Response, ApiError>;

/// What the reader thread reports upward.
pub(super) struct Callbacks {
    pub(crate) on_event: Box<dyn Fn(Event) + Send>,
    pub(crate) on_down: Box<dyn Fn(Unreachable) + Send>,
}

/// The firm server a link is connected to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's process id.
    pub pid: u32,
    /// The cabinet version the server runs.
    pub(crate) build: String,
    /// The protocol version it speaks.
    pub(crate) protocol: u32,
}

#[derive(Default)]
struct Pending {
    waiting: HashMap<u64, SyncSender<Reply>>,
    /// Why the link is down, once it is.
    down: Option<Unreachable>,
}

/// Why a waiting call ended without its answer.
enum Lost {
    /// The connection is down; nothing more will come.
    Down(ApiError),
    /// The server stayed quiet, or the call ran past its deadline.
    TimedOut(Duration),
}

/// A connected, handshaken link.
pub(super) struct Link {
    writer: Mutex<UnixStream>,
    /// Another handle on the socket, to shut it down while a write may
    /// hold `writer`.
    control: UnixStream,
    pending: Mutex<Pending>,
    next_id: AtomicU64,
    /// When the link started, and how long after that the server was
    /// last heard from (in milliseconds).
    born: Instant,
    heard: AtomicU64,
    pub(crate) server: ServerInfo,
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("server", &self.server)
            .finish()
    }
}

impl Link {
    /// Wraps a stream whose handshake is done, and starts its reader.
    pub(crate) fn start(
        stream: UnixStream,
        reader: BufReader<UnixStream>,
        server: ServerInfo,
        callbacks: Callbacks,
    ) -> std::io::Result<Arc<Link>> {
        reader.get_ref().set_read_timeout(Some(KEEPALIVE_TIMEOUT))?;
        // A write that makes no headway for as long as a call may go
        // without a word is talking to a server that reads nothing
        // (stopped, or gone without closing): given up as promptly.
        stream.set_write_timeout(Some(QUIET_TIMEOUT))?;
        let link = Arc::new(Link {
            control: stream.try_clone()?,
            writer: Mutex::new(stream),
            pending: Mutex::new(Pending::default()),
            next_id: AtomicU64::new(1),
            born: Instant::now(),
            heard: AtomicU64::new(0),
            server,
        });
        let for_reader = Arc::clone(&link);
        std::thread::Builder::new()
            .name("cabinet-link".into())
            .spawn(move || for_reader.read_loop(reader, callbacks))?;
        Ok(link)
    }

    /// Whether the link is still up.
    pub(crate) fn is_up(&self) -> bool {
        self.pending().down.is_none()
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock_or_recover()
    }

    /// Makes one call and waits for its reply, for at most the call's
    /// deadline, and for less while the server says nothing at all.
    ///
    /// A change sent with a `key` may be sent again with the same key,
    /// after the connection broke, and is carried out once.
    pub(crate) fn call(&self, request: Request, key: Option<u64>) -> Reply {
        let name = request.name();
        let write = request.is_write();
        let deadline = request.deadline();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = sync_channel(1);
        {
            let mut pending = self.pending();
            if let Some(reason) = &pending.down {
                return Err(ApiError::Unavailable(reason.clone()));
            }
            pending.waiting.insert(id, tx);
        }
        let msg = match key {
            Some(key) => ClientMsg::CallOnce { id, key, request },
            None => ClientMsg::Call { id, request },
        };
        let bytes = match frame::encode(&msg) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.pending().waiting.remove(&id);
                return Err(match e {
                    FrameError::TooLarge { len, max } => ApiError::Rejected(Rejection::TooLarge {
                        len: len as u64,
                        max: max as u64,
                    }),
                    other => ApiError::Protocol(ProtocolFault::CannotEncode {
                        detail: other.to_string(),
                    }),
                });
            }
        };
        let written = {
            let mut w = self.writer.lock_or_recover();
            std::io::Write::write_all(&mut *w, &bytes)
        };
        if let Err(e) = written {
            // Part of a frame is no request: nothing was done. The reader
            // thread sees the shutdown, fails every waiting call (this one
            // too) and reports the link down.
            tracing::debug!("could not send to the firm server: {e}");
            let _ = self.control.shutdown(Shutdown::Both);
            let broke = || ApiError::Unavailable(Unreachable::Broke((&e).into()));
            return Err(self
                .wait(&rx, deadline)
                .err()
                .map_or_else(broke, |lost| match lost {
                    Lost::Down(e) => e,
                    Lost::TimedOut(_) => broke(),
                }));
        }
        let sent = Instant::now();
        match self.wait_from(&rx, sent, deadline) {
            Ok(reply) => reply,
            Err(Lost::Down(ApiError::Unavailable(reason))) if write => {
                Err(ApiError::OutcomeUnknown {
                    call: name.to_owned(),
                    reason,
                })
            }
            Err(Lost::Down(e)) => Err(e),
            Err(Lost::TimedOut(waited)) => {
                self.pending().waiting.remove(&id);
                let secs = waited.as_secs().max(1);
                let reason = Unreachable::NoAnswer {
                    call: name.to_owned(),
                    secs,
                };
                self.fail(reason.clone(), ApiError::Unavailable(reason.clone()));
                Err(if write {
                    ApiError::OutcomeUnknown {
                        call: name.to_owned(),
                        reason,
                    }
                } else {
                    ApiError::TimedOut {
                        call: name.to_owned(),
                        secs,
                    }
                })
            }
        }
    }

    fn wait(&self, rx: &Receiver<Reply>, deadline: Duration) -> Result<Reply, Lost> {
        self.wait_from(rx, Instant::now(), deadline)
    }

    /// Waits for a reply until the call's deadline, or until the server
    /// has said nothing for [`QUIET_TIMEOUT`].
    fn wait_from(
        &self,
        rx: &Receiver<Reply>,
        sent: Instant,
        deadline: Duration,
    ) -> Result<Reply, Lost> {
        loop {
            let heard = self.born + Duration::from_millis(self.heard.load(Ordering::Acquire));
            let quiet_since = heard.max(sent);
            let quiet_left = QUIET_TIMEOUT.saturating_sub(quiet_since.elapsed());
            let deadline_left = deadline.saturating_sub(sent.elapsed());
            if deadline_left.is_zero() {
                return Err(Lost::TimedOut(deadline));
            }
            if quiet_left.is_zero() {
                return Err(Lost::TimedOut(
                    quiet_since.duration_since(sent) + QUIET_TIMEOUT,
                ));
            }
            match rx.recv_timeout(quiet_left.min(deadline_left)) {
                Ok(Err(e @ ApiError::Unavailable(_))) if !self.is_up() => {
                    return Err(Lost::Down(e));
                }
                Ok(reply) => return Ok(reply),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(Lost::Down(ApiError::Unavailable(Unreachable::Gone)));
                }
            }
        }
    }

    fn heard_now(&self) {
        let ms = self.born.elapsed().as_millis() as u64;
        self.heard.store(ms, Ordering::Release);
    }

    /// Answers a ping, unless a call is being sent right now (which tells
    /// the server as much).
    fn pong(&self) {
        let Ok(bytes) = frame::encode(&ClientMsg::Pong) else {
            return;
        };
        if let Ok(mut w) = self.writer.try_lock() {
            let _ = std::io::Write::write_all(&mut *w, &bytes);
        }
    }

    /// Says goodbye and closes the connection.
    pub(crate) fn close(&self) {
        if let Ok(bytes) = frame::encode(&ClientMsg::Goodbye) {
            let mut w = self.writer.lock_or_recover();
            let _ = std::io::Write::write_all(&mut *w, &bytes);
        }
        let _ = self.control.shutdown(Shutdown::Both);
    }

    /// Marks the link down and fails every waiting call. Returns false
    /// when it was down already.
    fn fail(&self, reason: Unreachable, error: ApiError) -> bool {
        let waiting = {
            let mut pending = self.pending();
            if pending.down.is_some() {
                return false;
            }
            pending.down = Some(reason.clone());
            std::mem::take(&mut pending.waiting)
        };
        for (_, tx) in waiting {
            let _ = tx.send(Err(error.clone()));
        }
        let _ = self.control.shutdown(Shutdown::Both);
        true
    }

    fn read_loop(&self, mut reader: BufReader<UnixStream>, callbacks: Callbacks) {
        let mut error = None;
        let reason = loop {
            let msg = frame::read::<ServerMsg>(&mut reader);
            if msg.is_ok() {
                self.heard_now();
            }
            match msg {
                Ok(ServerMsg::Reply { id, result }) => {
                    if let Some(tx) = self.pending().waiting.remove(&id) {
                        let _ = tx.send(result);
                    }
                }
                Ok(ServerMsg::Event(event)) => (callbacks.on_event)(event),
                Ok(ServerMsg::Ping) => self.pong(),
                Ok(ServerMsg::Working { .. }) => {}
                Ok(ServerMsg::Refused(e)) => {
                    let reason = Unreachable::RefusedInput(Box::new(e.clone()));
                    error = Some(e);
                    break reason;
                }
                Ok(ServerMsg::Goodbye { reason }) => break Unreachable::Closed(reason),
                Ok(ServerMsg::Session(_)) => break Unreachable::SecondSession,
                Err(FrameError::Closed | FrameError::Truncated) => break Unreachable::Gone,
                Err(FrameError::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    break Unreachable::Silent {
                        secs: KEEPALIVE_TIMEOUT.as_secs(),
                    };
                }
                Err(FrameError::Io(e)) => break Unreachable::Broke(e.into()),
                Err(e) => {
                    break Unreachable::Garbled {
                        detail: e.to_string(),
                    };
                }
            }
        };
        let error = error.unwrap_or_else(|| ApiError::Unavailable(reason.clone()));
        // The link may have been given up already (a call that timed
        // out): the first reason is the one told. Either way this thread
        // ends once per link, so the link is reported down once.
        let reason = if self.fail(reason.clone(), error) {
            reason
        } else {
            self.pending().down.clone().unwrap_or(reason)
        };
        (callbacks.on_down)(reason);
    }
}
