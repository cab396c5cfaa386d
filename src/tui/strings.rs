//! Every word the terminal app shows, in English and in French, in one
//! place.
//!
//! Nothing else in the app holds user-visible prose: screens call these
//! functions. Each text is written with [`tr!`](crate::tr), the English
//! and the French side by side, chosen by the language of the thread that
//! draws ([`super::lang`]):
//!
//! - an entry missing either language does not compile;
//! - a test reads these files and fails on any literal holding words
//!   outside `tr!` (codes matched in patterns aside), so an English-only
//!   text cannot slip in;
//! - a test checks that no text holds invisible isolation marks, which
//!   would break column widths.
//!
//! Where [`crate::i18n`] already words something (rules, firm errors,
//! statuses, money, plurals, months) these delegate to it, so the command
//! line and the app say the same thing. Model errors arrive as codes
//! ([`crate::model::Rule`]) and are worded here, not by the model.
//!
//! The table is split by screen; everything is re-exported here, so
//! screens call `strings::name()`.

mod billing;
mod errors;
mod forms;
mod items;
mod keys;
mod leads;
mod list;
mod menus;
mod profile;
mod search;
mod team;
mod words;
mod work;

pub use billing::*;
pub use errors::*;
pub use forms::*;
pub use items::*;
pub use keys::*;
pub use leads::*;
pub use list::*;
pub use menus::*;
pub use profile::*;
pub use search::*;
pub use team::*;
pub use words::*;
pub use work::*;

/// The source of every file of this table, for the completeness tests.
#[cfg(test)]
const SOURCES: [(&str, &str); 13] = [
    ("billing.rs", include_str!("strings/billing.rs")),
    ("errors.rs", include_str!("strings/errors.rs")),
    ("forms.rs", include_str!("strings/forms.rs")),
    ("items.rs", include_str!("strings/items.rs")),
    ("keys.rs", include_str!("strings/keys.rs")),
    ("leads.rs", include_str!("strings/leads.rs")),
    ("list.rs", include_str!("strings/list.rs")),
    ("menus.rs", include_str!("strings/menus.rs")),
    ("profile.rs", include_str!("strings/profile.rs")),
    ("search.rs", include_str!("strings/search.rs")),
    ("team.rs", include_str!("strings/team.rs")),
    ("words.rs", include_str!("strings/words.rs")),
    ("work.rs", include_str!("strings/work.rs")),
];

#[cfg(test)]
mod tests {
    use super::SOURCES;

    /// A string literal found in source: its text, its line, and whether
    /// it sits inside a `tr!( … )` or is a code rather than words.
    struct Literal {
        text: String,
        line: usize,
        in_tr: bool,
        /// Followed by `=>` or `|`, or left of `=>` on its line (a code
        /// matched in a pattern), or on a line marked [`STORED`].
        pattern: bool,
    }

    /// Marks a line whose literals are the firm's stored text, read but
    /// never shown.
    const STORED: &str = "// stored text";

    /// The string literals of a Rust source before its tests, skipping
    /// comments and character literals.
    fn literals(src: &str) -> Vec<Literal> {
        let src = src.split("#[cfg(test)]").next().unwrap_or(src);
        let b: Vec<char> = src.chars().collect();
        let mut out = Vec::new();
        let (mut i, mut line) = (0, 1);
        // Paren depths at which a `tr!(` opened, and the current depth.
        let (mut tr_at, mut depth): (Vec<usize>, usize) = (Vec::new(), 0);
        while i < b.len() {
            let c = b[i];
            match c {
                '\n' => line += 1,
                '/' if b.get(i + 1) == Some(&'/') => {
                    while i < b.len() && b[i] != '\n' {
                        i += 1;
                    }
                    continue;
                }
                '\'' => {
                    // A char literal ('x', '\n', '\u{a0}') or a lifetime.
                    let close = (i + 2..(i + 12).min(b.len())).find(|&j| b[j] == '\'');
                    if let Some(j) = close.filter(|&j| b[i + 1] == '\\' || j == i + 2) {
                        i = j + 1;
                        continue;
                    }
                }
                '(' => {
                    depth += 1;
                    let before: String = b[i.saturating_sub(3)..i].iter().collect();
                    if before == "tr!" {
                        tr_at.push(depth);
                    }
                }
                ')' => {
                    if tr_at.last() == Some(&depth) {
                        tr_at.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                '"' => {
                    let start = line;
                    let mut text = String::new();
                    i += 1;
                    while i < b.len() && b[i] != '"' {
                        if b[i] == '\\' {
                            i += 1;
                        }
                        if b[i] == '\n' {
                            line += 1;
                        }
                        text.push(b[i]);
                        i += 1;
                    }
                    let rest: String = b[i + 1..].iter().take(8).collect();
                    let rest = rest.trim_start();
                    // A literal left of `=>` on its line sits in a match
                    // arm's pattern (`("role", v) =>`): a code, not words.
                    let in_arm = b[i + 1..]
                        .iter()
                        .take_while(|&&c| c != '\n')
                        .collect::<String>()
                        .contains("=>");
                    let marked = src
                        .lines()
                        .nth(start - 1)
                        .is_some_and(|l| l.contains(STORED));
                    out.push(Literal {
                        text,
                        line: start,
                        in_tr: !tr_at.is_empty(),
                        pattern: rest.starts_with("=>")
                            || rest.starts_with('|')
                            || in_arm
                            || marked,
                    });
                }
                _ => {}
            }
            i += 1;
        }
        out
    }

    /// The text with `{…}` placeholders and `%Y`-style date formats
    /// taken out.
    fn without_placeholders(s: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => inside = true,
                '}' => inside = false,
                '%' => {
                    chars.next();
                }
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_word_is_written_in_both_languages() {
        let mut stray = Vec::new();
        for (file, src) in SOURCES {
            for l in literals(src) {
                // A word is two letters or more: `{ctrl}A` names a key.
                let words = without_placeholders(&l.text)
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() > 1);
                if words && !l.in_tr && !l.pattern {
                    stray.push(format!("{file}:{} {:?}", l.line, l.text));
                }
            }
        }
        assert!(
            stray.is_empty(),
            "texts outside tr!(en: …, fr: …):\n{}",
            stray.join("\n")
        );
    }

    #[test]
    fn the_scan_sees_texts_outside_tr() {
        let found = literals(
            "fn a() -> &'static str { tr!(en: \"Yes\", fr: \"Oui\") }\n\
             fn b() -> &'static str { \"Quit\" } // a note \"here\"\n\
             fn c(k: &str) { match k { \"QC\" => 1, _ => 0 }; let _ = '\"'; }\n\
             fn d(k: &str) { match (k, 1) { (\"role\", _) => 1, _ => 0 }; }",
        );
        let shown: Vec<(&str, bool, bool)> = found
            .iter()
            .map(|l| (l.text.as_str(), l.in_tr, l.pattern))
            .collect();
        assert_eq!(
            shown,
            [
                ("Yes", true, false),
                ("Oui", true, false),
                ("Quit", false, false),
                ("QC", false, true),
                ("role", false, true)
            ]
        );
        assert_eq!(found[2].line, 2);
    }

    #[test]
    fn no_text_holds_isolation_marks() {
        for (file, src) in SOURCES {
            for mark in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
                assert!(!src.contains(mark), "{file} holds U+{:04X}", mark as u32);
            }
            for escape in ["u{2066}", "u{2067}", "u{2068}", "u{2069}"] {
                assert!(
                    !src.to_lowercase().contains(escape),
                    "{file} writes \\{escape}"
                );
            }
        }
    }
}
