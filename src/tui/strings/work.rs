//! The tax-return work: the list's return cell with its due date in
//! words, the work filters and what the header says of them, and the
//! work view's titles.

use jiff::civil::Date;

use crate::i18n::{number, plural};
use crate::model::{DueFilter, ReturnBrief, WorkFilter};
use crate::tr;

use super::super::lang::lang;
use super::words::return_status;

/// How much a return cell says, from the most to the least.
pub(crate) const RETURN_LEVELS: u8 = 4;

/// The latest return in a cell, the status first so that it is the last
/// thing cut. `level` 0 says everything (`in progress, in 3 days · 2025
/// T1 2026-04-30`); each level drops something: the date, then the year
/// and form, then the long words for the days.
pub(crate) fn return_cell(r: &ReturnBrief, today: Date, level: u8) -> String {
    let status = return_status(r.status);
    let when = r
        .due_unfinished()
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
pub(crate) fn work_filter(f: &WorkFilter) -> Vec<String> {
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

pub(crate) fn overdue_words() -> &'static str {
    tr!(en: "overdue", fr: "en retard")
}

/// `due within 7 days`.
pub(crate) fn due_within(n: u16) -> String {
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

pub(crate) fn docs_awaited() -> &'static str {
    tr!(en: "documents awaited", fr: "documents attendus")
}

pub(crate) fn filter_status() -> &'static str {
    tr!(en: "Latest tax return", fr: "Dernière déclaration")
}

pub(crate) fn any_status() -> &'static str {
    tr!(en: "Any status", fr: "Tout statut")
}

pub(crate) fn filter_due() -> &'static str {
    tr!(en: "Due date", fr: "Échéance")
}

/// A due-date filter in the filter menu.
pub(crate) fn due_choice(due: DueFilter) -> String {
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

pub(crate) fn clear_filters() -> &'static str {
    tr!(en: "Clear all filters", fr: "Retirer tous les filtres")
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(crate) fn filters_cleared() -> &'static str {
    tr!(en: "Every filter is off", fr: "Aucun filtre")
}

// ---- The work view ---------------------------------------------------------------

pub(crate) fn my_work() -> &'static str {
    tr!(en: "My work", fr: "Mon travail")
}

pub(crate) fn whole_firm() -> &'static str {
    tr!(en: "Whole firm", fr: "Tout le cabinet")
}

/// The view's title: `Tax-return work · Whole firm · 1,896 clients (12
/// without a return) · 2026-05-04`.
pub(crate) fn work_title(scope: &str, counts: Option<(usize, usize, Date)>) -> String {
    let l = lang();
    let head = tr!(
        en: format!("Tax-return work · {scope}"),
        fr: format!("Déclarations · {scope}"),
    );
    let Some((clients, none, today)) = counts else {
        return head;
    };
    let n = number(l, clients as u64);
    let who = l.clients(clients);
    let without = if none == 0 {
        String::new()
    } else {
        let k = number(l, none as u64);
        tr!(
            en: format!(" ({k} without a return)"),
            fr: format!(" ({k} sans déclaration)"),
        )
    };
    format!("{head} · {n} {who}{without} · {today}")
}

pub(crate) fn returns_by_status() -> &'static str {
    tr!(en: "Latest returns by status", fr: "Dernières déclarations par statut")
}

pub(crate) fn due_heading() -> &'static str {
    tr!(en: "Due dates", fr: "Échéances")
}

pub(crate) fn overdue_count_words() -> &'static str {
    tr!(en: "overdue", fr: "en retard")
}

pub(crate) fn due_this_week() -> &'static str {
    tr!(en: "due within 7 days", fr: "d’ici 7 jours")
}

pub(crate) fn due_this_month() -> &'static str {
    tr!(en: "due within 30 days", fr: "d’ici 30 jours")
}

pub(crate) fn docs_awaited_clients() -> &'static str {
    tr!(en: "awaiting documents", fr: "documents attendus")
}

/// `(812 documents)`.
pub(crate) fn documents_count(n: usize) -> String {
    let l = lang();
    let k = number(l, n as u64);
    tr!(
        en: format!("({k} {})", plural(l, n, "document", "documents")),
        fr: format!("({k} {})", plural(l, n, "document", "documents")),
    )
}

/// The chart's title: `By lead: in progress`.
pub(crate) fn by_lead_title(measure: &str) -> String {
    tr!(
        en: format!("By lead accountant: {measure}"),
        fr: format!("Par responsable : {measure}"),
    )
}

pub(crate) fn docs_by_client_title() -> &'static str {
    tr!(en: "Clients awaiting the most documents", fr: "Clients qui doivent le plus de documents")
}

/// Beside the chart's title: which key shows another measure.
pub(crate) fn chart_keys(key: &str) -> String {
    tr!(
        en: format!("{key} next chart · Enter opens the list"),
        fr: format!("{key} graphique suivant · Entrée ouvre la liste"),
    )
}

pub(crate) fn no_active_clients() -> &'static str {
    tr!(en: "No active clients.", fr: "Aucun client actif.")
}

pub(crate) fn no_docs_awaited() -> &'static str {
    tr!(en: "No documents awaited.", fr: "Aucun document attendu.")
}

/// The header's counts on the work view.
pub(crate) fn work_counts(clients: usize, overdue: usize) -> String {
    let l = lang();
    let n = number(l, clients as u64);
    let k = number(l, overdue as u64);
    tr!(
        en: format!("{n} {} · {k} overdue", l.clients(clients)),
        fr: format!("{n} {} · {k} en retard", l.clients(clients)),
    )
}

