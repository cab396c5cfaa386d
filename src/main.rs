//! The `cabinet` binary: parses the command line, finds the firm, and
//! hands over to the TUI or a subcommand. Errors are printed once, as a
//! sentence, and mapped to exit codes; a closed pipe is not an error.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use cabinet::api::Firm;
use cabinet::api::local::{Core, has_firm, is_file_problem};
use cabinet::cli::args::Command;
use cabinet::cli::{Cli, CliError, works_offline};
use cabinet::config::{self, Config};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cabinet: {}", e.report());
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let (config, _) = Config::load().map_err(|e| CliError::Usage(format!("settings file {e}")))?;
    let dir = if cli.demo {
        config::demo_dir()
    } else {
        config::firm_dir(cli.firm.as_deref(), &config)
    }
    .ok_or_else(|| CliError::Usage("cannot find a home directory; pass --firm DIR".into()))?;
    let today = jiff::Zoned::now().date();
    // `check` and `restore` still work on a firm file that cannot be
    // opened, and a restore into a new directory needs no firm first.
    let offline = cli.command.as_ref().filter(|c| works_offline(c));
    if let Some(command @ Command::Restore { .. }) = offline
        && !has_firm(&dir)
    {
        return with_stdout(|out| cabinet::cli::run_offline(command, &dir, None, out));
    }
    let core = match Core::open(&dir) {
        Ok(core) => core,
        Err(e) => {
            if let Some(command) = offline.filter(|_| is_file_problem(&e)) {
                let why = e.to_string();
                return with_stdout(|out| {
                    cabinet::cli::run_offline(command, &dir, Some(&why), out)
                });
            }
            return Err(CliError::Other(e.to_string()));
        }
    };
    let firm = session(core)?;
    match &cli.command {
        None => Err(CliError::Usage(
            "the full-screen client list is not available in this build; see `cabinet --help`"
                .into(),
        )),
        Some(Command::Demo { .. }) => Err(CliError::Usage(
            "demo data is not available in this build".into(),
        )),
        Some(command) => with_stdout(|out| cabinet::cli::run(command, &firm, today, out)),
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

/// Opens a session on the firm as the current Unix user.
fn session(core: Arc<Core>) -> Result<Arc<dyn Firm>, CliError> {
    let login = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "user".into());
    Ok(Arc::new(core.session(&login)?))
}
