//! Keeping the rows in step with the store: one client after a write,
//! many after an import, and the team's names.

#[cfg(test)]
use crate::model::Client;
use crate::model::{ClientRow, Member, MemberId};
use crate::sync::LockExt;

use super::Index;
use std::sync::Arc;

use super::ViewCache;
use super::work::WorkCell;

/// The lead's name for a row, from the team.
pub(super) fn lead_name(lead: Option<MemberId>, team: &[Member]) -> String {
    lead.and_then(|id| team.iter().find(|m| m.id == id))
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

impl Index {
    /// Replaces one client's row after a write.
    #[cfg(test)]
    pub(crate) fn upsert(&mut self, c: &Client) {
        self.upsert_rows(vec![ClientRow::of(c)]);
    }

    /// Keeps the word list in step once the words written since its
    /// block are many.
    /// Merges them off the index's lock: the write (and every session
    /// waiting on it) never waits for the merge.
    fn refresh_tokens(&mut self) {
        self.tokens.upkeep(self.entries.len());
    }

    /// Adds or replaces a client by its list row, as the store wrote it.
    fn upsert_row(&mut self, mut e: ClientRow) {
        e.summary.lead_name = lead_name(e.summary.lead, &self.team);
        let id = e.summary.id;
        let names = self
            .names
            .get_mut_or_recover()
            .take()
            .map(Arc::unwrap_or_clone);
        let text = std::mem::take(&mut e.search);
        let cell = WorkCell::of(&e.summary);
        let (p, existed) = match self.pos.get(&id) {
            Some(&i) => {
                self.entries[i] = e;
                self.cells[i] = cell;
                (i as u32, true)
            }
            None => {
                self.pos.insert(id, self.entries.len());
                self.entries.push(e);
                self.cells.push(cell);
                (self.entries.len() as u32 - 1, false)
            }
        };
        self.arena.put(p as usize, &text);
        self.tokens.add(p, self.arena.hay(p as usize).all());
        self.invalidate();
        // Keep the name order in step instead of sorting everyone again:
        // one removal, one insertion, and the ranks between renumbered.
        if let Some(mut order) = names {
            let was = if existed {
                let r = order.rank[p as usize] as usize;
                order.by_name.remove(r);
                r
            } else {
                order.rank.push(0);
                order.by_name.len()
            };
            let at = order
                .by_name
                .partition_point(|&q| self.name_key(q) < self.name_key(p));
            order.by_name.insert(at, p);
            for r in at.min(was)..=at.max(was).min(order.by_name.len() - 1) {
                order.rank[order.by_name[r] as usize] = r as u32;
            }
            *self.names.get_mut_or_recover() = Some(Arc::new(order));
        }
    }

    /// Replaces many clients' rows after one write (an import, the demo).
    /// The name order is dropped and sorted again on the next query, once,
    /// instead of being kept in step one client at a time, which costs the
    /// whole list per client.
    #[cfg(test)]
    pub(crate) fn upsert_many(&mut self, clients: &[Client]) {
        self.upsert_rows(clients.iter().map(ClientRow::of).collect());
    }

    /// [`Index::upsert_many`] for rows as the store wrote them.
    pub(crate) fn upsert_rows(&mut self, rows: Vec<ClientRow>) {
        if rows.len() < 64 {
            rows.into_iter().for_each(|r| self.upsert_row(r));
        } else {
            *self.names.get_mut_or_recover() = None;
            for r in rows {
                self.upsert_row(r);
            }
        }
        self.refresh_tokens();
    }

    /// Replaces the team and refreshes every lead name.
    pub(crate) fn set_team(&mut self, team: Vec<Member>) {
        for e in &mut self.entries {
            e.summary.lead_name = lead_name(e.summary.lead, &team);
        }
        self.team = team;
        self.invalidate();
    }

    fn invalidate(&mut self) {
        self.generation = super::next_generation();
        self.views = ViewCache::default();
        *self.plain.get_mut_or_recover() = None;
        *self.billing.get_mut_or_recover() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClientId, ViewQuery};

    fn client(id: ClientId, name: &str) -> Client {
        let mut c = Client::new(name);
        c.id = id;
        c
    }

    fn names(index: &Index, q: &ViewQuery) -> Vec<String> {
        index.query(q).rows.into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn an_upsert_keeps_the_name_order_and_the_search_in_step() {
        let mut index = Index::build(&[client(1, "Bravo"), client(2, "Delta")], Vec::new());
        let all = ViewQuery {
            limit: 10,
            ..ViewQuery::default()
        };
        assert_eq!(names(&index, &all), ["Bravo", "Delta"]);
        // A new client and a renamed one take their places in the order
        // already computed.
        index.upsert(&client(3, "Charlie"));
        index.upsert(&client(1, "Echo"));
        assert_eq!(names(&index, &all), ["Charlie", "Delta", "Echo"]);
        let search = ViewQuery {
            search: "bravo".into(),
            ..all.clone()
        };
        assert!(names(&index, &search).is_empty(), "the old name is gone");
        // Many at once, as an import writes them.
        let many: Vec<Client> = (10..80).map(|i| client(i, &format!("Zulu {i}"))).collect();
        index.upsert_many(&many);
        assert_eq!(index.len(), 73);
        assert_eq!(names(&index, &all)[..3], ["Charlie", "Delta", "Echo"]);
    }

    #[test]
    fn single_writes_keep_every_rank_as_a_fresh_sort_gives() {
        let first: Vec<Client> = (1..=200)
            .map(|i| client(i, &format!("Nom {:03}", (i * 37) % 200)))
            .collect();
        let mut index = Index::build(&first, Vec::new());
        index.names();
        // Renames moving up and down the order, and new clients.
        for (k, i) in [5u64, 190, 77, 1, 200, 140, 3, 250, 251, 99]
            .into_iter()
            .enumerate()
        {
            let name = format!("Nom {:03}", (k * 53 + 11) % 230);
            index.upsert(&client(i, &name));
            let kept = index.names();
            let fresh = index.name_order();
            assert_eq!(kept.by_name, fresh.by_name, "after writing #{i}");
            assert_eq!(kept.rank, fresh.rank, "after writing #{i}");
        }
    }

    #[test]
    fn a_word_list_merge_holds_up_no_write_and_no_search() {
        let first: Vec<Client> = (1..=100)
            .map(|i| client(i, &format!("Ancien {i}")))
            .collect();
        let mut index = Index::build(&first, Vec::new());
        // The merge thread waits for this gate: while it is shut, a merge
        // is running.
        let gate: Arc<crate::search::postings::Gate> = Arc::default();
        index.tokens.gate = Some(Arc::clone(&gate));
        let found = |index: &Index, q: &str| {
            let page = index.query(&ViewQuery {
                search: q.into(),
                limit: 5,
                ..ViewQuery::default()
            });
            assert!(
                page.search.as_ref().is_some_and(|s| s.closest),
                "{q}: a typo"
            );
            page.total
        };
        // Enough words written to call for a merge.
        let many: Vec<Client> = (1000..2500)
            .map(|i| client(i, &format!("Zed{i} Bouchard Plomberie")))
            .collect();
        index.upsert_many(&many);
        assert!(index.tokens.merging(), "a merge was started");
        // The write returned, and a search is answered, the typo fallback
        // included, while the merge is held.
        assert_eq!(found(&index, "bouchrad"), 1500);
        index.upsert(&client(3000, "Lavoie"));
        index.upsert(&client(1000, "Côté"));
        assert_eq!(found(&index, "laovie"), 1);
        assert_eq!(
            found(&index, "bouchrad"),
            1499,
            "a renamed client is left out"
        );
        assert!(index.tokens.merging(), "the merge is still held");
        // Once it runs, its result is read at once, then swapped in by the
        // next write; nothing written meanwhile is lost.
        *gate.0.lock().unwrap() = true;
        gate.1.notify_all();
        index.tokens.wait_merged();
        assert_eq!(found(&index, "bouchrad"), 1499);
        assert_eq!(found(&index, "laovie"), 1);
        index.upsert(&client(3001, "Pelletier"));
        assert!(!index.tokens.merging(), "the merged words were swapped in");
        assert_eq!(found(&index, "bouchrad"), 1499);
        assert_eq!(found(&index, "laovie"), 1);
        assert_eq!(found(&index, "pelletire"), 1);
        assert_eq!(found(&index, "ancine"), 100);
    }

    #[test]
    fn a_word_list_merge_that_panics_is_made_again_by_the_next_write() {
        let first: Vec<Client> = (1..=100)
            .map(|i| client(i, &format!("Ancien {i}")))
            .collect();
        let mut index = Index::build(&first, Vec::new());
        let typos = |index: &Index, q: &str| {
            let page = index.query(&ViewQuery {
                search: q.into(),
                limit: 5,
                ..ViewQuery::default()
            });
            assert!(page.search.as_ref().is_some_and(|s| s.closest), "{q}");
            page.total
        };
        // The next merge panics.
        index
            .tokens
            .panics
            .store(1, std::sync::atomic::Ordering::Release);
        let many: Vec<Client> = (1000..2500)
            .map(|i| client(i, &format!("Zed{i} Bouchard Plomberie")))
            .collect();
        index.upsert_many(&many);
        assert!(index.tokens.merging(), "a merge was started");
        index.tokens.wait_merged();
        assert_eq!(
            index
                .tokens
                .panics
                .load(std::sync::atomic::Ordering::Acquire),
            0
        );
        // It panicked: its words are still read beside the list.
        let waiting = index.tokens.waiting();
        assert!(waiting > 4096, "{waiting}");
        assert_eq!(typos(&index, "bouchrad"), 1500);
        // The next write puts them back with its own and merges again.
        index.upsert(&client(3000, "Lavoie"));
        assert!(index.tokens.merging(), "the merge was tried again");
        assert_eq!(typos(&index, "bouchrad"), 1500);
        assert_eq!(typos(&index, "laovie"), 1);
        index.tokens.wait_merged();
        index.upsert(&client(3001, "Pelletier"));
        assert!(!index.tokens.merging(), "the merged words were swapped in");
        assert!(index.tokens.waiting() < 10, "{}", index.tokens.waiting());
        assert_eq!(typos(&index, "bouchrad"), 1500);
        assert_eq!(typos(&index, "laovie"), 1);
        assert_eq!(typos(&index, "pelletire"), 1);
        assert_eq!(typos(&index, "ancine"), 100);
    }

    #[test]
    fn a_new_team_renames_every_lead() {
        let mut c = client(1, "Alpha");
        c.lead = Some(7);
        let mut m = Member::new("Ana", "ana");
        m.id = 7;
        let mut index = Index::build(&[c], vec![m.clone()]);
        assert_eq!(index.summary(1).unwrap().lead_name, "Ana");
        m.name = "Ana B.".into();
        index.set_team(vec![m]);
        assert_eq!(index.summary(1).unwrap().lead_name, "Ana B.");
        index.set_team(Vec::new());
        assert_eq!(index.summary(1).unwrap().lead_name, "");
        assert_eq!(lead_name(Some(7), &[]), "");
    }
}
