//! The `cabinet` binary: parses the command line, finds the firm, and
//! hands over to the TUI or a subcommand. Errors are printed once, as a
//! sentence, and mapped to exit codes (see `cabinet --help`); a reader
//! that goes away ends the output quietly and never changes the code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::FromArgMatches;

use cabinet::api::Firm;
use cabinet::api::local::has_firm;
use cabinet::cli::args::Command;
use cabinet::cli::output::Pipe;
use cabinet::cli::{Cli, CliError, works_offline};
use cabinet::config::{self, Config};
use cabinet::i18n::{Lang, Msg};
use cabinet::model::text::{for_terminal, path_for_terminal};

fn main() -> ExitCode {
    let loaded = Config::load();
    let setting = loaded.as_ref().ok().and_then(|(c, _)| c.lang.clone());
    // The help is in the user's language, so the language comes first.
    let flag = lang_flag(std::env::args_os().skip(1));
    let lang = Lang::choose(flag.as_deref(), setting.as_deref());
    let cli = cabinet::cli::command(lang)
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| e.exit());
    match run(cli, loaded, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Exit(code)) => code,
        Err(e) => {
            // Standard error may be gone too; the exit code still tells.
            // Server text reaches this terminal: neutralised like any
            // stored value.
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                lang.f(
                    Msg::Failed,
                    &[("error", &for_terminal(&e.report(lang), true))]
                )
            );
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// The value of `--lang` on the command line, before it is parsed.
fn lang_flag(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    let mut args = args.map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return args.next();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_owned());
        }
    }
    None
}

fn run(
    cli: Cli,
    loaded: Result<(Config, Option<std::path::PathBuf>), config::ConfigError>,
    lang: Lang,
) -> Result<(), CliError> {
    if let Some(l) = cli.lang.as_deref()
        && Lang::parse(l).is_none()
    {
        return Err(CliError::Usage(lang.f(Msg::BadLangFlag, &[("lang", &l)])));
    }
    // What needs no firm: completions, the manual, and checking the input.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            return with_stdout(|out, _| cabinet::cli::completions(*shell, lang, out));
        }
        Some(Command::Man) => return with_stdout(|out, _| cabinet::cli::man(lang, out)),
        Some(command) => cabinet::cli::precheck(command, lang)?,
        None if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) => {
            return Err(CliError::Usage(lang.t(Msg::NoTerminal).into_owned()));
        }
        None => {}
    }
    let (config, _) = loaded
        .map_err(|e| CliError::Usage(lang.f(Msg::SettingsFile, &[("error", &e.worded(lang))])))?;
    if let Some(Command::Init(args)) = &cli.command {
        return with_stdout(|out, _| cabinet::cli::init::run(args, lang, out));
    }
    let (dir, default) = if cli.demo {
        config::demo_dir().map(|d| (d, true))
    } else {
        config::firm_choice(cli.firm.as_deref(), &config)
    }
    .ok_or_else(|| CliError::Usage(lang.t(Msg::NoHome).into_owned()))?;
    // The demo and the default personal firm are created by the first
    // cabinet that needs them; any other directory must hold a firm
    // (`cabinet init`), so that a mistyped path creates nothing.
    let demo_command = matches!(cli.command, Some(Command::Demo { .. }));
    if (default || demo_command)
        && !has_firm(&dir)
        && cabinet::cli::init::ensure_default(&dir, lang)?
        && !cli.demo
    {
        eprintln!(
            "{}",
            lang.f(
                Msg::CreatedDefaultFirm,
                &[("dir", &path_for_terminal(&dir))]
            )
        );
    }
    let restoring = matches!(cli.command, Some(Command::Restore { .. }));
    if !restoring && let Some(e) = cabinet::cli::init::missing(&dir, lang) {
        return Err(e);
    }
    if let Some(Command::Serve(args)) = &cli.command {
        let code = cabinet::server::command::run(args, &dir, lang);
        return if code == ExitCode::SUCCESS {
            Ok(())
        } else {
            Err(CliError::Exit(code))
        };
    }
    let today = jiff::Zoned::now().date();
    // `check` and `restore` still work on a firm file that cannot be
    // opened (when its server cannot start), and a restore into a new
    // directory needs no firm first.
    let offline = cli.command.as_ref().filter(|c| works_offline(c));
    if let Some(command @ Command::Restore { .. }) = offline
        && !has_firm(&dir)
    {
        return with_stdout(|out, err| {
            cabinet::cli::run_offline(command, &dir, None, lang, out, err, cli.quiet)
        });
    }
    let firm = match open(&dir, lang) {
        Ok(firm) => firm,
        // Only someone who may open the file itself (the owner, root) gets
        // the offline check or restore; a member hears why the server is
        // out of reach.
        Err(Unopened::Server(why, _))
            if offline.is_some()
                && std::fs::File::open(dir.join(cabinet::store::FILE_NAME)).is_ok() =>
        {
            let command = offline.expect("checked above");
            return with_stdout(|out, err| {
                cabinet::cli::run_offline(command, &dir, Some(&why), lang, out, err, cli.quiet)
            });
        }
        Err(Unopened::Server(why, ServerTrouble::Unreachable)) => {
            return Err(CliError::Unreachable(why));
        }
        Err(Unopened::Server(why, ServerTrouble::Denied)) => return Err(CliError::Denied(why)),
        Err(Unopened::Server(why, ServerTrouble::Failed)) => return Err(CliError::Other(why)),
        Err(Unopened::Api(e)) => return Err(CliError::Api(e)),
    };
    if cli.demo {
        cabinet::cli::demo::ensure(firm.as_ref(), today, lang)?;
    }
    match &cli.command {
        None => {
            let options = cabinet::tui::Options::from_config(&config, lang);
            cabinet::tui::run(firm, options).map_err(|e| CliError::Other(e.to_string()))
        }
        Some(command) => with_stdout(|out, err| {
            let mut ctx = cabinet::cli::Ctx {
                firm: firm.as_ref(),
                today,
                lang,
                out,
                err,
                quiet: cli.quiet,
                width: terminal_width(),
            };
            cabinet::cli::run(command, &mut ctx)
        }),
    }
}

