//! cabinet: a keyboard-driven client list for accounting firms.
//!
//! The crate is layered from the bottom up; see `ARCHITECTURE.md`.
//! - [`model`]: plain data and validation, no I/O.
//! - [`codec`]: the one place that encodes values to bytes.
//! - [`store`]: the only code that touches the database file.
//! - [`api`]: the firm API that every front end uses.
//! - [`tui`]: the full-screen terminal app, built on the firm API alone.
#![forbid(unsafe_code)]

pub mod codec;
pub mod config;
pub mod model;
pub mod store;
pub mod api;
pub mod tui;
