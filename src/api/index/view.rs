//! A list view computed from the index: filters, search and sort, kept
//! until the index or the view's shape changes, and the window of it a
//! page shows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use crate::model::text::fold;
use crate::model::{
    ClientSummary, DueFilter, HiddenMatch, HiddenReason, LeadFilter, Member, MemberId,
    SearchOutcome, SortColumn, ViewPage, ViewQuery, WorkFilter,
};
use crate::search::postings::QuerySig;
use crate::search::{Near, Query, Scorer, near};

use super::order::{compare, firm_today};
use super::{Index, PARALLEL_FROM};

/// A computed view: its clients in order, and what it left out.
#[derive(Debug, Clone)]
pub(super) struct View {
    shape: ViewQuery,
    query: Query,
    /// The clients shown (entry positions), each with its sort key; sorted up to
    /// `sorted_upto`, the rest only once someone scrolls that far.
    order: Vec<(Key, u32)>,
    sorted_upto: usize,
    inactive_hidden: usize,
    /// Search matches left out by the filters or the inactive toggle.
    hidden: Vec<(u32, HiddenReason)>,
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
            Arc::make_mut(view).sort_all();
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
            let count = |r: HiddenReason| view.hidden.iter().filter(|(_, x)| *x == r).count();
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
            let kept = self.plain.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(v) = kept.as_ref().filter(|v| v.shape == *shape) {
                return Arc::clone(v);
            }
        }
        let names = self.names();
        let view = Arc::new(self.compute(shape, last_search, &names));
        if plain {
            *self.plain.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&view));
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
    fn names(&self) -> Arc<NameOrder> {
        let mut names = self.names.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(names.get_or_insert_with(|| Arc::new(self.name_order())))
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
                .map(|(i, p)| ((std::cmp::Reverse(0), i as u32), p))
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
                let typos: HashMap<u32, i64> = self
                    .closest(&query, |n| n.typo_score(query.len()))
                    .into_iter()
                    .collect();
                let mut typos = typos;
                for (p, s) in &mut matches {
                    if let Some(t) = typos.remove(p) {
                        *s = (*s).max(t);
                    }
                }
                matches.extend(typos);
            }
        }
        if matches.is_empty() {
            view.closest = true;
            // Closest first; at equal distance, names that hold the words
            // before clients found through another field, then words in
            // the order typed.
            matches = self.closest(&query, |n| n.closest_score());
        }
        let key = |p: u32, score: i64| (std::cmp::Reverse(score), names.rank[p as usize]);
        let mut hidden: Vec<(Key, u32, HiddenReason)> = Vec::new();
        view.order.reserve(matches.len());
        for (p, score) in matches {
            match self.hidden_at(q, today, p) {
                None => view.order.push((key(p, score), p)),
                Some(reason) => {
                    if reason == HiddenReason::Inactive {
                        view.inactive_hidden += 1;
                    }
                    hidden.push((key(p, score), p, reason));
                }
            }
        }
        hidden.sort_unstable_by_key(|&(k, p, _)| (k, p));
        view.hidden = hidden.into_iter().map(|(_, p, r)| (p, r)).collect();
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
        // Clients missing a pair of letters every way a word could match
        // are skipped before any text is read.
        let need = QuerySig::of(query);
        let scorer_matches = |candidates: &[u32]| {
            scan(candidates, |scorer, p| {
                if !need.may_match(self.arena.sig(p as usize)) {
                    return None;
                }
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

    /// The clients within a few edits of every word of the query (the
    /// typo fallback), each scored by `score` from how near it is.
    /// Only the clients holding a word within reach of each query word
    /// are compared.
    fn closest(&self, query: &Query, score: impl Fn(Near) -> i64 + Sync) -> Vec<(u32, i64)> {
        let candidates = self
            .tokens
            .typo_candidates(query)
            .unwrap_or_else(|| (0..self.entries.len() as u32).collect());
        scan(&candidates, |_, p| {
            near(query, self.arena.hay(p as usize)).map(&score)
        })
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
