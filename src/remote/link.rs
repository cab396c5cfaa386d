//! One live connection to the firm server, from the client's side.
//!
//! Calls may come from several threads at once; each gets an id, and a
//! reader thread hands every reply to the caller waiting for that id.
//! Events arriving in between go to a callback. When the connection ends
//! (the server said goodbye, went away, or stopped pinging), every waiting
//! caller gets [`ApiError::Unavailable`] and another callback is told.

use std::collections::HashMap;
use std::io::BufReader;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::api::{ApiError, Event};
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{ClientMsg, Request, Response, ServerMsg};

/// How long the client waits without hearing anything (the server pings
/// every ten seconds) before it gives the connection up for dead.
pub const KEEPALIVE_TIMEOUT: Duration = Duration::from_secs(45);

type Reply = Result<Response, ApiError>;

/// What the reader thread reports upward.
pub(super) struct Callbacks {
    pub on_event: Box<dyn Fn(Event) + Send>,
    pub on_down: Box<dyn Fn(String) + Send>,
}

/// The firm server a link is connected to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's process id.
    pub pid: u32,
    /// The cabinet version the server runs.
    pub build: String,
    /// The protocol version it speaks.
    pub protocol: u32,
}

#[derive(Default)]
struct Pending {
    waiting: HashMap<u64, SyncSender<Reply>>,
    /// Why the link is down, once it is.
    down: Option<String>,
}

/// A connected, handshaken link.
pub(super) struct Link {
    writer: Mutex<UnixStream>,
    /// Another handle on the socket, to shut it down while a write may
    /// hold `writer`.
    control: UnixStream,
    pending: Mutex<Pending>,
    next_id: AtomicU64,
    pub server: ServerInfo,
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
    pub fn start(
        stream: UnixStream,
        reader: BufReader<UnixStream>,
        server: ServerInfo,
        callbacks: Callbacks,
    ) -> std::io::Result<Arc<Link>> {
        reader.get_ref().set_read_timeout(Some(KEEPALIVE_TIMEOUT))?;
        stream.set_write_timeout(Some(KEEPALIVE_TIMEOUT))?;
        let link = Arc::new(Link {
            control: stream.try_clone()?,
            writer: Mutex::new(stream),
            pending: Mutex::new(Pending::default()),
            next_id: AtomicU64::new(1),
            server,
        });
        let for_reader = Arc::clone(&link);
        std::thread::Builder::new()
            .name("cabinet-link".into())
            .spawn(move || for_reader.read_loop(reader, callbacks))?;
        Ok(link)
    }

    /// Whether the link is still up.
    pub fn is_up(&self) -> bool {
        self.pending().down.is_none()
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes one call and waits for its reply.
    pub fn call(&self, request: Request) -> Reply {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = sync_channel(1);
        {
            let mut pending = self.pending();
            if let Some(reason) = &pending.down {
                return Err(ApiError::Unavailable(reason.clone()));
            }
            pending.waiting.insert(id, tx);
        }
        let bytes = match frame::encode(&ClientMsg::Call { id, request }) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.pending().waiting.remove(&id);
                return Err(ApiError::Protocol(format!(
                    "the request is too large to send: {e}"
                )));
            }
        };
        let written = {
            let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            std::io::Write::write_all(&mut *w, &bytes)
        };
        if let Err(e) = written {
            // The reader thread sees the shutdown, fails every waiting
            // call (this one too) and reports the link down.
            tracing::debug!("could not send to the firm server: {e}");
            let _ = self.control.shutdown(Shutdown::Both);
        }
        rx.recv().unwrap_or_else(|_| {
            Err(ApiError::Unavailable(
                "the connection to the firm server broke".into(),
            ))
        })
    }

    /// Says goodbye and closes the connection.
    pub fn close(&self) {
        if let Ok(bytes) = frame::encode(&ClientMsg::Goodbye) {
            let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            let _ = std::io::Write::write_all(&mut *w, &bytes);
        }
        let _ = self.control.shutdown(Shutdown::Both);
    }

    /// Marks the link down and fails every waiting call. Returns false
    /// when it was down already.
    fn fail(&self, reason: String) -> bool {
        let waiting = {
            let mut pending = self.pending();
            if pending.down.is_some() {
                return false;
            }
            pending.down = Some(reason.clone());
            std::mem::take(&mut pending.waiting)
        };
        for (_, tx) in waiting {
            let _ = tx.send(Err(ApiError::Unavailable(reason.clone())));
        }
        let _ = self.control.shutdown(Shutdown::Both);
        true
    }

    fn read_loop(&self, mut reader: BufReader<UnixStream>, callbacks: Callbacks) {
        let reason = loop {
            match frame::read::<ServerMsg>(&mut reader) {
                Ok(ServerMsg::Reply { id, result }) => {
                    if let Some(tx) = self.pending().waiting.remove(&id) {
                        let _ = tx.send(result);
                    }
                }
                Ok(ServerMsg::Event(event)) => (callbacks.on_event)(event),
                Ok(ServerMsg::Ping) => {}
                Ok(ServerMsg::Goodbye { reason }) => {
                    break format!("the firm server closed the connection: {reason}");
                }
                Ok(ServerMsg::Session(_)) => {
                    break "the firm server sent a second session; disconnected".into();
                }
                Err(FrameError::Closed | FrameError::Truncated) => {
                    break "the firm server went away".into();
                }
                Err(FrameError::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    break format!(
                        "the firm server stopped answering for {} seconds",
                        KEEPALIVE_TIMEOUT.as_secs()
                    );
                }
                Err(e) => break format!("the connection to the firm server broke: {e}"),
            }
        };
        if self.fail(reason.clone()) {
            (callbacks.on_down)(reason);
        }
    }
}