/// Said when the view switches between my work and the firm's.
pub(crate) fn work_scope_said(mine: bool) -> &'static str {
    if mine {
        tr!(en: "Showing your clients only", fr: "Vos clients seulement")
    } else {
        tr!(en: "Showing the whole firm", fr: "Tout le cabinet")
    }
}

/// Said when a count of the work view opens the list.
pub(crate) fn work_opened() -> &'static str {
    tr!(
        en: "Filtered from the work view; f changes the filters",
        fr: "Filtré depuis le travail; f modifie les filtres",
    )
}

/// A client's number, never written with `#`, which stands for ids:
/// `No. 1970` (`nº 1970`).
pub(crate) fn client_no(number: &str) -> String {
    tr!(en: format!("No. {number}"), fr: format!("nº {number}"))
}

// ---- Marks -----------------------------------------------------------------------

/// After marking every client of the view.
pub(crate) fn marked_all(added: usize, marked: usize, menu_key: &str) -> String {
    let l = lang();
    let (a, m) = (number(l, added as u64), number(l, marked as u64));
    tr!(
        en: format!("Marked the {a} {} shown; {m} marked in all. {menu_key} acts on them.", l.clients(added)),
        fr: format!("{a} {} affichés marqués; {m} marqués en tout. {menu_key} agit sur eux.", l.clients(added)),
    )
}

pub(crate) fn make_marked_inactive(n: usize) -> String {
    let l = lang();
    let k = number(l, n as u64);
    tr!(
        en: format!("Make the {k} marked {} inactive…", l.clients(n)),
        fr: format!("Rendre inactifs les {k} {} marqués…", l.clients(n)),
    )
}

pub(crate) fn reactivate_marked(n: usize) -> String {
    let l = lang();
    let k = number(l, n as u64);
    tr!(
        en: format!("Reactivate the {k} marked {}", l.clients(n)),
        fr: format!("Réactiver les {k} {} marqués", l.clients(n)),
    )
}

/// The one question before making marked clients inactive, with what it
/// does not do to billing.
pub(crate) fn make_many_inactive_question(n: usize) -> String {
    let l = lang();
    let k = number(l, n as u64);
    tr!(
        en: format!("Make {k} {} inactive? Their records are kept and they can be reactivated. Subscriptions billed to the firm stay billed until removed on the billing screen (B).", l.clients(n)),
        fr: format!("Rendre {k} {} inactifs? Leurs dossiers sont gardés et ils pourront être réactivés. Les abonnements facturés au cabinet le restent jusqu’à leur retrait à l’écran de facturation (B).", l.clients(n)),
    )
}

pub(crate) fn active_set_many(n: usize, active: bool) -> String {
    let l = lang();
    let k = number(l, n as u64);
    if active {
        tr!(
            en: format!("Reactivated {k} {}", l.clients(n)),
            fr: format!("{k} {} réactivés", l.clients(n)),
        )
    } else {
        tr!(
            en: format!("Made {k} {} inactive", l.clients(n)),
            fr: format!("{k} {} rendus inactifs", l.clients(n)),
        )
    }
}

/// Some of the marked clients changed before one was refused.
pub(crate) fn active_set_partly(done: usize, asked: usize, active: bool, why: &str) -> String {
    let l = lang();
    let (d, a) = (number(l, done as u64), number(l, asked as u64));
    let _ = active;
    tr!(
        en: format!("{d} of {a} changed, then: {why}"),
        fr: format!("{d} sur {a} modifiés, puis : {why}"),
    )
}

pub(crate) fn view_reset() -> &'static str {
    tr!(
        en: "Filters, sort and inactive clients are back as new",
        fr: "Filtres, tri et clients inactifs remis comme au départ",
    )
}

/// Which field a search found a client through: `contact: frechette`.
pub(crate) fn found_in(field: crate::model::FoundField, text: &str) -> String {
    use crate::model::FoundField;
    let what = match field {
        FoundField::Company => tr!(en: "company", fr: "entreprise"),
        FoundField::Contact => tr!(en: "contact", fr: "contact"),
        FoundField::Number => tr!(en: "number", fr: "numéro"),
        FoundField::Email => tr!(en: "e-mail", fr: "courriel"),
        FoundField::Phone => tr!(en: "phone", fr: "téléphone"),
    };
    tr!(en: format!("{what}: {text}"), fr: format!("{what} : {text}"))
}

// ---- Copying ---------------------------------------------------------------------

pub(crate) fn copy_title(name: &str) -> String {
    tr!(en: format!("Copy from {name}"), fr: format!("Copier de {name}"))
}

pub(crate) fn copy_email() -> &'static str {
    tr!(en: "E-mail", fr: "Courriel")
}

pub(crate) fn copy_phone() -> &'static str {
    tr!(en: "Phone", fr: "Téléphone")
}

pub(crate) fn copy_mobile() -> &'static str {
    tr!(en: "Mobile", fr: "Cellulaire")
}

pub(crate) fn copy_number() -> &'static str {
    tr!(en: "Client number", fr: "Numéro de client")
}

/// After copying: `Copied the e-mail info@… to the clipboard`.
pub(crate) fn copied(what: &str, text: &str) -> String {
    tr!(
        en: format!("Copied {what} {text} to the clipboard"),
        fr: format!("{what} {text} copié dans le presse-papiers"),
    )
}

pub(crate) fn nothing_to_copy(name: &str) -> String {
    tr!(
        en: format!("{name} has no e-mail, phone or number to copy"),
        fr: format!("{name} n’a ni courriel, ni téléphone, ni numéro à copier"),
    )
}
