//! The command line's help in the user's language.
//!
//! clap takes its help from the English doc comments in [`super::args`];
//! [`command`] gives French speakers the same command line with every
//! description, argument and section heading in French. clap's own few
//! words (`[default: …]`, `Possible values`) stay as clap writes them. A
//! test checks that every command and argument has its French text, and
//! that no French text names one that is gone.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n::Lang;

/// What French `--help` and the manual say after the options.
pub(crate) const AFTER_HELP_FR: &str = "\
Fichiers et environnement :
  ~/.config/cabinet/config.toml   vos réglages (XDG_CONFIG_HOME est respecté),
                                  sinon /etc/cabinet/config.toml pour tous
  CABINET_FIRM                    le dossier du cabinet, sauf avec --firm
                                  (sinon `firm` dans les réglages, sinon
                                  ~/.local/share/cabinet/firm)

Codes de sortie :
  0  fait
  1  échec (les données du cabinet n'ont pu être lues ou écrites, erreur d'écriture)
  2  entrée invalide : une option, une valeur, un fichier ou une ligne est
     incorrect; rien n'a été écrit
  3  conflit : quelqu'un d'autre a modifié le client d'abord; rien n'a été écrit
  4  refusé : réservé aux administrateurs, ou vous n'êtes pas dans l'équipe
  5  le serveur du cabinet est injoignable ou n'a pas pu démarrer
  6  `cabinet check` a trouvé des problèmes dans le fichier du cabinet

Les résumés et les comptes vont sur la sortie d'erreur, les résultats sur la
sortie standard. Complétion : `cabinet completions bash|zsh|fish`; manuel :
`cabinet man`.";

