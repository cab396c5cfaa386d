//! Changes sent once: a client that lost its connection after sending a
//! change sends it again with the same key, and the server answers with
//! what the first one did instead of doing it twice.
//!
//! Each change that may be retried carries a random key; the server
//! remembers, per Unix user, the answer to each key for ten minutes. A
//! retry that arrives while the first is still running waits for it, so
//! whichever copy arrives first is the only one carried out. The memory
//! lives in the server process: a client retries only on the same server
//! (the same process id), never on a new one.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::protocol::Response;

/// How long an answer is kept for a retry.
const KEEP: Duration = Duration::from_secs(10 * 60);

/// The most answers kept at once; the oldest go first.
const MOST: usize = 10_000;

type Key = (u32, u64);
type Answer = Result<Response, ApiError>;

/// The answers to changes sent with a key.
#[derive(Debug, Default)]
pub(super) struct Memory {
    state: Mutex<State>,
    finished: Condvar,
}

#[derive(Debug, Default)]
struct State {
    done: HashMap<Key, (Instant, Answer)>,
    /// The keys of `done` in the order they were answered, oldest first,
    /// so that forgetting looks only at the keys to forget.
    order: VecDeque<(Instant, Key)>,
    running: HashSet<Key>,
}

impl Memory {
    /// Runs `f` for this user's key unless it ran already (or is running),
    /// in which case its answer is given again.
    pub(crate) fn once(&self, uid: u32, key: u64, f: impl FnOnce() -> Answer) -> Answer {
        let key = (uid, key);
        {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                if let Some((_, answer)) = state.done.get(&key) {
                    tracing::info!("answered a repeated change from its first answer");
                    return answer.clone();
                }
                if !state.running.contains(&key) {
                    state.running.insert(key);
                    break;
                }
                state = self.finished.wait(state).unwrap_or_else(|p| p.into_inner());
            }
        }
        // Whatever happens in `f` (it catches panics), the key is freed.
        let answer = f();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.running.remove(&key);
        let now = Instant::now();
        state.forget(now);
        state.done.insert(key, (now, answer.clone()));
        state.order.push_back((now, key));
        drop(state);
        self.finished.notify_all();
        answer
    }
}

impl State {
    /// Forgets answers older than [`KEEP`], and the oldest ones beyond
    /// [`MOST`], oldest first.
    fn forget(&mut self, now: Instant) {
        while let Some(&(at, key)) = self.order.front() {
            if now.duration_since(at) < KEEP && self.done.len() < MOST {
                break;
            }
            self.order.pop_front();
            // A key answered again later has a later entry of its own.
            if self.done.get(&key).is_some_and(|(kept, _)| *kept == at) {
                self.done.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_key_runs_once_per_user_even_when_repeated_at_once() {
        let memory = Arc::new(Memory::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (memory, runs) = (Arc::clone(&memory), Arc::clone(&runs));
                std::thread::spawn(move || {
                    memory.once(1, 42, || {
                        runs.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        Ok(Response::Count(7))
                    })
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), Ok(Response::Count(7)));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        // Another user's key of the same value is another change.
        assert_eq!(
            memory.once(2, 42, || Ok(Response::Done)),
            Ok(Response::Done)
        );
    }

    #[test]
    fn a_bulk_write_s_finish_is_sent_with_a_key_but_not_its_pieces() {
        use crate::protocol::Request;
        assert!(Request::BulkFinish { commit: true }.is_replayable());
        assert!(Request::BulkFinish { commit: false }.is_replayable());
        assert!(!Request::BulkBegin.is_replayable());
        assert!(!Request::BulkAdd(crate::api::Batch::default()).is_replayable());
    }

    #[test]
    fn the_oldest_answers_go_first_beyond_the_most_kept() {
        let memory = Memory::default();
        for key in 0..(MOST as u64 + 5) {
            let _ = memory.once(1, key, || Ok(Response::Count(key)));
        }
        let state = memory.state.lock().unwrap();
        assert_eq!(state.done.len(), MOST);
        assert_eq!(state.order.len(), MOST);
        assert!(!state.done.contains_key(&(1, 4)));
        assert!(state.done.contains_key(&(1, 5)));
        drop(state);
        // A forgotten key runs again; a kept one does not.
        assert_eq!(memory.once(1, 0, || Ok(Response::Done)), Ok(Response::Done));
        assert_eq!(
            memory.once(1, 7, || Ok(Response::Done)),
            Ok(Response::Count(7))
        );
    }
}
