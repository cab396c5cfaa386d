//! Finding the firm server, and starting one when none is running.
//!
//! [`Connector::open`] connects to the firm directory's socket and does
//! the handshake. When nothing answers (no socket, or a stale one that a
//! dead server left), it starts `cabinet serve --detach` for the firm,
//! which puts itself in a session of its own so that it outlives the
//! terminal that started it, and connects as soon as that server
//! listens. Servers started at the same moment by two people race for
//! the firm's lock; the loser exits quietly and both clients end up on
//! the winner.

use std::io::{BufReader, Read};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::link::{Callbacks, Link, ServerInfo};
use crate::api::ApiError;
use crate::host::firm_files;
use crate::model::text::for_terminal;
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{self, Hello, MAGIC, ServerMsg, Welcome};

/// How long to wait for a server to start listening (opening a large
/// firm builds its search index first).
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How long the handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The exit code of a server that may not use the firm directory.
pub(crate) const EXIT_PERMISSION: i32 = 77;

/// Why no connection to the firm server could be made.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The user may not reach the firm directory or its socket.
    #[error("{0}")]
    PermissionDenied(String),

    /// The client and the server speak different protocols.
    #[error("{0}")]
    VersionMismatch(String),

    /// The server answered and refused the session (not on the team).
    #[error(transparent)]
    Refused(#[from] ApiError),

    /// No server is running and this connector may not start one.
    #[error("no cabinet server is running for {}; start one with `cabinet serve`", .0.display())]
    NoServer(PathBuf),

    /// A server was started and failed.
    #[error("the firm server could not start: {reason}")]
    ServerFailed { reason: String },

    /// A server was started and never listened.
    #[error("the firm server for {} did not start within {} seconds; see its log in {}", .dir.display(), .waited.as_secs(), crate::host::firm_files::log_dir(.dir).display())]
    Timeout { dir: PathBuf, waited: Duration },

    /// Something other than a cabinet server answered on the socket.
    #[error("{}: something other than a cabinet server answered ({reason})", .socket.display())]
    NotCabinet { socket: PathBuf, reason: String },

    /// An office firm's server is not running, and a member's session
    /// never starts one: the service account's server alone opens the
    /// firm.
    #[error("the firm server for {} is not running; it runs as {service}, and only an administrator can start it (`systemctl start cabinet@{}`). Open sessions reconnect by themselves once it is back", .dir.display(), instance(.dir))]
    OfficeDown { dir: PathBuf, service: String },

    /// Something other than the firm directory's owner serves its socket.
    #[error("{}: the server on this socket runs as {} (uid {got}), but the firm belongs to {} (uid {expected}); refusing to talk to it. Tell an administrator: someone may have put up a fake server", .socket.display(), crate::host::accounts::login_of(*.got), crate::host::accounts::login_of(*.expected))]
    WrongServer {
        socket: PathBuf,
        expected: u32,
        got: u32,
    },

    /// The directory holds no firm.
    #[error("{} holds no firm; create one with `cabinet init {}`", .0.display(), .0.display())]
    NoFirm(PathBuf),

    #[error("{0}")]
    BadPath(String),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A server holds the firm but did not answer on its socket in time.
    #[error("a cabinet server (pid {pid}) holds {} but has not answered on its socket for {} seconds; if it is stuck, `cabinet serve --replace` stops it", .dir.display(), .waited.as_secs())]
    NotAnswering {
        dir: PathBuf,
        pid: u32,
        waited: Duration,
    },

    /// `serve --replace` found a process holding the firm that it will
    /// not, or may not, stop.
    #[error("process {pid} holds {} but {why}; stop it yourself", .dir.display())]
    CannotStop {
        dir: PathBuf,
        pid: u32,
        why: StopRefusal,
    },
}

/// Why `serve --replace` would not stop the process holding a firm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StopRefusal {
    #[error("is not a cabinet server of this firm")]
    NotCabinet,
    #[error("runs as another user, whom you may not stop")]
    OtherUser,
    #[error("could not be signalled ({0})")]
    Failed(String),
}

impl From<ConnectError> for ApiError {
    fn from(e: ConnectError) -> Self {
        match e {
            ConnectError::Refused(e) => e,
            other => ApiError::Unavailable(other.to_string()),
        }
    }
}

