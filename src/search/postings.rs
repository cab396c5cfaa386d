//! Which clients a query can match at all, found without scoring each one.
//!
//! Two structures, both supersets of what the scorer and the typo fallback
//! accept (a property test checks that neither ever loses a client):
//!
//! - [`PairSig`]: 256 bits per client, one for each pair of characters
//!   that stand within three bytes of each other in one field (and each
//!   character alone). A word found in a client, as typed or fuzzily with
//!   at most two letters between its own, has each of its neighbouring
//!   pairs there; a client missing a bit of every way a word could match
//!   is skipped with a few instructions instead of a text search.
//! - [`Tokens`]: every distinct word of every client's text, with the
//!   clients that hold it. The typo fallback compares the query's words
//!   with the distinct words (a few hundred thousand at a million
//!   clients, most rejected by length and letters) and scores only the
//!   clients holding one within reach, instead of every client. Words
//!   written since its block wait beside it and are merged in on a
//!   thread of their own, so that no write or search waits for it.

use crate::sync::LockExt;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};

use super::{Query, SearchText, distance, letters};

/// The byte between two fields of a [`SearchText`].
const FIELD_END: u8 = SearchText::SEPARATOR as u8;

/// How far apart (in bytes) two characters of a word may stand in a
/// fuzzy match: at most two others between them.
const REACH: usize = 3;

/// The pairs of characters a client's text holds, hashed to 256 bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PairSig([u64; 4]);

impl PairSig {
    fn set(&mut self, a: u8, b: u8) {
        let h = (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 24;
        self.0[(h >> 6) as usize] |= 1 << (h & 63);
    }

    /// The signature of a client's text: in each field, every character
    /// and every pair at most [`REACH`] bytes apart; in the phones, every
    /// digit and every pair of neighbours.
    #[cfg(test)]
    pub(crate) fn of(all: &str, phones: &str) -> Self {
        Self::with_letters(all, phones).0
    }

    /// The signature and the [`LetterPairs`] of a client's text, in one
    /// pass over its pairs.
    pub(crate) fn with_letters(all: &str, phones: &str) -> (Self, PairSet) {
        let mut s = PairSig::default();
        let mut letters = [0; LETTER_PAIRS.div_ceil(64)];
        for &a in all.as_bytes().iter().filter(|&&b| b != FIELD_END) {
            s.set(0, a);
        }
        close_pairs(all, |a, b| {
            s.set(a, b);
            if let Some(k) = pair_index(a, b) {
                letters[k / 64] |= 1 << (k % 64);
            }
        });
        for phone in phones.as_bytes().split(|&b| b == b' ') {
            for (i, &a) in phone.iter().enumerate() {
                s.set(0, a);
                if let Some(&b) = phone.get(i + 1) {
                    s.set(a, b);
                }
            }
        }
        (s, letters)
    }

    /// The bits a word needs: each character, and each pair of neighbours.
    fn of_word(w: &[u8]) -> Self {
        let mut s = PairSig::default();
        for (i, &a) in w.iter().enumerate() {
            s.set(0, a);
            if let Some(&b) = w.get(i + 1) {
                s.set(a, b);
            }
        }
        s
    }

    fn holds(&self, need: &PairSig) -> bool {
        (0..4).all(|i| self.0[i] & need.0[i] == need.0[i])
    }
}

/// Calls `f` with every pair of bytes of `all` that stand at most
/// [`REACH`] bytes apart, the first before the second, within one field.
fn close_pairs(all: &str, mut f: impl FnMut(u8, u8)) {
    for field in all.as_bytes().split(|&b| b == FIELD_END) {
        for (i, &a) in field.iter().enumerate() {
            for &b in field.iter().skip(i + 1).take(REACH) {
                f(a, b);
            }
        }
    }
}

/// How many ordered pairs of the letters `a` to `z` there are.
const LETTER_PAIRS: usize = 26 * 26;

/// One client's [`LetterPairs`]: a bit per pair of letters.
pub(crate) type PairSet = [u64; LETTER_PAIRS.div_ceil(64)];

/// Which clients hold each pair of letters close together: for each
/// ordered pair of the letters `a` to `z`, a bit per entry position, set
/// when one field of the client's text holds the first letter and then
/// the second at most [`REACH`] bytes after it.
///
/// That is exactly when a word of those two letters matches the client,
/// as typed or loosely, so a query of two letters (the second key of most
/// searches) finds its matches by reading one bit per client instead of
/// every client's text. The bits cost 85 bytes per client, kept in blocks
/// of 64 clients so that writing a client's bits touches one block: the
/// index is built at a few milliseconds per 100,000 clients, and a query
/// reads a word or a few of each block.
#[derive(Debug, Default)]
pub(crate) struct LetterPairs {
    /// For each 64 positions, for each pair (first letter × 26 +
    /// second), a bit per position.
    blocks: Vec<[u64; LETTER_PAIRS]>,
}

impl LetterPairs {
    /// The pairs of letters close together in a client's text.
    fn of(all: &str) -> PairSet {
        PairSig::with_letters(all, "").1
    }