/// (command path, argument id or `""` for the command itself, French
/// text).
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "Le fichier des clients d'un cabinet comptable, au clavier.",
    ),
    (
        "",
        "firm",
        "Le dossier du cabinet (par défaut : CABINET_FIRM, puis `firm` dans le fichier de réglages, puis le dossier de données de l'utilisateur)",
    ),
    (
        "",
        "lang",
        "La langue : en ou fr (par défaut : `lang` dans le fichier de réglages, puis LC_ALL, LC_MESSAGES, LANG)",
    ),
    (
        "",
        "demo",
        "Ouvrir le cabinet de démonstration, créé avec 2 000 clients au premier usage",
    ),
    (
        "",
        "quiet",
        "N'afficher que ce qui est demandé (tableaux, JSON, exportations) et les erreurs : ni confirmations, ni comptes, ni notes, ni progression",
    ),
    (
        "serve",
        "",
        "Faire tourner le serveur du cabinet, auquel parlent tous les cabinet de cette machine. cabinet en démarre un de lui-même pour un cabinet personnel; celui d'un cabinet de bureau tourne sous systemd avec son compte de service",
    ),
    (
        "serve",
        "foreground",
        "Tourner dans ce terminal jusqu'à l'arrêt (SIGTERM, Ctrl-C) plutôt qu'en arrière-plan; pour les gestionnaires de services comme systemd",
    ),
    (
        "serve",
        "replace",
        "Demander d'abord au serveur en marche de s'arrêter, pour que ce cabinet le remplace (nécessaire après une mise à jour)",
    ),
    (
        "demo",
        "",
        "Remplir le cabinet de clients fictifs réalistes et d'une équipe",
    ),
    ("demo", "clients", "Combien de clients créer"),
    (
        "demo",
        "seed",
        "La graine aléatoire : la même graine donne le même cabinet",
    ),
    ("demo", "json", "Afficher ce qui a été créé en JSON"),
    ("list", "", "Lister les clients"),
    (
        "list",
        "include_inactive",
        "Inclure les clients inactifs (marqués comme tels)",
    ),
    (
        "list",
        "lead",
        "Seulement les clients de ce membre de l'équipe (login ou nom)",
    ),
    (
        "list",
        "kind",
        "Seulement les entreprises ou seulement les particuliers",
    ),
    (
        "list",
        "search",
        "Seulement les clients qui correspondent à ce texte, les meilleurs d'abord",
    ),
    ("list", "sort", "La colonne de tri"),
    ("list", "desc", "Inverser l'ordre"),
    (
        "list",
        "json",
        "Afficher un tableau JSON plutôt qu'un tableau",
    ),
    (
        "list",
        "json_lines",
        "Afficher un objet JSON par ligne, pour les flux",
    ),
    (
        "list",
        "header",
        "Dans un tube, afficher aussi la ligne d'en-tête",
    ),
    (
        "list",
        "overdue",
        "Seulement les déclarations non terminées dont l'échéance est passée",
    ),
    (
        "list",
        "within",
        "Seulement les déclarations non terminées dues d'aujourd'hui à dans JOURS jours (avec --overdue, les retards aussi)",
    ),
    (
        "list",
        "status",
        "Seulement les clients dont la dernière déclaration a ce statut : not-started, in-progress, ready-for-review, filed, accepted (à répéter ou séparer par des virgules)",
    ),
    (
        "list",
        "docs_awaited",
        "Seulement les clients dont des documents sont attendus",
    ),
    (
        "due",
        "",
        "Les déclarations à produire par urgence : les retards d'abord, puis les échéances les plus proches",
    ),
    (
        "due",
        "overdue",
        "Seulement les déclarations non terminées dont l'échéance est passée",
    ),
    (
        "due",
        "within",
        "Seulement les déclarations non terminées dues d'aujourd'hui à dans JOURS jours (avec --overdue, les retards aussi)",
    ),
    (
        "due",
        "status",
        "Seulement les clients dont la dernière déclaration a ce statut : not-started, in-progress, ready-for-review, filed, accepted (à répéter ou séparer par des virgules)",
    ),
    (
        "due",
        "docs_awaited",
        "Seulement les clients dont des documents sont attendus",
    ),
    (
        "due",
        "lead",
        "Seulement les clients de ce membre de l'équipe (login ou nom), ou `none`",
    ),
    ("due", "json", "Afficher en JSON plutôt qu'en tableau"),
    ("show", "", "Afficher toute la fiche d'un client"),
    ("show", "client", "Numéro du client, nom affiché ou #id"),
    (
        "show",
        "json",
        "Afficher toute la fiche en JSON (le NAS masqué, sauf avec --reveal)",
    ),
    (
        "show",
        "reveal",
        "Afficher le NAS en entier; l'historique du client note qui l'a vu et quand",
    ),
    ("add", "", "Ajouter un client"),
    ("add", "name", "Le nom affiché (obligatoire, unique)"),
    (
        "add",
        "number",
        "Le numéro du client (unique s'il est donné)",
    ),
    ("add", "kind", "Entreprise (par défaut) ou particulier"),
    ("add", "company", "La raison sociale de l'entreprise"),
    ("add", "first_name", "Le prénom de la personne-ressource"),
    (
        "add",
        "last_name",
        "Le nom de famille de la personne-ressource",
    ),
    ("add", "email", "Le courriel"),
    ("add", "phone", "Le téléphone principal"),
    ("add", "lead", "Le comptable responsable (login ou nom)"),
    (
        "add",
        "set",
        "Tout autre champ, p. ex. `--set city=Laval`. Répétable",
    ),
    ("add", "json", "Afficher la nouvelle fiche en JSON"),
    ("edit", "", "Modifier des champs d'un client"),
    ("edit", "client", "Numéro du client, nom affiché ou #id"),
    (
        "edit",
        "set",
        "Un champ et sa nouvelle valeur, p. ex. `--set phone=514-555-0199`. Répétez pour plusieurs champs; une valeur vide efface le champ",
    ),
    ("edit", "json", "Afficher la fiche enregistrée en JSON"),
    (
        "deactivate",
        "",
        "Rendre un client inactif. Ses données sont conservées",
    ),
    (
        "deactivate",
        "client",
        "Numéro du client, nom affiché ou #id",
    ),
    (
        "deactivate",
        "json",
        "Afficher la fiche du client, telle qu'elle est maintenant, en JSON",
    ),
    (
        "reactivate",
        "",
        "Rendre un client inactif de nouveau actif",
    ),
    (
        "reactivate",
        "client",
        "Numéro du client, nom affiché ou #id",
    ),
    (
        "reactivate",
        "json",
        "Afficher la fiche du client, telle qu'elle est maintenant, en JSON",
    ),
    (
        "billing",
        "",
        "Les abonnements facturés au cabinet (facturation de gros), avec les totaux par produit et au total",
    ),
    (
        "billing",
        "inactive_billed",
        "Seulement les clients inactifs que le cabinet paie encore",
    ),
    (
        "billing",
        "json",
        "Afficher les lignes et les totaux en JSON",
    ),
    (
        "billing",
        "header",
        "Dans un tube, afficher aussi la ligne d'en-tête de chaque tableau",
    ),
    ("team", "", "Voir et gérer l'équipe du cabinet"),
    ("team list", "", "Lister les membres de l'équipe"),
    ("team list", "json", "Afficher les membres en JSON"),
    (
        "team list",
        "header",
        "Dans un tube, afficher aussi la ligne d'en-tête",
    ),
    (
        "team add",
        "",
        "Ajouter un membre à l'équipe (administrateurs seulement)",
    ),
    ("team add", "name", "Nom complet"),
    ("team add", "login", "Login Unix sur le serveur du bureau"),
    ("team add", "email", "Courriel"),
    ("team add", "admin", "Faire du membre un administrateur"),
    ("team add", "json", "Afficher le nouveau membre en JSON"),
    (
        "team edit",
        "",
        "Modifier le nom, le courriel ou le rôle d'un membre (administrateurs seulement)",
    ),
    ("team edit", "login", "Le login du membre"),
    ("team edit", "name", "Le nouveau nom complet"),
    (
        "team edit",
        "email",
        "Le nouveau courriel (vide pour l'effacer)",
    ),
    ("team edit", "role", "Le nouveau rôle"),
    ("team edit", "json", "Afficher le membre enregistré en JSON"),
    (
        "team deactivate",
        "",
        "Désactiver un membre qui est parti (administrateurs seulement). Un membre encore responsable de clients doit d'abord les confier à un autre, p. ex. avec --reassign-to",
    ),
    ("team deactivate", "login", "Le login du membre"),
    (
        "team deactivate",
        "reassign_to",
        "Confier d'abord tous les clients de ce membre à un autre membre",
    ),
    (
        "team deactivate",
        "json",
        "Afficher le membre, et combien de clients ont été confiés, en JSON",
    ),
    (
        "team reactivate",
        "",
        "Rendre un membre désactivé de nouveau actif (administrateurs seulement)",
    ),
    ("team reactivate", "login", "Le login du membre"),
    ("team reactivate", "json", "Afficher le membre en JSON"),
    (
        "import",
        "",
        "Importer des clients d'un fichier CSV (QuickBooks, Excel) ou d'une exportation JSON de cabinet. Chaque ligne est vérifiée d'abord; avec une seule ligne invalide rien n'est importé, et l'importation se fait en entier ou pas du tout",
    ),
    (
        "import",
        "file",
        "Le fichier : CSV avec une ligne d'en-têtes, ou l'exportation JSON de cabinet; `-` lit l'entrée standard",
    ),
    (
        "import",
        "dry_run",
        "Vérifier et faire rapport, sans rien écrire. Sort avec le code 2 si l'importation serait refusée",
    ),
    (
        "import",
        "on_duplicate",
        "Les lignes de clients déjà dans le cabinet (même numéro, sinon même nom) : fail les signale comme invalides, skip les laisse de côté, update copie leurs cellules non vides sur le client",
    ),
    (
        "import",
        "skip_invalid",
        "Importer les lignes valides même si certaines sont invalides",
    ),
    ("import", "json", "Afficher le rapport en JSON"),
    (
        "export",
        "",
        "Exporter les clients en CSV (les colonnes de QuickBooks Online) ou en JSON (tous les champs)",
    ),
    (
        "export",
        "format",
        "Le format du fichier : csv (les colonnes de clients de QuickBooks Online, puis celles de cabinet) ou json (tous les champs, produits, documents et déclarations compris)",
    ),
    ("export", "include_inactive", "Inclure les clients inactifs"),
    (
        "export",
        "output",
        "Écrire dans ce fichier plutôt que sur la sortie standard (`-` : sortie standard). Un fichier n'apparaît qu'une fois complet; un périphérique ou un tube est écrit sur place",
    ),
    (
        "export",
        "include_sin",
        "Écrire les NAS en entier plutôt que masqués (administrateurs seulement); l'historique de chaque client note l'affichage",
    ),
    (
        "export",
        "force",
        "Remplacer le fichier de sortie s'il existe",
    ),
    (
        "export",
        "json",
        "Afficher ce qui a été exporté (format, clients, fichier) en JSON; demande --output FICHIER",
    ),
    (
        "backup",
        "",
        "Écrire une copie cohérente de tout le cabinet dans un nouveau fichier, pendant que les gens travaillent (administrateurs seulement)",
    ),
    (
        "backup",
        "file",
        "Le fichier de sauvegarde à créer; il ne doit pas encore exister",
    ),
    ("backup", "json", "Afficher ce qui a été sauvegardé en JSON"),
    (
        "restore",
        "",
        "Remplacer tout le cabinet par une sauvegarde (administrateurs seulement). Le fichier remplacé est gardé à côté de celui restauré",
    ),
    ("restore", "file", "Le fichier de sauvegarde"),
    (
        "restore",
        "force",
        "Remplacer un cabinet qui contient des clients, ou avec une sauvegarde dont l'équipe ne vous compte pas",
    ),
    ("restore", "json", "Afficher ce qui a été restauré en JSON"),
    (
        "check",
        "",
        "Vérifier le fichier de données, ses index et son historique. Sort avec le code 6 s'il trouve des problèmes",
    ),
    ("check", "json", "Afficher ce qui a été trouvé en JSON"),
    (
        "completions",
        "",
        "Afficher un script de complétion pour un shell, à charger dans son fichier de démarrage",
    ),
    ("completions", "shell", "Le shell : bash, zsh ou fish"),
    (
        "init",
        "",
        "Créer un cabinet : un cabinet personnel dans un dossier à vous, ou (en root, avec --office) un cabinet qu'un compte de service fait tourner pour une équipe",
    ),
    (
        "init",
        "dir",
        "Le dossier où créer le cabinet (nouveau ou vide)",
    ),
    (
        "init",
        "office",
        "Un cabinet de bureau : à un compte de service, dont le serveur (l'unité systemd) est seul à ouvrir le fichier; les membres d'un groupe le joignent par son socket. À lancer en root",
    ),
    (
        "init",
        "group",
        "Le groupe Unix dont les membres peuvent joindre le serveur du cabinet de bureau",
    ),
    (
        "init",
        "service_user",
        "Le compte de service propriétaire du cabinet de bureau, qui fait tourner son serveur (par défaut : cabinet)",
    ),
    (
        "init",
        "admin",
        "L'identifiant du premier administrateur du cabinet de bureau",
    ),
    (
        "man",
        "",
        "Afficher la page de manuel (roff), p. ex. `cabinet man | man -l -`",
    ),
];

