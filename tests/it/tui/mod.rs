//! The terminal app's tests, in one binary.
//!
//! - `views`: snapshots of each screen at a fixed size, on fixed data and
//!   a fixed day, and the selected row's style.
//! - `keys`: key sequences driven through the app's update function, with
//!   the effects run against an in-process firm.
//! - `e2e`: the real binary in a pseudo-terminal.

mod e2e;
mod fixtures;
mod keys;
mod views;
