//! Finding a client: word-by-word matching that ignores case and accents,
//! reads phone numbers as digits, tolerates typos, and ranks by quality.
//!
//! Each client's text is folded once ([`Haystack`]); a query is folded
//! once ([`Query`]). A word matches a client as a prefix, a substring, a
//! run of phone digits, or loosely (its letters in order within a
//! field, scored by [`loose`]), and every word must match. When no client
//! matches even loosely, [`near`] finds names within two edits per word
//! instead. fuzzy-matcher picks the letters to highlight.
//!
//! Scoring is cheap on purpose: the exact tests run first and the fuzzy
//! scorer only sees the few candidates that need it, so a scan of 100,000
//! clients fits in a frame.

pub(crate) mod distance;
mod loose;
pub(crate) mod postings;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::text::fold;
pub(crate) use crate::model::view::SearchText;
use crate::model::view::{FoundField, FoundIn};

/// A client's searchable text, borrowed: from a [`SearchText`], or from the
/// index's arena, where every client's text lies end to end so that a
/// scan reads memory in order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Haystack<'a> {
    all: &'a str,
    name_len: usize,
    phones: &'a str,
    /// The [`letters`] of `all`: which characters it holds, so that the
    /// typo fallback can skip a client missing too many of a word's.
    letters: u64,
    /// The [`word_starts`] of `all`.
    starts: u128,
}

/// A 128-bit signature of how the words of `s` begin: the [`letters`] of
/// their first characters in the low half, and one bit (hashed) for each
/// word's first two bytes in the high half. A query word found at the
/// start of a word of `s` has its bits there; a client without them holds
/// the word only inside its words, where it scores less.
pub(crate) fn word_starts(s: &str) -> u128 {
    let b = s.as_bytes();
    let mut sig = 0;
    for i in 0..b.len() {
        let letter = b[i].is_ascii_alphanumeric() || (b[i] >= 0x80 && s.is_char_boundary(i));
        if !letter {
            continue;
        }
        let starts = match i.checked_sub(1).map(|j| b[j]) {
            None => true,
            Some(before) if before < 0x80 => !before.is_ascii_alphanumeric(),
            Some(_) => at_word_start(s, i),
        };
        if starts {
            let first = s[i..]
                .chars()
                .next()
                .map_or(0, |c| letters(c.encode_utf8(&mut [0; 4])));
            sig |= u128::from(first) | start_pair(b[i], b.get(i + 1).copied().unwrap_or(0));
        }
    }
    sig
}

/// The bits of [`word_starts`] that a word beginning with `w` needs.
fn start_bits(w: &str) -> u128 {
    let first = w
        .chars()
        .next()
        .map_or(0, |c| letters(c.encode_utf8(&mut [0; 4])));
    let b = w.as_bytes();
    let pair = match b {
        [a, c, ..] if w.chars().nth(1).is_some() => start_pair(*a, *c),
        _ => 0,
    };
    u128::from(first) | pair
}

/// The bit of [`word_starts`]' high half for a word beginning with bytes
/// `a`, `b`.
fn start_pair(a: u8, b: u8) -> u128 {
    let h = (u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 26;
    1 << (64 + h)
}

/// A 64-bit signature of the characters in `s`: one bit per letter and
/// digit (other characters share the remaining bits). A word can only be
/// within `k` edits of a token when at most `k` of its bits are missing
/// from the token's, since each edit brings in at most one character.
pub(crate) fn letters(s: &str) -> u64 {
    let bit = |c: char| -> u32 {
        match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            _ => 36 + (c as u32 % 28),
        }
    };
    if s.is_ascii() {
        s.bytes().fold(0, |m, b| m | 1 << bit(b as char))
    } else {
        s.chars().fold(0, |m, c| m | 1 << bit(c))
    }
}

impl<'a> Haystack<'a> {
    /// `all` holds the folded name (its first `name_len` bytes), then the
    /// other fields, separated by [`SearchText::SEPARATOR`].
    #[cfg(test)]
    pub(crate) fn new(all: &'a str, name_len: usize, phones: &'a str) -> Self {
        Self::with_letters(all, name_len, phones, letters(all), word_starts(all))
    }

    /// `all` holds the folded name (its first `name_len` bytes), then the
    /// other fields; `letters` and `starts` are its [`letters`] and
    /// [`word_starts`], computed beforehand (the index keeps them beside
    /// its arena).
    pub(crate) fn with_letters(
        all: &'a str,
        name_len: usize,
        phones: &'a str,
        letters: u64,
        starts: u128,
    ) -> Self {
        Haystack {
            all,
            name_len,
            phones,
            letters,
            starts,
        }
    }

    /// The folded display name.
    pub(crate) fn name(&self) -> &'a str {
        &self.all[..self.name_len]
    }

    /// Every field, the name first.
    pub(crate) fn all(&self) -> &'a str {
        self.all
    }

    /// The phone digits.
    pub(crate) fn phones(&self) -> &'a str {
        self.phones
    }

    fn fields(&self) -> impl Iterator<Item = &'a str> {
        self.all.split(SearchText::SEPARATOR)
    }
}

impl SearchText {
    /// This text, borrowed for matching.
    #[cfg(test)]
    pub(crate) fn hay(&self) -> Haystack<'_> {
        Haystack::new(&self.all, self.name_len as usize, &self.phones)
    }

    /// The phone digits, for placing this text in an arena.
    pub(crate) fn parts(&self) -> (&str, usize, &str) {
        (&self.all, self.name_len as usize, &self.phones)
    }
}

/// One folded query word.
#[derive(Debug, Clone)]
struct Word {
    /// The word; a phone number's digits alone.
    text: String,
    /// The word as typed (folded): for a phone number, with its
    /// punctuation, so that `9123-4567` still finds 9123-4567 Québec inc.
    orig: String,
    chars: Vec<char>,
    /// The word's runs of letters and digits (`inc.`: `inc`;
    /// `saint-hyacinthe`: `saint` and `hyacinthe`), each compared on its
    /// own with the client's words, which are split the same way.
    parts: Vec<Part>,
    digits_only: bool,
    /// An initial or two letters: says little on its own, so it weighs less
    /// than a word wherever it is found.
    short: bool,
    /// The other query words this one begins (`m` in `mecanique m`): where
    /// one of them is found, this word is not, so that an initial points to
    /// another of the client's words than the one typed in full.
    begins: Vec<usize>,
    /// A prepared substring search for `orig`, built once per query.
    finder: memchr::memmem::Finder<'static>,
    /// The same for `text`, in the phone digits.
    in_phones: memchr::memmem::Finder<'static>,
}

impl Word {
    /// True when the word, found in `all` first at byte `first`, begins
    /// a word of it at some place.
    fn begins_a_word(&self, all: &str, first: usize) -> bool {
        let bytes = all.as_bytes();
        let mut p = first;
        loop {
            if at_word_start(all, p) {
                return true;
            }
            match self.finder.find(&bytes[p + 1..]) {
                Some(k) => p += 1 + k,
                None => return false,
            }
        }
    }

    /// True when the word is digits alone and the client's phone digits
    /// hold them.
    fn in_phones(&self, phones: &str) -> bool {
        self.digits_only && self.in_phones.find(phones.as_bytes()).is_some()
    }
}

