//! The words of the search's explanations, the team screen and the
//! wholesale billing screen, in English and French side by side.
//!
//! This table continues [`super::strings`]: screens call these functions
//! and hold no prose of their own. Each entry is written with [`tr!`], so
//! an entry missing either language does not compile. Model errors are
//! worded by `strings` and only put in context here.

use crate::api::ApiError;
use crate::i18n::{money, percent, plural};
use crate::model::{HiddenReason, Role};
use crate::tr;

use super::action::{Command, Task};
use super::keymap::Screen;
use super::lang::lang;
use super::strings;

// ---- Keys and help ----------------------------------------------------------

/// What a command added for these screens does, wherever no screen says
/// more (see [`describe`]).
pub fn describe_command(command: Command) -> &'static str {
    match command {
        Command::Team => tr!(
            en: "Team: members, roles, the clients each leads",
            fr: "Équipe : membres, rôles, clients de chacun",
        ),
        Command::Billing => tr!(
            en: "Wholesale billing: subscriptions the firm pays",
            fr: "Abonnements facturés au cabinet (gros)",
        ),
        Command::Reactivate => tr!(en: "Reactivate", fr: "Réactiver"),
        Command::Deactivate => tr!(en: "Deactivate", fr: "Désactiver"),
        Command::Work => tr!(
            en: "Work view: returns by status, overdue, by lead",
            fr: "Travail : statuts, retards, responsables",
        ),
        Command::Copy => tr!(
            en: "Copy the e-mail, phone or number (to your clipboard)",
            fr: "Copier courriel, téléphone ou numéro (presse-papiers)",
        ),
        Command::ResetView => tr!(
            en: "Reset filters, sort and inactive clients to new",
            fr: "Remettre filtres, tri et inactifs comme au départ",
        ),
        Command::MarkAll => tr!(
            en: "Mark every client of the search or filters",
            fr: "Marquer tous les clients de la recherche ou des filtres",
        ),
        Command::MyWork => tr!(
            en: "My clients only, or the whole firm",
            fr: "Mes clients seulement, ou tout le cabinet",
        ),
        _ => "",
    }
}

/// The help section title of a screen added for these screens.
pub fn screen_title(screen: Screen) -> &'static str {
    match screen {
        Screen::Team => tr!(en: "Team", fr: "Équipe"),
        Screen::Billing => billing_title(),
        Screen::Picker => tr!(en: "Choosing a client", fr: "Choix d'un client"),
        Screen::Work => tr!(en: "Work view", fr: "Vue du travail"),
        _ => "",
    }
}

/// What a command does on one of these screens, when it differs from
/// what it does elsewhere.
fn describe_here(screen: Screen, command: Command) -> Option<&'static str> {
    Some(match (screen, command) {
        (Screen::List | Screen::Search, Command::Reactivate) => tr!(
            en: "Reactivate the selected inactive client",
            fr: "Réactiver le client inactif sélectionné",
        ),
        (Screen::List, Command::MyWork) => tr!(
            en: "My work: the work view for the clients I lead",
            fr: "Mon travail : mes clients seulement",
        ),
        (Screen::Team, Command::Add) => tr!(en: "Add a team member", fr: "Ajouter un membre"),
        (Screen::Team, Command::Edit) => tr!(
            en: "Edit the selected member",
            fr: "Modifier le membre sélectionné",
        ),
        (Screen::Team, Command::Deactivate) => tr!(
            en: "Deactivate; offers to reassign their clients",
            fr: "Désactiver; propose de réassigner ses clients",
        ),
        (Screen::Team, Command::Reactivate) => tr!(
            en: "Reactivate the selected member",
            fr: "Réactiver le membre sélectionné",
        ),
        (Screen::Team | Screen::Billing, Command::Back) => {
            tr!(en: "Back to the client list", fr: "Retour à la liste des clients")
        }
        (Screen::Billing, Command::Open) => tr!(
            en: "Open the client's profile",
            fr: "Ouvrir la fiche du client",
        ),
        (Screen::Billing, Command::Add) => tr!(
            en: "Add a subscription billed to the firm",
            fr: "Ajouter un abonnement facturé au cabinet",
        ),
        (Screen::Billing, Command::RemoveItem) => tr!(
            en: "Remove from wholesale billing",
            fr: "Retirer de la facturation de gros",
        ),
        (Screen::Billing, Command::ToggleInactive) => tr!(
            en: "Only inactive clients still billed, or all",
            fr: "Seulement les inactifs encore facturés, ou tous",
        ),
        (Screen::Work, Command::Open) => tr!(
            en: "List exactly the clients counted (a client: its profile)",
            fr: "Lister exactement les clients comptés (un client : sa fiche)",
        ),
        (Screen::Work, Command::NextTab) => tr!(
            en: "Next chart: another status, overdue, documents",
            fr: "Graphique suivant : autre statut, retards, documents",
        ),
        (Screen::Work, Command::PrevTab) => {
            tr!(en: "Previous chart", fr: "Graphique précédent")
        }
        (Screen::Work, Command::Back) => {
            tr!(en: "Back to the client list", fr: "Retour à la liste des clients")
        }
        (Screen::Picker, Command::Choose) => tr!(
            en: "Choose the selected client",
            fr: "Choisir le client sélectionné",
        ),
        (Screen::Picker, Command::Close) => {
            tr!(en: "Close without choosing", fr: "Fermer sans choisir")
        }
        (Screen::Team | Screen::Billing | Screen::Picker | Screen::Work, Command::Down) => {
            tr!(en: "Move down", fr: "Descendre")
        }
        (Screen::Team | Screen::Billing | Screen::Picker | Screen::Work, Command::Up) => {
            tr!(en: "Move up", fr: "Monter")
        }
        (Screen::Team | Screen::Billing | Screen::Work, Command::Help) => {
            tr!(en: "Show every key", fr: "Afficher toutes les touches")
        }
        _ => return None,
    })
}

