//! The demo firm's promises: deterministic, valid, unique, and shaped
//! like a real Québec practice.

use std::collections::HashSet;

use jiff::civil::date;

use super::*;
use crate::model::{ClientKind, ReturnStatus, validate_client, validate_member};

fn options(clients: usize, seed: u64) -> DemoOptions {
    DemoOptions {
        clients,
        seed,
        today: date(2026, 3, 15),
    }
}

#[test]
fn the_same_seed_gives_the_same_firm() {
    let a = generate(options(300, 9));
    assert_eq!(a, generate(options(300, 9)));
    let b = generate(options(300, 10));
    assert_ne!(a.clients[0], b.clients[0]);
    assert_ne!(a.team, b.team);
}

#[test]
fn a_client_does_not_depend_on_how_many_follow() {
    let small = generate(options(40, 3));
    let large = generate(options(400, 3));
    assert_eq!(small.clients[..], large.clients[..40]);
    assert_eq!(small.team, large.team);
}

#[test]
fn every_client_is_valid_and_already_normalised() {
    for seed in [1, 2, 3] {
        let firm = generate(options(2000, seed));
        for c in &firm.clients {
            assert_eq!(validate_client(c), vec![], "{c:#?}");
            let mut n = c.clone();
            n.normalize();
            assert_eq!(&n, c, "{} changes when normalised", c.display_name);
        }
    }
}

#[test]
fn names_numbers_and_identifiers_are_unique() {
    let firm = generate(options(20_000, 4));
    let mut names = HashSet::new();
    let mut numbers = HashSet::new();
    let mut ids = HashSet::new();
    for c in &firm.clients {
        assert!(
            names.insert(c.display_name.to_lowercase()),
            "{} twice",
            c.display_name
        );
        if let Some(n) = &c.number {
            assert!(numbers.insert(n.clone()), "number {n} twice");
        }
        for id in [
            &c.tax_ids.business_number,
            &c.tax_ids.neq,
            &c.tax_ids.qst,
            &c.tax_ids.sin,
        ] {
            assert!(id.is_empty() || ids.insert(id.clone()), "{id} twice");
        }
    }
    // Many clients share a common name, so some names were disambiguated.
    assert!(firm.clients.iter().any(|c| c.display_name.ends_with(')')));
}

#[test]
fn the_team_has_one_admin_and_leads_are_active_members() {
    let firm = generate(options(1000, 5));
    assert_eq!(firm.team.len(), team::SIZE);
    assert_eq!(firm.team.iter().filter(|m| m.is_admin()).count(), 1);
    assert!(firm.team[0].is_admin() && firm.team[0].active);
    assert_eq!(firm.team.iter().filter(|m| !m.active).count(), 1);
    let logins: HashSet<_> = firm.team.iter().map(|m| m.login.clone()).collect();
    assert_eq!(logins.len(), team::SIZE);
    for m in &firm.team {
        assert_eq!(validate_member(m), vec![], "{m:?}");
    }
    let active: HashSet<_> = firm
        .team
        .iter()
        .filter(|m| m.active)
        .map(|m| m.id)
        .collect();
    for c in &firm.clients {
        assert!(c.lead.is_none_or(|l| active.contains(&l)));
        assert!(
            c.team_access
                .iter()
                .all(|m| active.contains(m) && Some(*m) != c.lead)
        );
    }
    let led = firm.clients.iter().filter(|c| c.lead.is_some()).count();
    assert!(led > 940, "{led} of 1000 have a lead");
}

/// Counts of `pred` among `n` clients must fall within `range`.
fn share(firm: &DemoFirm, pred: impl Fn(&Client) -> bool) -> usize {
    firm.clients.iter().filter(|c| pred(c)).count()
}

