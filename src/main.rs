//! The `cabinet` command: opens the firm and runs the terminal app.
//!
//! `cabinet [--firm DIR]` signs in as the Unix login (`USER`) and shows
//! the client list.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use cabinet::api::Firm;
use cabinet::api::local::Core;
use cabinet::config::{self, Config};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut flag: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--firm" => flag = Some(args.next().context("--firm needs a directory")?.into()),
            other => anyhow::bail!("unknown argument {other:?}; usage: cabinet [--firm DIR]"),
        }
    }
    let (settings, _) = Config::load()?;
    let dir = config::firm_dir(flag.as_deref(), &settings)
        .context("no firm directory; pass --firm DIR")?;
    let core =
        Core::open(&dir).with_context(|| format!("opening the firm in {}", dir.display()))?;
    let login = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "user".to_owned());
    let session: Arc<dyn Firm> = Arc::new(core.session(&login)?);
    cabinet::tui::run(session, cabinet::tui::Options::from_config(&settings))?;
    Ok(())
}
