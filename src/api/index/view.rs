//! A list view computed from the index: filters, search and sort, kept
//! until the index or the view's shape changes, and the window of it a
//! page shows.

use crate::sync::LockExt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use crate::model::text::fold;
use crate::model::{
    ClientId, ClientSummary, DueFilter, HiddenMatch, HiddenReason, LeadFilter, Member, MemberId,
    SearchOutcome, SortColumn, ViewPage, ViewQuery, WorkFilter,
};
use crate::search::postings::QuerySig;
use crate::search::postings::{has_bit, positions};
use crate::search::{Near, Query, Ranker, Scorer, Short, near};

use super::order::{compare, firm_today};
use super::{Index, PARALLEL_FROM};

/// A computed view: its clients in order, and what it left out.
#[derive(Debug, Clone)]
pub(super) struct View {
    shape: ViewQuery,
    query: Query,
    /// The clients shown (entry positions), each with its sort key; sorted up to
    /// `sorted_upto`, the rest only once someone scrolls that far. Past
    /// `sorted_upto`, a position marked [`BOUND`] holds a bound on its
    /// score, not the score (see [`Ranker`]).
    order: Vec<(Key, u32)>,
    sorted_upto: usize,
    inactive_hidden: usize,
    /// The best search matches left out by the filters or the inactive
    /// toggle (at most [`SearchOutcome::MAX_HIDDEN`]), and how many were
    /// left out for each reason.
    hidden: Vec<(u32, HiddenReason)>,
    left_out: [usize; REASONS.len()],
    /// The typo fallback's scores of matches whose key holds a bound
    /// above it: scoring such a match takes the better of the two.
    typos: HashMap<u32, i64>,
    closest: bool,
}

/// A search result's sort key: best score first, then name order, in
/// one number so that putting a million rows in order compares numbers.
type Key = u64;

/// The key of a row with this score (or bound) and place in name order.
fn key(score: i64, rank: u32) -> Key {
    let score = score.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    let worse = (i64::from(i32::MAX) - score) as u64;
    worse << 32 | u64::from(rank)
}

/// The score (or bound) a key was made from.
fn score_of(key: Key) -> i64 {
    i64::from(i32::MAX) - (key >> 32) as i64
}

/// How many of a search's best rows are put in order at once: a few
/// screens' worth. The rest wait until someone scrolls to them.
const FIRST_SORTED: usize = 500;

/// Marks a row's position whose key holds a bound on its score, not yet
/// the score: positions stay below it (a firm holds fewer than two
/// billion clients).
const BOUND: u32 = 1 << 31;

/// A search's matches, each row a sort key and a position (marked
/// [`BOUND`] where the key holds a bound): those shown, those the view
/// leaves out, and how many it left out for each reason (in
/// [`REASONS`]' order). Filled on each scan thread, then joined.
#[derive(Debug, Default)]
struct Found {
    shown: Vec<(Key, u32)>,
    hidden: Vec<(Key, u32)>,
    left_out: [usize; REASONS.len()],
}

/// Every reason a view leaves a match out, each at its [`slot`].
const REASONS: [HiddenReason; 4] = [
    HiddenReason::Inactive,
    HiddenReason::Kind,
    HiddenReason::Lead,
    HiddenReason::Work,
];

/// Where a reason's count is kept.
fn slot(reason: HiddenReason) -> usize {
    match reason {
        HiddenReason::Inactive => 0,
        HiddenReason::Kind => 1,
        HiddenReason::Lead => 2,
        HiddenReason::Work => 3,
    }
}

impl Found {
    /// Adds a match with its score (or bound) and why it is hidden.
    fn add(&mut self, key: Key, p: u32, exact: bool, hidden: Option<HiddenReason>) {
        let at = if exact { p } else { p | BOUND };
        match hidden {
            None => self.shown.push((key, at)),
            Some(reason) => {
                self.left_out[slot(reason)] += 1;
                self.hidden.push((key, at));
            }
        }
    }

    fn join(mut self, other: Found) -> Found {
        if self.shown.len() < other.shown.len() {
            return other.join(self);
        }
        self.shown.extend(other.shown);
        self.hidden.extend(other.hidden);
        for (a, b) in self.left_out.iter_mut().zip(other.left_out) {
            *a += b;
        }
        self
    }

