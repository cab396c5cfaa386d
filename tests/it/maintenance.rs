//! Backups, restores and checks: in process with several sessions on one
//! firm, and through the real binary on damaged and tampered files.

use std::path::Path;
use std::sync::Arc;

use super::env::Env;
use cabinet::api::local::Core;
use cabinet::api::{ApiError, Event, Firm, Refusal};
use cabinet::model::{Client, Member, ViewQuery};
use redb::{ReadableDatabase, TableDefinition};

const NAMES: TableDefinition<&str, u64> = TableDefinition::new("client_names");
const NUMBERS: TableDefinition<&str, u64> = TableDefinition::new("client_numbers");
const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("clients");
const AUDIT: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("audit");
const ROWS: TableDefinition<u64, &[u8]> = TableDefinition::new("client_rows");

fn total(firm: &dyn Firm) -> usize {
    firm.query(&ViewQuery {
        include_inactive: true,
        ..ViewQuery::all()
    })
    .unwrap()
    .total
}

/// Opens a copy of a firm file in its own directory.
fn open_copy(file: &Path, dir: &Path) -> Arc<Core> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(file, dir.join("firm.redb")).unwrap();
    Core::open(dir).unwrap()
}

#[test]
fn backup_and_restore_while_sessions_are_connected() {
    let tmp = tempfile::tempdir().unwrap();
    let core = Core::open(&tmp.path().join("acme")).unwrap();
    let marie = core.session("marie").unwrap();
    marie.save_member(Member::new("Bob Roy", "bob")).unwrap();
    let bob = core.session("bob").unwrap();
    for i in 0..50 {
        marie.create(Client::new(format!("Client {i:03}"))).unwrap();
    }
    let events = bob.subscribe().unwrap();

    // Bob keeps adding clients while Marie takes the backup.
    let writer = {
        let bob = bob.clone();
        std::thread::spawn(move || {
            for i in 0..200 {
                bob.create(Client::new(format!("Bob {i:03}"))).unwrap();
            }
        })
    };
    let backup = tmp.path().join("backup.redb");
    let taken = marie.backup(&backup).unwrap();
    writer.join().unwrap();
    assert!((50..=250).contains(&taken.clients), "{taken:?}");
    assert_eq!(taken.path, backup);

    // The backup is a consistent firm of its own.
    let copy = open_copy(&backup, &tmp.path().join("copy"));
    let check = copy.check().unwrap();
    assert!(check.is_healthy(), "{check:?}");
    assert_eq!(check.clients as u64, taken.clients);
    assert_eq!(check.history_entries as u64, taken.history_entries);
    drop(copy);

    // Backups are never overwritten, and staff may neither back up nor restore.
    assert!(
        matches!(marie.backup(&backup), Err(ApiError::Declined(Refusal::BackupExists { path })) if path == backup)
    );
    assert!(matches!(
        bob.backup(&tmp.path().join("b2.redb")),
        Err(ApiError::Forbidden { .. })
    ));
    assert!(matches!(
        bob.restore(&backup, true),
        Err(ApiError::Forbidden { .. })
    ));

    marie.create(Client::new("After the backup")).unwrap();
    match marie.restore(&backup, false) {
        Err(ApiError::Declined(Refusal::FirmHasData { clients })) => assert_eq!(clients, 251),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(total(&bob), 251);

    let restored = marie.restore(&backup, true).unwrap();
    assert_eq!(restored.clients as u64, taken.clients);
    let kept = restored
        .replaced
        .clone()
        .expect("the replaced file is kept");
    assert_eq!(kept.parent(), Some(tmp.path().join("acme").as_path()));
    assert!(
        kept.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("firm.redb.replaced-")
    );

    // Bob's session was told, sees the restored firm, and keeps working.
    assert!(events.try_iter().any(|e| e == Event::Reset));
    assert_eq!(total(&bob) as u64, taken.clients);
    assert!(matches!(
        bob.find("After the backup"),
        Err(ApiError::NotFound(_))
    ));
    bob.create(Client::new("Bob after the restore")).unwrap();
    assert_eq!(marie.find("bob after the restore").unwrap().version, 1);
    assert!(core.check().unwrap().is_healthy());

    // Nothing was lost: the replaced file still holds the later client.
    let old = open_copy(&kept, &tmp.path().join("old"));
    let s = old.session("marie").unwrap();
    assert!(s.find("After the backup").is_ok());
    assert_eq!(total(&s), 251);
}

#[test]
fn a_restore_refuses_what_is_not_a_sound_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let firm_dir = tmp.path().join("acme");
    let core = Core::open(&firm_dir).unwrap();
    let marie = core.session("marie").unwrap();
    marie.create(Client::new("Alpha")).unwrap();

    let text = tmp.path().join("clients.csv");
    std::fs::write(&text, "Name\nAlpha\n").unwrap();
    let empty = tmp.path().join("empty.redb");
    std::fs::write(&empty, "").unwrap();
    let foreign = tmp.path().join("foreign.redb");
    {
        let db = redb::Database::create(&foreign).unwrap();
        let tx = db.begin_write().unwrap();
        tx.open_table(TableDefinition::<u64, u64>::new("other"))
            .unwrap()
            .insert(1, 2)
            .unwrap();
        tx.commit().unwrap();
    }
    let bare = tmp.path().join("bare.redb");
    redb::Database::create(&bare).unwrap();
    // A backup whose name index was tampered with fails its check.
    let tampered = tmp.path().join("tampered.redb");
    marie.backup(&tampered).unwrap();
    {
        let db = redb::Database::open(&tampered).unwrap();
        let tx = db.begin_write().unwrap();
        tx.open_table(NAMES).unwrap().remove("alpha").unwrap();
        tx.commit().unwrap();
    }

    for (file, reason) in [
        (&text, "not a cabinet database"),
        (&empty, "the file is empty"),
        (&foreign, "not a cabinet database"),
        (&bare, "without cabinet's tables"),
        (&tampered, "it fails its check"),
        (&tmp.path().join("missing.redb"), "no such file"),
    ] {
        let e = marie.restore(file, true).unwrap_err().to_string();
        assert!(e.contains(reason), "{}: {e}", file.display());
    }
    assert_eq!(marie.find("Alpha").unwrap().version, 1);
    let left: Vec<_> = std::fs::read_dir(&firm_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["firm.redb"], "a refused restore left files behind");
}

