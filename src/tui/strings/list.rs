//! The header, the status line's connection news, and the client list:
//! column titles, counts, the latest return in brief, and what an empty
//! list says.

use crate::i18n::{Lang, Msg, number, plural};
use crate::model::SortColumn;
use crate::tr;

use super::super::lang::lang;

/// The header's left side: the product, the firm and who is signed in.
pub(crate) fn header(firm: &str, me: &str) -> String {
    tr!(
        en: format!("cabinet · {firm} · {me}"),
        fr: format!("cabinet · {firm} · {me}"),
    )
}

/// `1 client`, `1,894 clients` (`1 894 clients` in French).
pub(crate) fn clients_count(n: usize) -> String {
    format!("{} {}", count(n), lang().clients(n))
}

/// A count with its thousands grouped as the language does.
fn count(n: usize) -> String {
    number(lang(), n as u64)
}

/// The header's counts: how many clients show, how many inactive ones are
/// hidden, and what narrows the list.
#[allow(clippy::too_many_arguments)]
pub(crate) fn counts(
    shown: usize,
    hidden: usize,
    include_inactive: bool,
    marked: usize,
    kind: Option<&str>,
    lead: Option<&str>,
    work: Vec<String>,
    position: Option<usize>,
) -> String {
    let l = lang();
    let mut parts = vec![match position {
        Some(at) if shown > 0 => format!("{}/{}", count(at + 1), clients_count(shown)),
        _ => clients_count(shown),
    }];
    let filters: Vec<String> = kind
        .map(str::to_owned)
        .into_iter()
        .chain(lead.map(|lead| {
            tr!(
                en: format!("lead: {lead}"),
                fr: format!("responsable : {lead}"),
            )
        }))
        .chain(work)
        .collect();
    if !filters.is_empty() {
        parts[0].push_str(&format!(" ({})", filters.join(", ")));
    }
    if include_inactive {
        parts.push(tr!(en: "inactive included", fr: "inactifs inclus").to_owned());
    } else if hidden > 0 {
        let words = plural(
            l,
            hidden,
            Msg::InactiveHiddenOne.text(l),
            Msg::InactiveHiddenMany.text(l),
        );
        parts.push(format!("{} {words}", count(hidden)));
    }
    if marked > 0 {
        let words = tr!(en: "marked", fr: plural(Lang::Fr, marked, "marqué", "marqués"));
        parts.push(format!("{} {words}", count(marked)));
    }
    parts.join(" · ")
}

pub(crate) fn offline() -> &'static str {
    tr!(
        en: "Lost contact with the firm server; trying again. Unsaved forms are kept.",
        fr: "Contact perdu avec le serveur du cabinet; nouvel essai en cours. Les formulaires non enregistrés sont gardés.",
    )
}

pub(crate) fn reconnected() -> &'static str {
    tr!(
        en: "Connected to the firm server again",
        fr: "De nouveau connecté au serveur du cabinet",
    )
}

pub(crate) fn too_small(w: u16, h: u16) -> String {
    tr!(
        en: format!("The terminal is too small: cabinet needs at least {w}×{h}."),
        fr: format!("Le terminal est trop petit : cabinet a besoin d'au moins {w}×{h}."),
    )
}

pub(crate) fn loading() -> &'static str {
    tr!(en: "Loading…", fr: "Chargement…")
}

/// A column's header.
pub(crate) fn column(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => tr!(en: "Client", fr: "Client"),
        SortColumn::Number => tr!(en: "Number", fr: "Numéro"),
        SortColumn::Kind => tr!(en: "Type", fr: "Type"),
        SortColumn::Lead => tr!(en: "Lead", fr: "Responsable"),
        SortColumn::Product => tr!(en: "QuickBooks", fr: "QuickBooks"),
        SortColumn::Return => tr!(en: "Latest tax return", fr: "Dernière déclaration"),
        SortColumn::Documents => tr!(en: "Docs", fr: "Docs"),
        SortColumn::Wholesale => tr!(en: "Billing", fr: "Facturation"),
    }
}

