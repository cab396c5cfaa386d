//! What cabinet needs from the machine it runs on, beyond the firm's
//! data: Unix account and group names, and the files a firm directory
//! holds besides the database (the server's socket, lock and logs).
//!
//! Both the server and its clients use these, so they live below both.

pub mod accounts;
pub(crate) mod atomic;
pub mod firm_files;
