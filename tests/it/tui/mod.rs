//! The terminal app's tests, in one binary.
//!
//! - `views`: snapshots of each screen at a fixed size, on fixed data and
//!   a fixed day, and the selected row's style.
//! - `keys`: key sequences driven through the app's update function, with
//!   the effects run against an in-process firm.
//! - `finding`: the list's search: highlights, closest names, the matches
//!   a filter hides, and answers that arrive late.
//! - `team`: the team screen's keys, checked in the firm and its history.
//! - `billing`: the wholesale billing screen's keys.
//! - `screens`: snapshots of the team and billing screens and the
//!   search's explanations.
//! - `stack`: screens opened over one another, and left in turn.
//! - `e2e`: the real binary in a pseudo-terminal.

mod billing;
mod e2e;
mod finding;
mod fixtures;
mod keys;
mod screens;
mod stack;
mod team;
mod views;
mod work;