#[test]
fn check_finds_tampered_indexes_history_and_records() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha", "--number", "1"]);
    env.ok(&["add", "--name", "Bravo", "--number", "2"]);
    let out = env.ok(&["check"]);
    assert!(out.contains("redb's integrity check passed"), "{out}");
    assert!(
        out.contains("2 clients, 1 team member, 2 history entries"),
        "{out}"
    );
    assert!(out.contains("The indexes and the history match"), "{out}");

    // Tamper with the file behind the server's back: stop it first.
    super::server::util::stop_server(env.firm());
    let file = env.firm().join("firm.redb");
    {
        let db = redb::Database::open(&file).unwrap();
        let tx = db.begin_write().unwrap();
        {
            let mut names = tx.open_table(NAMES).unwrap();
            names.remove("alpha").unwrap();
            names.insert("ghost", 99).unwrap();
            tx.open_table(NUMBERS).unwrap().insert("2", 1).unwrap();
            tx.open_table(AUDIT).unwrap().remove((2, 0)).unwrap();
            // Alpha's list row now says something its record does not.
            let mut wrong = Client::new("Alpha renamed behind its back");
            wrong.id = 1;
            let row = cabinet::codec::encode(&cabinet::model::ClientRow::of(&wrong));
            tx.open_table(ROWS)
                .unwrap()
                .insert(1, row.as_slice())
                .unwrap();
        }
        tx.commit().unwrap();
    }
    let (out, err) = env.fails(6, &["check"]);
    for expected in [
        "5 Problems between the client records and their indexes or history:",
        "client #1: the list row does not match the record",
        "client #1: \"alpha\" is missing from the name index",
        "the name index sends \"ghost\" to client #99, which does not have it",
        "client #2: the number index sends \"2\" to client #1",
        "client #2 has no history",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(err.contains("cabinet restore BACKUP-FILE --force"), "{err}");
    let o = env.cmd(&["check", "--json"]);
    assert_eq!(o.status.code(), Some(6));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["integrity"], "clean");
    assert_eq!(r["healthy"], false);
    let problems = r["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["problem"] == "no-history" && p["client"] == 2),
        "{r}"
    );

    // A record that does not decode leaves the list working (it reads the
    // rows), but opening that client says what is wrong, and the check
    // names it.
    super::server::util::stop_server(env.firm());
    {
        let db = redb::Database::open(&file).unwrap();
        let tx = db.begin_write().unwrap();
        tx.open_table(CLIENTS)
            .unwrap()
            .insert(2, [1u8, 0xFF, 0xFF, 0xFF].as_slice())
            .unwrap();
        tx.commit().unwrap();
        let read = db.begin_read().unwrap();
        assert_eq!(
            read.open_table(CLIENTS)
                .unwrap()
                .get(2)
                .unwrap()
                .unwrap()
                .value(),
            [1, 0xFF, 0xFF, 0xFF]
        );
    }
    assert!(env.ok(&["list"]).contains("Bravo"));
    let (_, err) = env.fails(1, &["show", "#2"]);
    assert!(err.contains("run `cabinet check`"), "{err}");
    let (out, _) = env.fails(6, &["check"]);
    assert!(out.contains("client #2 cannot be read"), "{out}");
    assert!(!out.contains("client #2: the list row"), "{out}");
}

