//! Several sessions on one server in this process.

use std::time::Duration;

use cabinet::api::{ApiError, Event, Firm};
use cabinet::model::{Client, Role, ViewQuery};

use super::util::{Firm as TempFirm, expect_event, my_login};

const SOON: Duration = Duration::from_secs(20);

#[test]
fn a_save_in_one_session_reaches_the_others() {
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let (a, b, c) = (firm.client(), firm.client(), firm.client());
    let me = a.session().unwrap().me;
    assert_eq!(me.login, my_login());
    assert_eq!(me.role, Role::Admin, "the first login becomes admin");
    let (b_events, c_events) = (b.subscribe().unwrap(), c.subscribe().unwrap());

    let created = a.create(Client::new("Boulangerie Gagnon")).unwrap();
    for events in [&b_events, &c_events] {
        let e = expect_event(events, SOON, |e| matches!(e, Event::Clients { .. }));
        assert_eq!(
            e,
            Event::Clients {
                changed: vec![(created.id, 1)],
                by: me.id
            }
        );
    }
    assert_eq!(b.get(created.id).unwrap(), created);

    let mut edited = created.clone();
    edited.phone = "418-555-0142".into();
    let saved = a.update(edited).unwrap();
    expect_event(
        &b_events,
        SOON,
        |e| matches!(e, Event::Clients { changed, .. } if changed == &[(created.id, 2)]),
    );
    assert_eq!(c.find("boulangerie gagnon").unwrap().phone, "418-555-0142");
    assert_eq!(saved.version, 2);
    let page = c
        .query(&ViewQuery {
            limit: 10,
            ..ViewQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(c.audit(created.id).unwrap().len(), 2);
}

#[test]
fn a_stale_save_comes_back_as_a_conflict_with_the_current_record() {
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let (a, b) = (firm.client(), firm.client());
    let original = a.create(Client::new("Garage Côté")).unwrap();
    let mut mine = b.get(original.id).unwrap();
    let mut theirs = original.clone();
    theirs.email = "garage@cote.ca".into();
    a.update(theirs).unwrap();
    mine.notes = "Rappeler en mars".into();
    match b.update(mine) {
        Err(ApiError::Conflict { expected, current }) => {
            assert_eq!(expected, 1);
            assert_eq!(current.version, 2);
            assert_eq!(current.email, "garage@cote.ca");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        a.get(original.id).unwrap().notes,
        "",
        "nothing was overwritten"
    );
}

/// A backup over the socket never writes over a file that is there, a
/// dangling link included: the same refusal, and the file left as it was.
#[test]
fn a_backup_over_the_socket_never_overwrites_a_file() {
    use cabinet::api::Refusal;
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let a = firm.client();
    a.create(Client::new("Fromagerie Pelletier")).unwrap();
    let taken = firm.home.path().join("taken.redb");
    std::fs::write(&taken, "mine").unwrap();
    let dangling = firm.home.path().join("link.redb");
    let target = firm.home.path().join("nowhere.redb");
    std::os::unix::fs::symlink(&target, &dangling).unwrap();
    for path in [&taken, &dangling] {
        match a.backup(path) {
            Err(ApiError::Declined(Refusal::BackupExists { path: said })) => {
                assert_eq!(&said, path)
            }
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
    assert!(!target.exists(), "nothing written through the link");
    // A new file is written.
    let fresh = firm.home.path().join("fresh.redb");
    assert_eq!(a.backup(&fresh).unwrap().clients, 1);
    assert!(matches!(
        a.backup(&fresh),
        Err(ApiError::Declined(Refusal::BackupExists { .. }))
    ));
}

#[test]
fn drafts_and_errors_cross_the_socket() {
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let a = firm.client();
    let mut record = Client::new("Nouveau client");
    record.notes = "à compléter".into();
    let draft = cabinet::model::Draft::client(record);
    a.save_draft(&draft).unwrap();
    assert_eq!(a.draft(0).unwrap(), Some(draft));
    a.discard_draft(0).unwrap();
    assert_eq!(a.draft(0).unwrap(), None);
    assert!(matches!(a.get(999), Err(ApiError::NotFound(_))));
    assert!(matches!(
        a.create(Client::new("")),
        Err(ApiError::Invalid(_))
    ));
}

#[test]
fn a_session_says_when_the_server_goes_and_reloads_when_it_is_back() {
    let firm = TempFirm::new();
    let server = firm.embedded();
    let a = firm.client();
    let events = a.subscribe().unwrap();
    let c = a.create(Client::new("Érablière Roy")).unwrap();

    server.stop().unwrap();
    match expect_event(&events, SOON, |e| matches!(e, Event::Disconnected { .. })) {
        Event::Disconnected { reason } => assert_eq!(
            reason,
            cabinet::api::Unreachable::Closed(cabinet::api::Goodbye::Stopped)
        ),
        _ => unreachable!(),
    }
    assert!(matches!(a.get(c.id), Err(ApiError::Unavailable(_))));
    assert!(!a.is_connected());

    // The session reconnects by itself once a server is back, and asks
    // for everything to be reloaded.
    let _server = firm.embedded();
    expect_event(&events, Duration::from_secs(15), |e| *e == Event::Reset);
    assert!(a.is_connected());
    assert_eq!(a.get(c.id).unwrap().display_name, "Érablière Roy");
}

#[test]
fn long_windows_are_fetched_in_pieces() {
    let firm = TempFirm::new();
    let n = cabinet::remote::ROWS_PER_CALL + 150;
    {
        let core = cabinet::api::local::Core::open(&firm.dir).unwrap();
        let me = core.session(&my_login()).unwrap().me().unwrap();
        let clients = (0..n)
            .map(|i| Client::new(format!("Client {i:06}")))
            .collect();
        core.create_many(clients, me.id).unwrap();
    }
    let _server = firm.embedded();
    let a = firm.client();
    let all = a.query(&ViewQuery::all()).unwrap();
    assert_eq!(all.total, n);
    assert_eq!(all.rows.len(), n);
    assert_eq!(all.rows[n - 1].name, format!("Client {:06}", n - 1));
    let window = a
        .query(&ViewQuery {
            offset: 100,
            limit: 30,
            ..ViewQuery::default()
        })
        .unwrap();
    assert_eq!(window.rows.len(), 30);
    assert_eq!(window.rows[0].name, "Client 000100");
}

#[test]
fn without_a_server_or_leave_to_start_one_the_message_says_what_to_do() {
    let firm = TempFirm::new();
    let e = cabinet::remote::Connector::new(&firm.dir)
        .autostart(false)
        .connect()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "no cabinet server is running for {}; start one with `cabinet serve`",
            firm.dir.display()
        )
    );
}

#[test]
fn lead_counts_cross_the_socket_and_match_the_list_filtered_by_lead() {
    use cabinet::model::{LeadCount, LeadFilter, Member};
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let a = firm.client();
    let me = a.session().unwrap().me;
    let bob = a.save_member(Member::new("Bob Roy", "bobroy")).unwrap();
    let ids: Vec<_> = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
        .iter()
        .map(|n| a.create(Client::new(*n)).unwrap().id)
        .collect();
    a.assign_lead(&ids[..3], Some(bob.id)).unwrap();
    a.assign_lead(&ids[3..4], Some(me.id)).unwrap();
    a.set_active(ids[2], false).unwrap();
    let counts = a.lead_counts().unwrap();
    let bob_count = LeadCount {
        member: bob.id,
        active: 2,
        inactive: 1,
    };
    let my_count = LeadCount {
        member: me.id,
        active: 1,
        inactive: 0,
    };
    let mut expected = vec![bob_count, my_count];
    expected.sort_by_key(|c| c.member);
    assert_eq!(counts, expected, "Echo has no lead and is not counted");
    // The same counts the list gives when filtered by each lead.
    for c in &counts {
        let page = a
            .query(&ViewQuery {
                lead: LeadFilter::Member(c.member),
                ..ViewQuery::default()
            })
            .unwrap();
        assert_eq!((page.total, page.inactive_hidden), (c.active, c.inactive));
    }
    a.reassign_leads(bob.id, Some(me.id)).unwrap();
    let counts = a.lead_counts().unwrap();
    assert_eq!(counts.len(), 1, "{counts:?}");
    assert_eq!((counts[0].member, counts[0].all()), (me.id, 4));
}
