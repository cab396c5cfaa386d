//! Key names, what each command does (the help), its word in the footer,
//! and the settings file's key errors.

use crate::tr;

use super::super::action::Command;
use super::super::keymap::{KeymapError, Screen};

pub(crate) fn key_space() -> &'static str {
    tr!(en: "Space", fr: "Espace")
}

pub(crate) fn key_enter() -> &'static str {
    tr!(en: "Enter", fr: "Entrée")
}

pub(crate) fn key_esc() -> &'static str {
    tr!(en: "Esc", fr: "Échap")
}

pub(crate) fn key_tab() -> &'static str {
    tr!(en: "Tab", fr: "Tab")
}

pub(crate) fn key_backtab() -> &'static str {
    tr!(en: "Shift-Tab", fr: "Maj-Tab")
}

pub(crate) fn key_backspace() -> &'static str {
    tr!(en: "Backspace", fr: "Retour arrière")
}

pub(crate) fn key_delete() -> &'static str {
    tr!(en: "Del", fr: "Suppr")
}

pub(crate) fn key_insert() -> &'static str {
    tr!(en: "Ins", fr: "Inser")
}

pub(crate) fn key_home() -> &'static str {
    tr!(en: "Home", fr: "Début")
}

pub(crate) fn key_end() -> &'static str {
    tr!(en: "End", fr: "Fin")
}

pub(crate) fn key_page_up() -> &'static str {
    tr!(en: "PgUp", fr: "PgPréc")
}

pub(crate) fn key_page_down() -> &'static str {
    tr!(en: "PgDn", fr: "PgSuiv")
}

pub(crate) fn key_ctrl() -> &'static str {
    tr!(en: "Ctrl-", fr: "Ctrl-")
}

pub(crate) fn key_alt() -> &'static str {
    tr!(en: "Alt-", fr: "Alt-")
}

pub(crate) fn key_shift() -> &'static str {
    tr!(en: "Shift-", fr: "Maj-")
}

/// What a command does, as the help lists it.
pub(crate) fn describe(screen: Screen, command: Command) -> &'static str {
    match (screen, command) {
        (Screen::List, Command::Back) => tr!(
            en: "Clear the search, then the marks",
            fr: "Effacer la recherche, puis les marques",
        ),
        (Screen::List, Command::Quit) => tr!(en: "Quit cabinet", fr: "Quitter cabinet"),
        (Screen::Profile, Command::Back) => tr!(en: "Back to the list", fr: "Retour à la liste"),
        (Screen::Profile, Command::EditItem) => tr!(
            en: "Edit the selected product, document or return",
            fr: "Modifier le produit, document ou déclaration",
        ),
        (Screen::Profile, Command::Edit) => tr!(en: "Edit the client", fr: "Modifier le client"),
        (Screen::Conflict, Command::Back) => tr!(
            en: "Back to the form, keeping your changes",
            fr: "Retour au formulaire, modifications gardées",
        ),
        (Screen::Conflict, Command::Save) => tr!(
            en: "Save the result on the current version",
            fr: "Enregistrer le résultat sur la version actuelle",
        ),
        (Screen::Form, Command::Down) => tr!(
            en: "Next line in notes, else the next field",
            fr: "Ligne suivante (notes) ou champ suivant",
        ),
        (Screen::Form, Command::Up) => tr!(
            en: "Previous line in notes, else the previous field",
            fr: "Ligne précédente (notes) ou champ précédent",
        ),
        (Screen::Form, Command::Save) => tr!(en: "Save", fr: "Enregistrer"),
        (Screen::Search, Command::Open) => tr!(
            en: "Open the selected client",
            fr: "Ouvrir le client sélectionné",
        ),
        (Screen::Popup, Command::Close) => tr!(en: "Close", fr: "Fermer"),
        (Screen::Help, Command::Close) => tr!(en: "Close the help", fr: "Fermer l'aide"),
        (Screen::Confirm, Command::Cancel) => {
            tr!(en: "Leave it for now", fr: "Laisser pour l'instant")
        }

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
        (_, c) => describe_command(c),
    }
}

