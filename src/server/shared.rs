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
///
/// What decides the order of frames (the call that runs, its "still
/// working" words, its answer, the goodbye) is changed under the queue's
/// one lock, as the frames are queued: a word that a call still runs
/// never follows its answer, and a goodbye never comes before an answer
/// the client is owed, nor cuts a frame short.
#[derive(Debug)]
pub(super) struct Link {
    stream: UnixStream,
    /// Held while bytes go out, so that frames never interleave.
    io: Mutex<()>,
    queue: Mutex<Queue>,
    closed: AtomicBool,
    /// The pusher's, to wake it when a call begins.
    bell: Arc<Bell>,
    /// The first event this client hears: the first after it was counted
    /// in.
    hears_from: AtomicU64,
}

/// Whole frames waiting to go out, oldest first, and what decides which
/// come next.
#[derive(Debug)]
struct Queue {
    bytes: Vec<u8>,
    /// Since when the client has taken none of them.
    stuck_since: Option<Instant>,
    /// When the pusher last handed this client anything, for the next
    /// ping.
    pushed: Instant,
    /// The call being answered, if any, and when the pusher next says
    /// that it still runs.
    working: Option<(u64, Instant)>,
    bye: Bye,
}

/// Where the server's goodbye to a client stands.
#[derive(Debug)]
enum Bye {
    /// None said: the client is served.
    Unsaid,
    /// Said while a call ran: it goes out right after the call's answer.
    AfterCall(Vec<u8>),
    /// Queued, last: the link closes once it is out.
    Queued,
}

impl Queue {
    /// True once the goodbye is queued: the client reads nothing after.
    fn said(&self) -> bool {
        matches!(self.bye, Bye::Queued)
    }

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