/// One run of letters or digits of a query word, for edit distances.
#[derive(Debug, Clone)]
struct Part {
    text: String,
    chars: Vec<char>,
    /// The [`letters`] of `text`.
    letters: u64,
}

/// The runs of letters and digits of `s`: how a query word and a
/// client's text are split into words, by the typo fallback and by the
/// word list that picks its candidates alike.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl Part {
    fn of(w: &str) -> Vec<Part> {
        words(w)
            .map(|p| Part {
                text: p.to_owned(),
                chars: p.chars().collect(),
                letters: letters(p),
            })
            .collect()
    }
}

impl PartialEq for Word {
    fn eq(&self, other: &Word) -> bool {
        self.text == other.text
    }
}

impl Eq for Word {}

/// A folded query: words that must each match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Query {
    words: Vec<Word>,
}

impl Query {
    pub(crate) fn parse(s: &str) -> Self {
        // The byte between a client's fields is no character anyone
        // searches for: pasted, it separates words.
        let folded = fold(s).replace(SearchText::SEPARATOR, " ");
        let mut words: Vec<Word> = phone_words(&folded)
            .into_iter()
            .map(|(w, orig)| {
                let chars: Vec<char> = w.chars().collect();
                let digits_only = w.bytes().all(|b| b.is_ascii_digit());
                Word {
                    short: chars.len() <= 2 && !digits_only,
                    chars,
                    parts: Part::of(&w),
                    digits_only,
                    begins: Vec::new(),
                    finder: memchr::memmem::Finder::new(orig.as_bytes()).into_owned(),
                    in_phones: memchr::memmem::Finder::new(w.as_bytes()).into_owned(),
                    text: w,
                    orig,
                }
            })
            .collect();
        for i in 0..words.len() {
            let begins: Vec<usize> = (0..words.len())
                .filter(|&j| {
                    words[j].orig.len() > words[i].orig.len()
                        && words[j].orig.starts_with(&words[i].orig)
                })
                .collect();
            words[i].begins = begins;
        }
        Query { words }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when a typo could hide the client sought: several words, or
    /// one long enough to be misspelt (four letters or more).
    pub(crate) fn typo_prone(&self) -> bool {
        self.words.len() >= 2
            || self
                .words
                .first()
                .is_some_and(|w| w.chars.len() >= 4 && !w.digits_only)
    }

    /// How many words the query has.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// True when every client this query matches is also matched by
    /// `older`: each older word is a prefix of the word in its place, so
    /// the new search may scan only the older one's matches.
    pub(crate) fn narrows(&self, older: &Query) -> bool {
        older.words.len() <= self.words.len()
            && older
                .words
                .iter()
                .zip(&self.words)
                .all(|(o, n)| n.text.starts_with(&o.text) && n.orig.starts_with(&o.orig))
    }
}

/// The query's words, with a phone number written in any way read as its
/// digits: `450-555-9345`, `(450) 555-9345`, `450.555.9345` and `+1 450
/// 555 9345` all become `4505559345`. Neighbouring words of digits and
/// phone punctuation make one number; a leading country code 1 is dropped
/// from eleven digits.
fn phone_words(folded: &str) -> Vec<(String, String)> {
    let phoneish = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b"-.()+/".contains(&b))
    };
    let mut out: Vec<(String, String)> = Vec::new();
    // The digits so far, the words as typed, and whether a + began them.
    let mut number: Option<(String, String, bool)> = None;
    let flush = |number: &mut Option<(String, String, bool)>, out: &mut Vec<(String, String)>| {
        if let Some((mut d, orig, plus)) = number.take() {
            if d.len() == 11 && d.starts_with('1') && (plus || out.is_empty()) {
                d.remove(0);
            }
            out.push((d, orig));
        }
    };
    for w in folded.split_whitespace() {
        if phoneish(w) {
            let digits: String = w.chars().filter(char::is_ascii_digit).collect();
            let n =
                number.get_or_insert_with(|| (String::new(), String::new(), w.starts_with('+')));
            n.0.push_str(&digits);
            if !n.1.is_empty() {
                n.1.push(' ');
            }
            n.1.push_str(w);
        } else {
            flush(&mut number, &mut out);
            out.push((w.to_owned(), w.to_owned()));
        }
    }
    flush(&mut number, &mut out);
    out
}

/// Scores matches.
#[derive(Default)]
pub(crate) struct Scorer {}

/// A fuzzy matcher with no history. The matcher reuses its score matrix
/// between calls without clearing all of it, so one kept across clients
/// scores a client differently depending on which clients came before it,
/// and a search narrowed from the previous keystroke could rank ties
/// otherwise than the same search made afresh. Only the few clients that
/// pass the cheap letter test get this far, so a new one each time costs
/// little.
fn fuzzy() -> SkimMatcherV2 {
    SkimMatcherV2::default()
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scorer")
    }
}

/// Scores for the kinds of match, so that any exact match outranks any
/// fuzzy one.
const NAME_PREFIX: i64 = 1000;
const WHOLE_FIELD: i64 = 960;
const EMAIL_LOCAL: i64 = 900;
const NAME_WORD: i64 = 850;
const PHONE: i64 = 700;
const NAME_INSIDE: i64 = 600;
const OTHER_WORD: i64 = 500;
const OTHER_INSIDE: i64 = 400;
const FUZZY_CAP: i64 = 350;
const FUZZY_SHORT: i64 = 100;
/// Added for a word typed whole (`boucher` for Boucher rather than
/// Boucherie).
const WHOLE_WORD: i64 = 50;
/// Added for a word that begins the client's word right after the one the
/// previous query word was found in: `williams j` for Williams, Jessica
/// before Williams, Gordon J.
const FOLLOWS: i64 = 100;
/// Added for a contact's first and last names typed whole, in order: the
/// first name alone counts as any word of another field.
const WHOLE_CONTACT: i64 = 400;
/// An initial or two letters count for this share of a word's score, so
/// that where the word typed in full is found decides, and the initial
/// only chooses among those.
const SHORT_SHARE: i64 = 3;

/// The score of a client found with a typo in some of a query's words:
/// per word as much as a word of its name, less a share per edit, so that
/// it comes before clients that match only some words loosely.
pub(crate) fn typo_score(words: usize, edits: usize, in_name: bool) -> i64 {
    words as i64 * NAME_WORD - 100 * edits as i64 + if in_name { 50 } else { 0 }
}

/// The score of a word found only loosely, between 1 and [`FUZZY_CAP`],
/// or `None` when it is not: its letters in order within a window two
/// characters wider than the word, in one field. One or two letters are
/// too few for a loose score to rank (every close pair scores
/// [`FUZZY_SHORT`], below any exact match); longer words score their best
/// placement in such a window (see [`loose`]), in the name the most.
fn loose_score(w: &Word, h: Haystack<'_>) -> Option<i64> {
    if w.chars.len() < 3 {
        return fits_within(&w.text, h.all, w.text.len() + loose::SLACK).then_some(FUZZY_SHORT);
    }
    let score = if w.text.is_ascii() {
        loose::score_ascii(w.text.as_bytes(), h.all.as_bytes(), h.name_len)
    } else {
        let name_chars = h.name().chars().count();
        loose::score(&w.chars, &h.all.chars().collect::<Vec<char>>(), name_chars)
    };
    score.map(|s| i64::from(s).clamp(1, FUZZY_CAP))
}