    fn is_empty(&self) -> bool {
        self.shown.is_empty() && self.hidden.is_empty()
    }

    /// Every match's position.
    fn positions(&self) -> Vec<u32> {
        self.shown
            .iter()
            .chain(&self.hidden)
            .map(|&(_, p)| p & !BOUND)
            .collect()
    }

    /// Every match's row, to change.
    fn rows_mut(&mut self) -> impl Iterator<Item = &mut (Key, u32)> {
        self.shown.iter_mut().chain(self.hidden.iter_mut())
    }
}

/// One session's views: the last view it computed and its last search,
/// so that two people searching at once do not undo each other's
/// narrowing. Dropped with the session.
#[derive(Debug, Default)]
pub(crate) struct ViewCache(Mutex<Cache>);

#[derive(Debug, Default)]
struct Cache {
    /// The index's generation the view was computed on.
    generation: u64,
    view: Option<Arc<View>>,
    /// The last search's matches (entry positions) before any filter.
    last_search: Option<(Query, Vec<u32>)>,
}

/// Entry positions in name order, and each position's place in it, so
/// that ordering by name compares numbers, not strings.
#[derive(Debug, Clone)]
pub(super) struct NameOrder {
    pub(super) by_name: Vec<u32>,
    pub(super) rank: Vec<u32>,
}

impl Index {
    /// Answers a view query: the window asked for, the total and counts,
    /// with the views kept for callers without a session of their own.
    pub fn query(&self, q: &ViewQuery) -> ViewPage {
        self.query_in(q, &self.views)
    }