/// What a command does wherever it is bound.
fn describe_command(command: Command) -> &'static str {
    match command {
        Command::Up => tr!(en: "Move up", fr: "Monter"),
        Command::Down => tr!(en: "Move down", fr: "Descendre"),
        Command::PageUp => tr!(en: "Up one page", fr: "Une page plus haut"),
        Command::PageDown => tr!(en: "Down one page", fr: "Une page plus bas"),
        Command::Top => tr!(en: "Go to the first", fr: "Aller au premier"),
        Command::Bottom => tr!(en: "Go to the last", fr: "Aller au dernier"),
        Command::Open => tr!(en: "Open the client's profile", fr: "Ouvrir le profil du client"),
        Command::Edit => tr!(en: "Edit the selected client", fr: "Modifier le client sélectionné"),
        Command::Add => tr!(en: "Add a client", fr: "Ajouter un client"),
        Command::Menu => tr!(
            en: "Actions: edit, make inactive, reactivate, lead",
            fr: "Actions : modifier, rendre inactif, réactiver…",
        ),
        Command::ToggleInactive => tr!(
            en: "Include or hide inactive clients",
            fr: "Inclure ou masquer les clients inactifs",
        ),
        Command::Search => tr!(en: "Search clients", fr: "Rechercher des clients"),
        Command::Filters => tr!(
            en: "Filter by client type and lead accountant",
            fr: "Filtrer par type de client et par responsable",
        ),
        Command::Settings => tr!(
            en: "Settings (include inactive clients)",
            fr: "Paramètres (inclure les clients inactifs)",
        ),
        Command::Sort => tr!(
            en: "Sort by a column; again to reverse",
            fr: "Trier par une colonne; encore pour inverser",
        ),
        Command::Mark => tr!(
            en: "Mark a client; m then sets the lead of all marked",
            fr: "Marquer un client (m change leur responsable)",
        ),
        Command::Help => tr!(en: "Show every key", fr: "Afficher toutes les touches"),
        Command::Back => tr!(en: "Go back", fr: "Revenir"),
        Command::Quit => tr!(
            en: "Quit (asks first if a form has changes)",
            fr: "Quitter (demande si un formulaire a changé)",
        ),
        Command::Redraw => tr!(en: "Redraw the screen", fr: "Redessiner l'écran"),
        Command::ClearSearch => tr!(en: "Clear the search", fr: "Effacer la recherche"),
        Command::FocusList => tr!(
            en: "Keep the search and move in the list",
            fr: "Garder la recherche et aller dans la liste",
        ),
        Command::NextTab => tr!(en: "Next tab", fr: "Onglet suivant"),
        Command::PrevTab => tr!(en: "Previous tab", fr: "Onglet précédent"),
        Command::GoTab(1) => tr!(en: "Overview tab", fr: "Onglet Aperçu"),
        Command::GoTab(2) => tr!(en: "QuickBooks tab", fr: "Onglet QuickBooks"),
        Command::GoTab(3) => tr!(en: "Documents tab", fr: "Onglet Documents"),
        Command::GoTab(4) => tr!(en: "Tax returns tab", fr: "Onglet Déclarations de revenus"),
        Command::GoTab(_) => tr!(en: "History tab", fr: "Onglet Historique"),
        Command::Reveal => tr!(
            en: "Show or mask tax identifiers",
            fr: "Afficher ou masquer les numéros fiscaux",
        ),
        Command::AddItem => tr!(
            en: "Add a product, document or return (on its tab)",
            fr: "Ajouter un produit, document ou déclaration",
        ),
        Command::EditItem => tr!(en: "Edit the selected item", fr: "Modifier l'élément choisi"),
        Command::RemoveItem => tr!(en: "Remove the selected item", fr: "Retirer l'élément choisi"),
        Command::NextField => tr!(en: "Next field", fr: "Champ suivant"),
        Command::PrevField => tr!(en: "Previous field", fr: "Champ précédent"),
        Command::Save => tr!(en: "Save", fr: "Enregistrer"),
        Command::Cancel => tr!(
            en: "Cancel (asks first if something changed)",
            fr: "Annuler (demande si quelque chose a changé)",
        ),
        Command::Choose => tr!(
            en: "Choose; opens a pick list; new line in notes",
            fr: "Choisir; liste des choix; nouvelle ligne",
        ),
        Command::Close => tr!(en: "Close", fr: "Fermer"),
        Command::Yes => tr!(en: "Yes", fr: "Oui"),
        Command::No => tr!(en: "No", fr: "Non"),
        Command::KeepMine => tr!(
            en: "Keep your value for this field",
            fr: "Garder votre valeur pour ce champ",
        ),
        Command::TakeTheirs => tr!(
            en: "Take their value for this field",
            fr: "Prendre leur valeur pour ce champ",
        ),
        Command::AllMine => tr!(en: "Keep all of yours", fr: "Garder toutes vos valeurs"),
        Command::AllTheirs => tr!(en: "Take all of theirs", fr: "Prendre toutes leurs valeurs"),
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
    }
}

