//! Text on its way to the screen: made safe, measured in display columns,
//! and cut to fit with an ellipsis.
//!
//! Every piece of client data drawn by the app goes through [`clean`] (or
//! [`fit`], which calls it), so stored text can never drive the terminal.
//! Widths are counted per grapheme, the way the screen buffer counts
//! them, so accents, CJK and emoji keep columns aligned.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::text::{for_terminal, is_forbidden};

pub(crate) use crate::model::text::ELLIPSIS;

/// Stored text, safe for the terminal, on one line.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_forbidden) {
        Cow::Owned(for_terminal(s, false))
    } else {
        Cow::Borrowed(s)
    }
}

/// Stored text, safe for the terminal, as lines.
pub(crate) fn clean_lines(s: &str) -> Vec<String> {
    for_terminal(s, true).lines().map(str::to_owned).collect()
}

/// The width of a string in terminal columns.
pub(crate) fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The text made safe and cut to at most `max` columns, ending with an
/// ellipsis when something was cut.
pub(crate) fn fit(s: &str, max: usize) -> String {
    crate::model::text::fit_width(&clean(s), max).into_owned()
}

/// [`fit`], then padded with spaces to exactly `w` columns.
pub(crate) fn pad(s: &str, w: usize) -> String {
    let mut out = fit(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// [`fit`], then right-aligned in exactly `w` columns.
pub(crate) fn pad_left(s: &str, w: usize) -> String {
    let cut = fit(s, w);
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(&cut))).collect();
    out.push_str(&cut);
    out
}

/// The part of a string that shows in a box `w` columns wide, after
/// skipping `skip` columns on the left (for fields that scroll sideways).
pub(crate) fn window(s: &str, skip: usize, w: usize) -> String {
    let s = clean(s);
    let mut out = String::new();
    let mut col = 0;
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = g.width();
        if col < skip {
            col += gw;
            continue;
        }
        if used + gw > w {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out
}

/// Cuts text into lines of at most `w` columns at spaces (a word longer
/// than a line is cut with an ellipsis). No-break spaces do not break,
/// and French punctuation set off by a space (` :`, ` ?`, `« … »`) stays
/// with its word.
pub(crate) fn wrap(s: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in clean_lines(s) {
        let mut line = String::new();
        for word in words(&para) {
            let word = word.as_str();
            let need = if line.is_empty() {
                width(word)
            } else {
                width(&line) + 1 + width(word)
            };
            if need > w && !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            if width(&line) > w {
                out.push(fit(&line, w));
                line.clear();
            }
        }
        out.push(line);
    }
    out
}

/// The words of a line for wrapping: split at breaking spaces, with a
/// lone punctuation mark joined to the word it belongs to.
fn words(line: &str) -> Vec<String> {
    let breaking = |c: char| c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}');
    let mut out: Vec<String> = Vec::new();
    let mut open_quote = false;
    for word in line.split(breaking).filter(|w| !w.is_empty()) {
        let follows = matches!(word, ":" | ";" | "?" | "!" | "»" | "$" | "%");
        match out.last_mut() {
            Some(last) if follows || open_quote => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
        open_quote = word == "«";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("Plomberie Tremblay", 10), "Plomberie…");
        assert_eq!(fit("Côté", 4), "Côté");
        // Each CJK character takes two columns.
        assert_eq!(fit("東京会計事務所", 7), "東京会…");
        assert_eq!(width(&fit("東京会計事務所", 7)), 7);
        assert_eq!(fit("🙂🙂🙂", 4), "🙂…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(pad("Côté", 6), "Côté  ");
        assert_eq!(width(&pad("東京会計事務所", 6)), 6);
        assert_eq!(pad_left("3", 4), "   3");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Make Plomberie Tremblay inactive? Their data is kept.", 20),
            [
                "Make Plomberie",
                "Tremblay inactive?",
                "Their data is kept."
            ]
        );
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn french_punctuation_and_no_break_spaces_stay_with_their_word() {
        assert_eq!(
            wrap("Rendre Boulangerie inactif ? Oui", 26),
            ["Rendre Boulangerie", "inactif ? Oui"]
        );
        assert_eq!(
            wrap("le total : 1\u{202F}234,56\u{A0}$", 12),
            ["le total :", "1\u{202F}234,56\u{A0}$"]
        );
        assert_eq!(
            wrap("voir « Autre… » ici", 12),
            ["voir", "« Autre… »", "ici"]
        );
    }

    #[test]
    fn windows_scroll_by_columns() {
        assert_eq!(window("abcdef", 2, 3), "cde");
        assert_eq!(window("東京会計", 2, 4), "京会");
    }

    #[test]
    fn control_characters_never_reach_the_screen() {
        assert_eq!(clean("a\x1b[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(fit("x\u{202E}y", 10), "x\u{FFFD}y");
        assert_eq!(clean_lines("one\ntwo\x07"), ["one", "two\u{FFFD}"]);
    }
}