/// What a command does on a screen, as the help lists it.
pub fn describe(screen: Screen, command: Command) -> &'static str {
    describe_here(screen, command).unwrap_or_else(|| strings::describe(screen, command))
}

/// A command in one or two words, for the footer.
pub fn hint(screen: Screen, command: Command) -> &'static str {
    let here = match (screen, command) {
        (_, Command::Team) => tr!(en: "team", fr: "équipe"),
        (_, Command::Billing) => tr!(en: "billing", fr: "facturation"),
        (_, Command::Work) => tr!(en: "work", fr: "travail"),
        (Screen::List, Command::MyWork) => tr!(en: "my work", fr: "mon travail"),
        (_, Command::MyWork) => tr!(en: "mine/firm", fr: "moi/cabinet"),
        (_, Command::MarkAll) => tr!(en: "mark all", fr: "tout marquer"),
        (_, Command::ResetView) => tr!(en: "reset view", fr: "réinitialiser"),
        (_, Command::Copy) => tr!(en: "copy", fr: "copier"),
        (Screen::Work, Command::Open) => tr!(en: "open list", fr: "ouvrir la liste"),
        (Screen::Work, Command::NextTab) => tr!(en: "next chart", fr: "graphique suivant"),
        (Screen::Work, Command::Back) => tr!(en: "back", fr: "retour"),
        (Screen::Work, Command::Help) => tr!(en: "help", fr: "aide"),
        (_, Command::Deactivate) => tr!(en: "deactivate", fr: "désactiver"),
        (_, Command::Reactivate) => tr!(en: "reactivate", fr: "réactiver"),
        (Screen::Team | Screen::Billing, Command::Back) => tr!(en: "back", fr: "retour"),
        (Screen::Team | Screen::Billing, Command::Help) => tr!(en: "help", fr: "aide"),
        (Screen::Team | Screen::Billing, Command::Add) => tr!(en: "add", fr: "ajouter"),
        (Screen::Team, Command::Edit) => tr!(en: "edit", fr: "modifier"),
        (Screen::Billing, Command::Open) => tr!(en: "open client", fr: "ouvrir le client"),
        (Screen::Billing, Command::RemoveItem) => tr!(en: "remove", fr: "retirer"),
        (Screen::Billing, Command::ToggleInactive) => {
            tr!(en: "inactive only", fr: "inactifs seulement")
        }
        (Screen::Picker, Command::Choose) => tr!(en: "choose", fr: "choisir"),
        (Screen::Picker, Command::Close) => tr!(en: "close", fr: "fermer"),
        _ => "",
    };
    if here.is_empty() {
        strings::hint(screen, command)
    } else {
        here
    }
}

// ---- Search ---------------------------------------------------------------------

/// Beside the search box when nothing matched even loosely.
pub fn closest_names() -> &'static str {
    tr!(
        en: "no exact match — closest names",
        fr: "aucun résultat exact — noms les plus proches",
    )
}