/// The command line, described in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Fr => french(cmd, "")
            .after_help(AFTER_HELP_FR)
            .disable_help_flag(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .global(true)
                    .display_order(999)
                    .help("Afficher l'aide"),
            )
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .display_order(999)
                    .help("Afficher la version"),
            ),
    }
}

fn french(mut cmd: Command, path: &str) -> Command {
    for (_, id, text) in TEXTS.iter().filter(|(p, _, _)| *p == path) {
        cmd = if id.is_empty() {
            cmd.about(*text).long_about(None)
        } else {
            cmd.mut_arg(*id, |a| a.help(*text).long_help(None))
        };
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| french(s, &sub));
    }
    cmd.subcommand_help_heading("Commandes")
        .help_template("{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(cmd: &Command, path: &str, found: &mut Vec<(String, String)>) {
        if !cmd.is_hide_set() {
            found.push((path.to_owned(), String::new()));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if a.is_hide_set()
                || id == "help"
                || id == "version"
                || (a.is_global_set() && !path.is_empty())
            {
                continue;
            }
            found.push((path.to_owned(), id.to_owned()));
        }
        for s in cmd.get_subcommands() {
            let sub = if path.is_empty() {
                s.get_name().to_owned()
            } else {
                format!("{path} {}", s.get_name())
            };
            walk(s, &sub, found);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_french_text_and_no_other() {
        let mut found = Vec::new();
        walk(&Cli::command(), "", &mut found);
        let texts: Vec<(String, String)> = TEXTS
            .iter()
            .map(|(p, id, _)| (p.to_string(), id.to_string()))
            .collect();
        for f in &found {
            assert!(texts.contains(f), "no French help for {f:?}");
        }
        for t in &texts {
            assert!(
                found.contains(t),
                "French help for {t:?}, which does not exist"
            );
        }
    }

    #[test]
    fn french_help_parses_the_same_command_line() {
        use clap::FromArgMatches;
        let m = command(Lang::Fr)
            .try_get_matches_from(["cabinet", "list", "--sort", "lead", "--json", "-q"])
            .unwrap();
        let cli = Cli::from_arg_matches(&m).unwrap();
        assert!(cli.quiet);
        assert!(
            matches!(cli.command, Some(super::super::args::Command::List(ref a)) if a.json && a.sort == "lead")
        );
        let help = command(Lang::Fr)
            .try_get_matches_from(["cabinet", "list", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("Lister les clients"), "{help}");
        assert!(help.contains("Utilisation : cabinet list"), "{help}");
        assert!(help.contains("Afficher l'aide"), "{help}");
    }
}
