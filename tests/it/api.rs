//! The firm API, in process: what every front end relies on.

use std::sync::Arc;

use cabinet::api::local::{Core, LocalSession};
use cabinet::api::{ApiError, Event, Firm};
use cabinet::model::{Client, ClientKind, Member, Role, Rule, ViewQuery};

fn firm() -> (tempfile::TempDir, Arc<Core>, LocalSession) {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(&dir.path().join("acme")).unwrap();
    let s = core.session("marie").unwrap();
    (dir, core, s)
}

#[test]
fn first_login_becomes_admin_and_strangers_are_refused() {
    let (_d, core, s) = firm();
    let me = s.session().unwrap().me;
    assert_eq!(me.login, "marie");
    assert_eq!(me.role, Role::Admin);
    match core.session("bob") {
        Err(ApiError::NotMember { login, admins }) => {
            assert_eq!(login, "bob");
            assert_eq!(admins, vec!["marie".to_string()]);
        }
        other => panic!("expected NotMember, got {other:?}"),
    }
}

#[test]
fn create_update_and_conflict() {
    let (_d, _core, s) = firm();
    let events = s.subscribe().unwrap();
    let c = s.create(Client::new("Plomberie Tremblay inc.")).unwrap();
    assert_eq!(c.version, 1);
    assert!(matches!(events.try_recv(), Ok(Event::Clients { .. })));

    let mut a = c.clone();
    a.phone = "514-555-0199".into();
    let a = s.update(a).unwrap();
    assert_eq!(a.version, 2);

    // An edit made on version 1 is refused and carries the current record.
    let mut stale = c.clone();
    stale.email = "info@tremblay.ca".into();
    match s.update(stale) {
        Err(ApiError::Conflict { expected, current }) => {
            assert_eq!(expected, 1);
            assert_eq!(current.phone, "514-555-0199");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(s.get(c.id).unwrap().email, "");

    let history = s.audit(c.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].changes[0].field, "phone");
}

#[test]
fn names_and_numbers_are_unique() {
    let (_d, _core, s) = firm();
    let mut a = Client::new("Côté et fils");
    a.number = Some("1001".into());
    s.create(a).unwrap();
    let mut b = Client::new("CÔTÉ ET FILS");
    b.number = Some("1001".into());
    match s.create(b) {
        Err(ApiError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["name", "number"]);
            assert_eq!(
                errors[0].rule,
                Rule::Duplicate {
                    other: "Côté et fils".into()
                }
            );
        }
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn inactive_clients_are_hidden_but_kept() {
    let (_d, _core, s) = firm();
    let a = s.create(Client::new("Alpha")).unwrap();
    s.create(Client::new("Bravo")).unwrap();
    s.set_active(a.id, false).unwrap();
    let page = s.query(&ViewQuery::all()).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.inactive_hidden, 1);
    let page = s
        .query(&ViewQuery {
            include_inactive: true,
            ..ViewQuery::all()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    assert!(!page.rows[0].active);
    let back = s.set_active(a.id, true).unwrap();
    assert!(back.is_active());
    assert_eq!(back.version, 3);
}

#[test]
fn only_admins_assign_leads() {
    let (_d, core, s) = firm();
    let mut bob = Member::new("Bob Roy", "bob");
    bob.role = Role::Staff;
    let bob = s.save_member(bob).unwrap();
    let c = s.create(Client::new("Alpha")).unwrap();
    let bob_s = core.session("bob").unwrap();
    assert!(matches!(
        bob_s.assign_lead(&[c.id], Some(bob.id)),
        Err(ApiError::Forbidden { .. })
    ));
    assert_eq!(s.assign_lead(&[c.id], Some(bob.id)).unwrap(), 1);
    let row = &s.query(&ViewQuery::all()).unwrap().rows[0];
    assert_eq!(row.lead_name, "Bob Roy");
    // Bob leads a client, so he cannot be deactivated yet.
    let mut gone = bob.clone();
    gone.active = false;
    assert!(matches!(s.save_member(gone), Err(ApiError::Invalid(_))));
}

#[test]
fn data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme");
    {
        let core = Core::open(&path).unwrap();
        let s = core.session("marie").unwrap();
        let mut c = Client::new("Dupuis");
        c.kind = ClientKind::Individual;
        s.create(c).unwrap();
    }
    let core = Core::open(&path).unwrap();
    let s = core.session("marie").unwrap();
    assert_eq!(s.find("dupuis").unwrap().kind, ClientKind::Individual);
}

fn plus(billed: cabinet::model::BilledTo, cents: i64, pct: u8) -> cabinet::model::Product {
    cabinet::model::Product {
        id: 0,
        product: cabinet::model::QboProduct::Plus,
        billed_to: billed,
        list_price_cents: cents,
        discount_percent: pct,
        start: jiff::civil::date(2025, 1, 1),
    }
}

#[test]
fn wholesale_billing_totals_and_removal() {
    use cabinet::model::BilledTo;
    let (_d, core, s) = firm();
    let mut a = Client::new("Alpha");
    a.products = vec![
        plus(BilledTo::Firm, 9_000, 30),
        plus(BilledTo::Client, 9_000, 0),
    ];
    let a = s.create(a).unwrap();
    let mut b = Client::new("Bravo");
    b.products = vec![plus(BilledTo::Firm, 3_333, 33)];
    let b = s.create(b).unwrap();
    s.set_active(b.id, false).unwrap();

    let r = s.billing(false).unwrap();
    assert_eq!(r.lines.len(), 2);
    assert_eq!((r.list_cents, r.net_cents), (12_333, 6_300 + 2_233));
    assert_eq!(r.inactive_billed_clients, 1);
    let flagged = s.billing(true).unwrap();
    assert_eq!(flagged.lines.len(), 1);
    assert_eq!(flagged.lines[0].client_name, "Bravo");

    // Staff may not change wholesale billing; an admin may, and it is audited.
    s.save_member(Member::new("Bob Roy", "bob")).unwrap();
    let bob = core.session("bob").unwrap();
    let mut moved = s.get(a.id).unwrap();
    moved.products[0].billed_to = BilledTo::Client;
    assert!(matches!(
        bob.update(moved.clone()),
        Err(ApiError::Forbidden { .. })
    ));
    s.update(moved).unwrap();
    assert_eq!(s.billing(false).unwrap().lines.len(), 1);
    let last = s.audit(a.id).unwrap().pop().unwrap();
    assert_eq!(last.changes[0].field, "product#1 billed_to");
    assert_eq!(last.changes[0].old, "firm");
    assert!(last.changes[0].new.contains("client"), "{:?}", last.changes);
}

#[test]
fn deactivating_a_member_needs_their_clients_reassigned_and_is_audited() {
    use cabinet::model::audit::TEAM_HISTORY;
    let (_d, _core, s) = firm();
    let bob = s.save_member(Member::new("Bob Roy", "bob")).unwrap();
    let ann = s.save_member(Member::new("Ann Lee", "ann")).unwrap();
    let c = s.create(Client::new("Alpha")).unwrap();
    s.assign_lead(&[c.id], Some(bob.id)).unwrap();

    let mut gone = bob.clone();
    gone.active = false;
    match s.save_member(gone.clone()) {
        Err(ApiError::Invalid(e)) => assert_eq!(e[0].rule, Rule::LeadsClients { count: 1 }),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(s.reassign_leads(bob.id, Some(ann.id)).unwrap(), 1);
    assert_eq!(s.get(c.id).unwrap().lead, Some(ann.id));
    s.save_member(gone).unwrap();

    let history = s.audit(TEAM_HISTORY).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, cabinet::model::AuditAction::MemberChanged);
    assert_eq!(last.changes[0].field, "active");
    assert_eq!(
        (last.changes[0].old.as_str(), last.changes[0].new.as_str()),
        ("yes", "no")
    );
}

#[test]
fn the_last_admin_cannot_step_down() {
    let (_d, _core, s) = firm();
    let mut me = s.session().unwrap().me;
    me.role = Role::Staff;
    match s.save_member(me) {
        Err(ApiError::Invalid(e)) => assert_eq!(e[0].rule, Rule::LastAdmin),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn sins_leave_masked_and_come_back_unchanged() {
    let (_dir, core, admin) = firm();
    let mut c = Client::new("Tremblay, Lise");
    c.kind = ClientKind::Individual;
    c.tax_ids.sin = "130692544".into();
    let c = admin.create(c).unwrap();
    assert_eq!(c.tax_ids.sin, "••••••544");
    assert_eq!(admin.get(c.id).unwrap().tax_ids.sin, "••••••544");

    // An edit that kept the masked SIN keeps the stored one.
    let mut edit = admin.get(c.id).unwrap();
    edit.notes = "Rappeler en mars".into();
    let saved = admin.update(edit.clone()).unwrap();
    assert_eq!(saved.tax_ids.sin, "••••••544");
    assert_eq!(
        core.store().client(c.id).unwrap().unwrap().tax_ids.sin,
        "130692544"
    );
    // A masked value that is not this client's is no SIN at all.
    let mut forged = admin.get(c.id).unwrap();
    forged.tax_ids.sin = "••••••999".into();
    assert!(matches!(admin.update(forged), Err(ApiError::Invalid(_))));
    let mut copied = Client::new("Copie");
    copied.kind = ClientKind::Individual;
    copied.tax_ids.sin = "••••••544".into();
    assert!(matches!(admin.create(copied), Err(ApiError::Invalid(_))));

    // A stale edit's conflict carries the current record, masked.
    match admin.update(edit) {
        Err(ApiError::Conflict { current, .. }) => assert_eq!(current.tax_ids.sin, "••••••544"),
        other => panic!("expected a conflict, got {other:?}"),
    }

    // A changed SIN is masked in the history too.
    let mut change = admin.get(c.id).unwrap();
    change.tax_ids.sin = "193456787".into();
    admin.update(change).unwrap();
    let changes: Vec<_> = admin
        .audit(c.id)
        .unwrap()
        .into_iter()
        .flat_map(|e| e.changes)
        .filter(|ch| ch.field == "sin")
        .collect();
    assert!(!changes.is_empty());
    for ch in changes {
        assert!(!ch.old.contains("130692"), "{ch:?}");
        assert!(!ch.new.contains("193456"), "{ch:?}");
    }

    // Revealing is recorded, with who and when.
    let staff = admin.save_member(Member::new("Jean Roy", "jroy")).unwrap();
    let jroy = core.session("jroy").unwrap();
    assert_eq!(jroy.reveal_sin(c.id).unwrap().len(), 9);
    let last = admin.audit(c.id).unwrap().pop().unwrap();
    assert_eq!(last.action, cabinet::model::AuditAction::SinRevealed);
    assert_eq!(last.by, staff.id);
}

#[test]
fn sins_revealed_together_are_each_recorded_in_one_call() {
    let (_dir, _core, admin) = firm();
    let mut ids = Vec::new();
    for (name, sin) in [("Tremblay, Lise", "130692544"), ("Roy, Paul", "193456787")] {
        let mut c = Client::new(name);
        c.kind = ClientKind::Individual;
        c.tax_ids.sin = sin.into();
        ids.push(admin.create(c).unwrap().id);
    }
    let sins = admin.reveal_sins(&ids).unwrap();
    assert_eq!(sins, ["130692544", "193456787"]);
    for id in &ids {
        let revealed = admin
            .audit(*id)
            .unwrap()
            .iter()
            .filter(|e| e.action == cabinet::model::AuditAction::SinRevealed)
            .count();
        assert_eq!(revealed, 1, "client #{id}");
    }
    // An id that names no client reveals nothing, records nothing, and
    // is the one named.
    assert_eq!(
        admin.reveal_sins(&[ids[0], 999]),
        Err(ApiError::NotFound("#999".into()))
    );
    let revealed = admin
        .audit(ids[0])
        .unwrap()
        .iter()
        .filter(|e| e.action == cabinet::model::AuditAction::SinRevealed)
        .count();
    assert_eq!(revealed, 1);
}