/// A command in one or two words, for the footer.
pub(crate) fn hint(screen: Screen, command: Command) -> &'static str {
    match (screen, command) {
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
        (Screen::Profile, Command::Back) | (Screen::Conflict, Command::Back) => {
            tr!(en: "back", fr: "retour")
        }
        (Screen::Search, Command::ClearSearch) => tr!(en: "clear", fr: "effacer"),
        (Screen::Profile, Command::Edit) => tr!(en: "edit client", fr: "modifier client"),
        (Screen::Search, Command::FocusList) => tr!(en: "to list", fr: "vers la liste"),
        (Screen::Confirm, Command::Cancel) => tr!(en: "cancel", fr: "annuler"),
        (_, c) => match c {
            Command::Open => tr!(en: "open", fr: "ouvrir"),
            Command::Edit => tr!(en: "edit", fr: "modifier"),
            Command::Add => tr!(en: "add", fr: "ajouter"),
            Command::Menu => tr!(en: "actions", fr: "actions"),
            Command::Search => tr!(en: "search", fr: "chercher"),
            Command::Filters => tr!(en: "filter", fr: "filtrer"),
            Command::ToggleInactive => tr!(en: "inactive", fr: "inactifs"),
            Command::Sort => tr!(en: "sort", fr: "trier"),
            Command::Help => tr!(en: "help", fr: "aide"),
            Command::Quit => tr!(en: "quit", fr: "quitter"),
            Command::NextTab => tr!(en: "next tab", fr: "onglet suivant"),
            Command::Reveal => tr!(en: "show ids", fr: "voir numéros"),
            Command::AddItem => tr!(en: "add", fr: "ajouter"),
            Command::EditItem => tr!(en: "edit", fr: "modifier"),
            Command::RemoveItem => tr!(en: "remove", fr: "retirer"),
            Command::NextField => tr!(en: "next", fr: "suivant"),
            Command::PrevField => tr!(en: "previous", fr: "précédent"),
            Command::Save => tr!(en: "save", fr: "enregistrer"),
            Command::Cancel => tr!(en: "cancel", fr: "annuler"),
            Command::Choose => tr!(en: "choose", fr: "choisir"),
            Command::Close => tr!(en: "close", fr: "fermer"),
            Command::Yes => tr!(en: "yes", fr: "oui"),
            Command::No => tr!(en: "no", fr: "non"),
            Command::KeepMine => tr!(en: "mine", fr: "la mienne"),
            Command::TakeTheirs => tr!(en: "theirs", fr: "la leur"),
            _ => "",
        },
    }
}

/// A help section's title.
pub(crate) fn help_section(screen: Screen) -> String {
    let name = match screen {
        Screen::Global => tr!(en: "Everywhere", fr: "Partout"),
        Screen::List => tr!(en: "Client list", fr: "Liste des clients"),
        Screen::Search => tr!(en: "Search box", fr: "Recherche"),
        Screen::Profile => tr!(en: "Client profile", fr: "Profil du client"),
        Screen::Form => tr!(en: "Form", fr: "Formulaire"),
        Screen::Popup => tr!(en: "Menus", fr: "Menus"),
        Screen::Confirm => tr!(en: "Questions", fr: "Questions"),
        Screen::Conflict => tr!(en: "Conflict", fr: "Conflit"),
        Screen::Help => tr!(en: "Help", fr: "Aide"),
        Screen::Team => tr!(en: "Team", fr: "Équipe"),
        Screen::Billing => super::billing_title(),
        Screen::Picker => tr!(en: "Choosing a client", fr: "Choix d'un client"),
        Screen::Work => tr!(en: "Work view", fr: "Vue du travail"),
    };
    name.to_owned()
}

pub(crate) fn help_title() -> &'static str {
    tr!(en: "Keys", fr: "Touches")
}

pub(crate) fn editing_keys_title() -> &'static str {
    tr!(en: "Editing text", fr: "Saisie de texte")
}

