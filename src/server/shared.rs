//! What the accept loop, the connection threads and the pusher share:
//! the [`Stopper`], the count of open connections ([`Slot`]), the clients
//! events reach, what wakes the pusher ([`Bell`]), and each connection's
//! write half ([`Link`]).
//!
//! It sits below [`super::listener`], [`super::connection`] and
//! [`super::pusher`], so none needs another's types.

use crate::sync::{CondvarExt, LockExt};
use std::collections::HashMap;
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::peer::Peer;
use crate::api::Busy;
use crate::api::local::Core;
use crate::api::{Event, Goodbye};
use crate::protocol::ServerMsg;
use crate::protocol::frame::{self, FrameError};

/// Stops a running server, from any thread.
#[derive(Debug, Clone)]
pub(crate) struct Stopper {
    inner: Arc<StopInner>,
}

#[derive(Debug)]
struct StopInner {
    reason: Mutex<Option<Goodbye>>,
    nudge: UnixStream,
}

impl Stopper {
    /// A stopper and the wake-up socket the accept loop polls.
    pub(super) fn new() -> io::Result<(Stopper, UnixStream)> {
        let (nudge, wake) = UnixStream::pair()?;
        nudge.set_nonblocking(true)?;
        wake.set_nonblocking(true)?;
        Ok((
            Stopper {
                inner: Arc::new(StopInner {
                    reason: Mutex::new(None),
                    nudge,
                }),
            },
            wake,
        ))
    }

    /// Asks the server to stop, telling clients why. The first reason
    /// given is the one kept.
    pub(crate) fn stop(&self, reason: Goodbye) {
        self.inner.reason.lock_or_recover().get_or_insert(reason);
        self.nudge();
    }

    /// Why the server is stopping, once it is.
    pub(crate) fn reason(&self) -> Option<Goodbye> {
        self.inner.reason.lock_or_recover().clone()
    }

    /// Wakes the accept loop to look at its state again.
    pub(super) fn nudge(&self) {
        // A full socket already holds a wake-up; nothing is lost.
        let _ = (&self.inner.nudge).write(&[1]);
    }

    /// Stops the server on SIGTERM, SIGINT or SIGHUP.
    pub(super) fn stop_on_signals(&self) -> io::Result<()> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
        let stopper = self.clone();
        std::thread::Builder::new()
            .name("cabinet-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let name = match signal {
                        SIGTERM => "SIGTERM",
                        SIGINT => "SIGINT",
                        _ => "SIGHUP",
                    };
                    tracing::info!("received {name}");
                    stopper.stop(Goodbye::Signal { name: name.into() });
                }
            })?;
        Ok(())
    }
}

/// Every client that has a session, by connection.
pub(super) type Links = Mutex<HashMap<u64, Arc<Link>>>;

/// What every connection thread shares with the accept loop.
#[derive(Debug)]
pub(super) struct Shared {
    pub(crate) core: Arc<Core>,
    pub(crate) stopper: Stopper,
    pub(crate) ping_every: Duration,
    pub(crate) frame_deadline: Duration,
    /// Record why the server stopped in the firm's last words.
    pub(crate) last_words: bool,
    /// The clients events reach: the [`super::pusher`]'s.
    pub(crate) links: Links,
    /// Wakes the pusher; each [`Link`] holds it too.
    pub(crate) bell: Arc<Bell>,
    /// Open connections per uid, handshaken or not.
    pub(crate) open: Mutex<HashMap<u32, u32>>,
    pub(crate) max_total: u32,
    pub(crate) max_per_login: u32,
    /// The answers to changes a client may send again.
    pub(crate) replay: super::replay::Memory,
}

/// One open connection, counted until it is dropped.
pub(super) struct Slot {
    shared: Arc<Shared>,
    uid: u32,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.shared.open.lock_or_recover();
        if let Some(n) = open.get_mut(&self.uid) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.uid);
            }
        }
    }
}

impl Shared {
    /// Counts a client in: it is now one of those that events reach and
    /// that keep the server from idling out.
    pub(crate) fn register(&self, id: u64, link: Arc<Link>) {
        {
            let mut links = self.links.lock_or_recover();
            link.hears_from.store(self.bell.mark(), Ordering::Release);
            link.queue.lock_or_recover().pushed = Instant::now();
            links.insert(id, link);
        }
        // Its first ping is due from now.
        self.bell.due(Instant::now());
        self.stopper.nudge();
    }

