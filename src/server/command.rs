//! `cabinet serve`: starting, replacing and running the firm server
//! from the command line.
//!
//! - `cabinet serve` makes sure a server is running for the firm, in the
//!   background, and says which. Such a server exits after fifteen
//!   minutes with no clients, like one that a cabinet command starts.
//! - `cabinet serve --foreground` runs the server in this process until
//!   SIGTERM or Ctrl-C, with no idle exit: this is what a service manager
//!   runs.
//! - `--replace` first asks a running server to make way (after an
//!   upgrade, when clients and server speak different protocols).
//! - `--detach` is what a cabinet command runs to start a server: it
//!   leaves the terminal's session, then serves until idle.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{ServeOptions, ServerError};
use crate::i18n::{Lang, Msg};
use crate::model::text::for_terminal;
use crate::remote::{Connector, EXIT_PERMISSION, Started};

/// How long `--replace` waits for the old server to let go.
const REPLACE_WAIT: Duration = Duration::from_secs(30);

/// The arguments of `cabinet serve`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// Run in this terminal until stopped (SIGTERM, Ctrl-C) instead of in
    /// the background; for service managers such as systemd.
    #[arg(long)]
    pub(crate) foreground: bool,

    /// Ask the running server to shut down first, so that this cabinet
    /// replaces it (needed after an upgrade).
    #[arg(long)]
    pub(crate) replace: bool,

    /// Leave the terminal's session and serve until idle (how cabinet
    /// starts a server on demand).
    #[arg(long, hide = true, conflicts_with = "foreground")]
    pub(crate) detach: bool,

    /// Exit after this many seconds with no clients.
    #[arg(long, hide = true, value_name = "SECONDS")]
    pub(crate) idle_exit: Option<u64>,

    /// How long a request may take to arrive once begun (tests).
    #[arg(long, hide = true, value_name = "MILLISECONDS")]
    pub(crate) frame_deadline_ms: Option<u64>,

    /// How often to ping each client (tests).
    #[arg(long, hide = true, value_name = "MILLISECONDS")]
    pub(crate) ping_every_ms: Option<u64>,

    /// The most connections at once.
    #[arg(long, hide = true, value_name = "N")]
    pub(crate) max_connections: Option<u32>,

    /// The most connections at once from one login.
    #[arg(long, hide = true, value_name = "N")]
    pub(crate) max_per_login: Option<u32>,
}

impl ServeArgs {
    /// Applies the tuning flags to a server's options.
    fn tune(&self, options: &mut ServeOptions) {
        if let Some(ms) = self.frame_deadline_ms {
            options.frame_deadline = Duration::from_millis(ms.max(1));
        }
        if let Some(ms) = self.ping_every_ms {
            options.ping_every = Duration::from_millis(ms.max(1));
        }
        if let Some(n) = self.max_connections {
            options.max_connections = n;
        }
        if let Some(n) = self.max_per_login {
            options.max_per_login = n;
        }
    }
}

/// Runs `cabinet serve` for the firm in `firm`, printing what happened
/// (or what went wrong) in `lang` and returning the exit code. What the
/// server itself says (in the foreground, or detached and read by the
/// cabinet that started it) goes to a log, in English.
pub fn run(args: &ServeArgs, firm: &Path, lang: Lang) -> ExitCode {
    let firm = std::path::absolute(firm).unwrap_or_else(|_| firm.to_owned());
    if args.detach {
        return detached(args, &firm, lang);
    }
    if args.replace
        && let Ok(crate::host::firm_files::Kind::Office { owner }) =
            crate::host::firm_files::kind(&firm)
    {
        // The service manager runs an office firm's server: a server
        // stopped from here would stay stopped.
        let name = firm.file_name().unwrap_or_default().to_string_lossy();
        let message = lang.f(
            Msg::ServeOfficeReplace,
            &[
                ("dir", &shown(&firm)),
                ("service", &crate::host::accounts::login_of(owner)),
                ("instance", &for_terminal(&name, false)),
            ],
        );
        return fail(lang, &message, 1);
    }
    if args.replace {
        match Connector::new(&firm).replace_server(REPLACE_WAIT) {
            Ok(Some(pid)) => say(&lang.f(Msg::ServeStoppedOld, &[("pid", &pid)])),
            Ok(None) => {}
            Err(e) => return fail(lang, &lang.connect_error(&e), 1),
        }
    }
    if args.foreground {
        let mut options = ServeOptions::foreground(&firm);
        options.idle_exit = args.idle_exit.map(Duration::from_secs);
        args.tune(&mut options);
        return match super::serve(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                if !matches!(e, ServerError::AlreadyRunning { .. }) {
                    super::logging::last_words(
                        &firm,
                        &format!("the server could not start: {e}"),
                        false,
                    );
                }
                fail(lang, &worded(&e, lang), exit_code(&e))
            }
        };
    }
    let mut connector = Connector::new(&firm);
    if let Some(secs) = args.idle_exit {
        connector = connector.idle_exit(Duration::from_secs(secs));
    }
    let log = super::logging::log_dir(&firm);
    match connector.ensure_server() {
        Ok(Started::AlreadyRunning { pid }) => {
            say(&lang.f(
                Msg::ServeAlreadyRunning,
                &[("dir", &shown(&firm)), ("pid", &pid)],
            ));
            ExitCode::SUCCESS
        }
        Ok(Started::Started { pid }) => {
            say(&lang.f(
                Msg::ServeStarted,
                &[("dir", &shown(&firm)), ("pid", &pid), ("log", &shown(&log))],
            ));
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &lang.connect_error(&e), 1),
    }
}

