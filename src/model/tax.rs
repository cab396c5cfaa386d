//! Tax returns and their filing deadlines.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::client::Client;

/// The form a return is filed on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaxForm {
    /// Federal individual return.
    T1,
    /// Québec individual return.
    Tp1,
    /// Federal corporation return.
    T2,
    /// Québec corporation return.
    Co17,
    /// Trust return.
    T3,
    /// GST/HST return (annual filer).
    GstHst,
    /// QST return (annual filer).
    Qst,
    Other(String),
}

impl TaxForm {
    pub(crate) const NAMED: [TaxForm; 7] = [
        TaxForm::T1,
        TaxForm::Tp1,
        TaxForm::T2,
        TaxForm::Co17,
        TaxForm::T3,
        TaxForm::GstHst,
        TaxForm::Qst,
    ];

    pub fn label(&self) -> &str {
        match self {
            TaxForm::T1 => "T1",
            TaxForm::Tp1 => "TP-1",
            TaxForm::T2 => "T2",
            TaxForm::Co17 => "CO-17",
            TaxForm::T3 => "T3",
            TaxForm::GstHst => "GST/HST",
            TaxForm::Qst => "QST",
            TaxForm::Other(s) => s,
        }
    }

    /// Parses a form name ignoring case and punctuation; anything else is `Other`.
    pub(crate) fn parse(s: &str) -> TaxForm {
        let key: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect();
        match key.as_str() {
            "T1" => TaxForm::T1,
            "TP1" => TaxForm::Tp1,
            "T2" => TaxForm::T2,
            "CO17" => TaxForm::Co17,
            "T3" => TaxForm::T3,
            "GSTHST" | "GST" | "HST" | "TPS" => TaxForm::GstHst,
            "QST" | "TVQ" => TaxForm::Qst,
            _ => TaxForm::Other(super::text::normalize(s)),
        }
    }
}

/// Where a return stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum ReturnStatus {
    #[default]
    NotStarted,
    InProgress,
    ReadyForReview,
    Filed,
    Accepted,
}

impl ReturnStatus {
    pub(crate) const ALL: [ReturnStatus; 5] = [
        ReturnStatus::NotStarted,
        ReturnStatus::InProgress,
        ReturnStatus::ReadyForReview,
        ReturnStatus::Filed,
        ReturnStatus::Accepted,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            ReturnStatus::NotStarted => "not-started",
            ReturnStatus::InProgress => "in-progress",
            ReturnStatus::ReadyForReview => "ready-for-review",
            ReturnStatus::Filed => "filed",
            ReturnStatus::Accepted => "accepted",
        }
    }

    /// True once the return has left the firm.
    pub(crate) fn is_done(self) -> bool {
        matches!(self, ReturnStatus::Filed | ReturnStatus::Accepted)
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        let k: String = super::text::fold(s.trim())
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        Self::ALL.into_iter().find(|r| r.key() == k)
    }
}

/// One tax return for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxReturn {
    pub id: super::client::ItemId,
    /// The tax year (for corporations, the year the fiscal year ends in).
    pub year: i16,
    pub form: TaxForm,
    pub status: ReturnStatus,
    /// A due date set by hand; `None` means "compute it".
    pub due: Option<Date>,
    pub filed: Option<Date>,
}

impl TaxReturn {
    /// The due date: the one set by hand, else the one the rules give.
    pub(crate) fn due_date(&self, client: &Client) -> Option<Date> {
        self.due
            .or_else(|| computed_due(&self.form, self.year, client))
    }

    /// True when the return is not filed and its due date is before `today`.
    pub(crate) fn is_overdue(&self, client: &Client, today: Date) -> bool {
        !self.status.is_done() && self.due_date(client).is_some_and(|d| d < today)
    }
}