    /// Queues a frame from the pusher, unless the client is to be
    /// dropped.
    fn push(&mut self, bytes: &[u8]) -> Result<(), PushError> {
        if self.said() {
            // The client reads nothing after the goodbye.
            return Ok(());
        }
        self.stuck()?;
        if self.bytes.len() + bytes.len() > PUSH_BACKLOG {
            return Err(PushError::Backlog(self.bytes.len()));
        }
        self.bytes.extend_from_slice(bytes);
        self.pushed = Instant::now();
        Ok(())
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
                working: None,
                bye: Bye::Unsaid,
            }),
            closed: AtomicBool::new(false),
        }
    }

    /// Counts call `id` as running, so that the pusher says it still
    /// does every [`WORKING_EVERY`]. False once the server has said
    /// goodbye: the call is not to be made (the client, told the server
    /// is going, takes it as not done).
    pub(crate) fn begin(&self, id: u64) -> bool {
        let due = Instant::now() + WORKING_EVERY;
        {
            let mut q = self.queue.lock_or_recover();
            if !matches!(q.bye, Bye::Unsaid) {
                return false;
            }
            q.working = Some((id, due));
        }
        self.bell.due(due);
        true
    }

    /// The call running, if any.
    pub(crate) fn working(&self) -> Option<u64> {
        self.queue.lock_or_recover().working.map(|(id, _)| id)
    }

    /// Sends the answer to the running call (an encoded frame), waiting
    /// for the client to take it, and after it the goodbye said while the
    /// call ran, if one was. An empty `frame` only ends the call.
    pub(crate) fn reply(&self, frame: &[u8]) -> Result<(), FrameError> {
        {
            let mut guard = self.queue.lock_or_recover();
            let q = &mut *guard;
            q.working = None;
            q.bytes.extend_from_slice(frame);
            if let Bye::AfterCall(bye) = &q.bye {
                q.bytes.extend_from_slice(bye);
                q.bye = Bye::Queued;
            }
        }
        self.flush(true)?;
        Ok(())
    }

    /// Queues the word that the running call still does, if it is due by
    /// `now`, and sends it without waiting. Returns when the next word is
    /// due, if a call runs; fails when the client is to be dropped.
    pub(super) fn beat(&self, now: Instant) -> Result<Option<Instant>, PushError> {
        {
            let mut q = self.queue.lock_or_recover();
            let Some((id, due)) = q.working else {
                return Ok(None);
            };
            if due > now {
                return Ok(Some(due));
            }
            let next = now + WORKING_EVERY;
            q.working = Some((id, next));
            match frame::encode(&ServerMsg::Working { id }) {
                Ok(bytes) => q.push(&bytes)?,
                Err(e) => {
                    tracing::error!("could not say a call still runs: {e}");
                    return Ok(Some(next));
                }
            }
        }
        self.flush(false)?;
        Ok(Some(now + WORKING_EVERY))
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
            if q.said() {
                // The client reads nothing after the goodbye.
                return Ok(());
            }
            q.bytes.extend_from_slice(&bytes);
        }
        self.flush(true)?;
        Ok(())
    }

    /// Hands whole frames to the client without waiting: what its socket
    /// does not take now is sent later. Fails when the client has left
    /// too much unread, or for too long: it is then to be dropped.
    pub(super) fn push(&self, bytes: &[u8]) -> Result<(), PushError> {
        if self.is_closed() {
            return Ok(());
        }
        self.queue.lock_or_recover().push(bytes)?;
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
    /// another thread is writing (it sends them after its own). Closes
    /// the link once a queued goodbye is out, or, without `wait`, when
    /// the socket takes no more of it: a client that reads nothing is not
    /// waited for.
    fn flush(&self, wait: bool) -> io::Result<()> {
        loop {
            if self.is_closed() {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
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
                        if q.said() {
                            self.close();
                        }
                        break;
                    }
                    std::mem::take(&mut q.bytes)
                };
                let sent = match self.write(&out, wait) {
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
                    if q.said() {
                        self.close();
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

    /// Writes what the socket takes: all of it with `wait` (failing once
    /// the socket's write timeout passes with no headway), otherwise what
    /// it takes at once. Never raises SIGPIPE on a client that is gone.
    fn write(&self, bytes: &[u8], wait: bool) -> io::Result<usize> {
        use rustix::net::{SendFlags, send};
        let flags = if wait {
            SendFlags::NOSIGNAL
        } else {
            SendFlags::DONTWAIT | SendFlags::NOSIGNAL
        };
        let mut sent = 0;
        while sent < bytes.len() {
            match send(&self.stream, &bytes[sent..], flags) {
                Ok(0) if wait => return Err(io::ErrorKind::WriteZero.into()),
                Ok(0) => break,
                Ok(n) => sent += n,
                Err(rustix::io::Errno::AGAIN) if wait => {
                    return Err(io::ErrorKind::TimedOut.into());
                }
                Err(rustix::io::Errno::AGAIN) => break,
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(sent)
    }

    /// A goodbye's frame; a goodbye that cannot be encoded (it always
    /// can) closes the link without one.
    fn goodbye_frame(&self, reason: &Goodbye) -> Option<Vec<u8>> {
        let bytes = frame::encode(&ServerMsg::Goodbye {
            reason: reason.clone(),
        });
        if bytes.is_err() {
            self.close();
        }
        bytes.ok()
    }

    /// Tells the client why it is being disconnected, then disconnects
    /// it. Never waits. While a call runs, the goodbye goes out right
    /// after its answer, and no other call is begun; otherwise after what
    /// is queued, the link closing once it is out, or at once when the
    /// socket takes no more of it (a stopping server does not wait for a
    /// client that reads nothing). The first goodbye is the one said.
    pub(crate) fn goodbye(&self, reason: &Goodbye) {
        let Some(bytes) = self.goodbye_frame(reason) else {
            return;
        };
        {
            let mut q = self.queue.lock_or_recover();
            if !matches!(q.bye, Bye::Unsaid) {
                return;
            }
            if q.working.is_some() {
                q.bye = Bye::AfterCall(bytes);
                return;
            }
            q.bytes.extend_from_slice(&bytes);
            q.bye = Bye::Queued;
        }
        let _ = self.flush(false);
    }

    /// Says goodbye now to a client whose call still runs, in place of
    /// the goodbye that was to follow its answer, and disconnects it;
    /// nothing of the call's answer follows. Does nothing once the call
    /// has ended: its answer and goodbye are on their way.
    pub(crate) fn cut_short(&self, reason: &Goodbye) {
        let Some(bytes) = self.goodbye_frame(reason) else {
            return;
        };
        {
            let mut q = self.queue.lock_or_recover();
            if q.working.is_none() || q.said() {
                return;
            }
            q.bytes.extend_from_slice(&bytes);
            q.bye = Bye::Queued;
        }
        let _ = self.flush(false);
        self.close();
    }

    /// Closes the link as its thread ends, unless a goodbye is on its way:
    /// whoever sends it closes the link once it is out.
    pub(crate) fn leave(&self) {
        if !matches!(self.queue.lock_or_recover().bye, Bye::Queued) {
            self.close();
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Goodbye;
    use crate::protocol::Response;

    /// A link and the client's end of its socket.
    fn pair() -> (Arc<Link>, UnixStream) {
        let (server, client) = UnixStream::pair().unwrap();
        server.set_write_timeout(Some(WRITE_TIMEOUT)).unwrap();
        client
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        (Arc::new(Link::new(server, Arc::default())), client)
    }

    fn reply(id: u64, text: String) -> Vec<u8> {
        frame::encode(&ServerMsg::Reply {
            id,
            result: Ok(Response::Text(text)),
        })
        .unwrap()
    }

    /// Everything the client is sent until the link closes, and whether
    /// it closed cleanly (a frame cut short is not clean).
    fn until_closed(client: &mut UnixStream) -> (Vec<ServerMsg>, bool) {
        let mut got = Vec::new();
        loop {
            match frame::read::<ServerMsg>(client) {
                Ok(msg) => got.push(msg),
                Err(FrameError::Closed) => return (got, true),
                Err(_) => return (got, false),
            }
        }
    }

    fn unread(client: &UnixStream) -> usize {
        rustix::io::ioctl_fionread(client).unwrap() as usize
    }

    #[test]
    fn a_goodbye_said_while_a_call_runs_follows_its_answer() {
        let (link, mut client) = pair();
        assert!(link.begin(7));
        link.goodbye(&Goodbye::Stopped);
        // Nothing yet: the call's answer comes first.
        assert_eq!(unread(&client), 0);
        assert!(!link.is_closed());
        // No other call is begun meanwhile.
        assert!(!link.begin(8));
        link.reply(&reply(7, "fini".into())).unwrap();
        let (got, clean) = until_closed(&mut client);
        assert!(clean, "{got:?}");
        assert!(
            matches!(
                &got[..],
                [
                    ServerMsg::Reply { id: 7, result: Ok(Response::Text(t)) },
                    ServerMsg::Goodbye { reason: Goodbye::Stopped },
                ] if t == "fini"
            ),
            "{got:?}"
        );
        assert!(link.is_closed());
    }

    #[test]
    fn a_goodbye_never_cuts_an_answer_short() {
        let (link, mut client) = pair();
        // Far more than the socket holds: the connection's thread waits
        // for the client to read it.
        let big = "x".repeat(4 << 20);
        assert!(link.begin(1));
        let writer = {
            let link = Arc::clone(&link);
            let frame = reply(1, big.clone());
            std::thread::spawn(move || link.reply(&frame))
        };
        // The answer is on its way, and the goodbye is said meanwhile,
        // without waiting.
        let deadline = Instant::now() + Duration::from_secs(20);
        while unread(&client) == 0 {
            assert!(Instant::now() < deadline, "the answer never began");
            std::thread::yield_now();
        }
        link.goodbye(&Goodbye::Stopped);
        let (got, clean) = until_closed(&mut client);
        writer.join().unwrap().unwrap();
        assert!(clean, "cut short after {} frames", got.len());
        assert!(
            matches!(
                &got[..],
                [
                    ServerMsg::Reply { id: 1, result: Ok(Response::Text(t)) },
                    ServerMsg::Goodbye { reason: Goodbye::Stopped },
                ] if *t == big
            ),
            "{} frames",
            got.len()
        );
    }

    #[test]
    fn a_call_cut_short_is_said_so_and_its_answer_goes_nowhere() {
        let (link, mut client) = pair();
        assert!(link.begin(3));
        link.goodbye(&Goodbye::Stopped);
        let cut = Goodbye::DuringCall {
            why: Box::new(Goodbye::Stopped),
            secs: 10,
        };
        link.cut_short(&cut);
        assert!(link.is_closed());
        // The answer, when it comes, is not written to a closed link; it
        // neither blocks nor panics.
        assert!(link.reply(&reply(3, "tard".into())).is_err());
        let (got, clean) = until_closed(&mut client);
        assert!(clean);
        assert!(
            matches!(&got[..], [ServerMsg::Goodbye { reason }] if *reason == cut),
            "{got:?}"
        );
    }

    #[test]
    fn a_call_that_ended_is_not_cut_short() {
        let (link, mut client) = pair();
        assert!(link.begin(3));
        link.goodbye(&Goodbye::Stopped);
        link.reply(&reply(3, "à temps".into())).unwrap();
        link.cut_short(&Goodbye::DuringCall {
            why: Box::new(Goodbye::Stopped),
            secs: 10,
        });
        let (got, _) = until_closed(&mut client);
        assert!(
            matches!(
                &got[..],
                [
                    ServerMsg::Reply { id: 3, .. },
                    ServerMsg::Goodbye {
                        reason: Goodbye::Stopped
                    }
                ]
            ),
            "{got:?}"
        );
    }

    #[test]
    fn no_word_that_a_call_runs_follows_its_answer() {
        let (link, mut client) = pair();
        const CALLS: u64 = 300;
        let done = Arc::new(AtomicBool::new(false));
        // The pusher, saying every call still runs as often as it can.
        let pusher = {
            let (link, done) = (Arc::clone(&link), Arc::clone(&done));
            std::thread::spawn(move || {
                while !done.load(Ordering::Acquire) {
                    let later = Instant::now() + 2 * WORKING_EVERY;
                    link.beat(later).unwrap();
                    std::thread::yield_now();
                }
            })
        };
        let reader = std::thread::spawn(move || {
            let mut answered = 0;
            let mut out_of_order = Vec::new();
            while answered < CALLS {
                match frame::read::<ServerMsg>(&mut client).unwrap() {
                    ServerMsg::Reply { id, .. } => answered = id,
                    ServerMsg::Working { id } if id <= answered => out_of_order.push(id),
                    _ => {}
                }
            }
            out_of_order
        });
        for id in 1..=CALLS {
            assert!(link.begin(id));
            std::thread::yield_now();
            link.reply(&reply(id, String::new())).unwrap();
        }
        let late = reader.join().unwrap();
        done.store(true, Ordering::Release);
        pusher.join().unwrap();
        assert!(late.is_empty(), "said to run after their answer: {late:?}");
    }

    #[test]
    fn nothing_written_to_a_closed_link_blocks_or_panics() {
        let (link, client) = pair();
        assert!(link.begin(1));
        drop(client);
        // The client is gone: the first write finds it so.
        let ping = frame::encode(&ServerMsg::Ping).unwrap();
        let _ = link.push(&ping);
        let _ = link.beat(Instant::now() + WORKING_EVERY);
        assert!(link.is_closed());
        assert!(link.push(&ping).is_ok(), "nothing to hand, nothing to drop");
        assert!(link.retry().is_err());
        assert!(link.reply(&reply(1, String::new())).is_err());
        assert!(link.send(&ServerMsg::Ping).is_err());
        link.goodbye(&Goodbye::Stopped);
        link.cut_short(&Goodbye::Stopped);
    }

    #[test]
    fn a_goodbye_to_a_client_that_reads_nothing_does_not_wait() {
        let (link, client) = pair();
        let event = vec![0u8; 64 << 10];
        let event = frame::encode(&ServerMsg::Reply {
            id: 0,
            result: Ok(Response::Bytes(event)),
        })
        .unwrap();
        // Its socket is full.
        while link.stuck_since().is_none() {
            link.push(&event).unwrap();
        }
        link.goodbye(&Goodbye::Stopped);
        assert!(link.is_closed());
        drop(client);
    }
}
