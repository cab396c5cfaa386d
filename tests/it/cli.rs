//! The scriptable subcommands, run as a user would: the real binary, a
//! temporary firm, and a temporary home directory.

use std::process::Command;

use super::env::Env;

#[test]
fn add_list_show_edit() {
    let env = Env::new();
    env.ok(&[
        "add",
        "--name",
        "Plomberie Tremblay inc.",
        "--number",
        "1001",
        "--phone",
        "514-555-0199",
    ]);
    env.ok(&[
        "add",
        "--name",
        "Lévesque, Marie-Ève",
        "--type",
        "individual",
        "--set",
        "sin=130 692 544",
    ]);

    let list = env.json(&["list", "--json"]);
    let names: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Lévesque, Marie-Ève", "Plomberie Tremblay inc."]);
    for key in ["id", "number", "name", "kind", "lead", "active"] {
        assert!(list[0].get(key).is_some(), "list --json lacks {key}");
    }

    let out = env.ok(&[
        "edit",
        "1001",
        "--set",
        "phone=514-555-0100",
        "--set",
        "city=Laval",
    ]);
    assert!(out.contains("version 2"), "{out}");
    let shown = env.json(&["show", "Plomberie Tremblay inc.", "--json"]);
    assert_eq!(shown["phone"], "514-555-0100");
    assert_eq!(shown["address"]["city"], "Laval");
    assert_eq!(shown["version"], 2);

    // The human form masks tax identifiers.
    let text = env.ok(&["show", "lévesque, marie-ève"]);
    assert!(text.contains("••••••544"), "{text}");
    assert!(!text.contains("130692544"), "{text}");
}

