//! Files that are not cabinet databases, or that a newer cabinet wrote,
//! are refused with a message naming the file, and are left exactly as
//! they were: not a byte written, no file added beside them.

use std::path::Path;

use cabinet::model::{AuditAction, Client};
use cabinet::store::{FILE_NAME, SCHEMA_VERSION, Store, StoreError};
use redb::TableDefinition;

use super::support::{now, temp_store};

/// Everything in a directory: names and contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Opens `path`, expecting a refusal that names the file and changes
/// nothing in its directory. Returns the error.
fn refused(path: &Path) -> StoreError {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Store::open(path).expect_err("the file must be refused");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "the message does not name the file: {message}"
    );
    let after = snapshot(dir);
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(&before),
        "opening a refused file added or removed files ({message})"
    );
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        let first_change = old.iter().zip(new).position(|(a, b)| a != b);
        assert!(
            old.len() == new.len() && first_change.is_none(),
            "opening a refused file changed {name}: {} bytes before, {} after, first change at {first_change:?} ({message})",
            old.len(),
            new.len()
        );
    }
    err
}

/// Bytes that look like nothing in particular.
fn noise(len: usize, mut x: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// A cabinet database with some clients, closed.
fn cabinet_file(clients: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, store) = temp_store();
    let batch = (0..clients)
        .map(|i| Client::new(format!("Client {i}")))
        .collect();
    store
        .create_many(batch, 1, now(), AuditAction::Imported)
        .unwrap();
    drop(store);
    (dir, path)
}

#[test]
fn random_bytes_are_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, noise(64 * 1024, 0x2545_F491_4F6C_DD1D)).unwrap();
    assert!(matches!(refused(&path), StoreError::NotCabinet { .. }));
}

#[test]
fn a_text_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clients.csv");
    std::fs::write(&path, "name,number\nPlomberie Tremblay inc.,1001\n").unwrap();
    let err = refused(&path);
    assert!(err.to_string().contains("not a cabinet database"), "{err}");
}

#[test]
fn garbage_behind_a_redb_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut bytes = b"redb\x1a\x0a\xa9\x0d\x0a".to_vec();
    bytes.extend(noise(64 * 1024, 7));
    std::fs::write(&path, bytes).unwrap();
    refused(&path);
}

#[test]
fn another_programs_redb_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let db = redb::Database::create(&path).unwrap();
        let tx = db.begin_write().unwrap();
        {
            let mut t = tx
                .open_table(TableDefinition::<&str, u64>::new("invoices"))
                .unwrap();
            t.insert("INV-0001", 12_500).unwrap();
        }
        tx.commit().unwrap();
    }
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotCabinet { .. }), "{err}");
    assert!(
        err.to_string().contains("without cabinet's tables"),
        "{err}"
    );
}

#[test]
fn an_empty_file_becomes_a_new_firm() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.clients().unwrap().is_empty());
}

#[test]
fn a_truncated_database_is_refused() {
    let (_dir, path) = cabinet_file(500);
    let bytes = std::fs::read(&path).unwrap();
    for len in [bytes.len() / 2, 4096, 100] {
        std::fs::write(&path, &bytes[..len]).unwrap();
        refused(&path);
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, path) = cabinet_file(3);
    {
        let db = redb::Database::create(&path).unwrap();
        let tx = db.begin_write().unwrap();
        {
            let mut meta = tx
                .open_table(TableDefinition::<&str, u64>::new("meta"))
                .unwrap();
            meta.insert("schema_version", SCHEMA_VERSION + 1).unwrap();
        }
        tx.commit().unwrap();
    }
    match refused(&path) {
        StoreError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected a newer schema, got {other}"),
    }
}

#[test]
fn a_record_in_a_newer_format_is_reported_not_misread() {
    let (_dir, path) = cabinet_file(2);
    {
        let db = redb::Database::create(&path).unwrap();
        let tx = db.begin_write().unwrap();
        {
            let mut clients = tx
                .open_table(TableDefinition::<u64, &[u8]>::new("clients"))
                .unwrap();
            clients
                .insert(2, [cabinet::codec::FORMAT + 1, 0, 0].as_slice())
                .unwrap();
        }
        tx.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.client(1).unwrap().map(|c| c.display_name),
        Some("Client 0".into())
    );
    let err = store.clients().unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{message}");
    assert!(
        message.contains("client 2") && message.contains("newer cabinet"),
        "{message}"
    );
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn a_file_that_is_open_elsewhere_is_reported_as_in_use() {
    let (_dir, path, store) = temp_store();
    match Store::open(&path) {
        Err(StoreError::InUse { path: p }) => assert_eq!(p, path),
        other => panic!("expected in use, got {other:?}"),
    }
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert!(reopened.clients().unwrap().is_empty());
}
