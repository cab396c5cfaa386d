//! Shared helpers: a fixed clock and a store in a temporary directory.

use std::path::PathBuf;

use cabinet::store::{FILE_NAME, Store};
use jiff::Timestamp;
use jiff::civil::{Date, date};

/// The instant every test write is stamped with.
pub fn now() -> Timestamp {
    "2026-03-15T14:30:00Z".parse().expect("a valid timestamp")
}

/// The day every test runs on.
pub fn today() -> Date {
    date(2026, 3, 15)
}

/// A new, empty store in its own temporary directory.
pub fn temp_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(FILE_NAME);
    let store = Store::open(&path).expect("a new store opens");
    (dir, path, store)
}
