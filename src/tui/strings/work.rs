//! The tax-return work: the list's return cell with its due date in
//! words, the work filters and what the header says of them, and the
//! work view's titles.

use jiff::civil::Date;

use crate::i18n::plural;
use crate::model::{DueFilter, ReturnBrief, WorkFilter};
use crate::tr;

use super::super::lang::lang;
use super::words::return_status;

/// How much a return cell says, from the most to the least.
pub const RETURN_LEVELS: u8 = 4;

/// The latest return in a cell, the status first so that it is the last
/// thing cut. `level` 0 says everything (`in progress, in 3 days · 2025
/// T1 2026-04-30`); each level drops something: the date, then the year
/// and form, then the long words for the days.
pub fn return_cell(r: &ReturnBrief, today: Date, level: u8) -> String {
    let status = return_status(r.status);
    let when = r
        .due
        .filter(|_| !r.status.is_done())
        .map(|d| (lang().due_relative(d, today, level >= 3), d));
    let what = format!("{} {}", r.year, r.form);
    match (when, level) {
        (Some((rel, d)), 0) => format!("{status}, {rel} · {what} {d}"),
        (Some((rel, _)), 1) => format!("{status}, {rel} · {what}"),
        (Some((rel, _)), _) => format!("{status}, {rel}"),
        (None, 0 | 1) => format!("{status} · {what}"),
        (None, _) => status.to_owned(),
    }
}

/// The work filters in a few words, for the header: `overdue`,
/// `in progress or ready for review`, `documents awaited`.
pub fn work_filter(f: &WorkFilter) -> Vec<String> {
    let mut out = Vec::new();
    if !f.statuses.is_empty() {
        let names: Vec<&str> = f.statuses.statuses().map(return_status).collect();
        out.push(names.join(tr!(en: " or ", fr: " ou ")));
    }
    match f.due {
        DueFilter::Any => {}
        DueFilter::Unfinished => out.push(tr!(en: "unfinished", fr: "non terminées").to_owned()),
        DueFilter::Overdue => out.push(overdue_words().to_owned()),
        DueFilter::Within(n) => out.push(due_within(n)),
        DueFilter::UpTo(n) => out.push(tr!(
            en: format!("overdue or {}", due_within(n)),
            fr: format!("en retard ou {}", due_within(n)),
        )),
    }
    if f.docs_awaited {
        out.push(docs_awaited().to_owned());
    }
    out
}

pub fn overdue_words() -> &'static str {
    tr!(en: "overdue", fr: "en retard")
}

/// `due within 7 days`.
pub fn due_within(n: u16) -> String {
    let l = lang();
    let days = tr!(
        en: plural(l, n.into(), "day", "days"),
        fr: plural(l, n.into(), "jour", "jours"),
    );
    tr!(
        en: format!("due within {n} {days}"),
        fr: format!("échéance d’ici {n} {days}"),
    )
}

pub fn docs_awaited() -> &'static str {
    tr!(en: "documents awaited", fr: "documents attendus")
}

pub fn filter_status() -> &'static str {
    tr!(en: "Latest tax return", fr: "Dernière déclaration")
}

pub fn any_status() -> &'static str {
    tr!(en: "Any status", fr: "Tout statut")
}

pub fn filter_due() -> &'static str {
    tr!(en: "Due date", fr: "Échéance")
}

/// A due-date filter in the filter menu.
pub fn due_choice(due: DueFilter) -> String {
    match due {
        DueFilter::Any => tr!(en: "Any date", fr: "Toute date").to_owned(),
        DueFilter::Unfinished => tr!(en: "Unfinished", fr: "Non terminées").to_owned(),
        DueFilter::Overdue => tr!(en: "Overdue", fr: "En retard").to_owned(),
        DueFilter::Within(n) => upper_first(&due_within(n)),
        DueFilter::UpTo(n) => tr!(
            en: format!("Overdue or {}", due_within(n)),
            fr: format!("En retard ou {}", due_within(n)),
        ),
    }
}

pub fn clear_filters() -> &'static str {
    tr!(en: "Clear all filters", fr: "Retirer tous les filtres")
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn filters_cleared() -> &'static str {
    tr!(en: "Every filter is off", fr: "Aucun filtre")
}