/// The keys of text fields, which the keymap does not hold, with what
/// each does.
pub(crate) fn editing_keys() -> [(String, &'static str); 7] {
    let (ctrl, alt) = (key_ctrl(), key_alt());
    [
        (
            "← →".to_owned(),
            tr!(
                en: "Move the cursor (in a pick list: the previous or next choice)",
                fr: "Déplacer le curseur, ou changer de choix",
            ),
        ),
        (
            format!("{ctrl}← {ctrl}→"),
            tr!(en: "Move by word", fr: "Avancer ou reculer d'un mot"),
        ),
        (
            format!("{} {} {ctrl}A {ctrl}E", key_home(), key_end()),
            tr!(en: "Start or end of the line", fr: "Début ou fin de la ligne"),
        ),
        (
            format!("{} {}", key_backspace(), key_delete()),
            tr!(en: "Delete a character", fr: "Effacer un caractère"),
        ),
        (
            format!("{ctrl}W {alt}{}", key_backspace()),
            tr!(
                en: "Delete the word before the cursor",
                fr: "Effacer le mot avant le curseur",
            ),
        ),
        (
            format!("{ctrl}U {ctrl}K"),
            tr!(
                en: "Delete to the start or to the end",
                fr: "Effacer jusqu'au début ou jusqu'à la fin",
            ),
        ),
        (
            key_space().to_owned(),
            tr!(en: "Open a pick list's choices", fr: "Ouvrir les choix d'une liste"),
        ),
    ]
}

/// A wrong key binding, after the file and line that hold it.
pub(crate) fn keys_at(path: &std::path::Path, line: usize, what: &str) -> String {
    let path = crate::model::text::path_for_terminal(path);
    tr!(
        en: format!("{path}, line {line}: {what}"),
        fr: format!("{path}, ligne {line} : {what}"),
    )
}

/// A settings file's `[keys]` table that cannot be used, in words.
pub(crate) fn keymap_error(e: &KeymapError) -> String {
    let screens = Screen::ALL.map(Screen::name).join(", ");
    match e {
        KeymapError::UnknownScreen { screen } => tr!(
            en: format!("keys.{screen}: there is no screen \"{screen}\"; screens are: {screens}"),
            fr: format!("keys.{screen} : il n'y a pas d'écran « {screen} »; les écrans sont : {screens}"),
        ),
        KeymapError::NotATable { screen } => tr!(
            en: format!(
                "keys.{screen}: expected a table of bindings, e.g. [keys.{screen}] then quit = \"x\""
            ),
            fr: format!(
                "keys.{screen} : une table de touches est attendue, p. ex. [keys.{screen}] puis quit = \"x\""
            ),
        ),
        KeymapError::UnknownCommand {
            screen,
            name,
            known,
        } => {
            let known = known.join(", ");
            tr!(
                en: format!(
                    "keys.{screen}.{name}: there is no action \"{name}\" on the {screen} screen; actions there are: {known}"
                ),
                fr: format!(
                    "keys.{screen}.{name} : il n'y a pas d'action « {name} » sur l'écran {screen}; ses actions sont : {known}"
                ),
            )
        }
        KeymapError::BadValue { screen, name } => tr!(
            en: format!(
                "keys.{screen}.{name}: expected a key as text, e.g. \"x\", or a list of keys, e.g. [\"x\", \"ctrl-x\"]"
            ),
            fr: format!(
                "keys.{screen}.{name} : une touche en texte est attendue, p. ex. \"x\", ou une liste de touches, p. ex. [\"x\", \"ctrl-x\"]"
            ),
        ),
        KeymapError::BadKey { screen, name, key } => tr!(
            en: format!(
                "keys.{screen}.{name}: \"{key}\" is not a key; write a character (\"x\", \"G\", \"?\"), a named key \
                 (\"enter\", \"esc\", \"space\", \"tab\", \"pgdn\", \"f2\") or a key with ctrl- or alt- (\"ctrl-s\")"
            ),
            fr: format!(
                "keys.{screen}.{name} : « {key} » n'est pas une touche; écrivez un caractère (\"x\", \"G\", \"?\"), \
                 une touche nommée (\"enter\", \"esc\", \"space\", \"tab\", \"pgdn\", \"f2\") ou une touche avec ctrl- \
                 ou alt- (\"ctrl-s\")"
            ),
        ),
        KeymapError::KeyTwice {
            screen,
            keys: [a, b],
            commands: [first, second],
        } => tr!(
            en: format!(
                "keys.{screen}: \"{a}\" ({first}) and \"{b}\" ({second}) are the same key, bound twice; keep one"
            ),
            fr: format!(
                "keys.{screen} : « {a} » ({first}) et « {b} » ({second}) sont la même touche, liée deux fois; n'en gardez qu'une"
            ),
        ),
        KeymapError::TypesText { screen, name, key } => tr!(
            en: format!(
                "keys.{screen}.{name}: \"{key}\" types text on the {screen} screen; use a key with ctrl- or alt-, or a function key"
            ),
            fr: format!(
                "keys.{screen}.{name} : « {key} » sert à écrire sur l'écran {screen}; prenez une touche avec ctrl- ou alt-, \
                 ou une touche de fonction"
            ),
        ),
    }
}