    /// Answers a view query from a session's own views.
    pub(crate) fn query_in(&self, q: &ViewQuery, views: &ViewCache) -> ViewPage {
        let mut shape = q.shape();
        // The day changes a view only through a due-date filter: without
        // one, the same view asked for with a day or without (the app and
        // the command line) is computed once, not again on every page.
        if shape.work.due == DueFilter::default() {
            shape.today = None;
        }
        // A view half computed when a call panicked is forgotten.
        let mut cache = views.0.lock().unwrap_or_else(|p| {
            let mut cache = p.into_inner();
            *cache = Cache::default();
            views.0.clear_poison();
            cache
        });
        if cache.generation != self.generation {
            *cache = Cache {
                generation: self.generation,
                ..Cache::default()
            };
        }
        if cache.view.as_ref().is_none_or(|v| v.shape != shape) {
            cache.view = Some(self.view_of(&shape, &mut cache.last_search));
        }
        let view = cache.view.as_mut().expect("view was just computed");
        let start = q.offset.min(view.order.len());
        let end = start.saturating_add(q.limit).min(view.order.len());
        // The view holds entry positions, stable until the next write.
        let locate = q.locate.and_then(|id| self.pos.get(&id)).map(|&p| p as u32);
        let located_early = locate.and_then(|want| {
            view.order[..view.sorted_upto]
                .iter()
                .position(|&(_, x)| x == want)
        });
        if end > view.sorted_upto || (locate.is_some() && located_early.is_none()) {
            self.sort_all(Arc::make_mut(view));
        }
        let view = &*view;
        let rows: Vec<ClientSummary> = view.order[start..end]
            .iter()
            .map(|&(_, p)| self.entries[p as usize].summary.clone())
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
            view.order[start..end]
                .iter()
                .map(|&(_, p)| scorer.found_in(&view.query, self.arena.hay(p as usize)))
                .collect()
        };
        let search = (!view.query.is_empty()).then(|| {
            let count = |r: HiddenReason| view.left_out[slot(r)];
            SearchOutcome {
                closest: view.closest,
                hidden: view
                    .hidden
                    .iter()
                    .take(SearchOutcome::MAX_HIDDEN)
                    .map(|&(p, reason)| HiddenMatch {
                        row: self.entries[p as usize].summary.clone(),
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
                locate.and_then(|want| view.order.iter().position(|&(_, x)| x == want))
            }),
            highlights,
            found,
            search,
        }
    }

    /// A view computed, or the same list without a search another
    /// session has (a new session opens on it without computing it again).
    fn view_of(&self, shape: &ViewQuery, last_search: &mut Option<(Query, Vec<u32>)>) -> Arc<View> {
        let plain = shape.search.trim().is_empty();
        if plain {
            let kept = self.plain.lock_or_recover();
            if let Some(v) = kept.as_ref().filter(|v| v.shape == *shape) {
                return Arc::clone(v);
            }
        }
        let names = self.names();
        let view = Arc::new(self.compute(shape, last_search, &names));
        if plain {
            *self.plain.lock_or_recover() = Some(Arc::clone(&view));
        }
        view
    }

    /// Why the client at entry position `p` is left out of a view: from
    /// the compact work cells when the view has no filter but the
    /// inactive toggle, so that a search matching most of a large firm
    /// does not read every client's row.
    fn hidden_at(&self, q: &ViewQuery, today: Date, p: u32) -> Option<HiddenReason> {
        if q.kind.is_none() && q.lead == LeadFilter::Any && q.work == WorkFilter::default() {
            return (!self.cells[p as usize].active && !q.include_inactive)
                .then_some(HiddenReason::Inactive);
        }
        Self::hidden_by(q, today, &self.entries[p as usize].summary)
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

    /// The name order, sorted once and shared by every session.
    pub(super) fn names(&self) -> Arc<NameOrder> {
        let mut names = self.names.lock_or_recover();
        Arc::clone(names.get_or_insert_with(|| Arc::new(self.name_order())))
    }

    /// Sorts every entry by folded name (then id), once per change.
    /// What the name order sorts the client at `p` by: its folded name,
    /// then its id.
    pub(super) fn name_key(&self, p: u32) -> (&str, ClientId) {
        (
            self.arena.hay(p as usize).name(),
            self.entries[p as usize].summary.id,
        )
    }

    pub(super) fn name_order(&self) -> NameOrder {
        let mut by_name: Vec<u32> = (0..self.entries.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| self.name_key(a).cmp(&self.name_key(b)));
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
            left_out: [0; REASONS.len()],
            typos: HashMap::new(),
            closest: false,
        };
        if query.is_empty() {
            let mut shown: Vec<u32> = Vec::new();
            for &p in &names.by_name {
                match self.hidden_at(q, today, p) {
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
                .map(|(i, p)| (key(0, i as u32), p))
                .collect();
            view.sorted_upto = view.order.len();
            return view;
        }

        let ranker = Ranker::new(&query);
        let started = std::time::Instant::now();
        let mut found = match ranker.short() {
            Some(short) => self.short(&ranker, short, q, today, last_search, names),
            None => self.search(&ranker, q, today, last_search, names),
        };
        let scanned = started.elapsed();
        let key = |p: u32, score: i64| key(score, names.rank[p as usize]);
        // A typo: when no client has every word as typed, the clients
        // within a few edits of every word join the matches, ahead of
        // those that only match loosely.
        if !found.is_empty() && query.typo_prone() {
            let scorer = Scorer::default();
            let exact = found
                .shown
                .iter()
                .chain(&found.hidden)
                .any(|&(_, p)| scorer.exact(&query, self.arena.hay((p & !BOUND) as usize)));
            if !exact {
                let mut typos: HashMap<u32, i64> = self
                    .closest(&query, |n| n.typo_score(query.len()))
                    .into_iter()
                    .collect();
                // A match found both ways keeps the better score: a bound
                // no higher than its typo score is that score.
                for (k, at) in found.rows_mut() {
                    let p = *at & !BOUND;
                    let Some(t) = typos.remove(&p) else { continue };
                    if *at & BOUND == 0 || score_of(*k) <= t {
                        *k = key(p, score_of(*k).max(t));
                        *at = p;
                    } else {
                        view.typos.insert(p, t);
                    }
                }
                for (p, score) in typos {
                    found.add(key(p, score), p, true, self.hidden_at(q, today, p));
                }
            }
        }
        if found.is_empty() {
            view.closest = true;
            // Closest first; at equal distance, names that hold the words
            // before clients found through another field, then words in
            // the order typed.
            for (p, score) in self.closest(&query, |n| n.closest_score()) {
                found.add(key(p, score), p, true, self.hidden_at(q, today, p));
            }
        }
        view.left_out = found.left_out;
        view.inactive_hidden = found.left_out[slot(HiddenReason::Inactive)];
        view.order = found.shown;
        let mut hidden = found.hidden;
        let score = |p: u32| self.score_at(&ranker, &view.typos, p);
        // Only the best rows are put in order now; a key press should not
        // wait for the order of rows nobody will scroll to.
        view.sorted_upto = best_first(&mut view.order, FIRST_SORTED, &score);
        let shown = best_first(&mut hidden, SearchOutcome::MAX_HIDDEN, &score);
        view.hidden = hidden[..shown]
            .iter()
            .filter_map(|&(_, p)| Some((p, self.hidden_at(q, today, p)?)))
            .collect();
        // Where a slow search spends its time, for `RUST_LOG=debug`; the
        // words themselves are the firm's business, not the log's.
        tracing::debug!(
            words = query.len(),
            matches = view.order.len() + hidden.len(),
            scan_ms = scanned.as_secs_f64() * 1e3,
            total_ms = started.elapsed().as_secs_f64() * 1e3,
            "search computed"
        );
        view
    }

    /// The full score of the match at `p` that held a bound: the better
    /// of its own and its typo score, if the typo fallback found it too.
    fn score_at(&self, ranker: &Ranker<'_>, typos: &HashMap<u32, i64>, p: u32) -> i64 {
        let s = ranker.score(self.arena.hay(p as usize));
        typos.get(&p).map_or(s, |&t| s.max(t))
    }

    /// Puts every row of a view in order, scoring those that held a
    /// bound, when a window or a lookup goes past the sorted ones.
    fn sort_all(&self, view: &mut View) {
        if view.sorted_upto >= view.order.len() {
            return;
        }
        let ranker = Ranker::new(&view.query);
        let typos = &view.typos;
        let score = |p: u32| self.score_at(&ranker, typos, p);
        let rest = &mut view.order[view.sorted_upto..];
        settle(rest, &score, |_| true);
        view.order.sort_unstable();
        view.sorted_upto = view.order.len();
    }

    /// Each member's place in alphabetical order of names, for sorting by
    /// lead without folding names on every comparison.
    fn lead_ranks(&self) -> HashMap<MemberId, usize> {
        let mut team: Vec<&Member> = self.team.iter().collect();
        team.sort_by_cached_key(|m| fold(&m.name));
        team.iter().enumerate().map(|(i, m)| (m.id, i)).collect()
    }

    /// Every client matching the query, with its score or a bound on it,
    /// shown or left out. Rescans only the previous search's matches when
    /// the query grew.
    fn search(
        &self,
        ranker: &Ranker<'_>,
        q: &ViewQuery,
        today: Date,
        last: &mut Option<(Query, Vec<u32>)>,
        names: &NameOrder,
    ) -> Found {
        let query = ranker.query();
        // Clients missing a pair of letters every way a word could match
        // are skipped before any text is read.
        let need = QuerySig::of(query);
        self.scan_matches(ranker, last, |p, found: &mut Found| {
            if !need.may_match(self.arena.sig(p as usize)) {
                return;
            }
            if let Some((score, exact)) = ranker.rank(self.arena.hay(p as usize)) {
                let key = key(score, names.rank[p as usize]);
                found.add(key, p, exact, self.hidden_at(q, today, p));
            }
        })
    }

    /// Applies `f` to the clients that can match: the previous search's
    /// matches when the query only grew, or else every client, less those
    /// missing a pair of letters the query needs. Keeps the matches for
    /// the next.
    fn scan_matches(
        &self,
        ranker: &Ranker<'_>,
        last: &mut Option<(Query, Vec<u32>)>,
        f: impl Fn(u32, &mut Found) + Sync,
    ) -> Found {
        let older = last
            .as_ref()
            .filter(|(older, _)| ranker.query().narrows(older))
            .map(|(_, matches)| matches);
        let found = match (self.arena.can_match(ranker.query()), older) {
            (Some(bits), Some(older)) => {
                let within: Vec<u32> = older
                    .iter()
                    .copied()
                    .filter(|&p| has_bit(&bits, p))
                    .collect();
                scan(Candidates::Some(&within), f)
            }
            (Some(bits), None) => scan(Candidates::Some(&positions(&bits)), f),
            (None, Some(older)) => scan(Candidates::Some(older), f),
            (None, None) => scan(Candidates::All(self.entries.len()), f),
        };
        *last = Some((ranker.query().clone(), found.positions()));
        found
    }

    /// Every client matching a query of one or two letters (see
    /// [`Ranker::short`]), found without reading their text: from their
    /// letters, or from the clients that hold the pair. Ranked from the
    /// names the letters begin (a range of the name order) and where
    /// their words begin.
    fn short(
        &self,
        ranker: &Ranker<'_>,
        short: Short,
        q: &ViewQuery,
        today: Date,
        last: &mut Option<(Query, Vec<u32>)>,
        names: &NameOrder,
    ) -> Found {
        let prefix = short.prefix();
        let name = |p: u32| self.arena.hay(p as usize).name().as_bytes();
        let from = names.by_name.partition_point(|&p| name(p) < &prefix[..]) as u32;
        let to = names
            .by_name
            .partition_point(|&p| name(p) < &prefix[..] || name(p).starts_with(&prefix))
            as u32;
        self.scan_matches(ranker, last, |p, found: &mut Found| {
            if let Short::Letter(_, bit) = short
                && self.arena.letters(p as usize) & bit == 0
            {
                return;
            }
            let rank = names.rank[p as usize];
            let begins = (from..to).contains(&rank);
            let (score, exact) = ranker.short_score(short, begins, self.arena.starts(p as usize));
            let key = key(score, rank);
            found.add(key, p, exact, self.hidden_at(q, today, p));
        })
    }

    /// The clients within a few edits of every word of the query (the
    /// typo fallback), each scored by `score` from how near it is.
    /// Only the clients holding a word within reach of each query word
    /// are compared.
    fn closest(&self, query: &Query, score: impl Fn(Near) -> i64 + Sync) -> Vec<(u32, i64)> {
        let listed = self.tokens.typo_candidates(query);
        let candidates = match &listed {
            Some(c) => Candidates::Some(c),
            None => Candidates::All(self.entries.len()),
        };
        scan(candidates, |p, out: &mut Vec<(u32, i64)>| {
            if let Some(n) = near(query, self.arena.hay(p as usize)) {
                out.push((p, score(n)));
            }
        })
    }
}

/// How many threads a scan of many candidates uses.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
}

/// What a scan thread fills, and how two threads' are joined.
trait Gather: Default + Send {
    fn join(self, other: Self) -> Self;
}

impl Gather for Found {
    fn join(self, other: Found) -> Found {
        Found::join(self, other)
    }
}

impl<T: Send> Gather for Vec<T> {
    fn join(mut self, mut other: Vec<T>) -> Vec<T> {
        if self.len() < other.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.extend(other);
        self
    }
}

/// The entries a scan visits: some, or every one of the index's.
#[derive(Clone, Copy)]
enum Candidates<'a> {
    Some(&'a [u32]),
    All(usize),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::Some(c) => c.len(),
            Candidates::All(n) => *n,
        }
    }

