//! The full-screen terminal app: the client list, profiles, forms and the
//! conflict view, over the firm API alone.
//!
//! # Shape
//!
//! The app is a functional core in an imperative shell:
//!
//! - A key goes through the [`keymap`] (the only module that knows key
//!   codes) and becomes an [`Action`], looked up in the bindings of the
//!   screen on top of the stack (`stack`).
//! - [`update`] hands the action to the top screen's own module (`list`,
//!   `profile`, `form`, `team`, `billing`, `work`, `conflict`, `popup`),
//!   which changes its state and returns [`Effect`]s. Nothing does I/O.
//! - The shell carries out effects through the [`Firm`] on a worker
//!   thread; each answer comes back as another action.
//! - [`view()`] draws the state (`impl Widget for &App`) and changes
//!   nothing: the topmost screen of the stack (or the list), then the
//!   popup over it.
//!
//! Tests drive the same core without a terminal through [`testing`].
//!
//! # Invariants
//!
//! - **The app never touches the store**: everything goes through `Firm`.
//! - **Only what is on screen is built**: the list holds one window of
//!   rows, so a frame costs the same at any number of clients.
//! - **Every word shown comes from [`strings`]** (one file per screen or
//!   topic), and every piece of stored text goes through [`text`] on its
//!   way to the screen.
//! - **Nothing is overwritten silently**: a stale save opens the conflict
//!   view, and an unsaved form is kept as a draft.

pub mod action;
pub(crate) mod app;
pub(crate) mod billing;
pub(crate) mod columns;
pub(crate) mod conflict;
pub(crate) mod effect;
pub(crate) mod form;
mod hidden;
pub mod keymap;
pub(crate) mod lang;
pub(crate) mod layout;
pub(crate) mod list;
mod list_view;
mod mouse;
pub(crate) mod popup;
pub(crate) mod profile;
pub(crate) mod remember;
mod shell;
pub(crate) mod stack;
pub(crate) mod strings;
pub(crate) mod team;
pub(crate) mod terminal;
pub mod testing;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod view;
pub(crate) mod work;

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::api::{ApiError, Firm};
use crate::config::Config;

pub use action::{Action, Command, Outcome};
pub(crate) use app::App;
pub use app::update;
pub use effect::Effect;
pub(crate) use keymap::{Keymap, KeymapError};
pub(crate) use theme::Theme;

/// How the app looks and behaves for this user.
#[derive(Debug, Clone)]
pub struct Options {
    /// Colours on (else attributes only, for `NO_COLOR`).
    pub color: bool,
    /// Mouse clicks and the wheel.
    pub mouse: bool,
    /// The settings file's `[keys]` table.
    pub keys: toml::Table,
    /// The settings file and its text, to name the line of a wrong key.
    pub keys_file: Option<(std::path::PathBuf, String)>,
    /// A fixed "today" (tests); `None` follows the clock.
    pub today: Option<Date>,
    /// The time zone of dates and times on screen.
    pub time_zone: TimeZone,
    /// How often an unsaved form is kept as a draft.
    pub draft_every: Duration,
    /// The language every screen speaks.
    pub lang: crate::i18n::Lang,
    /// Where the list's include-inactive, sort and filters are remembered
    /// between runs (the user's XDG state directory); `None` forgets them.
    pub remember: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: true,
            mouse: true,
            keys: toml::Table::new(),
            keys_file: None,
            today: None,
            time_zone: TimeZone::system(),
            draft_every: Duration::from_secs(3),
            lang: crate::i18n::Lang::En,
            remember: None,
        }
    }
}

impl Options {
    /// The options a settings file gives (colour follows `NO_COLOR` unless
    /// set).
    pub fn from_config(config: &Config, lang: crate::i18n::Lang) -> Options {
        Options {
            lang,
            color: crate::config::use_color(config),
            mouse: config.mouse.unwrap_or(true),
            keys: config.keys.clone(),
            keys_file: config.source.clone(),
            remember: crate::config::view_state_path(),
            ..Options::default()
        }
    }
}

/// Why the app could not run.
#[derive(Debug)]
pub enum TuiError {
    /// The settings file's keys are wrong: what, and the file and line
    /// where it is written when they are known.
    Keys {
        error: Box<KeymapError>,
        at: Option<Box<(std::path::PathBuf, usize)>>,
    },
    /// The firm refused the session or could not be reached.
    Firm(ApiError),
    /// The terminal could not be used.
    Terminal(std::io::Error),
}

impl std::fmt::Display for TuiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TuiError::Keys { error, at: None } => write!(f, "{error}"),
            TuiError::Keys {
                error,
                at: Some(at),
            } => f.write_str(&strings::keys_at(&at.0, at.1, &error.to_string())),
            TuiError::Firm(e) => f.write_str(&strings::api_error(e)),
            TuiError::Terminal(e) => f.write_str(&strings::terminal_error(e)),
        }
    }
}

impl std::error::Error for TuiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TuiError::Keys { error, .. } => Some(&**error),
            TuiError::Firm(e) => Some(e),
            TuiError::Terminal(e) => Some(e),
        }
    }
}

impl From<ApiError> for TuiError {
    fn from(e: ApiError) -> Self {
        TuiError::Firm(e)
    }
}

/// Runs the app on this terminal until the user quits. The keys are
/// checked and the session opened before the terminal is touched, so
/// those errors print normally.
pub fn run(firm: Arc<dyn Firm>, options: Options) -> Result<(), TuiError> {
    let app = new_app(&*firm, &options)?;
    shell::run(firm, app, &options)
}

/// Builds the app for a firm session, without a terminal.
pub(crate) fn new_app(firm: &dyn Firm, options: &Options) -> Result<App, TuiError> {
    lang::set_lang(options.lang);
    let keymap = Keymap::from_config(&options.keys, options.lang).map_err(|error| {
        let at = options.keys_file.as_ref().and_then(|(path, text)| {
            let (screen, name) = error.entry();
            crate::config::line_of_key(text, screen, name)
                .map(|line| Box::new((path.clone(), line)))
        });
        TuiError::Keys {
            error: Box::new(error),
            at,
        }
    })?;
    let session = firm.session()?;
    let team = firm.team()?;
    let today = options
        .today
        .unwrap_or_else(|| Timestamp::now().to_zoned(options.time_zone.clone()).date());
    let mut app = App::new(
        session,
        team,
        keymap,
        Theme::new(options.color),
        today,
        options.time_zone.clone(),
    );
    if let Some(saved) = options.remember.as_deref().and_then(remember::load) {
        saved.apply(&mut app);
    }
    Ok(app)
}
