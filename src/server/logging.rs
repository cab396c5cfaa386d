//! The server's log: daily files in the firm directory's `log/` folder,
//! a week of them kept.
//!
//! A server may be started from anyone's terminal, so it never writes to
//! one; everything it has to say goes here. `RUST_LOG` filters as usual
//! (the default is `info`).

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

use super::ServerError;
use crate::host::firm_files;

/// How many daily log files are kept.
pub const KEEP_DAYS: usize = 7;

/// The prefix of the log files' names: `server.YYYY-MM-DD.log`.
pub const FILE_PREFIX: &str = "server";

/// Where the server logs for a firm directory.
pub fn log_dir(firm: &Path) -> PathBuf {
    firm_files::log_dir(firm)
}

/// Sends this process's tracing output to the firm's log files and, for a
/// server in the foreground (under systemd, whose journal reads it), to
/// standard error as well.
///
/// A process has one global subscriber; when one is installed already,
/// that one is kept.
pub fn init(firm: &Path, to_stderr: bool) -> Result<(), ServerError> {
    let dir = log_dir(firm);
    let err = |reason: String| ServerError::Log {
        dir: dir.clone(),
        reason,
    };
    std::fs::create_dir_all(&dir).map_err(|e| err(e.to_string()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(&dir)
        .map_err(|e| err(e.to_string()))?;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = move || -> Box<dyn std::io::Write> {
        if to_stderr {
            Box::new(std::io::stderr())
        } else {
            Box::new(std::io::sink())
        }
    };
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(appender.and(stderr))
        .with_ansi(false)
        .with_thread_names(true)
        .finish();
    let _already_set = tracing::subscriber::set_global_default(subscriber);
    Ok(())
}

/// Everything logged so far, oldest file first (for tests and support).
pub fn read_all(firm: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(log_dir(firm))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(FILE_PREFIX))
        })
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}
