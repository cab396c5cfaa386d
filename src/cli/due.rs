//! `cabinet due`: the tax-return work by urgency, the same order and
//! filters as the list's work view, and the work filters `list` shares.

use super::args::{DueArgs, WorkArgs};
use super::json::SummaryJson;
use super::{CliError, Ctx};
use crate::i18n::Msg;
use crate::model::field::find_member;
use crate::model::{
    DueFilter, LeadFilter, Member, ReturnBrief, ReturnStatus, SortColumn, StatusSet, ViewQuery,
    WorkFilter,
};
use jiff::civil::Date;

/// `--lead LOGIN` (or `none`) as a filter.
pub(super) fn lead_filter(
    lang: crate::i18n::Lang,
    team: &[Member],
    lead: Option<&str>,
) -> Result<LeadFilter, CliError> {
    Ok(match lead {
        None => LeadFilter::Any,
        Some(l) if l.eq_ignore_ascii_case("none") => LeadFilter::Unassigned,
        Some(l) => LeadFilter::Member(
            find_member(team, l)
                .ok_or_else(|| {
                    CliError::Usage(lang.f(
                        Msg::UnknownLead,
                        &[("lead", &crate::model::text::for_terminal(l, false))],
                    ))
                })?
                .id,
        ),
    })
}

/// The work filters from the command line; `otherwise` is the due-date
/// filter when neither `--overdue` nor `--within` is given.
pub(super) fn work_filter(
    ctx: &Ctx<'_>,
    a: &WorkArgs,
    otherwise: DueFilter,
) -> Result<WorkFilter, CliError> {
    let mut statuses = Vec::new();
    for s in a.status.iter().filter(|s| !s.trim().is_empty()) {
        let status = ReturnStatus::parse(s).ok_or_else(|| {
            CliError::Usage(ctx.lang.f(
                Msg::BadStatus,
                &[
                    ("status", s),
                    (
                        "statuses",
                        &ReturnStatus::ALL.map(ReturnStatus::key).join(", "),
                    ),
                ],
            ))
        })?;
        statuses.push(status);
    }
    let due = match (a.overdue, a.within) {
        (false, None) => otherwise,
        (true, None) => DueFilter::Overdue,
        (false, Some(n)) => DueFilter::Within(n),
        (true, Some(n)) => DueFilter::UpTo(n),
    };
    Ok(WorkFilter {
        statuses: StatusSet::of(&statuses),
        due,
        docs_awaited: a.docs_awaited,
    })
}

/// When an unfinished return is due, from today, with the date:
/// `in 3 days (2026-12-03)`. `None` for a finished return or one with no
/// due date.
pub(super) fn due_words(lang: crate::i18n::Lang, r: &ReturnBrief, today: Date) -> Option<String> {
    let d = r.due_unfinished()?;
    Some(format!("{} ({d})", lang.due_relative(d, today, false)))
}

/// Lists unfinished returns by urgency (with `--status filed` or
/// `accepted`, finished ones too).
pub(super) fn run(ctx: &mut Ctx<'_>, a: &DueArgs) -> Result<(), CliError> {
    let team = ctx.firm.team()?;
    let lead = lead_filter(ctx.lang, &team, a.lead.as_deref())?;
    let mut work = work_filter(ctx, &a.work, DueFilter::Unfinished)?;
    if work.due == DueFilter::Unfinished && work.statuses.statuses().any(ReturnStatus::is_done) {
        // Asking for filed or accepted returns asks for finished work.
        work.due = DueFilter::Any;
    }
    let q = ViewQuery {
        lead,
        work,
        sort: SortColumn::Return,
        today: Some(ctx.today),
        ..ViewQuery::all()
    };
    // A page at a time, so no answer outgrows a frame on a large firm.
    let mut rows = Vec::new();
    super::clients::each_listed(ctx.firm, &q, &mut |s| {
        rows.push(s.clone());
        Ok(())
    })?;
    if a.json {
        let rows: Vec<_> = rows
            .iter()
            .map(|s| SummaryJson::new(s, &team, ctx.today))
            .collect();
        return ctx.json(&rows);
    }
    let lang = ctx.lang;
    if rows.is_empty() {
        return ctx.note(Msg::NoWorkDue, &[]);
    }
    let headers = [
        Msg::ColDue,
        Msg::ColStatus,
        Msg::ColReturn,
        Msg::ColNumber,
        Msg::ColClient,
        Msg::ColLead,
        Msg::ColDocs,
    ]
    .map(|m| m.text(lang));
    let mut t = super::table::Table::new(&headers).right(6);
    for s in &rows {
        let Some(r) = &s.latest_return else { continue };
        let due = due_words(lang, r, ctx.today)
            .or_else(|| r.due.map(|d| d.to_string()))
            .unwrap_or_default();
        t.row(vec![
            due,
            lang.return_status(r.status).to_owned(),
            format!("{} {}", r.year, r.form),
            s.number.clone(),
            s.name.clone(),
            s.lead_name.clone(),
            if s.docs_awaiting > 0 {
                s.docs_awaiting.to_string()
            } else {
                String::new()
            },
        ]);
    }
    let layout = ctx.layout(false);
    t.print(ctx.out, layout)?;
    ctx.note_line(&lang.count(rows.len(), Msg::ClientOne, Msg::ClientMany))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use jiff::civil::date;

    #[test]
    fn only_unfinished_returns_with_a_date_say_when_they_are_due() {
        let today = date(2026, 11, 30);
        let mut r = ReturnBrief {
            year: 2025,
            form: "T1".into(),
            status: ReturnStatus::InProgress,
            due: Some(date(2026, 12, 3)),
            filed: None,
        };
        assert_eq!(
            due_words(Lang::En, &r, today).as_deref(),
            Some("in 3 days (2026-12-03)")
        );
        assert_eq!(
            due_words(Lang::Fr, &r, today).as_deref(),
            Some("dans 3 jours (2026-12-03)")
        );
        r.status = ReturnStatus::Filed;
        assert_eq!(due_words(Lang::En, &r, today), None);
        r.status = ReturnStatus::InProgress;
        r.due = None;
        assert_eq!(due_words(Lang::En, &r, today), None);
    }
}
