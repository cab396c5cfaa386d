//! Per-user and per-machine settings, and where the firm directory is.
//!
//! Settings come from `~/.config/cabinet/config.toml` (XDG), then
//! `/etc/cabinet/config.toml`. SSH forwards little of a user's
//! environment, so colour, language and keys are settings here rather
//! than only environment variables.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::Deserialize;

/// The settings file, as written by a user or an administrator.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The firm directory.
    pub(crate) firm: Option<PathBuf>,
    /// `en` or `fr`.
    pub lang: Option<String>,
    /// `auto` (default: follow NO_COLOR), `always` or `never`.
    pub(crate) color: Option<String>,
    /// Mouse support in the TUI (default on).
    pub(crate) mouse: Option<bool>,
    /// Key bindings that replace the defaults, by screen; the TUI's keymap
    /// reads these.
    #[serde(default)]
    pub(crate) keys: toml::Table,
    /// The file these settings were read from, and its text, so that a
    /// value refused later (a key bound twice) can be named by its line.
    #[serde(skip)]
    pub(crate) source: Option<(PathBuf, String)>,
}

/// A settings file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ConfigError {
    pub(crate) path: PathBuf,
    pub(crate) reason: String,
    /// What is wrong, when cabinet itself refused a value (worded in the
    /// user's language by [`ConfigError::worded`]).
    pub(crate) problem: Option<Box<Problem>>,
}

/// A value the settings file may not hold, with its line (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// `lang` is neither English nor French. (Keys given twice are found
    /// by the keymap, which compares them as keys: `tui::keymap`.)
    UnknownLang { line: usize, value: String },
}

impl ConfigError {
    /// The error in the user's language.
    pub fn worded(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let path = self.path.display();
        match (self.problem.as_deref(), lang) {
            (None, _) => self.to_string(),
            (Some(Problem::UnknownLang { line, value }), Lang::En) => {
                format!(
                    "{path}, line {line}: lang = \"{value}\" is not a language cabinet speaks; write lang = \"en\" or lang = \"fr\""
                )
            }
            (Some(Problem::UnknownLang { line, value }), Lang::Fr) => {
                format!(
                    "{path}, ligne {line} : lang = \"{value}\" n'est pas une langue de cabinet; écrivez lang = \"en\" ou lang = \"fr\""
                )
            }
        }
    }
}

impl Config {
    /// Reads the user's settings, else the machine's, else the defaults.
    pub fn load() -> Result<(Config, Option<PathBuf>), ConfigError> {
        for path in [
            user_config_path(),
            Some(PathBuf::from("/etc/cabinet/config.toml")),
        ]
        .into_iter()
        .flatten()
        {
            if path.exists() {
                return Config::read(&path).map(|c| (c, Some(path)));
            }
        }
        Ok((Config::default(), None))
    }

    /// Reads one settings file. Its `firm` may start with `~` (the home
    /// directory) and, when relative, is taken relative to the file.
    pub(crate) fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
            problem: None,
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
            problem: None,
        })?;
        if let Some(problem) = config.problem(&text) {
            return Err(ConfigError {
                path: path.to_owned(),
                reason: format!("{problem:?}"),
                problem: Some(Box::new(problem)),
            });
        }
        if let Some(firm) = config.firm.take() {
            let base = path.parent().unwrap_or(Path::new("/"));
            let home = etcetera::home_dir().ok();
            config.firm = Some(resolve(&firm, base, home.as_deref()));
        }
        config.source = Some((path.to_owned(), text));
        Ok(config)
    }

    /// The first value cabinet refuses, with its line in `text`.
    pub(crate) fn problem(&self, text: &str) -> Option<Problem> {
        if let Some(l) = &self.lang
            && crate::i18n::Lang::parse(l).is_none()
        {
            return Some(Problem::UnknownLang {
                line: line_of(text, &["lang"]).unwrap_or(1),
                value: l.clone(),
            });
        }
        None
    }
}

