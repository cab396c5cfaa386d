//! Backups and restores over the socket. The files are the user's: this
//! process opens them with its user's permissions, and streams them to
//! and from the server, which never opens a path a client sent.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::{RemoteFirm, unexpected};
use crate::api::local::CHUNK;
use crate::api::{ApiError, BackupFault, BackupReport, Refusal, RestoreReport};
use crate::protocol::{Request, Response};

/// Streams a backup from the server into `dest`, a new file (mode 0600).
/// A backup that fails half way leaves no file behind.
pub(super) fn backup(firm: &RemoteFirm, dest: &Path) -> Result<BackupReport, ApiError> {
    let cannot = |fault: BackupFault| {
        ApiError::Declined(Refusal::CannotWrite {
            path: dest.to_owned(),
            fault,
        })
    };
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(cannot(BackupFault::NoFolder {
            dir: dir.to_owned(),
        }));
    }
    // The file is opened first, by this process: nothing is asked of the
    // server for a file the user may not write, and a file already there
    // is never written over.
    let mut file = match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dest)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(ApiError::Declined(Refusal::BackupExists {
                path: dest.to_owned(),
            }));
        }
        Err(e) => return Err(cannot(e.into())),
    };
    let mut report = None;
    let written = (|| {
        report = Some(match firm.call(Request::BackupStart)? {
            Response::Backup(r) => r,
            other => return Err(unexpected("backup", other)),
        });
        let mut bytes = 0u64;
        loop {
            match firm.call(Request::BackupRead)? {
                Response::Bytes(b) if b.is_empty() => break,
                Response::Bytes(b) => {
                    file.write_all(&b).map_err(|e| cannot(e.into()))?;
                    bytes += b.len() as u64;
                }
                other => return Err(unexpected("backup", other)),
            }
        }
        file.sync_all().map_err(|e| cannot(e.into()))?;
        Ok(bytes)
    })();
    match written {
        Ok(bytes) => {
            if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
                && let Ok(d) = File::open(dir)
            {
                let _ = d.sync_all();
            }
            let mut report = report.expect("set before any byte was written");
            report.path = dest.to_owned();
            report.bytes = bytes;
            Ok(report)
        }
        Err(e) => {
            drop(file);
            let _ = std::fs::remove_file(dest);
            Err(e)
        }
    }
}

/// Reads the backup at `src` and streams it to the server to restore.
pub(super) fn restore(
    firm: &RemoteFirm,
    src: &Path,
    force: bool,
) -> Result<RestoreReport, ApiError> {
    let bad = |fault: BackupFault| {
        ApiError::Declined(Refusal::NotABackup {
            path: src.to_owned(),
            fault,
        })
    };
    let mut file = File::open(src).map_err(|e| bad(e.into()))?;
    let meta = file.metadata().map_err(|e| bad(e.into()))?;
    if !meta.is_file() {
        return Err(bad(BackupFault::NotAFile));
    }
    if meta.len() == 0 {
        return Err(bad(BackupFault::Empty));
    }
    match firm.call(Request::UploadStart)? {
        Response::Done => {}
        other => return Err(unexpected("restore", other)),
    }
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = read_full(&mut file, &mut buf).map_err(|e| bad(e.into()))?;
        if n == 0 {
            break;
        }
        match firm.call(Request::UploadWrite(buf[..n].to_vec()))? {
            Response::Done => {}
            other => return Err(unexpected("restore", other)),
        }
    }
    let shown = std::path::absolute(src).unwrap_or_else(|_| src.to_owned());
    match firm.call(Request::RestoreUpload { force, shown })? {
        Response::Restore(r) => Ok(r),
        other => Err(unexpected("restore", other)),
    }
}

/// Reads until `buf` is full or the file ends.
fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}
