//! Writing a file whole or not at all: the text goes to a temporary file
//! beside its final name, which is synced to disk and renamed over that
//! name only once complete, so a reader never sees half a file and a
//! failed write leaves the old one alone.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A file being written beside `path`. [`AtomicFile::commit`] gives it
/// its final name; dropped uncommitted, it is removed and `path` is left
/// as it was.
pub(crate) struct AtomicFile {
    tmp: PathBuf,
    path: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file (`<name>.partial-<pid>`, beside `path`)
    /// with permissions `mode`, whatever the umask.
    pub(crate) fn create(path: &Path, mode: u32) -> io::Result<AtomicFile> {
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(format!(".partial-{}", std::process::id()));
        let tmp = path.with_file_name(name);
        let f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        let file = AtomicFile {
            tmp,
            path: path.to_owned(),
            file: Some(BufWriter::new(f)),
        };
        // The umask may have taken bits away.
        if let Some(f) = &file.file {
            let _ = f
                .get_ref()
                .set_permissions(std::fs::Permissions::from_mode(mode));
        }
        Ok(file)
    }

    /// Flushes and syncs the file, renames it over its final name, and
    /// syncs the directory so that the new name is on disk too.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        let w = self.file.take().expect("committed once");
        let f = match w.into_inner() {
            Ok(f) => f,
            Err(e) => {
                let _ = std::fs::remove_file(&self.tmp);
                return Err(e.into_error());
            }
        };
        let done = f
            .sync_all()
            .and_then(|()| std::fs::rename(&self.tmp, &self.path));
        if let Err(e) = done {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(e);
        }
        if let Some(dir) = self.path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("open until committed").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("open until committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` as the whole of `path`, through an [`AtomicFile`].
pub(crate) fn write(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let mut f = AtomicFile::create(path, mode)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_whole_with_its_mode_and_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn dropped_unfinished_it_leaves_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let mut f = AtomicFile::create(&path, 0o644).unwrap();
        f.write_all(b"half a fi").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
