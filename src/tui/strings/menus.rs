//! The menus (actions, filters, settings, sort, lead accountants) and the
//! questions that need an answer.

use crate::tr;

pub(crate) fn actions_title() -> &'static str {
    tr!(en: "Actions", fr: "Actions")
}

pub(crate) fn action_edit() -> &'static str {
    tr!(en: "Edit client", fr: "Modifier le client")
}

pub(crate) fn action_deactivate() -> &'static str {
    tr!(en: "Make inactive", fr: "Rendre inactif")
}

pub(crate) fn action_reactivate() -> &'static str {
    tr!(en: "Reactivate", fr: "Réactiver")
}

pub(crate) fn action_change_lead() -> &'static str {
    tr!(en: "Change lead accountant", fr: "Changer le responsable")
}

pub(crate) fn action_clear_marks() -> &'static str {
    tr!(en: "Clear marks", fr: "Effacer les marques")
}

pub(crate) fn filters_title() -> &'static str {
    tr!(en: "Filters", fr: "Filtres")
}

pub(crate) fn filter_type() -> &'static str {
    tr!(en: "Client type", fr: "Type de client")
}

pub(crate) fn filter_lead() -> &'static str {
    tr!(en: "Lead accountant", fr: "Responsable")
}

pub(crate) fn all_types() -> &'static str {
    tr!(en: "All types", fr: "Tous les types")
}

pub(crate) fn any_lead() -> &'static str {
    tr!(en: "Anyone", fr: "Tous")
}

pub(crate) fn my_clients() -> &'static str {
    tr!(en: "My clients", fr: "Mes clients")
}

pub(crate) fn no_lead() -> &'static str {
    tr!(en: "No lead accountant", fr: "Aucun responsable")
}

pub(crate) fn settings_title() -> &'static str {
    tr!(en: "Settings", fr: "Paramètres")
}

pub(crate) fn include_inactive() -> &'static str {
    tr!(en: "Include inactive clients", fr: "Inclure les clients inactifs")
}

pub(crate) fn sort_title() -> &'static str {
    tr!(en: "Sort by", fr: "Trier par")
}

pub(crate) fn only_admins_assign() -> &'static str {
    tr!(
        en: "Only a firm admin may assign lead accountants.",
        fr: "Seul un administrateur du cabinet peut assigner les responsables.",
    )
}

pub(crate) fn lead_for(label: &str) -> String {
    tr!(
        en: format!("Lead accountant of {label}"),
        fr: format!("Responsable de {label}"),
    )
}

/// A team member in a pick list.
pub(crate) fn member_choice(name: &str, login: &str) -> String {
    format!("{name} ({login})")
}

pub(crate) fn lead_assigned(lead: Option<&str>, label: &str, count: usize) -> String {
    match (lead, count) {
        (_, 0) => tr!(
            en: format!("Nothing changed: {label} already had that lead accountant"),
            fr: format!("Rien n'a changé : {label} avait déjà ce responsable"),
        ),
        (Some(lead), _) => tr!(
            en: format!("{lead} is now the lead accountant of {label}"),
            fr: format!("{lead} est maintenant responsable de {label}"),
        ),
        (None, _) => tr!(
            en: format!("{label}: no lead accountant now"),
            fr: format!("{label} : plus de responsable"),
        ),
    }
}

// ---- Questions ----------------------------------------------------------------

pub(crate) fn answer_no() -> &'static str {
    tr!(en: "Cancel", fr: "Annuler")
}

pub(crate) fn make_inactive_title() -> &'static str {
    tr!(en: "Make inactive", fr: "Rendre inactif")
}

pub(crate) fn make_inactive() -> &'static str {
    tr!(en: "Make inactive", fr: "Rendre inactif")
}

/// The seed product's question, word for word.
pub(crate) fn make_inactive_question(name: &str) -> String {
    tr!(
        en: format!(
            "Make {name} inactive? Their data is kept; their subscriptions and wholesale billing are not cancelled."
        ),
        fr: format!(
            "Rendre {name} inactif? Ses données sont conservées; ses abonnements et sa facturation de gros ne sont pas annulés."
        ),
    )
}

pub(crate) fn deactivated(name: &str) -> String {
    tr!(
        en: format!("{name} is now inactive"),
        fr: format!("{name} est maintenant inactif"),
    )
}

pub(crate) fn reactivated(name: &str) -> String {
    tr!(
        en: format!("{name} is active again"),
        fr: format!("{name} est de nouveau actif"),
    )
}

pub(crate) fn discard_title() -> &'static str {
    tr!(en: "Unsaved changes", fr: "Modifications non enregistrées")
}

pub(crate) fn discard() -> &'static str {
    tr!(en: "Discard them", fr: "Les abandonner")
}

pub(crate) fn discard_question(subject: &str) -> String {
    tr!(
        en: format!("Discard your changes to {subject}?"),
        fr: format!("Abandonner vos modifications de {subject}?"),
    )
}

pub(crate) fn changes_discarded() -> &'static str {
    tr!(en: "Changes discarded", fr: "Modifications abandonnées")
}

pub(crate) fn quit_title() -> &'static str {
    tr!(en: "Quit", fr: "Quitter")
}

