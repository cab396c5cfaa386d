//! The language the firm server and its clients speak over the socket.
//!
//! A connection is a stream of frames (see [`frame`]). It opens with a
//! handshake whose two messages, [`Hello`] and [`Welcome`], keep their
//! layout in every version of cabinet, so that any two builds can at least
//! tell each other which protocol they speak. When the versions match, the
//! server sends [`ServerMsg::Session`] and the conversation goes on in the
//! versioned enums below: the client sends [`ClientMsg`], the server
//! answers each call with a [`ServerMsg::Reply`] carrying the call's id,
//! and pushes [`ServerMsg::Event`]s and keepalive pings in between.
//!
//! [`Request`] and [`Response`] mirror the [`Firm`](crate::api::Firm)
//! trait one method to one variant, so the server can serve any `Firm`
//! and the client can implement it without knowing what is behind it.

pub mod frame;

use serde::{Deserialize, Serialize};

use crate::api::{
    ApiError, BackupReport, Batch, CheckReport, Event, Goodbye, ImportCount, RestoreReport,
    SessionInfo,
};
use crate::model::billing::BillingReport;
use crate::model::work::{WorkQuery, WorkReport};
use crate::model::{AuditEntry, Client, ClientId, Draft, Member, MemberId, ViewPage, ViewQuery};

/// The protocol this build speaks. Raise it whenever [`ClientMsg`],
/// [`ServerMsg`], [`Request`], [`Response`] or anything they carry changes
/// its encoding.
pub const VERSION: u32 = 7;

/// The first four bytes of every handshake message, so that a stray
/// program on the socket is recognised at once.
pub const MAGIC: [u8; 4] = *b"cbnt";

/// This build's version, as the handshake reports it.
pub(crate) const BUILD: &str = env!("CARGO_PKG_VERSION");

/// The client's half of the handshake. Its layout never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub magic: [u8; 4],
    pub protocol: u32,
    pub build: String,
    /// Asks the server to shut down so that this build can replace it
    /// (`cabinet serve --replace`), instead of opening a session.
    pub replace: bool,
}

impl Hello {
    /// This build's greeting.
    pub fn new(replace: bool) -> Self {
        Hello {
            magic: MAGIC,
            protocol: VERSION,
            build: BUILD.to_owned(),
            replace,
        }
    }
}

/// The server's half of the handshake. Its layout never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub magic: [u8; 4],
    pub protocol: u32,
    pub build: String,
    /// The server's process id.
    pub pid: u32,
    /// Why the server will not go on with this connection, as a code
    /// (one of [`refusal`]'s); empty when it will. The server closes the
    /// connection after a refusal. When the client speaks this protocol,
    /// a `Session` error with the reason follows, for the client to word;
    /// a client of another protocol words the mismatch from the versions.
    pub refused: String,
}

impl Welcome {
    /// This server's welcome, refusing with `refused` (a code, or empty
    /// to accept).
    pub(crate) fn from_here(refused: String) -> Welcome {
        Welcome {
            magic: MAGIC,
            protocol: VERSION,
            build: BUILD.to_owned(),
            pid: std::process::id(),
            refused,
        }
    }
}

/// The codes a [`Welcome`] refuses a connection with. They never change,
/// since builds of every version read them.
pub mod refusal {
    /// The two sides speak different protocols.
    pub const PROTOCOL: &str = "protocol-mismatch";
    /// The server takes no more connections ([`crate::api::Busy`]).
    pub const BUSY: &str = "busy";
    /// The user may not make the server stop (`serve --replace`).
    pub const REPLACE_FORBIDDEN: &str = "replace-forbidden";
}

/// What a client sends after the handshake.
// Messages live only between the socket and a call; their size in memory
// does not matter, and boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClientMsg {
    /// A firm API call, answered by a [`ServerMsg::Reply`] with the same id.
    Call { id: u64, request: Request },
    /// The client is leaving.
    Goodbye,
    /// The answer to a [`ServerMsg::Ping`]: the client is alive.
    Pong,
    /// A change that the client may send again, with the same `key`,
    /// when its connection breaks before the answer, to this server or
    /// the next one: the server writes each key with its change (per
    /// Unix user, kept a day) and answers a repeat from what the change
    /// did (protocol 7; before, only the same server process remembered
    /// keys, for ten minutes).
    CallOnce { id: u64, key: u64, request: Request },
}

