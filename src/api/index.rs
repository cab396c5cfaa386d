//! The in-memory client index: one summary row and one prepared search
//! text per client, kept in step with the store after every commit, and
//! the list views computed from them.
//!
//! A view (filters, search and sort, without the window) is computed once
//! and cached, so scrolling through 100,000 clients only copies the rows on
//! screen. A search that only grew rescans the previous search's matches
//! instead of every client, and a scan of many clients is split across the
//! machine's cores.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Mutex;

use jiff::civil::Date;

use crate::model::SearchText;
use crate::model::billing::BillingReport;
use crate::model::text::fold;
use crate::model::work::{ClientDocs, LeadWork, MONTH, StatusCounts, WEEK, WorkQuery, WorkReport};
use crate::model::{
    Client, ClientId, ClientRow, ClientSummary, HiddenMatch, HiddenReason, LeadFilter, Member,
    MemberId, SearchOutcome, SortColumn, ViewPage, ViewQuery,
};
use crate::search::{Haystack, Query, Scorer, near};

/// What the index keeps per client: its list row, search text and
/// billed subscriptions.
type Entry = ClientRow;

/// The lead's name for a row, from the team.
fn lead_name(lead: Option<MemberId>, team: &[Member]) -> String {
    lead.and_then(|id| team.iter().find(|m| m.id == id))
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

/// A computed view: its clients in order, and what it left out.
#[derive(Debug, Clone)]
struct View {
    shape: ViewQuery,
    query: Query,
    /// The clients shown, each with its sort key; sorted up to
    /// `sorted_upto`, the rest only once someone scrolls that far.
    order: Vec<(Key, ClientId)>,
    sorted_upto: usize,
    inactive_hidden: usize,
    /// Search matches left out by the filters or the inactive toggle.
    hidden: Vec<(ClientId, HiddenReason)>,
    closest: bool,
}

/// A search result's sort key: best score first, then name order.
type Key = (std::cmp::Reverse<i64>, u32);

/// How many of a search's best rows are put in order at once: a few
/// screens' worth. The rest wait until someone scrolls to them.
const FIRST_SORTED: usize = 500;

impl View {
    /// Puts every row in order, when a window or a lookup goes past the
    /// sorted ones.
    fn sort_all(&mut self) {
        if self.sorted_upto < self.order.len() {
            self.order.sort_unstable();
            self.sorted_upto = self.order.len();
        }
    }
}

#[derive(Debug, Default)]
struct Cache {
    view: Option<View>,
    /// The last search's matches (entry positions) before any filter.
    last_search: Option<(Query, Vec<u32>)>,
    /// Entry positions in name order, and each position's place in it, so
    /// that ordering by name compares numbers, not strings.
    names: Option<NameOrder>,
}

#[derive(Debug)]
struct NameOrder {
    by_name: Vec<u32>,
    rank: Vec<u32>,
}

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
    team: Vec<Member>,
    cache: Mutex<Cache>,
}

/// One client, as the work report counts it.
#[derive(Debug, Clone, Copy)]
struct WorkCell {
    /// The lead's id; 0 for none.
    lead: MemberId,
    due: Option<Date>,
    /// The latest return's status (`ReturnStatus as u8`), or `NO_RETURN`.
    status: u8,
    active: bool,
    docs: u32,
}

const NO_RETURN: u8 = u8::MAX;

impl WorkCell {
    fn of(s: &ClientSummary) -> Self {
        WorkCell {
            lead: s.lead.unwrap_or(0),
            due: s.latest_return.as_ref().and_then(|r| r.due),
            status: s
                .latest_return
                .as_ref()
                .map_or(NO_RETURN, |r| r.status as u8),
            active: s.active,
            docs: s.docs_awaiting,
        }
    }

    fn done(&self) -> bool {
        self.status != NO_RETURN
            && crate::model::ReturnStatus::ALL[usize::from(self.status)].is_done()
    }
}

