//! What the accept loop and the connection threads share: the
//! [`Stopper`], the count of open connections ([`Slot`]), the clients
//! events reach, and each connection's write half ([`Link`]).
//!
//! It sits below both [`super::listener`] and [`super::connection`], so
//! neither needs the other's types.

use std::collections::HashMap;
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::peer::Peer;
use crate::api::Busy;
use crate::api::local::Core;
use crate::protocol::ServerMsg;
use crate::protocol::frame::{self, FrameError};

/// Stops a running server, from any thread.
#[derive(Debug, Clone)]
pub(crate) struct Stopper {
    inner: Arc<StopInner>,
}

#[derive(Debug)]
struct StopInner {
    reason: Mutex<Option<String>>,
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
    pub(crate) fn stop(&self, reason: &str) {
        self.inner
            .reason
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert_with(|| reason.to_owned());
        self.nudge();
    }

    /// Why the server is stopping, once it is.
    pub(crate) fn reason(&self) -> Option<String> {
        self.inner
            .reason
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
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
                    stopper.stop(&format!("the server was stopped ({name})"));
                }
            })?;
        Ok(())
    }
}

/// What every connection thread shares with the accept loop.
#[derive(Debug)]
pub(super) struct Shared {
    pub(crate) core: Arc<Core>,
    pub(crate) stopper: Stopper,
    pub(crate) ping_every: Duration,
    pub(crate) frame_deadline: Duration,
    /// Record why the server stopped in the firm's last words.
    pub(crate) last_words: bool,
    pub(crate) links: Mutex<HashMap<u64, Arc<Link>>>,
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
        let mut open = self.shared.open.lock().unwrap_or_else(|p| p.into_inner());
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
        self.links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, link);
        self.stopper.nudge();
    }

    /// Counts a client out.
    pub(crate) fn unregister(&self, id: u64) {
        self.links
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        self.stopper.nudge();
    }

    /// Counts a new connection in, or says why it may not open.
    pub(crate) fn admit(self: &Arc<Self>, peer: &Peer) -> Result<Slot, Busy> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
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
        self.links.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// The write half of a connection, shared by its two threads.
#[derive(Debug)]
pub(super) struct Link {
    writer: Mutex<UnixStream>,
    closed: AtomicBool,
    /// The call being answered, if any.
    working: Mutex<Option<u64>>,
    /// Woken when a call starts or the link closes.
    changed: Condvar,
}

impl Link {
    pub(crate) fn new(stream: UnixStream) -> Self {
        Link {
            writer: Mutex::new(stream),
            closed: AtomicBool::new(false),
            working: Mutex::new(None),
            changed: Condvar::new(),
        }
    }

    pub(crate) fn set_working(&self, call: Option<u64>) {
        *self.working.lock().unwrap_or_else(|p| p.into_inner()) = call;
        self.changed.notify_all();
    }

    pub(crate) fn working(&self) -> Option<u64> {
        *self.working.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits up to `timeout` while no call runs (or, with `running`,
    /// while one does), returning early when the link closes. Returns
    /// the call running at the end.
    pub(super) fn wait_working(&self, timeout: Duration, running: bool) -> Option<u64> {
        let working = self.working.lock().unwrap_or_else(|p| p.into_inner());
        let (working, _) = self
            .changed
            .wait_timeout_while(working, timeout, |w| {
                w.is_some() == running && !self.is_closed()
            })
            .unwrap_or_else(|p| p.into_inner());
        *working
    }

    /// Sends one message as a whole frame.
    pub(crate) fn send<T: serde::Serialize>(&self, msg: &T) -> Result<(), FrameError> {
        let bytes = frame::encode(msg)?;
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        std::io::Write::write_all(&mut *w, &bytes)?;
        Ok(())
    }

    /// Tells the client why it is being disconnected, then disconnects it.
    pub(crate) fn goodbye(&self, reason: &str) {
        let _ = self.send(&ServerMsg::Goodbye {
            reason: reason.to_owned(),
        });
        self.close();
    }

    /// Shuts the socket in both directions, which ends both threads.
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        {
            let w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            let _ = w.shutdown(Shutdown::Both);
        }
        // Taken so that a waiter between its check and its wait hears it.
        let _working = self.working.lock().unwrap_or_else(|p| p.into_inner());
        self.changed.notify_all();
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}
