//! Giving marked clients a lead accountant: the menu line, the member
//! picker's title and what the assignment did.

use crate::i18n::plural;
use crate::tr;

use super::super::lang::lang;

/// "2 clients".
pub(crate) fn clients(n: usize) -> String {
    let l = lang();
    format!("{n} {}", l.clients(n))
}

/// The actions menu's line for the marked clients.
pub(crate) fn edit_leads_of_marked(n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("Edit leads: assign the {n} marked {} to…", l.clients(n)),
        fr: format!(
            "Modifier les responsables : assigner {} {n} {} à…",
            plural(l, n, "le", "les"),
            plural(l, n, "client marqué", "clients marqués"),
        ),
    )
}

/// The member picker's title for several clients.
pub(crate) fn assign_to(label: &str) -> String {
    tr!(en: format!("Assign {label} to"), fr: format!("Assigner {label} à"))
}

/// What an assignment to several clients did: `changed` of `asked`
/// clients got the lead (the others already had it).
pub(crate) fn leads_assigned(lead: Option<&str>, asked: usize, changed: usize) -> String {
    let label = clients(asked);
    let done = match (lead, changed) {
        (_, 0) => {
            return tr!(
                en: format!("Nothing changed: the {label} already had that lead accountant"),
                fr: format!("Rien n'a changé : les {label} avaient déjà ce responsable"),
            );
        }
        (Some(lead), _) => tr!(
            en: format!("{lead} is now the lead accountant of {label}"),
            fr: format!("{lead} est maintenant responsable de {label}"),
        ),
        (None, _) => tr!(
            en: format!("{label}: no lead accountant now"),
            fr: format!("{label} : aucun responsable maintenant"),
        ),
    };
    if changed == asked {
        done
    } else {
        let kept = asked - changed;
        tr!(
            en: format!("{done} ({changed} changed, {kept} already had that lead)"),
            fr: format!("{done} ({changed} modifiés, {kept} l'avaient déjà)"),
        )
    }
}