/// The server a cabinet command started: in a session of its own, so no
/// terminal's hangup reaches it. Its stderr goes to the command that
/// started it, which reports a failure to start; once it listens, it
/// writes nothing there.
fn detached(args: &ServeArgs, firm: &Path, lang: Lang) -> ExitCode {
    if let Err(e) = rustix::process::setsid() {
        // Already a session leader: nothing to leave.
        tracing::debug!("setsid: {e}");
    }
    let mut options = ServeOptions::on_demand(firm);
    if let Some(secs) = args.idle_exit {
        options.idle_exit = Some(Duration::from_secs(secs));
    }
    args.tune(&mut options);
    match super::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        // Another server won the race to start: the command that started
        // this one connects to that one.
        Err(ServerError::AlreadyRunning { .. }) => ExitCode::SUCCESS,
        Err(e) => {
            super::logging::last_words(firm, &format!("the server could not start: {e}"), false);
            fail(lang, &worded(&e, lang), exit_code(&e))
        }
    }
}

/// Why the server could not start, in the user's language (the log keeps
/// the English).
fn worded(e: &ServerError, lang: Lang) -> String {
    use crate::api::ConnectError;
    match e {
        ServerError::AlreadyRunning { dir, pid } => lang.f(
            Msg::ServeAlreadyRunning,
            &[
                ("dir", &shown(dir)),
                (
                    "pid",
                    &pid.map(|p| p.to_string()).unwrap_or_else(|| "?".into()),
                ),
            ],
        ),
        ServerError::PermissionDenied { dir, group } => {
            lang.connect_error(&ConnectError::PermissionDenied {
                dir: dir.clone(),
                group: group.clone(),
            })
        }
        ServerError::PathTooLong(p) => lang.connect_error(&ConnectError::PathTooLong {
            dir: p.dir.clone(),
            len: p.len,
            max: p.max,
        }),
        ServerError::NoFirm { dir } => lang.f(Msg::NoFirmHere, &[("dir", &shown(dir))]),
        ServerError::NotOwner { dir, owner } => lang.f(
            Msg::ServerNotOwner,
            &[("dir", &shown(dir)), ("owner", owner)],
        ),
        ServerError::Open(e) => lang.storage_fault(&e.fault()),
        ServerError::Io { path, source } => lang.connect_error(&ConnectError::Io {
            path: path.clone(),
            error: source.into(),
        }),
        ServerError::Log { dir, error } => lang.f(
            Msg::ServerNoLog,
            &[("dir", &shown(dir)), ("error", &lang.os_error(error))],
        ),
    }
}

fn exit_code(e: &ServerError) -> u8 {
    match e {
        ServerError::PermissionDenied { .. } => EXIT_PERMISSION as u8,
        _ => 1,
    }
}

fn say(message: &str) {
    let _ = writeln!(std::io::stdout(), "{message}");
}

fn fail(lang: Lang, message: &str, code: u8) -> ExitCode {
    let message = lang.f(Msg::Failed, &[("error", &for_terminal(message, false))]);
    let _ = writeln!(std::io::stderr(), "{message}");
    ExitCode::from(code)
}

use crate::model::text::path_for_terminal as shown;