    /// Records the pairs `now` of entry position `p`, whose text was
    /// `old` before.
    pub(crate) fn put(&mut self, p: usize, old: Option<&str>, now: PairSet) {
        if self.blocks.len() <= p / 64 {
            self.blocks.resize(p / 64 + 1, [0; LETTER_PAIRS]);
        }
        let block = &mut self.blocks[p / 64];
        let was = old.map_or([0; LETTER_PAIRS.div_ceil(64)], Self::of);
        for (i, (&was, &now)) in was.iter().zip(&now).enumerate() {
            let mut changed = was ^ now;
            while changed != 0 {
                block[i * 64 + changed.trailing_zeros() as usize] ^= 1 << (p % 64);
                changed &= changed - 1;
            }
        }
    }

    /// The positions that can match the query, as bits, or `None` when it
    /// has no pair of letters to tell them by: those holding every pair
    /// of neighbouring letters of its words (words of ASCII characters;
    /// others are matched by characters, not bytes). For a query of two
    /// letters, exactly its matches.
    pub(crate) fn can_match(&self, q: &Query) -> Option<Vec<u64>> {
        let mut needed: Vec<usize> = q
            .words
            .iter()
            .filter(|w| w.text == w.orig && w.text.is_ascii())
            .flat_map(|w| {
                w.text
                    .as_bytes()
                    .windows(2)
                    .filter_map(|p| pair_index(p[0], p[1]))
            })
            .collect();
        needed.sort_unstable();
        needed.dedup();
        if needed.is_empty() {
            return None;
        }
        Some(
            self.blocks
                .iter()
                .map(|block| needed.iter().fold(u64::MAX, |w, &k| w & block[k]))
                .collect(),
        )
    }
}

/// Whether the bit of position `p` is set.
pub(crate) fn has_bit(bits: &[u64], p: u32) -> bool {
    bits.get(p as usize / 64)
        .is_some_and(|w| w >> (p % 64) & 1 == 1)
}

/// Where the pair of letters `a` then `b` is kept in a [`PairSet`].
fn pair_index(a: u8, b: u8) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
}

/// What a query needs of a client's [`PairSig`]: for each word, the bits
/// of the word as typed or those of its digits (a phone number).
#[derive(Debug, Clone, Default)]
pub(crate) struct QuerySig {
    words: Vec<[PairSig; 2]>,
}

impl QuerySig {
    pub(crate) fn of(q: &Query) -> Self {
        let words = q
            .words
            .iter()
            // A word of other characters than ASCII is matched by
            // characters, not bytes, and one holding a field's end may
            // span two fields: neither is filtered.
            .filter(|w| {
                let plain = |s: &str| s.is_ascii() && !s.as_bytes().contains(&FIELD_END);
                plain(&w.text) && plain(&w.orig)
            })
            .map(|w| {
                [
                    PairSig::of_word(w.text.as_bytes()),
                    PairSig::of_word(w.orig.as_bytes()),
                ]
            })
            .collect();
        QuerySig { words }
    }

    /// False when the client cannot match the query: some word has
    /// neither its own nor its digits' pairs in the client's text.
    pub(crate) fn may_match(&self, s: &PairSig) -> bool {
        self.words.iter().all(|[t, o]| s.holds(t) || s.holds(o))
    }
}

/// Every distinct word of the clients' texts (split as the typo fallback
/// splits them), each with the entry positions that hold it, in one
/// block; words of clients changed since it was built wait beside it.
///
/// Once those are many, they are merged into a new block on a thread of
/// their own, from the block and the words written (not the clients'
/// texts), so that no write and no search waits for it: the words
/// written meanwhile wait beside, and the new block is swapped in by the
/// next write or used as soon as it is ready by a search.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    block: Arc<Block>,
    /// The merge running, if any: the words it merges stay searchable
    /// beside the block until its result is swapped in.
    merging: Option<Merge>,
    /// Words of clients written since the block (and the merge running)
    /// began. A position's old words stay in the block until a merge:
    /// a candidate is only a candidate, checked by the fallback itself.
    extra: Written,
    /// Holds a merge back until opened, so that a test can search and
    /// write while one is running.
    #[cfg(test)]
    pub(crate) gate: Option<Arc<Gate>>,
    /// How many of the next merges panic, for a test.
    #[cfg(test)]
    pub(crate) panics: Arc<std::sync::atomic::AtomicUsize>,
    /// The last merge panicked: the next one says when it succeeds.
    retrying: bool,
}