    /// The entry at `i`, for `i` below [`Candidates::len`].
    fn at(&self, i: usize) -> u32 {
        match self {
            Candidates::Some(c) => c[i],
            Candidates::All(_) => i as u32,
        }
    }
}

/// Applies `f` to the entries at `candidates`, on several threads when
/// there are many, each filling what it gathers. Order is not preserved.
fn scan<G: Gather>(candidates: Candidates<'_>, f: impl Fn(u32, &mut G) + Sync) -> G {
    let run = |from: usize, to: usize| {
        let mut out = G::default();
        for i in from..to {
            f(candidates.at(i), &mut out);
        }
        out
    };
    let (n, threads) = (candidates.len(), threads());
    if n < PARALLEL_FROM || threads < 2 {
        return run(0, n);
    }
    let size = n.div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(size)
            .map(|from| s.spawn(move || run(from, (from + size).min(n))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .fold(G::default(), G::join)
    })
}

/// Below this many rows to score, scoring stays on one thread: a row
/// costs much more to score than to scan (a fuzzy match is scored per
/// field).
const PARALLEL_SCORING_FROM: usize = 1024;

/// Scores the rows of `rows` that hold a bound and that `wanted` picks,
/// on several threads when there are many.
fn settle(
    rows: &mut [(Key, u32)],
    score: &(impl Fn(u32) -> i64 + Sync),
    wanted: impl Fn(&Key) -> bool + Sync,
) {
    let run = |chunk: &mut [(Key, u32)]| {
        for (key, p) in chunk {
            if *p & BOUND != 0 && wanted(key) {
                *p &= !BOUND;
                *key = self::key(score(*p), *key as u32);
            }
        }
    };
    let threads = threads();
    if rows.len() < PARALLEL_SCORING_FROM || threads < 2 {
        return run(rows);
    }
    let size = rows.len().div_ceil(threads);
    std::thread::scope(|s| {
        for chunk in rows.chunks_mut(size) {
            let run = &run;
            s.spawn(move || run(chunk));
        }
    });
}

