//! The team screen: members, their roles and leads, the team's history,
//! the member form and deactivating a member.

use crate::i18n::plural;
use crate::model::Role;
use crate::tr;

use super::super::lang::lang;

/// The team screen's title, with its counts.
pub(crate) fn team_title(members: usize, inactive: usize) -> String {
    let l = lang();
    let base = tr!(
        en: format!("Team · {members} {}", plural(l, members, "member", "members")),
        fr: format!("Équipe · {members} {}", plural(l, members, "membre", "membres")),
    );
    if inactive == 0 {
        base
    } else {
        tr!(
            en: format!("{base}, {inactive} inactive"),
            fr: format!("{base}, {inactive} {}", plural(l, inactive, "inactif", "inactifs")),
        )
    }
}

/// The header's counts on the team screen.
pub(crate) fn team_counts(members: usize, admins: usize) -> String {
    let l = lang();
    tr!(
        en: format!(
            "{members} {} · {admins} {}",
            plural(l, members, "member", "members"),
            plural(l, admins, "admin", "admins"),
        ),
        fr: format!(
            "{members} {} · {admins} {}",
            plural(l, members, "membre", "membres"),
            plural(l, admins, "administrateur", "administrateurs"),
        ),
    )
}

pub(crate) fn team_read_only() -> &'static str {
    tr!(
        en: "Read only: only a firm admin may add, edit or deactivate team members.",
        fr: "Lecture seule : seul un administrateur du cabinet peut ajouter, modifier ou désactiver des membres.",
    )
}

pub(crate) fn only_admins_team() -> &'static str {
    tr!(
        en: "Only a firm admin may change the team.",
        fr: "Seul un administrateur du cabinet peut modifier l'équipe.",
    )
}

pub(crate) fn col_name() -> &'static str {
    tr!(en: "Name", fr: "Nom")
}

pub(crate) fn col_login() -> &'static str {
    tr!(en: "Login", fr: "Identifiant")
}

pub(crate) fn col_email() -> &'static str {
    tr!(en: "Email", fr: "Courriel")
}

pub(crate) fn col_role() -> &'static str {
    tr!(en: "Role", fr: "Rôle")
}

pub(crate) fn col_active() -> &'static str {
    tr!(en: "Active", fr: "Actif")
}

pub(crate) fn col_leads() -> &'static str {
    tr!(en: "Leads", fr: "Responsable de")
}

pub(crate) fn role(r: Role) -> &'static str {
    lang().role(r)
}

/// How many clients a member leads: active ones, then inactive ones.
pub(crate) fn leads(active: usize, inactive: usize) -> String {
    let l = lang();
    if inactive == 0 {
        active.to_string()
    } else {
        tr!(
            en: format!("{active} (+{inactive} inactive)"),
            fr: format!("{active} (+{inactive} {})", plural(l, inactive, "inactif", "inactifs")),
        )
    }
}

pub(crate) fn team_history() -> &'static str {
    tr!(en: "Team history", fr: "Historique de l'équipe")
}

pub(crate) fn no_team_history() -> &'static str {
    tr!(
        en: "No changes to the team yet.",
        fr: "Aucun changement à l'équipe pour l'instant.",
    )
}

/// Who made a change no member made: the firm's set-up.
pub(crate) fn setup() -> &'static str {
    tr!(en: "cabinet", fr: "cabinet")
}

/// What a change to the team did, in a few words: who did what to whom.
pub(crate) fn team_change(by: &str, what: TeamChange, member: &str) -> String {
    match what {
        TeamChange::Added => tr!(
            en: format!("{by} added {member}"),
            fr: format!("{by} a ajouté {member}"),
        ),
        TeamChange::Changed => tr!(
            en: format!("{by} changed {member}"),
            fr: format!("{by} a modifié {member}"),
        ),
        TeamChange::Deactivated => tr!(
            en: format!("{by} deactivated {member}"),
            fr: format!("{by} a désactivé {member}"),
        ),
        TeamChange::Reactivated => tr!(
            en: format!("{by} reactivated {member}"),
            fr: format!("{by} a réactivé {member}"),
        ),
    }
}

