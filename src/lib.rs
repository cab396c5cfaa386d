//! cabinet: a keyboard-driven client list for accounting firms.
//!
//! The crate is layered from the bottom up; see `ARCHITECTURE.md`.
//! - [`model`]: plain data and validation, no I/O.
//! - [`codec`]: the one place that encodes values to bytes.
//! - [`store`]: the only code that touches the database file.
//! - [`api`]: the firm API that every front end uses.
//! - [`protocol`], [`server`], [`remote`]: the firm API over a Unix socket,
//!   served by one process per firm; [`host`]: the accounts and files of
//!   the machine they run on.
//! - [`transfer`]: client lists in and out (CSV, JSON), over the firm API.
//! - [`tui`]: the full-screen terminal app, built on the firm API alone.
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

pub mod api;
pub mod cli;
pub mod codec;
pub mod config;
pub mod demo;
pub mod host;
pub mod i18n;
pub(crate) mod json;
pub mod model;
pub mod protocol;
pub mod remote;
pub(crate) mod search;
pub mod server;
pub mod store;
pub(crate) mod sync;
pub mod transfer;
pub mod tui;