    /// Counts a client out.
    pub(crate) fn unregister(&self, id: u64) {
        self.links.lock_or_recover().remove(&id);
        self.stopper.nudge();
    }

    /// Counts a new connection in, or says why it may not open.
    pub(crate) fn admit(self: &Arc<Self>, peer: &Peer) -> Result<Slot, Busy> {
        let mut open = self.open.lock_or_recover();
        let total: u32 = open.values().sum();
        let mine = open.get(&peer.uid).copied().unwrap_or(0);
        if total >= self.max_total {
            return Err(Busy::Total {
                max: self.max_total,
            });
        }
        // root's connections count like anyone's: a runaway script must
        // not starve the firm's own users.
        if mine >= self.max_per_login {
            return Err(Busy::ForLogin {
                login: peer.login.clone(),
                max: self.max_per_login,
            });
        }
        *open.entry(peer.uid).or_insert(0) += 1;
        Ok(Slot {
            shared: Arc::clone(self),
            uid: peer.uid,
        })
    }

    pub(crate) fn clients(&self) -> usize {
        self.links.lock_or_recover().len()
    }
}

/// What wakes the [`super::pusher`]: the firm's events, a new client
/// (its pings are due from now), a call that begins (its "still working"
/// is due in a second), and the server stopping.
#[derive(Debug, Default)]
pub(super) struct Bell {
    inbox: Mutex<Inbox>,
    rung: Condvar,
}

#[derive(Debug, Default)]
struct Inbox {
    /// Events not yet sent, each with its number.
    events: Vec<(u64, Event)>,
    /// The number of the next event.
    next: u64,
    /// Something other than an event is to be looked at.
    look: bool,
    stopped: bool,
    /// When the pusher wakes next on its own; `None` while it is awake.
    wakes_at: Option<Instant>,
}

/// Events to send, by number, and the clients to send them to.
pub(super) type Round = (Vec<(u64, Event)>, Vec<(u64, Arc<Link>)>);

impl Bell {
    /// An event for every client; false once the pusher has stopped, so
    /// that the firm forgets it.
    pub(super) fn event(&self, event: &Event) -> bool {
        let mut inbox = self.inbox.lock_or_recover();
        if inbox.stopped {
            return false;
        }
        let n = inbox.next;
        inbox.next += 1;
        inbox.events.push((n, event.clone()));
        self.rung.notify_one();
        true
    }

    /// The number the next event will have: a client counted in now hears
    /// that one and those after it.
    fn mark(&self) -> u64 {
        self.inbox.lock_or_recover().next
    }

    /// Something is due by `when`: wakes the pusher unless it wakes by
    /// then anyway.
    pub(super) fn due(&self, when: Instant) {
        let mut inbox = self.inbox.lock_or_recover();
        if inbox.wakes_at.is_none_or(|at| at > when) {
            inbox.look = true;
            self.rung.notify_one();
        }
    }

    /// Stops the pusher.
    pub(super) fn stop(&self) {
        self.inbox.lock_or_recover().stopped = true;
        self.rung.notify_one();
    }

    /// Sleeps until `until`, or until rung; false once stopped.
    pub(super) fn wait(&self, until: Instant) -> bool {
        let mut inbox = self.inbox.lock_or_recover();
        inbox.wakes_at = Some(until);
        let timeout = until.saturating_duration_since(Instant::now());
        let mut inbox = self
            .rung
            .wait_timeout_while_or_recover(inbox, timeout, |i| {
                i.events.is_empty() && !i.look && !i.stopped
            });
        inbox.wakes_at = None;
        inbox.look = false;
        !inbox.stopped
    }

    /// The events to send, with the clients to send them to: taken
    /// together under the clients' lock, so that a client counted in
    /// after an event was taken has a mark past it.
    pub(super) fn take(&self, links: &Links) -> Round {
        let links = links.lock_or_recover();
        let events = std::mem::take(&mut self.inbox.lock_or_recover().events);
        let clients = links
            .iter()
            .filter(|(_, l)| !l.is_closed())
            .map(|(&id, l)| (id, Arc::clone(l)))
            .collect();
        (events, clients)
    }
}