impl Scorer {
    /// The client's score for the query (higher is better), or `None` when
    /// some word does not match at all.
    pub(crate) fn score(&self, q: &Query, h: Haystack<'_>) -> Option<i64> {
        let mut total = 0;
        // Where the previous word was found as typed: the next may follow.
        let mut after = None;
        for w in &q.words {
            let (score, end) = self.word(q, w, h, after)?;
            total += score;
            after = end;
        }
        // A contact's first and last names typed together, whole, name
        // the client as surely as its name would: `marie brisson` for the
        // company whose contact is Marie Brisson, before Brisson,
        // Anne-Marie.
        if q.words.len() >= 2 {
            let (first, last) = contact(h.all);
            if !first.is_empty()
                && !last.is_empty()
                && q.words
                    .windows(2)
                    .any(|p| p[0].orig == first && p[1].orig == last)
            {
                total += WHOLE_CONTACT;
            }
        }
        Some(total)
    }

    /// The score of the word found at byte `p` of the client's text.
    fn place(&self, w: &Word, h: Haystack<'_>, p: usize) -> i64 {
        let len = w.orig.len();
        let in_name = p < h.name().len();
        let word_start = at_word_start(h.all, p);
        let base = if !in_name && whole_field(h.all, p, len) && !first_name(h.all, p) {
            // A word that is a whole field other than the name (a client
            // number, a contact's last name) names the client surely; a
            // first name alone does not (many share it).
            WHOLE_FIELD
        } else if !in_name
            && p.checked_sub(1).map(|b| h.all.as_bytes()[b]) == Some(FIELD_END)
            && h.all.as_bytes().get(p + len) == Some(&b'@')
        {
            // The whole local part of an e-mail address names the client
            // as surely as a word of its name: `pierrette` for
            // pierrette@autobusmartin.com (not for kelly.pierrette@…).
            EMAIL_LOCAL
        } else {
            // An initial does not begin a little word such as `et` or
            // `de`: `michaud e` is for Michaud, Éric, not Michaud et Fils.
            let word_start = word_start && !(w.short && little_word(h.all, p, len));
            match (in_name, p == 0, word_start) {
                (true, true, _) => NAME_PREFIX,
                (true, false, true) => NAME_WORD,
                // An initial or two letters inside a word say little: less
                // than the start of a contact's first name or a company word.
                (true, false, false) if w.short => OTHER_INSIDE,
                (true, false, false) => NAME_INSIDE,
                (false, _, true) => OTHER_WORD,
                (false, _, false) => OTHER_INSIDE,
            }
        };
        if w.short {
            // An initial is a prefix by nature: no bonus for a whole word.
            return base / SHORT_SHARE;
        }
        let whole = h.all[p + len..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        base + if whole { WHOLE_WORD } else { 0 }
    }

    /// The word's score, and where its match ends when it was found as
    /// typed. `after` is where the previous word's match ended.
    fn word(
        &self,
        q: &Query,
        w: &Word,
        h: Haystack<'_>,
        after: Option<usize>,
    ) -> Option<(i64, Option<usize>)> {
        let bytes = h.all.as_bytes();
        let len = w.orig.len();
        // A place where a longer query word this one begins is found is
        // that word's: `m` in `mecanique m` looks for another word.
        let taken = |p: usize| {
            w.begins
                .iter()
                .any(|&j| bytes[p..].starts_with(q.words[j].orig.as_bytes()))
        };
        let mut best: Option<(i64, usize)> = None;
        let mut any = false;
        if let Some(n) = after.and_then(|e| next_word(bytes, e))
            && bytes[n..].starts_with(w.orig.as_bytes())
            && !taken(n)
        {
            best = Some((self.place(w, h, n) + FOLLOWS, n));
        }
        // The best place the word is found: the first may be inside a word
        // and a later one begin one (the `a` of `bedard a` is inside
        // Bédard, but begins Audrey), or be a whole field. Once a word of
        // the name begins with it, the search for better stops: few
        // clients are worth scanning to their end.
        let top = if w.short {
            NAME_WORD / SHORT_SHARE
        } else {
            NAME_WORD
        };
        let mut from = 0;
        while best.is_none_or(|(b, _)| b < top)
            && let Some(k) = w.finder.find(&bytes[from..])
        {
            let p = from + k;
            any = true;
            if !taken(p) {
                let s = self.place(w, h, p);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, p));
                }
            }
            from = p + 1;
        }
        let phone = w.in_phones(h.phones);
        match best {
            Some((s, p)) => {
                let s = if phone { s.max(PHONE) } else { s };
                return Some((s, Some(p + len)));
            }
            None if phone => return Some((PHONE, None)),
            // Found only inside a longer word of the query's.
            None if any => return Some((FUZZY_SHORT, None)),
            None => {}
        }
        // A loose match stays within one field (letters strung together
        // across a name and an e-mail address are no match), with at most
        // two other letters among the word's: `plmbr` finds Plomberie. The
        // allowance does not grow with the word, so a longer word never
        // matches a client its shorter form missed, and the search may
        // narrow the previous result as the user types.
        Some((loose_score(w, h)?, None))
    }

    /// The field other than the name through which the query found this
    /// client: the first word that is not in the name, looked for in the
    /// other fields (company, contact, number, e-mail) and the phones.
    pub(crate) fn found_in(&self, q: &Query, h: Haystack<'_>) -> Option<FoundIn> {
        let name = h.name();
        let w = q.words.iter().find(|w| !name.contains(&w.orig))?;
        let fields: Vec<&str> = h.fields().collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let contact = || format!("{} {}", field(2), field(3)).trim().to_owned();
        let hit = |f: &str| !f.is_empty() && f.contains(&w.orig);
        let (kind, text) = if hit(field(1)) {
            (FoundField::Company, field(1).to_owned())
        } else if hit(field(2)) || hit(field(3)) {
            (FoundField::Contact, contact())
        } else if hit(field(4)) {
            (FoundField::Number, field(4).to_owned())
        } else if hit(field(5)) {
            (FoundField::Email, field(5).to_owned())
        } else if w.in_phones(h.phones) {
            let phone = h
                .phones
                .split(' ')
                .find(|p| p.contains(&w.text))
                .unwrap_or_default();
            (FoundField::Phone, phone.to_owned())
        } else {
            // Found loosely: say where the letters are, if in one field.
            let i =
                (1..6).find(|&i| fits_within(&w.text, field(i), w.text.len() + loose::SLACK))?;
            match i {
                1 => (FoundField::Company, field(1).to_owned()),
                2 | 3 => (FoundField::Contact, contact()),
                4 => (FoundField::Number, field(4).to_owned()),
                _ => (FoundField::Email, field(5).to_owned()),
            }
        };
        Some(FoundIn { field: kind, text })
    }

    /// True when every word of the query is in the client's text as it
    /// was typed (or in its phone digits), none only fuzzily.
    pub(crate) fn exact(&self, q: &Query, h: Haystack<'_>) -> bool {
        q.words
            .iter()
            .all(|w| (w.in_phones(h.phones)) || w.finder.find(h.all.as_bytes()).is_some())
    }

    /// Which characters of `display_name` the query matched, as char
    /// indices, for highlighting.
    pub(crate) fn highlight(&self, q: &Query, display_name: &str) -> Vec<usize> {
        // Fold char by char, remembering which original char each folded
        // char came from (one may fold to several, like œ to oe).
        let mut folded = String::new();
        let mut origin = Vec::new();
        for (i, ch) in display_name.chars().enumerate() {
            let f = fold(ch.encode_utf8(&mut [0; 4]));
            origin.extend(std::iter::repeat_n(i, f.chars().count()));
            folded.push_str(&f);
        }
        let mut marks = Vec::new();
        for w in &q.words {
            if let Some(p) = folded.find(&w.orig) {
                let start = folded[..p].chars().count();
                let n = w.orig.chars().count();
                marks.extend((start..start + n).filter_map(|i| origin.get(i).copied()));
            } else if let Some((_, idx)) = fuzzy().fuzzy_indices(&folded, &w.text) {
                marks.extend(idx.into_iter().filter_map(|i| origin.get(i).copied()));
            }
        }
        marks.sort_unstable();
        marks.dedup();
        marks
    }
}

