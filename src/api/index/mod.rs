//! The in-memory client index: one summary row and one prepared search
//! text per client, kept in step with the store after every commit, and
//! the list views computed from them.
//!
//! A view (filters, search and sort, without the window) is computed once
//! and cached, so scrolling through 100,000 clients only copies the rows on
//! screen. A search that only grew rescans the previous search's matches
//! instead of every client, and a scan of many clients is split across the
//! machine's cores.
//!
//! - `arena`: every client's search text end to end;
//! - `upkeep`: rows kept in step after a write, and the team's names;
//! - `view`: a view computed (filters, search, sort) and its window;
//! - `order`: the sort columns' comparators, each a total order;
//! - `work`: the work report's tally.

mod arena;
mod order;
mod upkeep;
mod view;
mod work;

use crate::sync::LockExt;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

use crate::model::billing::BillingReport;
#[cfg(test)]
use crate::model::{Client, ClientSummary};
use crate::model::{ClientId, ClientRow, Member, MemberId};

use crate::search::postings::Tokens;
use arena::Arena;
use upkeep::lead_name;
use view::NameOrder;
pub(crate) use view::ViewCache;
use work::WorkCell;

/// What the index keeps per client: its list row, search text and
/// billed subscriptions.
type Entry = ClientRow;

/// All clients' summaries and the last computed view.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
    pos: HashMap<ClientId, usize>,
    /// What the work report counts of each client, by entry position, in
    /// a few bytes each so that a pass over a million clients stays in
    /// step with memory.
    cells: Vec<WorkCell>,
    /// Every client's search text end to end, by entry position.
    arena: Arena,
    /// Every distinct word of the clients' text, for the typo fallback.
    tokens: Tokens,
    team: Vec<Member>,
    /// The name order, shared by every view; kept in step by an upsert.
    names: Mutex<Option<Arc<NameOrder>>>,
    /// Changes with every write, so that a session's views computed
    /// before it are dropped.
    generation: u64,
    /// The views of callers without a session of their own.
    views: ViewCache,
    /// The last list view without a search, shared by every session.
    plain: Mutex<Option<Arc<view::View>>>,
    /// The last billing report, for its next page: (inactive only, report).
    billing: Mutex<Option<(bool, Arc<BillingReport>)>>,
}

/// A number no index has used, for its [`Index::generation`]: views
/// computed on an index replaced by a reload are dropped too.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, AtomicOrdering::Relaxed)
}

/// Below this many candidates a scan stays on one thread.
const PARALLEL_FROM: usize = 20_000;

impl Index {
    /// Builds the index from every client and the team.
    #[cfg(test)]
    pub(crate) fn build(clients: &[Client], team: Vec<Member>) -> Self {
        Index::from_rows(clients.iter().map(ClientRow::of).collect(), team)
    }

    /// Builds the index from stored rows and the team.
    pub fn from_rows(mut entries: Vec<ClientRow>, team: Vec<Member>) -> Self {
        for e in &mut entries {
            e.summary.lead_name = lead_name(e.summary.lead, &team);
        }
        let pos = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.summary.id, i))
            .collect();
        // The text moves to the arena; the entry keeps only the row.
        let mut arena = Arena::default();
        for (i, e) in entries.iter_mut().enumerate() {
            arena.put(i, &std::mem::take(&mut e.search));
        }
        let tokens = Tokens::build(arena.len(), |p| arena.hay(p).all());
        Index {
            tokens,
            cells: entries.iter().map(|e| WorkCell::of(&e.summary)).collect(),
            entries,
            pos,
            arena,
            team,
            names: Mutex::default(),
            generation: next_generation(),
            views: ViewCache::default(),
            plain: Mutex::default(),
            billing: Mutex::default(),
        }
    }

    /// Number of clients, active or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The row of one client.
    #[cfg(test)]
    pub(crate) fn summary(&self, id: ClientId) -> Option<&ClientSummary> {
        self.pos.get(&id).map(|&i| &self.entries[i].summary)
    }

    /// The wholesale billing report.
    pub(crate) fn billing(&self, inactive_only: bool) -> BillingReport {
        BillingReport::clone(&self.billing_report(inactive_only))
    }

    /// The billing report with only the window of its lines from
    /// `offset`: the report is made once and kept until the next write,
    /// so that the pages of a large firm's report cost a copy each.
    pub(crate) fn billing_window(
        &self,
        inactive_only: bool,
        offset: usize,
        limit: usize,
    ) -> BillingReport {
        let report = self.billing_report(inactive_only);
        let end = offset.saturating_add(limit).min(report.lines.len());
        BillingReport {
            lines: report.lines[offset.min(end)..end].to_vec(),
            by_product: report.by_product.clone(),
            list_cents: report.list_cents,
            net_cents: report.net_cents,
            inactive_billed_clients: report.inactive_billed_clients,
        }
    }

    fn billing_report(&self, inactive_only: bool) -> Arc<BillingReport> {
        let mut kept = self.billing.lock_or_recover();
        if let Some((only, report)) = kept.as_ref()
            && *only == inactive_only
        {
            return Arc::clone(report);
        }
        let lines = self
            .entries
            .iter()
            .flat_map(|e| e.billing.iter().cloned())
            .collect();
        let report = Arc::new(BillingReport::from_lines(lines, inactive_only));
        *kept = Some((inactive_only, Arc::clone(&report)));
        report
    }

    /// How many clients each member leads, active and inactive apart, by
    /// member id; members who lead none are left out.
    pub(crate) fn lead_counts(&self) -> Vec<crate::model::LeadCount> {
        let mut counts: HashMap<MemberId, crate::model::LeadCount> = HashMap::new();
        for e in &self.entries {
            let Some(member) = e.summary.lead else {
                continue;
            };
            let c = counts.entry(member).or_insert(crate::model::LeadCount {
                member,
                ..Default::default()
            });
            if e.summary.active {
                c.active += 1;
            } else {
                c.inactive += 1;
            }
        }
        let mut out: Vec<_> = counts.into_values().collect();
        out.sort_unstable_by_key(|c| c.member);
        out
    }

    /// Ids of every client (active or not) this member leads.
    pub(crate) fn led_by(&self, member: MemberId) -> Vec<ClientId> {
        let mut ids: Vec<_> = self
            .entries
            .iter()
            .filter(|e| e.summary.lead == Some(member))
            .map(|e| e.summary.id)
            .collect();
        ids.sort_unstable();
        ids
    }
}
