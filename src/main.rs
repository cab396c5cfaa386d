//! The `cabinet` binary: parses the command line, finds the firm, and
//! hands over to the TUI or a subcommand. Errors are printed once, as a
//! sentence, and mapped to exit codes; a closed pipe is not an error.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use cabinet::api::Firm;
use cabinet::api::local::has_firm;
use cabinet::cli::args::Command;
use cabinet::cli::{Cli, CliError, works_offline};
use cabinet::config::{self, Config};
use cabinet::i18n::{Lang, Msg};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let loaded = Config::load();
    let setting = loaded.as_ref().ok().and_then(|(c, _)| c.lang.clone());
    let lang = Lang::choose(cli.lang.as_deref(), setting.as_deref());
    match run(cli, loaded, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Exit(code)) => code,
        Err(e) => {
            eprintln!("cabinet: {}", e.report(lang));
            ExitCode::from(e.exit_code() as u8)
        }
    }
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
    let (config, _) = loaded
        .map_err(|e| CliError::Usage(lang.f(Msg::SettingsFile, &[("error", &e.worded(lang))])))?;
    let dir = if cli.demo {
        config::demo_dir()
    } else {
        config::firm_dir(cli.firm.as_deref(), &config)
    }
    .ok_or_else(|| CliError::Usage(lang.t(Msg::NoHome).into_owned()))?;
    if let Some(Command::Serve(args)) = &cli.command {
        let code = cabinet::server::command::run(args, &dir);
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
        return with_stdout(|out| cabinet::cli::run_offline(command, &dir, None, lang, out));
    }
    let firm = match open(&dir, lang) {
        Ok(firm) => firm,
        Err(Unopened::Server(why)) if offline.is_some() => {
            let command = offline.expect("checked above");
            return with_stdout(|out| {
                cabinet::cli::run_offline(command, &dir, Some(&why), lang, out)
            });
        }
        Err(Unopened::Server(why)) => return Err(CliError::Other(why)),
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
        Some(command) => with_stdout(|out| {
            let mut ctx = cabinet::cli::Ctx {
                firm: firm.as_ref(),
                today,
                lang,
                out,
            };
            cabinet::cli::run(command, &mut ctx)
        }),
    }
}

/// Runs `f` on locked standard output and flushes it.
fn with_stdout(f: impl FnOnce(&mut dyn Write) -> Result<(), CliError>) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = f(&mut out);
    out.flush()?;
    result
}

/// Why the firm could not be reached.
enum Unopened {
    /// The server refused the session (not on the team, for instance).
    Api(cabinet::api::ApiError),
    /// No server could be reached or started; the reason, in words.
    Server(String),
}

/// Connects to the firm's server as the current Unix user, starting the
/// server when none is running.
fn open(dir: &std::path::Path, lang: Lang) -> Result<Arc<dyn Firm>, Unopened> {
    match cabinet::remote::connect(dir) {
        Ok(firm) => Ok(Arc::new(firm)),
        Err(cabinet::remote::ConnectError::Refused(e)) => Err(Unopened::Api(e)),
        Err(e) => Err(Unopened::Server(lang.connect_error(&e))),
    }
}