/// Puts the best `k` rows first, in order, and says how many that is.
/// Rows holding a bound are scored only when their bound could place
/// them among the best `k`: with `k` scored rows better than a bound,
/// the row's score cannot be better either. The best bounds are scored
/// first, in batches growing from a few times `k`, so that when many
/// share a bound (most of a large firm, for the first letters of a
/// search) the first names in order are scored and often settle it. The
/// rows after the best `k` stay in no order, some still with bounds.
fn best_first(rows: &mut [(Key, u32)], k: usize, score: &(impl Fn(u32) -> i64 + Sync)) -> usize {
    let k = k.min(rows.len());
    if k == 0 {
        return 0;
    }
    // The scored rows first; the `k`th best of them is the bar a bound
    // must pass to be scored.
    let mut scored = partition(rows, |&(_, p)| p & BOUND == 0);
    let mut batch = (4 * k).max(1024);
    // The loop ends with no row left that could pass the bar, so with at
    // least `k` scored rows, the best `k` of them first.
    loop {
        let bar = (scored >= k).then(|| {
            rows[..scored].select_nth_unstable(k - 1);
            rows[k - 1].0
        });
        let rest = &mut rows[scored..];
        let within = partition(rest, |(key, _)| bar.is_none_or(|b| *key < b));
        if within == 0 {
            break;
        }
        let take = within.min(batch);
        if take < within {
            rest[..within].select_nth_unstable(take - 1);
        }
        settle(&mut rest[..take], score, |_| true);
        scored += take;
        batch = batch.saturating_mul(4);
    }
    rows[..k].sort_unstable();
    k
}

