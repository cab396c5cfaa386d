//! The message table. Each entry has an English and a French text; an
//! entry without both does not compile. `{name}` marks a value filled in
//! by [`super::Lang::f`]; both texts of an entry use the same names (a
//! test checks).

use super::Lang;

macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident { en: $en:literal, fr: $fr:literal $(,)? } )*) => {
        /// A message cabinet shows, in any language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[$doc])* $name, )*
        }

        impl Msg {
            /// Every message, for completeness checks.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// The message's text in a language.
            pub(crate) fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$name, Lang::En) => $en, (Msg::$name, Lang::Fr) => $fr, )*
                }
            }
        }
    };
}

messages! {
    // Command-line outcomes.
    Added { en: "Added {name} (#{id}).", fr: "{name} ajouté (nº {id})." }
    Saved { en: "Saved {name} (version {version}):", fr: "{name} enregistré (version {version}) :" }
    NothingToChange { en: "{name}: nothing to change.", fr: "{name} : rien à changer." }
    NowInactive {
        en: "{name} is now inactive. Their data is kept; their subscriptions and wholesale billing are not cancelled.",
        fr: "{name} est maintenant inactif. Ses données sont conservées; ses abonnements et la facturation de gros ne sont pas annulés.",
    }
    ActiveAgain { en: "{name} is active again.", fr: "{name} est de nouveau actif." }
    AlreadyActive { en: "{name} is already active.", fr: "{name} est déjà actif." }
    AlreadyInactive { en: "{name} is already inactive.", fr: "{name} est déjà inactif." }
    NothingSaved { en: "nothing was saved:", fr: "rien n'a été enregistré :" }
    ClientOne { en: "client", fr: "client" }
    ClientMany { en: "clients", fr: "clients" }
    InactiveHiddenHint {
        en: "({n} {inactive_hidden}; --include-inactive shows them)",
        fr: "({n} {inactive_hidden}; --include-inactive les affiche)",
    }
    InactiveHiddenOne { en: "inactive hidden", fr: "inactif masqué" }
    InactiveHiddenMany { en: "inactive hidden", fr: "inactifs masqués" }
    ClosestNames { en: "No exact match — closest names:", fr: "Aucune correspondance exacte — noms les plus proches :" }
    HiddenInactiveMatchOne {
        en: "{n} inactive client matches (`cabinet reactivate` brings it back):",
        fr: "{n} client inactif correspond (`cabinet reactivate` le réactive) :",
    }
    HiddenInactiveMatchMany {
        en: "{n} inactive clients match (`cabinet reactivate` brings one back):",
        fr: "{n} clients inactifs correspondent (`cabinet reactivate` en réactive un) :",
    }
    HiddenWorkMatchOne {
        en: "{n} client hidden by the return filters matches (drop --status, --overdue, --within or --docs-awaited to see it):",
        fr: "{n} client masqué par les filtres de déclaration correspond (retirez --status, --overdue, --within ou --docs-awaited pour le voir) :",
    }
    HiddenWorkMatchMany {
        en: "{n} clients hidden by the return filters match (drop --status, --overdue, --within or --docs-awaited to see them):",
        fr: "{n} clients masqués par les filtres de déclaration correspondent (retirez --status, --overdue, --within ou --docs-awaited pour les voir) :",
    }
    HiddenKindMatchOne {
        en: "{n} client hidden by the type filter matches (drop --type to see it):",
        fr: "{n} client masqué par le filtre de type correspond (retirez --type pour le voir) :",
    }
    HiddenKindMatchMany {
        en: "{n} clients hidden by the type filter match (drop --type to see them):",
        fr: "{n} clients masqués par le filtre de type correspondent (retirez --type pour les voir) :",
    }
    HiddenLeadMatchOne {
        en: "{n} client hidden by the lead filter matches (drop --lead to see it):",
        fr: "{n} client masqué par le filtre de responsable correspond (retirez --lead pour le voir) :",
    }
    HiddenLeadMatchMany {
        en: "{n} clients hidden by the lead filter match (drop --lead to see them):",
        fr: "{n} clients masqués par le filtre de responsable correspondent (retirez --lead pour les voir) :",
    }
    InactiveMark { en: "(inactive)", fr: "(inactif)" }
    Overdue { en: "OVERDUE", fr: "EN RETARD" }
    Due { en: "due", fr: "échéance" }
    Yes { en: "yes", fr: "oui" }
    No { en: "no", fr: "non" }
    Total { en: "Total", fr: "Total" }
    PerMonth { en: "/month", fr: "/mois" }
    InactiveStillBilledOne {
        en: "{n} inactive client is still billed to the firm: making a client inactive does not cancel wholesale billing; `cabinet billing --inactive-billed` lists it.",
        fr: "{n} client inactif est encore facturé au cabinet : rendre un client inactif n'annule pas la facturation de gros; `cabinet billing --inactive-billed` le liste.",
    }
    InactiveStillBilledMany {
        en: "{n} inactive clients are still billed to the firm: making a client inactive does not cancel wholesale billing; `cabinet billing --inactive-billed` lists them.",
        fr: "{n} clients inactifs sont encore facturés au cabinet : rendre un client inactif n'annule pas la facturation de gros; `cabinet billing --inactive-billed` les liste.",
    }
    MemberAdded { en: "Added {name} ({login}) to the team as {role}.", fr: "{name} ({login}) ajouté à l'équipe comme {role}." }
    MemberSaved { en: "Saved {name} ({login}).", fr: "{name} ({login}) enregistré." }
    MemberDeactivated { en: "{name} ({login}) is deactivated.", fr: "{name} ({login}) est désactivé." }
    MemberReactivated { en: "{name} ({login}) is active again.", fr: "{name} ({login}) est de nouveau actif." }
    LeadsReassignedOne { en: "Gave {n} client of {from} to {to}.", fr: "{n} client de {from} confié à {to}." }
    LeadsReassignedMany { en: "Gave {n} clients of {from} to {to}.", fr: "{n} clients de {from} confiés à {to}." }

    // Where output goes, and input checked before the firm is opened.
    OutputIsDirectory {
        en: "{path} is a directory; give a file name",
        fr: "{path} est un dossier; donnez un nom de fichier",
    }
    OutputExists {
        en: "{path} already exists; add --force to replace it",
        fr: "{path} existe déjà; ajoutez --force pour le remplacer",
    }
    OutputNotFile {
        en: "{path} is neither a file, a device nor a pipe; give a file name",
        fr: "{path} n'est ni un fichier, ni un périphérique, ni un tube; donnez un nom de fichier",
    }
    OutputNoDirectory {
        en: "{path}: its directory does not exist",
        fr: "{path} : son dossier n'existe pas",
    }
    InputIsDirectory {
        en: "{path} is a directory; give a file",
        fr: "{path} est un dossier; donnez un fichier",
    }
    InputUnreadable { en: "{path}: {error}", fr: "{path} : {error}" }
    NoTerminal {
        en: "the client list needs a terminal; in a script, use `cabinet list` (or `cabinet list --json`)",
        fr: "la liste des clients demande un terminal; dans un script, utilisez `cabinet list` (ou `cabinet list --json`)",
    }
    UnknownLead {
        en: "no team member is called {lead}; `cabinet team list` shows the team",
        fr: "aucun membre de l'équipe ne s'appelle {lead}; `cabinet team list` montre l'équipe",
    }
    ExportJsonNeedsFile {
        en: "--json describes the file written with --output FILE; without one the export itself goes to standard output",
        fr: "--json décrit le fichier écrit avec --output FICHIER; sans lui, l'exportation elle-même va sur la sortie standard",
    }

    DemoFilled {
        en: "Filled the firm with {clients} demo clients and a team of {members}; you are {name}, an admin.",
        fr: "Cabinet rempli de {clients} clients de démonstration et d'une équipe de {members}; vous êtes {name}, administrateur.",
    }
    DemoCreating {
        en: "Creating the demo firm ({clients} made-up clients)…",
        fr: "Création du cabinet de démonstration ({clients} clients fictifs)…",
    }

    // Import and export.
    ImportProgress {
        en: "{bar:40} {pos}/{len} rows checked {msg}",
        fr: "{bar:40} {pos}/{len} lignes vérifiées {msg}",
    }
    ImportWriting { en: "· writing", fr: "· écriture" }
    ImportReadProgress {
        en: "{elapsed:>4} {wide_bar} {bytes}/{total_bytes} read and checked {msg}",
        fr: "{elapsed:>4} {wide_bar} {bytes}/{total_bytes} lus et vérifiés {msg}",
    }
    DemoProgress {
        en: "{elapsed:>4} {wide_bar} {pos}/{len} clients generated {msg}",
        fr: "{elapsed:>4} {wide_bar} {pos}/{len} clients générés {msg}",
    }
    StandardInput { en: "standard input", fr: "entrée standard" }
    FileHead { en: "{name}: {details}.", fr: "{name} : {details}." }
    CommaSeparated { en: "comma-separated", fr: "séparateur virgule" }
    SemicolonSeparated { en: "semicolon-separated", fr: "séparateur point-virgule" }
    TabSeparated { en: "tab-separated", fr: "séparateur tabulation" }
    OtherSeparated { en: "other-separated", fr: "autre séparateur" }
    RowOne { en: "row", fr: "ligne" }
    RowMany { en: "rows", fr: "lignes" }
    LineOne { en: "line", fr: "ligne" }
    LineMany { en: "lines", fr: "lignes" }
    RecordOne { en: "record", fr: "fiche" }
    RecordMany { en: "records", fr: "fiches" }
    ColumnsRead { en: "Columns: {columns}", fr: "Colonnes : {columns}" }
    ColumnsNotRead { en: "Not read: {columns}", fr: "Non lues : {columns}" }
    RowIssue { en: "  {row}, {place}: {problem}", fr: "  {row}, {place} : {problem}" }
    SameAsLine {
        en: "is the same as on line {line}; each client must appear once",
        fr: "est le même qu'à la ligne {line}; chaque client ne doit paraître qu'une fois",
    }
    ExtraCells {
        en: "has {cells} cells but the header has {columns} columns; check the quotes around cells holding the delimiter",
        fr: "a {cells} cellules mais l'en-tête a {columns} colonnes; vérifiez les guillemets autour des cellules qui contiennent le séparateur",
    }
    AndMore { en: "  … and {more} more (--json lists them all)", fr: "  … et {more} de plus (--json les liste tous)" }
    ProblemOne { en: "problem", fr: "problème" }
    ProblemMany { en: "problems", fr: "problèmes" }
    SkippedExists { en: "already in the firm", fr: "déjà dans le cabinet" }
    SkippedUnchanged { en: "already up to date", fr: "déjà à jour" }
    RowSkipped { en: "  {row}: skipped, {why} as {client}", fr: "  {row} : ignorée, {why} sous le nom {client}" }
    MoreSkipped { en: "  … and {more} more skipped", fr: "  … et {more} ignorées de plus" }
    ImportCounts {
        en: "{created} created, {updated} updated, {skipped} skipped, {invalid} invalid",
        fr: "créés : {created}, mis à jour : {updated}, ignorés : {skipped}, invalides : {invalid}",
    }
    ImportChecked { en: "Checked: {counts}. Nothing was written.", fr: "Vérification faite ({counts}). Rien n'a été écrit." }
    ImportDryRun {
        en: "Dry run, nothing written. The import would give: {counts}.",
        fr: "Simulation, rien n'a été écrit. L'importation donnerait ({counts}).",
    }
    Imported { en: "Imported: {counts}{left_out}.", fr: "Importation faite ({counts}){left_out}." }
    InvalidLeftOut { en: " (invalid rows left out)", fr: ", lignes invalides laissées de côté" }
    NothingToImport { en: "Nothing to import: {counts}.", fr: "Rien à importer ({counts})." }
    ImportRefused {
        en: "nothing was imported: {n} {invalid} (listed above). Fix {them} and import again, or add --skip-invalid to import the {valid} {rows}.",
        fr: "rien n'a été importé : {n} {invalid} (voir plus haut). Corrigez-{them} et importez de nouveau, ou ajoutez --skip-invalid pour importer {valid} {rows}.",
    }
    InvalidRowOne { en: "row is invalid", fr: "ligne est invalide" }
    InvalidRowMany { en: "rows are invalid", fr: "lignes sont invalides" }
    ThemOne { en: "it", fr: "la" }
    ThemMany { en: "them", fr: "les" }
    ValidRowOne { en: "valid row", fr: "ligne valide" }
    ValidRowMany { en: "valid rows", fr: "lignes valides" }
    DuplicatesHint {
        en: " Rows for clients the firm already has can be left out with --on-duplicate skip, or applied with --on-duplicate update.",
        fr: " Les lignes de clients que le cabinet a déjà peuvent être laissées de côté avec --on-duplicate skip, ou appliquées avec --on-duplicate update.",
    }
    Exported { en: "Exported {clients} to {name}.", fr: "Exportation vers {name} : {clients}." }
    FileEmpty {
        en: "the file is empty: it needs a header line, then one line per client",
        fr: "le fichier est vide : il lui faut une ligne d'en-têtes, puis une ligne par client",
    }
    NoNameColumn {
        en: "no column holds the client's name; the first line must be the column headers, with one such as Name, Display Name, Customer, Company or Nom (found: {found})",
        fr: "aucune colonne ne contient le nom du client; la première ligne doit donner les en-têtes des colonnes, dont un comme Nom, Name, Display Name, Customer ou Company (trouvé : {found})",
    }
    NotUtf8 {
        en: "the file says it is UTF-8 but byte {byte} is not; save it again as \"CSV UTF-8\"",
        fr: "le fichier se dit en UTF-8, mais son octet {byte} ne l'est pas; enregistrez-le de nouveau en « CSV UTF-8 »",
    }
    Undecodable {
        en: "the file says it is {encoding} but does not decode as such; save it again as \"CSV UTF-8\"",
        fr: "le fichier se dit en {encoding}, mais ne se lit pas ainsi; enregistrez-le de nouveau en « CSV UTF-8 »",
    }
    CsvUnreadable { en: "the CSV cannot be read: {reason}", fr: "le CSV ne peut pas être lu : {reason}" }
    MixedEncoding {
        en: "the file mixes two text encodings: lines {utf8} are UTF-8 but lines {other} are not; open it in a spreadsheet and save it again as \"CSV UTF-8\"",
        fr: "le fichier mêle deux encodages : les lignes {utf8} sont en UTF-8, mais pas les lignes {other}; ouvrez-le dans un tableur et enregistrez-le de nouveau en « CSV UTF-8 »",
    }
    UnclosedQuote {
        en: "the quote that opens on line {line} is never closed, so every line after it would be read into one cell; close the quote or remove it",
        fr: "le guillemet ouvert à la ligne {line} n'est jamais fermé : toutes les lignes suivantes seraient lues dans une seule cellule; fermez-le ou retirez-le",
    }
    JsonUnreadable {
        en: "the JSON cannot be read: line {line}, column {column}: {reason}; cabinet reads the array of clients that `cabinet export --format json` writes",
        fr: "le JSON ne peut pas être lu : ligne {line}, colonne {column} : {reason}; cabinet lit le tableau de clients qu'écrit `cabinet export --format json`",
    }
    FileTooLarge {
        en: "the file is {size} bytes; the import reads files up to {max} bytes",
        fr: "le fichier fait {size} octets; l'importation lit des fichiers d'au plus {max} octets",
    }

    // Backups, restores and checks.
    BackedUp {
        en: "Backed up {clients}, {members} and {entries} to {path} ({size}).",
        fr: "Sauvegarde de {clients}, {members} et {entries} dans {path} ({size}).",
    }
    MemberOne { en: "team member", fr: "membre de l'équipe" }
    MemberMany { en: "team members", fr: "membres de l'équipe" }
    EntryOne { en: "history entry", fr: "entrée d'historique" }
    EntryMany { en: "history entries", fr: "entrées d'historique" }
    Bytes { en: "bytes", fr: "octets" }
    Kilobytes { en: "KB", fr: "Ko" }
    Megabytes { en: "MB", fr: "Mo" }
    Restored { en: "Restored {clients} and {members} from {path}.", fr: "{clients} et {members} restaurés à partir de {path}." }
    ReplacedKept { en: "The replaced firm file is kept as {path}.", fr: "Le fichier remplacé du cabinet est gardé sous le nom {path}." }
    RestoringOffline {
        en: "The firm could not be opened ({why}); restoring its file directly.",
        fr: "Le cabinet n'a pu être ouvert ({why}); restauration directe de son fichier.",
    }
    FirmCannotOpen { en: "the firm cannot be opened", fr: "le cabinet ne peut pas être ouvert" }
    CheckDamaged { en: "{file}: DAMAGED: {reason}", fr: "{file} : ENDOMMAGÉ : {reason}" }
    CheckDamagedNote {
        en: "redb's integrity check failed, so the records cannot be trusted or read.",
        fr: "la vérification d'intégrité de redb a échoué : les fiches ne peuvent être ni lues ni crues.",
    }
    CheckClean { en: "{file}: redb's integrity check passed.", fr: "{file} : la vérification d'intégrité de redb a réussi." }
    CheckRepaired {
        en: "{file}: redb's integrity check rolled back an interrupted write; the last complete one is intact.",
        fr: "{file} : la vérification d'intégrité de redb a annulé une écriture interrompue; la dernière écriture complète est intacte.",
    }
    CheckCounts { en: "{clients}, {members}, {entries}.", fr: "{clients}, {members}, {entries}." }
    CheckAllMatch {
        en: "The indexes and the history match the client records.",
        fr: "Les index et l'historique concordent avec les fiches des clients.",
    }
    CheckProblems {
        en: "{problems} between the client records and their indexes or history:",
        fr: "{problems} entre les fiches des clients et leurs index ou leur historique :",
    }
    ProblemCapOne { en: "Problem", fr: "problème" }
    ProblemCapMany { en: "Problems", fr: "problèmes" }
    CheckFailedDamaged {
        en: "the firm file is damaged. Restore your latest backup with: cabinet restore BACKUP-FILE (the damaged file is kept beside the restored one).",
        fr: "le fichier du cabinet est endommagé. Restaurez votre dernière sauvegarde avec : cabinet restore FICHIER-DE-SAUVEGARDE (le fichier endommagé est gardé à côté de celui restauré).",
    }
    CheckFailedProblems {
        en: "the check found {problems}. To go back to a backup: cabinet restore BACKUP-FILE --force (the current file is kept beside the restored one).",
        fr: "la vérification a trouvé {problems}. Pour revenir à une sauvegarde : cabinet restore FICHIER-DE-SAUVEGARDE --force (le fichier actuel est gardé à côté de celui restauré).",
    }

    BadSort {
        en: "--sort {sort}: not a column; use one of {columns}",
        fr: "--sort {sort} : ce n'est pas une colonne; utilisez l'une de {columns}",
    }
    BadStatus {
        en: "--status {status}: not a return status; use one of {statuses}",
        fr: "--status {status} : ce n'est pas un statut de déclaration; utilisez l'un de {statuses}",
    }
    NoWorkDue { en: "No return is due.", fr: "Aucune déclaration à produire." }
    ColDue { en: "DUE", fr: "ÉCHÉANCE" }
    ColStatus { en: "STATUS", fr: "STATUT" }
    BadSet {
        en: "--set {set}: write FIELD=VALUE, e.g. --set phone=514-555-0199",
        fr: "--set {set} : écrivez CHAMP=VALEUR, p. ex. --set phone=514-555-0199",
    }

    // Starting up.
    BadLangFlag { en: "--lang {lang}: use en or fr", fr: "--lang {lang} : utilisez en ou fr" }
    SettingsFile { en: "settings file {error}", fr: "fichier de paramètres {error}" }
    NoHome {
        en: "cannot find a home directory; pass --firm DIR",
        fr: "impossible de trouver le dossier personnel; passez --firm DOSSIER",
    }

    // Creating firms.
    NoFirmHere {
        en: "{dir} holds no firm; create one with `cabinet init {dir}`, or check the path (--firm, CABINET_FIRM, the settings file)",
        fr: "{dir} ne contient aucun cabinet; créez-en un avec `cabinet init {dir}`, ou vérifiez le chemin (--firm, CABINET_FIRM, le fichier de paramètres)",
    }
    NoFirmAccess {
        en: "{dir}: {error}",
        fr: "{dir} : {error}",
    }
    // `cabinet serve`.
    ServeOfficeReplace {
        en: "the server of {dir} runs as {service} under systemd; restart it with `systemctl restart cabinet@{instance}`",
        fr: "le serveur de {dir} tourne sous le compte {service} avec systemd; redémarrez-le avec `systemctl restart cabinet@{instance}`",
    }
    ServeStoppedOld {
        en: "stopped the server that was running (pid {pid})",
        fr: "le serveur qui tournait a été arrêté (pid {pid})",
    }
    ServeAlreadyRunning {
        en: "a cabinet server is already running for {dir} (pid {pid})",
        fr: "un serveur cabinet tourne déjà pour {dir} (pid {pid})",
    }
    ServeStarted {
        en: "started a cabinet server for {dir} (pid {pid}); it stops after 15 minutes with no clients. Log: {log}",
        fr: "un serveur cabinet a été démarré pour {dir} (pid {pid}); il s'arrête après 15 minutes sans client. Journal : {log}",
    }
    Failed { en: "cabinet: {error}", fr: "cabinet : {error}" }
    ServerNotOwner {
        en: "{dir} belongs to {owner}: only its server, run as {owner} (the systemd unit), may open it",
        fr: "{dir} appartient à {owner} : seul son serveur, lancé sous {owner} (l'unité systemd), peut l'ouvrir",
    }
    ServerNoLog {
        en: "the server could not set up its log in {dir}: {error}",
        fr: "le serveur n'a pas pu préparer son journal dans {dir} : {error}",
    }
    CreatedDefaultFirm {
        en: "cabinet: created your personal firm in {dir} (only you can open it; `cabinet init --office` makes a firm for a team)",
        fr: "cabinet : votre cabinet personnel a été créé dans {dir} (vous seul pouvez l'ouvrir; `cabinet init --office` crée un cabinet pour une équipe)",
    }
    InitExists {
        en: "{dir} already holds a firm; nothing was changed",
        fr: "{dir} contient déjà un cabinet; rien n'a été changé",
    }
    InitNotEmpty {
        en: "{dir} is not empty; choose a new or empty directory for the firm",
        fr: "{dir} n'est pas vide; choisissez un dossier nouveau ou vide pour le cabinet",
    }
    InitNotYours {
        en: "{dir} belongs to {owner}; a personal firm must be in a directory of your own",
        fr: "{dir} appartient à {owner}; un cabinet personnel doit être dans un dossier à vous",
    }
    InitFailed {
        en: "could not create the firm in {dir}: {error}",
        fr: "impossible de créer le cabinet dans {dir} : {error}",
    }
    InitPersonal {
        en: "Created a personal firm in {dir}; only you can open it, and you are its admin.\nOpen it with `cabinet --firm {dir}`, or put `firm = \"{dir}\"` in {config}.",
        fr: "Cabinet personnel créé dans {dir}; vous seul pouvez l'ouvrir, et vous en êtes l'administrateur.\nOuvrez-le avec `cabinet --firm {dir}`, ou mettez `firm = \"{dir}\"` dans {config}.",
    }
    InitNeedsRoot {
        en: "an office firm is created by root, so that its service account can own it: run `sudo cabinet init {dir} --office --group GROUP`",
        fr: "un cabinet de bureau est créé par root, pour que son compte de service en soit propriétaire : lancez `sudo cabinet init {dir} --office --group GROUPE`",
    }
    InitNeedsGroup {
        en: "--office needs --group GROUP: the Unix group whose members may reach the firm's server",
        fr: "--office demande --group GROUPE : le groupe Unix dont les membres peuvent joindre le serveur du cabinet",
    }
    InitOfficeOnly {
        en: "--group, --service-user and --admin go with --office",
        fr: "--group, --service-user et --admin vont avec --office",
    }
    InitNoUser {
        en: "there is no user {user}; create the service account first: `useradd --system --no-create-home --shell /usr/sbin/nologin {user}`",
        fr: "l'utilisateur {user} n'existe pas; créez d'abord le compte de service : `useradd --system --no-create-home --shell /usr/sbin/nologin {user}`",
    }
    InitNoGroup {
        en: "there is no group {group}; create it first with `groupadd {group}`",
        fr: "le groupe {group} n'existe pas; créez-le d'abord avec `groupadd {group}`",
    }
    InitOffice {
        en: "Created the office firm {dir}: {user} owns it and alone opens its file; members of {group} reach it through its socket, and the team decides who may work in it.\nNext steps:\n  1. Install cabinet where the service unit expects it: install -m 0755 {exe} /usr/local/bin/cabinet\n  2. Install the unit: install -m 0644 assets/cabinet@.service /etc/systemd/system/ && systemctl daemon-reload\n  3. Start the server now and at every boot: systemctl enable --now cabinet@{name}\n  4. Let each bookkeeper reach it: usermod -aG {group} LOGIN (they log in again afterwards)\n  5. {admin}",
        fr: "Cabinet de bureau {dir} créé : {user} en est propriétaire et seul à ouvrir son fichier; les membres de {group} le joignent par son socket, et l'équipe décide qui peut y travailler.\nÉtapes suivantes :\n  1. Installez cabinet là où l'unité de service l'attend : install -m 0755 {exe} /usr/local/bin/cabinet\n  2. Installez l'unité : install -m 0644 assets/cabinet@.service /etc/systemd/system/ && systemctl daemon-reload\n  3. Démarrez le serveur maintenant et à chaque démarrage : systemctl enable --now cabinet@{name}\n  4. Donnez-y accès à chaque commis : usermod -aG {group} IDENTIFIANT (qui se reconnecte ensuite)\n  5. {admin}",
    }
    InitOfficeAdmin {
        en: "{login} is the firm's admin: they add the rest of the team with `cabinet team add`.",
        fr: "{login} est l'administrateur du cabinet : il ajoute le reste de l'équipe avec `cabinet team add`.",
    }
    InitOfficeFirstAdmin {
        en: "The first member of {group} to open the firm becomes its admin (or pass --admin LOGIN to choose now).",
        fr: "Le premier membre de {group} qui ouvre le cabinet en devient l'administrateur (ou passez --admin IDENTIFIANT pour le choisir dès maintenant).",
    }
    InitOfficePath {
        en: "The unit serves /srv/cabinet/NAME; for {dir}, change ExecStart and ReadWritePaths with `systemctl edit cabinet@{name}`.",
        fr: "L'unité sert /srv/cabinet/NOM; pour {dir}, changez ExecStart et ReadWritePaths avec `systemctl edit cabinet@{name}`.",
    }

    // Column headings shared by the CLI tables.
    ColNumber { en: "NUMBER", fr: "NUMÉRO" }
    ColClient { en: "CLIENT", fr: "CLIENT" }
    ColType { en: "TYPE", fr: "TYPE" }
    ColLead { en: "LEAD", fr: "RESPONSABLE" }
    ColProduct { en: "PRODUCT", fr: "PRODUIT" }
    ColReturn { en: "LATEST RETURN", fr: "DERNIÈRE DÉCLARATION" }
    ColDocs { en: "DOCS", fr: "DOCS" }
    ColWholesale { en: "WHOLESALE", fr: "GROS" }
    ColList { en: "LIST/MONTH", fr: "PRIX/MOIS" }
    ColDiscount { en: "DISCOUNT", fr: "REMISE" }
    ColNet { en: "NET/MONTH", fr: "NET/MOIS" }
    ColSubscriptions { en: "SUBSCRIPTIONS", fr: "ABONNEMENTS" }
    ColLogin { en: "LOGIN", fr: "IDENTIFIANT" }
    ColName { en: "NAME", fr: "NOM" }
    ColEmail { en: "EMAIL", fr: "COURRIEL" }
    ColRole { en: "ROLE", fr: "RÔLE" }
    ColActive { en: "ACTIVE", fr: "ACTIF" }

    // Words for values.
    Business { en: "business", fr: "entreprise" }
    Individual { en: "individual", fr: "particulier" }
    Admin { en: "admin", fr: "administrateur" }
    Staff { en: "staff", fr: "employé" }
    StatusNotStarted { en: "not started", fr: "non commencée" }
    StatusInProgress { en: "in progress", fr: "en cours" }
    StatusReadyForReview { en: "ready for review", fr: "prête pour révision" }
    StatusFiled { en: "filed", fr: "produite" }
    StatusAccepted { en: "accepted", fr: "acceptée" }
    DocRequested { en: "requested", fr: "demandé" }
    DocReceived { en: "received", fr: "reçu" }
    DocReviewed { en: "reviewed", fr: "révisé" }
    BilledFirm { en: "firm (wholesale)", fr: "cabinet (gros)" }
    BilledClient { en: "client", fr: "client" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_message_is_complete_in_both_languages() {
        for &m in Msg::ALL {
            let (en, fr) = (m.text(Lang::En), m.text(Lang::Fr));
            assert!(
                !en.trim().is_empty() && !fr.trim().is_empty(),
                "{m:?} is empty"
            );
            assert_eq!(
                placeholders(en),
                placeholders(fr),
                "{m:?} has different placeholders"
            );
            for s in [en, fr] {
                assert!(
                    !s.chars().any(|c| ('\u{2066}'..='\u{2069}').contains(&c)),
                    "{m:?} holds an isolation mark"
                );
            }
        }
    }
}