/// How to reach a firm's server.
#[derive(Debug, Clone)]
pub struct Connector {
    dir: PathBuf,
    program: Option<PathBuf>,
    autostart: bool,
    idle_exit: Option<Duration>,
    start_timeout: Duration,
}

/// What [`Connector::ensure_server`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Started {
    /// A server was running already.
    AlreadyRunning { pid: u32 },
    /// This call started one.
    Started { pid: u32 },
}

/// One attempt's outcome, inside the connect loop.
enum Attempt {
    Connected(Box<Handshaken>),
    NotListening,
}

/// A connection whose handshake went through.
pub(super) struct Handshaken {
    stream: UnixStream,
    reader: BufReader<UnixStream>,
    server: ServerInfo,
    session: Result<crate::api::SessionInfo, ApiError>,
}

impl Connector {
    /// Connects to the server of the firm in `dir`, starting one with this
    /// very program when none is running.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        Connector {
            dir,
            program: None,
            autostart: true,
            idle_exit: None,
            start_timeout: START_TIMEOUT,
        }
    }

    /// The firm directory.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts servers with this program instead of the running one.
    pub fn server_program(mut self, program: impl Into<PathBuf>) -> Self {
        self.program = Some(program.into());
        self
    }

    /// Whether to start a server when none is running (the default).
    pub fn autostart(mut self, on: bool) -> Self {
        self.autostart = on;
        self
    }

    /// How long a server started by this connector waits with no clients
    /// before exiting (the server's default is fifteen minutes).
    pub fn idle_exit(mut self, after: Duration) -> Self {
        self.idle_exit = Some(after);
        self
    }

    /// Opens a session on the firm, as the user running this process.
    pub fn connect(&self) -> Result<super::RemoteFirm, ConnectError> {
        super::RemoteFirm::open(self.clone())
    }

    /// Makes sure a server is running for the firm, starting one if
    /// needed, without opening a session.
    pub(crate) fn ensure_server(&self) -> Result<Started, ConnectError> {
        let socket = firm_files::check_socket_path(&self.dir).map_err(ConnectError::BadPath)?;
        if let Some(service) = self.office()? {
            return match self.attempt(&socket)? {
                Attempt::Connected(h) => Ok(Started::AlreadyRunning { pid: h.server.pid }),
                Attempt::NotListening => Err(self.office_down(service)),
            };
        }
        if let Some(pid) =
            firm_files::server_pid(&self.dir).filter(|_| UnixStream::connect(&socket).is_ok())
        {
            return Ok(Started::AlreadyRunning { pid });
        }
        let mut child = self.spawn_server()?;
        let started = Instant::now();
        loop {
            match UnixStream::connect(&socket) {
                Ok(_) => {
                    reap(child);
                    let pid = firm_files::server_pid(&self.dir).unwrap_or(0);
                    return Ok(Started::Started { pid });
                }
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    reap(child);
                    return Err(ConnectError::PermissionDenied(
                        firm_files::permission_denied(&self.dir),
                    ));
                }
                Err(_) => {}
            }
            match child.try_wait() {
                Ok(Some(status)) if !status.success() => {
                    return Err(failure(status.code(), child.stderr.take()));
                }
                Ok(Some(_)) if !firm_files::server_running(&self.dir) => {
                    child = self.spawn_server()?
                }
                _ => {}
            }
            if started.elapsed() > self.start_timeout {
                reap(child);
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: self.start_timeout,
                });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Asks the running server to shut down so that another build can
    /// take over, and waits until it has let go of the firm.
    pub(crate) fn replace_server(&self, wait: Duration) -> Result<Option<u32>, ConnectError> {
        let socket = firm_files::check_socket_path(&self.dir).map_err(ConnectError::BadPath)?;
        let stream = match UnixStream::connect(&socket) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(ConnectError::PermissionDenied(
                    firm_files::permission_denied(&self.dir),
                ));
            }
            // No socket, yet a server may hold the firm (its socket was
            // deleted): stop it by its process id.
            Err(_) => return self.stop_by_signal(wait),
        };
        self.check_peer(&stream, &socket)?;
        let welcome = match greet(stream, &socket, true) {
            Ok((welcome, _)) => welcome,
            Err(GreetError::Gone) => return self.stop_by_signal(wait),
            Err(GreetError::Failed(e)) => {
                // A server that does not answer on its socket.
                if firm_files::server_running(&self.dir) {
                    return self.stop_by_signal(wait);
                }
                return Err(e);
            }
        };
        if !welcome.refused.is_empty() {
            return Err(ConnectError::ServerFailed {
                reason: welcome.refused,
            });
        }
        let deadline = Instant::now() + wait;
        while firm_files::server_running(&self.dir) {
            if Instant::now() > deadline {
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: wait,
                });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(Some(welcome.pid))
    }

    /// Stops the server holding the firm's lock by signal (SIGTERM, then
    /// SIGKILL if it does not let go), after checking it is a cabinet
    /// server of this firm. `None` when no server holds the lock.
    fn stop_by_signal(&self, wait: Duration) -> Result<Option<u32>, ConnectError> {
        use rustix::process::{Pid, Signal, kill_process};
        let Some(pid) = firm_files::server_pid(&self.dir) else {
            return Ok(None);
        };
        let refuse = |why: StopRefusal| ConnectError::CannotStop {
            dir: self.dir.clone(),
            pid,
            why,
        };
        if !firm_files::is_firm_server(pid, &self.dir) {
            return Err(refuse(StopRefusal::NotCabinet));
        }
        let target = Pid::from_raw(pid as i32)
            .ok_or_else(|| refuse(StopRefusal::Failed(format!("no such process id {pid}"))))?;
        tracing::info!(
            "stopping the firm server {pid} by signal: it does not answer on its socket"
        );
        match kill_process(target, Signal::TERM) {
            Ok(()) => {}
            Err(rustix::io::Errno::PERM) => {
                return Err(refuse(StopRefusal::OtherUser));
            }
            Err(rustix::io::Errno::SRCH) => return Ok(Some(pid)),
            Err(e) => return Err(refuse(StopRefusal::Failed(e.to_string()))),
        }
        let started = Instant::now();
        let mut killed = false;
        while firm_files::server_running(&self.dir) {
            if !killed && started.elapsed() > wait / 2 {
                tracing::warn!("the firm server {pid} ignored SIGTERM; killing it");
                let _ = kill_process(target, Signal::KILL);
                killed = true;
            }
            if started.elapsed() > wait {
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: wait,
                });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(Some(pid))
    }

    /// Connects and opens a session, starting a server if allowed.
    pub(super) fn open_link(&self, callbacks: Callbacks) -> Result<Arc<Link>, ConnectError> {
        let h = self.reach(self.autostart)?;
        h.session?;
        Link::start(h.stream, h.reader, h.server, callbacks).map_err(|e| ConnectError::Io {
            path: firm_files::socket_path(&self.dir),
            source: e,
        })
    }

    /// Connects and handshakes; when nothing listens, starts a server
    /// (once) if `autostart`, and keeps trying until it answers.
    fn reach(&self, autostart: bool) -> Result<Handshaken, ConnectError> {
        let socket = firm_files::check_socket_path(&self.dir).map_err(ConnectError::BadPath)?;
        if let Some(service) = self.office()? {
            return match self.attempt(&socket)? {
                Attempt::Connected(h) => Ok(*h),
                Attempt::NotListening => Err(self.office_down(service)),
            };
        }
        let started = Instant::now();
        let mut child: Option<Child> = None;
        let mut pause = Duration::from_millis(2);
        loop {
            match self.attempt(&socket)? {
                Attempt::Connected(h) => {
                    if let Some(child) = child {
                        reap(child);
                    }
                    return Ok(*h);
                }
                Attempt::NotListening if !autostart && child.is_none() => {
                    if !firm_files::server_running(&self.dir) {
                        return Err(ConnectError::NoServer(self.dir.clone()));
                    }
                }
                Attempt::NotListening => {}
            }
            if autostart {
                match child.as_mut().map(Child::try_wait) {
                    None => child = Some(self.spawn_server()?),
                    Some(Ok(Some(status))) if !status.success() => {
                        return Err(failure(status.code(), child.take().and_then(|c| c.stderr)));
                    }
                    // It lost the race to another server, or went idle
                    // before we got there: start another unless one holds
                    // the lock.
                    Some(Ok(Some(_))) if !firm_files::server_running(&self.dir) => {
                        child = Some(self.spawn_server()?);
                    }
                    _ => {}
                }
            }
            if started.elapsed() > self.start_timeout {
                if let Some(child) = child {
                    reap(child);
                }
                if let Some(pid) = firm_files::server_pid(&self.dir) {
                    return Err(ConnectError::NotAnswering {
                        dir: self.dir.clone(),
                        pid,
                        waited: self.start_timeout,
                    });
                }
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: self.start_timeout,
                });
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    /// The service account of an office firm, or `None` for a personal
    /// firm (the user's own directory), whose server this user starts.
    fn office(&self) -> Result<Option<u32>, ConnectError> {
        match firm_files::kind(&self.dir) {
            Ok(firm_files::Kind::Personal) => Ok(None),
            Ok(firm_files::Kind::Office { owner }) => Ok(Some(owner)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(ConnectError::NoFirm(self.dir.clone()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(
                ConnectError::PermissionDenied(firm_files::permission_denied(&self.dir)),
            ),
            Err(e) => Err(io(&self.dir, e)),
        }
    }

    fn office_down(&self, service: u32) -> ConnectError {
        ConnectError::OfficeDown {
            dir: self.dir.clone(),
            service: crate::host::accounts::login_of(service),
        }
    }

    /// Refuses a socket served by anyone but the firm directory's owner:
    /// the kernel says who is on the other end (`SO_PEERCRED`), which a
    /// fake server cannot forge.
    fn check_peer(&self, stream: &UnixStream, socket: &Path) -> Result<(), ConnectError> {
        let expected = firm_files::owner(&self.dir).map_err(|e| io(&self.dir, e))?;
        let got = rustix::net::sockopt::socket_peercred(stream)
            .map_err(|e| io(socket, e.into()))?
            .uid
            .as_raw();
        if got != expected {
            return Err(ConnectError::WrongServer {
                socket: socket.to_owned(),
                expected,
                got,
            });
        }
        Ok(())
    }

    fn attempt(&self, socket: &Path) -> Result<Attempt, ConnectError> {
        let stream = match UnixStream::connect(socket) {
            Ok(s) => s,
            Err(e) => {
                return match e.kind() {
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused => {
                        Ok(Attempt::NotListening)
                    }
                    std::io::ErrorKind::PermissionDenied => Err(ConnectError::PermissionDenied(
                        firm_files::permission_denied(&self.dir),
                    )),
                    _ => Err(ConnectError::Io {
                        path: socket.to_owned(),
                        source: e,
                    }),
                };
            }
        };
        self.check_peer(&stream, socket)?;
        match greet(stream, socket, false) {
            Ok((welcome, mut reader)) => {
                if !welcome.refused.is_empty() {
                    // A server of this version may follow its refusal
                    // with its code (too many connections, say).
                    if welcome.protocol == protocol::VERSION
                        && let Ok(ServerMsg::Session(Err(e))) =
                            frame::read::<ServerMsg>(&mut reader)
                    {
                        return Err(ConnectError::Refused(e));
                    }
                    return Err(if welcome.protocol != protocol::VERSION {
                        ConnectError::VersionMismatch(protocol::mismatch_message(
                            protocol::VERSION,
                            welcome.protocol,
                            &welcome.build,
                        ))
                    } else {
                        ConnectError::ServerFailed {
                            reason: welcome.refused,
                        }
                    });
                }
                let session = match frame::read::<ServerMsg>(&mut reader) {
                    Ok(ServerMsg::Session(s)) => s,
                    // The server is shutting down under us: try again.
                    Err(FrameError::Closed | FrameError::Truncated) => {
                        return Ok(Attempt::NotListening);
                    }
                    Ok(other) => {
                        return Err(not_cabinet(
                            socket,
                            format!("expected a session, got {other:?}"),
                        ));
                    }
                    Err(e) => return Err(not_cabinet(socket, e.to_string())),
                };
                let stream = reader.get_ref().try_clone().map_err(|e| io(socket, e))?;
                let server = ServerInfo {
                    pid: welcome.pid,
                    build: welcome.build,
                    protocol: welcome.protocol,
                };
                Ok(Attempt::Connected(Box::new(Handshaken {
                    stream,
                    reader,
                    server,
                    session,
                })))
            }
            Err(GreetError::Gone) => Ok(Attempt::NotListening),
            Err(GreetError::Failed(e)) => Err(e),
        }
    }

    fn spawn_server(&self) -> Result<Child, ConnectError> {
        let program = match &self.program {
            Some(p) => p.clone(),
            None => std::env::current_exe().map_err(|e| io(Path::new("cabinet"), e))?,
        };
        let mut cmd = Command::new(&program);
        cmd.arg("serve")
            .arg("--detach")
            .arg("--firm")
            .arg(&self.dir);
        if let Some(idle) = self.idle_exit {
            cmd.arg("--idle-exit")
                .arg(idle.as_secs().max(1).to_string());
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .current_dir("/");
        cmd.spawn().map_err(|e| ConnectError::ServerFailed {
            reason: format!("could not run {}: {e}", program.display()),
        })
    }
}

enum GreetError {
    /// The connection closed before the server answered (it is stopping).
    Gone,
    Failed(ConnectError),
}

/// Sends a hello and reads the welcome.
fn greet(
    stream: UnixStream,
    socket: &Path,
    replace: bool,
) -> Result<(Welcome, BufReader<UnixStream>), GreetError> {
    let fail = |e: std::io::Error| GreetError::Failed(io(socket, e));
    stream
        .set_read_timeout(Some(HANDSHAKE_TIMEOUT))
        .map_err(fail)?;
    stream
        .set_write_timeout(Some(HANDSHAKE_TIMEOUT))
        .map_err(fail)?;
    let mut writer = stream.try_clone().map_err(fail)?;
    let mut reader = BufReader::new(stream);
    match frame::write(&mut writer, &Hello::new(replace)) {
        Ok(()) => {}
        // A server turning connections away answers without reading the
        // hello and hangs up: its answer may be waiting all the same.
        Err(FrameError::Io(e)) if is_gone(&e) => {}
        Err(e) => return Err(GreetError::Failed(not_cabinet(socket, e.to_string()))),
    }
    let mut welcome: Welcome = match frame::read(&mut reader) {
        Ok(w) => w,
        Err(FrameError::Closed | FrameError::Truncated) => return Err(GreetError::Gone),
        Err(FrameError::Io(e)) if is_gone(&e) => return Err(GreetError::Gone),
        Err(e) => return Err(GreetError::Failed(not_cabinet(socket, e.to_string()))),
    };
    if welcome.magic != MAGIC {
        return Err(GreetError::Failed(not_cabinet(
            socket,
            "bad handshake".into(),
        )));
    }
    // The server's words reach a terminal: neutralise them like any
    // stored value.
    welcome.refused = for_terminal(&welcome.refused, false);
    welcome.build = for_terminal(&welcome.build, false);
    Ok((welcome, reader))
}

/// The systemd instance that serves a firm directory, by its name.
fn instance(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for_terminal(&name, false)
}

fn is_gone(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::UnexpectedEof
    )
}

fn not_cabinet(socket: &Path, reason: String) -> ConnectError {
    ConnectError::NotCabinet {
        socket: socket.to_owned(),
        reason,
    }
}

fn io(path: &Path, source: std::io::Error) -> ConnectError {
    ConnectError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Explains why a started server exited, from its exit code and what it
/// wrote to stderr before exiting.
fn failure(code: Option<i32>, stderr: Option<std::process::ChildStderr>) -> ConnectError {
    let mut text = String::new();
    if let Some(mut e) = stderr {
        let _ = e.read_to_string(&mut text);
    }
    let reason = text
        .trim()
        .trim_start_matches("cabinet: ")
        .trim()
        .to_owned();
    if code == Some(EXIT_PERMISSION) && !reason.is_empty() {
        return ConnectError::PermissionDenied(reason);
    }
    let reason = if reason.is_empty() {
        format!("it exited with status {code:?}")
    } else {
        reason
    };
    ConnectError::ServerFailed { reason }
}

/// Waits for a started server in the background, so that it leaves no
/// zombie behind when it exits before this process does. Its stderr is
/// closed, so it can write nothing to anyone's terminal.
fn reap(mut child: Child) {
    drop(child.stderr.take());
    let _ = std::thread::Builder::new()
        .name("cabinet-reap".into())
        .spawn(move || child.wait());
}