/// The kinds of change the team's history tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TeamChange {
    Added,
    Changed,
    Deactivated,
    Reactivated,
}

/// A member's field, as the team's history names it.
pub(crate) fn member_field(key: &str) -> String {
    match key {
        "name" => col_name().to_owned(),
        "login" => col_login().to_owned(),
        "email" => col_email().to_owned(),
        "role" => col_role().to_owned(),
        "active" => col_active().to_owned(),
        other => other.to_owned(),
    }
}

/// One field of a change in the team's history: `Role: staff → admin`,
/// or the value alone (`Role: staff`) for a member just added.
pub(crate) fn member_change(label: &str, old: Option<&str>, new: &str) -> String {
    let value = match old {
        Some(old) => format!("{old} → {new}"),
        None => new.to_owned(),
    };
    tr!(en: format!("{label}: {value}"), fr: format!("{label} : {value}"))
}

/// A member's stored value (`admin`, `yes`) as words.
pub(crate) fn member_value(key: &str, value: &str) -> String {
    match (key, value) {
        (_, "") => tr!(en: "(empty)", fr: "(vide)").to_owned(),
        ("role", v) => Role::parse(v).map_or_else(|| v.to_owned(), |r| role(r).to_owned()),
        ("active", "yes") => super::yes_no(true).to_owned(),
        ("active", "no") => super::yes_no(false).to_owned(),
        (_, v) => v.to_owned(),
    }
}

pub(crate) fn no_member_selected() -> &'static str {
    tr!(en: "No member is selected.", fr: "Aucun membre n'est sélectionné.")
}

pub(crate) fn member_form_title(new: bool, name: &str) -> String {
    if new {
        tr!(en: "Add a team member", fr: "Ajouter un membre de l'équipe").to_owned()
    } else {
        let name = super::super::text::clean(name);
        tr!(
            en: format!("Edit team member · {name}"),
            fr: format!("Modifier un membre · {name}"),
        )
    }
}

pub(crate) fn label_name() -> &'static str {
    tr!(en: "Name", fr: "Nom")
}

pub(crate) fn label_login() -> &'static str {
    tr!(en: "Login", fr: "Identifiant")
}

pub(crate) fn label_role() -> &'static str {
    tr!(en: "Role", fr: "Rôle")
}

pub(crate) fn hint_login() -> &'static str {
    tr!(
        en: "their Unix login on the office server, e.g. jtremblay",
        fr: "son identifiant Unix sur le serveur du bureau, p. ex. jtremblay",
    )
}

pub(crate) fn hint_email() -> &'static str {
    tr!(en: "name@example.com", fr: "nom@exemple.ca")
}

pub(crate) fn hint_role() -> &'static str {
    tr!(
        en: "admins manage the team, leads and wholesale billing; ← → changes it",
        fr: "les administrateurs gèrent l'équipe, les responsables et la facturation de gros; ← → le change",
    )
}

pub(crate) fn new_member() -> &'static str {
    tr!(en: "the new member", fr: "le nouveau membre")
}

/// A form that cannot be saved yet, naming its first problem.
pub(crate) fn not_saved(label: &str, rule: &crate::model::Rule) -> String {
    let what = super::field_error(label, rule);
    tr!(en: format!("Not saved: {what}"), fr: format!("Non enregistré : {what}"))
}

pub(crate) fn cancel() -> &'static str {
    tr!(en: "Cancel", fr: "Annuler")
}

pub(crate) fn quit_member_question(subject: &str) -> String {
    tr!(
        en: format!("Your changes to {subject} are not saved. Quit anyway? They are kept as a draft, and offered again when you open the team."),
        fr: format!("Vos modifications à {subject} ne sont pas enregistrées. Quitter quand même? Elles sont gardées comme brouillon, et proposées de nouveau à l'ouverture de l'équipe."),
    )
}

