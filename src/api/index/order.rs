//! The list's orders: one comparator per sort column, each a total order
//! whatever the rows hold.

use std::cmp::Ordering;
use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::{ClientSummary, MemberId, SortColumn};

use super::Entry;

pub(super) fn compare(
    col: SortColumn,
    a: &Entry,
    b: &Entry,
    lead_ranks: &HashMap<MemberId, usize>,
) -> Ordering {
    let (x, y) = (&a.summary, &b.summary);
    match col {
        // The name order is kept apart (by rank); views sorted by name
        // never come here.
        SortColumn::Name => Ordering::Equal,
        SortColumn::Number => natural(&x.number, &y.number),
        SortColumn::Kind => x.kind.cmp(&y.kind),
        SortColumn::Lead => {
            let rank = |s: &ClientSummary| {
                s.lead
                    .and_then(|l| lead_ranks.get(&l).copied())
                    .unwrap_or(usize::MAX)
            };
            rank(x).cmp(&rank(y))
        }
        SortColumn::Product => blanks_last(&x.product, &y.product, |p, q| p.cmp(q)),
        SortColumn::Return => urgency(x).cmp(&urgency(y)),
        SortColumn::Documents => y.docs_awaiting.cmp(&x.docs_awaiting),
        SortColumn::Wholesale => y.wholesale.cmp(&x.wholesale),
    }
}

/// Where a client's latest return stands in the order of urgency:
/// unfinished returns by due date (so the overdue ones come first, the
/// longest overdue at the top), then unfinished ones without a due date,
/// then finished returns, then clients without a return.
pub(crate) fn urgency(s: &ClientSummary) -> (u8, Option<Date>) {
    match &s.latest_return {
        Some(r) if !r.status.is_done() && r.due.is_some() => (0, r.due),
        Some(r) if !r.status.is_done() => (1, None),
        Some(r) => (2, r.due),
        None => (3, None),
    }
}

/// Today's date where the firm is, for views that do not say.
pub(crate) fn firm_today() -> Date {
    jiff::Zoned::now().date()
}

/// Empty values sort after every other value.
fn blanks_last(a: &str, b: &str, cmp: impl Fn(&str, &str) -> Ordering) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => cmp(a, b),
    }
}

/// Client numbers in natural order: runs of digits compare as numbers
/// (`9` before `10`, `1a` after `1`), other text as text, digits before
/// letters; blanks last. Ties (`007` and `7`) fall back to the bytes, so
/// the order is total whatever the numbers hold.
fn natural(a: &str, b: &str) -> Ordering {
    blanks_last(a, b, |a, b| natural_runs(a, b).then_with(|| a.cmp(b)))
}

/// Compares two strings run by run: a run is either ASCII digits or
/// anything else.
fn natural_runs(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let (rx, restx) = split_run(x);
        let (ry, resty) = split_run(y);
        let order = match (rx[0].is_ascii_digit(), ry[0].is_ascii_digit()) {
            (true, true) => {
                // Compare values without parsing (numbers of any length):
                // fewer significant digits is smaller, then digit by digit.
                let sx = trim_zeros(rx);
                let sy = trim_zeros(ry);
                sx.len().cmp(&sy.len()).then_with(|| sx.cmp(sy))
            }
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => rx.cmp(ry),
        };
        if order != Ordering::Equal {
            return order;
        }
        (x, y) = (restx, resty);
    }
}

/// The leading run of `s` (non-empty) and what follows it.
fn split_run(s: &[u8]) -> (&[u8], &[u8]) {
    let digits = s[0].is_ascii_digit();
    let end = s
        .iter()
        .position(|c| c.is_ascii_digit() != digits)
        .unwrap_or(s.len());
    s.split_at(end)
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let start = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    &digits[start..]
}

#[cfg(test)]
mod tests {
    use super::super::Index;
    use super::*;
    use crate::model::{Client, ClientId, ClientRow, Member, ViewQuery};
    use crate::model::{ClientKind, ReturnBrief, ReturnStatus};
    use proptest::prelude::*;

