//! The store, tested from outside: one integration binary, one module per
//! promise the store makes.
//!
//! - `model`: random sequences of writes agree with a plain in-memory
//!   model, before and after reopening the file.
//! - `fixture`: a database written by an earlier version still reads.
//! - `foreign`: files that are not cabinet databases, or come from a newer
//!   cabinet, are refused with the file's name and left untouched.
//! - `crash`: a power loss or a killed process never loses an
//!   acknowledged write, nor leaves half of one.
//! - `merge`: two sessions' concurrent item edits merge, or conflict,
//!   and never lose a save.

mod crash;
mod fixture;
mod foreign;
mod merge;
mod model;
pub(crate) mod support;