/// The line above the matches a filter or the inactive toggle hides.
/// `shown` of `count` are listed; `filter` names the type or lead the
/// filter keeps; `act` and `more` are the keys that help.
pub fn hidden_heading(
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
pub fn nobody() -> &'static str {
    tr!(en: "No lead accountant", fr: "Aucun responsable")
}

/// A client that is not inactive needs no reactivating.
pub fn already_active(name: &str) -> String {
    tr!(
        en: format!("{name} is already active"),
        fr: format!("{name} est déjà actif"),
    )
}

// ---- Edit leads -------------------------------------------------------------------

/// "2 clients".
pub fn clients(n: usize) -> String {
    let l = lang();
    format!("{n} {}", l.clients(n))
}

/// The actions menu's line for the marked clients.
pub fn edit_leads_of_marked(n: usize) -> String {
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
pub fn assign_to(label: &str) -> String {
    tr!(en: format!("Assign {label} to"), fr: format!("Assigner {label} à"))
}

/// What an assignment to several clients did: `changed` of `asked`
/// clients got the lead (the others already had it).
pub fn leads_assigned(lead: Option<&str>, asked: usize, changed: usize) -> String {
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

// ---- Team -------------------------------------------------------------------------

/// The team screen's title, with its counts.
pub fn team_title(members: usize, inactive: usize) -> String {
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
pub fn team_counts(members: usize, admins: usize) -> String {
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

pub fn team_read_only() -> &'static str {
    tr!(
        en: "Read only: only a firm admin may add, edit or deactivate team members.",
        fr: "Lecture seule : seul un administrateur du cabinet peut ajouter, modifier ou désactiver des membres.",
    )
}

pub fn only_admins_team() -> &'static str {
    tr!(
        en: "Only a firm admin may change the team.",
        fr: "Seul un administrateur du cabinet peut modifier l'équipe.",
    )
}

pub fn col_name() -> &'static str {
    tr!(en: "Name", fr: "Nom")
}

pub fn col_login() -> &'static str {
    tr!(en: "Login", fr: "Identifiant")
}

pub fn col_email() -> &'static str {
    tr!(en: "Email", fr: "Courriel")
}

pub fn col_role() -> &'static str {
    tr!(en: "Role", fr: "Rôle")
}

pub fn col_active() -> &'static str {
    tr!(en: "Active", fr: "Actif")
}

pub fn col_leads() -> &'static str {
    tr!(en: "Leads", fr: "Responsable de")
}

pub fn role(r: Role) -> &'static str {
    lang().role(r)
}

/// How many clients a member leads: active ones, then inactive ones.
pub fn leads(active: usize, inactive: usize) -> String {
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

pub fn team_history() -> &'static str {
    tr!(en: "Team history", fr: "Historique de l'équipe")
}

pub fn no_team_history() -> &'static str {
    tr!(
        en: "No changes to the team yet.",
        fr: "Aucun changement à l'équipe pour l'instant.",
    )
}

/// Who made a change no member made: the firm's set-up.
pub fn setup() -> &'static str {
    tr!(en: "cabinet", fr: "cabinet")
}

/// What a change to the team did, in a few words: who did what to whom.
pub fn team_change(by: &str, what: TeamChange, member: &str) -> String {
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
pub enum TeamChange {
    Added,
    Changed,
    Deactivated,
    Reactivated,
}

/// A member's field, as the team's history names it.
pub fn member_field(key: &str) -> String {
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
pub fn member_change(label: &str, old: Option<&str>, new: &str) -> String {
    let value = match old {
        Some(old) => format!("{old} → {new}"),
        None => new.to_owned(),
    };
    tr!(en: format!("{label}: {value}"), fr: format!("{label} : {value}"))
}

/// A member's stored value (`admin`, `yes`) as words.
pub fn member_value(key: &str, value: &str) -> String {
    match (key, value) {
        (_, "") => tr!(en: "(empty)", fr: "(vide)").to_owned(),
        ("role", v) => Role::parse(v).map_or_else(|| v.to_owned(), |r| role(r).to_owned()),
        ("active", "yes") => strings::yes_no(true).to_owned(),
        ("active", "no") => strings::yes_no(false).to_owned(),
        (_, v) => v.to_owned(),
    }
}

pub fn no_member_selected() -> &'static str {
    tr!(en: "No member is selected.", fr: "Aucun membre n'est sélectionné.")
}

pub fn member_form_title(new: bool, name: &str) -> String {
    if new {
        tr!(en: "Add a team member", fr: "Ajouter un membre de l'équipe").to_owned()
    } else {
        let name = super::text::clean(name);
        tr!(
            en: format!("Edit team member · {name}"),
            fr: format!("Modifier un membre · {name}"),
        )
    }
}

pub fn label_name() -> &'static str {
    tr!(en: "Name", fr: "Nom")
}

