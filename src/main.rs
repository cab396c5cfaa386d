//! The `cabinet` binary: parses the command line, finds the firm, and
//! hands over to the TUI or a subcommand. Errors are printed once, as a
//! sentence, and mapped to exit codes; a closed pipe is not an error.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use cabinet::api::Firm;
use cabinet::cli::args::Command;
use cabinet::cli::{Cli, CliError};
use cabinet::config::{self, Config};
use cabinet::i18n::Lang;

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
        return Err(CliError::Usage(format!("--lang {l}: use en or fr")));
    }
    let (config, _) = loaded.map_err(|e| CliError::Usage(format!("settings file {e}")))?;
    let dir = if cli.demo {
        config::demo_dir()
    } else {
        config::firm_dir(cli.firm.as_deref(), &config)
    }
    .ok_or_else(|| CliError::Usage("cannot find a home directory; pass --firm DIR".into()))?;
    if let Some(Command::Serve(args)) = &cli.command {
        let code = cabinet::server::command::run(args, &dir);
        return if code == ExitCode::SUCCESS {
            Ok(())
        } else {
            Err(CliError::Exit(code))
        };
    }
    let today = jiff::Zoned::now().date();
    let firm = open(&dir)?;
    if cli.demo {
        cabinet::cli::demo::ensure(firm.as_ref(), today, lang)?;
    }
    match &cli.command {
        None => Err(CliError::Usage(
            "the full-screen client list is not available in this build; see `cabinet --help`"
                .into(),
        )),
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let mut ctx = cabinet::cli::Ctx {
                firm: firm.as_ref(),
                today,
                lang,
                out: &mut out,
            };
            cabinet::cli::run(command, &mut ctx)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Connects to the firm's server as the current Unix user, starting the
/// server when none is running.
fn open(dir: &std::path::Path) -> Result<Arc<dyn Firm>, CliError> {
    match cabinet::remote::connect(dir) {
        Ok(firm) => Ok(Arc::new(firm)),
        Err(cabinet::remote::ConnectError::Refused(e)) => Err(CliError::Api(e)),
        Err(e) => Err(CliError::Other(e.to_string())),
    }
}