/// A query of one or two letters, whose matches are found without
/// reading the clients' text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Short {
    /// One letter and its [`letters`] bit: the clients whose text holds
    /// the letter (its letters say so).
    Letter(u8, u64),
    /// Two letters: the clients whose text holds the first and then the
    /// second within a few bytes, in one field, which
    /// [`postings::LetterPairs`] keeps for every pair.
    Pair(u8, u8),
}

impl Short {
    /// What a name this query begins starts with.
    pub(crate) fn prefix(&self) -> Vec<u8> {
        match *self {
            Short::Letter(a, _) => vec![a],
            Short::Pair(a, b) => vec![a, b],
        }
    }
}

/// Ranks a search's matches with as little scoring as the first rows
/// need. Every match gets its score, or an upper bound on it where the
/// full score would cost more and the client is unlikely to be among the
/// best: a view then scores fully only the clients whose bound could
/// reach its first rows (see `api::index::view`).
///
/// A query of one plain word, as the first keys of every search are,
/// is the case that matters: it matches most of a large firm, and only
/// the names it begins can rank first. Those, and the clients where the
/// word begins a field other than the name (a client number, a contact,
/// an e-mail address typed whole), are scored; every other match scores
/// at most a word of the name typed whole, which a name beginning with
/// the word outranks. Any other query, and a word found only loosely
/// (scored by [`loose`] as it is found), is scored in full.
#[derive(Debug)]
pub(crate) struct Ranker<'q> {
    query: &'q Query,
    scorer: Scorer,
    /// For a one-word query: the word after a field's end, and the most
    /// a match not scored can score.
    single: Option<(memchr::memmem::Finder<'static>, i64)>,
    /// The [`word_starts`] bits of a one-word query's word.
    starts: u128,
    /// The [`letters`] of a one-word query's word.
    letters: u64,
}

impl<'q> Ranker<'q> {
    pub(crate) fn new(query: &'q Query) -> Self {
        let single = match query.words.as_slice() {
            [w] if w.orig == w.text
                && !w.orig.is_empty()
                && w.orig.chars().all(char::is_alphanumeric) =>
            {
                let mut after_field = vec![FIELD_END];
                after_field.extend_from_slice(w.orig.as_bytes());
                // Anywhere but at the start of the name or of another
                // field, a word scores at most as a word of the name
                // typed whole. An initial scores a share, the most at the
                // start of another field: only the names it begins are
                // scored.
                let most = if w.short {
                    WHOLE_FIELD / SHORT_SHARE
                } else {
                    NAME_WORD + WHOLE_WORD
                };
                Some((memchr::memmem::Finder::new(&after_field).into_owned(), most))
            }
            _ => None,
        };
        Ranker {
            starts: query.words.first().map_or(0, |w| start_bits(&w.orig)),
            letters: query.words.first().map_or(0, |w| letters(&w.orig)),
            query,
            scorer: Scorer::default(),
            single,
        }
    }

    /// The query ranked.
    pub(crate) fn query(&self) -> &'q Query {
        self.query
    }

    /// For a query of one or two letters (the first keys of most
    /// searches), which clients match is known without reading their
    /// text (see [`Short`]), and [`Ranker::short_score`] ranks them from
    /// whether their name begins with the letters and where their words
    /// begin.
    pub(crate) fn short(&self) -> Option<Short> {
        self.single.as_ref()?;
        match *self.query.words[0].orig.as_bytes() {
            [a] if a.is_ascii_lowercase() => Some(Short::Letter(a, self.letters)),
            [a, b] if a.is_ascii_lowercase() && b.is_ascii_lowercase() => Some(Short::Pair(a, b)),
            _ => None,
        }
    }

    /// The score of a client matching a [`Ranker::short`] query, or a
    /// bound on it, and whether that is the score: at the start of its
    /// name; inside its words only (`starts` are its [`word_starts`]),
    /// where two letters may also be held only loosely, so that is a
    /// bound; or else the most a word of another field can score.
    pub(crate) fn short_score(&self, short: Short, begins_name: bool, starts: u128) -> (i64, bool) {
        if begins_name {
            (NAME_PREFIX / SHORT_SHARE, true)
        } else if starts & self.starts != self.starts {
            (
                OTHER_INSIDE / SHORT_SHARE,
                matches!(short, Short::Letter(..)),
            )
        } else {
            (WHOLE_FIELD / SHORT_SHARE, false)
        }
    }

    /// The client's score, or a bound on it (the flag says which), or
    /// `None` when it does not match.
    pub(crate) fn rank(&self, h: Haystack<'_>) -> Option<(i64, bool)> {
        let Some((after_field, most)) = &self.single else {
            return self.scorer.score(self.query, h).map(|s| (s, true));
        };
        let w = &self.query.words[0];
        // Digits in the phones that begin no word of the text score as a
        // phone: inside a word of the text they would score less.
        if w.digits_only && h.starts & self.starts != self.starts && w.in_phones(h.phones) {
            return Some((PHONE, true));
        }
        // A text missing one of the word's characters holds it neither as
        // typed nor loosely, which its letters tell without reading it.
        let found = if h.letters & self.letters == self.letters {
            w.finder.find(h.all.as_bytes())
        } else {
            None
        };
        let Some(first) = found else {
            // Not found as typed: in the phone digits, or loosely.
            if w.in_phones(h.phones) {
                return Some((PHONE, true));
            }
            if h.letters & self.letters != self.letters {
                return None;
            }
            return loose_score(w, h).map(|s| (s, true));
        };
        // Where no word begins as this one does, it is found only inside
        // words: not at the start of the name nor of another field. The
        // signature may say a word begins so when none does (its pairs
        // are hashed); the places the word is found then tell, from text
        // already read.
        if h.starts & self.starts != self.starts || !w.begins_a_word(h.all, first) {
            return Some(if w.in_phones(h.phones) {
                // Inside words it scores less than in the phone digits.
                (PHONE, true)
            } else if w.short {
                // An initial inside words scores the same in every field.
                (OTHER_INSIDE / SHORT_SHARE, true)
            } else {
                (NAME_INSIDE + WHOLE_WORD, false)
            });
        }
        let best_placed = first == 0 || (!w.short && after_field.find(h.all.as_bytes()).is_some());
        if best_placed {
            self.scorer.score(self.query, h).map(|s| (s, true))
        } else if !w.short && first >= h.name_len {
            // Not in the name at all (its first place is past it), nor
            // at a field's start: a word of another field, or the phone
            // digits.
            Some((
                if w.digits_only {
                    PHONE.max(OTHER_WORD + WHOLE_WORD)
                } else {
                    OTHER_WORD + WHOLE_WORD
                },
                false,
            ))
        } else {
            Some((*most, false))
        }
    }

    /// The client's full score, for a match that was given a bound.
    pub(crate) fn score(&self, h: Haystack<'_>) -> i64 {
        // A match stays a match: the bound was only on the score.
        self.scorer.score(self.query, h).unwrap_or(1)
    }
}

