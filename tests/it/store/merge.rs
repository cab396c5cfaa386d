//! Two people edit one client's items at once: random edits from two
//! sessions made on the same version, saved one after the other, checked
//! against a plain model of what each side changed. Nothing either side
//! saved may be lost unless that side was shown a conflict, and a
//! conflict is only raised when both changed the same thing differently
//! or one edited what the other deleted.

use cabinet::model::merge::{Spot, spots};
use cabinet::model::{Client, DocStatus, Document, ReturnStatus, TaxForm, TaxReturn};
use cabinet::store::{Store, WriteError};
use jiff::civil::date;
use proptest::prelude::*;

use super::support::{now, temp_store};

/// The returns and documents every run starts with.
const RETURNS: usize = 4;
const DOCUMENTS: usize = 2;

#[derive(Debug, Clone)]
enum Edit {
    /// Files a return on a day, or takes it back to in progress.
    File {
        item: usize,
        day: Option<u8>,
    },
    Due {
        item: usize,
        day: u8,
    },
    DeleteReturn {
        item: usize,
    },
    AddReturn,
    DocumentTitle {
        item: usize,
        n: u8,
    },
    DeleteDocument {
        item: usize,
    },
    Phone {
        n: u8,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..RETURNS, proptest::option::of(1u8..4)).prop_map(|(item, day)| Edit::File { item, day }),
        (0..RETURNS, 1u8..4).prop_map(|(item, day)| Edit::Due { item, day }),
        (0..RETURNS).prop_map(|item| Edit::DeleteReturn { item }),
        Just(Edit::AddReturn),
        (0..DOCUMENTS, 0u8..3).prop_map(|(item, n)| Edit::DocumentTitle { item, n }),
        (0..DOCUMENTS).prop_map(|item| Edit::DeleteDocument { item }),
        (0u8..3).prop_map(|n| Edit::Phone { n }),
    ]
}

/// The client both sides start from.
fn start() -> Client {
    let mut c = Client::new("Plomberie Tremblay inc.");
    c.phone = "514-555-0100".into();
    c.tax_returns = (0..RETURNS)
        .map(|i| TaxReturn {
            id: 0,
            year: 2020 + i as i16,
            form: TaxForm::T1,
            status: ReturnStatus::InProgress,
            due: None,
            filed: None,
        })
        .collect();
    c.documents = (0..DOCUMENTS)
        .map(|i| Document {
            id: 0,
            title: format!("Relevé {i}"),
            sent: date(2026, 1, 5),
            status: DocStatus::Requested,
            note: String::new(),
        })
        .collect();
    c
}

/// Applies one side's edits to its copy of the record. Items are found by
/// the id they had in the base, so an item this side deleted is skipped;
/// each side adds returns in a range of years of its own.
fn apply(base: &Client, edits: &[Edit], side: u8) -> Client {
    let mut c = base.clone();
    let mut added = 0i16;
    let ret = |c: &mut Client, item: usize| {
        let id = base.tax_returns[item].id;
        c.tax_returns.iter().position(|r| r.id == id)
    };
    let doc = |c: &mut Client, item: usize| {
        let id = base.documents[item].id;
        c.documents.iter().position(|d| d.id == id)
    };
    for e in edits {
        match *e {
            Edit::File { item, day } => {
                if let Some(i) = ret(&mut c, item) {
                    let r = &mut c.tax_returns[i];
                    match day {
                        Some(d) => {
                            r.status = ReturnStatus::Filed;
                            r.filed = Some(date(2026, 4, d as i8 + 10 * side as i8));
                        }
                        None => {
                            r.status = ReturnStatus::InProgress;
                            r.filed = None;
                        }
                    }
                }
            }
            Edit::Due { item, day } => {
                if let Some(i) = ret(&mut c, item) {
                    c.tax_returns[i].due = Some(date(2026, 5, day as i8 + 10 * side as i8));
                }
            }
            Edit::DeleteReturn { item } => {
                if let Some(i) = ret(&mut c, item) {
                    c.tax_returns.remove(i);
                }
            }
            Edit::AddReturn => {
                added += 1;
                c.tax_returns.push(TaxReturn {
                    id: 0,
                    year: if side == 1 { 1950 } else { 2150 } + added,
                    form: TaxForm::Tp1,
                    status: ReturnStatus::NotStarted,
                    due: None,
                    filed: None,
                });
            }
            Edit::DocumentTitle { item, n } => {
                if let Some(i) = doc(&mut c, item) {
                    c.documents[i].title = format!("Relevé {item} v{n} ({side})");
                }
            }
            Edit::DeleteDocument { item } => {
                if let Some(i) = doc(&mut c, item) {
                    c.documents.remove(i);
                }
            }
            Edit::Phone { n } => {
                c.phone = format!("514-555-{:04}", u16::from(n) * 10 + u16::from(side))
            }
        }
    }
    c
}

