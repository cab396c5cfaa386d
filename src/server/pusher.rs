//! The server's one pusher: a single thread that forwards the firm's
//! events to every client, pings those it has sent nothing for a while,
//! and tells each client whose call runs long that it still does.
//!
//! Events are the same for everyone, so each is encoded once and handed
//! to every client's [`Link`] without waiting: what a slow client's socket
//! does not take stays queued for it, and a client that reads nothing for
//! [`WRITE_TIMEOUT`] (or leaves too much unread) is dropped. Neither a
//! slow client nor a long call of another session holds anyone's events
//! up, and a connection needs no thread of its own to hear them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::shared::{Link, PushError, Shared, WRITE_TIMEOUT};
use crate::api::Event;
use crate::protocol::ServerMsg;
use crate::protocol::frame;

/// The longest the pusher sleeps with nothing due; whatever comes due
/// sooner (a new client, a call that begins) wakes it.
const NAP: Duration = Duration::from_secs(10);

/// How soon a client's socket that took only part of what waits for it
/// is tried again, at the least and at the most.
const RETRY: (Duration, Duration) = (Duration::from_millis(5), Duration::from_millis(250));

/// The pusher thread: it reads the clients, the bell that brings it the
/// firm's events and wakes it, and the ping interval from [`Shared`].
pub(super) struct Pusher {
    pub(super) shared: Arc<Shared>,
}

impl Pusher {
    /// Runs until the server stops.
    pub(super) fn run(self) {
        let ping = frame::encode(&ServerMsg::Ping).unwrap_or_default();
        loop {
            let shared = &self.shared;
            let (events, clients) = shared.bell.take(&shared.links);
            for (n, event) in events {
                forward(n, event, &clients);
            }
            let next = self.tend(&clients, &ping);
            if !shared.bell.wait(next) {
                return;
            }
        }
    }

    /// Sends what is due (a "still working", a ping, what waited for a
    /// slow client) and returns when the next thing is. A client that
    /// cannot take what is due is dropped.
    fn tend(&self, clients: &[(u64, Arc<Link>)], ping: &[u8]) -> Instant {
        let now = Instant::now();
        let mut next = now + NAP;
        for (id, link) in clients.iter().filter(|(_, link)| !link.is_closed()) {
            match self.due(link, now, ping) {
                Ok(due) => next = next.min(due),
                Err(e) => drop_client(*id, link, &e),
            }
        }
        next
    }

    /// Sends one client what is due now, and says when its next thing is.
    fn due(&self, link: &Link, now: Instant, ping: &[u8]) -> Result<Instant, PushError> {
        let mut next = now + NAP;
        if let Some(since) = link.stuck_since() {
            link.retry()?;
            let backoff = (now.saturating_duration_since(since) / 4).clamp(RETRY.0, RETRY.1);
            next = next.min(now + backoff);
        }
        if let Some(due) = link.beat(now)? {
            next = next.min(due);
        }
        let ping_every = self.shared.ping_every;
        let ping_at = link.pushed() + ping_every;
        if ping_at <= now {
            link.push(ping)?;
            next = next.min(now + ping_every);
        } else {
            next = next.min(ping_at);
        }
        Ok(next)
    }
}

/// Sends event number `n` to every client counted in before it, encoded
/// once for all.
fn forward(n: u64, event: Event, clients: &[(u64, Arc<Link>)]) {
    let bytes = match frame::encode(&ServerMsg::Event(event)) {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!("an event could not be sent: {e}");
            return;
        }
    };
    for (id, link) in clients {
        if link.hears(n) {
            hand(*id, link, &bytes);
        }
    }
}

/// Hands a frame to a client, dropping it if it cannot take it.
fn hand(id: u64, link: &Link, bytes: &[u8]) {
    if let Err(e) = link.push(bytes) {
        drop_client(id, link, &e);
    }
}

fn drop_client(id: u64, link: &Link, e: &PushError) {
    if !link.is_closed() {
        tracing::info!(
            conn = id,
            "dropping a client that could not be reached: {e} (it reconnects when it reads again; a client that reads nothing is given {} seconds)",
            WRITE_TIMEOUT.as_secs()
        );
    }
    link.close();
}