/// For the fallback: the total edits by which the query misses this
/// client's words, when every query word is within the allowed edits of
/// some word of the client's name, company or contact.
#[cfg(test)]
pub(crate) fn closeness(q: &Query, h: Haystack<'_>) -> Option<usize> {
    closeness_in(q, h.all, h.phones, h.letters).map(|(edits, _)| edits)
}

/// How near a client found through the typo fallback is to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Near {
    /// The total edits by which the query misses the client's words.
    pub(crate) edits: usize,
    /// Whether the name alone is as near.
    pub(crate) in_name: bool,
    /// How far the words follow the client's in the order typed: one for
    /// a first word that begins the name, one for each word found in the
    /// client's word after the previous one's (`parrnt et` for Parent et
    /// Fils before Arsenault, Parent et associés).
    pub(crate) order: u32,
}

/// The most the order counts for, below the name's share.
const ORDER_CAP: u32 = 40;

impl Near {
    /// The score among the search's matches ([`typo_score`], then the
    /// order as typed).
    pub(crate) fn typo_score(&self, words: usize) -> i64 {
        typo_score(words, self.edits, self.in_name) + i64::from(self.order.min(ORDER_CAP))
    }

    /// The score among the closest names: fewest edits first, then names
    /// that hold the words before clients found through another field,
    /// then the order as typed.
    pub(crate) fn closest_score(&self) -> i64 {
        -1000 * self.edits as i64
            + if self.in_name { 100 } else { 0 }
            + i64::from(self.order.min(ORDER_CAP))
    }
}

/// The total edits by which the query misses this client's words, with
/// the name alone and the order: how the typo fallback
/// ranks the client.
pub(crate) fn near(q: &Query, h: Haystack<'_>) -> Option<Near> {
    let (edits, order) = closeness_in(q, h.all, h.phones, h.letters)?;
    // Over the name alone: a client whose name holds every word, give or
    // take the typos, is the likelier one. The letters of the whole text
    // hold the name's: still a safe filter.
    let in_name = closeness_in(q, h.name(), "", h.letters).map(|(e, _)| e) == Some(edits);
    Some(Near {
        edits,
        in_name,
        order,
    })
}

/// `letters` must hold at least the [`letters`] of `all`: a word missing
/// more of its characters than it may have edits is within reach of no
/// token, and is rejected without computing a distance. The edits, and the
/// order as typed (see [`Near::order`]).
fn closeness_in(q: &Query, all: &str, phones: &str, letters: u64) -> Option<(usize, u32)> {
    // Every word's letters first, before any distance is computed.
    let out_of_reach = q.words.iter().any(|w| {
        w.orig == w.text
            && w.parts.iter().any(|p| {
                (p.letters & !letters).count_ones() as usize > distance::allowed(p.chars.len())
            })
    });
    if out_of_reach {
        return None;
    }
    let mut total = 0;
    let mut order = 0;
    // The client's word where the previous part was found.
    let mut prev: Option<usize> = None;
    let mut first = true;
    let mut chars: Vec<char> = Vec::new();
    for w in &q.words {
        if w.orig != w.text {
            // A number typed with punctuation (`9123-4567`, a phone): its
            // parts must all be the client's, or its digits a phone's.
            let parts_there = words(&w.orig).all(|p| words(all).any(|t| t == p));
            if parts_there || phones.contains(&w.text) {
                prev = None;
                first = false;
                continue;
            }
            return None;
        }
        // Punctuation typed in or around a word (`inc.`, `saint-hyacinthe`,
        // `s.e.n.c.`) is no edit: each run of letters is a word of its own,
        // as the client's words are split.
        for part in &w.parts {
            let wanted = if first { Some(0) } else { prev.map(|t| t + 1) };
            let (edits, at) = part_closeness(part, all, &mut chars, wanted)?;
            total += edits;
            order += u32::from(Some(at) == wanted);
            prev = Some(at);
            first = false;
        }
    }
    Some((total, order))
}

/// The fewest edits between one part of a query word and one of the
/// client's words, when within the allowed edits, and which of the
/// client's words (counted from the name's first): the `wanted` one where
/// it is as near as any.
fn part_closeness(
    part: &Part,
    all: &str,
    chars: &mut Vec<char>,
    wanted: Option<usize>,
) -> Option<(usize, usize)> {
    let (text, wchars) = (&part.text, &part.chars);
    let max = distance::allowed(wchars.len());
    let tokens = words(all);
    if max == 0 {
        // An initial or a two-letter abbreviation is too short to
        // misspell: it must begin one of the client's words (`f` for
        // `F.` or `François`), and it costs nothing.
        let mut found = None;
        for (at, t) in tokens.enumerate() {
            if t.starts_with(text.as_str()) {
                if found.is_none() || Some(at) == wanted {
                    found = Some(at);
                }
                if wanted.is_none_or(|w| at >= w) {
                    break;
                }
            }
        }
        return found.map(|at| (0, at));
    }
    let ascii = text.is_ascii();
    let mut best: Option<(usize, usize)> = None;
    for (at, token) in tokens.enumerate() {
        let limit = best.map_or(max, |(b, _)| b.min(max));
        let d = if ascii && token.is_ascii() {
            if token.len().abs_diff(text.len()) > limit {
                continue;
            }
            distance::within(text.as_bytes(), token.as_bytes(), limit)
        } else {
            chars.clear();
            chars.extend(token.chars());
            distance::within(wchars, chars, limit)
        };
        if let Some(d) = d
            && best.is_none_or(|(b, was)| d < b || Some(was) != wanted && Some(at) == wanted)
        {
            best = Some((d, at));
        }
        if best.is_some_and(|(b, was)| {
            b == 0 && (Some(was) == wanted || wanted.is_none_or(|w| at >= w))
        }) {
            break;
        }
    }
    best
}

/// Words of a name that no one means by their initial.
const LITTLE_WORDS: [&str; 16] = [
    "et", "de", "du", "des", "la", "le", "les", "en", "au", "aux", "and", "of", "the", "chez",
    "sur", "a",
];

