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

    /// Reads one settings file. Its `firm` may start with `~` (the home
    /// directory) and, when relative, is taken relative to the file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        if let Some(firm) = config.firm.take() {
            let base = path.parent().unwrap_or(Path::new("/"));
            let home = etcetera::home_dir().ok();
            config.firm = Some(resolve(&firm, base, home.as_deref()));
        }
        Ok(config)
    }
}

/// A path from a settings file: `~` and `~/…` are the home directory's,
/// and a relative path is taken from `base`, the file's directory.
pub fn resolve(path: &Path, base: &Path, home: Option<&Path>) -> PathBuf {
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