/// Overwrites everything after the first page of a file.
fn scribble(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0x5A;
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn a_damaged_file_gets_a_clear_report_and_a_way_back() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha"]);
    env.ok(&["add", "--name", "Bravo"]);
    let backup = env.path("backup.redb");
    let backup = backup.to_str().unwrap();
    let out = env.ok(&["backup", backup]);
    assert!(
        out.contains("Backed up 2 clients, 1 team member and 2 history entries"),
        "{out}"
    );
    let (_, err) = env.fails(2, &["backup", backup]);
    assert!(err.contains("already exists"), "{err}");
    env.ok(&["add", "--name", "Charlie"]);

    super::server::util::stop_server(env.firm());
    scribble(&env.firm().join("firm.redb"));
    let (_, err) = env.fails(1, &["list"]);
    assert!(err.contains("damaged"), "{err}");
    assert!(
        err.contains("restore a backup with `cabinet restore FILE`"),
        "{err}"
    );
    let (out, err) = env.fails(6, &["check"]);
    assert!(out.contains("DAMAGED"), "{out}");
    assert!(err.contains("cabinet restore BACKUP-FILE"), "{err}");

    // A damaged file is replaced without --force, and kept.
    let out = env.ok(&["restore", backup]);
    assert!(
        out.contains("Restored 2 clients and 1 team member"),
        "{out}"
    );
    assert!(out.contains("The replaced firm file is kept as"), "{out}");
    let names: Vec<_> = env
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Alpha", "Bravo"]);
    assert!(env.ok(&["check"]).contains("match the client records"));
    let kept = std::fs::read_dir(env.firm())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_str()
                .unwrap()
                .starts_with("firm.redb.replaced-")
        })
        .count();
    assert_eq!(kept, 1);

    // A sound firm with clients is only replaced with --force.
    let (_, err) = env.fails(2, &["restore", backup]);
    assert!(err.contains("run the restore with --force"), "{err}");
}

#[test]
fn a_backup_restores_into_a_new_firm_directory() {
    let a = Env::new();
    a.ok(&["add", "--name", "Alpha", "--number", "1"]);
    // A relative path is the caller's, not the firm process's.
    a.ok(&["backup", "acme.redb"]);
    let backup = a.path("acme.redb");
    assert!(backup.exists());
    let (_, err) = a.fails(2, &["backup", "/nonexistent/folder/acme.redb"]);
    assert!(err.contains("cannot write the backup"), "{err}");
    assert!(err.contains("does not exist"), "{err}");

    // Backups hold every SIN: their owner's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");

    let b = Env::bare();
    let out = b.ok(&["restore", backup.to_str().unwrap()]);
    assert!(out.contains("Restored 1 client and 1 team member"), "{out}");
    assert!(!out.contains("kept as"), "{out}");
    assert_eq!(b.clients(), a.clients());
    // Nothing was replaced, so nothing was kept aside.
    let kept = std::fs::read_dir(b.firm())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("replaced")
        })
        .count();
    assert_eq!(kept, 0);
}

#[test]
fn a_backup_from_the_first_schema_restores_and_migrates_with_every_item() {
    let fixture =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/firm-v1.redb");
    let env = Env::new();
    let backup = env.path("old-backup.redb");
    std::fs::copy(&fixture, &backup).unwrap();
    // The fixture's team does not hold whoever runs the tests, so the
    // restore is forced past the lock-out check.
    let out = env.ok(&["restore", "--force", backup.to_str().unwrap()]);
    assert!(
        out.contains("Restored 4 clients and 3 team members"),
        "{out}"
    );
    // The firm file now reads in this build's schema: every product,
    // document and return is there, each with an id of its own.
    super::server::util::stop_server(env.firm());
    let store = cabinet::store::Store::open(&env.firm().join("firm.redb")).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        cabinet::store::SCHEMA_VERSION
    );
    let plomberie = store.client(1).unwrap().unwrap();
    assert_eq!(plomberie.products.len(), 2);
    assert_eq!(plomberie.documents.len(), 2);
    assert_eq!(plomberie.tax_returns.len(), 3);
    let ids: Vec<u32> = plomberie
        .products
        .iter()
        .map(|p| p.id)
        .chain(plomberie.documents.iter().map(|d| d.id))
        .chain(plomberie.tax_returns.iter().map(|r| r.id))
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(plomberie.next_item, 8);
    assert_eq!(plomberie.tax_returns[2].form.label(), "T5013");
}
