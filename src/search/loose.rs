//! How well a word found only loosely fits a client: its letters in order
//! with a few others between, as `trm` in Tremblay.
//!
//! A word is found loosely where its first letter stands and the others
//! follow within a window two characters wider than the word, in one
//! field. Each way of placing the letters there is an alignment, and the
//! client's score is that of its best alignment in any window. An
//! alignment earns [`LETTER`] per letter, more where a letter begins a
//! word (most at a field's start) or follows the one before it, and pays
//! for each run of characters it skips: [`GAP_OPEN`] for the run and
//! [`GAP_EACH`] per character. So a word whose letters sit close
//! together, from the start of a word, scores best.
//!
//! At most two characters are skipped in a window, so the best alignment
//! from a start is found by a small dynamic programme over (letter,
//! characters skipped so far), without allocating; finding the windows
//! is the same work as telling whether the word is found loosely at all,
//! so a search scores a loose match while it reads the client's text.

/// What each letter of the word found earns.
const LETTER: i32 = 16;
/// Added for a letter that begins a word (after a space or a bracket).
const WORD_START: i32 = 8;
/// Added for a letter after other punctuation (`-`, `.`, `@`, `'`).
const AFTER_MARK: i32 = 7;
/// The least added for a letter right after the previous letter found.
const IN_A_ROW: i32 = 4;
/// Paid once for each run of characters skipped between two letters of
/// the word...
const GAP_OPEN: i32 = 3;
/// ...and for each character of the run.
const GAP_EACH: i32 = 1;

/// Added to a window in the client's name: a client whose name holds the
/// letters comes before one whose contact or e-mail address holds them as
/// well (`trm`: Tremblay, Simon before the company whose contact is a
/// Tremblay). Two letters' worth.
const IN_NAME: i32 = 2 * LETTER;

/// How many more characters than the word's a window holds.
pub(super) const SLACK: usize = 2;

/// A character of a client's text or of a word: a byte of UTF-8 text for
/// a word of ASCII characters (an ASCII byte never occurs inside another
/// character), or a whole character otherwise.
pub(super) trait Unit: Copy + PartialEq {
    /// True for the character between two fields.
    fn ends_field(self) -> bool;
    /// What a letter earns for standing after this character.
    fn bonus_after(self) -> i32;
}

impl Unit for u8 {
    fn ends_field(self) -> bool {
        self == super::FIELD_END
    }

    fn bonus_after(self) -> i32 {
        // A byte of a character beyond ASCII is part of a letter.
        if self >= 0x80 {
            0
        } else {
            char::from(self).bonus_after()
        }
    }
}

impl Unit for char {
    fn ends_field(self) -> bool {
        self == super::SearchText::SEPARATOR
    }

    fn bonus_after(self) -> i32 {
        if self.is_alphanumeric() {
            0
        } else if self.is_whitespace() || matches!(self, '/' | '\\' | '|' | '(' | ')' | '[' | ']') {
            WORD_START
        } else {
            AFTER_MARK
        }
    }
}

/// What a letter at `j` of `text` earns for where it stands: twice a
/// word's start at the start of a field.
fn place_bonus<T: Unit>(text: &[T], j: usize) -> i32 {
    match j.checked_sub(1).map(|b| text[b]) {
        Some(before) if !before.ends_field() => before.bonus_after(),
        _ => 2 * WORD_START,
    }
}

/// The best alignment of `word` in `text` with its first letter on `at`,
/// each other letter after the previous one, every letter within
/// `word.len() + SLACK` characters of `at`, and no field's end between.
fn from_start<T: Unit>(word: &[T], text: &[T], at: usize) -> Option<i32> {
    const NONE: i32 = i32::MIN / 4;
    // Where the window ends: at its width, the text's end or a field's.
    let mut limit = text.len().min(at + word.len() + SLACK);
    // Most starts hold no placement at all, which the letters taken
    // greedily tell at once.
    let mut placed = 1;
    for (j, &c) in text.iter().enumerate().take(limit).skip(at + 1) {
        if c.ends_field() {
            limit = j;
            break;
        }
        if placed < word.len() && c == word[placed] {
            placed += 1;
        }
    }
    if placed < word.len() {
        return None;
    }
    // best[g]: the best score with the letters so far placed and `g`
    // characters skipped since `at`.
    let mut best = [NONE; SLACK + 1];
    best[0] = LETTER + place_bonus(text, at);
    for (i, &letter) in word.iter().enumerate().skip(1) {
        let mut next = [NONE; SLACK + 1];
        for (g, slot) in next.iter_mut().enumerate() {
            let j = at + i + g;
            if j >= limit || text[j] != letter {
                continue;
            }
            let bonus = place_bonus(text, j);
            for (was, &score) in best.iter().enumerate().take(g + 1) {
                if score == NONE {
                    continue;
                }
                let skipped = (g - was) as i32;
                let earned = if skipped == 0 {
                    bonus.max(IN_A_ROW)
                } else {
                    bonus - GAP_OPEN - GAP_EACH * skipped
                };
                *slot = (*slot).max(score + LETTER + earned);
            }
        }
        best = next;
    }
    best.into_iter().filter(|&s| s != NONE).max()
}

/// The score of the best alignment of `word` in any window of `text` (see
/// the module's description), a window in the name (the text's first
/// `name_len` characters) counting [`IN_NAME`] more, or `None` when no
/// window holds its letters in order. An empty word scores 0.
pub(super) fn score<T: Unit>(word: &[T], text: &[T], name_len: usize) -> Option<i32> {
    let Some(&first) = word.first() else {
        return Some(0);
    };
    best(
        word,
        text,
        name_len,
        (0..text.len()).filter(|&at| text[at] == first),
    )
}

