//! Who is on the other end of a connection, as the kernel says.
//!
//! The uid comes from `SO_PEERCRED`, which a client cannot forge, and is
//! mapped to a Unix login; the team member with that login is who the
//! session acts as and what the audit log records.

use std::os::unix::net::UnixStream;

use crate::host::accounts;

/// The connecting process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Peer {
    pub(crate) uid: u32,
    pub(crate) pid: i32,
    pub(crate) login: String,
}

impl Peer {
    /// Asks the kernel who connected.
    pub(crate) fn of(stream: &UnixStream) -> std::io::Result<Peer> {
        let cred = rustix::net::sockopt::socket_peercred(stream)?;
        let uid = cred.uid.as_raw();
        Ok(Peer {
            uid,
            pid: cred.pid.as_raw_nonzero().get(),
            login: accounts::login_of(uid),
        })
    }
}