pub(crate) fn member_added(name: &str, login: &str, r: Role) -> String {
    let r = role(r);
    tr!(
        en: format!("Added {name} ({login}) to the team as {r}"),
        fr: format!("{name} ({login}) ajouté à l'équipe comme {r}"),
    )
}

pub(crate) fn member_saved(name: &str, login: &str) -> String {
    tr!(
        en: format!("Saved {name} ({login})"),
        fr: format!("{name} ({login}) enregistré"),
    )
}

/// A member deactivated; `moved` clients went to `to` first (none: no
/// lead accountant).
pub(crate) fn member_deactivated(name: &str, moved: Option<(usize, Option<&str>)>) -> String {
    let done = tr!(
        en: format!("{name} is deactivated"),
        fr: format!("{name} est désactivé"),
    );
    let l = lang();
    match moved {
        None | Some((0, _)) => done,
        Some((n, Some(to))) => tr!(
            en: format!("{n} {} went to {to}; {done}", l.clients(n)),
            fr: format!("{n} {} {} à {to}; {done}", l.clients(n), plural(l, n, "confié", "confiés")),
        ),
        Some((n, None)) => tr!(
            en: format!("{n} {} now without a lead accountant; {done}", l.clients(n)),
            fr: format!("{n} {} maintenant sans responsable; {done}", l.clients(n)),
        ),
    }
}

pub(crate) fn member_reactivated(name: &str) -> String {
    tr!(
        en: format!("{name} is active again"),
        fr: format!("{name} est de nouveau actif"),
    )
}

pub(crate) fn member_already(name: &str, active: bool) -> String {
    if active {
        tr!(en: format!("{name} is already active"), fr: format!("{name} est déjà actif"))
    } else {
        tr!(en: format!("{name} is already inactive"), fr: format!("{name} est déjà inactif"))
    }
}

pub(crate) fn last_admin(name: &str) -> String {
    tr!(
        en: format!("{name} is the firm's last admin: make someone else admin first."),
        fr: format!(
            "{name} est le dernier administrateur du cabinet : nommez d'abord quelqu'un d'autre administrateur."
        ),
    )
}

pub(crate) fn deactivate_title() -> &'static str {
    tr!(en: "Deactivate a member", fr: "Désactiver un membre")
}

pub(crate) fn deactivate_question(name: &str) -> String {
    tr!(
        en: format!(
            "Deactivate {name}? They can no longer use cabinet; their history stays, and an admin can reactivate them."
        ),
        fr: format!(
            "Désactiver {name}? Cette personne ne pourra plus utiliser cabinet; son historique est conservé, et un administrateur peut la réactiver."
        ),
    )
}

pub(crate) fn deactivate() -> &'static str {
    tr!(en: "Deactivate", fr: "Désactiver")
}

/// The member picker's title when a member to deactivate leads clients.
pub(crate) fn reassign_title(name: &str, n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("{name} leads {n} {}: give them to", l.clients(n)),
        fr: format!("{name} est responsable de {n} {} : les confier à", l.clients(n)),
    )
}

pub(crate) fn reassign_question(name: &str, n: usize, to: Option<&str>) -> String {
    let l = lang();
    let clients = l.clients(n);
    match to {
        Some(to) => tr!(
            en: format!("Give {name}'s {n} {clients} to {to}, then deactivate {name}?"),
            fr: format!("Confier {} {n} {clients} de {name} à {to}, puis désactiver {name}?", plural(l, n, "le", "les")),
        ),
        None => tr!(
            en: format!("Leave {name}'s {n} {clients} without a lead accountant, then deactivate {name}?"),
            fr: format!(
                "Laisser {} {n} {clients} de {name} sans responsable, puis désactiver {name}?",
                plural(l, n, "le", "les")
            ),
        ),
    }
}

pub(crate) fn reassign_and_deactivate() -> &'static str {
    tr!(en: "Reassign and deactivate", fr: "Réassigner et désactiver")
}
