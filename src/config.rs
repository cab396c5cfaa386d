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
    pub firm: Option<PathBuf>,
    /// `en` or `fr`.
    pub lang: Option<String>,
    /// `auto` (default: follow NO_COLOR), `always` or `never`.
    pub color: Option<String>,
    /// Mouse support in the TUI (default on).
    pub mouse: Option<bool>,
    /// Key bindings that replace the defaults, by screen; the TUI's keymap
    /// reads these.
    #[serde(default)]
    pub keys: toml::Table,
}

/// A settings file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub reason: String,
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

    /// Reads one settings file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        toml::from_str(&text).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
        })
    }
}

/// `~/.config/cabinet/config.toml`, honouring XDG_CONFIG_HOME.
pub fn user_config_path() -> Option<PathBuf> {
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("cabinet").join("config.toml"))
}

/// The user's data directory for cabinet, honouring XDG_DATA_HOME.
pub fn data_dir() -> Option<PathBuf> {
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.data_dir().join("cabinet"))
}

/// The firm directory: `--firm`, else `CABINET_FIRM`, else the settings
/// file's `firm`, else `firm` in the user's data directory.
pub fn firm_dir(flag: Option<&Path>, config: &Config) -> Option<PathBuf> {
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

/// The demo firm's directory, in the user's data directory.
pub fn demo_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("demo"))
}

/// Whether to use colour: the setting, else off when NO_COLOR is set.
pub fn use_color(config: &Config) -> bool {
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
