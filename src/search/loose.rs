//! How well a word found only loosely fits a field: its letters in order
//! with others between, as `trm` in Tremblay.
//!
//! Every way of placing the word's letters in the field is an alignment,
//! and the field's score is that of its best alignment. An alignment
//! earns [`LETTER`] per letter, more where a letter begins a word (most
//! at the field's start) or follows the one before it, and pays for each
//! run of letters it skips: [`GAP_OPEN`] for the run and [`GAP_EACH`]
//! per letter. So a word whose letters sit close together, from the
//! start of a word, scores best.
//!
//! The best alignment is found by dynamic programming over the field, one
//! character at a time, keeping two numbers per letter of the word: no
//! allocation for words of up to [`ON_STACK`] letters, so a search can
//! score many thousand clients in a few milliseconds.

/// What each letter of the word found earns.
const LETTER: i32 = 16;
/// Added for a letter that begins a word (after a space or a bracket).
const WORD_START: i32 = 8;
/// Added for a letter after other punctuation (`-`, `.`, `@`, `'`).
const AFTER_MARK: i32 = 7;
/// The least added for a letter right after the previous letter found.
const IN_A_ROW: i32 = 4;
/// Paid once for each run of the field's characters skipped between two
/// letters of the word...
const GAP_OPEN: i32 = 3;
/// ...and for each character of the run.
const GAP_EACH: i32 = 1;

/// Words up to this many letters are scored without allocating.
const ON_STACK: usize = 32;

/// No alignment: far below any score (a field's gaps cost at most a
/// point per character), and far enough above `i32::MIN` that taking a
/// gap's cost from it cannot overflow.
const NONE: i32 = i32::MIN / 4;

/// What a letter earns for where it stands, from the character before it
/// (`None` at the field's start, which counts twice a word's start).
fn place_bonus(before: Option<char>) -> i32 {
    match before {
        None => 2 * WORD_START,
        Some(c) if c.is_alphanumeric() => 0,
        Some(c) if c.is_whitespace() || matches!(c, '/' | '\\' | '|' | '(' | ')' | '[' | ']') => {
            WORD_START
        }
        Some(_) => AFTER_MARK,
    }
}

/// The score of the best alignment of `word` in `field`, or `None` when
/// the field does not hold the word's letters in order. An empty word
/// scores 0.
pub(super) fn score(word: &[char], field: &str) -> Option<i32> {
    if word.is_empty() {
        return Some(0);
    }
    let mut on_stack = [(NONE, NONE); ON_STACK];
    let mut on_heap = Vec::new();
    let cells: &mut [(i32, i32)] = if word.len() <= ON_STACK {
        &mut on_stack[..word.len()]
    } else {
        on_heap.resize(word.len(), (NONE, NONE));
        &mut on_heap
    };
    // After the field's characters so far, for each letter `i` of the
    // word: the best score of an alignment of the letters up to `i` that
    // places `i` on the last character (`.0`), or before it with the
    // characters since skipped (`.1`).
    let last = word.len() - 1;
    let mut best = NONE;
    let mut before = None;
    for c in field.chars() {
        let bonus = place_bonus(before);
        // From the last letter down, so that letter `i - 1` still holds
        // the values as of the previous character.
        for i in (0..word.len()).rev() {
            let (here, skipped) = cells[i];
            let placed = if word[i] != c {
                NONE
            } else if i == 0 {
                LETTER + bonus
            } else {
                let (prev_here, prev_skipped) = cells[i - 1];
                let from = (prev_here + bonus.max(IN_A_ROW)).max(prev_skipped + bonus);
                if from < NONE / 2 { NONE } else { LETTER + from }
            };
            cells[i] = (
                placed.max(NONE),
                (here - GAP_OPEN - GAP_EACH)
                    .max(skipped - GAP_EACH)
                    .max(NONE),
            );
        }
        best = best.max(cells[last].0);
        before = Some(c);
    }
    (best > NONE / 2).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The score of one alignment: the field's character indices the
    /// word's letters are placed on, in order.
    fn alignment(field: &[char], at: &[usize]) -> i32 {
        let mut total = 0;
        for (k, &j) in at.iter().enumerate() {
            let bonus = place_bonus(j.checked_sub(1).map(|b| field[b]));
            total += LETTER;
            match k.checked_sub(1).map(|p| at[p]) {
                Some(prev) if prev + 1 == j => total += bonus.max(IN_A_ROW),
                Some(prev) => total += bonus - GAP_OPEN - GAP_EACH * (j - prev - 1) as i32,
                None => total += bonus,
            }
        }
        total
    }

    /// Every alignment tried: the best score, by brute force.
    fn brute(word: &[char], field: &[char]) -> Option<i32> {
        fn go(
            word: &[char],
            field: &[char],
            from: usize,
            at: &mut Vec<usize>,
            best: &mut Option<i32>,
        ) {
            if at.len() == word.len() {
                let s = alignment(field, at);
                *best = Some(best.map_or(s, |b| b.max(s)));
                return;
            }
            for j in from..field.len() {
                if field[j] == word[at.len()] {
                    at.push(j);
                    go(word, field, j + 1, at, best);
                    at.pop();
                }
            }
        }
        let mut best = None;
        go(word, field, 0, &mut Vec::new(), &mut best);
        best
    }

    #[test]
    fn letters_close_together_from_a_word_start_score_best() {
        let w: Vec<char> = "trm".chars().collect();
        let tremblay = score(&w, "tremblay").unwrap();
        assert!(tremblay > score(&w, "patrimoine").unwrap());
        assert!(tremblay > score(&w, "taxirm").unwrap());
        // A letter that begins a word counts more than one skipped.
        assert!(score(&w, "tr m").unwrap() > tremblay);
        assert!(score(&w, "plomberie tremblay").unwrap() < tremblay);
        assert!(score(&w, "plomberie tremblay").unwrap() > score(&w, "plomberietremblay").unwrap());
        assert_eq!(score(&w, "tmr"), None);
        assert_eq!(score(&[], "x"), Some(0));
    }

    #[test]
    fn a_long_word_is_scored_as_a_short_one_is() {
        let long: String = "ab".repeat(ON_STACK);
        let w: Vec<char> = long.chars().collect();
        // The first letter at the field's start, then each in a row.
        let in_a_row = (LETTER + 2 * WORD_START) + (w.len() as i32 - 1) * (LETTER + IN_A_ROW);
        assert_eq!(score(&w, &long), Some(in_a_row));
        assert_eq!(score(&w, &format!("x {long}")), Some(in_a_row - WORD_START));
        assert_eq!(score(&w, &long[1..]), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The score is that of the best alignment, and there is one
        /// exactly when the field holds the word's letters in order.
        #[test]
        fn the_score_is_the_best_alignment(
            word in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'e', 'é']), 0..5),
            field in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'e', 'é', ' ', '-', '(', '«', '1']),
                0..14,
            ),
        ) {
            let text: String = field.iter().collect();
            prop_assert_eq!(score(&word, &text), brute(&word, &field));
        }
    }
}
