//! The accept loop: takes connections, keeps count of who is connected,
//! and decides when the server stops (asked to, signalled, replaced, or
//! idle for too long).
//!
//! The loop sleeps in `poll` on two things at once: the listening socket
//! and a wake-up socket that [`Stopper`] and finished connections nudge.
//! Stopping says goodbye to every client, waits for their threads, and
//! only then closes the firm, so that the next server finds the database
//! closed when it takes the lock.

use crate::sync::LockExt;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::connection;
use super::peer::Peer;
use super::pusher::Pusher;
use super::shared::{Bell, Link, Shared, Stopper};
use super::{ServeOptions, logging};
use crate::api::local::Core;
use crate::api::{ApiError, Busy};
use crate::protocol::frame;
use crate::protocol::{self, ServerMsg, Welcome};

/// How long a stopping server waits for its connections to finish.
const DRAIN: Duration = Duration::from_secs(10);

/// How often the server checks that its socket is still there.
const SOCKET_CHECK: Duration = Duration::from_secs(1);

fn socket_id(socket: &std::path::Path) -> Option<(u64, u64)> {
    std::fs::symlink_metadata(socket)
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// Turns a connection away at once, in the handshake's words and then
/// with the refusal's code, without reading anything from it or giving
/// it a thread.
fn refuse(stream: UnixStream, busy: Busy, peer: &Peer) {
    tracing::warn!(login = %peer.login, pid = peer.pid, "refused a connection: {busy}");
    let welcome = Welcome::from_here(protocol::refusal::BUSY.to_owned());
    let mut bytes = frame::encode(&welcome).unwrap_or_default();
    if let Ok(more) = frame::encode(&ServerMsg::Session(Err(ApiError::Busy(busy)))) {
        bytes.extend_from_slice(&more);
    }
    // A few hundred bytes fit in any socket buffer: this never blocks.
    let _ = stream.set_nonblocking(true);
    let _ = (&stream).write_all(&bytes);
}

/// The accept loop and what it owns.
pub(super) struct Server {
    shared: Arc<Shared>,
    listener: UnixListener,
    wake: UnixStream,
    idle_exit: Option<Duration>,
    socket: PathBuf,
    threads: Vec<JoinHandle<()>>,
    /// The one thread that pushes events, pings and "still working"
    /// words; it holds [`Shared`] until it ends.
    pusher: JoinHandle<()>,
    next_id: AtomicU64,
    /// The socket file's device and inode, to notice it going away.
    socket_id: (u64, u64),
}

impl Server {
    pub(crate) fn new(
        core: Arc<Core>,
        listener: UnixListener,
        stopper: Stopper,
        wake: UnixStream,
        options: &ServeOptions,
        socket: PathBuf,
    ) -> io::Result<Self> {
        let bell: Arc<Bell> = Arc::default();
        let hear = Arc::clone(&bell);
        core.subscribe(move |event| hear.event(event));
        let shared = Arc::new(Shared {
            core,
            stopper,
            ping_every: options.ping_every,
            frame_deadline: options.frame_deadline,
            last_words: options.log_to_file,
            links: Mutex::default(),
            bell,
            open: Mutex::new(HashMap::new()),
            max_total: options.max_connections,
            max_per_login: options.max_per_login,
            replay: Default::default(),
        });
        // One thread pushes events, pings and "still working" words to
        // every client; it ends when the server stops.
        let pusher = Pusher {
            shared: Arc::clone(&shared),
        };
        let pusher = std::thread::Builder::new()
            .name("cabinet-push".into())
            .spawn(move || pusher.run())?;
        Ok(Server {
            shared,
            pusher,
            listener,
            wake,
            idle_exit: options.idle_exit,
            threads: Vec::new(),
            next_id: AtomicU64::new(1),
            socket_id: socket_id(&socket).unwrap_or_default(),
            socket,
        })
    }

    /// Serves until stopped, then shuts down cleanly.
    pub(crate) fn run(mut self) {
        let mut idle_since = Some(Instant::now());
        loop {
            if let Some(reason) = self.shared.stopper.reason() {
                tracing::info!("stopping: {reason}");
                break;
            }
            if self.shared.clients() > 0 {
                idle_since = None;
            } else if idle_since.is_none() {
                idle_since = Some(Instant::now());
            }
            let timeout = match (self.idle_exit, idle_since) {
                (Some(limit), Some(since)) => {
                    let left = limit.saturating_sub(since.elapsed());
                    if left.is_zero() {
                        let minutes = limit.as_secs() / 60;
                        self.shared
                            .stopper
                            .stop(crate::api::Goodbye::Idle { minutes });
                        continue;
                    }
                    Some(left)
                }
                _ => None,
            };
            self.wait(Some(timeout.map_or(SOCKET_CHECK, |t| t.min(SOCKET_CHECK))));
            self.watch_socket();
            self.drain_wake();
            self.accept_all();
            self.threads.retain(|t| !t.is_finished());
        }
        self.shut_down();
    }

    fn wait(&self, timeout: Option<Duration>) {
        let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
        let mut fds = [
            PollFd::new(&self.listener, PollFlags::IN),
            PollFd::new(&self.wake, PollFlags::IN),
        ];
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => {
                tracing::error!("poll failed: {e}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }

    fn drain_wake(&mut self) {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }

    fn accept_all(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                    let peer = match Peer::of(&stream) {
                        Ok(peer) => peer,
                        Err(e) => {
                            tracing::warn!(conn = id, "could not tell who connected: {e}");
                            continue;
                        }
                    };
                    let slot = match self.shared.admit(&peer) {
                        Ok(slot) => slot,
                        Err(busy) => {
                            refuse(stream, busy, &peer);
                            continue;
                        }
                    };
                    let shared = Arc::clone(&self.shared);
                    let spawned = std::thread::Builder::new()
                        .name(format!("cabinet-conn-{id}"))
                        .spawn(move || connection::serve(shared, stream, id, peer, slot));
                    match spawned {
                        Ok(handle) => self.threads.push(handle),
                        Err(e) => {
                            tracing::error!("could not start a thread for connection {id}: {e}")
                        }
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // Out of file descriptors, most likely: keep serving
                    // those already connected and try again shortly.
                    tracing::error!("accept failed: {e}");
                    std::thread::sleep(Duration::from_millis(100));
                    return;
                }
            }
        }
    }

    /// Notices a socket that was deleted or replaced under the server
    /// (a clean-up script, a mistaken `rm`), and makes it again: the
    /// server holds the firm's lock, so no other server can own it.
    fn watch_socket(&mut self) {
        let now = socket_id(&self.socket);
        if now == Some(self.socket_id) {
            return;
        }
        tracing::warn!(
            "{} was {}; making it again",
            self.socket.display(),
            if now.is_some() { "replaced" } else { "deleted" }
        );
        match super::bind(&self.socket) {
            Ok(listener) => {
                self.listener = listener;
                self.socket_id = socket_id(&self.socket).unwrap_or_default();
            }
            Err(e) => tracing::error!("could not make the socket again: {e}"),
        }
    }

    fn shut_down(self) {
        let Server {
            shared,
            listener,
            socket,
            threads,
            pusher,
            ..
        } = self;
        drop(listener);
        if let Err(e) = std::fs::remove_file(&socket) {
            tracing::warn!("could not remove {}: {e}", socket.display());
        }
        let reason = shared
            .stopper
            .reason()
            .unwrap_or(crate::api::Goodbye::Stopped);
        let links: Vec<Arc<Link>> = shared.links.lock_or_recover().values().cloned().collect();
        let busy = links.iter().filter(|l| l.working().is_some()).count();
        if busy > 0 {
            tracing::warn!(
                "stopping while {busy} call(s) run: they have {} seconds to end; a change that ends in time is saved, one that does not is dropped whole when the server exits (nothing is half-written)",
                DRAIN.as_secs()
            );
        }
        // A client whose call runs hears why after the call's answer, if
        // the call ends in time; meanwhile the pusher goes on telling it
        // that the call runs.
        for link in &links {
            link.goodbye(&reason);
        }
        let deadline = Instant::now() + DRAIN;
        for t in threads {
            while !t.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
        // A call still running is cut short: its session hears that it
        // is, and nothing more.
        for link in &links {
            link.cut_short(&crate::api::Goodbye::DuringCall {
                why: Box::new(reason.clone()),
                secs: DRAIN.as_secs(),
            });
        }
        // The pusher lets go of what it shares.
        shared.bell.stop();
        let _ = pusher.join();
        let dir = shared.core.dir().to_owned();
        let last_words = shared.last_words;
        match Arc::try_unwrap(shared) {
            Ok(shared) => drop(shared),
            Err(_) => tracing::warn!("some connections did not finish in time; closing anyway"),
        }
        tracing::info!("server stopped");
        if last_words {
            logging::last_words(&dir, &format!("the server stopped: {reason}"), true);
        }
    }
}
