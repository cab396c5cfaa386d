//! The firm server: the one process that owns a firm's database and
//! serves the firm API to every cabinet process over a Unix socket.
//!
//! redb lets one process open a database file, while several bookkeepers
//! work on the same firm at once. So, as with tmux, the first cabinet to
//! need a firm starts a server for it, detached from its terminal, and
//! every cabinet (that one included) talks to the server through
//! [`crate::remote`].
//!
//! [`start`] takes the firm directory's lock, opens the firm, binds
//! `cabinet.sock` and runs an accept loop on its own thread; each
//! connection gets a thread of its own and a
//! [`LocalSession`](crate::api::local::LocalSession) for the Unix login
//! the kernel reports for it, and one thread pushes events and pings to
//! every client. [`serve`] does the same and waits, which is
//! what `cabinet serve` runs.
//!
//! The server never writes to a terminal: it logs to files in the firm
//! directory's `log/` folder (see [`logging`]).

pub mod command;
mod connection;
mod dispatch;
mod listener;
pub mod logging;
mod peer;
mod pusher;
mod replay;
mod shared;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::api::local::Core;
use crate::host::firm_files::{self, ServerLock};
use crate::store::StoreError;

pub(crate) use shared::Stopper;

/// How long a request may take to arrive, from its first byte to its
/// last.
pub(crate) const FRAME_DEADLINE: Duration = Duration::from_secs(15);

/// The most connections a server keeps open at once.
pub(crate) const MAX_CONNECTIONS: u32 = 512;

/// The most connections a server keeps open at once for one login.
pub(crate) const MAX_PER_LOGIN: u32 = 64;

/// How long an auto-started server waits with no client before exiting.
pub(crate) const IDLE_EXIT: Duration = Duration::from_secs(15 * 60);

/// How often the server pings each client.
pub(crate) const PING_EVERY: Duration = Duration::from_secs(10);

/// How a server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The firm directory.
    pub(crate) firm: PathBuf,
    /// Exit after this long with no client connected; `None` runs until
    /// stopped.
    pub(crate) idle_exit: Option<Duration>,
    /// How often to ping each client.
    pub ping_every: Duration,
    /// Write the log to the firm directory. This installs the process's
    /// global tracing subscriber, so only a process that is nothing but a
    /// server should ask for it.
    pub(crate) log_to_file: bool,
    /// Stop cleanly on SIGTERM, SIGINT and SIGHUP.
    pub(crate) stop_on_signals: bool,
    /// Log to standard error too (a server in the foreground, whose
    /// output a service manager's journal keeps).
    pub(crate) log_to_stderr: bool,
    /// How long a frame may take from its first byte to its last.
    pub(crate) frame_deadline: Duration,
    /// The most connections open at once.
    pub(crate) max_connections: u32,
    /// The most connections open at once from one login.
    pub(crate) max_per_login: u32,
}

impl ServeOptions {
    /// A server that runs until stopped: `cabinet serve --foreground`.
    pub(crate) fn foreground(firm: impl Into<PathBuf>) -> Self {
        ServeOptions {
            firm: firm.into(),
            idle_exit: None,
            ping_every: PING_EVERY,
            log_to_file: true,
            stop_on_signals: true,
            log_to_stderr: true,
            frame_deadline: FRAME_DEADLINE,
            max_connections: MAX_CONNECTIONS,
            max_per_login: MAX_PER_LOGIN,
        }
    }

    /// A server started on demand by a cabinet command, which exits after
    /// [`IDLE_EXIT`] with no clients.
    pub(crate) fn on_demand(firm: impl Into<PathBuf>) -> Self {
        ServeOptions {
            idle_exit: Some(IDLE_EXIT),
            log_to_stderr: false,
            ..ServeOptions::foreground(firm)
        }
    }

    /// A server inside another program (tests, benchmarks): no log file,
    /// no signal handlers, runs until stopped.
    pub fn embedded(firm: impl Into<PathBuf>) -> Self {
        ServeOptions {
            log_to_file: false,
            stop_on_signals: false,
            log_to_stderr: false,
            ..ServeOptions::foreground(firm)
        }
    }
}

/// Why a server could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("a cabinet server is already running for {}{}", .dir.display(), .pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    AlreadyRunning { dir: PathBuf, pid: Option<u32> },

    #[error("permission denied: {}{}", .dir.display(), .group.as_ref().map(|g| format!(" belongs to group {g}; ask an admin to add you")).unwrap_or_else(|| "; ask an admin to add you to its group".into()))]
    PermissionDenied { dir: PathBuf, group: Option<String> },

    #[error("{0}")]
    PathTooLong(firm_files::PathTooLong),

    #[error("{} holds no firm; create one with `cabinet init {}`", .dir.display(), .dir.display())]
    NoFirm { dir: PathBuf },

    #[error("{} belongs to {owner}: only its server, run as {owner} (the systemd unit), may open it", .dir.display())]
    NotOwner { dir: PathBuf, owner: String },

    #[error(transparent)]
    Open(#[from] StoreError),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("the server could not set up its log in {}: {error}", .dir.display())]
    Log {
        dir: PathBuf,
        error: crate::api::OsError,
    },
}

impl ServerError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::PermissionDenied {
            let dir = path_dir(path);
            return ServerError::PermissionDenied {
                dir: dir.to_owned(),
                group: firm_files::group_of(dir),
            };
        }
        ServerError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

fn path_dir(path: &Path) -> &Path {
    if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(path)
    }
}

/// A server running on its own thread. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningServer {
    stopper: Stopper,
    socket: PathBuf,
    thread: Option<JoinHandle<Result<(), ServerError>>>,
}

