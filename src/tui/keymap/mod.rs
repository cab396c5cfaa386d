//! The keymap: for each screen, which keys give which command, what the
//! command does in words, and whether the footer shows it.
//!
//! This one table drives the key handling, the footer hints and the `?`
//! help, so the three can never disagree. Users change it from the
//! settings file, one screen at a time:
//!
//! ```toml
//! [keys.list]
//! quit = "x"
//! down = ["j", "ctrl-n"]
//! ```
//!
//! This is the only module that knows about key codes: it turns terminal
//! events into [`Action`]s, and text-editing keys into input requests for
//! the focused field.

mod defaults;
mod key;

use std::collections::HashMap;

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use tui_input::InputRequest;

use super::action::{Action, Command};
use super::lang::Lang;
use super::strings;

pub(crate) use key::{Key, parse_keys};

/// A screen, as the keymap sees it: each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Keys that work everywhere, unless a screen binds them itself.
    Global,
    List,
    /// The search box above the list, while it has the focus.
    Search,
    Profile,
    Form,
    /// Menus and pick lists.
    Popup,
    Confirm,
    Conflict,
    Help,
    /// The team: members, roles and the clients each leads.
    Team,
    /// The subscriptions billed to the firm.
    Billing,
    /// Choosing a client by typing part of its name.
    Picker,
    /// The tax-return work at a glance.
    Work,
}

impl Screen {
    pub(crate) const ALL: [Screen; 13] = [
        Screen::Global,
        Screen::List,
        Screen::Search,
        Screen::Profile,
        Screen::Form,
        Screen::Popup,
        Screen::Confirm,
        Screen::Conflict,
        Screen::Help,
        Screen::Team,
        Screen::Billing,
        Screen::Picker,
        Screen::Work,
    ];

    /// The screen's name in the settings file.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Screen::Global => "global",
            Screen::List => "list",
            Screen::Search => "search",
            Screen::Profile => "profile",
            Screen::Form => "form",
            Screen::Popup => "popup",
            Screen::Confirm => "confirm",
            Screen::Conflict => "conflict",
            Screen::Help => "help",
            Screen::Team => "team",
            Screen::Billing => "billing",
            Screen::Picker => "picker",
            Screen::Work => "work",
        }
    }

    fn parse(s: &str) -> Option<Screen> {
        Screen::ALL
            .into_iter()
            .find(|x| x.name() == s.trim().to_ascii_lowercase())
    }

    /// True where unbound printable keys type text.
    fn types_text(self) -> bool {
        matches!(self, Screen::Search | Screen::Form | Screen::Picker)
    }
}

/// One command's keys on one screen.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub(crate) command: Command,
    pub(crate) keys: Vec<Key>,
    /// Shown in the footer.
    pub(crate) hint: bool,
}

/// A settings file's `[keys]` table that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    UnknownScreen {
        screen: String,
    },
    NotATable {
        screen: String,
    },
    UnknownCommand {
        screen: String,
        name: String,
        known: Vec<&'static str>,
    },
    BadValue {
        screen: String,
        name: String,
    },
    BadKey {
        screen: String,
        name: String,
        key: String,
    },
    TypesText {
        screen: String,
        name: String,
        key: String,
    },
    /// One key given to two commands of one screen, however each was
    /// written (`ctrl+a`, `C-a` and `Ctrl-A` are one key).
    KeyTwice {
        screen: String,
        /// The key as written for each command, in order.
        keys: [String; 2],
        commands: [String; 2],
    },
}

impl KeymapError {
    /// The screen and, where there is one, the entry of the settings file
    /// that is wrong (the second of two entries binding one key).
    pub(crate) fn entry(&self) -> (&str, Option<&str>) {
        match self {
            KeymapError::UnknownScreen { screen } | KeymapError::NotATable { screen } => {
                (screen, None)
            }
            KeymapError::UnknownCommand { screen, name, .. }
            | KeymapError::BadValue { screen, name, .. }
            | KeymapError::BadKey { screen, name, .. }
            | KeymapError::TypesText { screen, name, .. } => (screen, Some(name)),
            KeymapError::KeyTwice {
                screen, commands, ..
            } => (screen, Some(&commands[1])),
        }
    }
}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&strings::keymap_error(self))
    }
}