/// The same for a word of ASCII characters in UTF-8 text, byte by byte
/// (`name_len` in bytes), finding the starts with a vectorised search.
pub(super) fn score_ascii(word: &[u8], text: &[u8], name_len: usize) -> Option<i32> {
    let Some(&first) = word.first() else {
        return Some(0);
    };
    best(word, text, name_len, memchr::memchr_iter(first, text))
}

/// The best of the windows from `starts`.
fn best<T: Unit>(
    word: &[T],
    text: &[T],
    name_len: usize,
    starts: impl Iterator<Item = usize>,
) -> Option<i32> {
    starts
        .filter_map(|at| {
            Some(from_start(word, text, at)? + if at < name_len { IN_NAME } else { 0 })
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SEP: char = crate::search::SearchText::SEPARATOR;

    /// Scores with no name: no window counts more.
    fn score0<T: Unit>(word: &[T], text: &[T]) -> Option<i32> {
        score(word, text, 0)
    }

    fn ascii0(word: &[u8], text: &[u8]) -> Option<i32> {
        score_ascii(word, text, 0)
    }

    /// The score of one alignment: the text's indices the word's letters
    /// are placed on, in order.
    fn alignment(text: &[char], at: &[usize]) -> i32 {
        let mut total = 0;
        for (k, &j) in at.iter().enumerate() {
            let bonus = place_bonus(text, j);
            total += LETTER;
            match k.checked_sub(1).map(|p| at[p]) {
                Some(prev) if prev + 1 == j => total += bonus.max(IN_A_ROW),
                Some(prev) => total += bonus - GAP_OPEN - GAP_EACH * (j - prev - 1) as i32,
                None => total += bonus,
            }
        }
        total
    }

    /// Every placement in every window tried: the best score, by brute
    /// force.
    fn brute(word: &[char], text: &[char], name_len: usize) -> Option<i32> {
        fn go(
            word: &[char],
            text: &[char],
            from: usize,
            end: usize,
            at: &mut Vec<usize>,
            best: &mut Option<i32>,
        ) {
            if at.len() == word.len() {
                let s = alignment(text, at);
                *best = Some(best.map_or(s, |b| b.max(s)));
                return;
            }
            for j in from..end {
                if text[j] == SEP {
                    return;
                }
                if text[j] == word[at.len()] {
                    at.push(j);
                    go(word, text, j + 1, end, at, best);
                    at.pop();
                }
            }
        }
        if word.is_empty() {
            return Some(0);
        }
        let mut best = None;
        for start in 0..text.len() {
            if text[start] == word[0] {
                let end = text.len().min(start + word.len() + SLACK);
                let mut here = None;
                go(word, text, start + 1, end, &mut vec![start], &mut here);
                let bonus = if start < name_len { IN_NAME } else { 0 };
                if let Some(h) = here {
                    best = Some(best.map_or(h + bonus, |b: i32| b.max(h + bonus)));
                }
            }
        }
        best
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn letters_close_together_from_a_word_start_score_best() {
        let w = chars("trm");
        let tremblay = score0(&w, &chars("tremblay")).unwrap();
        assert!(tremblay > score0(&w, &chars("patrimoine")).unwrap());
        assert!(tremblay > score0(&w, &chars("taxrm")).unwrap());
        // A letter that begins a word counts more than one skipped.
        assert!(score0(&w, &chars("tr m")).unwrap() > tremblay);
        assert!(score0(&w, &chars("plomberie tremblay")).unwrap() < tremblay);
        let glued = score0(&w, &chars("plomberietremblay")).unwrap();
        assert!(score0(&w, &chars("plomberie tremblay")).unwrap() > glued);
        // Too far apart, out of order, or across a field's end.
        assert_eq!(score0(&w, &chars("taaarm")), None);
        assert_eq!(score0(&w, &chars("tmr")), None);
        assert_eq!(score0(&w, &chars(&format!("tr{SEP}m"))), None);
        assert_eq!(score0(&[], &chars("x")), Some(0));
    }

    #[test]
    fn beyond_ascii_a_window_counts_bytes() {
        let w = b"trm";
        // `é` is two bytes: one between the letters is two skipped.
        assert_eq!(ascii0(w, "trém".as_bytes()), score0(w, "trém".as_bytes()));
        assert_eq!(
            ascii0(w, "trém".as_bytes()),
            score0(&chars("trm"), &chars("trxxm"))
        );
        assert_eq!(ascii0(w, "tréém".as_bytes()), None);
        assert!(score0(&chars("trm"), &chars("tréém")).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The score is that of the best placement in any window, and
        /// there is one exactly when a window holds the word.
        #[test]
        fn the_score_is_the_best_alignment(
            word in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'e', 'é']), 0..6),
            name_len in 0usize..24,
            text in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'e', 'é', ' ', '-', '(', '«', '1', SEP]),
                0..24,
            ),
        ) {
            prop_assert_eq!(score(&word, &text, name_len), brute(&word, &text, name_len));
        }

        /// Byte by byte, an ASCII word scores as it does character by
        /// character in ASCII text.
        #[test]
        fn bytes_score_as_characters_in_ascii(
            word in "[abe]{1,5}",
            text in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'e', ' ', '-', '(', '1', SEP]),
                0..30,
            ),
        ) {
            let text: String = text.into_iter().collect();
            prop_assert_eq!(ascii0(word.as_bytes(), text.as_bytes()), score0(&chars(&word), &chars(&text)));
        }
    }
}
