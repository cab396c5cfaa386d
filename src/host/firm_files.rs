//! The files a firm directory holds for its server, besides `firm.redb`:
//! the socket clients connect to, the lock that makes one server the
//! owner, and the server's logs.
//!
//! The lock works like tmux's: a server holds an exclusive `flock` on
//! `cabinet.lock` for as long as it runs, and the kernel lets it go when
//! the process dies, however it dies. Whoever holds the lock may remove a
//! socket left behind by a dead server and bind a new one. The lock file
//! is never deleted, since deleting a lock file that someone else is about
//! to lock would let two servers in at once.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::{FlockOperation, flock};

use super::accounts;

/// The socket's name inside a firm directory.
pub(crate) const SOCKET_NAME: &str = "cabinet.sock";

/// The lock file's name inside a firm directory.
pub(crate) const LOCK_NAME: &str = "cabinet.lock";

/// The log directory's name inside a firm directory.
pub(crate) const LOG_DIR_NAME: &str = "log";

/// The longest socket path the kernel accepts (`sun_path` less its NUL).
pub(crate) const MAX_SOCKET_PATH: usize = 107;

/// The socket in a firm directory.
pub fn socket_path(dir: &Path) -> PathBuf {
    dir.join(SOCKET_NAME)
}

/// The lock file in a firm directory.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(LOCK_NAME)
}

/// Where the server writes its logs.
pub(crate) fn log_dir(dir: &Path) -> PathBuf {
    dir.join(LOG_DIR_NAME)
}

/// Refuses a socket path the kernel would refuse, with a message saying
/// what to do.
pub(crate) fn check_socket_path(dir: &Path) -> Result<PathBuf, String> {
    let path = socket_path(dir);
    let len = path.as_os_str().len();
    if len > MAX_SOCKET_PATH {
        return Err(format!(
            "{}: the firm directory's path is too long for its socket ({len} bytes, {MAX_SOCKET_PATH} at most); \
             move the firm to a shorter path",
            dir.display()
        ));
    }
    Ok(path)
}

/// The message for a user who may not reach a firm directory: it names
/// the directory's group, which is what an admin adds people to.
pub(crate) fn permission_denied(dir: &Path) -> String {
    let owner = std::iter::successors(Some(dir), |d| d.parent())
        .find_map(|d| std::fs::metadata(d).ok().map(|m| m.gid()));
    match owner {
        Some(gid) => format!(
            "permission denied: {} belongs to group {}; ask an admin to add you",
            dir.display(),
            accounts::group_name(gid)
        ),
        None => format!(
            "permission denied: {}; ask an admin to add you to its group",
            dir.display()
        ),
    }
}

/// What kind of firm a directory holds, told by who owns the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The directory is the user's own (mode 0700): the user's sessions
    /// start its server on demand.
    Personal,
    /// A service account owns the directory and runs its server (the
    /// systemd unit); members reach it through the socket only, and never
    /// start a server for it.
    Office {
        /// The service account's uid.
        owner: u32,
    },
}

/// The uid that owns a firm directory: the only uid whose server a client
/// trusts on its socket.
pub(crate) fn owner(dir: &Path) -> io::Result<u32> {
    Ok(std::fs::metadata(dir)?.uid())
}

/// Whether `dir` is this user's own firm or an office firm run by a
/// service account.
pub(crate) fn kind(dir: &Path) -> io::Result<Kind> {
    let owner = owner(dir)?;
    Ok(if owner == rustix::process::geteuid().as_raw() {
        Kind::Personal
    } else {
        Kind::Office { owner }
    })
}

/// The lock a running server holds on its firm directory.
#[derive(Debug)]
pub(crate) struct ServerLock {
    file: File,
}

