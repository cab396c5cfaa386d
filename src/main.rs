//! The `cabinet` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cabinet::config::{self, Config};
use cabinet::server::command::ServeArgs;

#[derive(Debug, Parser)]
#[command(name = "cabinet", version, about)]
struct Cli {
    /// The firm directory (default: the settings file's `firm`).
    #[arg(long, global = true, value_name = "DIR")]
    firm: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the firm server, which every cabinet on this machine talks to.
    Serve(ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match cli.firm {
        Some(_) => Config::default(),
        None => match Config::load() {
            Ok((config, _)) => config,
            Err(e) => {
                eprintln!("cabinet: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let Some(firm) = config::firm_dir(cli.firm.as_deref(), &config) else {
        eprintln!("cabinet: no firm directory: pass --firm DIR or set `firm` in the settings file");
        return ExitCode::from(2);
    };
    match cli.command {
        Command::Serve(args) => cabinet::server::command::run(&args, &firm),
    }
}
