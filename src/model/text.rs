//! Text hygiene shared by every layer: normalisation on the way in, and
//! neutralising of control characters on the way out to a terminal.
//!
//! Client data is typed by people and imported from spreadsheets, so it may
//! carry anything. cabinet stores text NFC-normalised and refuses characters
//! that could move the cursor, reorder text or hide it on a terminal.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Returns `s` NFC-normalised with surrounding white space removed.
///
/// Line endings are folded to `\n` so that notes typed on Windows and on
/// Unix compare equal.
pub(crate) fn normalize(s: &str) -> String {
    let folded = if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_owned()
    };
    let trimmed = folded.trim();
    // Most text is already composed (all ASCII is); checking is far
    // cheaper than composing, which matters for a 100,000-row import.
    if unicode_normalization::is_nfc_quick(trimmed.chars()) == IsNormalized::Yes {
        trimmed.to_owned()
    } else {
        trimmed.nfc().collect()
    }
}

/// True for characters that must never be stored in a one-line field:
/// C0 and C1 controls, DEL, and the Unicode bidi and format controls that
/// can reorder or hide text on a terminal.
pub(crate) fn is_forbidden(c: char) -> bool {
    c.is_control() || is_format_control(c)
}

/// Bidi embeddings, overrides and isolates, zero-width joiners and marks,
/// the byte-order mark and other invisible format characters.
pub(crate) fn is_format_control(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Finds the first character that a field may not hold. Multi-line fields
/// (notes) may hold `\n` and `\t`.
pub(crate) fn first_forbidden(s: &str, multiline: bool) -> Option<char> {
    s.chars()
        .find(|&c| is_forbidden(c) && !(multiline && (c == '\n' || c == '\t')))
}

/// Makes text safe to print on a terminal: every control or format
/// character becomes a visible replacement, so stored data can never
/// drive the terminal. Newlines are kept only when `keep_newlines`.
pub fn for_terminal(s: &str, keep_newlines: bool) -> String {
    if !s.chars().any(is_forbidden) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            '\n' if keep_newlines => '\n',
            '\t' => ' ',
            c if is_forbidden(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A path as it may reach a terminal: its display form, neutralised.
pub fn path_for_terminal(path: &std::path::Path) -> String {
    for_terminal(&path.display().to_string(), false)
}

/// Folds text for matching: lower case, accents removed, so that
/// `cote` matches `Côté` and `levesque` matches `Lévesque`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Folds one non-ASCII character: its decomposition without accents, in
/// lower case. A lone combining mark folds to nothing.
fn fold_char(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        c => {
            for d in std::iter::once(c).nfd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The digits of `s`, in order: `514-555-0199` gives `5145550199`.
pub(crate) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The mark that ends a text cut to fit.
pub(crate) const ELLIPSIS: &str = "…";

/// Cuts `s` to at most `max` columns of display width, ending a cut text
/// with "…" and never splitting a character. For tables on a terminal,
/// the app's and the command line's alike.
pub(crate) fn fit_width(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if s.width() <= max {
        return s.into();
    }
    if max == 0 {
        return "".into();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(ELLIPSIS);
    out.into()
}

/// `n` with its thousands grouped by `sep`: `1,234,567` with `,`. Each
/// language chooses its separator (`i18n::number`).
pub(crate) fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len_utf8());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// The message a panic carried, when it was text (as `panic!` and
/// `expect` give), for the log line that says a call or a thread failed.
pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_says_what_it_said() {
        let said = |f: fn()| panic_text(&*std::panic::catch_unwind(f).unwrap_err());
        assert_eq!(said(|| panic!("plain")), "plain");
        assert_eq!(said(|| panic!("formatted {}", 7)), "formatted 7");
        assert_eq!(said(|| std::panic::panic_any(7_u8)), "");
    }

    #[test]
    fn thousands_are_grouped_from_the_right() {
        assert_eq!(group_thousands(0, ','), "0");
        assert_eq!(group_thousands(999, ','), "999");
        assert_eq!(group_thousands(1_000, ','), "1,000");
        assert_eq!(group_thousands(u64::MAX, ','), "18,446,744,073,709,551,615");
        assert_eq!(group_thousands(12_345, '\u{202F}'), "12\u{202F}345");
    }

    #[test]
    fn normalize_composes_and_trims() {
        assert_eq!(normalize("  Co\u{0302}te\u{0301} \r\n"), "Côté");
        assert_eq!(normalize("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn forbidden_characters() {
        assert_eq!(
            first_forbidden("Plomberie\u{202E}", false),
            Some('\u{202E}')
        );
        assert_eq!(first_forbidden("a\x1b[2J", false), Some('\x1b'));
        assert_eq!(first_forbidden("line\nline", true), None);
        assert_eq!(first_forbidden("line\nline", false), Some('\n'));
        assert_eq!(first_forbidden("Café Œuvre 東京 🙂", false), None);
    }

    #[test]
    fn terminal_output_never_carries_controls() {
        assert_eq!(for_terminal("a\x1b[31mb", false), "a\u{FFFD}[31mb");
        assert_eq!(for_terminal("x\ny", false), "x\u{FFFD}y");
        assert_eq!(for_terminal("x\ny", true), "x\ny");
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Lévesque"), "levesque");
        assert_eq!(fold("CÔTÉ"), "cote");
        assert_eq!(fold("Œuvre"), "oeuvre");
        // Decomposed input folds like composed input.
        assert_eq!(fold("Co\u{0302}te\u{0301}"), "cote");
        assert_eq!(fold("STRASSE Straße"), "strasse strasse");
    }
}