/// What the server sends after the handshake.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerMsg {
    /// The session opened for the connecting user, or why none was. Sent
    /// once, first; the connection closes after an error.
    Session(Result<SessionInfo, ApiError>),
    /// The answer to the call with this id.
    Reply {
        id: u64,
        result: Result<Response, ApiError>,
    },
    /// A change made by anyone on the firm.
    Event(Event),
    /// Keepalive: the server is alive and the connection is open.
    Ping,
    /// The server is closing this connection, and why.
    Goodbye { reason: Goodbye },
    /// The call with this id is still being worked on: sent every second
    /// while it runs, so that a client can tell a long call from a
    /// silent server.
    Working { id: u64 },
    /// The server could not read what the client sent and is closing the
    /// connection: every call waiting for an answer fails with this.
    Refused(ApiError),
}

/// A firm API call: one variant per [`Firm`](crate::api::Firm) method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Session,
    Query(ViewQuery),
    Get(ClientId),
    Find(String),
    Create(Client),
    CreateMany(Vec<Client>),
    Update(Client),
    SetActive {
        id: ClientId,
        active: bool,
    },
    AssignLead {
        ids: Vec<ClientId>,
        lead: Option<MemberId>,
    },
    ReassignLeads {
        from: MemberId,
        to: Option<MemberId>,
    },
    /// The billing report with the window of its lines from `offset`, at
    /// most `limit` of them (the totals are always the whole firm's), so
    /// that a large firm's report comes in pieces.
    Billing {
        inactive_only: bool,
        offset: usize,
        limit: usize,
    },
    Import {
        creates: Vec<Client>,
        updates: Vec<Client>,
    },
    /// Makes a backup for this session to read with [`Request::BackupRead`]:
    /// the server never opens a path a client sent.
    BackupStart,
    /// The next piece of the backup, empty at the end.
    BackupRead,
    /// Opens an upload of a backup to restore, sent in pieces by
    /// [`Request::UploadWrite`].
    UploadStart,
    UploadWrite(#[serde(with = "raw")] Vec<u8>),
    /// Restores the uploaded backup; `shown` is its name on the client's
    /// side, for messages only.
    RestoreUpload {
        force: bool,
        shown: std::path::PathBuf,
    },
    /// A client's SIN in full, recorded in its history.
    RevealSin(ClientId),
    /// Several clients' SINs in full, recorded in one transaction.
    RevealSins(Vec<ClientId>),
    Check,
    Team,
    /// How many clients each member leads, for the team screen.
    LeadCounts,
    SaveMember(Member),
    Audit(ClientId),
    SaveDraft(Draft),
    Draft(ClientId),
    DiscardDraft(ClientId),
    Work(WorkQuery),
    BulkBegin,
    BulkAdd(Batch),
    BulkFinish {
        commit: bool,
    },
    GetMany(Vec<ClientId>),
    /// A change and the record it was made on, to be merged.
    Save {
        base: Client,
        mine: Client,
    },
}

impl Request {
    /// The call's name, for the log.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Request::Session => "session",
            Request::Query(_) => "query",
            Request::Get(_) => "get",
            Request::Find(_) => "find",
            Request::Create(_) => "create",
            Request::CreateMany(_) => "create_many",
            Request::ReassignLeads { .. } => "reassign_leads",
            Request::Billing { .. } => "billing",
            Request::Import { .. } => "import",
            Request::BackupStart => "backup_start",
            Request::BackupRead => "backup_read",
            Request::UploadStart => "upload_start",
            Request::UploadWrite(_) => "upload_write",
            Request::RestoreUpload { .. } => "restore",
            Request::RevealSin(_) => "reveal_sin",
            Request::RevealSins(_) => "reveal_sins",
            Request::Check => "check",
            Request::Update(_) => "update",
            Request::SetActive { .. } => "set_active",
            Request::AssignLead { .. } => "assign_lead",
            Request::Team => "team",
            Request::LeadCounts => "lead_counts",
            Request::SaveMember(_) => "save_member",
            Request::Audit(_) => "audit",
            Request::SaveDraft(_) => "save_draft",
            Request::Draft(_) => "draft",
            Request::DiscardDraft(_) => "discard_draft",
            Request::Work(_) => "work",
            Request::BulkBegin => "bulk_begin",
            Request::BulkAdd(_) => "bulk_add",
            Request::BulkFinish { .. } => "bulk_finish",
            Request::GetMany(_) => "get_many",
            Request::Save { .. } => "save",
        }
    }
}

impl Request {
    /// Whether the call changes the firm (or a file), so that a lost
    /// answer leaves its outcome unknown.
    pub(crate) fn is_write(&self) -> bool {
        !matches!(
            self,
            Request::Session
                | Request::Query(_)
                | Request::Get(_)
                | Request::Find(_)
                | Request::Billing { .. }
                | Request::Check
                | Request::Team
                | Request::LeadCounts
                | Request::Audit(_)
                | Request::Draft(_)
                | Request::GetMany(_)
                | Request::Work(_)
        )
    }