/// Where one client's search text lies in the arena.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    all: u32,
    all_len: u32,
    name_len: u32,
    phones: u32,
    phones_len: u32,
    /// The [`crate::search::letters`] of the text, for the typo fallback.
    letters: u64,
}

/// Every client's search text in one string, so that a scan of 100,000
/// clients reads memory in order instead of chasing 100,000 allocations.
/// A change appends the new text; the old text is garbage until the arena
/// is compacted.
#[derive(Debug, Default)]
struct Arena {
    text: String,
    spans: Vec<Span>,
    garbage: usize,
}

impl Arena {
    fn append(&mut self, all: &str, name_len: usize, phones: &str) -> Span {
        let span = Span {
            all: self.text.len() as u32,
            all_len: all.len() as u32,
            name_len: name_len as u32,
            phones: (self.text.len() + all.len()) as u32,
            phones_len: phones.len() as u32,
            letters: crate::search::letters(all),
        };
        self.text.push_str(all);
        self.text.push_str(phones);
        span
    }

    /// Adds or replaces the text at entry position `p`.
    fn put(&mut self, p: usize, t: &SearchText) {
        let (all, name_len, phones) = t.parts();
        let span = self.append(all, name_len, phones);
        if p < self.spans.len() {
            let old = self.spans[p];
            self.garbage += (old.all_len + old.phones_len) as usize;
            self.spans[p] = span;
        } else {
            self.spans.push(span);
        }
        if self.garbage > self.text.len() / 2 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut fresh = Arena::default();
        for i in 0..self.spans.len() {
            let h = self.hay(i);
            let span = fresh.append(h.all(), h.name().len(), h.phones());
            fresh.spans.push(span);
        }
        *self = fresh;
    }

    fn hay(&self, p: usize) -> Haystack<'_> {
        let s = self.spans[p];
        let at = |start: u32, len: u32| &self.text[start as usize..(start + len) as usize];
        Haystack::with_letters(
            at(s.all, s.all_len),
            s.name_len as usize,
            at(s.phones, s.phones_len),
            s.letters,
        )
    }
}

/// Below this many candidates a scan stays on one thread.
const PARALLEL_FROM: usize = 20_000;

