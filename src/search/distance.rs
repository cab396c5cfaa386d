//! Bounded edit distance, for suggesting the closest names when nothing
//! matches: `trembaly` is one transposition away from `tremblay`.

/// The longest word or name part the distance is computed for; longer
/// ones are never within two edits of a typed word anyway.
const LONGEST: usize = 63;

/// The optimal-string-alignment distance between `a` and `b` (insertions,
/// deletions, substitutions and swaps of neighbours), or `None` when it is
/// more than `max`. Works on bytes or chars alike, on the stack, and stops
/// early once every path exceeds `max`.
pub(crate) fn within<T: PartialEq + Copy>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max || a.len() > LONGEST || b.len() > LONGEST {
        return None;
    }
    let n = b.len();
    // Three rows: two back (for swaps), previous, current.
    let mut back = [0u8; LONGEST + 1];
    let mut prev = [0u8; LONGEST + 1];
    let mut cur = [0u8; LONGEST + 1];
    for (j, p) in prev.iter_mut().enumerate().take(n + 1) {
        *p = j as u8;
    }
    for i in 1..=a.len() {
        cur[0] = i as u8;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if usize::from(row_min) > max {
            return None;
        }
        std::mem::swap(&mut back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = usize::from(prev[n]);
    (d <= max).then_some(d)
}

/// How many edits a query word of this length may be away from a name:
/// one for short words, two otherwise, as the search promises.
pub(crate) fn allowed(word_len: usize) -> usize {
    match word_len {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        within(&a, &b, max)
    }

    #[test]
    fn distances() {
        assert_eq!(d("trembaly", "tremblay", 2), Some(1));
        assert_eq!(d("tremblay", "tremblay", 2), Some(0));
        assert_eq!(d("gagnon", "gangon", 2), Some(1));
        assert_eq!(d("roy", "ray", 2), Some(1));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("abc", "", 2), None);
    }
}