impl std::error::Error for KeymapError {}

/// Keys as a settings entry gives them, each with its text as written.
type Written<'v> = Vec<(Key, &'v str)>;

/// Every screen's bindings.
#[derive(Debug, Clone)]
pub(crate) struct Keymap {
    screens: HashMap<Screen, Vec<Binding>>,
}

impl Keymap {
    /// The bindings cabinet ships with, for a person who reads `lang`.
    pub(crate) fn defaults(lang: Lang) -> Keymap {
        let first = defaults::first_keys(lang);
        let screens = defaults::DEFAULTS
            .iter()
            .map(|(screen, bindings)| {
                let list = bindings
                    .iter()
                    .map(|(command, keys, hint)| {
                        let before = first
                            .iter()
                            .filter(|(s, c, _)| s == screen && c == command)
                            .flat_map(|(.., keys)| keys.iter());
                        Binding {
                            command: *command,
                            keys: before
                                .chain(keys.iter())
                                .map(|k| Key::parse(k).expect("default keys parse"))
                                .collect(),
                            hint: *hint,
                        }
                    })
                    .collect();
                (*screen, list)
            })
            .collect();
        Keymap { screens }
    }

    /// The defaults with a settings file's `[keys]` table applied. A key
    /// given to a command is taken away from any other command on that
    /// screen; an empty list unbinds a command.
    pub(crate) fn from_config(table: &toml::Table, lang: Lang) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::defaults(lang);
        for (screen_name, value) in table {
            let screen = Screen::parse(screen_name).ok_or_else(|| KeymapError::UnknownScreen {
                screen: screen_name.clone(),
            })?;
            let entries = value.as_table().ok_or_else(|| KeymapError::NotATable {
                screen: screen_name.clone(),
            })?;
            // Each key this table binds, with its command and how it was
            // written, compared as keys rather than as text.
            let mut seen: Vec<(Key, Command, &str, &str)> = Vec::new();
            for (name, keys) in entries {
                let (command, bound) = map.rebind(screen, name, keys)?;
                for (key, text) in bound {
                    if let Some((_, _, first, first_text)) =
                        seen.iter().find(|(k, c, ..)| *k == key && *c != command)
                    {
                        return Err(KeymapError::KeyTwice {
                            screen: screen_name.clone(),
                            keys: [(*first_text).to_owned(), text.to_owned()],
                            commands: [(*first).to_owned(), name.clone()],
                        });
                    }
                    seen.push((key, command, name, text));
                }
            }
        }
        Ok(map)
    }

    /// Gives a command the keys of a settings entry, and returns the
    /// command and each key with its text as written.
    fn rebind<'v>(
        &mut self,
        screen: Screen,
        name: &str,
        value: &'v toml::Value,
    ) -> Result<(Command, Written<'v>), KeymapError> {
        let s = screen.name().to_owned();
        let bindings = self.screens.entry(screen).or_default();
        let command = Command::parse(name).filter(|c| bindings.iter().any(|b| b.command == *c));
        let Some(command) = command else {
            return Err(KeymapError::UnknownCommand {
                screen: s,
                name: name.to_owned(),
                known: bindings.iter().map(|b| b.command.name()).collect(),
            });
        };
        let texts: Vec<&'v str> = match value {
            toml::Value::String(k) => vec![k.as_str()],
            toml::Value::Array(items) => items
                .iter()
                .map(|v| {
                    v.as_str().ok_or_else(|| KeymapError::BadValue {
                        screen: s.clone(),
                        name: name.to_owned(),
                    })
                })
                .collect::<Result<_, _>>()?,
            _ => {
                return Err(KeymapError::BadValue {
                    screen: s,
                    name: name.to_owned(),
                });
            }
        };
        let mut keys = Vec::new();
        for &text in &texts {
            let key = Key::parse(text).ok_or_else(|| KeymapError::BadKey {
                screen: s.clone(),
                name: name.to_owned(),
                key: text.to_owned(),
            })?;
            if screen.types_text() && key.types_text() {
                return Err(KeymapError::TypesText {
                    screen: s,
                    name: name.to_owned(),
                    key: text.to_owned(),
                });
            }
            keys.push(key);
        }
        for b in bindings.iter_mut() {
            b.keys.retain(|k| !keys.contains(k));
        }
        if let Some(b) = bindings.iter_mut().find(|b| b.command == command) {
            b.keys.clone_from(&keys);
        }
        Ok((command, keys.into_iter().zip(texts).collect()))
    }

    /// A screen's bindings, in help order.
    pub(crate) fn bindings(&self, screen: Screen) -> &[Binding] {
        self.screens.get(&screen).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The command a key gives on a screen, falling back to the global keys.
    pub(crate) fn command(&self, screen: Screen, key: Key) -> Option<Command> {
        let find = |s: Screen| {
            self.bindings(s)
                .iter()
                .find(|b| b.keys.contains(&key))
                .map(|b| b.command)
        };
        find(screen).or_else(|| find(Screen::Global))
    }

    /// The first key bound to a command on a screen, as a label.
    pub(crate) fn key_label(&self, screen: Screen, command: Command) -> Option<String> {
        self.bindings(screen)
            .iter()
            .chain(self.bindings(Screen::Global))
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }

    /// Turns a terminal event into an action for the given screen.
    pub(crate) fn translate(&self, screen: Screen, event: &TermEvent) -> Option<Action> {
        match event {
            TermEvent::Key(k) if k.kind != KeyEventKind::Release => self.key(screen, k),
            TermEvent::Paste(text) => Some(Action::Paste(text.clone())),
            TermEvent::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            TermEvent::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    column: m.column,
                    row: m.row,
                }),
                MouseEventKind::ScrollDown => Some(Action::Scroll { down: true }),
                MouseEventKind::ScrollUp => Some(Action::Scroll { down: false }),
                _ => None,
            },
            _ => None,
        }
    }

    fn key(&self, screen: Screen, event: &KeyEvent) -> Option<Action> {
        let key = Key::of(event);
        if let Some(command) = self.command(screen, key) {
            return Some(Action::Command(command));
        }
        if screen.types_text() {
            return edit_request(key).map(Action::Input);
        }
        match key.code {
            KeyCode::Char(c) if key.types_text() => Some(Action::Char(c)),
            _ => None,
        }
    }
}