impl RunningServer {
    /// The socket clients connect to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Waits until the server stops (a signal, the idle timeout, a
    /// replacement or [`Stopper::stop`]).
    pub(crate) fn wait(mut self) -> Result<(), ServerError> {
        self.join()
    }

    fn join(&mut self) -> Result<(), ServerError> {
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or_else(|_| {
                tracing::error!("the server thread panicked");
                Ok(())
            }),
            None => Ok(()),
        }
    }

    /// Says goodbye to every client, closes the firm and waits for the
    /// server to be gone.
    pub fn stop(self) -> Result<(), ServerError> {
        self.stopper.stop(crate::api::Goodbye::Stopped);
        self.wait()
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.stopper.stop(crate::api::Goodbye::Stopped);
            let _ = self.join();
        }
    }
}

/// Runs a server until it stops.
pub(crate) fn serve(options: ServeOptions) -> Result<(), ServerError> {
    start(options)?.wait()
}

/// Starts a server on a thread of its own and returns once it listens.
///
/// The firm must exist (`cabinet init` creates one) and its directory
/// must belong to the user running the server: an office firm is served
/// by its service account alone.
///
/// Sets the process's umask to 077, so that everything the server creates
/// in the firm directory (the database, the lock, the log) is its own and
/// no one else's; the socket alone is opened to the directory's group
/// (0660).
pub fn start(options: ServeOptions) -> Result<RunningServer, ServerError> {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let dir = options.firm.clone();
    let socket = firm_files::check_socket_path(&dir).map_err(ServerError::PathTooLong)?;
    match firm_files::owner(&dir) {
        Ok(owner) if owner != rustix::process::geteuid().as_raw() => {
            return Err(ServerError::NotOwner {
                dir,
                owner: crate::host::accounts::login_of(owner),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ServerError::NoFirm { dir });
        }
        Err(e) => return Err(ServerError::io(&dir, e)),
    }
    if !crate::api::local::has_firm(&dir) {
        return Err(ServerError::NoFirm { dir });
    }
    if options.log_to_file {
        logging::init(&dir, options.log_to_stderr)?;
        // A server never writes to anyone's terminal: a panic in a
        // connection's thread goes to the log, with its backtrace.
        // The caller answers with an internal error and carries on.
        std::panic::set_hook(Box::new(|info| {
            let trace = std::backtrace::Backtrace::force_capture();
            tracing::error!("panic: {info}\n{trace}");
        }));
    }
    let mut lock = match ServerLock::try_acquire(&dir) {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            return Err(ServerError::AlreadyRunning {
                pid: firm_files::server_pid(&dir),
                dir,
            });
        }
        Err(e) => return Err(ServerError::io(&firm_files::lock_path(&dir), e)),
    };
    // Signals are caught before the socket appears, so that a server
    // told to stop as soon as it answers stops cleanly.
    let (stopper, wake) = Stopper::new().map_err(|e| ServerError::io(&socket, e))?;
    if options.stop_on_signals {
        stopper
            .stop_on_signals()
            .map_err(|e| ServerError::io(&socket, e))?;
    }
    if options.log_to_file {
        logging::reserve_last_words(&dir);
    }
    let core = Core::open(&dir).map_err(|e| match e {
        StoreError::Io { path, source } => ServerError::io(&path, source),
        other => ServerError::Open(other),
    })?;
    clear_scratch(&dir);
    // The pid is on record before anyone can connect.
    lock.record_pid()
        .map_err(|e| ServerError::io(&firm_files::lock_path(&dir), e))?;
    let listener = bind(&socket)?;
    tracing::info!(
        firm = %dir.display(),
        pid = std::process::id(),
        build = crate::protocol::BUILD,
        protocol = crate::protocol::VERSION,
        idle_exit = ?options.idle_exit,
        "server listening on {}",
        socket.display()
    );
    let server = listener::Server::new(
        Arc::clone(&core),
        listener,
        stopper.clone(),
        wake,
        &options,
        socket.clone(),
    )
    .map_err(|e| ServerError::io(&socket, e))?;
    // The list's name order is computed while the first clients
    // connect, not when the first one asks for it (1.7 s at 1,000,000
    // clients). A failed spawn only loses the head start.
    let warm = Arc::clone(&core);
    let _ = std::thread::Builder::new()
        .name("cabinet-warm".into())
        .spawn(move || warm.warm());
    drop(core);
    let thread = std::thread::Builder::new()
        .name("cabinet-accept".into())
        .spawn(move || {
            server.run();
            // The database is closed by now; only then may another
            // server take the lock.
            drop(lock);
            Ok(())
        })
        .map_err(|e| ServerError::io(&socket, e))?;
    Ok(RunningServer {
        stopper,
        socket,
        thread: Some(thread),
    })
}

/// Removes the pieces of backups and restores a dead server left behind
/// (see [`crate::api::local::Transfers`]); the caller holds the lock, so
/// no live server is using them.
fn clear_scratch(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".upload-") || name.starts_with(".backup-") {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::info!("removed {name}, left by a server that is gone"),
                Err(e) => tracing::warn!("could not remove {name}: {e}"),
            }
        }
    }
}

/// Binds the socket, replacing one left by a dead server. The caller
/// holds the lock, so no live server can own the old socket.
pub(super) fn bind(socket: &Path) -> Result<UnixListener, ServerError> {
    match std::fs::remove_file(socket) {
        Ok(()) => tracing::info!("removed a stale socket left by a server that is gone"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(ServerError::io(socket, e)),
    }
    let listener = UnixListener::bind(socket).map_err(|e| ServerError::io(socket, e))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))
        .map_err(|e| ServerError::io(socket, e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ServerError::io(socket, e))?;
    Ok(listener)
}
