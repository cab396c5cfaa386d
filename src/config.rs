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
    /// `lang` is neither English nor French.
    UnknownLang { line: usize, value: String },
    /// One key given to two commands of one screen.
    KeyTwice {
        line: usize,
        screen: String,
        key: String,
        first: String,
        second: String,
    },
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
            (
                Some(Problem::KeyTwice {
                    line,
                    screen,
                    key,
                    first,
                    second,
                }),
                Lang::En,
            ) => {
                format!(
                    "{path}, line {line}: the key \"{key}\" is bound twice in [keys.{screen}], to {first} and to {second}; keep one"
                )
            }
            (
                Some(Problem::KeyTwice {
                    line,
                    screen,
                    key,
                    first,
                    second,
                }),
                Lang::Fr,
            ) => {
                format!(
                    "{path}, ligne {line} : la touche \"{key}\" est liée deux fois dans [keys.{screen}], à {first} et à {second}; n'en gardez qu'une"
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
        Ok(config)
    }

    /// The first value cabinet refuses, with its line in `text`.
    pub(crate) fn problem(&self, text: &str) -> Option<Problem> {
        if let Some(l) = &self.lang
            && crate::i18n::Lang::parse(l).is_none()
        {
            return Some(Problem::UnknownLang {
                line: line_of(text, None, "lang"),
                value: l.clone(),
            });
        }
        for (screen, table) in &self.keys {
            let Some(table) = table.as_table() else {
                continue;
            };
            let mut seen: Vec<(String, &str)> = Vec::new();
            for (command, value) in table {
                let keys: Vec<&str> = match value {
                    toml::Value::String(k) => vec![k.as_str()],
                    toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                    _ => Vec::new(),
                };
                for key in keys {
                    let norm = key.trim().to_owned();
                    if let Some((_, first)) = seen.iter().find(|(k, c)| *k == norm && *c != command)
                    {
                        return Some(Problem::KeyTwice {
                            line: line_of(text, Some(screen), command),
                            screen: screen.clone(),
                            key: key.to_owned(),
                            first: (*first).to_owned(),
                            second: command.clone(),
                        });
                    }
                    seen.push((norm, command));
                }
            }
        }
        None
    }
}

/// The line (from 1) where `name` is set, at the top level or in the
/// `[keys.SCREEN]` table; 1 when it cannot be found.
fn line_of(text: &str, screen: Option<&str>, name: &str) -> usize {
    let mut section = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t.trim_matches(['[', ']', ' ']).to_owned();
            continue;
        }
        let here = match screen {
            None => section.is_empty(),
            Some(s) => section == format!("keys.{s}"),
        };
        let key = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if here && key == name {
            return i + 1;
        }
    }
    1
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
    fn unknown_languages_and_keys_bound_twice_are_refused_with_their_line() {
        let text = "firm = \"/srv/a\"\nlang = \"de\"\n";
        let c: Config = toml::from_str(text).unwrap();
        assert_eq!(
            c.problem(text),
            Some(Problem::UnknownLang {
                line: 2,
                value: "de".into()
            })
        );
        let text = "lang = \"fr_CA.UTF-8\"\n[keys.list]\nquit = \"x\"\nsearch = [\"/\", \"x\"]\n";
        let c: Config = toml::from_str(text).unwrap();
        let p = c.problem(text).unwrap();
        assert_eq!(
            p,
            Problem::KeyTwice {
                line: 4,
                screen: "list".into(),
                key: "x".into(),
                first: "quit".into(),
                second: "search".into()
            }
        );
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
