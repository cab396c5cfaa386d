//! Bulk work through the real binary and a real server: imports, exports
//! and the demo go over the socket in pieces, and keep their promises
//! (all or nothing, a dry run that predicts the import, nothing left
//! behind by a failure).

use std::fmt::Write as _;

use cabinet::api::{ApiError, Batch, Firm, PROVISIONAL};
use cabinet::i18n::Lang;
use cabinet::model::{Client, Member, ViewQuery};

use super::env::Env;
use super::server::util;

/// A client list of `rows` rows in QuickBooks' English columns.
fn client_list(rows: usize, first: usize) -> String {
    let cities = ["Montréal", "Québec", "Laval", "Gatineau", "Lévis"];
    let mut s = String::from("Client Number,Name,Company,Email,Phone,City,Province,Notes\r\n");
    for i in first..first + rows {
        let city = cities[i % cities.len()];
        let _ = write!(
            s,
            "C{i},\"Atelier Côté {i}, inc.\",Atelier Côté,compta{i}@exemple.ca,514-555-{:04},{city},QC,\"client depuis {}\"\r\n",
            i % 10_000,
            1990 + i % 35,
        );
    }
    s
}

fn total(env: &Env) -> usize {
    env.json(&["list", "--include-inactive", "--json"])
        .as_array()
        .unwrap()
        .len()
}

/// Imports `rows` generated rows, exports them, imports the export into
/// a new firm and exports that: the two exports are the same.
fn round_trip(rows: usize) {
    let a = Env::new();
    let file = a.file("clients.csv", client_list(rows, 0));
    let out = a.ok(&["import", &file]);
    assert!(out.contains(&format!("{} created", grouped(rows))), "{out}");
    assert_eq!(total(&a), rows);

    // The firm's own export goes back in whole, and comes out the same.
    let exported = a.path("export.csv");
    a.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        exported.to_str().unwrap(),
    ]);
    let b = Env::new();
    let out = b.ok(&["import", exported.to_str().unwrap()]);
    assert!(out.contains(&format!("{} created", grouped(rows))), "{out}");
    let again = b.path("again.csv");
    b.ok(&["export", "--format", "csv", "-o", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let json = b.json(&["list", "--json"]);
    let listed = json.as_array().unwrap();
    assert_eq!(listed.len(), rows);
    let last = format!("C{}", rows - 1);
    assert!(listed.iter().any(|r| r["number"] == last.as_str()));
}

/// A count as the English report writes it: 100,000.
fn grouped(n: usize) -> String {
    cabinet::i18n::number(Lang::En, n as u64)
}

#[test]
fn an_import_and_its_export_make_the_same_firm_again() {
    round_trip(20_000);
}

/// The size; a few seconds each way in a release build, minutes
/// in a debug one: `cargo test --release --test it -- --ignored bulk`.
#[test]
#[ignore]
fn a_100000_row_import_and_its_export_make_the_same_firm_again() {
    round_trip(100_000);
}

#[test]
fn a_dry_run_predicts_the_import_and_writes_nothing() {
    let env = Env::new();
    let first = env.file("first.csv", client_list(3000, 0));
    env.ok(&["import", &first]);
    // Half the rows are already in the firm, and change; half are new.
    let mut changed = client_list(6000, 1500).replace("514-555-", "438-555-");
    changed.push_str("C9999999,\"Nouveau client\",,pas-un-courriel,,,,\r\n");
    let file = env.file("second.csv", changed);
    let args = |extra: &[&'static str]| {
        let mut v = vec![
            "import",
            file.as_str(),
            "--on-duplicate",
            "update",
            "--json",
        ];
        v.extend_from_slice(extra);
        v
    };

    // Invalid rows stop both, the same way, and nothing is written.
    let (dry, _) = env.fails(2, &args(&["--dry-run"]));
    let (real, _) = env.fails(2, &args(&[]));
    let (dry, real): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&dry).unwrap(),
        serde_json::from_str(&real).unwrap(),
    );
    assert_eq!(dry["invalid"], 1);
    assert_eq!(dry["issues"], real["issues"]);
    assert_eq!(total(&env), 3000);

    // With invalid rows skipped, the dry run's counts are the import's.
    let dry = env.json(&args(&["--dry-run", "--skip-invalid"]));
    assert_eq!(dry["written"], false);
    assert_eq!(total(&env), 3000);
    assert_eq!(
        env.json(&["show", "C2000", "--json"])["phone"],
        "514-555-2000"
    );
    let real = env.json(&args(&["--skip-invalid"]));
    assert_eq!(real["written"], true);
    for key in ["created", "updated", "skipped", "invalid", "rows"] {
        assert_eq!(dry[key], real[key], "{key}");
    }
    assert_eq!(real["created"], 4500);
    assert_eq!(real["updated"], 1500);
    assert_eq!(total(&env), 7500);
    assert_eq!(
        env.json(&["show", "C2000", "--json"])["phone"],
        "438-555-2000"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let env = Env::new();
    let path = env.path("huge.csv");
    // A sparse file: its size is over the limit, its blocks are not.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(cabinet::transfer::MAX_FILE + 1).unwrap();
    let (_, err) = env.fails(2, &["import", path.to_str().unwrap()]);
    assert!(err.contains("536,870,913 bytes"), "{err}");
    assert!(err.contains("536,870,912 bytes"), "{err}");
    let (_, err) = env.fails(2, &["import", path.to_str().unwrap(), "--dry-run"]);
    assert!(err.contains("536,870,913 bytes"), "{err}");
}

