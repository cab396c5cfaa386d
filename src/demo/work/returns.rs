//! Tax returns: which forms a client files, and how far along each is.
//!
//! A return's status follows its due date the way a real practice's
//! would: long past due is almost always filed, due next month is in
//! progress, due next year is not started.

use jiff::civil::Date;

use super::{Profile, days_between, period_end, shift};
use crate::demo::lists::Form;
use crate::demo::rng::Rng;
use crate::model::tax::computed_due;
use crate::model::{Client, ReturnStatus, TaxForm, TaxReturn};

/// A group of returns prepared together, sharing a status: the federal
/// return with its Québec twin, or the GST/HST return with the QST one.
struct Group {
    forms: Vec<TaxForm>,
    /// A due date for forms the model has no rule for (T5013, TP-600…).
    manual_due: Option<Date>,
    income: bool,
}

/// The groups of returns a client files for one tax year.
fn groups(c: &Client, p: &Profile, year: i16) -> Vec<Group> {
    let end = period_end(c, year);
    let after_end = |days: i64| end.map(|d| shift(d, days));
    let mut out = Vec::new();
    let both = |fed: TaxForm, qc: TaxForm| if p.quebec { vec![fed, qc] } else { vec![fed] };
    match p.form {
        None => out.push(Group {
            forms: both(TaxForm::T1, TaxForm::Tp1),
            manual_due: None,
            income: true,
        }),
        Some(Form::Corp) => out.push(Group {
            forms: both(TaxForm::T2, TaxForm::Co17),
            manual_due: None,
            income: true,
        }),
        Some(Form::Partnership) => out.push(Group {
            forms: both(
                TaxForm::Other("T5013".into()),
                TaxForm::Other("TP-600".into()),
            ),
            manual_due: Date::new(year.saturating_add(1), 3, 31).ok(),
            income: true,
        }),
        Some(Form::Trust) => {
            let fed = vec![TaxForm::T3];
            let forms = if p.quebec {
                vec![TaxForm::T3, TaxForm::Other("TP-646".into())]
            } else {
                fed
            };
            out.push(Group {
                forms,
                manual_due: after_end(90),
                income: true,
            });
        }
        // The owner reports the business's income on their own return.
        Some(Form::Sole) => out.push(Group {
            forms: both(TaxForm::T1, TaxForm::Tp1),
            manual_due: None,
            income: true,
        }),
    }
    if !c.tax_ids.gst.is_empty() {
        let forms = if c.tax_ids.qst.is_empty() {
            vec![TaxForm::GstHst]
        } else {
            vec![TaxForm::GstHst, TaxForm::Qst]
        };
        out.push(Group {
            forms,
            manual_due: None,
            income: false,
        });
    }
    out
}

/// The client's returns for its last one or two tax years, and the
/// status of its latest income return (for the documents).
pub(crate) fn tax_returns(
    rng: &mut Rng,
    c: &Client,
    p: &Profile,
) -> (Vec<TaxReturn>, Option<(i16, ReturnStatus)>) {
    let asof_year = p.asof.year();
    let latest = match period_end(c, asof_year) {
        Some(end) if end < p.asof => asof_year,
        _ => asof_year - 1,
    };
    let mut years = vec![latest];
    if period_end(c, latest - 1).is_some_and(|end| end >= shift(p.since, -180)) {
        years.insert(0, latest - 1);
    }
    let mut out = Vec::new();
    let mut progress = None;
    for year in years {
        let Some(end) = period_end(c, year) else {
            continue;
        };
        for g in groups(c, p, year) {
            let due = g
                .manual_due
                .or_else(|| g.forms.first().and_then(|f| computed_due(f, year, c)));
            let Some(due) = due else { continue };
            let (status, filed) = status_for(rng, due, end, p.asof);
            if g.income || progress.is_none() {
                progress = Some((year, status));
            }
            for form in g.forms {
                let manual = g.manual_due.filter(|_| matches!(form, TaxForm::Other(_)));
                out.push(TaxReturn {
                    id: 0,
                    year,
                    form,
                    status,
                    due: manual,
                    filed,
                });
            }
        }
    }
    (out, progress)
}

/// A plausible status (and filing date) for a return due on `due`, for a
/// period that ended on `end`, as of `asof`.
fn status_for(rng: &mut Rng, due: Date, end: Date, asof: Date) -> (ReturnStatus, Option<Date>) {
    use ReturnStatus::*;
    let late = days_between(due, asof);
    let weights: [(u32, ReturnStatus); 5] = match late {
        366.. => [
            (97, Accepted),
            (3, Filed),
            (0, ReadyForReview),
            (0, InProgress),
            (0, NotStarted),
        ],
        61..=365 => [
            (90, Accepted),
            (6, Filed),
            (1, ReadyForReview),
            (2, InProgress),
            (1, NotStarted),
        ],
        1..=60 => [
            (40, Accepted),
            (35, Filed),
            (8, ReadyForReview),
            (10, InProgress),
            (7, NotStarted),
        ],
        -45..=0 => [
            (10, Accepted),
            (20, Filed),
            (20, ReadyForReview),
            (30, InProgress),
            (20, NotStarted),
        ],
        _ => [
            (3, Accepted),
            (5, Filed),
            (7, ReadyForReview),
            (25, InProgress),
            (60, NotStarted),
        ],
    };
    let status = *rng.weighted(&weights);
    if !status.is_done() {
        return (status, None);
    }
    let earliest = shift(end, 20);
    let deadline = if rng.percent(8) { shift(due, 60) } else { due };
    let latest = deadline.min(asof);
    if latest <= end {
        return (NotStarted, None);
    }
    let earliest = earliest.min(latest);
    let filed = shift(earliest, rng.between(0, days_between(earliest, latest)));
    if status == Accepted && days_between(filed, asof) < 10 {
        return (Filed, Some(filed));
    }
    (status, Some(filed))
}
