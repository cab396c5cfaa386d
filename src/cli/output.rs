//! Where a command's output goes, without ever destroying what a path
//! points at.
//!
//! - `-` (or no path at all) is standard output.
//! - A character device (`/dev/null`, a terminal) or a FIFO is opened and
//!   written in place: replacing it with a file would break every program
//!   that uses it.
//! - A regular file is written beside its final name and renamed over it
//!   only once complete and on disk, so a reader never sees half a file
//!   and a failed write leaves the old one alone. A file that exists
//!   already is replaced only when the user said `--force`, and keeps its
//!   permissions; a new file is its owner's alone, since exports hold
//!   personal data.
//!
//! [`Pipe`] wraps standard output and standard error so that a reader who
//! goes away (`cabinet list | head -1`) ends the output quietly without
//! turning a failed command into a successful one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use crate::host::atomic::AtomicFile;
use crate::i18n::{Lang, Msg};

/// Why an output could not be opened, in the user's language; nothing was
/// written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct OutputRefused(pub(crate) String);

use crate::model::text::path_for_terminal as shown;

/// What a path names, for choosing how to write to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// `-`: standard output.
    Stdout,
    /// A character device or a FIFO: written in place.
    InPlace,
    /// A regular file that exists.
    Existing,
    /// Nothing there yet.
    New,
}

/// Says what `path` is, refusing what cannot be written to (a directory, a
/// missing parent directory, an existing file without `force`) before
/// anything is opened or created. Commands call this before they open the
/// firm, so bad input never starts a server.
pub(crate) fn check(path: &Path, force: bool, lang: Lang) -> Result<Target, OutputRefused> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let refuse = |msg: Msg| OutputRefused(lang.f(msg, &[("path", &shown(path))]));
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(refuse(Msg::OutputIsDirectory)),
        Ok(m) if m.file_type().is_char_device() || m.file_type().is_fifo() => Ok(Target::InPlace),
        Ok(m) if m.is_file() && force => Ok(Target::Existing),
        Ok(m) if m.is_file() => Err(refuse(Msg::OutputExists)),
        Ok(_) => Err(refuse(Msg::OutputNotFile)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if parent.is_dir() {
                Ok(Target::New)
            } else {
                Err(refuse(Msg::OutputNoDirectory))
            }
        }
        Err(e) => Err(OutputRefused(format!("{}: {e}", shown(path)))),
    }
}

/// An open output. Write through [`Output::writer`], then call
/// [`Output::finish`]; dropped unfinished, a temporary file is removed and
/// the destination is left as it was.
pub(crate) struct Output {
    inner: Inner,
}

enum Inner {
    Stdout(Pipe<io::Stdout>),
    InPlace(io::BufWriter<File>),
    Atomic(AtomicFile),
}

impl Output {
    /// Opens `path` (`None` or `-`: standard output) for writing, after
    /// the same checks as [`check`].
    pub(crate) fn open(
        path: Option<&Path>,
        force: bool,
        lang: Lang,
    ) -> Result<Output, OutputRefused> {
        let Some(path) = path else {
            return Ok(Output::stdout());
        };
        let inner = match check(path, force, lang)? {
            Target::Stdout => return Ok(Output::stdout()),
            Target::InPlace => {
                let f = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| OutputRefused(format!("{}: {e}", shown(path))))?;
                Inner::InPlace(io::BufWriter::new(f))
            }
            Target::Existing | Target::New => {
                // Exports hold personal data: a new file is its owner's
                // alone, and a replaced file keeps its permissions.
                let mode = std::fs::metadata(path)
                    .map(|m| m.permissions().mode() & 0o7777)
                    .unwrap_or(0o600);
                let f = AtomicFile::create(path, mode)
                    .map_err(|e| OutputRefused(format!("{}: {e}", shown(path))))?;
                Inner::Atomic(f)
            }
        };
        Ok(Output { inner })
    }

    /// Standard output.
    pub(crate) fn stdout() -> Output {
        Output {
            inner: Inner::Stdout(Pipe::new(io::stdout())),
        }
    }

    /// True when the output is standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self.inner, Inner::Stdout(_))
    }

    /// Where to write.
    pub(crate) fn writer(&mut self) -> &mut dyn Write {
        match &mut self.inner {
            Inner::Stdout(w) => w,
            Inner::InPlace(w) => w,
            Inner::Atomic(f) => f,
        }
    }

    /// Flushes everything; a regular file is synced to disk, then takes
    /// its final name.
    pub(crate) fn finish(self) -> io::Result<()> {
        match self.inner {
            Inner::Stdout(mut w) => w.flush(),
            Inner::InPlace(mut w) => match w.flush() {
                // A FIFO whose reader left: the output ends there.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Inner::Atomic(f) => f.commit(),
        }
    }
}

/// A writer that stops quietly when its reader goes away: after the first
/// broken pipe every write succeeds and goes nowhere, so the command runs
/// to its end and exits with its own code.
pub struct Pipe<W: Write> {
    inner: W,
    broken: bool,
}

impl<W: Write> Pipe<W> {
    pub fn new(inner: W) -> Self {
        Pipe {
            inner,
            broken: false,
        }
    }

    /// True once the reader has gone away.
    #[cfg(test)]
    pub(crate) fn is_broken(&self) -> bool {
        self.broken
    }
}

impl<W: Write> Write for Pipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.broken {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.broken = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.broken {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.broken = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_needs_force_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.csv");
        std::fs::write(&file, "old").unwrap();
        let err = check(&file, false, Lang::En).unwrap_err().to_string();
        assert!(err.contains("out.csv") && err.contains("--force"), "{err}");
        assert_eq!(check(&file, true, Lang::En).unwrap(), Target::Existing);
        let err = check(dir.path(), true, Lang::En).unwrap_err().to_string();
        assert!(err.contains("is a directory"), "{err}");
        let missing = dir.path().join("no/such/out.csv");
        let err = check(&missing, false, Lang::En).unwrap_err().to_string();
        assert!(err.contains("no/such/out.csv"), "{err}");
        assert_eq!(
            check(Path::new("-"), false, Lang::En).unwrap(),
            Target::Stdout
        );
    }

    #[test]
    fn a_file_appears_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.csv");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        {
            let mut o = Output::open(Some(&file), true, Lang::En).unwrap();
            o.writer().write_all(b"half").unwrap();
            // Dropped without finishing: the old file stays, no leftovers.
        }
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut o = Output::open(Some(&file), true, Lang::En).unwrap();
        o.writer().write_all(b"new").unwrap();
        o.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o644, "a replaced file keeps its permissions");
        let fresh = dir.path().join("fresh.csv");
        let o = Output::open(Some(&fresh), false, Lang::En).unwrap();
        o.finish().unwrap();
        assert_eq!(mode(&fresh), 0o600, "a new export is its owner's alone");
    }

    #[test]
    fn a_broken_pipe_ends_output_quietly() {
        struct Gone;
        impl Write for Gone {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut p = Pipe::new(Gone);
        assert!(writeln!(p, "row").is_ok());
        assert!(p.is_broken());
        assert!(writeln!(p, "more").is_ok());
    }
}
