//! The search's explanations: the closest names when nothing matched,
//! and the line over matches a filter or the inactive toggle hides.

use crate::i18n::plural;
use crate::model::HiddenReason;
use crate::tr;

use super::super::lang::lang;

/// Beside the search box when nothing matched even loosely.
pub(crate) fn closest_names() -> &'static str {
    tr!(
        en: "no exact match — closest names",
        fr: "aucun résultat exact — noms les plus proches",
    )
}

/// The line above the matches a filter or the inactive toggle hides.
/// `shown` of `count` are listed; `filter` names the type or lead the
/// filter keeps; `act` and `more` are the keys that help.
pub(crate) fn hidden_heading(
    reason: HiddenReason,
    count: usize,
    shown: usize,
    filter: &str,
    act: &str,
    more: &str,
) -> String {
    let l = lang();
    let mut text = match reason {
        HiddenReason::Inactive => {
            let what = tr!(
                en: plural(l, count, "inactive client matches", "inactive clients match"),
                fr: plural(l, count, "client inactif correspond", "clients inactifs correspondent"),
            );
            tr!(
                en: format!("{count} {what} — {act} reactivates, {more} includes inactive clients"),
                fr: format!("{count} {what} — {act} réactive, {more} inclut les clients inactifs"),
            )
        }
        HiddenReason::Kind | HiddenReason::Lead | HiddenReason::Work => {
            let what = tr!(
                en: plural(l, count, "client hidden", "clients hidden"),
                fr: plural(l, count, "client masqué", "clients masqués"),
            );
            let by = match reason {
                HiddenReason::Kind => tr!(en: "by the type filter", fr: "par le filtre de type"),
                HiddenReason::Work => tr!(en: "by the work filter", fr: "par le filtre de travail"),
                _ => tr!(en: "by the lead filter", fr: "par le filtre de responsable"),
            };
            tr!(
                en: format!("{count} {what} {by} ({filter}) — {more} changes the filters"),
                fr: format!("{count} {what} {by} ({filter}) — {more} modifie les filtres"),
            )
        }
    };
    if shown < count {
        text.push_str(&tr!(
            en: format!(" (the first {shown} shown)"),
            fr: format!(" ({shown} premiers affichés)"),
        ));
    }
    text
}

/// The choice of no lead accountant at all, in a menu.
pub(crate) fn nobody() -> &'static str {
    tr!(en: "No lead accountant", fr: "Aucun responsable")
}

/// A client that is not inactive needs no reactivating.
pub(crate) fn already_active(name: &str) -> String {
    tr!(
        en: format!("{name} is already active"),
        fr: format!("{name} est déjà actif"),
    )
}