#[test]
fn the_demo_fills_a_firm_through_the_server_in_one_piece() {
    let env = Env::new();
    let out = env.ok(&["demo", "--clients", "30000"]);
    assert!(out.contains("30000") || out.contains("30,000"), "{out}");
    assert_eq!(total(&env), 30_000);
    let team = env.json(&["team", "list", "--json"]);
    assert!(team.as_array().unwrap().len() > 3, "{team}");
    // A second demo is refused and changes nothing.
    let (_, err) = env.fails(2, &["demo", "--clients", "10"]);
    assert!(err.contains("30,000") || err.contains("30000"), "{err}");
    assert_eq!(total(&env), 30_000);
}

/// A bulk with a new member and clients that name them.
fn bulk_with_team(numbers: std::ops::Range<usize>) -> Batch {
    let mut member = Member::new("Paul Roy", "paul");
    member.id = 0;
    Batch {
        members: vec![member],
        creates: numbers
            .map(|i| {
                let mut c = Client::new(format!("Client {i}").as_str());
                c.number = Some(format!("{i}"));
                c.lead = Some(PROVISIONAL);
                c
            })
            .collect(),
        updates: Vec::new(),
    }
}

#[test]
fn a_failed_bulk_leaves_no_team_member_behind() {
    let firm = util::Firm::new();
    let _server = firm.spawn_server();
    let s = firm.client();
    let other = firm.client();
    let team = s.team().unwrap().len();
    s.bulk_begin().unwrap();
    s.bulk_add(bulk_with_team(1..500)).unwrap();
    s.bulk_add(Batch {
        creates: bulk_with_team(500..1000).creates,
        ..Batch::default()
    })
    .unwrap();
    // Someone takes a number the bulk holds before it is written.
    let mut taken = Client::new("Arrivé entre-temps");
    taken.number = Some("700".into());
    other.create(taken).unwrap();
    match s.bulk_finish(true) {
        Err(ApiError::Invalid(errors)) => {
            assert!(
                errors.iter().any(|e| e.field.contains("number")),
                "{errors:?}"
            )
        }
        other => panic!("expected the duplicate number to stop the bulk, got {other:?}"),
    }
    assert_eq!(s.team().unwrap().len(), team);
    assert_eq!(count(&s), 1);

    // A client that goes away mid-bulk leaves nothing either.
    let gone = firm.client();
    gone.bulk_begin().unwrap();
    gone.bulk_add(bulk_with_team(2000..2500)).unwrap();
    drop(gone);
    // Once the bulk has gone with its session, a bulk that does finish
    // writes the member and its clients together.
    s.bulk_begin().unwrap();
    s.bulk_add(bulk_with_team(3000..3500)).unwrap();
    let done = s.bulk_finish(true).unwrap();
    assert_eq!(done.created, 500);
    let team_now = s.team().unwrap();
    assert_eq!(team_now.len(), team + 1);
    let paul = team_now.iter().find(|m| m.login == "paul").unwrap();
    let c = s.find("3000").unwrap();
    assert_eq!(c.lead, Some(paul.id));
    assert_eq!(count(&s), 501);
    assert!(s.find("2000").is_err());
}

fn count(firm: &dyn Firm) -> usize {
    firm.query(&ViewQuery {
        include_inactive: true,
        limit: 0,
        ..ViewQuery::default()
    })
    .unwrap()
    .total
}

#[test]
fn a_dry_bulk_counts_what_the_real_one_writes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = cabinet::api::local::Core::open(&dir.path().join("acme")).unwrap();
    let s = core.session("marie").unwrap();
    let run = |commit: bool| {
        s.bulk_begin().unwrap();
        s.bulk_add(bulk_with_team(1..2001)).unwrap();
        s.bulk_finish(commit)
    };
    let dry = run(false).unwrap();
    assert_eq!(dry.created, 2000);
    assert_eq!(s.team().unwrap().len(), 1);
    assert_eq!(count(&s), 0);
    let real = run(true).unwrap();
    assert_eq!(real, dry);
    assert_eq!(s.team().unwrap().len(), 2);
    assert_eq!(count(&s), 2000);
    // Finishing twice is refused: the bulk was written and closed.
    assert!(matches!(
        s.bulk_finish(true),
        Err(ApiError::Declined(cabinet::api::Refusal::NoBulkOpen))
    ));
}
