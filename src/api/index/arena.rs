//! Every client's search text end to end in one string.

use crate::model::SearchText;
use crate::search::Haystack;
use crate::search::Query;
use crate::search::postings::{LetterPairs, PairSig};

/// Where one client's search text lies in the arena.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Span {
    all: u32,
    all_len: u32,
    name_len: u32,
    phones: u32,
    phones_len: u32,
    /// The [`crate::search::letters`] of the text, for the typo fallback.
    letters: u64,
    /// The [`crate::search::word_starts`] of the text, for ranking.
    starts: u128,
}

/// Every client's search text in one string, so that a scan of 100,000
/// clients reads memory in order instead of chasing 100,000 allocations.
/// A change appends the new text; the old text is garbage until the arena
/// is compacted.
#[derive(Debug, Default)]
pub(super) struct Arena {
    text: String,
    spans: Vec<Span>,
    /// Each position's pairs of characters, for the search's first filter.
    sigs: Vec<PairSig>,
    /// The positions holding each pair of letters, for queries of two.
    pairs: LetterPairs,
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
            starts: crate::search::word_starts(all),
        };
        self.text.push_str(all);
        self.text.push_str(phones);
        span
    }

    /// Adds or replaces the text at entry position `p`.
    pub(super) fn put(&mut self, p: usize, t: &SearchText) {
        let (all, name_len, phones) = t.parts();
        let (sig, letter_pairs) = PairSig::with_letters(all, phones);
        let old = self
            .spans
            .get(p)
            .map(|s| &self.text[s.all as usize..(s.all + s.all_len) as usize]);
        self.pairs.put(p, old, letter_pairs);
        let span = self.append(all, name_len, phones);
        if p < self.spans.len() {
            let old = self.spans[p];
            self.garbage += (old.all_len + old.phones_len) as usize;
            self.spans[p] = span;
            self.sigs[p] = sig;
        } else {
            self.spans.push(span);
            self.sigs.push(sig);
        }
        if self.garbage > self.text.len() / 2 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut fresh = Arena {
            text: String::with_capacity(self.text.len() - self.garbage),
            ..Arena::default()
        };
        for i in 0..self.spans.len() {
            let h = self.hay(i);
            let span = fresh.append(h.all(), h.name().len(), h.phones());
            fresh.spans.push(span);
        }
        fresh.sigs = std::mem::take(&mut self.sigs);
        fresh.pairs = std::mem::take(&mut self.pairs);
        *self = fresh;
    }

    /// The pairs of characters of the text at `p`.
    pub(super) fn sig(&self, p: usize) -> &PairSig {
        &self.sigs[p]
    }

    /// The positions that can match the query, as bits, when its letters
    /// tell (see [`LetterPairs::can_match`]).
    pub(super) fn can_match(&self, q: &Query) -> Option<Vec<u64>> {
        self.pairs.can_match(q)
    }

    /// The [`crate::search::letters`] of the text at `p`.
    pub(super) fn letters(&self, p: usize) -> u64 {
        self.spans[p].letters
    }

    /// The [`crate::search::word_starts`] of the text at `p`.
    pub(super) fn starts(&self, p: usize) -> u128 {
        self.spans[p].starts
    }

    /// How many positions hold text.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(super) fn hay(&self, p: usize) -> Haystack<'_> {
        let s = self.spans[p];
        let at = |start: u32, len: u32| &self.text[start as usize..(start + len) as usize];
        Haystack::with_letters(
            at(s.all, s.all_len),
            s.name_len as usize,
            at(s.phones, s.phones_len),
            s.letters,
            s.starts,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Client;

    fn text(name: &str, phone: &str) -> SearchText {
        let mut c = Client::new(name);
        c.phone = phone.into();
        SearchText::of(&c)
    }

    #[test]
    fn each_position_reads_back_its_own_text() {
        let mut a = Arena::default();
        a.put(0, &text("Côté inc.", "514-555-0199"));
        a.put(1, &text("Tremblay, Marie", ""));
        assert_eq!(a.hay(0).name(), "cote inc.");
        assert!(a.hay(0).phones().starts_with("5145550199"));
        assert_eq!(a.hay(1).name(), "tremblay, marie");
    }

    #[test]
    fn replacing_text_compacts_once_half_is_garbage() {
        let mut a = Arena::default();
        a.put(0, &text("Alpha", ""));
        a.put(1, &text("Beta", ""));
        for i in 0..50 {
            a.put(0, &text(&format!("Alpha {i}"), ""));
            assert!(a.garbage <= a.text.len() / 2, "garbage is bounded");
        }
        assert_eq!(a.hay(0).name(), "alpha 49");
        assert_eq!(a.hay(1).name(), "beta");
        assert_eq!(a.spans.len(), 2);
    }
}
