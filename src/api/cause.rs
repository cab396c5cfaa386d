//! Why a call failed, as codes with their values: what only an admin may
//! do, why the firm server is out of reach, why a conversation with it
//! went wrong. These cross the socket inside [`ApiError`] and each
//! language words them (`i18n`); their `Display` is the English wording,
//! for logs.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::ApiError;
use crate::store::OsError;

/// What only a firm admin may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdminAction {
    /// Create a client led by another member.
    LeadOther,
    /// Bill a client's subscription to the firm (wholesale billing).
    BillToFirm,
    /// Change a client's lead accountant.
    ChangeLead,
    /// Change a client's wholesale billing.
    ChangeBilling,
    /// Give several clients a lead, or take their clients from a member.
    AssignLeads,
    /// Add, edit, deactivate or reactivate team members.
    ManageTeam,
    BackUp,
    Restore,
    /// Fill the firm with demo data.
    Demo,
    /// Export clients with their SINs in full.
    ExportSins,
    RevealSin,
    /// Stop the firm's server so that another build replaces it.
    ReplaceServer,
}

impl AdminAction {
    /// Every action, for tests that word each one.
    pub const ALL: [AdminAction; 12] = [
        AdminAction::LeadOther,
        AdminAction::BillToFirm,
        AdminAction::ChangeLead,
        AdminAction::ChangeBilling,
        AdminAction::AssignLeads,
        AdminAction::ManageTeam,
        AdminAction::BackUp,
        AdminAction::Restore,
        AdminAction::Demo,
        AdminAction::ExportSins,
        AdminAction::RevealSin,
        AdminAction::ReplaceServer,
    ];
}

/// Something in a conversation with the firm server that should not
/// happen between two builds of the same version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProtocolFault {
    /// A piece of a backup was asked for with no backup under way.
    NoBackupUnderWay,
    /// A piece of a restore was sent with no restore under way.
    NoRestoreUnderWay,
    /// An answer would not fit in a frame.
    AnswerTooLarge { call: String, len: u64, max: u64 },
    /// The server answered a call with the wrong kind of answer (`got`
    /// is the answer's kind, a code).
    UnexpectedAnswer { call: String, got: String },
    /// The request could not be encoded; `detail` is the encoder's account.
    CannotEncode { detail: String },
    /// A change was sent with the key of an earlier change of another
    /// kind (`first`, a code: what the earlier one did), and not carried
    /// out.
    KeyReused { call: String, first: String },
}

/// Why the firm server cannot be reached, or stopped being reachable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unreachable {
    /// The server closed the connection, and said why.
    Closed(Goodbye),
    /// The server could not read what this cabinet sent, and closed the
    /// connection.
    RefusedInput(Box<ApiError>),
    /// The server sent a second session.
    SecondSession,
    /// The connection closed with no word from the server.
    Gone,
    /// Nothing came from the server for this long.
    Silent { secs: u64 },
    /// The server did not answer this call in time.
    NoAnswer { call: String, secs: u64 },
    /// The server sent what this cabinet cannot read; `detail` is the
    /// decoder's account.
    Garbled { detail: String },
    /// The system broke the connection.
    Broke(OsError),
    /// Connecting again failed.
    Connect(Box<ConnectError>),
}

/// Why the server closed a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goodbye {
    /// Someone stopped it (`Server::stop`).
    Stopped,
    /// It received this signal (`SIGTERM`, `SIGINT`, `SIGHUP`).
    Signal { name: String },
    /// No client for this many minutes.
    Idle { minutes: u64 },
    /// Another build replaces it (`cabinet serve --replace`).
    Replaced { build: String },
    /// The client answered no ping for this long.
    NoPong { secs: u64 },
    /// The server stopped (`why`) while this session's call ran; a change
    /// it was making is saved only if it ended within `secs` seconds.
    DuringCall { why: Box<Goodbye>, secs: u64 },
}

/// Why no connection to the firm server could be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectError {
    /// The user may not reach the firm directory or its socket; `group`
    /// is the directory's group, which an admin adds people to.
    PermissionDenied { dir: PathBuf, group: Option<String> },

    /// The client and the server speak different protocols.
    VersionMismatch {
        client: u32,
        server: u32,
        server_build: String,
    },

    /// The server answered and refused the session (not on the team).
    Refused(ApiError),

    /// No server is running and this connector may not start one.
    NoServer(PathBuf),

    /// A server was started and failed.
    ServerFailed(StartFailure),

    /// A server was started and never listened (or never let go).
    Timeout { dir: PathBuf, waited: Duration },

    /// Something other than a cabinet server answered on the socket.
    NotCabinet { socket: PathBuf, why: Stranger },

    /// An office firm's server is not running, and a member's session
    /// never starts one: the service account's server alone opens the
    /// firm.
    OfficeDown { dir: PathBuf, service: String },

    /// Something other than the firm directory's owner serves its socket.
    WrongServer {
        socket: PathBuf,
        expected: u32,
        got: u32,
    },

    /// The directory holds no firm.
    NoFirm(PathBuf),

    /// The firm directory's path is too long for a socket.
    PathTooLong {
        dir: PathBuf,
        len: usize,
        max: usize,
    },

    /// The system refused an operation on this path.
    Io { path: PathBuf, error: OsError },

    /// A server holds the firm but did not answer on its socket in time.
    NotAnswering {
        dir: PathBuf,
        pid: u32,
        waited: Duration,
    },

    /// `serve --replace` found a process holding the firm that it will
    /// not, or may not, stop.
    CannotStop {
        dir: PathBuf,
        pid: u32,
        why: StopRefusal,
    },

    /// A server of another version refused this cabinet; `said` is its
    /// handshake's account (a code, or an older build's own words).
    ServerRefused { said: String },
}

/// Why a server this process started did not come up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StartFailure {
    /// It exited with this status; `said` is what it wrote before
    /// exiting, as it wrote it (empty when nothing).
    Exited { status: Option<i32>, said: String },
    /// The program could not be run.
    CannotRun { program: PathBuf, error: OsError },
}

/// What told a socket's other end from a cabinet server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stranger {
    /// Its greeting lacked cabinet's magic bytes.
    BadMagic,
    /// It answered the handshake with this kind of message.
    UnexpectedMessage { got: String },
    /// Its answer could not be read; `detail` is the decoder's account.
    Unreadable { detail: String },
}

/// Why `serve --replace` would not stop the process holding a firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopRefusal {
    NotCabinet,
    OtherUser,
    /// No process has the id the lock names.
    NoSuchProcess,
    /// The signal could not be sent.
    Failed(OsError),
}

impl From<ConnectError> for ApiError {
    fn from(e: ConnectError) -> Self {
        match e {
            ConnectError::Refused(e) => e,
            other => ApiError::Unavailable(Unreachable::Connect(Box::new(other))),
        }
    }
}

impl std::error::Error for ConnectError {}

impl From<ApiError> for ConnectError {
    fn from(e: ApiError) -> Self {
        ConnectError::Refused(e)
    }
}