    /// Whether a lost answer may be asked for again by sending the call
    /// again with its key ([`ClientMsg::CallOnce`]): every change but
    /// the maintenance ones and a bulk write's pieces. A bulk write's
    /// finish is: sent again, it is answered as the first was (a dry run
    /// too, which writes its key alone), or (a finish that never arrived,
    /// whose pieces went with its connection) refused as having no bulk
    /// open, having written nothing.
    pub(crate) fn is_replayable(&self) -> bool {
        self.is_write()
            && !matches!(
                self,
                Request::BulkBegin
                    | Request::BulkAdd(_)
                    | Request::BackupStart
                    | Request::BackupRead
                    | Request::UploadStart
                    | Request::UploadWrite(_)
                    | Request::RestoreUpload { .. }
            )
    }

    /// The longest a client waits for the answer, however busy the
    /// server says it is. A server that says nothing at all is given up
    /// much sooner (see `remote`).
    pub(crate) fn deadline(&self) -> std::time::Duration {
        let minutes = match self {
            Request::Import { .. }
            | Request::CreateMany(_)
            | Request::BulkFinish { .. }
            | Request::BackupStart
            | Request::RestoreUpload { .. }
            | Request::Check => 60,
            _ => 2,
        };
        std::time::Duration::from_secs(minutes * 60)
    }
}

/// A successful answer to a [`Request`].
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Session(SessionInfo),
    Page(ViewPage),
    Client(Client),
    Count(u64),
    Team(Vec<Member>),
    /// How many clients each member leads.
    LeadCounts(Vec<crate::model::LeadCount>),
    Member(Member),
    Audit(Vec<AuditEntry>),
    Draft(Option<Draft>),
    Billing(BillingReport),
    Imported(ImportCount),
    Backup(BackupReport),
    Restore(RestoreReport),
    Check(CheckReport),
    Work(WorkReport),
    Done,
    Clients(Vec<Client>),
    /// A piece of a backup.
    Bytes(#[serde(with = "raw")] Vec<u8>),
    /// A revealed SIN.
    Text(String),
    /// Revealed SINs, in the order asked.
    Texts(Vec<String>),
}

/// Pieces of files cross the socket as one run of bytes (a length, then
/// the bytes), not as a sequence of numbers.
mod raw {
    use serde::{Deserializer, Serializer, de};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Bytes;
        impl<'de> de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(b) = seq.next_element()? {
                    out.push(b);
                }
                Ok(out)
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

/// The kind of a message, a code for errors: the name of its variant.
pub fn kind_of<T: std::fmt::Debug>(message: &T) -> String {
    let text = format!("{message:?}");
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;

    #[test]
    fn the_handshake_layout_is_frozen() {
        // These bytes are what every past and future build sends; if this
        // test fails, the handshake changed and old builds can no longer
        // say why they cannot talk.
        let hello = Hello {
            magic: MAGIC,
            protocol: 7,
            build: "1.2.3".into(),
            replace: true,
        };
        let mut out = Vec::new();
        codec::encode_into(&hello, &mut out);
        assert_eq!(out, b"cbnt\x07\x051.2.3\x01");
        let welcome = Welcome {
            magic: MAGIC,
            protocol: 2,
            build: "0.9".into(),
            pid: 300,
            refused: "no".into(),
        };
        let mut out = Vec::new();
        codec::encode_into(&welcome, &mut out);
        assert_eq!(out, b"cbnt\x02\x030.9\xfb\x2c\x01\x02no");
    }

    #[test]
    fn pieces_of_files_cross_as_raw_bytes() {
        let bytes: Vec<u8> = (0..=255).cycle().take(1000).collect();
        let msg = ClientMsg::Call {
            id: 1,
            request: Request::UploadWrite(bytes.clone()),
        };
        let mut out = Vec::new();
        codec::encode_into(&msg, &mut out);
        assert!(out.len() < 1010, "{} bytes for 1000", out.len());
        assert_eq!(codec::decode_frame::<ClientMsg>(&out).unwrap(), msg);
        let reply = ServerMsg::Reply {
            id: 2,
            result: Ok(Response::Bytes(bytes)),
        };
        let mut out = Vec::new();
        codec::encode_into(&reply, &mut out);
        assert_eq!(codec::decode_frame::<ServerMsg>(&out).unwrap(), reply);
    }

    #[test]
    fn kinds_are_variant_names() {
        assert_eq!(kind_of(&ServerMsg::Ping), "Ping");
        assert_eq!(kind_of(&Response::Count(2)), "Count");
        assert_eq!(kind_of(&ServerMsg::Working { id: 3 }), "Working");
    }
}