/// In a debug build only: with `CABINET_TEST_PANIC=word-list-merge`, the
/// first merge of the word list in the process panics, for the test that
/// checks a server logs it and merges again. Release builds have no such
/// trigger.
#[cfg(debug_assertions)]
fn panic_on_request() {
    static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if std::env::var_os("CABINET_TEST_PANIC").is_some_and(|v| v == "word-list-merge")
        && !ASKED.swap(true, std::sync::atomic::Ordering::AcqRel)
    {
        panic!("a test asked for the word list's merge to panic");
    }
}

/// A test's hold on the merge thread: it waits until the flag is set.
#[cfg(test)]
pub(crate) type Gate = (Mutex<bool>, Condvar);

/// The distinct words and their positions, in one block.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// Where each word starts in `text`; one more than the words.
    starts: Vec<u32>,
    /// Each word's [`letters`] and length in characters.
    letters: Vec<u64>,
    chars: Vec<u8>,
    /// Where each word's positions start in `post`; one more than the
    /// words.
    post_starts: Vec<u32>,
    post: Vec<u32>,
    /// Words held by so many clients that they keep no list.
    common: Vec<bool>,
    /// Who holds each of those words, by word: one bit per entry
    /// position (an eighth of a list's size at the least), so that a merge
    /// gives the word its list back once few enough clients hold it.
    held: HashMap<u32, Vec<u64>>,
}

/// Words written since a block, each with the positions written with it.
#[derive(Debug, Default, Clone)]
struct Written {
    words: HashMap<String, Vec<u32>>,
    len: usize,
}

impl Written {
    /// Takes in the words written after these.
    fn absorb(&mut self, later: Written) {
        // A position twice under a word costs a duplicate, which the
        // merge and the fallback drop.
        for (t, ps) in later.words {
            self.len += ps.len();
            self.words.entry(t).or_default().extend(ps);
        }
    }
}

/// A merge running on its own thread: what it merges, and where it
/// leaves the new block.
#[derive(Debug)]
struct Merge {
    written: Arc<Written>,
    done: Arc<(Mutex<Option<Merged>>, Condvar)>,
}

/// How a merge ended: its block, or a panic (logged with its backtrace;
/// the words it merged wait beside the block again, for the next one).
type Merged = Option<Arc<Block>>;

impl Merge {
    /// The new block, once the merge has made it.
    fn finished(&self) -> Option<Arc<Block>> {
        self.outcome().flatten()
    }

    fn outcome(&self) -> Option<Merged> {
        self.done.0.lock_or_recover().clone()
    }
}

/// A word held by more than one client in this many (and more than
/// [`COMMON_FLOOR`]) keeps no list of them.
const COMMON_SHARE: usize = 16;
const COMMON_FLOOR: usize = 1024;

/// How many clients may hold a word that keeps its list, of `entries`.
fn common_above(entries: usize) -> usize {
    (entries / COMMON_SHARE).max(common_floor())
}

#[cfg(not(test))]
fn common_floor() -> usize {
    COMMON_FLOOR
}

#[cfg(test)]
thread_local! {
    /// A test's [`COMMON_FLOOR`], so that few clients make a word common.
    static FLOOR: std::cell::Cell<usize> = const { std::cell::Cell::new(COMMON_FLOOR) };
}

#[cfg(test)]
fn common_floor() -> usize {
    FLOOR.with(std::cell::Cell::get)
}

