//! The work report's tally: every active client counted in one pass over
//! a compact array, on several threads at large sizes.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::text::fold;
use crate::model::work::{ClientDocs, LeadWork, MONTH, StatusCounts, WEEK, WorkQuery, WorkReport};
use crate::model::{ClientSummary, LeadFilter, Member, MemberId};

use super::order::firm_today;
use super::{Index, PARALLEL_FROM};

/// One client, as the work report counts it.
#[derive(Debug, Clone, Copy)]
pub(super) struct WorkCell {
    /// The lead's id; 0 for none.
    lead: MemberId,
    due: Option<Date>,
    /// The latest return's status (`ReturnStatus as u8`), or `NO_RETURN`.
    status: u8,
    pub(super) active: bool,
    docs: u32,
}

const NO_RETURN: u8 = u8::MAX;

impl WorkCell {
    pub(super) fn of(s: &ClientSummary) -> Self {
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

impl Index {
    /// The tax-return work of the active clients (all, or one lead's),
    /// counted in one pass, split across cores at large sizes.
    pub(crate) fn work(&self, q: &WorkQuery) -> WorkReport {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, ReturnStatus, TaxReturn};

    fn client(id: u64, name: &str, lead: Option<MemberId>, due_in: Option<i64>) -> Client {
        let mut c = Client::new(name);
        c.id = id;
        c.lead = lead;
        if let Some(days) = due_in {
            c.tax_returns.push(TaxReturn {
                id: 1,
                year: 2025,
                form: crate::model::TaxForm::T1,
                status: ReturnStatus::default(),
                due: Some(jiff::civil::date(2026, 5, 4) + jiff::Span::new().days(days)),
                filed: None,
            });
        }
        c
    }

    #[test]
    fn work_is_counted_per_lead_and_by_due_date() {
        let mut ana = Member::new("Ana", "ana");
        ana.id = 3;
        let clients = [
            client(1, "Alpha", Some(3), Some(-2)),
            client(2, "Bravo", Some(3), Some(3)),
            client(3, "Charlie", None, Some(20)),
            client(4, "Delta", None, None),
        ];
        let index = Index::build(&clients, vec![ana]);
        let q = WorkQuery {
            today: Some(jiff::civil::date(2026, 5, 4)),
            ..WorkQuery::default()
        };
        let r = index.work(&q);
        assert_eq!(r.clients, 4);
        assert_eq!(r.overdue, 1);
        assert_eq!(r.due_week, 1);
        assert_eq!(r.due_month, 2);
        assert_eq!(r.no_return, 1);
        assert_eq!(r.leads.len(), 2, "Ana, then the unassigned");
        assert_eq!((r.leads[0].name.as_str(), r.leads[0].clients), ("Ana", 2));
        assert_eq!(r.leads[1].clients, 2);
        let one = index.work(&WorkQuery {
            lead: LeadFilter::Member(3),
            ..q
        });
        assert_eq!(one.clients, 2);
    }

    #[test]
    fn the_top_documents_survive_merges_in_a_stable_order() {
        let mut a = Tally::new(1);
        let mut b = Tally::new(1);
        for i in 0..(WorkReport::MAX_CLIENTS as u32 * 10) {
            a.keep_top(i % 7, i);
            b.keep_top(i % 5, 100_000 + i);
        }
        let merged = a.merge(b);
        let best = merged.docs_top.iter().map(|d| d.0).max();
        assert_eq!(best, Some(6));
        assert!(merged.docs_top.len() < WorkReport::MAX_CLIENTS * 8);
        assert!(
            merged.docs_top.iter().filter(|d| d.0 == 6).count() >= WorkReport::MAX_CLIENTS,
            "every client with the most documents is still a candidate"
        );
    }
}
