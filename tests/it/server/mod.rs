//! The firm server and its clients, over real Unix sockets.
//!
//! - `util`: temporary firms, embedded servers, the built binary, and a
//!   guard that stops any server a test started in the background.
//! - `sessions`: several clients of one server in this process: events,
//!   conflicts, reconnection.
//! - `robustness`: garbage, oversized frames and version mismatches.
//! - `processes`: the `cabinet` binary as a separate server process:
//!   SIGKILL in the middle of writes, stale sockets, racing starters.
//! - `resilience`: what used to hang or kill a session: sorting odd
//!   numbers, a panicking call, a deleted socket, a full disk, slow and
//!   flooding peers, a silent server.
//! - `concurrency`: many clients editing the same records at once.
//! - `merge`: two sessions of a real server editing different or the
//!   same items of one client.
//! - `permissions`: users outside the team or the firm's group (needs
//!   root to act as another uid; skipped otherwise).
//! - `threads`: what a connection costs the server: one thread, and no
//!   hold on anyone else's events however slowly it reads or however
//!   long its call runs (a call held by `CABINET_TEST_HOLD`, debug builds
//!   only).

mod concurrency;
mod merge;
mod office;
mod permissions;
mod processes;
mod resilience;
mod robustness;
mod sessions;
mod threads;
pub(crate) mod util;