/// The clients holding a word: a list of positions, or one bit each.
enum Holders {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

fn set_bit(bits: &mut Vec<u64>, p: u32) {
    let (w, b) = (p as usize / 64, p % 64);
    if bits.len() <= w {
        bits.resize(w + 1, 0);
    }
    bits[w] |= 1 << b;
}

fn clear_bit(bits: &mut [u64], p: u32) {
    if let Some(w) = bits.get_mut(p as usize / 64) {
        *w &= !(1 << (p % 64));
    }
}

/// The positions whose bit is set, in order.
pub(crate) fn positions(bits: &[u64]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, &w) in bits.iter().enumerate() {
        let mut w = w;
        while w != 0 {
            out.push(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
    out
}

/// The words of a client's text, as the typo fallback reads them, less
/// those of digits alone (client numbers, most of the distinct words): a
/// query word without digits is never within reach of one (each of its
/// letters would be an edit, more than it may have), and one with digits
/// does not narrow.
fn words_of(all: &str) -> impl Iterator<Item = &str> {
    super::words(all).filter(|t| !t.bytes().all(|b| b.is_ascii_digit()))
}

impl Block {
    /// The words of `n` entries, the text of each given by `all`.
    fn build<'a>(n: usize, all: impl Fn(usize) -> &'a str) -> Self {
        // First pass: each distinct word's number and how many entries
        // hold it; second: the entries, in order.
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut words: Vec<&str> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for p in 0..n {
            for t in words_of(all(p)) {
                let id = *ids.entry(t).or_insert_with(|| {
                    words.push(t);
                    counts.push(0);
                    last.push(u32::MAX);
                    counts.len() as u32 - 1
                });
                if last[id as usize] != p as u32 {
                    last[id as usize] = p as u32;
                    counts[id as usize] += 1;
                }
            }
        }
        // A word most clients hold (`com`, `inc`) would narrow nothing:
        // it keeps no list, only one bit per client, and a query word
        // within reach of it does not narrow the candidates.
        let common = common_above(n) as u32;
        let is_common: Vec<bool> = counts.iter().map(|&c| c > common).collect();
        let mut post_starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        for (c, &is) in counts.iter().zip(&is_common) {
            post_starts.push(total);
            if !is {
                total += c;
            }
        }
        post_starts.push(total);
        let mut fill = post_starts.clone();
        let mut post = vec![0u32; total as usize];
        // Each common word's bits, by its rank among them.
        let mut bits: Vec<(u32, Vec<u64>)> = Vec::new();
        let rank: Vec<u32> = is_common
            .iter()
            .enumerate()
            .map(|(id, &is)| {
                if is {
                    bits.push((id as u32, vec![0; n.div_ceil(64)]));
                    bits.len() as u32 - 1
                } else {
                    u32::MAX
                }
            })
            .collect();
        for p in 0..n {
            for t in words_of(all(p)) {
                let id = ids[t] as usize;
                if is_common[id] {
                    set_bit(&mut bits[rank[id] as usize].1, p as u32);
                } else if last[id] != u32::MAX - 1 - p as u32 {
                    last[id] = u32::MAX - 1 - p as u32;
                    post[fill[id] as usize] = p as u32;
                    fill[id] += 1;
                }
            }
        }
        drop(ids);
        let held: HashMap<u32, Vec<u64>> = bits.into_iter().collect();
        let mut block = Block {
            text: String::with_capacity(words.iter().map(|w| w.len()).sum()),
            starts: Vec::with_capacity(words.len() + 1),
            letters: Vec::with_capacity(words.len()),
            chars: Vec::with_capacity(words.len()),
            common: is_common,
            held,
            post_starts,
            post,
        };
        for w in &words {
            block.push_word(w);
        }
        block.starts.push(block.text.len() as u32);
        block
    }

    fn push_word(&mut self, w: &str) {
        self.starts.push(self.text.len() as u32);
        self.text.push_str(w);
        self.letters.push(letters(w));
        self.chars.push(w.chars().count().min(255) as u8);
    }

    /// This block with the words written since: a position written drops
    /// its old words and takes those written with it (all of them, if it
    /// was written more than once); `entries` is how many clients there
    /// are, for which words are common.
    fn merge(&self, w: &Written, entries: usize) -> Block {
        let common = common_above(entries);
        let end = w
            .words
            .values()
            .flatten()
            .max()
            .map_or(0, |&p| p as usize + 1);
        let mut changed = vec![false; end];
        let mut rewritten = Vec::new();
        for &p in w.words.values().flatten() {
            if !changed[p as usize] {
                changed[p as usize] = true;
                rewritten.push(p);
            }
        }
        let words = self.starts.len().saturating_sub(1);
        let mut out = Block {
            post_starts: vec![0],
            ..Block::default()
        };
        // A word keeps a list while few enough clients hold it, and one
        // bit per client once too many do; either way round as it
        // changes.
        let put = |out: &mut Block, word: &str, holders: Holders| {
            let holders = match holders {
                Holders::List(l) if l.len() > common => {
                    let mut bits = Vec::new();
                    l.iter().for_each(|&p| set_bit(&mut bits, p));
                    Holders::Bits(bits)
                }
                Holders::Bits(b)
                    if b.iter().map(|w| w.count_ones() as usize).sum::<usize>() <= common =>
                {
                    Holders::List(positions(&b))
                }
                other => other,
            };
            let empty = match &holders {
                Holders::List(l) => l.is_empty(),
                Holders::Bits(b) => b.iter().all(|&w| w == 0),
            };
            if empty {
                return;
            }
            let id = (out.starts.len()) as u32;
            out.push_word(word);
            match holders {
                Holders::List(l) => {
                    out.common.push(false);
                    out.post.extend(l);
                }
                Holders::Bits(b) => {
                    out.common.push(true);
                    out.held.insert(id, b);
                }
            }
            out.post_starts.push(out.post.len() as u32);
        };
        for i in 0..words {
            let word = self.word(i);
            let added = w.words.get(word);
            if self.common[i] {
                let mut bits = self.held.get(&(i as u32)).cloned().unwrap_or_default();
                for &p in &rewritten {
                    clear_bit(&mut bits, p);
                }
                for &p in added.into_iter().flatten() {
                    set_bit(&mut bits, p);
                }
                put(&mut out, word, Holders::Bits(bits));
                continue;
            }
            let mut list: Vec<u32> = self
                .list(i)
                .iter()
                .copied()
                .filter(|&p| !changed.get(p as usize).copied().unwrap_or(false))
                .collect();
            if let Some(a) = added {
                list.extend_from_slice(a);
                list.sort_unstable();
                list.dedup();
            }
            put(&mut out, word, Holders::List(list));
        }
        let known: std::collections::HashSet<&str> = (0..words).map(|i| self.word(i)).collect();
        for (t, ps) in &w.words {
            if !known.contains(t.as_str()) {
                let mut list = ps.clone();
                list.sort_unstable();
                list.dedup();
                put(&mut out, t, Holders::List(list));
            }
        }
        out.starts.push(out.text.len() as u32);
        out
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    fn list(&self, i: usize) -> &[u32] {
        &self.post[self.post_starts[i] as usize..self.post_starts[i + 1] as usize]
    }
}

impl Tokens {
    /// The words of `n` entries, the text of each given by `all`.
    pub(crate) fn build<'a>(n: usize, all: impl Fn(usize) -> &'a str) -> Self {
        Tokens {
            block: Arc::new(Block::build(n, all)),
            ..Tokens::default()
        }
    }

    /// Records the words of the entry at `p` after it changed.
    pub(crate) fn add(&mut self, p: u32, all: &str) {
        for t in words_of(all) {
            let v = self.extra.words.entry(t.to_owned()).or_default();
            if v.last() != Some(&p) {
                v.push(p);
                self.extra.len += 1;
            }
        }
    }

    /// True when the words written since the block have grown enough
    /// that they should be merged into it.
    fn stale(&self, entries: usize) -> bool {
        self.extra.len > 4096 && self.extra.len > entries / 16
    }

    /// After writes: swaps in a merge that has finished, and starts one
    /// when the words written are many and none is running. Never waits
    /// for a merge.
    pub(crate) fn upkeep(&mut self, entries: usize) {
        match self.merging.as_ref().and_then(Merge::outcome) {
            Some(Some(block)) => {
                self.block = block;
                self.merging = None;
            }
            Some(None) => {
                // The merge panicked: its words go back beside the block,
                // with those written since, and a merge starts again.
                if let Some(m) = self.merging.take() {
                    let written = Arc::unwrap_or_clone(m.written);
                    let since = std::mem::replace(&mut self.extra, written);
                    self.extra.absorb(since);
                    self.retrying = true;
                }
            }
            None => {}
        }
        if self.merging.is_some() || !self.stale(entries) {
            return;
        }
        let written = Arc::new(std::mem::take(&mut self.extra));
        let done: Arc<(Mutex<Option<Merged>>, Condvar)> = Arc::default();
        let (block, w, slot) = (
            Arc::clone(&self.block),
            Arc::clone(&written),
            Arc::clone(&done),
        );
        #[cfg(test)]
        let (gate, panics) = (self.gate.clone(), Arc::clone(&self.panics));
        let retry = std::mem::take(&mut self.retrying);
        let work = move || {
            #[cfg(test)]
            if let Some(gate) = gate {
                let open = gate.0.lock_or_recover();
                drop(gate.1.wait_while(open, |open| !*open));
            }
            let merge = std::panic::AssertUnwindSafe(|| {
                #[cfg(test)]
                if panics
                    .fetch_update(
                        std::sync::atomic::Ordering::AcqRel,
                        std::sync::atomic::Ordering::Acquire,
                        |n| n.checked_sub(1),
                    )
                    .is_ok()
                {
                    panic!("a test asked for this merge to panic");
                }
                #[cfg(debug_assertions)]
                panic_on_request();
                Arc::new(block.merge(&w, entries))
            });
            // A panic is logged with its backtrace by the server's hook;
            // the typo fallback reads the words beside the block meanwhile,
            // and the next write merges them again.
            let merged = match std::panic::catch_unwind(merge) {
                Ok(block) => {
                    if retry {
                        tracing::info!("the search's word list is merged again");
                    }
                    Some(block)
                }
                Err(payload) => {
                    let what = crate::model::text::panic_text(&*payload);
                    tracing::error!(
                        "the search's word list could not be merged ({what}); its new words wait beside it and the next change merges them again"
                    );
                    None
                }
            };
            *slot.0.lock_or_recover() = Some(merged);
            slot.1.notify_all();
        };
        let spawned = std::thread::Builder::new()
            .name("cabinet-words".into())
            .spawn(work);
        if spawned.is_err() {
            // No thread to be had: merge here rather than let the words
            // written pile up.
            self.block = Arc::new(self.block.merge(&written, entries));
            return;
        }
        self.merging = Some(Merge { written, done });
    }

    /// How many words written wait beside the block, a merge's included.
    #[cfg(test)]
    pub(crate) fn waiting(&self) -> usize {
        self.extra.len + self.merging.as_ref().map_or(0, |m| m.written.len)
    }

    /// Merges the words written into the block here and now.
    #[cfg(test)]
    fn merge_now(&mut self, entries: usize) {
        self.block = Arc::new(self.block.merge(&std::mem::take(&mut self.extra), entries));
    }

    /// True while a merge runs (or has finished and waits to be swapped in).
    #[cfg(test)]
    pub(crate) fn merging(&self) -> bool {
        self.merging.is_some()
    }

    /// Waits until the merge running has finished.
    #[cfg(test)]
    pub(crate) fn wait_merged(&self) {
        if let Some(m) = &self.merging {
            let slot = m.done.0.lock_or_recover();
            drop(m.done.1.wait_while(slot, |s| s.is_none()));
        }
    }

    /// The entry positions the typo fallback ([`super::closeness`]) may
    /// accept for this query, sorted, possibly with some it will not; or
    /// `None` when no word of the query narrows them (every client may).
    pub(crate) fn typo_candidates(&self, q: &Query) -> Option<Vec<u32>> {
        // A merge that has finished is read at once, before any write
        // swaps it in; while one runs, the words it merges are read
        // beside the block.
        let finished = self.merging.as_ref().and_then(Merge::finished);
        let (block, pending) = match (&finished, &self.merging) {
            (Some(b), _) => (&**b, None),
            (None, Some(m)) => (&*self.block, Some(&*m.written)),
            (None, None) => (&*self.block, None),
        };
        let mut lists: Vec<Vec<u32>> = Vec::new();
        // A number typed with punctuation is found through its parts or a
        // phone: it does not narrow. Each run of letters of another word
        // is matched on its own (`saint-hyacinthe`: `saint` and
        // `hyacinthe`), so each narrows.
        let parts = q
            .words
            .iter()
            .filter(|w| w.orig == w.text)
            .flat_map(|w| &w.parts);
        for w in parts {
            if w.text.chars().any(char::is_numeric) {
                continue;
            }
            let max = distance::allowed(w.chars.len());
            let text = w.text.as_str();
            let ascii = text.is_ascii();
            let mut chars: Vec<char> = Vec::new();
            let reach = |t: &str, t_letters: u64, t_chars: usize, chars: &mut Vec<char>| {
                if max == 0 {
                    return t.starts_with(text);
                }
                if (w.letters & !t_letters).count_ones() as usize > max
                    || t_chars.abs_diff(w.chars.len()) > max
                {
                    return false;
                }
                if ascii && t.is_ascii() {
                    distance::within(text.as_bytes(), t.as_bytes(), max).is_some()
                } else {
                    chars.clear();
                    chars.extend(t.chars());
                    distance::within(&w.chars, chars, max).is_some()
                }
            };
            let mut found: Vec<u32> = Vec::new();
            let mut everyone = false;
            for i in 0..block.letters.len() {
                // Words longer than 255 characters count as 255: never
                // within reach but of a word as long, which the distance
                // refuses anyway.
                let n = usize::from(block.chars[i]);
                if reach(block.word(i), block.letters[i], n, &mut chars) {
                    if block.common[i] {
                        everyone = true;
                        break;
                    }
                    found.extend_from_slice(block.list(i));
                }
            }
            if everyone {
                continue;
            }
            for written in pending.into_iter().chain([&self.extra]) {
                for (t, ps) in &written.words {
                    if reach(t, letters(t), t.chars().count(), &mut chars) {
                        found.extend_from_slice(ps);
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            lists.push(found);
        }
        lists.sort_by_key(Vec::len);
        let mut lists = lists.into_iter();
        let mut out = lists.next()?;
        for l in lists {
            let mut j = 0;
            out.retain(|&p| {
                while j < l.len() && l[j] < p {
                    j += 1;
                }
                j < l.len() && l[j] == p
            });
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Haystack, Scorer, closeness};
    use proptest::prelude::*;

    use crate::search::tests::{char_cut as hay_of, text};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// A client the scorer finds always passes the pair filter.
        #[test]
        fn the_pair_filter_loses_no_match(
            q in text(12), all in text(40), phones in "[0-9]{0,10}( [0-9]{0,10})?",
            name_cut in 0usize..40,
        ) {
            let query = Query::parse(&q);
            let h = Haystack::new(&all, hay_of(&all, name_cut), &phones);
            if Scorer::default().score(&query, h).is_some() {
                prop_assert!(QuerySig::of(&query).may_match(&PairSig::of(&all, &phones)));
            }
        }

        /// A client the scorer finds always holds the query's pairs of
        /// letters.
        #[test]
        fn the_letter_pairs_lose_no_match(q in text(12), all in text(40), phones in "[0-9]{0,10}") {
            let query = Query::parse(&q);
            let mut pairs = LetterPairs::default();
            pairs.put(0, None, LetterPairs::of(&all));
            if Scorer::default().score(&query, Haystack::new(&all, 0, &phones)).is_some() {
                prop_assert!(pairs.can_match(&query).is_none_or(|bits| has_bit(&bits, 0)));
            }
        }

        /// A query of two letters matches exactly the clients that hold
        /// the pair, whatever their texts were before.
        #[test]
        fn the_letter_pairs_hold_exactly_the_two_letter_matches(
            texts in proptest::collection::vec((text(30), proptest::option::of(text(30))), 1..6),
            a in proptest::sample::select(vec![b'a', b'b', b'e', b'n', b'r', b't']),
            b in proptest::sample::select(vec![b'a', b'b', b'e', b'n', b'r', b't']),
        ) {
            let mut pairs = LetterPairs::default();
            for (p, (first, _)) in texts.iter().enumerate() {
                pairs.put(p, None, LetterPairs::of(first));
            }
            for (p, (first, then)) in texts.iter().enumerate() {
                if let Some(then) = then {
                    pairs.put(p, Some(first), LetterPairs::of(then));
                }
            }
            let word = String::from_utf8(vec![a, b]).unwrap();
            let query = Query::parse(&word);
            let matching: Vec<u32> = texts
                .iter()
                .enumerate()
                .filter(|(_, (first, then))| {
                    let all = then.as_ref().unwrap_or(first);
                    Scorer::default().score(&query, Haystack::new(all, 0, "")).is_some()
                })
                .map(|(p, _)| p as u32)
                .collect();
            let can = pairs.can_match(&query).map(|bits| positions(&bits));
            prop_assert_eq!(can, Some(matching));
        }

        /// A client the typo fallback accepts is always a candidate, the
        /// index built at once or written client by client afterwards.
        #[test]
        fn the_word_list_loses_no_typo_match(
            q in text(14), mut texts in proptest::collection::vec(text(30), 1..8),
            built in 0usize..8, merge in 0usize..3,
            rewrites in proptest::collection::vec((0usize..8, text(30)), 0..4),
            floor in 1usize..4,
        ) {
            // Words of two clients or more may be common, and stop being
            // as clients are written again.
            FLOOR.with(|f| f.set(floor));
            let query = Query::parse(&q);
            let built = built.min(texts.len());
            let mut tokens = Tokens::build(built, |p| texts[p].as_str());
            for (p, t) in texts.iter().enumerate().skip(built) {
                tokens.add(p as u32, t);
            }
            // Merged, or not, before and after clients are written again.
            if merge >= 1 {
                tokens.merge_now(texts.len());
            }
            for (p, t) in rewrites {
                let p = p % texts.len();
                tokens.add(p as u32, &t);
                texts[p] = t;
            }
            if merge >= 2 {
                tokens.merge_now(texts.len());
            }
            let candidates = tokens.typo_candidates(&query);
            for (p, t) in texts.iter().enumerate() {
                if closeness(&query, Haystack::new(t, t.len(), "")).is_some() {
                    prop_assert!(
                        candidates.as_ref().is_none_or(|c| c.contains(&(p as u32))),
                        "{:?} lost {:?}", q, t
                    );
                }
            }
        }
    }

    #[test]
    fn the_pair_filter_turns_away_clients_without_the_letters() {
        let sig = PairSig::of("plomberie tremblay\u{1f}\u{1f}jean", "5145550199");
        let may = |q: &str| QuerySig::of(&Query::parse(q)).may_match(&sig);
        assert!(may("tremb"));
        assert!(may("plmbr"), "fuzzily");
        assert!(may("555-0199"), "a phone as written");
        assert!(may("jean trem"));
        assert!(!may("gagnon"));
        assert!(!may("jean gagnon"));
    }

    #[test]
    fn typo_candidates_hold_the_words_within_reach() {
        let texts = ["plomberie tremblay", "gagnon, luc", "tremblay, marie"];
        let tokens = Tokens::build(3, |p| texts[p]);
        assert_eq!(
            tokens.typo_candidates(&Query::parse("trembaly")),
            Some(vec![0, 2])
        );
        assert_eq!(
            tokens.typo_candidates(&Query::parse("trembaly m")),
            Some(vec![2]),
            "`m` begins marie, not plomberie"
        );
        assert_eq!(
            tokens.typo_candidates(&Query::parse("gagnno")),
            Some(vec![1])
        );
        assert_eq!(tokens.typo_candidates(&Query::parse("xyzzy")), Some(vec![]));
    }

    #[test]
    fn a_merge_drops_a_rewritten_clients_old_words() {
        let mut tokens = Tokens::build(2, |p| ["tremblay", "gagnon"][p]);
        tokens.add(0, "bouchard");
        tokens.add(2, "tremblay");
        tokens.merge_now(3);
        assert_eq!(
            tokens.typo_candidates(&Query::parse("trembaly")),
            Some(vec![2])
        );
        assert_eq!(
            tokens.typo_candidates(&Query::parse("bouchrad")),
            Some(vec![0])
        );
        assert_eq!(
            tokens.typo_candidates(&Query::parse("gagnno")),
            Some(vec![1])
        );
    }

    #[test]
    fn a_word_most_clients_hold_narrows_nothing() {
        // Each client's own word, in letters: `kaaa`, `kaab`, …
        let word = |i: usize| -> String {
            (0..3)
                .rev()
                .map(|k| char::from(b'a' + (i / 26usize.pow(k) % 26) as u8))
                .fold(String::from("k"), |mut s, c| {
                    s.push(c);
                    s
                })
        };
        let texts: Vec<String> = (0..COMMON_FLOOR + 10)
            .map(|i| format!("client {}\u{1f}info@exemple.com", word(i)))
            .collect();
        let tokens = Tokens::build(texts.len(), |p| texts[p].as_str());
        assert_eq!(tokens.typo_candidates(&Query::parse("exmeple")), None);
        let q = format!("exmeple {}", word(1017));
        let some = tokens
            .typo_candidates(&Query::parse(&q))
            .expect("the other word still narrows");
        assert!(some.contains(&1017) && some.len() < 100, "{some:?}");
        // Words of digits alone are not listed: a word with digits does
        // not narrow.
        assert_eq!(tokens.typo_candidates(&Query::parse("1017")), None);
    }

    #[test]
    fn a_common_word_gets_its_list_back_once_few_clients_hold_it() {
        FLOOR.with(|f| f.set(8));
        let mut texts: Vec<String> = (0..40).map(|i| format!("k{i} exemple")).collect();
        let mut tokens = Tokens::build(texts.len(), |p| texts[p].as_str());
        assert_eq!(
            tokens.typo_candidates(&Query::parse("exmeple")),
            None,
            "held by 40 of 40: it narrows nothing"
        );
        // Most clients are written again without it: once merged, the
        // word narrows again, to those who still hold it.
        for (p, t) in texts.iter_mut().enumerate().take(35) {
            *t = format!("k{p} autre");
            tokens.add(p as u32, t);
        }
        assert_eq!(tokens.typo_candidates(&Query::parse("exmeple")), None);
        tokens.merge_now(texts.len());
        assert_eq!(
            tokens.typo_candidates(&Query::parse("exmeple")),
            Some((35..40).collect())
        );
        // The word that took its place is now the common one.
        assert_eq!(tokens.typo_candidates(&Query::parse("autres")), None);
        // And back again, through a merge of a merge.
        for (p, t) in texts.iter_mut().enumerate().take(33) {
            *t = format!("k{p} exemple");
            tokens.add(p as u32, t);
        }
        tokens.merge_now(texts.len());
        assert_eq!(tokens.typo_candidates(&Query::parse("exmeple")), None);
        assert_eq!(
            tokens.typo_candidates(&Query::parse("autres")),
            Some(vec![33, 34])
        );
        // A word nobody holds any more is gone from the list.
        for (p, t) in texts.iter_mut().enumerate().take(35).skip(33) {
            *t = format!("k{p} exemple");
            tokens.add(p as u32, t);
        }
        tokens.merge_now(texts.len());
        assert_eq!(
            tokens.typo_candidates(&Query::parse("autres")),
            Some(vec![])
        );
        assert!(!(0..tokens.block.starts.len() - 1).any(|i| tokens.block.word(i) == "autre"));
    }
}
