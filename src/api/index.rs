//! The in-memory client index: one summary row per client, kept in step
//! with the store after every commit, and the list views computed from it.
//!
//! A view (filters, search and sort, without the window) is computed once
//! and cached, so scrolling through a list of 100,000 clients only copies
//! the rows on screen.

use std::collections::HashMap;
use std::sync::Mutex;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::text::{digits, fold};
use crate::model::{
    Client, ClientId, ClientSummary, LeadFilter, Member, SortColumn, ViewPage, ViewQuery,
};

/// What the index keeps per client.
#[derive(Debug, Clone)]
struct Entry {
    summary: ClientSummary,
    /// Folded display name, the default sort key.
    name_key: String,
    /// Folded name, company, contact, number and e-mail, for search.
    haystack: String,
    /// Phone and mobile digits, for number search.
    phone_digits: String,
}

impl Entry {
    fn of(c: &Client, team: &[Member]) -> Self {
        let haystack = fold(&format!(
            "{} {} {} {} {} {}",
            c.display_name,
            c.company,
            c.first_name,
            c.last_name,
            c.number.as_deref().unwrap_or(""),
            c.email
        ));
        Entry {
            summary: ClientSummary::of(c, team),
            name_key: fold(&c.display_name),
            haystack,
            phone_digits: format!("{} {}", digits(&c.phone), digits(&c.mobile)),
        }
    }
}

/// A computed view: its clients in order, and how many inactive ones the
/// toggle hid.
#[derive(Debug, Clone)]
struct View {
    shape: ViewQuery,
    ids: Vec<ClientId>,
    inactive_hidden: usize,
}

/// All clients' summaries and the last computed view.
#[derive(Debug, Default)]
pub struct Index {
    entries: HashMap<ClientId, Entry>,
    team: Vec<Member>,
    cache: Mutex<Option<View>>,
}

impl Index {
    /// Builds the index from every client and the team.
    pub fn build(clients: &[Client], team: Vec<Member>) -> Self {
        let entries = clients
            .iter()
            .map(|c| (c.id, Entry::of(c, &team)))
            .collect();
        Index {
            entries,
            team,
            cache: Mutex::new(None),
        }
    }

    /// Number of clients, active or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Replaces one client's row after a write.
    pub fn upsert(&mut self, c: &Client) {
        self.entries.insert(c.id, Entry::of(c, &self.team));
        self.invalidate();
    }

    /// Replaces the team and refreshes every lead name.
    pub fn set_team(&mut self, team: Vec<Member>) {
        for e in self.entries.values_mut() {
            e.summary.lead_name = e
                .summary
                .lead
                .and_then(|id| team.iter().find(|m| m.id == id))
                .map(|m| m.name.clone())
                .unwrap_or_default();
        }
        self.team = team;
        self.invalidate();
    }

    /// How many clients each member leads (active clients only).
    pub fn lead_counts(&self) -> HashMap<crate::model::MemberId, usize> {
        let mut counts = HashMap::new();
        for e in self.entries.values() {
            if let (Some(l), true) = (e.summary.lead, e.summary.active) {
                *counts.entry(l).or_default() += 1;
            }
        }
        counts
    }

    /// Ids of every client (active or not) this member leads.
    pub fn led_by(&self, member: crate::model::MemberId) -> Vec<ClientId> {
        let mut ids: Vec<_> = self
            .entries
            .values()
            .filter(|e| e.summary.lead == Some(member))
            .map(|e| e.summary.id)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn invalidate(&mut self) {
        *self.cache.get_mut().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Answers a view query: the window asked for, the total and counts.
    pub fn query(&self, q: &ViewQuery) -> ViewPage {
        let shape = q.shape();
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.as_ref().is_none_or(|v| v.shape != shape) {
            *cache = Some(self.compute(&shape));
        }
        let view = cache.as_ref().expect("view was just computed");
        let start = q.offset.min(view.ids.len());
        let end = start.saturating_add(q.limit).min(view.ids.len());
        ViewPage {
            total: view.ids.len(),
            inactive_hidden: view.inactive_hidden,
            offset: start,
            rows: view.ids[start..end]
                .iter()
                .map(|id| self.entries[id].summary.clone())
                .collect(),
            located: q
                .locate
                .and_then(|id| view.ids.iter().position(|&x| x == id)),
        }
    }

    fn compute(&self, q: &ViewQuery) -> View {
        let words: Vec<String> = fold(&q.search)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let matcher = SkimMatcherV2::default();
        let mut inactive_hidden = 0;
        let mut hits: Vec<(i64, &Entry)> = Vec::new();
        for e in self.entries.values() {
            let s = &e.summary;
            if q.kind.is_some_and(|k| k != s.kind) {
                continue;
            }
            match q.lead {
                LeadFilter::Any => {}
                LeadFilter::Member(m) if s.lead == Some(m) => {}
                LeadFilter::Unassigned if s.lead.is_none() => {}
                _ => continue,
            }
            let Some(score) = score(&matcher, e, &words) else {
                continue;
            };
            if !s.active && !q.include_inactive {
                inactive_hidden += 1;
                continue;
            }
            hits.push((score, e));
        }
        let ranked = !words.is_empty();
        hits.sort_by(|(sa, a), (sb, b)| {
            let by_rank = if ranked {
                sb.cmp(sa)
            } else {
                std::cmp::Ordering::Equal
            };
            let by_column = compare(q.sort, a, b);
            let by_column = if q.descending {
                by_column.reverse()
            } else {
                by_column
            };
            by_rank
                .then(by_column)
                .then_with(|| a.name_key.cmp(&b.name_key))
                .then(a.summary.id.cmp(&b.summary.id))
        });
        View {
            shape: q.clone(),
            ids: hits.into_iter().map(|(_, e)| e.summary.id).collect(),
            inactive_hidden,
        }
    }
}

/// Every word must match: as a substring of the folded text, as phone
/// digits, or fuzzily. `None` when some word does not match at all.
fn score(matcher: &SkimMatcherV2, e: &Entry, words: &[String]) -> Option<i64> {
    let mut total = 0;
    for w in words {
        let digit_word = w.len() >= 3 && w.bytes().all(|b| b.is_ascii_digit());
        if digit_word && e.phone_digits.contains(w.as_str()) {
            total += 1000;
            continue;
        }
        total += matcher.fuzzy_match(&e.haystack, w)?;
    }
    Some(total)
}

fn compare(col: SortColumn, a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let (x, y) = (&a.summary, &b.summary);
    match col {
        SortColumn::Name => a.name_key.cmp(&b.name_key),
        SortColumn::Number => natural(&x.number, &y.number),
        SortColumn::Kind => x.kind.cmp(&y.kind),
        SortColumn::Lead => blanks_last(&x.lead_name, &y.lead_name, |p, q| fold(p).cmp(&fold(q))),
        SortColumn::Product => blanks_last(&x.product, &y.product, |p, q| p.cmp(q)),
        SortColumn::Return => {
            let due = |s: &ClientSummary| s.latest_return.as_ref().and_then(|r| r.due);
            match (due(x), due(y)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        }
        SortColumn::Documents => y.docs_awaiting.cmp(&x.docs_awaiting),
        SortColumn::Wholesale => y.wholesale.cmp(&x.wholesale),
    }
}

/// Empty values sort after every other value.
fn blanks_last(
    a: &str,
    b: &str,
    cmp: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> std::cmp::Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => cmp(a, b),
    }
}

/// Client numbers compare numerically when both are numbers (`9` before
/// `10`), as text otherwise; blanks last.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    blanks_last(a, b, |a, b| match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    })
}