/// The terminal's width when standard output is one.
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
    Some(if width == 0 { 80 } else { width })
}

/// Runs `f` on standard output and standard error, each ending quietly
/// when its reader goes away, and flushes them. The command's own result
/// decides the exit code, whatever happened to the pipe.
fn with_stdout(
    f: impl FnOnce(&mut dyn Write, &mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut out = Pipe::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let mut err = Pipe::new(std::io::stderr());
    let result = f(&mut out, &mut err);
    let flushed = out.flush();
    result?;
    flushed?;
    Ok(())
}

/// Why the firm could not be reached.
enum Unopened {
    /// The server refused the session (not on the team, for instance).
    Api(cabinet::api::ApiError),
    /// No server could be reached or started; the reason, in words.
    Server(String, ServerTrouble),
}

/// What kept the server out of reach, for the exit code.
enum ServerTrouble {
    /// Nothing answered, or something else did (exit code 5).
    Unreachable,
    /// The firm directory or its socket is not this user's to reach (4).
    Denied,
    /// A server started and failed: a damaged firm file, for one (1).
    Failed,
}

/// Connects to the firm's server as the current Unix user, starting the
/// server when none is running.
fn open(dir: &std::path::Path, lang: Lang) -> Result<Arc<dyn Firm>, Unopened> {
    match cabinet::remote::connect(dir) {
        Ok(firm) => Ok(Arc::new(firm)),
        Err(cabinet::remote::ConnectError::Refused(e)) => Err(Unopened::Api(e)),
        Err(e) => {
            use cabinet::remote::ConnectError as E;
            let trouble = match &e {
                E::PermissionDenied { .. } => ServerTrouble::Denied,
                E::ServerFailed(_) => ServerTrouble::Failed,
                _ => ServerTrouble::Unreachable,
            };
            Err(Unopened::Server(lang.connect_error(&e), trouble))
        }
    }
}
