//! Two sessions of a real `cabinet serve` edit one client's tax returns.

use std::time::Duration;

use cabinet::api::{ApiError, Event, Firm};
use cabinet::model::{Client, ReturnStatus, TaxForm, TaxReturn};
use jiff::civil::date;

use super::util::{Firm as TempFirm, expect_event};

const SOON: Duration = Duration::from_secs(5);

fn ret(year: i16, form: TaxForm) -> TaxReturn {
    TaxReturn {
        id: 0,
        year,
        form,
        status: ReturnStatus::ReadyForReview,
        due: None,
        filed: None,
    }
}

#[test]
fn two_sessions_editing_different_returns_both_keep_their_changes() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let (a, b) = (firm.client(), firm.client());
    let mut c = Client::new("Lévesque, Marie-Ève");
    c.kind = cabinet::model::ClientKind::Individual;
    c.tax_returns = vec![ret(2025, TaxForm::T1), ret(2025, TaxForm::Tp1)];
    let created = a.create(c).unwrap();
    let b_events = b.subscribe().unwrap();

    // Both open the client at the same version.
    let seen_by_a = a.get(created.id).unwrap();
    let seen_by_b = b.get(created.id).unwrap();
    let (t1, tp1) = (seen_by_a.tax_returns[0].id, seen_by_a.tax_returns[1].id);
    assert_ne!(t1, tp1, "each return has its own id");

    // A files the TP-1.
    let mut mine = seen_by_a.clone();
    mine.tax_returns[1].status = ReturnStatus::Filed;
    mine.tax_returns[1].filed = Some(date(2026, 4, 20));
    a.save(&seen_by_a, mine).unwrap();
    expect_event(&b_events, SOON, |e| matches!(e, Event::Clients { .. }));

    // B, still on the old version, sets the T1's due date.
    let mut theirs = seen_by_b.clone();
    theirs.tax_returns[0].due = Some(date(2026, 6, 15));
    let saved = b.save(&seen_by_b, theirs).unwrap();

    for s in [&a, &b] {
        let now = s.get(created.id).unwrap();
        assert_eq!(now, saved);
        let tp = now.tax_returns.iter().find(|r| r.id == tp1).unwrap();
        assert_eq!(tp.status, ReturnStatus::Filed, "A's change is kept");
        assert_eq!(tp.filed, Some(date(2026, 4, 20)));
        let t = now.tax_returns.iter().find(|r| r.id == t1).unwrap();
        assert_eq!(t.due, Some(date(2026, 6, 15)), "B's change is kept");
        assert_eq!(t.status, ReturnStatus::ReadyForReview);
    }
    // The history names each return by id and field, with codes.
    let history = a.audit(created.id).unwrap();
    let fields: Vec<&str> = history
        .iter()
        .flat_map(|e| e.changes.iter().map(|c| c.field.as_str()))
        .collect();
    assert!(
        fields.contains(&format!("return#{tp1} status").as_str()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&format!("return#{t1} due").as_str()),
        "{fields:?}"
    );
}

#[test]
fn the_same_return_changed_twice_or_edited_against_a_deletion_is_a_conflict() {
    let firm = TempFirm::new();
    let _server = firm.spawn_server();
    let (a, b) = (firm.client(), firm.client());
    let mut c = Client::new("Garage Côté");
    c.tax_returns = vec![ret(2025, TaxForm::T2), ret(2025, TaxForm::Co17)];
    let base = a.create(c).unwrap();

    let mut mine = base.clone();
    mine.tax_returns[0].status = ReturnStatus::InProgress;
    let after = a.save(&base, mine).unwrap();
    let mut theirs = base.clone();
    theirs.tax_returns[0].status = ReturnStatus::NotStarted;
    match b.save(&base, theirs) {
        Err(ApiError::Conflict { current, .. }) => assert_eq!(*current, after),
        other => panic!("expected a conflict, got {other:?}"),
    }

    // A deletes the CO-17; B, on the version before, edits it.
    let mut mine = after.clone();
    mine.tax_returns.remove(1);
    let after = a.save(&after, mine).unwrap();
    let mut theirs = base.clone();
    theirs.tax_returns[1].due = Some(date(2026, 6, 30));
    assert!(matches!(
        b.save(&base, theirs),
        Err(ApiError::Conflict { .. })
    ));
    assert_eq!(b.get(base.id).unwrap(), after, "nothing was written");
    assert_eq!(after.tax_returns.len(), 1, "not resurrected");
}
