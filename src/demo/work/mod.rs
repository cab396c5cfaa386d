//! The work the firm does for a client: QuickBooks subscriptions, tax
//! returns, and the documents asked for to prepare them.
//!
//! Everything is dated relative to an "as of" day: today for an active
//! client, the day it left for an inactive one.

mod documents;
mod products;
mod returns;

pub(crate) use documents::documents;
pub(crate) use products::products;
pub(crate) use returns::tax_returns;

use jiff::ToSpan;
use jiff::civil::Date;

use super::lists::{Form, Lang};
use crate::model::{Client, ClientKind};

/// What the generator knows about a client beyond its record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Profile {
    /// The business's legal form; `None` for an individual.
    pub(crate) form: Option<Form>,
    pub(crate) holding: bool,
    pub(crate) quebec: bool,
    pub(crate) lang: Lang,
    /// The day the client joined the firm.
    pub(crate) since: Date,
    /// The day the data describes.
    pub(crate) asof: Date,
}

/// `d` moved by `days`, clamped to jiff's range (never reached in practice).
pub(crate) fn shift(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap_or(d)
}

/// Days from `a` to `b`; negative when `b` is earlier.
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// The last day of tax year `year` for this client.
fn period_end(c: &Client, year: i16) -> Option<Date> {
    match c.kind {
        ClientKind::Individual => Date::new(year, 12, 31).ok(),
        ClientKind::Business => c.year_end().in_year(year),
    }
}