/// A column's name in the sort menu.
pub(crate) fn column_long(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => tr!(en: "Client name", fr: "Nom du client"),
        SortColumn::Number => tr!(en: "Client number", fr: "Numéro de client"),
        SortColumn::Kind => tr!(en: "Type", fr: "Type"),
        SortColumn::Lead => tr!(en: "Lead accountant", fr: "Responsable"),
        SortColumn::Product => tr!(en: "QuickBooks product", fr: "Produit QuickBooks"),
        SortColumn::Return => tr!(
            en: "Latest tax return (due date)",
            fr: "Dernière déclaration (échéance)",
        ),
        SortColumn::Documents => tr!(en: "Documents awaiting", fr: "Documents en attente"),
        SortColumn::Wholesale => tr!(en: "Wholesale billing", fr: "Facturation de gros"),
    }
}

/// Follows an inactive client's name on the list.
pub(crate) fn inactive_tag() -> &'static str {
    tr!(en: " inactive", fr: " inactif")
}

/// The billing column's mark for a client billed to the firm.
pub(crate) fn wholesale_mark() -> &'static str {
    tr!(en: "firm", fr: "cabinet")
}

pub(crate) fn overdue() -> &'static str {
    tr!(en: "overdue", fr: "en retard")
}

pub(crate) fn search_label() -> &'static str {
    tr!(en: "Search:", fr: "Recherche :")
}

pub(crate) fn sorted(c: SortColumn, descending: bool) -> String {
    let column = column_long(c);
    tr!(
        en: {
            let way = if descending { "descending" } else { "ascending" };
            format!("Sorted by {}, {way}", column.to_lowercase())
        },
        fr: {
            let way = if descending { "décroissant" } else { "croissant" };
            format!("Trié par {}, ordre {way}", lower_first(column))
        },
    )
}

/// The text with its first letter in lower case (`Produit QuickBooks` →
/// `produit QuickBooks`).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(crate) fn inactive_shown() -> &'static str {
    tr!(
        en: "Inactive clients are included and marked",
        fr: "Les clients inactifs sont inclus et signalés",
    )
}

pub(crate) fn inactive_hidden() -> &'static str {
    tr!(
        en: "Inactive clients are hidden",
        fr: "Les clients inactifs sont masqués",
    )
}

pub(crate) fn marks_cleared() -> &'static str {
    tr!(en: "Marks cleared", fr: "Marques effacées")
}

pub(crate) fn nothing_selected() -> &'static str {
    tr!(en: "No client is selected", fr: "Aucun client n'est sélectionné")
}

pub(crate) fn marked(n: usize, menu_key: &str) -> String {
    tr!(
        en: format!(
            "{} marked; press {menu_key} to change their lead accountant",
            clients_count(n)
        ),
        fr: format!(
            "{} {}; appuyez sur {menu_key} pour changer leur responsable",
            clients_count(n),
            plural(Lang::Fr, n, "marqué", "marqués"),
        ),
    )
}

pub(crate) fn no_match(search: &str) -> String {
    tr!(
        en: format!("No client matches \"{search}\"."),
        fr: format!("Aucun client ne correspond à « {search} »."),
    )
}

pub(crate) fn no_match_filters(filters_key: &str) -> String {
    tr!(
        en: format!("No client matches the filters; press {filters_key} to change them."),
        fr: format!("Aucun client ne correspond aux filtres; appuyez sur {filters_key} pour les changer."),
    )
}

pub(crate) fn no_clients(add_key: &str) -> String {
    tr!(
        en: format!("No clients yet. Press {add_key} to add one."),
        fr: format!("Aucun client pour l'instant. Appuyez sur {add_key} pour en ajouter un."),
    )
}

pub(crate) fn all_inactive() -> &'static str {
    tr!(en: "Every client is inactive.", fr: "Tous les clients sont inactifs.")
}

pub(crate) fn inactive_match(n: usize, key: &str) -> String {
    tr!(
        en: {
            let clients = if n == 1 {
                "1 inactive client matches".to_owned()
            } else {
                format!("{} inactive clients match", count(n))
            };
            format!("{clients}; press {key} to include inactive clients.")
        },
        fr: {
            let clients = plural(
                Lang::Fr,
                n,
                "client inactif correspond",
                "clients inactifs correspondent",
            );
            format!("{} {clients}; appuyez sur {key} pour inclure les clients inactifs.", count(n))
        },
    )
}