/// The line (from 1) where the setting at `path` is written (`["lang"]`,
/// `["keys", "list", "quit"]`), from the spans the TOML parser keeps: a
/// `[keys.list]` header, a dotted key (`list.quit = …` under `[keys]`, or
/// `keys.list.quit = …` at the top) or an inline table's entry (`list =
/// { quit = … }`) alike. `None` when the text does not set it.
fn line_of(text: &str, path: &[&str]) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let mut table = Some(doc.get_ref());
    let mut start = None;
    for name in path {
        let (key, value) = table?.get_key_value(*name)?;
        start = Some(key.span().start);
        table = value.get_ref().as_table();
    }
    Some(text.get(..start?)?.matches('\n').count() + 1)
}

/// The line (from 1) of a `[keys]` entry: the one binding `name` on
/// `screen`, or where the screen's table starts when `name` is `None`.
pub(crate) fn line_of_key(text: &str, screen: &str, name: Option<&str>) -> Option<usize> {
    match name {
        Some(name) => line_of(text, &["keys", screen, name]),
        None => line_of(text, &["keys", screen]),
    }
}

/// `~/.config/cabinet/config.toml`, honouring XDG_CONFIG_HOME.
pub(crate) fn user_config_path() -> Option<PathBuf> {
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("cabinet").join("config.toml"))
}

/// The user's data directory for cabinet, honouring XDG_DATA_HOME.
pub(crate) fn data_dir() -> Option<PathBuf> {
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.data_dir().join("cabinet"))
}

/// The firm directory: `--firm`, else `CABINET_FIRM`, else the settings
/// file's `firm`, else `firm` in the user's data directory.
pub(crate) fn firm_dir(flag: Option<&Path>, config: &Config) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_owned());
    }
    if let Some(p) = std::env::var_os("CABINET_FIRM").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = &config.firm {
        return Some(p.clone());
    }
    data_dir().map(|d| d.join("firm"))
}

/// Where the app remembers the list's settings between runs, in the
/// user's state directory (XDG_STATE_HOME, else ~/.local/state).
pub(crate) fn view_state_path() -> Option<PathBuf> {
    let s = etcetera::choose_base_strategy().ok()?;
    let dir = s.state_dir().unwrap_or_else(|| s.data_dir());
    Some(dir.join("cabinet").join("list-view.json"))
}

/// A path from a settings file: `~` and `~/…` are the home directory's,
/// and a relative path is taken from `base`, the file's directory.
pub(crate) fn resolve(path: &Path, base: &Path, home: Option<&Path>) -> PathBuf {
    let mut parts = path.components();
    let path = match (parts.next(), home) {
        (Some(std::path::Component::Normal(first)), Some(home)) if first == "~" => {
            home.join(parts.as_path())
        }
        _ => path.to_owned(),
    };
    if path.is_absolute() {
        path
    } else {
        base.join(path)
    }
}

/// The firm directory, and whether it is the default one in the user's
/// data directory (which the first cabinet that needs it creates); any
/// other must hold a firm already.
pub fn firm_choice(flag: Option<&Path>, config: &Config) -> Option<(PathBuf, bool)> {
    let explicit = flag.is_some()
        || std::env::var_os("CABINET_FIRM").is_some_and(|v| !v.is_empty())
        || config.firm.is_some();
    firm_dir(flag, config).map(|d| (d, !explicit))
}

/// The demo firm's directory, in the user's data directory.
pub fn demo_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("demo"))
}