/// The filing deadline that the rules give for a form and tax year.
///
/// - T1 and TP-1: April 30 of the next year; June 15 for the self-employed.
/// - T2 and CO-17: six months after the fiscal year end.
/// - T3: 90 days after the year end.
/// - GST/HST and QST (annual filers): three months after the fiscal year
///   end, or June 15 for self-employed individuals with a calendar year.
pub(crate) fn computed_due(form: &TaxForm, year: i16, client: &Client) -> Option<Date> {
    let year_end = client.year_end().in_year(year)?;
    let next = year.checked_add(1)?;
    match form {
        TaxForm::T1 | TaxForm::Tp1 => {
            if client.self_employed {
                Date::new(next, 6, 15).ok()
            } else {
                Date::new(next, 4, 30).ok()
            }
        }
        TaxForm::T2 | TaxForm::Co17 => add_months_end_aware(year_end, 6),
        TaxForm::T3 => year_end.checked_add(90.days()).ok(),
        TaxForm::GstHst | TaxForm::Qst => {
            if client.self_employed
                && client
                    .fiscal_year_end
                    .is_none_or(|m| m == super::client::MonthDay::DEC_31)
            {
                Date::new(next, 6, 15).ok()
            } else {
                add_months_end_aware(year_end, 3)
            }
        }
        TaxForm::Other(_) => None,
    }
}

/// Adds months; a date on the last day of its month lands on the last day
/// of the target month (March 31 + 6 months is September 30, and
/// February 28 + 6 months is August 31).
fn add_months_end_aware(d: Date, months: i32) -> Option<Date> {
    let moved = d.checked_add(months.months()).ok()?;
    if d == d.last_of_month() {
        Some(moved.last_of_month())
    } else {
        Some(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::client::MonthDay;
    use jiff::civil::date;

    fn client(fye: Option<(u8, u8)>, self_employed: bool) -> Client {
        let mut c = Client::new("Test");
        c.fiscal_year_end = fye.map(|(m, d)| MonthDay::new(m, d).unwrap());
        c.self_employed = self_employed;
        c
    }

    #[test]
    fn personal_returns() {
        let c = client(None, false);
        assert_eq!(
            computed_due(&TaxForm::T1, 2025, &c),
            Some(date(2026, 4, 30))
        );
        assert_eq!(
            computed_due(&TaxForm::Tp1, 2025, &c),
            Some(date(2026, 4, 30))
        );
        let se = client(None, true);
        assert_eq!(
            computed_due(&TaxForm::T1, 2025, &se),
            Some(date(2026, 6, 15))
        );
    }

    #[test]
    fn corporate_returns() {
        let c = client(Some((3, 31)), false);
        assert_eq!(
            computed_due(&TaxForm::T2, 2025, &c),
            Some(date(2025, 9, 30))
        );
        assert_eq!(
            computed_due(&TaxForm::Co17, 2025, &c),
            Some(date(2025, 9, 30))
        );
        let dec = client(None, false);
        assert_eq!(
            computed_due(&TaxForm::T2, 2025, &dec),
            Some(date(2026, 6, 30))
        );
        let feb = client(Some((2, 28)), false);
        assert_eq!(
            computed_due(&TaxForm::T2, 2025, &feb),
            Some(date(2025, 8, 31))
        );
        let mid = client(Some((8, 15)), false);
        assert_eq!(
            computed_due(&TaxForm::T2, 2025, &mid),
            Some(date(2026, 2, 15))
        );
    }

    #[test]
    fn trust_returns() {
        let c = client(None, false);
        assert_eq!(
            computed_due(&TaxForm::T3, 2025, &c),
            Some(date(2026, 3, 31))
        );
    }

    #[test]
    fn manual_due_date_wins_and_overdue() {
        let c = client(None, false);
        let mut r = TaxReturn {
            id: 0,
            year: 2025,
            form: TaxForm::T1,
            status: ReturnStatus::InProgress,
            due: None,
            filed: None,
        };
        assert!(r.is_overdue(&c, date(2026, 5, 1)));
        assert!(!r.is_overdue(&c, date(2026, 4, 30)));
        r.due = Some(date(2026, 5, 15));
        assert_eq!(r.due_date(&c), Some(date(2026, 5, 15)));
        assert!(!r.is_overdue(&c, date(2026, 5, 1)));
        r.status = ReturnStatus::Filed;
        assert!(!r.is_overdue(&c, date(2027, 1, 1)));
    }

    #[test]
    fn parsing() {
        assert_eq!(TaxForm::parse("tp-1"), TaxForm::Tp1);
        assert_eq!(TaxForm::parse("CO 17"), TaxForm::Co17);
        assert_eq!(TaxForm::parse("T5013"), TaxForm::Other("T5013".into()));
        assert_eq!(
            ReturnStatus::parse("Ready for review"),
            Some(ReturnStatus::ReadyForReview)
        );
    }
}