pub fn label_login() -> &'static str {
    tr!(en: "Login", fr: "Identifiant")
}

pub fn label_role() -> &'static str {
    tr!(en: "Role", fr: "Rôle")
}

pub fn hint_login() -> &'static str {
    tr!(
        en: "their Unix login on the office server, e.g. jtremblay",
        fr: "son identifiant Unix sur le serveur du bureau, p. ex. jtremblay",
    )
}

pub fn hint_email() -> &'static str {
    tr!(en: "name@example.com", fr: "nom@exemple.ca")
}

pub fn hint_role() -> &'static str {
    tr!(
        en: "admins manage the team, leads and wholesale billing; ← → changes it",
        fr: "les administrateurs gèrent l'équipe, les responsables et la facturation de gros; ← → le change",
    )
}

pub fn new_member() -> &'static str {
    tr!(en: "the new member", fr: "le nouveau membre")
}

/// A form that cannot be saved yet, naming its first problem.
pub fn not_saved(label: &str, rule: &crate::model::Rule) -> String {
    let what = strings::field_error(label, rule);
    tr!(en: format!("Not saved: {what}"), fr: format!("Non enregistré : {what}"))
}

pub fn cancel() -> &'static str {
    tr!(en: "Cancel", fr: "Annuler")
}

pub fn quit_member_question(subject: &str) -> String {
    tr!(
        en: format!("Your changes to {subject} are not saved. Quit anyway? They are kept as a draft, and offered again when you open the team."),
        fr: format!("Vos modifications à {subject} ne sont pas enregistrées. Quitter quand même? Elles sont gardées comme brouillon, et proposées de nouveau à l'ouverture de l'équipe."),
    )
}

pub fn member_added(name: &str, login: &str, r: Role) -> String {
    let r = role(r);
    tr!(
        en: format!("Added {name} ({login}) to the team as {r}"),
        fr: format!("{name} ({login}) ajouté à l'équipe comme {r}"),
    )
}

pub fn member_saved(name: &str, login: &str) -> String {
    tr!(
        en: format!("Saved {name} ({login})"),
        fr: format!("{name} ({login}) enregistré"),
    )
}

/// A member deactivated; `moved` clients went to `to` first (none: no
/// lead accountant).
pub fn member_deactivated(name: &str, moved: Option<(usize, Option<&str>)>) -> String {
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

pub fn member_reactivated(name: &str) -> String {
    tr!(
        en: format!("{name} is active again"),
        fr: format!("{name} est de nouveau actif"),
    )
}

pub fn member_already(name: &str, active: bool) -> String {
    if active {
        tr!(en: format!("{name} is already active"), fr: format!("{name} est déjà actif"))
    } else {
        tr!(en: format!("{name} is already inactive"), fr: format!("{name} est déjà inactif"))
    }
}

pub fn last_admin(name: &str) -> String {
    tr!(
        en: format!("{name} is the firm's last admin: make someone else admin first."),
        fr: format!(
            "{name} est le dernier administrateur du cabinet : nommez d'abord quelqu'un d'autre administrateur."
        ),
    )
}

pub fn deactivate_title() -> &'static str {
    tr!(en: "Deactivate a member", fr: "Désactiver un membre")
}

pub fn deactivate_question(name: &str) -> String {
    tr!(
        en: format!(
            "Deactivate {name}? They can no longer use cabinet; their history stays, and an admin can reactivate them."
        ),
        fr: format!(
            "Désactiver {name}? Cette personne ne pourra plus utiliser cabinet; son historique est conservé, et un administrateur peut la réactiver."
        ),
    )
}

pub fn deactivate() -> &'static str {
    tr!(en: "Deactivate", fr: "Désactiver")
}

/// The member picker's title when a member to deactivate leads clients.
pub fn reassign_title(name: &str, n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("{name} leads {n} {}: give them to", l.clients(n)),
        fr: format!("{name} est responsable de {n} {} : les confier à", l.clients(n)),
    )
}

pub fn reassign_question(name: &str, n: usize, to: Option<&str>) -> String {
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

pub fn reassign_and_deactivate() -> &'static str {
    tr!(en: "Reassign and deactivate", fr: "Réassigner et désactiver")
}