/// True when the word beginning at byte `at` is one of the
/// [`LITTLE_WORDS`], longer than the `len` bytes typed.
fn little_word(all: &str, at: usize, len: usize) -> bool {
    let rest = &all.as_bytes()[at..];
    let end = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    end > len && LITTLE_WORDS.iter().any(|l| l.as_bytes() == &rest[..end])
}

/// The contact's first and last names (the third and fourth fields of a
/// [`SearchText`]).
fn contact(all: &str) -> (&str, &str) {
    let mut fields = all.split(SearchText::SEPARATOR).skip(2);
    (
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
    )
}

/// True when byte `at` of a [`SearchText`] is in the contact's first name
/// (its third field: name, company, first name, …).
fn first_name(all: &str, at: usize) -> bool {
    memchr::memchr_iter(FIELD_END, &all.as_bytes()[..at]).count() == 2
}

/// True when the `len` bytes at `at` are a whole field of `all`.
fn whole_field(all: &str, at: usize, len: usize) -> bool {
    let b = all.as_bytes();
    (at == 0 || b[at - 1] == FIELD_END) && b.get(at + len).is_none_or(|&c| c == FIELD_END)
}

/// Where the word after the one holding byte `end` begins (the next
/// field's first word, past the end of a field), if any.
fn next_word(bytes: &[u8], end: usize) -> Option<usize> {
    // Multi-byte characters count as letters, as folded text holds few.
    let letter = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let rest = bytes.get(end..)?;
    let gap = rest.iter().position(|&b| !letter(b))?;
    let next = rest[gap..].iter().position(|&b| letter(b))?;
    Some(end + gap + next)
}

fn at_word_start(s: &str, byte: usize) -> bool {
    byte == 0
        || s[..byte]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphanumeric())
}

/// The byte between two fields of a [`SearchText`].
const FIELD_END: u8 = SearchText::SEPARATOR as u8;

