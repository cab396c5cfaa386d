//! The conflict view: its title and explanation, each row's state, and
//! what choosing and leaving say.

use crate::i18n::plural;
use crate::tr;

use super::super::conflict::Piece;
use super::super::lang::lang;
use super::words::field_label;

pub(crate) fn conflict_found() -> &'static str {
    tr!(
        en: "Not saved yet, and nothing was overwritten: choose what to keep, then save",
        fr: "Rien n'est enregistré ni écrasé : choisissez quoi garder, puis enregistrez",
    )
}

pub(crate) fn conflict_title(name: &str) -> String {
    let name = super::super::text::clean(name);
    tr!(
        en: format!("{name} changed while you were editing"),
        fr: format!("{name} a changé pendant que vous le modifiiez"),
    )
}

pub(crate) fn conflict_explain(who: &str, undecided: usize) -> String {
    tr!(
        en: {
            let them = if who.is_empty() {
                "the current version".to_owned()
            } else {
                format!("{who}'s version")
            };
            let left = match undecided {
                0 => "every field is decided".to_owned(),
                1 => "1 field needs your choice".to_owned(),
                n => format!("{n} fields need your choice"),
            };
            format!("Theirs is {them}; {left}.")
        },
        fr: {
            let them = if who.is_empty() {
                "la version actuelle".to_owned()
            } else {
                format!("celle de {who}")
            };
            let left = match undecided {
                0 => "chaque champ est réglé".to_owned(),
                1 => "1 champ attend votre choix".to_owned(),
                n => format!("{n} champs attendent votre choix"),
            };
            format!("Leur version est {them}; {left}.")
        },
    )
}

pub(crate) fn piece_label(p: Piece) -> String {
    match p {
        Piece::Field(f) => field_label(f),
        Piece::TeamAccess => tr!(en: "Team access", fr: "Accès de l'équipe"),
        Piece::Status => tr!(en: "Status", fr: "Statut"),
        Piece::Item(part, _) | Piece::ItemField(part, _, _) => super::items::part_title(part),
    }
    .to_owned()
}

pub(crate) fn was(value: &str) -> String {
    tr!(en: format!("was: {value}"), fr: format!("avant : {value}"))
}

pub(crate) fn choose_first(n: usize, mine_key: &str, theirs_key: &str) -> String {
    let l = lang();
    tr!(
        en: format!(
            "Choose yours or theirs for {n} {} first ({mine_key} or {theirs_key})",
            plural(l, n, "field", "fields")
        ),
        fr: format!(
            "Choisissez d'abord votre version ou la leur pour {n} {} ({mine_key} ou {theirs_key})",
            plural(l, n, "champ", "champs")
        ),
    )
}

pub(crate) fn theirs() -> &'static str {
    tr!(en: "Theirs", fr: "Leur version")
}

pub(crate) fn yours() -> &'static str {
    tr!(en: "Yours", fr: "Votre version")
}

pub(crate) fn both_changed_choose() -> &'static str {
    tr!(en: "both changed: choose", fr: "changé des deux côtés : choisissez")
}

pub(crate) fn both_changed() -> &'static str {
    tr!(en: "both changed", fr: "changé des deux côtés")
}

pub(crate) fn only_they_changed() -> &'static str {
    tr!(en: "only they changed it", fr: "changé de leur côté seulement")
}

pub(crate) fn only_you_changed() -> &'static str {
    tr!(en: "only you changed it", fr: "changé de votre côté seulement")
}

pub(crate) fn conflict_nothing(save_key: &str) -> String {
    tr!(
        en: format!("Nothing differs any more; press {save_key} to save."),
        fr: format!("Plus rien ne diffère; appuyez sur {save_key} pour enregistrer."),
    )
}

pub(crate) fn conflict_left() -> &'static str {
    tr!(
        en: "Back to your form; saving it will compare the versions again",
        fr: "Retour à votre formulaire; l'enregistrer comparera de nouveau les versions",
    )
}