// ---- Wholesale billing ------------------------------------------------------------

pub fn billing_title() -> &'static str {
    tr!(
        en: "Subscriptions billed to accountant",
        fr: "Abonnements facturés au comptable",
    )
}

pub fn inactive_only_title() -> &'static str {
    tr!(
        en: "inactive clients still billed",
        fr: "clients inactifs encore facturés",
    )
}

/// The header's counts on the billing screen.
pub fn billing_counts(subscriptions: usize, inactive_clients: usize) -> String {
    let l = lang();
    let subs = tr!(
        en: format!("{subscriptions} {}", plural(l, subscriptions, "subscription", "subscriptions")),
        fr: format!("{subscriptions} {}", plural(l, subscriptions, "abonnement", "abonnements")),
    );
    if inactive_clients == 0 {
        return subs;
    }
    tr!(
        en: format!(
            "{subs} · {inactive_clients} inactive {} still billed",
            plural(l, inactive_clients, "client", "clients")
        ),
        fr: format!(
            "{subs} · {inactive_clients} {} encore {}",
            plural(l, inactive_clients, "client inactif", "clients inactifs"),
            plural(l, inactive_clients, "facturé", "facturés"),
        ),
    )
}

/// The warning over the table while inactive clients are still billed.
pub fn inactive_billed_warning(n: usize, filter_key: &str) -> String {
    let l = lang();
    tr!(
        en: format!(
            "{n} inactive {} still billed to the firm: making a client inactive cancels neither the subscription nor wholesale billing. {filter_key} shows only them.",
            plural(l, n, "client", "clients")
        ),
        fr: format!(
            "{n} {} encore {} au cabinet : rendre un client inactif n'annule ni l'abonnement ni la facturation de gros. {filter_key} n'affiche qu'eux.",
            plural(l, n, "client inactif", "clients inactifs"),
            plural(l, n, "facturé", "facturés"),
        ),
    )
}

pub fn inactive_only_note(filter_key: &str) -> String {
    tr!(
        en: format!("Only inactive clients still billed to the firm; {filter_key} shows every subscription."),
        fr: format!("Seulement les clients inactifs encore facturés au cabinet; {filter_key} affiche tous les abonnements."),
    )
}

pub fn col_client() -> &'static str {
    tr!(en: "Client", fr: "Client")
}

pub fn inactive_word() -> &'static str {
    tr!(en: " inactive", fr: " inactif")
}

pub fn totals_title() -> &'static str {
    tr!(en: "Totals per month", fr: "Totaux par mois")
}

/// A product's total line: its name and how many subscriptions.
pub fn product_total(product: &str, n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("{product} · {n} {}", plural(l, n, "subscription", "subscriptions")),
        fr: format!("{product} · {n} {}", plural(l, n, "abonnement", "abonnements")),
    )
}

pub fn overall_total(n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("All products · {n} {}", plural(l, n, "subscription", "subscriptions")),
        fr: format!("Tous les produits · {n} {}", plural(l, n, "abonnement", "abonnements")),
    )
}

/// Cents in the user's language.
pub fn amount(cents: i64) -> String {
    money(lang(), cents)
}

/// A discount in the user's language.
pub fn discount(pct: u8) -> String {
    percent(lang(), pct)
}

pub fn no_billing(add_key: &str) -> String {
    tr!(
        en: format!("No subscription is billed to the firm. {add_key} adds one."),
        fr: format!("Aucun abonnement n'est facturé au cabinet. {add_key} en ajoute un."),
    )
}

pub fn no_inactive_billed(filter_key: &str) -> String {
    tr!(
        en: format!("No inactive client is still billed to the firm. {filter_key} shows every subscription."),
        fr: format!("Aucun client inactif n'est encore facturé au cabinet. {filter_key} affiche tous les abonnements."),
    )
}

pub fn only_admins_billing() -> &'static str {
    tr!(
        en: "Only a firm admin may change wholesale billing.",
        fr: "Seul un administrateur du cabinet peut modifier la facturation de gros.",
    )
}

pub fn no_subscription_selected() -> &'static str {
    tr!(
        en: "No subscription is selected.",
        fr: "Aucun abonnement n'est sélectionné.",
    )
}

pub fn showing_inactive_only(on: bool) -> &'static str {
    if on {
        tr!(
            en: "Showing only inactive clients still billed",
            fr: "Seulement les clients inactifs encore facturés",
        )
    } else {
        tr!(
            en: "Showing every subscription billed to the firm",
            fr: "Tous les abonnements facturés au cabinet",
        )
    }
}