#[test]
fn the_firm_looks_like_a_quebec_practice() {
    let firm = generate(options(10_000, 6));
    let n = |p: &dyn Fn(&Client) -> bool| share(&firm, p);
    let within = |count: usize, lo: usize, hi: usize, what: &str| {
        assert!((lo..=hi).contains(&count), "{what}: {count} of 10,000");
    };
    within(n(&|c| !c.is_active()), 350, 650, "inactive");
    within(
        n(&|c| c.kind == ClientKind::Individual),
        4000,
        5000,
        "individuals",
    );
    within(n(&|c| c.address.province == "QC"), 7000, 9200, "in Québec");
    within(n(&|c| c.address.province == "ON"), 600, 2500, "in Ontario");
    within(n(&|c| c.number.is_none()), 150, 500, "without a number");
    within(
        n(&|c| !c.products.is_empty()),
        2500,
        5500,
        "with QuickBooks",
    );
    within(n(&|c| c.wholesale()), 800, 2200, "billed to the firm");
    within(n(&|c| !c.website.is_empty()), 1000, 3000, "with a website");
    within(n(&|c| !c.notes.is_empty()), 1000, 2000, "with notes");
    within(
        n(&|c| c.kind == ClientKind::Individual && c.self_employed),
        800,
        1500,
        "self-employed individuals",
    );
    within(n(&|c| !c.tax_ids.sin.is_empty()), 2500, 3500, "with a SIN");
    within(n(&|c| !c.tax_ids.neq.is_empty()), 3000, 4500, "with an NEQ");
    let businesses = n(&|c| c.kind == ClientKind::Business);
    let december =
        n(&|c| c.kind == ClientKind::Business && c.year_end() == crate::model::MonthDay::DEC_31);
    assert!(
        december * 100 / businesses >= 65,
        "{december} of {businesses} businesses end the year in December"
    );
    assert!(
        firm.clients
            .iter()
            .any(|c| c.display_name.contains("Québec inc."))
    );
    assert!(
        firm.clients
            .iter()
            .any(|c| c.display_name.contains(" Ltd."))
    );
    assert!(
        firm.clients.iter().any(|c| c.last_name.contains('-')),
        "compound family names"
    );
    for c in &firm.clients {
        if c.kind == ClientKind::Individual {
            assert!(c.display_name.contains(", "), "{}", c.display_name);
            assert!(c.company.is_empty());
        } else {
            assert!(c.tax_ids.sin.is_empty());
            assert!(c.display_name.starts_with(&c.company));
        }
        for p in &c.products {
            assert!(p.list_price_cents > 0);
            let firm_billed = p.billed_to == crate::model::BilledTo::Firm;
            assert_eq!(
                firm_billed,
                (30..=50).contains(&p.discount_percent),
                "{p:?}"
            );
            assert!(p.start <= date(2026, 3, 15));
        }
    }
}

#[test]
fn returns_follow_their_due_dates() {
    let today = date(2026, 3, 15);
    let firm = generate(options(5000, 7));
    let (mut long_past, mut long_past_done, mut future, mut future_done) = (0, 0, 0, 0);
    let mut statuses = HashSet::new();
    for c in firm.clients.iter().filter(|c| c.is_active()) {
        assert!(
            !c.tax_returns.is_empty(),
            "{} has no returns",
            c.display_name
        );
        for r in &c.tax_returns {
            statuses.insert(r.status);
            let due = r.due_date(c).expect("every demo return has a due date");
            assert_eq!(r.filed.is_some(), r.status.is_done(), "{r:?}");
            if let Some(filed) = r.filed {
                assert!(filed <= today, "{r:?}");
                assert!(filed.year() >= r.year, "{r:?}");
            }
            if due < work::shift(today, -60) {
                long_past += 1;
                long_past_done += usize::from(r.status.is_done());
            } else if due > work::shift(today, 45) {
                future += 1;
                future_done += usize::from(r.status.is_done());
            }
        }
    }
    assert_eq!(
        statuses.len(),
        ReturnStatus::ALL.len(),
        "every status appears"
    );
    assert!(
        long_past_done * 100 / long_past >= 85,
        "{long_past_done} of {long_past} long-past returns done"
    );
    assert!(
        future_done * 100 / future <= 15,
        "{future_done} of {future} future returns done"
    );
    // Some are overdue: the list has something to flag.
    let overdue = firm
        .clients
        .iter()
        .filter(|c| c.tax_returns.iter().any(|r| r.is_overdue(c, today)))
        .count();
    assert!(
        (100..1500).contains(&overdue),
        "{overdue} clients with an overdue return"
    );
}

#[test]
fn inactive_clients_left_in_the_past_with_their_work_done() {
    let today = date(2026, 3, 15);
    let firm = generate(options(3000, 8));
    let inactive: Vec<_> = firm.clients.iter().filter(|c| !c.is_active()).collect();
    assert!(!inactive.is_empty());
    for c in inactive {
        let since = c.inactive_since.unwrap();
        assert!(since < today);
        assert!(
            c.tax_returns
                .iter()
                .all(|r| r.status.is_done() && r.filed.is_some_and(|f| f <= since))
        );
        assert!(c.documents.iter().all(|d| d.sent <= since));
    }
}