impl Index {
    /// Builds the index from every client and the team.
    pub fn build(clients: &[Client], team: Vec<Member>) -> Self {
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
        Index {
            cells: entries.iter().map(|e| WorkCell::of(&e.summary)).collect(),
            entries,
            pos,
            arena,
            team,
            cache: Mutex::new(Cache::default()),
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
    pub fn summary(&self, id: ClientId) -> Option<&ClientSummary> {
        self.pos.get(&id).map(|&i| &self.entries[i].summary)
    }

    /// Replaces one client's row after a write.
    pub fn upsert(&mut self, c: &Client) {
        let mut e = ClientRow::of(c);
        e.summary.lead_name = lead_name(c.lead, &self.team);
        let names = self
            .cache
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .names
            .take();
        let text = std::mem::take(&mut e.search);
        let cell = WorkCell::of(&e.summary);
        let (p, existed) = match self.pos.get(&c.id) {
            Some(&i) => {
                self.entries[i] = e;
                self.cells[i] = cell;
                (i as u32, true)
            }
            None => {
                self.pos.insert(c.id, self.entries.len());
                self.entries.push(e);
                self.cells.push(cell);
                (self.entries.len() as u32 - 1, false)
            }
        };
        self.arena.put(p as usize, &text);
        self.invalidate();
        // Keep the name order in step instead of sorting everyone again:
        // one removal, one insertion, and the ranks renumbered.
        if let Some(mut order) = names {
            if existed {
                order.by_name.remove(order.rank[p as usize] as usize);
            } else {
                order.rank.push(0);
            }
            let key = |q: u32| {
                (
                    self.arena.hay(q as usize).name(),
                    self.entries[q as usize].summary.id,
                )
            };
            let at = order.by_name.partition_point(|&q| key(q) < key(p));
            order.by_name.insert(at, p);
            for (r, &q) in order.by_name.iter().enumerate() {
                order.rank[q as usize] = r as u32;
            }
            self.cache
                .get_mut()
                .unwrap_or_else(|p| p.into_inner())
                .names = Some(order);
        }
    }

    /// Replaces many clients' rows after one write (an import, the demo).
    /// The name order is dropped and sorted again on the next query, once,
    /// instead of being kept in step one client at a time, which costs the
    /// whole list per client.
    pub fn upsert_many(&mut self, clients: &[Client]) {
        if clients.len() < 64 {
            clients.iter().for_each(|c| self.upsert(c));
            return;
        }
        self.cache
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .names = None;
        for c in clients {
            self.upsert(c);
        }
    }

    /// Replaces the team and refreshes every lead name.
    pub fn set_team(&mut self, team: Vec<Member>) {
        for e in &mut self.entries {
            e.summary.lead_name = lead_name(e.summary.lead, &team);
        }
        self.team = team;
        self.invalidate();
    }

    /// The wholesale billing report.
    pub fn billing(&self, inactive_only: bool) -> BillingReport {
        let lines = self
            .entries
            .iter()
            .flat_map(|e| e.billing.iter().cloned())
            .collect();
        BillingReport::from_lines(lines, inactive_only)
    }

    /// The tax-return work of the active clients (all, or one lead's),
    /// counted in one pass, split across cores at large sizes.
    pub fn work(&self, q: &WorkQuery) -> WorkReport {
        let today = q.today.unwrap_or_else(firm_today);
        let mut team: Vec<&Member> = self.team.iter().collect();
        team.sort_by_cached_key(|m| fold(&m.name));
        // Each member's slot in the tally, by id; the last slot is for
        // clients without a lead.
        let unassigned = team.len();
        let max_id = team.iter().map(|m| m.id).max().unwrap_or(0);
        let slot_of: HashMap<MemberId, usize> =
            team.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        let dense: Option<Vec<u32>> = (max_id < 1 << 16).then(|| {
            let mut v = vec![u32::MAX; max_id as usize + 1];
            for (id, &i) in &slot_of {
                v[*id as usize] = i as u32;
            }
            v
        });
        let slot = |lead: Option<MemberId>| -> usize {
            match lead {
                None => unassigned,
                Some(id) => match &dense {
                    Some(v) => v
                        .get(id as usize)
                        .copied()
                        .filter(|&i| i != u32::MAX)
                        .map_or(unassigned, |i| i as usize),
                    None => slot_of.get(&id).copied().unwrap_or(unassigned),
                },
            }
        };
        let in_scope = |c: &WorkCell| match q.lead {
            LeadFilter::Any => true,
            LeadFilter::Member(m) => c.lead == m,
            LeadFilter::Unassigned => c.lead == 0,
        };
        let run = |(start, chunk): (usize, &[WorkCell])| {
            let mut t = Tally::new(unassigned + 1);
            for (i, c) in chunk.iter().enumerate() {
                if c.active && in_scope(c) {
                    let lead = (c.lead != 0).then_some(c.lead);
                    t.add(c, (start + i) as u32, slot(lead), today);
                }
            }
            t
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        let tally = if self.cells.len() < PARALLEL_FROM || threads < 2 {
            run((0, &self.cells))
        } else {
            let size = self.cells.len().div_ceil(threads);
            std::thread::scope(|sc| {
                let handles: Vec<_> = self
                    .cells
                    .chunks(size)
                    .enumerate()
                    .map(|(k, c)| sc.spawn(move || run((k * size, c))))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .reduce(Tally::merge)
                    .unwrap_or_else(|| Tally::new(unassigned + 1))
            })
        };
        let mut leads: Vec<LeadWork> = team
            .iter()
            .map(|m| LeadWork::new(LeadFilter::Member(m.id), m.name.clone()))
            .collect();
        leads.push(LeadWork::new(LeadFilter::Unassigned, String::new()));
        for (l, t) in leads.iter_mut().zip(&tally.leads) {
            l.clients = t.clients;
            l.by_status = t.by_status;
            l.overdue = t.overdue;
            l.docs_clients = t.docs_clients;
            l.docs = t.docs;
        }
        // Members without clients and without work are left out, and so
        // are clients without a lead when there are none.
        leads.retain(|l| l.clients > 0);
        let mut docs: Vec<(u32, u32)> = tally.docs_top;
        docs.sort_unstable_by(|a, b| {
            let name = |p: u32| self.arena.hay(p as usize).name();
            b.0.cmp(&a.0).then_with(|| name(a.1).cmp(name(b.1)))
        });
        docs.truncate(WorkReport::MAX_CLIENTS);
        let total = |f: fn(&LeadTally) -> usize| tally.leads.iter().map(f).sum::<usize>();
        let mut by_status = [0; 5];
        for l in &tally.leads {
            for (a, b) in by_status.iter_mut().zip(l.by_status) {
                *a += b;
            }
        }
        WorkReport {
            today,
            clients: total(|l| l.clients),
            by_status,
            no_return: tally.no_return,
            overdue: total(|l| l.overdue),
            due_week: tally.due_week,
            due_month: tally.due_month,
            docs_clients: total(|l| l.docs_clients),
            docs: total(|l| l.docs),
            leads,
            docs_by_client: docs
                .into_iter()
                .map(|(n, p)| {
                    let s = &self.entries[p as usize].summary;
                    ClientDocs {
                        id: s.id,
                        name: s.name.clone(),
                        lead_name: s.lead_name.clone(),
                        docs: n,
                    }
                })
                .collect(),
        }
    }

    /// How many active clients each member leads.
    pub fn lead_counts(&self) -> HashMap<MemberId, usize> {
        let mut counts = HashMap::new();
        for e in &self.entries {
            if let (Some(l), true) = (e.summary.lead, e.summary.active) {
                *counts.entry(l).or_default() += 1;
            }
        }
        counts
    }

    /// Ids of every client (active or not) this member leads.
    pub fn led_by(&self, member: MemberId) -> Vec<ClientId> {
        let mut ids: Vec<_> = self
            .entries
            .iter()
            .filter(|e| e.summary.lead == Some(member))
            .map(|e| e.summary.id)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn invalidate(&mut self) {
        *self.cache.get_mut().unwrap_or_else(|p| p.into_inner()) = Cache::default();
    }

    /// Answers a view query: the window asked for, the total and counts.
    pub fn query(&self, q: &ViewQuery) -> ViewPage {
        let shape = q.shape();
        // A view half computed when a call panicked is forgotten.
        let mut cache = self.cache.lock().unwrap_or_else(|p| {
            let mut cache = p.into_inner();
            *cache = Cache::default();
            self.cache.clear_poison();
            cache
        });
        if cache.view.as_ref().is_none_or(|v| v.shape != shape) {
            if cache.names.is_none() {
                cache.names = Some(self.name_order());
            }
            let Cache {
                names, last_search, ..
            } = &mut *cache;
            let view = self.compute(&shape, last_search, names.as_ref().expect("just made"));
            cache.view = Some(view);
        }
        let view = cache.view.as_mut().expect("view was just computed");
        let start = q.offset.min(view.order.len());
        let end = start.saturating_add(q.limit).min(view.order.len());
        let located_early = q.locate.and_then(|id| {
            view.order[..view.sorted_upto]
                .iter()
                .position(|&(_, x)| x == id)
        });
        if end > view.sorted_upto || (q.locate.is_some() && located_early.is_none()) {
            view.sort_all();
        }
        let view = &*view;
        let rows: Vec<ClientSummary> = view.order[start..end]
            .iter()
            .map(|&(_, id)| self.row(id))
            .collect();
        let scorer = Scorer::default();
        let highlights = if view.query.is_empty() {
            Vec::new()
        } else {
            rows.iter()
                .map(|r| scorer.highlight(&view.query, &r.name))
                .collect()
        };
        let found = if view.query.is_empty() {
            Vec::new()
        } else {
            rows.iter()
                .map(|r| scorer.found_in(&view.query, self.arena.hay(self.pos[&r.id])))
                .collect()
        };
        let search = (!view.query.is_empty()).then(|| {
            let count = |r: HiddenReason| view.hidden.iter().filter(|(_, x)| *x == r).count();
            SearchOutcome {
                closest: view.closest,
                hidden: view
                    .hidden
                    .iter()
                    .take(SearchOutcome::MAX_HIDDEN)
                    .map(|&(id, reason)| HiddenMatch {
                        row: self.row(id),
                        reason,
                    })
                    .collect(),
                hidden_inactive: count(HiddenReason::Inactive),
                hidden_by_kind: count(HiddenReason::Kind),
                hidden_by_lead: count(HiddenReason::Lead),
                hidden_by_work: count(HiddenReason::Work),
            }
        });
        ViewPage {
            total: view.order.len(),
            inactive_hidden: view.inactive_hidden,
            offset: start,
            rows,
            located: located_early.or_else(|| {
                q.locate
                    .and_then(|id| view.order.iter().position(|&(_, x)| x == id))
            }),
            highlights,
            found,
            search,
        }
    }

    fn row(&self, id: ClientId) -> ClientSummary {
        self.entries[self.pos[&id]].summary.clone()
    }

    /// Why a client is left out of a view, or `None` when it is shown.
    fn hidden_by(q: &ViewQuery, today: Date, s: &ClientSummary) -> Option<HiddenReason> {
        if q.kind.is_some_and(|k| k != s.kind) {
            return Some(HiddenReason::Kind);
        }
        let lead_ok = match q.lead {
            LeadFilter::Any => true,
            LeadFilter::Member(m) => s.lead == Some(m),
            LeadFilter::Unassigned => s.lead.is_none(),
        };
        if !lead_ok {
            return Some(HiddenReason::Lead);
        }
        if !q.work.keeps(s, today) {
            return Some(HiddenReason::Work);
        }
        (!s.active && !q.include_inactive).then_some(HiddenReason::Inactive)
    }

    /// Sorts every entry by folded name (then id), once per change.
    fn name_order(&self) -> NameOrder {
        let mut by_name: Vec<u32> = (0..self.entries.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| {
            let name = |p: u32| self.arena.hay(p as usize).name();
            let id = |p: u32| self.entries[p as usize].summary.id;
            name(a).cmp(name(b)).then(id(a).cmp(&id(b)))
        });
        let mut rank = vec![0; by_name.len()];
        for (r, &p) in by_name.iter().enumerate() {
            rank[p as usize] = r as u32;
        }
        NameOrder { by_name, rank }
    }

    fn compute(
        &self,
        q: &ViewQuery,
        last_search: &mut Option<(Query, Vec<u32>)>,
        names: &NameOrder,
    ) -> View {
        let query = Query::parse(&q.search);
        let today = q.today.unwrap_or_else(firm_today);
        let mut view = View {
            shape: q.clone(),
            query: query.clone(),
            order: Vec::new(),
            sorted_upto: 0,
            inactive_hidden: 0,
            hidden: Vec::new(),
            closest: false,
        };
        if query.is_empty() {
            let mut shown: Vec<u32> = Vec::new();
            for &p in &names.by_name {
                match Self::hidden_by(q, today, &self.entries[p as usize].summary) {
                    None => shown.push(p),
                    Some(HiddenReason::Inactive) => view.inactive_hidden += 1,
                    Some(_) => {}
                }
            }
            // Already in name order; other columns sort with the name as
            // the tie-break, which a stable sort keeps.
            if q.sort != SortColumn::Name {
                let ranks = self.lead_ranks();
                shown.sort_by(|&a, &b| {
                    let (x, y) = (&self.entries[a as usize], &self.entries[b as usize]);
                    let c = compare(q.sort, x, y, &ranks);
                    if q.descending { c.reverse() } else { c }
                });
            } else if q.descending {
                shown.reverse();
            }
            view.order = shown
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        (std::cmp::Reverse(0), i as u32),
                        self.entries[p as usize].summary.id,
                    )
                })
                .collect();
            view.sorted_upto = view.order.len();
            return view;
        }

        let mut matches = self.search(&query, last_search);
        // A typo: when no client has every word as typed, the clients
        // within a few edits of every word join the matches, ahead of
        // those that only match loosely.
        if !matches.is_empty() && query.typo_prone() {
            let scorer = Scorer::default();
            let exact = matches
                .iter()
                .any(|&(p, _)| scorer.exact(&query, self.arena.hay(p as usize)));
            if !exact {
                let all: Vec<u32> = (0..self.entries.len() as u32).collect();
                let typos = scan(&all, |_, p| {
                    near(&query, self.arena.hay(p as usize)).map(|n| n.typo_score(query.len()))
                });
                let mut by_pos: HashMap<u32, i64> = matches.into_iter().collect();
                for (p, s) in typos {
                    let e = by_pos.entry(p).or_insert(s);
                    *e = (*e).max(s);
                }
                matches = by_pos.into_iter().collect();
            }
        }
        if matches.is_empty() {
            view.closest = true;
            let all: Vec<u32> = (0..self.entries.len() as u32).collect();
            // Closest first; at equal distance, names that hold the words
            // before clients found through another field, then words in
            // the order typed.
            matches = scan(&all, |_, p| {
                near(&query, self.arena.hay(p as usize)).map(|n| n.closest_score())
            });
        }
        let key = |p: u32, score: i64| (std::cmp::Reverse(score), names.rank[p as usize]);
        let mut hidden: Vec<(Key, ClientId, HiddenReason)> = Vec::new();
        for (p, score) in matches {
            let s = &self.entries[p as usize].summary;
            match Self::hidden_by(q, today, s) {
                None => view.order.push((key(p, score), s.id)),
                Some(reason) => {
                    if reason == HiddenReason::Inactive {
                        view.inactive_hidden += 1;
                    }
                    hidden.push((key(p, score), s.id, reason));
                }
            }
        }
        hidden.sort_unstable_by_key(|&(k, id, _)| (k, id));
        view.hidden = hidden.into_iter().map(|(_, id, r)| (id, r)).collect();
        // Only the best rows are put in order now; a key press should not
        // wait for the order of rows nobody will scroll to.
        let top = view.order.len().min(FIRST_SORTED);
        if top > 0 && top < view.order.len() {
            view.order.select_nth_unstable(top - 1);
        }
        view.order[..top].sort_unstable();
        view.sorted_upto = top;
        view
    }

    /// Each member's place in alphabetical order of names, for sorting by
    /// lead without folding names on every comparison.
    fn lead_ranks(&self) -> HashMap<MemberId, usize> {
        let mut team: Vec<&Member> = self.team.iter().collect();
        team.sort_by_cached_key(|m| fold(&m.name));
        team.iter().enumerate().map(|(i, m)| (m.id, i)).collect()
    }

    /// Every client matching the query, with its score, before filters.
    /// Rescans only the previous search's matches when the query grew.
    fn search(&self, query: &Query, last: &mut Option<(Query, Vec<u32>)>) -> Vec<(u32, i64)> {
        let scorer_matches = |candidates: &[u32]| {
            scan(candidates, |scorer, p| {
                scorer.score(query, self.arena.hay(p as usize))
            })
        };
        let matches = match last.as_ref() {
            Some((older, candidates)) if query.narrows(older) => scorer_matches(candidates),
            _ => {
                let all: Vec<u32> = (0..self.entries.len() as u32).collect();
                scorer_matches(&all)
            }
        };
        *last = Some((query.clone(), matches.iter().map(|&(p, _)| p).collect()));
        matches
    }
}

/// One lead's counts while the work report is tallied.
#[derive(Debug, Clone, Default)]
struct LeadTally {
    clients: usize,
    by_status: StatusCounts,
    overdue: usize,
    docs_clients: usize,
    docs: usize,
}

/// The work report's counts over some of the clients.
#[derive(Debug)]
struct Tally {
    leads: Vec<LeadTally>,
    no_return: usize,
    due_week: usize,
    due_month: usize,
    /// The clients with the most documents awaited, as (count, entry
    /// position).
    docs_top: Vec<(u32, u32)>,
    /// The fewest documents a client needs to be kept in `docs_top`.
    docs_floor: u32,
}

impl Tally {
    fn new(slots: usize) -> Self {
        Tally {
            leads: vec![LeadTally::default(); slots],
            no_return: 0,
            due_week: 0,
            due_month: 0,
            docs_top: Vec::new(),
            docs_floor: 0,
        }
    }

