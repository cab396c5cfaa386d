//! Reaching a firm server that is running: the socket, the check of who
//! serves it, and the handshake. Starting a server when none answers is
//! [`super::spawn`]'s.
//!
//! [`Connector::connect`] connects to the firm directory's socket,
//! checks with `SO_PEERCRED` that the firm directory's owner serves it,
//! and does the handshake, whose layout never changes: a refusal is a
//! code in the `Welcome`, followed, when both sides speak this protocol,
//! by the typed reason in a `Session` error.

use std::io::BufReader;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::link::{Callbacks, Link, ServerInfo};
use super::spawn::START_TIMEOUT;
use crate::api::{ApiError, ConnectError, Stranger};
use crate::host::firm_files;
use crate::model::text::for_terminal;
use crate::protocol::frame::{self, FrameError};
use crate::protocol::{self, Hello, MAGIC, ServerMsg, Welcome};

/// How long the handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How to reach a firm's server.
#[derive(Debug, Clone)]
pub struct Connector {
    pub(super) dir: PathBuf,
    pub(super) program: Option<PathBuf>,
    pub(super) autostart: bool,
    pub(super) idle_exit: Option<Duration>,
    pub(super) start_timeout: Duration,
}

/// One attempt's outcome, inside the connect loop.
pub(super) enum Attempt {
    Connected(Box<Handshaken>),
    NotListening,
}

/// A connection whose handshake went through.
pub(super) struct Handshaken {
    stream: UnixStream,
    reader: BufReader<UnixStream>,
    pub(super) server: ServerInfo,
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

    /// Connects and opens a session, starting a server if allowed.
    pub(super) fn open_link(&self, callbacks: Callbacks) -> Result<Arc<Link>, ConnectError> {
        let h = self.reach(self.autostart)?;
        h.session?;
        Link::start(h.stream, h.reader, h.server, callbacks)
            .map_err(|e| io(&firm_files::socket_path(&self.dir), e))
    }

    /// The socket's path, refused when too long for a socket.
    pub(super) fn socket(&self) -> Result<PathBuf, ConnectError> {
        firm_files::check_socket_path(&self.dir).map_err(|e| ConnectError::PathTooLong {
            dir: self.dir.clone(),
            len: e.len,
            max: e.max,
        })
    }

    /// The user may not reach the firm directory.
    pub(super) fn denied(&self) -> ConnectError {
        ConnectError::PermissionDenied {
            dir: self.dir.clone(),
            group: firm_files::group_of(&self.dir),
        }
    }

    /// The service account of an office firm, or `None` for a personal
    /// firm (the user's own directory), whose server this user starts.
    pub(super) fn office(&self) -> Result<Option<u32>, ConnectError> {
        match firm_files::kind(&self.dir) {
            Ok(firm_files::Kind::Personal) => Ok(None),
            Ok(firm_files::Kind::Office { owner }) => Ok(Some(owner)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(ConnectError::NoFirm(self.dir.clone()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(self.denied()),
            Err(e) => Err(io(&self.dir, e)),
        }
    }

    pub(super) fn office_down(&self, service: u32) -> ConnectError {
        ConnectError::OfficeDown {
            dir: self.dir.clone(),
            service: crate::host::accounts::login_of(service),
        }
    }

    /// Refuses a socket served by anyone but the firm directory's owner:
    /// the kernel says who is on the other end (`SO_PEERCRED`), which a
    /// fake server cannot forge.
    pub(super) fn check_peer(
        &self,
        stream: &UnixStream,
        socket: &Path,
    ) -> Result<(), ConnectError> {
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

    /// Connects once and does the handshake.
    pub(super) fn attempt(&self, socket: &Path) -> Result<Attempt, ConnectError> {
        let stream = match UnixStream::connect(socket) {
            Ok(s) => s,
            Err(e) => {
                return match e.kind() {
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused => {
                        Ok(Attempt::NotListening)
                    }
                    std::io::ErrorKind::PermissionDenied => Err(self.denied()),
                    _ => Err(io(socket, e)),
                };
            }
        };
        self.check_peer(&stream, socket)?;
        match greet(stream, socket, false) {
            Ok((welcome, mut reader)) => {
                if !welcome.refused.is_empty() {
                    return Err(refusal(welcome, &mut reader));
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
                            Stranger::UnexpectedMessage {
                                got: protocol::kind_of(&other),
                            },
                        ));
                    }
                    Err(e) => return Err(unreadable(socket, e)),
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
}

/// Why a server turned this connection away. A server of this protocol
/// follows its refusal's code with the reason as an [`ApiError`] (too many
/// connections, not an admin); one of another protocol is a version
/// mismatch, worded from the two versions.
pub(super) fn refusal(welcome: Welcome, reader: &mut BufReader<UnixStream>) -> ConnectError {
    if welcome.protocol != protocol::VERSION {
        return ConnectError::VersionMismatch {
            client: protocol::VERSION,
            server: welcome.protocol,
            server_build: welcome.build,
        };
    }
    match frame::read::<ServerMsg>(reader) {
        Ok(ServerMsg::Session(Err(e))) => ConnectError::Refused(e),
        _ => ConnectError::ServerRefused {
            said: welcome.refused,
        },
    }
}

pub(super) enum GreetError {
    /// The connection closed before the server answered (it is stopping).
    Gone,
    Failed(ConnectError),
}

/// Sends a hello and reads the welcome.
pub(super) fn greet(
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
        Err(e) => return Err(GreetError::Failed(unreadable(socket, e))),
    }
    let mut welcome: Welcome = match frame::read(&mut reader) {
        Ok(w) => w,
        Err(FrameError::Closed | FrameError::Truncated) => return Err(GreetError::Gone),
        Err(FrameError::Io(e)) if is_gone(&e) => return Err(GreetError::Gone),
        Err(e) => return Err(GreetError::Failed(unreadable(socket, e))),
    };
    if welcome.magic != MAGIC {
        return Err(GreetError::Failed(not_cabinet(socket, Stranger::BadMagic)));
    }
    // The server's words reach a terminal: neutralise them like any
    // stored value.
    welcome.refused = for_terminal(&welcome.refused, false);
    welcome.build = for_terminal(&welcome.build, false);
    Ok((welcome, reader))
}

fn is_gone(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::UnexpectedEof
    )
}

fn not_cabinet(socket: &Path, why: Stranger) -> ConnectError {
    ConnectError::NotCabinet {
        socket: socket.to_owned(),
        why,
    }
}

/// An answer that is no cabinet frame: the decoder's account, as it is.
fn unreadable(socket: &Path, e: FrameError) -> ConnectError {
    not_cabinet(
        socket,
        Stranger::Unreadable {
            detail: for_terminal(&e.to_string(), false),
        },
    )
}

pub(super) fn io(path: &Path, e: std::io::Error) -> ConnectError {
    ConnectError::Io {
        path: path.to_owned(),
        error: e.into(),
    }
}