/// The usual line-editing keys, as in a shell.
fn edit_request(key: Key) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    let alt = key.mods.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char(c) if !ctrl && !alt => InsertChar(c),
        KeyCode::Char('a') if ctrl => GoToStart,
        KeyCode::Char('e') if ctrl => GoToEnd,
        KeyCode::Char('b') if alt => GoToPrevWord,
        KeyCode::Char('f') if alt => GoToNextWord,
        KeyCode::Char('w') if ctrl => DeletePrevWord,
        KeyCode::Char('d') if alt => DeleteNextWord,
        KeyCode::Char('u') if ctrl => DeleteFromStart,
        KeyCode::Char('k') if ctrl => DeleteTillEnd,
        KeyCode::Backspace if alt || ctrl => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn overrides_take_keys_from_other_commands() {
        let t: toml::Table = toml::from_str("[list]\nquit = \"x\"\ndown = [\"q\", \"n\"]").unwrap();
        let map = Keymap::from_config(&t, Lang::En).unwrap();
        assert_eq!(map.command(Screen::List, key("x")), Some(Command::Quit));
        assert_eq!(map.command(Screen::List, key("q")), Some(Command::Down));
        assert_eq!(map.command(Screen::List, key("j")), None);
        assert_eq!(
            map.key_label(Screen::List, Command::Quit).as_deref(),
            Some("x")
        );
        // The global keys still apply.
        assert_eq!(
            map.command(Screen::List, key("ctrl-c")),
            Some(Command::Quit)
        );
    }

    #[test]
    fn bad_settings_name_what_is_wrong() {
        let err = |s: &str| Keymap::from_config(&toml::from_str(s).unwrap(), Lang::En).unwrap_err();
        assert!(matches!(
            err("[lsit]\nquit = \"x\""),
            KeymapError::UnknownScreen { .. }
        ));
        match err("[list]\nquiet = \"x\"") {
            KeymapError::UnknownCommand { known, .. } => assert!(known.contains(&"quit")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            err("[list]\nquit = \"ctrl-hyper\""),
            KeymapError::BadKey { .. }
        ));
        assert!(matches!(
            err("[list]\nquit = 3"),
            KeymapError::BadValue { .. }
        ));
        assert!(matches!(
            err("[form]\nsave = \"s\""),
            KeymapError::TypesText { .. }
        ));
        assert!(matches!(err("list = 1"), KeymapError::NotATable { .. }));
    }

    #[test]
    fn a_key_given_to_two_commands_is_refused_however_it_is_written() {
        let err = |s: &str| Keymap::from_config(&toml::from_str(s).unwrap(), Lang::En).unwrap_err();
        for (a, b) in [
            ("x", "x"),
            ("ctrl+a", "C-a"),
            ("ctrl-a", "Ctrl+A"),
            ("<C-a>", "control-a"),
            ("alt-x", "M-x"),
            ("enter", "Return"),
            ("pgdn", "PageDown"),
        ] {
            let text = format!("[list]\nquit = \"{a}\"\nsearch = [\"/\", \"{b}\"]\n");
            assert_eq!(
                err(&text),
                KeymapError::KeyTwice {
                    screen: "list".into(),
                    keys: [a.into(), b.into()],
                    commands: ["quit".into(), "search".into()],
                },
                "{a} and {b}"
            );
        }
        // Different keys, the same command written twice, and the same
        // key on two screens are all fine.
        for ok in [
            "[list]\nquit = \"ctrl-a\"\nsearch = \"alt-a\"\n",
            "[list]\nquit = [\"x\", \"X\"]\n",
            "[list]\ntoggle_inactive = \"ctrl-t\"\ntoggle-inactive = \"C-t\"\n",
            "[list]\nquit = \"ctrl-a\"\n[profile]\nedit = \"ctrl-a\"\n",
        ] {
            assert!(
                Keymap::from_config(&toml::from_str(ok).unwrap(), Lang::En).is_ok(),
                "{ok}"
            );
        }
        let e = err("[list]\nquit = \"ctrl+a\"\nsearch = \"C-a\"\n").to_string();
        assert!(e.contains("ctrl+a") && e.contains("C-a"), "{e}");
        assert!(e.contains("quit") && e.contains("search"), "{e}");
    }

    #[test]
    fn unbound_keys_type_text_in_forms_only() {
        let map = Keymap::defaults(Lang::En);
        let e = TermEvent::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert!(matches!(
            map.translate(Screen::Form, &e),
            Some(Action::Input(InputRequest::InsertChar('x')))
        ));
        assert!(matches!(
            map.translate(Screen::Popup, &e),
            Some(Action::Char('x'))
        ));
        let q = TermEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
        assert!(matches!(
            map.translate(Screen::List, &q),
            Some(Action::Command(Command::Quit))
        ));
        assert!(matches!(
            map.translate(Screen::Form, &q),
            Some(Action::Input(InputRequest::InsertChar('q')))
        ));
    }
}
