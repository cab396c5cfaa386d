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

use std::collections::{HashMap, HashSet};
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
        state
            .done
            .retain(|_, (at, _)| now.duration_since(*at) < KEEP);
        if state.done.len() >= MOST
            && let Some(oldest) = state
                .done
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| *k)
        {
            state.done.remove(&oldest);
        }
        state.done.insert(key, (now, answer.clone()));
        drop(state);
        self.finished.notify_all();
        answer
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
}
