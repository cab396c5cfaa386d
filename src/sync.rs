//! Locks that outlive a panic. A thread that panics while it holds a lock
//! leaves the lock poisoned; cabinet's locks guard state that each holder
//! leaves whole between statements (counts, caches, a connection's
//! writer), so every other thread takes the lock back and carries on
//! rather than failing every call after one panic.

use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A mutex locked whether or not a holder panicked.
pub(crate) trait LockExt<T: ?Sized> {
    /// Locks, taking the lock back from a thread that panicked with it.
    fn lock_or_recover(&self) -> MutexGuard<'_, T>;
    /// The value, for the mutex's only owner, panic or not.
    fn get_mut_or_recover(&mut self) -> &mut T;
}

impl<T: ?Sized> LockExt<T> for Mutex<T> {
    fn lock_or_recover(&self) -> MutexGuard<'_, T> {
        self.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get_mut_or_recover(&mut self) -> &mut T {
        self.get_mut().unwrap_or_else(PoisonError::into_inner)
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
        let mut m = m;
        *m.get_mut_or_recover() += 1;
        assert_eq!(*m.lock_or_recover(), 3);
    }
}