/// How long a pushed frame may wait for a client that reads nothing
/// before it is deemed stuck and dropped (a suspended terminal, say); it
/// reconnects when it resumes.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How many bytes of pushed frames may wait for a client that reads
/// nothing before it is dropped.
const PUSH_BACKLOG: usize = 2 << 20;

/// How often the server tells a client that its call is still running.
pub(crate) const WORKING_EVERY: Duration = Duration::from_secs(1);

/// The write half of a connection: its own thread sends the answers to
/// its calls, and the server's one [`super::pusher`] the events, pings
/// and "still working" words, without ever waiting for the client.
///
/// Frames wait whole, in order, in a queue; whoever holds `io` writes
/// them out. The connection's thread waits for a slow client (up to the
/// socket's write timeout); the pusher never does: what the socket does
/// not take at once stays queued, for the next one to send it.
#[derive(Debug)]
pub(super) struct Link {
    stream: UnixStream,
    /// Held while bytes go out, so that frames never interleave.
    io: Mutex<()>,
    queue: Mutex<Queue>,
    closed: AtomicBool,
    /// The call being answered, if any, and when the pusher next says
    /// that it still runs.
    working: Mutex<Option<(u64, Instant)>>,
    /// The pusher's, to wake it when a call begins.
    bell: Arc<Bell>,
    /// The first event this client hears: the first after it was counted
    /// in.
    hears_from: AtomicU64,
}

/// Whole frames waiting to go out, oldest first.
#[derive(Debug)]
struct Queue {
    bytes: Vec<u8>,
    /// Since when the client has taken none of them.
    stuck_since: Option<Instant>,
    /// When the pusher last handed this client anything, for the next
    /// ping.
    pushed: Instant,
}

impl Queue {
    /// Fails once the client has taken nothing for [`WRITE_TIMEOUT`]: it
    /// is then to be dropped.
    fn stuck(&self) -> Result<(), PushError> {
        match self.stuck_since {
            Some(since) if since.elapsed() >= WRITE_TIMEOUT => {
                Err(PushError::Stuck(since.elapsed()))
            }
            _ => Ok(()),
        }
    }
}