#[test]
fn bad_input_names_the_field_exits_2_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha"]);
    let before = env.ok(&["list", "--include-inactive", "--json"]);

    let o = env.cmd(&[
        "add",
        "--name",
        "Bravo",
        "--email",
        "not-an-email",
        "--set",
        "gst=123",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("email: must look like name@example.com"),
        "{err}"
    );
    assert!(err.contains("gst: must be 9 digits, RT, 4 digits"), "{err}");

    let o = env.cmd(&["edit", "Alpha", "--set", "colour=blue"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("colour: is not a field"));

    let o = env.cmd(&["add", "--name", "ALPHA"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("name: is already used by Alpha"));

    let o = env.cmd(&["show", "Zulu"]);
    assert_eq!(o.status.code(), Some(2));

    let after = env.ok(&["list", "--include-inactive", "--json"]);
    assert!(
        after == before,
        "a refused command changed the client list:\n{after}"
    );
    assert_eq!(env.json(&["show", "Alpha", "--json"])["version"], 1);
}

#[test]
fn inactive_clients_are_hidden_then_reactivated() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha", "--number", "1"]);
    env.ok(&["add", "--name", "Bravo", "--number", "2"]);
    let out = env.ok(&["deactivate", "1"]);
    assert!(out.contains("Alpha is now inactive"), "{out}");
    let (text, summary) = env.ok2(&["list"]);
    assert!(!text.contains("Alpha"), "{text}");
    // The count goes to standard error, so the last line piped is a row.
    assert_eq!(text.lines().last(), Some("2\tBravo\tbusiness\t\t\t\t\t"));
    assert!(summary.contains("1 inactive hidden"), "{summary}");
    let all = env.json(&["list", "--include-inactive", "--json"]);
    let alpha = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Alpha")
        .unwrap();
    assert_eq!(alpha["active"], false);
    env.ok(&["reactivate", "Alpha"]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn filters_by_lead_and_type() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha"]);
    env.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    env.ok(&[
        "add",
        "--name",
        "Bravo",
        "--type",
        "individual",
        "--lead",
        "jroy",
    ]);
    let led = env.json(&["list", "--lead", "jroy", "--json"]);
    assert_eq!(led.as_array().unwrap().len(), 1);
    assert_eq!(led[0]["lead"], "jroy");
    assert_eq!(led[0]["lead_name"], "Jean Roy");
    let ind = env.json(&["list", "--type", "individual", "--json"]);
    assert_eq!(ind[0]["name"], "Bravo");
    let team = env.json(&["team", "list", "--json"]);
    assert_eq!(team[0]["login"], super::server::util::my_login().as_str());
    assert_eq!(team[0]["role"], "admin");
    let o = env.cmd(&["list", "--lead", "nobody"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let env = Env::new();
    // The model refuses control characters outright…
    let o = env.cmd(&["add", "--name", "Evil\u{1b}[2J"]);
    assert_eq!(o.status.code(), Some(2));
    // …and a refused value is not echoed raw either.
    assert!(!String::from_utf8_lossy(&o.stderr).contains('\u{1b}'));
}

#[test]
fn speaks_french_when_asked() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha"]);
    env.ok(&["deactivate", "Alpha"]);
    let (_, out) = env.ok2(&["--lang", "fr", "list"]);
    // French counts zero as singular.
    assert!(
        out.contains("0 client (1 inactif masqué; --include-inactive les affiche)"),
        "{out}"
    );
    let o = env.cmd(&["--lang", "fr", "add", "--name", "Bravo", "--email", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("rien n'a été enregistré"), "{err}");
    assert!(
        err.contains("courriel : doit ressembler à nom@exemple.ca"),
        "{err}"
    );
    // JSON keeps the same keys whatever the language.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--lang", "fr", "list", "--include-inactive", "--json"]))
            .unwrap();
    assert_eq!(json[0]["kind"], "business");
    let o = env.cmd(&["--lang", "de", "list"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_locale_picks_the_language_and_the_flag_wins() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha", "--number", "7"]);
    let run = |args: &[&str], lang: &str| {
        let home = env.dir.path().join("home");
        let o = Command::new(env!("CARGO_BIN_EXE_cabinet"))
            .args(args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("CABINET_FIRM", env.firm())
            .env("USER", "marie")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(run(&["list", "--header"], "fr_CA.UTF-8").starts_with("NUMÉRO"));
    assert!(run(&["list", "--header"], "C").starts_with("NUMBER"));
    assert!(run(&["--lang", "en", "list", "--header"], "fr_CA.UTF-8").starts_with("NUMBER"));
}

#[test]
fn import_and_export_speak_french() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha", "--number", "1"]);
    let file = env.file(
        "clients.csv",
        "Name,Email,Client Number\nBravo,bravo@example.ca,2\nCharlie,charlie@,3\nAlpha bis,,1\n",
    );
    let (out, err) = env.fails(2, &["--lang", "fr", "import", &file]);
    assert!(
        out.contains("CSV, UTF-8, séparateur virgule, 3 lignes."),
        "{out}"
    );
    assert!(out.contains("Colonnes : Name → name"), "{out}");
    assert!(
        out.contains("ligne 3, Email (courriel) \"charlie@\" : doit ressembler à nom@exemple.ca"),
        "{out}"
    );
    assert!(
        out.contains("ligne 4, Client Number (numéro) \"1\" : est déjà utilisé par Alpha"),
        "{out}"
    );
    assert!(
        out.contains("Vérification faite (créés : 1, mis à jour : 0, ignorés : 0, invalides : 2). Rien n'a été écrit."),
        "{out}"
    );
    assert!(
        err.contains(
            "rien n'a été importé : 2 lignes sont invalides (voir plus haut). Corrigez-les"
        ),
        "{err}"
    );
    assert!(err.contains("pour importer 1 ligne valide."), "{err}");
    assert!(err.contains("--on-duplicate skip"), "{err}");

    let out = env.ok(&["--lang", "fr", "import", &file, "--skip-invalid"]);
    assert!(
        out.contains("Importation faite (créés : 1, mis à jour : 0, ignorés : 0, invalides : 2), lignes invalides laissées de côté."),
        "{out}"
    );

    let (_, err) = env.fails(2, &["--lang", "fr", "import", &env.file("vide.csv", "")]);
    assert!(
        err.contains("le fichier est vide : il lui faut une ligne d'en-têtes"),
        "{err}"
    );
    let (_, err) = env.fails(
        2,
        &[
            "--lang",
            "fr",
            "import",
            &env.file("x.csv", "Solde;Termes\n1;2\n"),
        ],
    );
    assert!(
        err.contains("aucune colonne ne contient le nom du client")
            && err.contains("(trouvé : Solde, Termes)"),
        "{err}"
    );
    let (_, err) = env.fails(
        2,
        &[
            "--lang",
            "fr",
            "import",
            &env.file("x.json", "[{\"name\": 3}]"),
        ],
    );
    assert!(
        err.contains("le JSON ne peut pas être lu : ligne 1"),
        "{err}"
    );

    let (_, out) = env.ok2(&[
        "--lang",
        "fr",
        "export",
        "--format",
        "csv",
        "--output",
        "clients-export.csv",
    ]);
    assert!(out.starts_with("Exportation vers "), "{out}");
    assert!(out.contains("clients-export.csv : 2 clients."), "{out}");
    // The same import in English says it in English.
    let (out, _) = env.fails(2, &["import", &file]);
    assert!(
        out.contains("line 3, Email (email) \"charlie@\": must look like"),
        "{out}"
    );
}

#[test]
fn backup_restore_and_check_speak_french() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha"]);
    env.ok(&["add", "--name", "Bravo"]);
    let out = env.ok(&["--lang", "fr", "backup", "sauvegarde.redb"]);
    assert!(
        out.starts_with(
            "Sauvegarde de 2 clients, 1 membre de l'équipe et 2 entrées d'historique dans "
        ),
        "{out}"
    );
    assert!(
        out.contains("sauvegarde.redb (") && out.contains(" Ko)."),
        "{out}"
    );

    // The firm declines with a code; the client words it.
    let (_, err) = env.fails(2, &["--lang", "fr", "backup", "sauvegarde.redb"]);
    assert!(
        err.contains("existe déjà; les sauvegardes ne sont jamais écrasées"),
        "{err}"
    );
    let (_, err) = env.fails(2, &["--lang", "fr", "restore", "sauvegarde.redb"]);
    assert!(
        err.contains("le cabinet compte 2 clients, et une restauration les remplace tous; relancez la restauration avec --force"),
        "{err}"
    );
    let (_, err) = env.fails(2, &["backup", "sauvegarde.redb"]);
    assert!(
        err.contains("already exists; backups are never overwritten"),
        "{err}"
    );

    let out = env.ok(&["--lang", "fr", "restore", "sauvegarde.redb", "--force"]);
    assert!(
        out.starts_with("2 clients et 1 membre de l'équipe restaurés à partir de "),
        "{out}"
    );
    assert!(
        out.contains("Le fichier remplacé du cabinet est gardé sous le nom "),
        "{out}"
    );

    let out = env.ok(&["--lang", "fr", "check"]);
    assert!(
        out.contains(" : la vérification d'intégrité de redb a réussi."),
        "{out}"
    );
    assert!(
        out.contains("2 clients, 1 membre de l'équipe, 2 entrées d'historique."),
        "{out}"
    );
    assert!(
        out.contains("Les index et l'historique concordent avec les fiches des clients."),
        "{out}"
    );
}

#[test]
fn deactivating_hands_clients_over_and_refusals_write_nothing() {
    let env = Env::new();
    env.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    env.ok(&["team", "add", "--name", "Ann Lee", "--login", "alee"]);
    env.ok(&["add", "--name", "Alpha", "--lead", "jroy"]);
    let me = super::server::util::my_login();
    // The only admin cannot leave, and nothing is handed over trying.
    let o = env.cmd(&["team", "deactivate", &me, "--reassign-to", "alee"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(env.json(&["show", "Alpha", "--json"])["lead"], "jroy");
    // Someone who leads clients must hand them over first.
    let o = env.cmd(&["team", "deactivate", "jroy"]);
    assert_eq!(o.status.code(), Some(2));
    let out = env.ok(&["team", "deactivate", "jroy", "--reassign-to", "alee"]);
    assert!(out.contains("Gave 1 client of jroy to alee"), "{out}");
    assert_eq!(env.json(&["show", "Alpha", "--json"])["lead"], "alee");
    let team = env.json(&["team", "list", "--json"]);
    let jroy = team
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["login"] == "jroy")
        .unwrap();
    assert_eq!(jroy["active"], false);
}

#[test]
fn due_lists_the_work_by_urgency_with_the_list_filters() {
    let env = Env::new();
    env.ok(&["demo", "--clients", "300", "--seed", "7"]);
    let rows =
        |args: &[&str]| -> Vec<serde_json::Value> { env.json(args).as_array().unwrap().clone() };
    let ret = |r: &serde_json::Value| r["latest_return"].clone();
    let due = rows(&["due", "--json"]);
    assert!(!due.is_empty());
    // Unfinished only, overdue first, then by due date.
    let dates: Vec<String> = due
        .iter()
        .filter_map(|r| ret(r)["due"].as_str().map(str::to_owned))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    for r in &due {
        let s = ret(r)["status"].as_str().unwrap().to_owned();
        assert!(s != "filed" && s != "accepted", "{r}");
    }
    let overdue = rows(&["due", "--overdue", "--json"]);
    assert!(overdue.iter().all(|r| ret(r)["overdue"] == true));
    assert_eq!(
        overdue.len(),
        due.iter().filter(|r| ret(r)["overdue"] == true).count()
    );
    // list takes the same filters.
    let listed = rows(&["list", "--overdue", "--json"]);
    let ids = |v: &[serde_json::Value]| {
        let mut ids: Vec<u64> = v.iter().map(|r| r["id"].as_u64().unwrap()).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(ids(&listed), ids(&overdue));
    let filed = rows(&["list", "--status", "filed", "--json"]);
    assert!(!filed.is_empty());
    for r in &filed {
        assert_eq!(ret(r)["status"], "filed");
        assert!(ret(r)["filed"].is_string(), "{r}");
    }
    let docs = rows(&[
        "list",
        "--docs-awaited",
        "--status",
        "in-progress,not-started",
        "--json",
    ]);
    assert!(!docs.is_empty());
    for r in &docs {
        assert!(r["documents_awaiting"].as_u64().unwrap() > 0);
        let s = ret(r)["status"].as_str().unwrap().to_owned();
        assert!(s == "in-progress" || s == "not-started", "{s}");
    }
    let (_, err) = env.fails(2, &["due", "--status", "done"]);
    assert!(err.contains("--status done"), "{err}");
    assert!(err.contains("ready-for-review"), "{err}");
    let text = env.ok(&["due", "--within", "400"]);
    // Piped, the table is rows of tab-separated cells: the due date in
    // words, then the date.
    assert!(text.lines().all(|l| l.contains(" (20")), "{text}");
}

/// A refusal from the server crosses the socket as a code, and reaches a
/// French user in French, with the refusal's exit code.
#[test]
fn a_refusal_from_the_server_reaches_a_french_user_in_french() {
    let env = Env::new();
    let me = super::server::util::my_login();
    env.ok(&["team", "add", "--name", "Ann Lee", "--login", "alee"]);
    env.ok(&["team", "edit", "alee", "--role", "admin"]);
    env.ok(&["team", "edit", &me, "--role", "staff"]);
    let (_, err) = env.fails(
        4,
        &[
            "--lang", "fr", "team", "add", "--name", "Jean Roy", "--login", "jroy",
        ],
    );
    assert_eq!(
        err.trim(),
        "cabinet : seul un administrateur du cabinet peut gérer l'équipe",
        "{err}"
    );
    let (_, err) = env.fails(4, &["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    assert!(
        err.contains("only a firm admin may manage the team"),
        "{err}"
    );
    let (_, err) = env.fails(
        4,
        &[
            "--lang",
            "fr",
            "export",
            "--format",
            "csv",
            "--include-sin",
            "-o",
            "-",
        ],
    );
    assert!(
        err.contains("seul un administrateur du cabinet peut exporter les NAS"),
        "{err}"
    );
}