pub(crate) fn quit() -> &'static str {
    tr!(en: "Quit", fr: "Quitter")
}

pub(crate) fn quit_question(subject: &str) -> String {
    tr!(
        en: format!(
            "Your changes to {subject} are not saved. Quit anyway? They are kept as a draft, and offered again the next \
             time you edit this client."
        ),
        fr: format!(
            "Vos modifications de {subject} ne sont pas enregistrées. Quitter quand même? Elles sont gardées comme \
             brouillon et vous seront offertes la prochaine fois que vous modifierez ce client."
        ),
    )
}

pub(crate) fn remove_title() -> &'static str {
    tr!(en: "Remove", fr: "Retirer")
}

pub(crate) fn remove() -> &'static str {
    tr!(en: "Remove", fr: "Retirer")
}

pub(crate) fn remove_question(what: &str, client: &str) -> String {
    tr!(
        en: format!("Remove {what} from {client}? The history keeps a record of it."),
        fr: format!("Retirer {what} de {client}? L'historique en garde la trace."),
    )
}

pub(crate) fn removed(what: &str, client: &str) -> String {
    tr!(
        en: format!("Removed {what} from {client}"),
        fr: format!("{what} retiré de {client}"),
    )
}

pub(crate) fn draft_title() -> &'static str {
    tr!(en: "Unsaved draft", fr: "Brouillon non enregistré")
}

pub(crate) fn restore() -> &'static str {
    tr!(en: "Restore it", fr: "Le restaurer")
}

pub(crate) fn discard_draft() -> &'static str {
    tr!(en: "Discard it", fr: "L'abandonner")
}

pub(crate) fn not_now() -> &'static str {
    tr!(en: "Not now", fr: "Pas maintenant")
}

pub(crate) fn draft_question(subject: &str, form: &str) -> String {
    tr!(
        en: format!("You left unsaved changes to {subject} ({form}). Restore them?"),
        fr: format!("Vous avez laissé des modifications non enregistrées de {subject} ({form}). Restaurer ce brouillon?"),
    )
}

pub(crate) fn draft_elsewhere(form: &str) -> String {
    tr!(
        en: format!("You have an unsaved draft ({form}); changes left unsaved here would take its place. Press Esc, then e, to restore it first."),
        fr: format!("Vous avez un brouillon non enregistré ({form}); des modifications laissées ici non enregistrées le remplaceraient. Échap, puis e, pour le restaurer d'abord."),
    )
}

/// What a team member form's draft is about, in the restore question.
pub(crate) fn the_team() -> &'static str {
    tr!(en: "the team", fr: "l'équipe")
}

pub(crate) fn draft_item_gone() -> &'static str {
    tr!(
        en: "The item your draft was about has since been deleted; nothing was restored. Discard the draft, or add the item again.",
        fr: "L'élément de votre brouillon a été supprimé depuis; rien n'a été restauré. Abandonnez le brouillon, ou ajoutez l'élément de nouveau.",
    )
}

pub(crate) fn draft_restored(differs: usize) -> String {
    tr!(
        en: match differs {
            0 => "Draft restored: it holds the saved values.".to_owned(),
            1 => "Draft restored: 1 field differs from the saved record (marked restored, with the saved value). Save to keep it.".to_owned(),
            n => format!("Draft restored: {n} fields differ from the saved record (marked restored, with the saved value). Save to keep them."),
        },
        fr: match differs {
            0 => "Brouillon restauré : il contient les valeurs enregistrées.".to_owned(),
            1 => "Brouillon restauré : 1 champ diffère de la fiche enregistrée (marqué restauré, avec la valeur enregistrée). Enregistrez pour le garder.".to_owned(),
            n => format!("Brouillon restauré : {n} champs diffèrent de la fiche enregistrée (marqués restaurés, avec la valeur enregistrée). Enregistrez pour les garder."),
        },
    )
}

/// The line under a form reopened from a draft.
pub(crate) fn restored_banner(differs: usize) -> String {
    tr!(
        en: match differs {
            0 => "Restored from your draft: it holds the saved values.".to_owned(),
            1 => "Restored from your draft: 1 field differs from the saved record.".to_owned(),
            n => format!("Restored from your draft: {n} fields differ from the saved record."),
        },
        fr: match differs {
            0 => "Restauré de votre brouillon : il contient les valeurs enregistrées.".to_owned(),
            1 => "Restauré de votre brouillon : 1 champ diffère de la fiche enregistrée.".to_owned(),
            n => format!("Restauré de votre brouillon : {n} champs diffèrent de la fiche enregistrée."),
        },
    )
}

pub(crate) fn restored_note(saved: &str) -> String {
    let saved = if saved.is_empty() {
        super::empty_value()
    } else {
        saved
    };
    tr!(
        en: format!("restored · saved: {saved}"),
        fr: format!("restauré · enregistré : {saved}"),
    )
}

pub(crate) fn draft_outdated() -> &'static str {
    tr!(
        en: "The client changed since your draft was kept: choose, field by field, what to keep.",
        fr: "Le client a changé depuis que votre brouillon a été gardé : choisissez, champ par champ, quoi garder.",
    )
}