/// Why a pushed frame could not be handed to a client: it is to be
/// dropped.
#[derive(Debug, thiserror::Error)]
pub(super) enum PushError {
    #[error("the client has read nothing for {} seconds", .0.as_secs())]
    Stuck(Duration),
    #[error("the client has left {} bytes unread", .0)]
    Backlog(usize),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Link {
    pub(crate) fn new(stream: UnixStream, bell: Arc<Bell>) -> Self {
        Link {
            bell,
            hears_from: AtomicU64::new(u64::MAX),
            stream,
            io: Mutex::new(()),
            queue: Mutex::new(Queue {
                bytes: Vec::new(),
                stuck_since: None,
                pushed: Instant::now(),
            }),
            closed: AtomicBool::new(false),
            working: Mutex::new(None),
        }
    }

    pub(crate) fn set_working(&self, call: Option<u64>) {
        let due = Instant::now() + WORKING_EVERY;
        *self.working.lock_or_recover() = call.map(|id| (id, due));
        if call.is_some() {
            self.bell.due(due);
        }
    }

    pub(crate) fn working(&self) -> Option<u64> {
        self.working.lock_or_recover().map(|(id, _)| id)
    }

    /// The call to say is still running, if its word is due by `now`;
    /// otherwise when the next one is, if a call runs.
    pub(super) fn beat(&self, now: Instant) -> Result<u64, Option<Instant>> {
        let mut working = self.working.lock_or_recover();
        match working.as_mut() {
            Some((id, due)) if *due <= now => {
                *due = now + WORKING_EVERY;
                Ok(*id)
            }
            Some((_, due)) => Err(Some(*due)),
            None => Err(None),
        }
    }

    /// Whether this client is to hear event number `n`.
    pub(super) fn hears(&self, n: u64) -> bool {
        n >= self.hears_from.load(Ordering::Acquire)
    }

    /// When the pusher last sent this client anything.
    pub(super) fn pushed(&self) -> Instant {
        self.queue.lock_or_recover().pushed
    }

    /// Since when queued frames have waited for a client that reads
    /// nothing, if they have.
    pub(super) fn stuck_since(&self) -> Option<Instant> {
        self.queue.lock_or_recover().stuck_since
    }

    /// Sends one message as a whole frame, waiting for the client to take
    /// it (up to the socket's write timeout): for the connection's own
    /// thread.
    pub(crate) fn send<T: serde::Serialize>(&self, msg: &T) -> Result<(), FrameError> {
        let bytes = frame::encode(msg)?;
        {
            let mut q = self.queue.lock_or_recover();
            if q.bytes.is_empty() {
                q.bytes = bytes;
            } else {
                q.bytes.extend_from_slice(&bytes);
            }
        }
        self.flush(true)?;
        Ok(())
    }

    /// Hands whole frames to the client without waiting: what its socket
    /// does not take now is sent later. Fails when the client has left
    /// too much unread, or for too long: it is then to be dropped.
    pub(super) fn push(&self, bytes: &[u8]) -> Result<(), PushError> {
        {
            let mut q = self.queue.lock_or_recover();
            q.stuck()?;
            if q.bytes.len() + bytes.len() > PUSH_BACKLOG {
                return Err(PushError::Backlog(q.bytes.len()));
            }
            q.bytes.extend_from_slice(bytes);
            q.pushed = Instant::now();
        }
        self.flush(false)?;
        Ok(())
    }

    /// Sends what waits without waiting for the client, if any does.
    pub(super) fn retry(&self) -> Result<(), PushError> {
        self.queue.lock_or_recover().stuck()?;
        self.flush(false)?;
        Ok(())
    }

    /// Writes out the queued frames. With `wait`, until they are all
    /// sent; without, what the socket takes at once, and nothing when
    /// another thread is writing (it sends them after its own).
    fn flush(&self, wait: bool) -> io::Result<()> {
        loop {
            let io = if wait {
                self.io.lock_or_recover()
            } else {
                match self.io.try_lock_or_recover() {
                    Some(io) => io,
                    None => return Ok(()),
                }
            };
            loop {
                let mut out = {
                    let mut q = self.queue.lock_or_recover();
                    if q.bytes.is_empty() {
                        q.stuck_since = None;
                        break;
                    }
                    std::mem::take(&mut q.bytes)
                };
                let sent = if wait {
                    (&self.stream).write_all(&out).map(|()| out.len())
                } else {
                    self.send_now(&out)
                };
                let sent = match sent {
                    Ok(n) => n,
                    Err(e) => {
                        // Part of a frame may be out: nothing more can
                        // follow it.
                        self.close();
                        return Err(e);
                    }
                };
                if sent < out.len() {
                    // The socket is full: the rest waits, ahead of what
                    // was queued meanwhile.
                    out.drain(..sent);
                    let mut q = self.queue.lock_or_recover();
                    out.extend_from_slice(&q.bytes);
                    q.bytes = out;
                    if sent > 0 || q.stuck_since.is_none() {
                        q.stuck_since = Some(Instant::now());
                    }
                    return Ok(());
                }
            }
            drop(io);
            // Frames queued while this thread held the socket, by one that
            // found it busy, are this thread's to send.
            if self.queue.lock_or_recover().bytes.is_empty() {
                return Ok(());
            }
        }
    }

    /// Writes what the socket takes without blocking.
    fn send_now(&self, bytes: &[u8]) -> io::Result<usize> {
        use rustix::net::{SendFlags, send};
        let mut sent = 0;
        while sent < bytes.len() {
            match send(
                &self.stream,
                &bytes[sent..],
                SendFlags::DONTWAIT | SendFlags::NOSIGNAL,
            ) {
                Ok(n) => sent += n,
                Err(rustix::io::Errno::AGAIN) => break,
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(sent)
    }

    /// Tells the client why it is being disconnected, then disconnects it.
    /// Never waits: a stopping server does not wait for a client that
    /// reads nothing (which hears nothing).
    pub(crate) fn goodbye(&self, reason: &Goodbye) {
        let msg = ServerMsg::Goodbye {
            reason: reason.clone(),
        };
        if let Ok(bytes) = frame::encode(&msg) {
            let _ = self.push(&bytes);
        }
        self.close();
    }

    /// Shuts the socket in both directions, which ends the connection's
    /// thread.
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}
