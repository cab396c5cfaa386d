//! One key with its modifiers: how users write it in the settings file,
//! how the footer and the help show it, and how a terminal reports it.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

use super::super::strings;

/// One key with its modifiers, as bindings hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(super) code: KeyCode,
    pub(super) mods: KeyModifiers,
}

impl Key {
    /// The key of a terminal key event, normalised so that `G` is `G`
    /// whether or not the terminal also reports Shift.
    pub(super) fn of(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match e.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses a key as users write it: `x`, `G`, `?`, `enter`, `esc`,
    /// `space`, `tab`, `shift-tab`, `pgdn`, `f2`, `ctrl-s`, `alt-x`,
    /// `<C-s>`.
    pub(crate) fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        let s = s
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(s);
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                "ctrl-", "ctrl+", "control-", "c-", "alt-", "alt+", "meta-", "m-", "a-", "shift-",
                "shift+", "s-",
            ]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(p) = prefix else { break };
            mods |= match p.chars().next() {
                Some('c') => KeyModifiers::CONTROL,
                Some('s') => KeyModifiers::SHIFT,
                _ => KeyModifiers::ALT,
            };
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !crate::model::text::is_forbidden(c) => KeyCode::Char(c),
            (Some(_), None) => return None,
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "ret" | "cr" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" | "spc" => KeyCode::Char(' '),
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                f if f.len() >= 2 && f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return None,
                },
                _ => return None,
            },
        };
        let event = KeyEvent::new(code, mods);
        Some(Key::of(&event))
    }

    /// The key as the footer and the help show it: `Ctrl-S`, `Enter`, `j`.
    pub(crate) fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => strings::key_space().to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => strings::key_enter().to_owned(),
            KeyCode::Esc => strings::key_esc().to_owned(),
            KeyCode::Tab => strings::key_tab().to_owned(),
            KeyCode::BackTab => strings::key_backtab().to_owned(),
            KeyCode::Backspace => strings::key_backspace().to_owned(),
            KeyCode::Delete => strings::key_delete().to_owned(),
            KeyCode::Insert => strings::key_insert().to_owned(),
            KeyCode::Home => strings::key_home().to_owned(),
            KeyCode::End => strings::key_end().to_owned(),
            KeyCode::PageUp => strings::key_page_up().to_owned(),
            KeyCode::PageDown => strings::key_page_down().to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            label.push_str(strings::key_ctrl());
        }
        if self.mods.contains(KeyModifiers::ALT) {
            label.push_str(strings::key_alt());
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            label.push_str(strings::key_shift());
        }
        label + &base
    }

    /// True for a key that types a character in a text field.
    pub(super) fn types_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

/// Builds a key event from the compact notation tests and benchmarks use:
/// plain characters, and `<enter>`, `<esc>`, `<tab>`, `<s-tab>`, `<c-s>`,
/// `<space>`, `<down>`, `<bs>` and the like. `<<` is a literal `<`.
pub(crate) fn parse_keys(script: &str) -> Result<Vec<TermEvent>, String> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<<") {
            out.push(TermEvent::Key(KeyEvent::new(
                KeyCode::Char('<'),
                KeyModifiers::NONE,
            )));
            rest = after;
        } else if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            // not prose: a test key script's error, for the programmer writing it
            let key = Key::parse(name).ok_or_else(|| format!("unknown key <{name}>"))?;
            out.push(TermEvent::Key(KeyEvent::new(key.code, key.mods)));
            rest = &rest[end + 1..];
        } else {
            out.push(TermEvent::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn keys_parse_in_every_spelling() {
        assert_eq!(key("ctrl-s"), key("<C-s>"));
        assert_eq!(key("C-S"), key("ctrl-s"));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("G").label(), "G");
        assert_eq!(key("ctrl-s").label(), "Ctrl-S");
        assert_eq!(key("space").label(), "Space");
        assert_eq!(key("-").label(), "-");
        assert!(Key::parse("f13").is_none());
        assert!(Key::parse("hyper-x").is_none());
        assert!(
            Key::parse("\u{1b}").is_none(),
            "control characters are not keys"
        );
    }

    #[test]
    fn shift_reported_with_capitals_is_ignored() {
        let pressed = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::of(&pressed), key("G"));
    }

    #[test]
    fn key_scripts() {
        let keys = parse_keys("jj<enter><c-s><<").unwrap();
        assert_eq!(keys.len(), 5);
        assert!(parse_keys("<nope>").is_err());
    }
}