/// True when `hay` holds the letters of `needle` in order within a
/// stretch of at most `widest` bytes that does not cross a field's end (for ASCII needles; an ASCII byte
/// never occurs inside a multi-byte character) or `widest` minus the
/// needle's extra bytes in characters, for the rare other needles.
fn fits_within(needle: &str, hay: &str, widest: usize) -> bool {
    if !needle.is_ascii() {
        let n: Vec<char> = needle.chars().collect();
        let h: Vec<char> = hay.chars().collect();
        let widest = n.len() + widest.saturating_sub(needle.len());
        return (0..h.len()).filter(|&i| h[i] == n[0]).any(|start| {
            let mut i = 1;
            for &c in h.iter().skip(start + 1).take(widest.saturating_sub(1)) {
                if c == SearchText::SEPARATOR {
                    break;
                }
                if i < n.len() && c == n[i] {
                    i += 1;
                }
            }
            i == n.len()
        });
    }
    let (n, h) = (needle.as_bytes(), hay.as_bytes());
    let Some(&first) = n.first() else { return true };
    let mut from = 0;
    while let Some(offset) = memchr::memchr(first, &h[from..]) {
        let start = from + offset;
        let end = (start + widest).min(h.len());
        let (mut i, mut j) = (1, start + 1);
        while i < n.len() && j < end && h[j] != FIELD_END {
            if h[j] == n[i] {
                i += 1;
            }
            j += 1;
        }
        if i == n.len() {
            return true;
        }
        if end == h.len() {
            // The letters are not all there after this start; a later
            // start has even fewer.
            return false;
        }
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Client;

    fn hay(name: &str) -> SearchText {
        let mut c = Client::new(name);
        c.phone = "514-555-0199".into();
        c.email = "info@exemple.ca".into();
        SearchText::of(&c)
    }

    fn score(q: &str, name: &str) -> Option<i64> {
        Scorer::default().score(&Query::parse(q), hay(name).hay())
    }

    #[test]
    fn letters_found_loosely_in_the_name_come_first() {
        // The same letters, as close together, in the name and in the
        // contact's last name.
        let in_name = score("trm", "Tremblay, Simon").unwrap();
        let mut c = Client::new("Fromagerie Fortin inc.");
        c.last_name = "Tremblay".into();
        let in_contact = Scorer::default()
            .score(&Query::parse("trm"), SearchText::of(&c).hay())
            .unwrap();
        assert!(in_name > in_contact, "{in_name} <= {in_contact}");
        // Found as typed anywhere still comes before found loosely.
        assert!(score("trem", "Fromagerie Fortin inc. trem").unwrap() > in_name);
    }

    #[test]
    fn an_initial_counts_where_it_begins_a_word() {
        // The `a` is inside Bédard first, but it begins Audrey.
        let audrey = score("bedard a", "Bédard, Audrey").unwrap();
        let marc = score("bedard a", "Bédard, Marc").unwrap();
        assert!(audrey > marc, "{audrey} <= {marc}");
        // The start of the contact's first name beats a letter inside the
        // name.
        let mut c = Client::new("Gestion Tremblay inc.");
        c.first_name = "Jean".into();
        let jean = Scorer::default()
            .score(&Query::parse("tremblay j"), SearchText::of(&c).hay())
            .unwrap();
        let other = score("tremblay j", "Toitures Tremblay, Marjolaine").unwrap();
        assert!(jean > other, "{jean} <= {other}");
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        assert!(score("levesque", "Lévesque, Marie").is_some());
        assert!(score("cote", "Côté et fils").is_some());
        assert!(score("CÔTÉ", "cote et fils").is_some());
    }

    #[test]
    fn phone_digits_match_formatted_numbers() {
        assert_eq!(score("5145550199", "Alpha"), Some(PHONE));
        assert_eq!(score("0199", "Alpha"), Some(PHONE));
    }

    #[test]
    fn phone_numbers_match_however_they_are_written() {
        for q in [
            "514-555-0199",
            "(514) 555-0199",
            "514.555.0199",
            "514 555 0199",
            "+1 514 555 0199",
            "1-514-555-0199",
            "555-0199",
            "555 0199",
        ] {
            assert_eq!(score(q, "Alpha"), Some(PHONE), "{q}");
        }
        assert_eq!(score("514-555-0198", "Alpha"), None);
        // A number typed beside a name is still a number.
        assert!(score("alpha 555-0199", "Alpha").is_some());
        assert!(Query::parse("514-555-01").narrows(&Query::parse("514-555")));
    }

    #[test]
    fn a_numbered_company_is_found_by_its_number_as_written() {
        let mut c = Client::new("9123-4567 Québec inc.");
        c.phone = "418-555-0101".into();
        let h = SearchText::of(&c);
        let s = Scorer::default();
        assert!(s.score(&Query::parse("9123-4567"), h.hay()).is_some());
        assert!(
            s.score(&Query::parse("9123-4567 quebec"), h.hay())
                .is_some()
        );
        assert!(s.score(&Query::parse("418-555-0101"), h.hay()).is_some());
        assert_eq!(
            closeness(&Query::parse("9123-4567 qeubec inc"), h.hay()),
            Some(1)
        );
    }

    #[test]
    fn the_local_part_of_an_email_ranks_high() {
        let mut c = Client::new("Autobus Martin inc.");
        c.email = "pierrette@autobusmartin.com".into();
        let by_email = Scorer::default()
            .score(&Query::parse("pierrette"), SearchText::of(&c).hay())
            .unwrap();
        let c = Client::new("Casse-croûte chez Pierrette");
        let by_contact = Scorer::default()
            .score(&Query::parse("pierrette"), SearchText::of(&c).hay())
            .unwrap();
        assert!(by_email > by_contact, "{by_email} {by_contact}");
    }

    #[test]
    fn initials_do_not_defeat_the_typo_fallback() {
        let h = hay("Bédard, Audrey F.");
        assert_eq!(
            closeness(&Query::parse("bedrad audrey f"), h.hay()),
            Some(1)
        );
        assert_eq!(closeness(&Query::parse("bedrad audrey"), h.hay()), Some(1));
        assert_eq!(closeness(&Query::parse("bedrad audrey g"), h.hay()), None);
    }

    fn client(name: &str, first: &str, last: &str, email: &str) -> SearchText {
        let mut c = Client::new(name);
        c.first_name = first.into();
        c.last_name = last.into();
        c.email = email.into();
        SearchText::of(&c)
    }

    fn score_of(q: &str, h: &SearchText) -> i64 {
        Scorer::default().score(&Query::parse(q), h.hay()).unwrap()
    }

    #[test]
    fn a_typo_in_a_hyphenated_or_dotted_word_is_still_one_typo() {
        // Each run of letters of a typed word is compared on its own, as
        // the client's words are split.
        let h = hay("Groupe Poulin inc. (Saint-Hyacinthe)");
        let q = Query::parse("groupe pouiln inc. (saint-hyacinthe)");
        assert_eq!(closeness(&q, h.hay()), Some(1));
        let h = hay("Roy, Grenier S.E.N.C.");
        assert_eq!(
            closeness(&Query::parse("roy, greiner s.e.n.c."), h.hay()),
            Some(1)
        );
        let h = hay("Michaud-Lussier, Nicolas");
        assert_eq!(
            closeness(&Query::parse("michaud-lussier, nicloas"), h.hay()),
            Some(1)
        );
        // A part of the hyphenated word typed wrong counts its own edits.
        assert_eq!(
            closeness(&Query::parse("michaud-lusier nicolas"), h.hay()),
            Some(1)
        );
        assert_eq!(closeness(&Query::parse("michaud-xyzzy"), h.hay()), None);
    }

    #[test]
    fn typos_of_every_kind_are_within_reach() {
        let h = hay("Plomberie Tremblay inc.");
        for q in ["trembaly", "tremby", "tremmblay", "tremnlay", "trenblay"] {
            assert!(closeness(&Query::parse(q), h.hay()).is_some(), "{q}");
        }
        // A short word may be one edit away, not two.
        assert_eq!(closeness(&Query::parse("ibc"), h.hay()), Some(1));
        assert_eq!(closeness(&Query::parse("ixx"), h.hay()), None);
    }

    #[test]
    fn an_initial_looks_past_the_word_typed_in_full() {
        // `m` at the start of Mécanique is the word typed in full; the
        // initial is for another word.
        let martin = score("mecanique m", "Mécanique Martin").unwrap();
        let allard = score("mecanique m", "Mécanique Allard enr.").unwrap();
        assert!(martin > allard, "{martin} <= {allard}");
        let gagne = score("girard g", "Girard-Gagné, Sylvie").unwrap();
        let chloe = score("girard g", "Girard, Chloé").unwrap();
        assert!(gagne > chloe, "{gagne} <= {chloe}");
        // Found only inside the longer word: still found, loosely.
        assert!(score("mecanique q", "Mécanique Allard enr.").is_some());
    }

    #[test]
    fn an_initial_weighs_less_than_the_word_typed_in_full() {
        // `roy g`: Roy first in the name and Grenier next, before a
        // company beginning with G whose contact is a Roy.
        let roy = score_of("roy g", &client("Roy, Grenier S.E.N.C.", "", "", ""));
        let other = score_of("roy g", &client("Garage Gaspésie inc.", "Luc", "Roy", ""));
        assert!(roy > other, "{roy} <= {other}");
        let martin = score_of("martin c", &client("Martin, Caroline", "", "", ""));
        let cafe = score_of(
            "martin c",
            &client("Café Tessier inc.", "Paul", "Martin", ""),
        );
        assert!(martin > cafe, "{martin} <= {cafe}");
    }

    #[test]
    fn a_word_that_follows_the_previous_one_ranks_first() {
        let jessica = score("williams j", "Williams, Jessica").unwrap();
        let gordon = score("williams j", "Williams, Gordon J.").unwrap();
        assert!(jessica > gordon, "{jessica} <= {gordon}");
        let oceane = score("hamilton o", "Hamilton, Océane").unwrap();
        let ottawa = score("hamilton o", "Hamilton Capital Inc. (Ottawa)").unwrap();
        assert!(oceane > ottawa, "{oceane} <= {ottawa}");
        let fils = score("gagnon e", "Gagnon, Étienne").unwrap();
        let before = score("gagnon e", "Ébénisterie Gagnon inc.").unwrap();
        assert!(fils > before, "{fils} <= {before}");
    }

    #[test]
    fn an_initial_does_not_begin_a_little_word() {
        let eric = score("michaud e", "Michaud, Éric").unwrap();
        let et = score("michaud e", "Michaud et Fils ltée").unwrap();
        assert!(eric > et, "{eric} <= {et}");
        // Typed whole, the little word is a word like any other.
        let et = score("michaud et", "Michaud et Fils ltée").unwrap();
        let eric = score("michaud et", "Michaud, Éric").unwrap_or(0);
        assert!(et > eric, "{et} <= {eric}");
    }

    #[test]
    fn a_word_typed_whole_ranks_before_a_longer_word() {
        let boucher = score_of(
            "alexis boucher",
            &client("Boucher, Alexis", "Alexis", "Boucher", ""),
        );
        let boucherie = score_of(
            "alexis boucher",
            &client("Boucherie Ouimet inc.", "Alexis", "Ouimet", ""),
        );
        assert!(boucher > boucherie, "{boucher} <= {boucherie}");
        // A whole client number before a name that begins with its digits.
        let mut c = Client::new("Young, Trevor");
        c.number = Some("2380".into());
        let number = score_of("2380", &SearchText::of(&c));
        let name = score("2380", "23806822 Ontario Inc.").unwrap();
        assert!(number > name, "{number} <= {name}");
    }

    #[test]
    fn a_contacts_whole_name_names_the_client() {
        let contact = score_of(
            "marie brisson",
            &client("Gestion D. Lessard inc.", "Marie", "Brisson", ""),
        );
        let name = score_of(
            "marie brisson",
            &client("Brisson, Anne-Marie", "Anne-Marie", "Brisson", ""),
        );
        assert!(contact > name, "{contact} <= {name}");
        // A first name alone is no whole field: many clients share it, and
        // the one whose e-mail is that name comes first.
        let email = score_of(
            "logan",
            &client("Lee Architects Inc.", "Logan", "Shaw", "logan@lee.ca"),
        );
        let person = score_of(
            "logan",
            &client("Kelly, Logan", "Logan", "Kelly", "kelly.logan@gmail.com"),
        );
        assert!(email > person, "{email} <= {person}");
    }

    #[test]
    fn a_typo_ranks_by_the_order_the_words_were_typed() {
        let q = Query::parse("parrnt et");
        let near_of = |name: &str| near(&q, hay(name).hay()).unwrap();
        let parent = near_of("Parent et Fils ltée");
        let later = near_of("Arsenault, Parent et associés S.E.N.C.R.L.");
        let apart = near_of("Chauffage et climatisation Parent inc.");
        assert_eq!((parent.edits, later.edits, apart.edits), (1, 1, 1));
        assert!(parent.typo_score(2) > later.typo_score(2));
        assert!(later.closest_score() > apart.closest_score());
        // Fewer edits always come first, then the name.
        let q = Query::parse("gestion geravis inc.");
        let near_of = |name: &str| near(&q, hay(name).hay()).unwrap();
        let gervais = near_of("Gestion Gervais inc.");
        let initial = near_of("Gestion B. Gervais inc.");
        assert!(gervais.closest_score() > initial.closest_score());
        let two = near(
            &Query::parse("gestion gervias ibc"),
            hay("Gestion Gervais inc.").hay(),
        )
        .unwrap();
        assert_eq!(two.edits, 2);
        assert!(initial.closest_score() > two.closest_score());
    }

    #[test]
    fn every_word_must_match_in_any_order() {
        assert!(score("tremblay plomberie", "Plomberie Tremblay inc.").is_some());
        assert!(score("tremblay zzz", "Plomberie Tremblay inc.").is_none());
    }

    #[test]
    fn better_matches_score_higher() {
        let prefix = score("plom", "Plomberie Tremblay").unwrap();
        let word = score("trem", "Plomberie Tremblay").unwrap();
        let inside = score("mbl", "Plomberie Tremblay").unwrap();
        let fuzzy = score("plmb", "Plomberie Tremblay").unwrap();
        assert!(
            prefix > word && word > inside && inside > fuzzy,
            "{prefix} {word} {inside} {fuzzy}"
        );
    }

    #[test]
    fn typos_fall_back_to_edit_distance() {
        assert!(score("trembaly", "Plomberie Tremblay").is_none());
        assert_eq!(
            closeness(&Query::parse("trembaly"), hay("Plomberie Tremblay").hay()),
            Some(1)
        );
        assert_eq!(
            closeness(&Query::parse("xyzzy"), hay("Plomberie Tremblay").hay()),
            None
        );
    }

    #[test]
    fn tight_stretches() {
        assert!(fits_within("abc", "a-b-c", 5));
        assert!(!fits_within("abc", "a-b-c", 4));
        assert!(fits_within("abc", "a--b-c abc", 3));
        assert!(!fits_within("abc", "acb", 9));
        assert!(fits_within("cote", "cote", 4));
        assert!(!fits_within("abc", "xa\u{1f}bc", 9));
        assert!(fits_within("東京", "東x京", 8));
        assert!(!fits_within("東京", "東xxxx京", 8));
        // Scattered letters are no fuzzy match.
        assert!(score("pmy", "Plomberie Tremblay").is_none());
        assert!(score("plmbr", "Plomberie Tremblay").is_some());
        assert!(score("tby", "Plomberie Tremblay").is_none());
        assert!(score("wtc", "Westmount Bus Lines Corp.").is_none());
    }

    #[test]
    fn narrowing() {
        let a = Query::parse("jean");
        assert!(Query::parse("jean t").narrows(&a));
        assert!(Query::parse("tre").narrows(&Query::parse("tr")));
        assert!(Query::parse("jeann").narrows(&a));
        assert!(!Query::parse("jea").narrows(&a));
        assert!(!Query::parse("dean").narrows(&a));
    }

    #[test]
    fn highlights_original_characters() {
        let s = Scorer::default();
        assert_eq!(
            s.highlight(&Query::parse("cote"), "Côté inc."),
            vec![0, 1, 2, 3]
        );
        assert_eq!(
            s.highlight(&Query::parse("oeuvre"), "Œuvre"),
            vec![0, 1, 2, 3, 4]
        );
        assert_eq!(
            s.highlight(&Query::parse("inc"), "Côté inc."),
            vec![5, 6, 7]
        );
    }

    /// Words and texts from a small alphabet, so that matches and near
    /// misses abound: accents, digits, punctuation and the field
    /// separator included.
    pub(crate) fn text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a',
                'b',
                'e',
                'n',
                'r',
                't',
                'é',
                '東',
                '1',
                '9',
                ' ',
                '-',
                '.',
                '\'',
                '@',
                '«',
                SearchText::SEPARATOR,
            ]),
            0..max,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    use proptest::prelude::*;

    /// The last character boundary of `s` at or before byte `at`.
    pub(crate) fn char_cut(s: &str, at: usize) -> usize {
        s.char_indices()
            .map(|(i, _)| i)
            .chain([s.len()])
            .take_while(|&i| i <= at)
            .last()
            .unwrap_or(0)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The letters filter never turns a client away that the edit
        /// distance alone would have kept, nor changes its distance.
        #[test]
        fn the_letters_filter_drops_no_true_match(
            q in text(14), all in text(40), phones in "[0-9]{0,10}", name_cut in 0usize..40,
        ) {
            let q = Query::parse(&q);
            let h = Haystack::new(&all, char_cut(&all, name_cut), &phones);
            prop_assert_eq!(
                closeness_in(&q, h.all, h.phones, h.letters),
                closeness_in(&q, &all, &phones, u64::MAX)
            );
            prop_assert_eq!(
                closeness_in(&q, h.name(), "", h.letters),
                closeness_in(&q, h.name(), "", u64::MAX)
            );
            prop_assert_eq!(closeness(&q, h), near(&q, h).map(|n| n.edits));
        }

        /// The ranker keeps every match and no other, and gives each its
        /// score or a bound at least as high.
        #[test]
        fn the_ranker_bounds_every_score(
            q in text(6), all in text(40), phones in "[0-9]{0,10}", name_cut in 0usize..40,
        ) {
            let q = Query::parse(&q);
            let h = Haystack::new(&all, char_cut(&all, name_cut), &phones);
            let score = Scorer::default().score(&q, h);
            // A word matches as typed, in the phone digits, or loosely
            // where its letters are in order in a field.
            let matched = q.words.iter().all(|w| {
                w.finder.find(all.as_bytes()).is_some()
                    || w.in_phones(&phones)
                    || h.fields().any(|f| {
                        fits_within(&w.text, f, w.text.len() + 2)
                            && fuzzy().fuzzy_match(f, &w.text).is_some()
                    })
            });
            prop_assert_eq!(score.is_some(), matched);
            let ranked = Ranker::new(&q).rank(h);
            prop_assert_eq!(ranked.is_some(), matched);
            if let (Some((bound, exact)), Some(score)) = (ranked, score) {
                if exact {
                    prop_assert_eq!(bound, score);
                } else {
                    prop_assert!(bound >= score, "{} < {}", bound, score);
                }
            }
        }
    }
}
