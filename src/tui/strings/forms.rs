//! The forms: titles, item labels and hints, and what saving says.

use crate::tr;

use super::super::lang::lang;
use super::super::profile::Part;
use super::errors::field_error;
use super::keys::{key_enter, key_space, key_tab};

pub(crate) fn add_client_title() -> &'static str {
    tr!(en: "Add client", fr: "Ajouter un client")
}

/// The subject of questions about a client not yet named ("Discard your
/// changes to the new client?").
pub(crate) fn new_client() -> &'static str {
    tr!(en: "the new client", fr: "ce nouveau client")
}

pub(crate) fn required_note() -> &'static str {
    tr!(en: "* required", fr: "* obligatoire")
}

pub(crate) fn saving() -> &'static str {
    tr!(en: "Saving…", fr: "Enregistrement…")
}

pub(crate) fn pick_help() -> String {
    let (enter, space) = (key_enter(), key_space());
    tr!(
        en: format!("← → change the choice; {enter} or {space} lists them all"),
        fr: format!("← → changent le choix; {enter} ou {space} les affiche tous"),
    )
}

pub(crate) fn notes_help() -> String {
    let (enter, tab) = (key_enter(), key_tab());
    tr!(
        en: format!("{enter} starts a new line; {tab} leaves the notes"),
        fr: format!("{enter} commence une nouvelle ligne; {tab} quitte les notes"),
    )
}

pub(crate) fn only_admins_lead() -> &'static str {
    tr!(
        en: "only a firm admin may change this",
        fr: "seul un administrateur du cabinet peut changer ceci",
    )
}

pub(crate) fn hint_self_employed() -> String {
    let june = lang().month(6);
    tr!(
        en: format!("self-employed individuals file by {june} 15"),
        fr: format!("les travailleurs autonomes produisent au plus tard le 15 {june}"),
    )
}

pub(crate) fn label_product() -> &'static str {
    tr!(en: "Product", fr: "Produit")
}

pub(crate) fn label_other_product() -> &'static str {
    tr!(en: "Other product", fr: "Autre produit")
}

pub(crate) fn label_billed_to() -> &'static str {
    tr!(en: "Billed to", fr: "Facturé à")
}

pub(crate) fn label_list_price() -> &'static str {
    tr!(en: "List price/month", fr: "Prix de liste/mois")
}

pub(crate) fn label_discount() -> &'static str {
    tr!(en: "Discount %", fr: "Remise %")
}

pub(crate) fn label_start() -> &'static str {
    tr!(en: "Since", fr: "Depuis le")
}

pub(crate) fn label_title() -> &'static str {
    tr!(en: "Title", fr: "Titre")
}

pub(crate) fn label_sent() -> &'static str {
    tr!(en: "Sent on", fr: "Envoyé le")
}

pub(crate) fn label_note() -> &'static str {
    tr!(en: "Note", fr: "Note")
}

pub(crate) fn label_year() -> &'static str {
    tr!(en: "Tax year", fr: "Année d'imposition")
}

pub(crate) fn label_form() -> &'static str {
    tr!(en: "Form", fr: "Formulaire")
}

pub(crate) fn label_other_form() -> &'static str {
    tr!(en: "Other form", fr: "Autre formulaire")
}

pub(crate) fn label_due() -> &'static str {
    tr!(en: "Due on", fr: "Échéance")
}

pub(crate) fn label_filed() -> &'static str {
    tr!(en: "Filed on", fr: "Produite le")
}

pub(crate) fn other_choice() -> &'static str {
    tr!(en: "Other…", fr: "Autre…")
}

pub(crate) fn hint_other() -> String {
    let other = other_choice();
    tr!(
        en: format!("only when {other} is chosen"),
        fr: format!("seulement si « {other} » est choisi"),
    )
}

pub(crate) fn hint_wholesale() -> &'static str {
    tr!(
        en: "firm: wholesale billing (admins only)",
        fr: "cabinet : facturation de gros (administrateurs seulement)",
    )
}

pub(crate) fn hint_amount() -> &'static str {
    tr!(en: "e.g. 85.00", fr: "p. ex. 85,00")
}

pub(crate) fn hint_percent() -> &'static str {
    tr!(en: "0 to 100", fr: "0 à 100")
}

pub(crate) fn hint_date() -> &'static str {
    tr!(en: "e.g. 2026-04-30", fr: "p. ex. 2026-04-30")
}