    /// A row whose every sorted field comes from the generator.
    fn row(id: ClientId, f: &Fields) -> Entry {
        let mut r = ClientRow::of(&Client::new(f.name.clone()));
        let s = &mut r.summary;
        s.id = id;
        s.number = f.number.clone();
        s.name = f.name.clone();
        s.kind = if f.individual {
            ClientKind::Individual
        } else {
            ClientKind::Business
        };
        s.lead = f.lead;
        s.product = f.product.clone();
        s.latest_return = f.due.map(|d| ReturnBrief {
            year: 2025,
            form: "T1".into(),
            status: ReturnStatus::default(),
            due: d.map(|day| jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(day)),
            filed: None,
        });
        s.docs_awaiting = f.docs;
        s.wholesale = f.wholesale;
        s.active = true;
        r
    }

    #[derive(Debug, Clone)]
    struct Fields {
        number: String,
        name: String,
        product: String,
        individual: bool,
        lead: Option<MemberId>,
        due: Option<Option<i64>>,
        docs: u32,
        wholesale: bool,
    }

    /// Numbers mixing digits, letters, zeros, blanks and any character.
    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{0,4}",
            "[0-9]{0,3}[a-c]{0,2}[0-9]{0,2}",
            "0{0,3}[0-9]{1,25}",
            any::<String>(),
        ]
    }

    fn fields() -> impl Strategy<Value = Fields> {
        (
            number(),
            any::<String>(),
            prop_oneof!["", any::<String>()],
            any::<bool>(),
            proptest::option::of(0u64..4),
            proptest::option::of(proptest::option::of(0i64..400)),
            0u32..4,
            any::<bool>(),
        )
            .prop_map(
                |(number, name, product, individual, lead, due, docs, wholesale)| Fields {
                    number,
                    name,
                    product,
                    individual,
                    lead,
                    due,
                    docs,
                    wholesale,
                },
            )
    }

    fn ranks() -> HashMap<MemberId, usize> {
        [(1, 2), (2, 0), (3, 1)].into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every column's comparator is a total order: antisymmetric,
        /// transitive, and consistent with itself.
        #[test]
        fn every_comparator_is_a_total_order(a in fields(), b in fields(), c in fields()) {
            let (a, b, c) = (row(1, &a), row(2, &b), row(3, &c));
            let ranks = ranks();
            for col in SortColumn::ALL {
                let cmp = |x: &Entry, y: &Entry| compare(col, x, y, &ranks);
                prop_assert_eq!(cmp(&a, &b), cmp(&b, &a).reverse(), "{:?} not antisymmetric", col);
                prop_assert_eq!(cmp(&a, &a), Ordering::Equal);
                for (x, y, z) in [(&a, &b, &c), (&a, &c, &b), (&b, &a, &c), (&b, &c, &a), (&c, &a, &b), (&c, &b, &a)] {
                    if cmp(x, y) != Ordering::Greater && cmp(y, z) != Ordering::Greater {
                        prop_assert_ne!(cmp(x, z), Ordering::Greater, "{:?} not transitive", col);
                    }
                }
            }
        }

        /// Sorting a whole list by any column, either way, never panics
        /// and gives every client once, in the column's order.
        #[test]
        fn every_column_sorts_a_list(list in proptest::collection::vec(fields(), 0..40)) {
            let rows: Vec<Entry> = list.iter().enumerate().map(|(i, f)| row(i as ClientId + 1, f)).collect();
            let team = (1..=3).map(|id| {
                let mut m = Member::new(format!("m{id}"), format!("Member {}", 4 - id));
                m.id = id;
                m
            }).collect();
            let index = Index::from_rows(rows.clone(), team);
            for col in SortColumn::ALL {
                for descending in [false, true] {
                    let q = ViewQuery { sort: col, descending, limit: 100, ..ViewQuery::default() };
                    let page = index.query(&q);
                    prop_assert_eq!(page.rows.len(), rows.len());
                    let mut ids: Vec<ClientId> = page.rows.iter().map(|r| r.id).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    prop_assert_eq!(ids.len(), rows.len());
                }
            }
        }
    }

    #[test]
    fn numbers_sort_naturally() {
        let mut numbers = vec![
            "10",
            "9",
            "1a",
            "",
            "1",
            "007",
            "7",
            "a",
            "1b2",
            "1b10",
            "99999999999999999999999",
        ];
        numbers.sort_by(|a, b| natural(a, b));
        assert_eq!(
            numbers,
            [
                "1",
                "1a",
                "1b2",
                "1b10",
                "007",
                "7",
                "9",
                "10",
                "99999999999999999999999",
                "a",
                ""
            ]
        );
    }
}