#[test]
fn documents_match_the_clients_language_and_kind() {
    let firm = generate(options(3000, 9));
    let titles: Vec<&str> = firm
        .clients
        .iter()
        .flat_map(|c| c.documents.iter().map(|d| d.title.as_str()))
        .collect();
    for expected in [
        "Feuillet T4 2025",
        "Relevé 1 2025",
        "T4 slip 2025",
        "Relevé bancaire – février 2026",
    ] {
        assert!(titles.contains(&expected), "no {expected:?}");
    }
    assert!(
        titles.contains(&"Sommaires des T4 et relevés 1 2025"),
        "no payroll summary"
    );
    for c in &firm.clients {
        if c.display_name.contains("Fiducie") || c.display_name.contains("Trust") {
            assert!(c.products.is_empty(), "{} has QuickBooks", c.display_name);
            let stock = c
                .documents
                .iter()
                .any(|d| d.title.contains("nventai") || d.title.contains("nventory"));
            assert!(!stock, "{} counts inventory", c.display_name);
        }
    }
    let awaiting = firm
        .clients
        .iter()
        .filter(|c| c.documents_awaiting() > 0)
        .count();
    assert!(
        (200..2000).contains(&awaiting),
        "{awaiting} clients with documents awaited"
    );
}

mod install {
    use super::*;
    use std::sync::Arc;

    use crate::api::Firm;
    use crate::api::local::{Core, LocalSession};
    use crate::model::{Role, ViewQuery};

    fn core() -> (tempfile::TempDir, Arc<Core>) {
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(&dir.path().join("demo")).unwrap();
        (dir, core)
    }

    fn everyone(s: &LocalSession) -> usize {
        let q = ViewQuery {
            include_inactive: true,
            ..ViewQuery::all()
        };
        s.query(&q).unwrap().total
    }

    #[test]
    fn the_caller_plays_the_partner_and_every_client_is_stored() {
        let (_d, core) = core();
        let s = core.session("tester").unwrap();
        let done = install(&s, options(300, 11)).unwrap();
        assert_eq!(done.clients, 300);
        assert_eq!(done.admin.login, "tester");
        assert_eq!(done.team.len(), team::SIZE);
        let me = s.session().unwrap().me;
        assert!(me.is_admin());
        let firm = generate(options(300, 11));
        assert_eq!(me.name, firm.team[0].name);
        assert_eq!(everyone(&s), 300);
        // The stored clients are the generated ones, leads and all.
        let first = s.find(&firm.clients[0].display_name).unwrap();
        let mut generated = firm.clients[0].clone();
        generated.assign_item_ids();
        assert_eq!(first.tax_returns, generated.tax_returns);
        let name_of = |id| {
            done.team
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.clone())
        };
        let generated_lead = firm.clients[0]
            .lead
            .and_then(|l| firm.team.iter().find(|m| m.id == l))
            .map(|m| m.name.clone());
        assert_eq!(first.lead.and_then(name_of), generated_lead);
    }

    #[test]
    fn a_firm_with_clients_is_refused_and_left_alone() {
        let (_d, core) = core();
        let s = core.session("tester").unwrap();
        install(&s, options(20, 12)).unwrap();
        let before = s.team().unwrap();
        match install(&s, options(20, 13)) {
            Err(DemoError::NotEmpty { clients: 20 }) => {}
            other => panic!("expected NotEmpty, got {other:?}"),
        }
        assert_eq!(s.team().unwrap(), before);
    }

    #[test]
    fn members_already_there_are_kept() {
        let (_d, core) = core();
        let owner = core.session("owner").unwrap();
        let mut staff = Member::new("Paul Roy", "proy");
        staff.role = Role::Staff;
        owner.save_member(staff).unwrap();
        let done = install(&owner, options(50, 14)).unwrap();
        // owner and proy, plus every generated member but the partner.
        assert_eq!(done.team.len(), 2 + team::SIZE - 1);
        assert!(done.team.iter().any(|m| m.name == "Paul Roy"));
        let logins: HashSet<_> = done.team.iter().map(|m| m.login.to_lowercase()).collect();
        assert_eq!(logins.len(), done.team.len());
    }

    #[test]
    fn staff_cannot_fill_a_firm_and_nothing_is_written() {
        let (_d, core) = core();
        let owner = core.session("owner").unwrap();
        owner.save_member(Member::new("Paul Roy", "proy")).unwrap();
        let proy = core.session("proy").unwrap();
        assert!(matches!(
            install(&proy, options(10, 15)),
            Err(DemoError::Api(ApiError::Forbidden { .. }))
        ));
        assert_eq!(everyone(&owner), 0);
        assert_eq!(owner.team().unwrap().len(), 2);
    }
}