pub fn unbill_title() -> &'static str {
    tr!(
        en: "Remove from wholesale billing",
        fr: "Retirer de la facturation de gros",
    )
}

pub fn unbill_question(product: &str, client: &str) -> String {
    tr!(
        en: format!(
            "Stop billing {product} of {client} to the firm? The subscription stays, billed to the client from now on; the client's history records the change."
        ),
        fr: format!(
            "Cesser de facturer {product} de {client} au cabinet? L'abonnement reste, facturé au client à partir de maintenant; l'historique du client garde la trace du changement."
        ),
    )
}

pub fn unbill() -> &'static str {
    tr!(en: "Remove from billing", fr: "Retirer de la facturation")
}

pub fn unbilled(product: &str, client: &str) -> String {
    tr!(
        en: format!("{product} of {client} is now billed to the client"),
        fr: format!("{product} de {client} est maintenant facturé au client"),
    )
}

pub fn unbill_gone(product: &str, client: &str) -> String {
    tr!(
        en: format!(
            "{product} of {client} had changed meanwhile and is no longer billed to the firm; nothing was changed"
        ),
        fr: format!(
            "{product} de {client} avait changé entre-temps et n'est plus facturé au cabinet; rien n'a été modifié"
        ),
    )
}

pub fn unbill_conflict(client: &str) -> String {
    tr!(
        en: format!(
            "{client} changed meanwhile; nothing was changed. The list is reloaded: check it and try again."
        ),
        fr: format!(
            "{client} a été modifié entre-temps; rien n'a été changé. La liste est rechargée : vérifiez-la et réessayez."
        ),
    )
}

// ---- Choosing a client ---------------------------------------------------------------

pub fn pick_for_subscription() -> &'static str {
    tr!(
        en: "Add a subscription billed to the firm: which client?",
        fr: "Nouvel abonnement facturé au cabinet : quel client?",
    )
}

pub fn pick_nothing() -> &'static str {
    tr!(en: "No client matches.", fr: "Aucun client ne correspond.")
}

pub fn pick_hint() -> &'static str {
    tr!(
        en: "Type part of a name, number or email; Enter chooses.",
        fr: "Tapez une partie du nom, du numéro ou du courriel; Entrée choisit.",
    )
}

// ---- Failures ------------------------------------------------------------------

/// A team or billing request that failed, saying what was being done.
pub fn task_failed(task: &Task, e: &ApiError) -> String {
    let e = strings::api_error(e);
    match task {
        Task::LoadTeam => tr!(
            en: format!("Could not load the team: {e}"),
            fr: format!("Impossible de charger l'équipe : {e}"),
        ),
        Task::SaveMember { name } if name.is_empty() => tr!(
            en: format!("Not saved: {e}"),
            fr: format!("Non enregistré : {e}"),
        ),
        Task::SaveMember { name } => tr!(
            en: format!("{name} was not saved: {e}"),
            fr: format!("{name} n'a pas été enregistré : {e}"),
        ),
        Task::Deactivate { name, moved: None } => tr!(
            en: format!("{name} was not deactivated: {e}"),
            fr: format!("{name} n'a pas été désactivé : {e}"),
        ),
        Task::Deactivate {
            name,
            moved: Some(n),
        } => {
            let l = lang();
            tr!(
                en: format!("{n} {} reassigned, but {name} was not deactivated: {e}", l.clients(*n)),
                fr: format!(
                    "{n} {} {}, mais {name} n'a pas été désactivé : {e}",
                    l.clients(*n),
                    plural(l, *n, "réassigné", "réassignés")
                ),
            )
        }
        Task::LoadBilling => tr!(
            en: format!("Could not load wholesale billing: {e}"),
            fr: format!("Impossible de charger la facturation de gros : {e}"),
        ),
        Task::Unbill { name, product } => tr!(
            en: format!("{product} of {name} is still billed to the firm: {e}"),
            fr: format!("{product} de {name} est toujours facturé au cabinet : {e}"),
        ),
        Task::PickClients => tr!(
            en: format!("Could not search the clients: {e}"),
            fr: format!("Impossible de chercher les clients : {e}"),
        ),
        Task::LoadClient => tr!(
            en: format!("Could not open the client: {e}"),
            fr: format!("Impossible d'ouvrir le client : {e}"),
        ),
    }
}
