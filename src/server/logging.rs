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
pub(crate) const KEEP_DAYS: usize = 7;

/// The prefix of the log files' names: `server.YYYY-MM-DD.log`.
pub(crate) const FILE_PREFIX: &str = "server";

/// Where the server logs for a firm directory.
pub(crate) fn log_dir(firm: &Path) -> PathBuf {
    firm_files::log_dir(firm)
}

/// Sends this process's tracing output to the firm's log files and, for a
/// server in the foreground (under systemd, whose journal reads it), to
/// standard error as well.
///
/// A process has one global subscriber; when one is installed already,
/// that one is kept.
pub(crate) fn init(firm: &Path, to_stderr: bool) -> Result<(), ServerError> {
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

/// The file that keeps the server's last words: why it stopped.
pub(crate) const LAST_WORDS: &str = "last-words.txt";

/// The room kept for the last words, so that writing them needs no new
/// space on a full disk.
const LAST_WORDS_ROOM: usize = 4096;

/// Where a firm's server records why it stopped.
pub(crate) fn last_words_path(firm: &Path) -> PathBuf {
    log_dir(firm).join(LAST_WORDS)
}

/// Reserves room for the last words while there is space, so that they
/// can be written even once the disk is full.
pub(crate) fn reserve_last_words(firm: &Path) {
    let path = last_words_path(firm);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() as usize >= LAST_WORDS_ROOM) {
        return;
    }
    let _ = std::fs::create_dir_all(log_dir(firm));
    let blank = vec![b' '; LAST_WORDS_ROOM];
    if let Err(e) = std::fs::write(&path, &blank) {
        tracing::warn!(
            "could not reserve room for last words in {}: {e}",
            path.display()
        );
    }
}

/// Records why the server stopped: in the log, on stderr if asked (a
/// service manager keeps it), and over the room reserved in the firm's
/// `log/last-words.txt`, which needs no new disk space.
pub(crate) fn last_words(firm: &Path, why: &str, to_stderr: bool) {
    tracing::info!("last words: {why}");
    let line = format!(
        "{} pid {}: {}\n",
        jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_default(),
        std::process::id(),
        crate::model::text::for_terminal(why, false)
    );
    if to_stderr {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    }
    let mut bytes = line.into_bytes();
    bytes.truncate(LAST_WORDS_ROOM);
    bytes.resize(LAST_WORDS_ROOM, b' ');
    let path = last_words_path(firm);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|f| {
            std::os::unix::fs::FileExt::write_all_at(&f, &bytes, 0)?;
            f.sync_data()
        });
    if let Err(e) = written {
        tracing::warn!("could not write {}: {e}", path.display());
    }
}

/// The last words of the firm's last server, if it left any.
pub fn read_last_words(firm: &Path) -> Option<String> {
    let text = std::fs::read_to_string(last_words_path(firm)).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
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