/// Moves the rows that `first` picks to the front; how many there are.
fn partition<T>(rows: &mut [T], first: impl Fn(&T) -> bool) -> usize {
    let mut n = 0;
    for i in 0..rows.len() {
        if first(&rows[i]) {
            rows.swap(n, i);
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, ClientId, ClientKind};

    fn index() -> Index {
        let mut clients = Vec::new();
        for (i, name) in [
            "Plomberie Tremblay inc.",
            "Tremblay, Marie",
            "Gagnon, Luc",
            "Boulangerie Côté",
            "Tremblay, Jean",
        ]
        .into_iter()
        .enumerate()
        {
            let mut c = Client::new(name);
            c.id = i as ClientId + 1;
            c.kind = if name.contains(',') {
                ClientKind::Individual
            } else {
                ClientKind::Business
            };
            if i == 4 {
                c.inactive_since = Some(jiff::civil::date(2025, 1, 1));
            }
            clients.push(c);
        }
        Index::build(&clients, Vec::new())
    }

    fn page(index: &Index, q: ViewQuery) -> Vec<String> {
        index.query(&q).rows.into_iter().map(|r| r.name).collect()
    }

    fn search(s: &str) -> ViewQuery {
        ViewQuery {
            search: s.into(),
            limit: 10,
            ..ViewQuery::default()
        }
    }

    #[test]
    fn keys_put_the_best_score_first_then_the_name_order() {
        assert!(key(1050, 9) < key(1000, 0));
        assert!(key(333, 1) < key(333, 2));
        assert!(key(-1000, 0) > key(0, u32::MAX));
        for s in [-5000, -1, 0, 1, 333, 2100, i64::from(i32::MAX)] {
            assert_eq!(score_of(key(s, 7)), s);
        }
    }

    #[test]
    fn a_page_asked_with_the_day_reuses_the_view_computed_without() {
        let index = index();
        let views = ViewCache::default();
        let kept = || {
            views
                .0
                .lock()
                .unwrap()
                .view
                .clone()
                .expect("a view is kept")
        };
        index.query_in(&search("tremblay"), &views);
        let first = kept();
        let dated = ViewQuery {
            today: Some(jiff::civil::date(2026, 4, 1)),
            offset: 1,
            ..search("tremblay")
        };
        assert_eq!(index.query_in(&dated, &views).rows.len(), 1);
        assert!(Arc::ptr_eq(&first, &kept()), "not computed again");
        // A due-date filter depends on the day: that view is its own.
        let due = ViewQuery {
            work: crate::model::WorkFilter {
                due: DueFilter::Overdue,
                ..Default::default()
            },
            ..dated
        };
        index.query_in(&due, &views);
        assert!(!Arc::ptr_eq(&first, &kept()));
    }

    #[test]
    fn a_search_ranks_name_starts_first_and_counts_what_it_hides() {
        let index = index();
        let p = index.query(&search("tremblay"));
        let names: Vec<&str> = p.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Tremblay, Marie", "Plomberie Tremblay inc."]);
        let outcome = p.search.expect("a search says what it hid");
        assert_eq!(outcome.hidden_inactive, 1);
        assert_eq!(p.inactive_hidden, 1);
        let only_people = ViewQuery {
            kind: Some(ClientKind::Individual),
            ..search("tremblay")
        };
        let p = index.query(&only_people);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.search.unwrap().hidden_by_kind, 1);
    }

    #[test]
    fn a_typo_finds_the_closest_names() {
        let index = index();
        let p = index.query(&search("gagnno"));
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].name, "Gagnon, Luc");
        assert!(p.search.unwrap().closest);
    }

    #[test]
    fn narrowing_gives_what_a_fresh_search_gives() {
        let index = index();
        for q in ["t", "tr", "tre", "trem", "tremb", "tremblay", "tremblay m"] {
            let narrowed = page(&index, search(q));
            let fresh = page(&self::index(), search(q));
            assert!(!fresh.is_empty(), "{q}");
            assert_eq!(narrowed, fresh, "{q}");
        }
    }

    #[test]
    fn each_session_keeps_its_own_search_until_a_write() {
        let mut index = index();
        let (ana, bob) = (ViewCache::default(), ViewCache::default());
        let last = |v: &ViewCache| {
            let c = v.0.lock().unwrap();
            c.last_search.as_ref().map(|(q, m)| (q.clone(), m.len()))
        };
        index.query_in(&search("trem"), &ana);
        index.query_in(&search("gag"), &bob);
        // Ana's next key narrows her own search, not Bob's.
        assert_eq!(last(&ana).unwrap().0, Query::parse("trem"));
        let p = index.query_in(&search("tremblay m"), &ana);
        assert_eq!(p.rows[0].name, "Tremblay, Marie");
        assert_eq!(last(&bob).unwrap(), (Query::parse("gag"), 1));
        // A write drops every session's views.
        let mut c = Client::new("Gagnon, Lucie");
        c.id = 9;
        index.upsert(&c);
        let p = index.query_in(&search("gagn"), &bob);
        assert_eq!(p.rows.len(), 2);
    }

    /// Every row of a search, in order, scoring every match in full:
    /// what the view must show, however few rows it scored; and the
    /// matches it leaves out, in order, with why.
    fn every_row_scored(
        index: &Index,
        q: &ViewQuery,
    ) -> (Vec<ClientId>, Vec<(ClientId, HiddenReason)>) {
        let query = Query::parse(&q.search);
        let scorer = Scorer::default();
        let names = index.names();
        let today = q.today.unwrap_or_else(firm_today);
        // A query with a typo and no client holding it as typed: the
        // clients within a few edits join, each with its better score.
        let exact = (0..index.entries.len()).any(|p| {
            scorer.exact(&query, index.arena.hay(p))
                && scorer.score(&query, index.arena.hay(p)).is_some()
        });
        let typos: HashMap<u32, i64> = if query.typo_prone() && !exact {
            index
                .closest(&query, |n| n.typo_score(query.len()))
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        let mut rows: Vec<(Key, u32)> = (0..index.entries.len() as u32)
            .filter_map(|p| {
                let s = scorer.score(&query, index.arena.hay(p as usize));
                let s = match (s, typos.get(&p)) {
                    (Some(s), Some(&t)) => s.max(t),
                    (s, t) => s.or(t.copied())?,
                };
                Some((key(s, names.rank[p as usize]), p))
            })
            .collect();
        rows.sort_unstable();
        let id = |p: u32| index.entries[p as usize].summary.id;
        let shown = rows
            .iter()
            .filter(|&&(_, p)| index.hidden_at(q, today, p).is_none())
            .map(|&(_, p)| id(p))
            .collect();
        let hidden = rows
            .iter()
            .filter_map(|&(_, p)| Some((id(p), index.hidden_at(q, today, p)?)))
            .collect();
        (shown, hidden)
    }

    #[test]
    fn rows_scored_only_where_they_could_rank_come_out_as_if_all_were() {
        let firm = crate::demo::generate(crate::demo::DemoOptions {
            clients: 6000,
            seed: 5,
            today: jiff::civil::date(2026, 5, 4),
        });
        let clients: Vec<Client> = firm
            .clients
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| {
                c.id = i as ClientId + 1;
                c
            })
            .collect();
        let index = Index::build(&clients, firm.team);
        // First letters (most of the firm, a bound for most), rare ones,
        // digits, words found inside others, an initial after a word,
        // accents, typos.
        let queries = [
            "t",
            "tr",
            "tre",
            "ma",
            "lt",
            "ee",
            "xq",
            "ng",
            "ngu",
            "1",
            "10",
            "4",
            "inc",
            "gestion",
            "ro",
            "be j",
            "ga m",
            "e",
            "x",
            "z",
            "w",
            "q",
            "ville",
            "com",
            "é",
            "côté",
            "québec",
            "trmeblay",
            "gagnno",
            "bouchrad",
            "lvesque",
            "tremblya m",
        ];
        // As the list is first shown, with a type filter, and with the
        // inactive clients included.
        let shapes = [
            ViewQuery::default(),
            ViewQuery {
                kind: Some(ClientKind::Individual),
                ..ViewQuery::default()
            },
            ViewQuery {
                include_inactive: true,
                ..ViewQuery::default()
            },
        ];
        for shape in &shapes {
            for q in queries {
                let asked = ViewQuery {
                    search: q.into(),
                    limit: 60,
                    ..shape.clone()
                };
                let (want, left_out) = every_row_scored(&index, &asked);
                assert!(
                    !want.is_empty() || !left_out.is_empty(),
                    "{q} finds someone"
                );
                // The first rows, as typed key by key and afresh.
                for views in [&index.views, &ViewCache::default()] {
                    let page = index.query_in(&asked, views);
                    let got: Vec<ClientId> = page.rows.iter().map(|r| r.id).collect();
                    assert_eq!(page.total, want.len(), "{q}");
                    assert_eq!(got, want[..got.len()], "{q}");
                    let outcome = page.search.expect("a search says what it hid");
                    let hidden: Vec<(ClientId, HiddenReason)> = outcome
                        .hidden
                        .iter()
                        .map(|h| (h.row.id, h.reason))
                        .collect();
                    let most = left_out.len().min(SearchOutcome::MAX_HIDDEN);
                    assert_eq!(hidden, left_out[..most], "{q}: the matches left out");
                    let count = |r: HiddenReason| left_out.iter().filter(|h| h.1 == r).count();
                    assert_eq!(
                        outcome.hidden_inactive,
                        count(HiddenReason::Inactive),
                        "{q}"
                    );
                    assert_eq!(outcome.hidden_by_kind, count(HiddenReason::Kind), "{q}");
                    assert_eq!(page.inactive_hidden, count(HiddenReason::Inactive), "{q}");
                }
                if want.is_empty() {
                    continue;
                }
                // Far down the list, past the rows put in order first,
                // and a client found there.
                let at = want.len().min(700).min(want.len() - 1);
                let far = index.query(&ViewQuery {
                    offset: at,
                    locate: Some(want[want.len() - 1]),
                    ..asked.clone()
                });
                let got: Vec<ClientId> = far.rows.iter().map(|r| r.id).collect();
                let end = want.len().min(at + 60);
                assert_eq!(got, want[at..end], "{q}, far down");
                assert_eq!(
                    far.located,
                    Some(want.len() - 1),
                    "{q}, the last row located"
                );
            }
        }
    }

    #[test]
    fn a_window_and_a_located_client_come_from_the_same_order() {
        let index = index();
        let all = ViewQuery {
            include_inactive: true,
            offset: 2,
            limit: 2,
            locate: Some(4),
            ..ViewQuery::default()
        };
        let p = index.query(&all);
        assert_eq!(p.total, 5);
        assert_eq!(p.offset, 2);
        assert_eq!(
            p.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["Plomberie Tremblay inc.", "Tremblay, Jean"]
        );
        assert_eq!(p.located, Some(0), "Boulangerie Côté comes first");
    }
}