    fn add(&mut self, c: &WorkCell, pos: u32, slot: usize, today: Date) {
        let l = &mut self.leads[slot];
        l.clients += 1;
        if c.status == NO_RETURN {
            self.no_return += 1;
        } else {
            l.by_status[usize::from(c.status)] += 1;
            if !c.done()
                && let Some(due) = c.due
            {
                let days = i64::from((due - today).get_days());
                if days < 0 {
                    l.overdue += 1;
                } else {
                    self.due_week += usize::from(days <= i64::from(WEEK));
                    self.due_month += usize::from(days <= i64::from(MONTH));
                }
            }
        }
        if c.docs > 0 {
            l.docs_clients += 1;
            l.docs += c.docs as usize;
            self.keep_top(c.docs, pos);
        }
    }

    /// Keeps the clients with the most documents awaited (ties by entry, so
    /// that the report is the same every time): a few more than shown,
    /// cut back whenever the buffer doubles.
    fn keep_top(&mut self, docs: u32, id: u32) {
        const KEEP: usize = WorkReport::MAX_CLIENTS * 4;
        if docs < self.docs_floor {
            return;
        }
        self.docs_top.push((docs, id));
        if self.docs_top.len() >= 2 * KEEP {
            let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            self.docs_top.select_nth_unstable_by(KEEP - 1, order);
            self.docs_top.truncate(KEEP);
            self.docs_floor = self.docs_top.iter().map(|d| d.0).min().unwrap_or(0);
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        for (a, b) in self.leads.iter_mut().zip(other.leads) {
            a.clients += b.clients;
            a.overdue += b.overdue;
            a.docs_clients += b.docs_clients;
            a.docs += b.docs;
            for (x, y) in a.by_status.iter_mut().zip(b.by_status) {
                *x += y;
            }
        }
        self.no_return += other.no_return;
        self.due_week += other.due_week;
        self.due_month += other.due_month;
        for (n, id) in other.docs_top {
            self.keep_top(n, id);
        }
        self
    }
}

/// Applies `f` to the entries at `candidates`, on several threads when
/// there are many, keeping those it scores. Order is not preserved.
fn scan(candidates: &[u32], f: impl Fn(&Scorer, u32) -> Option<i64> + Sync) -> Vec<(u32, i64)> {
    let run = |chunk: &[u32]| {
        let scorer = Scorer::default();
        chunk
            .iter()
            .filter_map(|&p| f(&scorer, p).map(|s| (p, s)))
            .collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    if candidates.len() < PARALLEL_FROM || threads < 2 {
        return run(candidates);
    }
    let size = candidates.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = candidates
            .chunks(size)
            .map(|c| s.spawn(move || run(c)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

fn compare(
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
pub fn urgency(s: &ClientSummary) -> (u8, Option<Date>) {
    match &s.latest_return {
        Some(r) if !r.status.is_done() && r.due.is_some() => (0, r.due),
        Some(r) if !r.status.is_done() => (1, None),
        Some(r) => (2, r.due),
        None => (3, None),
    }
}

/// Today's date where the firm is, for views that do not say.
pub fn firm_today() -> Date {
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
mod sort_tests {
    use super::*;
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