pub(crate) fn hint_due() -> &'static str {
    tr!(
        en: "empty: computed from the filing rules",
        fr: "vide : calculée selon les règles de production",
    )
}

/// An amount as a form shows it for editing: `85.00` or `85,00`, which
/// the model reads back either way.
pub(crate) fn amount_input(cents: i64) -> String {
    let (whole, frac) = (cents / 100, (cents % 100).abs());
    tr!(en: format!("{whole}.{frac:02}"), fr: format!("{whole},{frac:02}"))
}

pub(crate) fn edit_client_title(name: &str) -> String {
    let name = super::super::text::clean(name);
    tr!(
        en: format!("Edit client · {name}"),
        fr: format!("Modifier le client · {name}"),
    )
}

fn part_word(part: Part) -> &'static str {
    match part {
        Part::Products => tr!(en: "QuickBooks product", fr: "produit QuickBooks"),
        Part::Documents => tr!(en: "document", fr: "document"),
        Part::Returns => tr!(en: "tax return", fr: "déclaration de revenus"),
    }
}

pub(crate) fn item_form_title(part: Part, new: bool, client: &str) -> String {
    let client = super::super::text::clean(client);
    let what = part_word(part);
    tr!(
        en: {
            let verb = if new { "Add" } else { "Edit" };
            format!("{verb} {what} · {client}")
        },
        fr: {
            let (verb, article) = match (new, part) {
                (true, Part::Returns) => ("Ajouter", "une "),
                (true, _) => ("Ajouter", "un "),
                (false, Part::Returns) => ("Modifier", "la "),
                (false, _) => ("Modifier", "le "),
            };
            format!("{verb} {article}{what} · {client}")
        },
    )
}

pub(crate) fn item_saved(part: Part, new: bool, what: &str, client: &str) -> String {
    let what = if what.trim().is_empty() {
        part_word(part)
    } else {
        what
    };
    match new {
        true => tr!(
            en: format!("Added {what} to {client}"),
            fr: format!("{what} ajouté à {client}"),
        ),
        false => tr!(
            en: format!("Saved {what} of {client}"),
            fr: format!("{what} de {client} enregistré"),
        ),
    }
}

pub(crate) fn added(name: &str) -> String {
    tr!(en: format!("Added {name}"), fr: format!("{name} ajouté"))
}

pub(crate) fn saved(name: &str) -> String {
    tr!(en: format!("Saved {name}"), fr: format!("{name} enregistré"))
}

pub(crate) fn fix_fields(n: usize, first: &str, r: &crate::model::Rule) -> String {
    let what = field_error(first, r);
    match n {
        1 => tr!(
            en: format!("Not saved: {what}"),
            fr: format!("Rien n'a été enregistré. {what}"),
        ),
        _ => tr!(
            en: format!("Not saved: {n} fields need attention; {what}"),
            fr: format!("Rien n'a été enregistré. {n} champs à corriger; {what}"),
        ),
    }
}

pub(crate) fn locked_field(label: &str) -> String {
    tr!(
        en: format!("{label}: only a firm admin may change this"),
        fr: format!("{label} : seul un administrateur du cabinet peut changer ceci"),
    )
}

pub(crate) fn changed_while_editing(name: &str, who: &str) -> String {
    tr!(
        en: format!("{who} just changed {name}"),
        fr: format!("{who} vient de modifier {name}"),
    )
}

/// Someone else saved the client on screen: who, and what changed.
pub(crate) fn changed_under_you(who: &str, client: &str, what: &[String]) -> String {
    let shown: Vec<&str> = what.iter().take(4).map(String::as_str).collect();
    let more = what.len().saturating_sub(shown.len());
    let list = shown.join("; ");
    tr!(
        en: if more > 0 {
            format!("{who} changed {client}: {list}; and {more} more (see History)")
        } else {
            format!("{who} changed {client}: {list}")
        },
        fr: if more > 0 {
            format!("{who} a modifié {client} : {list}; et {more} de plus (voir l'historique)")
        } else {
            format!("{who} a modifié {client} : {list}")
        },
    )
}

pub(crate) fn changed_by_note(who: &str) -> String {
    tr!(
        en: format!("{who} changed this client meanwhile; saving will show both versions."),
        fr: format!("{who} a modifié ce client entre-temps; l'enregistrement montrera les deux versions."),
    )
}
