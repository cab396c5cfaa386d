//! Every word the terminal app shows, in English and in French, in one
//! place.
//!
//! Nothing else in the app holds user-visible prose: screens call these
//! functions. Each text is written with [`tr!`](crate::tr), the English
//! and the French side by side, chosen by the language of the thread that
//! draws ([`super::lang`]):
//!
//! - an entry missing either language does not compile;
//! - a test reads every file under `src/tui` and `src/cli` and fails on
//!   any literal holding words outside `tr!`, so an English-only text
//!   cannot slip in. It lets through, each for a stated reason: codes
//!   matched in patterns, one-token codes (keys, field keys, value names),
//!   texts only a programmer reads (`expect`, `panic!`, the log), the two
//!   arms of a match on the language, clap's French table
//!   (`cli/help_fr.rs`), and lines marked `// not prose:` with why;
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
mod conflict;
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

pub(crate) use billing::*;
pub(crate) use conflict::*;
pub(crate) use errors::*;
pub(crate) use forms::*;
pub(crate) use items::*;
pub(crate) use keys::*;
pub(crate) use leads::*;
pub(crate) use list::*;
pub(crate) use menus::*;
pub(crate) use profile::*;
pub(crate) use search::*;
pub(crate) use team::*;
pub(crate) use words::*;
pub(crate) use work::*;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Every Rust file under the terminal app and the command line, with
    /// its path from `src/` and its text: words may sit in any of them,
    /// not only in this table.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.expect("a directory entry").path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    out.push(path);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for dir in ["tui", "cli"] {
            walk(&src.join(dir), &mut files);
        }
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("a source file");
                let name = p.strip_prefix(&src).unwrap_or(&p).display().to_string();
                (name, text)
            })
            .collect()
    }

    /// The French side of clap's help: its English side is the `///`
    /// comments clap reads from `cli/args.rs`, so each literal here is
    /// French alone by design.
    const CLAP_FRENCH: &str = "cli/help_fr.rs";

    /// Marks a line whose literals are not prose (a roff heading chosen by
    /// language, a list of codes, a message only a programmer sees); the
    /// reason follows the colon.
    const NOT_PROSE: &str = "// not prose:";

    /// Arms of a match on the language: each literal is one language's
    /// side, the other beside it (the command line's manual page).
    const LANG_ARMS: [&str; 2] = ["Lang::En =>", "Lang::Fr =>"];

    /// Calls whose text only a programmer reads: a broken invariant's
    /// panic, or the server log.
    const FOR_PROGRAMMERS: [&str; 7] = [
        "expect(",
        "panic!(",
        "unreachable!(",
        "error!(",
        "warn!(",
        "info!(",
        "debug!(",
    ];

    /// A code rather than words: one token with no space, either lower
    /// case ASCII (a JSON key, a field key, a placeholder's name, a key
    /// name, a path) or all capitals (a value name like `FILE`, a province
    /// code). A capitalised word (`Quit`) or one with accents is words.
    fn is_code(text: &str) -> bool {
        let one_token = !text.is_empty() && !text.chars().any(char::is_whitespace);
        let lower = text.is_ascii() && !text.chars().any(|c| c.is_ascii_uppercase());
        let capitals = text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_ascii_uppercase());
        one_token && (lower || capitals)
    }

    #[test]
    fn the_scan_reads_every_screen_and_command() {
        let names: Vec<String> = sources().into_iter().map(|(n, _)| n).collect();
        for expected in ["tui/strings/team.rs", "tui/team/view.rs", "cli/clients.rs"] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} not scanned"
            );
        }
        assert!(is_code("billed_to") && is_code("FIELD=VALUE") && is_code("ctrl-c"));
        assert!(!is_code("Quit") && !is_code("employé") && !is_code("admin, staff"));
    }

    /// A string literal found in source: its text, its line, and whether
    /// it sits inside a `tr!( … )` or is a code rather than words.
    struct Literal {
        text: String,
        line: usize,
        in_tr: bool,
        /// Followed by `=>` or `|`, or left of `=>` on its line (a code
        /// matched in a pattern), or on a line marked [`STORED`] or
        /// [`NOT_PROSE`].
        pattern: bool,
        /// The first argument of a call in [`FOR_PROGRAMMERS`].
        for_programmers: bool,
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
        let (mut i, mut line) = (0, 1_usize);
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
                    let before: String = b[i.saturating_sub(16)..i].iter().collect();
                    let for_programmers = FOR_PROGRAMMERS.iter().any(|c| before.ends_with(c));
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
                    // The marker sits on the literal's line or the line above.
                    let marked = src
                        .lines()
                        .skip(start.saturating_sub(2))
                        .take(if start > 1 { 2 } else { 1 })
                        .any(|l| {
                            l.contains(STORED)
                                || l.contains(NOT_PROSE)
                                || LANG_ARMS.iter().any(|a| l.contains(a))
                        });
                    out.push(Literal {
                        text,
                        line: start,
                        in_tr: !tr_at.is_empty(),
                        pattern: rest.starts_with("=>")
                            || rest.starts_with('|')
                            || in_arm
                            || marked,
                        for_programmers,
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
        for (file, src) in sources() {
            if file == CLAP_FRENCH {
                continue;
            }
            for l in literals(&src) {
                // A word is two letters or more: `{ctrl}A` names a key.
                let words = without_placeholders(&l.text)
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() > 1);
                if words && !l.in_tr && !l.pattern && !l.for_programmers && !is_code(&l.text) {
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
        for (file, src) in sources() {
            // This file's own tests name the marks they look for.
            let src = src.split("#[cfg(test)]").next().unwrap_or(&src);
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