impl ServerLock {
    /// Takes the lock, or returns `None` when another server holds it.
    pub(crate) fn try_acquire(dir: &Path) -> io::Result<Option<ServerLock>> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(lock_path(dir))?;
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(Some(ServerLock { file })),
            Err(rustix::io::Errno::WOULDBLOCK) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes this process's id into the lock file, for `cabinet serve`
    /// to report and for administrators.
    ///
    /// The id is written in one piece of fixed width over the previous
    /// server's, so that a reader never finds the file empty or half
    /// written.
    pub(crate) fn record_pid(&mut self) -> io::Result<()> {
        let line = format!("{:>10}\n", std::process::id());
        std::os::unix::fs::FileExt::write_all_at(&self.file, line.as_bytes(), 0)?;
        self.file.set_len(line.len() as u64)?;
        self.file.sync_data()
    }
}

/// Whether a server holds the firm directory's lock.
pub fn server_running(dir: &Path) -> bool {
    let Ok(file) = File::open(lock_path(dir)) else {
        return false;
    };
    matches!(
        flock(&file, FlockOperation::NonBlockingLockShared),
        Err(rustix::io::Errno::WOULDBLOCK)
    )
}

/// The process id of the server holding the lock, if one does.
pub fn server_pid(dir: &Path) -> Option<u32> {
    if !server_running(dir) {
        return None;
    }
    let mut text = String::new();
    File::open(lock_path(dir))
        .ok()?
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

/// Whether process `pid` is a cabinet server of the firm in `dir`: its
/// program is cabinet, it runs `serve`, and (where this user may look) it
/// holds the firm's lock file open. Guards against signalling a process
/// that took over a dead server's id.
pub fn is_firm_server(pid: u32, dir: &Path) -> bool {
    let proc = PathBuf::from(format!("/proc/{pid}"));
    let exe = std::fs::read_link(proc.join("exe"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let cmdline = std::fs::read(proc.join("cmdline")).unwrap_or_default();
    let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
    let program_is_cabinet = |name: &str| name.starts_with("cabinet");
    let named_cabinet = match &exe {
        Some(name) => program_is_cabinet(name),
        // Another user's process: its exe link is hidden, its arguments are not.
        None => args.first().is_some_and(|a| {
            Path::new(&*String::from_utf8_lossy(a))
                .file_name()
                .is_some_and(|n| program_is_cabinet(&n.to_string_lossy()))
        }),
    };
    if !named_cabinet || !args.iter().any(|a| *a == b"serve") {
        return false;
    }
    let lock = lock_path(dir);
    let lock = lock.canonicalize().unwrap_or(lock);
    match std::fs::read_dir(proc.join("fd")) {
        Ok(fds) => fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == lock)),
        // Its open files are hidden from this user: the lock's pid and
        // the program are all there is to go on.
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!server_running(dir.path()));
        let mut lock = ServerLock::try_acquire(dir.path()).unwrap().expect("free");
        lock.record_pid().unwrap();
        assert!(server_running(dir.path()));
        assert_eq!(server_pid(dir.path()), Some(std::process::id()));
        assert!(ServerLock::try_acquire(dir.path()).unwrap().is_none());
        drop(lock);
        assert!(!server_running(dir.path()));
        assert!(ServerLock::try_acquire(dir.path()).unwrap().is_some());
    }

    #[test]
    fn long_paths_are_refused_with_advice() {
        let long = PathBuf::from(format!("/{}", "x".repeat(120)));
        let e = check_socket_path(&long).unwrap_err();
        assert!(e.contains("too long"), "{e}");
        assert!(check_socket_path(Path::new("/srv/cabinet/acme")).is_ok());
    }

    #[test]
    fn the_refusal_names_the_group() {
        let dir = tempfile::tempdir().unwrap();
        let gid = std::fs::metadata(dir.path()).unwrap().gid();
        let m = permission_denied(dir.path());
        assert!(m.starts_with("permission denied: "), "{m}");
        assert!(
            m.contains(&format!("belongs to group {}", accounts::group_name(gid))),
            "{m}"
        );
        assert!(m.ends_with("ask an admin to add you"), "{m}");
    }
}