/// The spots a side changed, leaving out the items it added (they have
/// no id yet; they are checked by year).
fn changed(base: &Client, mine: &Client) -> Vec<Spot> {
    spots(base, mine, &[])
        .into_iter()
        .filter(|s| s.item().is_none_or(|(_, id)| id != 0))
        .collect()
}

/// True when the model says the second save must be refused: both sides
/// changed one spot differently, or one edited an item the other deleted.
fn must_clash(base: &Client, a: &Client, b: &Client) -> bool {
    let (sa, sb) = (changed(base, a), changed(base, b));
    let deleted = |c: &Client, s: &Spot| match s.item() {
        Some((part, id)) => part.position(base, id).is_some() && part.position(c, id).is_none(),
        None => false,
    };
    let edited_item = |spots: &[Spot], part, id| {
        spots
            .iter()
            .any(|s| matches!(s, Spot::ItemField(p, i, _) if *p == part && *i == id))
    };
    sb.iter().any(|s| match s {
        Spot::ItemField(..) if deleted(a, s) => true,
        Spot::Item(part, id) if deleted(b, s) => edited_item(&sa, *part, *id),
        s => sa.contains(s) && s.value(a, &[]) != s.value(b, &[]),
    })
}

fn years(c: &Client) -> Vec<i16> {
    let mut y: Vec<i16> = c.tax_returns.iter().map(|r| r.year).collect();
    y.sort_unstable();
    y
}

fn run(store: &Store, a_edits: &[Edit], b_edits: &[Edit]) -> Result<(), TestCaseError> {
    let base = store.create(start(), 1, now()).unwrap();
    let a = apply(&base, a_edits, 1);
    let b = apply(&base, b_edits, 2);
    let (after_a, _) = store.save(&base, a.clone(), 1, now()).unwrap();
    for s in changed(&base, &a) {
        prop_assert_eq!(s.value(&after_a, &[]), s.value(&a, &[]), "A's {:?}", s);
    }
    prop_assert_eq!(years(&after_a), years(&a));
    let clash = must_clash(&base, &a, &b);
    let outcome = store.save(&base, b.clone(), 2, now());
    let stored = store.client(base.id).unwrap().unwrap();
    match outcome {
        Err(WriteError::Conflict { current, .. }) => {
            prop_assert!(clash, "a conflict without a clash");
            prop_assert_eq!(&*current, &after_a);
            prop_assert_eq!(&stored, &after_a, "a refused save wrote nothing");
        }
        Ok((saved, _)) => {
            prop_assert!(!clash, "a clash merged away in silence");
            prop_assert_eq!(&saved, &stored);
            let sb = changed(&base, &b);
            for s in &sb {
                prop_assert_eq!(s.value(&stored, &[]), s.value(&b, &[]), "B's {:?}", s);
            }
            for s in changed(&base, &a).iter().filter(|s| !sb.contains(s)) {
                prop_assert_eq!(s.value(&stored, &[]), s.value(&a, &[]), "A's {:?} kept", s);
            }
            for y in years(&a).into_iter().chain(years(&b)) {
                let kept = years(&stored).contains(&y);
                let deleted_by_other = base.tax_returns.iter().any(|r| r.year == y)
                    && (!years(&a).contains(&y) || !years(&b).contains(&y));
                prop_assert!(kept || deleted_by_other, "return of {} lost", y);
            }
            let mut ids: Vec<_> = stored.tax_returns.iter().map(|r| r.id).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), stored.tax_returns.len(), "ids stay unique");
            prop_assert!(ids.iter().all(|&id| id != 0));
        }
        Err(e) => prop_assert!(false, "unexpected {e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn concurrent_item_edits_merge_or_conflict_and_never_lose_a_save(
        a in proptest::collection::vec(edit(), 0..6),
        b in proptest::collection::vec(edit(), 0..6),
    ) {
        let (_dir, _path, store) = temp_store();
        run(&store, &a, &b)?;
    }
}

#[test]
fn two_people_filing_different_returns_both_keep_their_change() {
    let (_dir, _path, store) = temp_store();
    let a = [Edit::File {
        item: 1,
        day: Some(2),
    }];
    let b = [Edit::Due { item: 0, day: 3 }];
    run(&store, &a, &b).unwrap();
    let c = store.client(1).unwrap().unwrap();
    assert_eq!(c.tax_returns[1].status, ReturnStatus::Filed);
    assert_eq!(c.tax_returns[0].due, Some(date(2026, 5, 23)));
    assert_eq!(c.version, 3);
}
