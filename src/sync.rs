//! Locks that outlive a panic. A thread that panics while it holds a lock
//! leaves the lock poisoned; cabinet's locks guard state that each holder
//! leaves whole between statements (counts, caches, a connection's
//! writer), so every other thread takes the lock back and carries on
//! rather than failing every call after one panic.

use std::sync::{
    Condvar, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard,
    TryLockError,
};
use std::time::Duration;

/// A mutex locked whether or not a holder panicked.
pub(crate) trait LockExt<T: ?Sized> {
    /// Locks, taking the lock back from a thread that panicked with it.
    fn lock_or_recover(&self) -> MutexGuard<'_, T>;
    /// The value, for the mutex's only owner, panic or not.
    fn get_mut_or_recover(&mut self) -> &mut T;
    /// Locks if no other thread holds the lock, panic or not.
    fn try_lock_or_recover(&self) -> Option<MutexGuard<'_, T>>;
}

impl<T: ?Sized> LockExt<T> for Mutex<T> {
    fn lock_or_recover(&self) -> MutexGuard<'_, T> {
        self.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get_mut_or_recover(&mut self) -> &mut T {
        self.get_mut().unwrap_or_else(PoisonError::into_inner)
    }

    fn try_lock_or_recover(&self) -> Option<MutexGuard<'_, T>> {
        match self.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}

/// A condition variable waited on whether or not a holder of its mutex
/// panicked.
pub(crate) trait CondvarExt {
    /// Waits while `cond` holds, taking the lock back from a thread that
    /// panicked with it.
    fn wait_while_or_recover<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        cond: impl FnMut(&mut T) -> bool,
    ) -> MutexGuard<'a, T>;
    /// Waits while `cond` holds, for at most `timeout`, taking the lock
    /// back from a thread that panicked with it.
    fn wait_timeout_while_or_recover<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
        cond: impl FnMut(&mut T) -> bool,
    ) -> MutexGuard<'a, T>;
}

impl CondvarExt for Condvar {
    fn wait_while_or_recover<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        cond: impl FnMut(&mut T) -> bool,
    ) -> MutexGuard<'a, T> {
        self.wait_while(guard, cond)
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn wait_timeout_while_or_recover<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
        cond: impl FnMut(&mut T) -> bool,
    ) -> MutexGuard<'a, T> {
        self.wait_timeout_while(guard, timeout, cond)
            .map_or_else(|p| p.into_inner().0, |(guard, _)| guard)
    }
}

/// A read-write lock taken whether or not a holder panicked.
pub(crate) trait RwLockExt<T: ?Sized> {
    /// Reads, taking the lock back from a thread that panicked with it.
    fn read_or_recover(&self) -> RwLockReadGuard<'_, T>;
    /// Writes, taking the lock back from a thread that panicked with it.
    fn write_or_recover(&self) -> RwLockWriteGuard<'_, T>;
}

impl<T: ?Sized> RwLockExt<T> for RwLock<T> {
    fn read_or_recover(&self) -> RwLockReadGuard<'_, T> {
        self.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_or_recover(&self) -> RwLockWriteGuard<'_, T> {
        self.write().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_poisoned_by_a_panic_is_taken_back() {
        let m = Mutex::new(1);
        let rw = RwLock::new(1);
        std::thread::scope(|s| {
            let _ = s
                .spawn(|| {
                    let _m = m.lock().unwrap();
                    let _rw = rw.write().unwrap();
                    panic!("poisons both");
                })
                .join();
        });
        assert!(m.is_poisoned() && rw.is_poisoned());
        *m.lock_or_recover() += 1;
        *rw.write_or_recover() += 1;
        assert_eq!((*m.lock_or_recover(), *rw.read_or_recover()), (2, 2));
        *m.try_lock_or_recover().unwrap() += 1;
        let mut m = m;
        *m.get_mut_or_recover() += 1;
        assert_eq!(*m.lock_or_recover(), 4);
    }

    #[test]
    fn a_condvar_is_waited_on_after_a_panic() {
        let m = Mutex::new(0);
        let cv = Condvar::new();
        std::thread::scope(|s| {
            let _ = s
                .spawn(|| {
                    let _m = m.lock().unwrap();
                    panic!("poisons it");
                })
                .join();
            assert!(m.is_poisoned());
            let held = m.lock_or_recover();
            assert!(m.try_lock_or_recover().is_none(), "held, so not taken");
            s.spawn(|| {
                *m.lock_or_recover() = 2;
                cv.notify_all();
            });
            let n = cv.wait_while_or_recover(held, |n| *n == 0);
            assert_eq!(*n, 2);
            let n = cv.wait_timeout_while_or_recover(n, Duration::from_millis(1), |n| *n == 2);
            assert_eq!(*n, 2, "timed out, still holding the lock");
        });
    }
}