/// Whether to use colour: the setting, else off when NO_COLOR is set.
pub(crate) fn use_color(config: &Config) -> bool {
    match config.color.as_deref() {
        Some("always") => true,
        Some("never") => false,
        _ => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_settings() {
        let c: Config = toml::from_str(
            "firm = \"/srv/cabinet/acme\"\nlang = \"fr\"\n[keys.list]\nquit = \"x\"\n",
        )
        .unwrap();
        assert_eq!(c.firm.as_deref(), Some(Path::new("/srv/cabinet/acme")));
        assert!(c.keys.contains_key("list"));
        assert!(toml::from_str::<Config>("colour = \"never\"").is_err());
    }

    #[test]
    fn unknown_languages_are_refused_with_their_line() {
        let text = "firm = \"/srv/a\"\nlang = \"de\"\n";
        let c: Config = toml::from_str(text).unwrap();
        assert_eq!(
            c.problem(text),
            Some(Problem::UnknownLang {
                line: 2,
                value: "de".into()
            })
        );
        let text =
            "# mine\nfirm = \"/srv/a\"\n\nlang = \"de_DE.UTF-8\"\n[keys.list]\nquit = \"x\"\n";
        let c: Config = toml::from_str(text).unwrap();
        let p = c.problem(text).unwrap();
        let e = ConfigError {
            path: "/home/m/.config/cabinet/config.toml".into(),
            reason: String::new(),
            problem: Some(Box::new(p)),
        };
        let fr = e.worded(crate::i18n::Lang::Fr);
        assert!(fr.contains("ligne 4"), "{fr}");
        assert!(e.worded(crate::i18n::Lang::En).contains("line 4"));
        let ok = "lang = \"en\"\n[keys.list]\nquit = \"x\"\n";
        assert_eq!(toml::from_str::<Config>(ok).unwrap().problem(ok), None);
    }

    #[test]
    fn key_entries_are_found_by_their_line() {
        let text = "lang = \"fr\"\n[keys.list]\n# quit\nquit = \"x\"\n\"search\" = [\"/\"]\n\
                    [keys]\nprofile.edit = \"E\"\nform = { save = \"ctrl-s\", cancel = \"esc\" }\n";
        assert_eq!(line_of_key(text, "list", Some("quit")), Some(4));
        assert_eq!(line_of_key(text, "list", Some("search")), Some(5));
        assert_eq!(line_of_key(text, "list", None), Some(2));
        assert_eq!(line_of_key(text, "profile", Some("edit")), Some(7));
        assert_eq!(line_of_key(text, "form", Some("cancel")), Some(8));
        assert_eq!(line_of_key(text, "form", None), Some(8));
        assert_eq!(line_of_key(text, "team", Some("quit")), None);
        let top = "keys.list.quit = \"x\"\n";
        assert_eq!(line_of_key(top, "list", Some("quit")), Some(1));
        // What looks like a table or a key inside a string is text.
        let quoted = "firm = \"\"\"\n[keys.team]\nquit = 1\n\"\"\"\n[keys.team]\n\nquit = \"x\"\n";
        assert_eq!(line_of_key(quoted, "team", None), Some(5));
        assert_eq!(line_of_key(quoted, "team", Some("quit")), Some(7));
        assert_eq!(line_of(quoted, &["lang"]), None);
    }

    #[test]
    fn settings_paths_expand_home_and_follow_the_file() {
        let home = Path::new("/home/marie");
        let base = Path::new("/etc/cabinet");
        assert_eq!(
            resolve(Path::new("~/firm"), base, Some(home)),
            PathBuf::from("/home/marie/firm")
        );
        assert_eq!(resolve(Path::new("~"), base, Some(home)), home);
        assert_eq!(
            resolve(Path::new("acme"), base, Some(home)),
            PathBuf::from("/etc/cabinet/acme")
        );
        assert_eq!(
            resolve(Path::new("/srv/cabinet/acme"), base, Some(home)),
            PathBuf::from("/srv/cabinet/acme")
        );
        assert_eq!(
            resolve(Path::new("~bob/x"), base, Some(home)),
            PathBuf::from("/etc/cabinet/~bob/x")
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "firm = \"firms/acme\"\n").unwrap();
        let c = Config::read(&file).unwrap();
        assert_eq!(c.firm, Some(dir.path().join("firms/acme")));
    }

    #[test]
    fn the_flag_wins() {
        let c = Config {
            firm: Some("/from/config".into()),
            ..Config::default()
        };
        assert_eq!(
            firm_dir(Some(Path::new("/flag")), &c),
            Some(PathBuf::from("/flag"))
        );
    }
}
