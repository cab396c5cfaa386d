//! cabinet's integration tests, in one binary (one link, one run).
//!
//! - `api`: the firm API in process: sessions, writes, conflicts, billing,
//!   the team.
//! - `search`: what the search matches, how it ranks, and how it explains a
//!   client that seems to be missing.
//! - `env`: a temporary home and firm, and the real binary run in them.
//! - `cli`: the real binary's subcommands in a temporary home and firm.
//! - `transfer`: import and export, CSV and JSON, friendly and hostile.
//! - `bulk`: imports, exports and the demo at scale through the real
//!   binary and server: pieces, one transaction, dry runs, limits.
//! - `maintenance`: backup, restore and check, with sessions connected.
//! - `scripting`: the command line as scripts use it: outputs, pipes, exit
//!   codes, completions, the manual, the documented JSON keys, `--help`.
//! - `tui`: the terminal app: snapshots, key sequences, and the real binary
//!   in a pseudo-terminal.
//! - `server`: the firm server and its clients over real Unix sockets.
//! - `store`: the store from outside: a model check, an older file, foreign
//!   files and crashes.
//!
//! Every test works in temporary directories and talks only over Unix
//! sockets; none touches the real home directory.

mod api;
mod bulk;
mod cli;
mod env;
mod maintenance;
mod scripting;
mod search;
mod server;
mod store;
mod transfer;
mod tui;
