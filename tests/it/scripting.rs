//! The command line as scripts use it: outputs that never destroy what
//! they point at, completions and the manual, piped tables, exit codes,
//! `--quiet`, the JSON keys the README documents, and `--help` snapshots.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::env::Env;

fn is_on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".partial"))
        .collect()
}

#[test]
fn export_to_standard_output_a_device_or_a_pipe_never_replaces_it() {
    let env = Env::new();
    env.ok(&["add", "--name", "Alpha", "--number", "1"]);

    // `-o -` is standard output, not a file named `-`.
    let out = env.ok(&["export", "--format", "csv", "-o", "-"]);
    assert!(out.contains("Alpha"), "{out}");
    assert!(!env.path("-").exists(), "a file named - was written");

    // A FIFO is written in place: a reader gets the export, and the FIFO
    // is still a FIFO afterwards.
    let fifo = env.path("clients.fifo");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (_, err) = env.ok2(&["export", "--format", "csv", "-o", fifo.to_str().unwrap()]);
    assert!(err.contains("Exported 1 client to"), "{err}");
    let read = reader.join().unwrap();
    assert!(read.contains("Alpha"), "{read}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // A character device (a null device made in the sandbox) is written in
    // place, again and again, without --force.
    let null = env.path("null");
    match rustix::fs::mknodat(
        rustix::fs::CWD,
        &null,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o666),
        rustix::fs::makedev(1, 3),
    ) {
        Err(e) => eprintln!("skipped the character device: mknod needs root ({e})"),
        Ok(()) => {
            for _ in 0..2 {
                env.ok(&["export", "--format", "json", "-o", null.to_str().unwrap()]);
                let kind = std::fs::metadata(&null).unwrap().file_type();
                assert!(kind.is_char_device(), "the device was replaced");
            }
        }
    }

    // An existing file is replaced only with --force, whole.
    let file = env.file("clients.csv", "old");
    let (_, err) = env.fails(2, &["export", "--format", "csv", "-o", &file]);
    assert!(
        err.contains("clients.csv already exists; add --force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
    env.ok(&["export", "--format", "csv", "-o", &file, "--force"]);
    assert!(std::fs::read_to_string(&file).unwrap().contains("Alpha"));
    assert_eq!(leftovers(env.dir.path()), Vec::<String>::new());

    // A directory, a missing directory, and --json without a file are bad
    // input, refused before anything is written.
    let dir = env.dir.path().to_str().unwrap().to_owned();
    let (_, err) = env.fails(2, &["export", "--format", "csv", "-o", &dir]);
    assert!(err.contains("is a directory"), "{err}");
    let (_, err) = env.fails(2, &["export", "--format", "csv", "-o", "no/such/x.csv"]);
    assert!(
        err.contains("no/such/x.csv: its directory does not exist"),
        "{err}"
    );
    let (_, err) = env.fails(2, &["export", "--format", "csv", "--json"]);
    assert!(err.contains("--output"), "{err}");
    let out = env.path("out.json");
    let json = env.json(&[
        "export",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(json["clients"], 1);
    assert_eq!(json["format"], "json");
}

#[test]
fn completions_parse_in_each_shell() {
    let env = Env::bare();
    for (shell, check) in [
        ("bash", &["-n"][..]),
        ("zsh", &["-n"][..]),
        ("fish", &["--no-execute"][..]),
    ] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("reactivate"), "{shell}: {script}");
        if !is_on_path(shell) {
            eprintln!("skipped parsing the {shell} completions: {shell} is not installed");
            continue;
        }
        let file = env.file(&format!("cabinet.{shell}"), &script);
        let o = Command::new(shell).args(check).arg(&file).output().unwrap();
        assert!(
            o.status.success(),
            "{shell} cannot parse its completions: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // Completions need no firm.
    assert!(!env.firm().exists());
}

#[test]
fn the_manual_renders() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    for expected in ["completions", "CABINET_FIRM", "config.toml", "EXIT"] {
        assert!(page.contains(expected), "the manual lacks {expected}");
    }
    if !is_on_path("man") {
        eprintln!("skipped rendering the manual: man is not installed");
        return;
    }
    let file = env.file("cabinet.1", &page);
    let o = Command::new("man")
        .args(["-l", &file])
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for expected in [
        "cabinet list",
        "--include-inactive",
        "Exit codes:",
        "6  `cabinet check` found problems",
    ] {
        assert!(
            text.contains(expected),
            "the rendered manual lacks {expected}:\n{text}"
        );
    }
}

#[test]
fn piped_tables_are_whole_tab_separated_rows() {
    let env = Env::new();
    let long = "Plomberie et chauffage Tremblay-Lévesque et fils de Saint-Jean-sur-Richelieu inc.";
    env.ok(&["add", "--name", long, "--number", "1001"]);
    env.ok(&[
        "add",
        "--name",
        "Alpha",
        "--number",
        "7",
        "--type",
        "individual",
    ]);
    let (out, err) = env.ok2(&["list"]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows.iter().all(|r| r.len() == 8), "{out}");
    assert_eq!(rows[0][..3], ["7", "Alpha", "individual"]);
    // Whole, however long.
    assert_eq!(rows[1][1], long);
    assert_eq!(err.trim(), "2 clients");

    let out = env.ok(&["list", "--header"]);
    assert!(out.starts_with("NUMBER\tCLIENT\tTYPE\t"), "{out}");
    assert_eq!(out.lines().count(), 3);

    let out = env.ok(&["team", "list"]);
    assert_eq!(out.lines().count(), 1);
    assert_eq!(out.matches('\t').count(), 4, "{out}");

    // Streams of JSON, one client per line.
    let lines = env.ok(&["list", "--json-lines"]);
    let names: Vec<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(names, ["Alpha", long]);
}

#[test]
fn quiet_keeps_results_and_errors_only() {
    let env = Env::new();
    let (out, err) = env.ok2(&["--quiet", "add", "--name", "Alpha"]);
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
    let (out, err) = env.ok2(&["list", "-q"]);
    assert!(out.contains("Alpha"), "{out}");
    assert_eq!(err, "");
    let (_, err) = env.fails(2, &["-q", "add", "--name", "Alpha"]);
    assert!(err.contains("already used"), "{err}");
}

#[test]
fn search_json_includes_the_inactive_matches_the_table_shows() {
    let env = Env::new();
    env.ok(&["add", "--name", "Tremblay Alpha"]);
    env.ok(&["add", "--name", "Tremblay Bravo"]);
    env.ok(&["deactivate", "Tremblay Bravo"]);
    let rows = env.json(&["list", "--search", "tremblay", "--json"]);
    let rows: Vec<(&str, bool)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["active"].as_bool().unwrap()))
        .collect();
    assert_eq!(rows, [("Tremblay Alpha", true), ("Tremblay Bravo", false)]);
    let (out, err) = env.ok2(&["list", "--search", "tremblay"]);
    assert!(out.contains("Tremblay Bravo (inactive)"), "{out}");
    assert!(err.contains("1 inactive client matches"), "{err}");
    // French plurals are words, not `(s)`.
    env.ok(&["add", "--name", "Tremblay Charlie"]);
    env.ok(&["deactivate", "Tremblay Charlie"]);
    let (_, err) = env.ok2(&["--lang", "fr", "list", "--search", "tremblay"]);
    assert!(err.contains("2 clients inactifs correspondent"), "{err}");
    assert!(!err.contains("(s)"), "{err}");
}

/// Runs `cabinet` with standard output closed as soon as it starts.
fn with_closed_stdout(env: &Env, args: &[&str]) -> std::process::ExitStatus {
    let home = env.dir.path().join("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cabinet"))
        .args(args)
        .current_dir(env.dir.path())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("CABINET_FIRM", env.firm())
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait().unwrap()
}

#[test]
fn each_failure_has_its_exit_code() {
    // Bad input, refused before a firm is created or a server started.
    let env = Env::bare();
    let (_, err) = env.fails(2, &["list", "--sort", "bogus"]);
    assert!(err.contains("possible values: name, number"), "{err}");
    let (_, err) = env.fails(2, &["add", "--name", "Alpha", "--set", "colour=blue"]);
    assert!(err.contains("colour: is not a field"), "{err}");
    let (_, err) = env.fails(2, &["import", env.dir.path().to_str().unwrap()]);
    assert!(
        err.contains(&format!("{} is a directory", env.dir.path().display())),
        "{err}"
    );
    let (_, err) = env.fails(2, &["import", "missing.csv"]);
    assert!(err.contains("missing.csv: No such file"), "{err}");
    // With no terminal, the app points at the scriptable list.
    let (_, err) = env.fails(2, &[]);
    assert!(err.contains("`cabinet list`"), "{err}");
    assert!(!env.firm().exists(), "bad input created the firm");
    env.ok(&["init", env.firm().to_str().unwrap()]);

    // A read-only command does not speak of saving.
    env.ok(&["add", "--name", "Alpha"]);
    let (_, err) = env.fails(2, &["list", "--lead", "nobody"]);
    assert!(err.contains("no team member is called nobody"), "{err}");
    assert!(!err.contains("saved"), "{err}");

    // A broken pipe never turns a refused import into a success, nor a
    // good listing into a failure.
    let bad = env.file("bad.csv", "Name,Email\nBravo,not-an-email\n");
    assert_eq!(with_closed_stdout(&env, &["import", &bad]).code(), Some(2));
    assert_eq!(with_closed_stdout(&env, &["list"]).code(), Some(0));

    // Refused: a member who is not an admin.
    let me = super::server::util::my_login();
    env.ok(&[
        "team", "add", "--name", "Jean Roy", "--login", "jroy", "--admin",
    ]);
    env.ok(&["team", "edit", &me, "--role", "staff"]);
    let (_, err) = env.fails(4, &["team", "add", "--name", "Ann Lee", "--login", "alee"]);
    assert!(err.contains("admin"), "{err}");

    // The firm server out of reach: something else answers on its socket.
    let other = Env::new();
    std::fs::create_dir_all(other.firm()).unwrap();
    let socket = other.firm().join("cabinet.sock");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let answering = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                // Answer, then wait for the client to hang up, so that it
                // reads the answer rather than a reset connection.
                if let Ok(mut c) = conn {
                    std::thread::spawn(move || {
                        let _ = c.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
                        let mut buf = [0u8; 512];
                        while matches!(std::io::Read::read(&mut c, &mut buf), Ok(n) if n > 0) {}
                    });
                }
            }
        })
    };
    let (_, err) = other.fails(5, &["list"]);
    assert!(
        err.contains("something other than a cabinet server"),
        "{err}"
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = std::os::unix::net::UnixStream::connect(&socket);
    answering.join().unwrap();
}

/// Every key path in a JSON value: `a`, `a.b`, `a[].b`; the elements of a
/// top-level array give their keys directly.
fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(p.clone());
                paths(x, &p, out);
            }
        }
        Value::Array(items) => {
            let p = if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}[]")
            };
            for x in items {
                paths(x, &p, out);
            }
        }
        _ => {}
    }
}

/// The README's JSON reference: for each section (named by its first
/// command), the keys it documents.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("### JSON reference")
        .expect("README has a JSON reference");
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut previous: Option<String> = None;
    for line in readme[start..].lines().skip(1) {
        if line.starts_with("## ") || line.starts_with("### ") {
            break;
        }
        if let Some(h) = line.strip_prefix("#### ") {
            let name = h
                .split('`')
                .nth(1)
                .expect("a command in backquotes")
                .to_owned();
            previous = current.replace(name.clone());
            sections.entry(name).or_default();
        } else if let Some(name) = &current {
            if line.contains("as above") {
                let above = sections[previous.as_ref().unwrap()].clone();
                sections.get_mut(name).unwrap().extend(above);
            }
            if let Some(cell) = line.strip_prefix("| `") {
                let key = cell.split('`').next().unwrap().to_owned();
                sections.get_mut(name).unwrap().insert(key);
            }
        }
    }
    sections
}

#[test]
fn json_keys_are_the_ones_the_readme_documents() {
    let env = Env::new();
    let mut seen: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut add = |section: &'static str, v: Value| seen.entry(section).or_default().push(v);

    add("demo", env.json(&["demo", "--clients", "40", "--json"]));
    let list = env.json(&["list", "--json"]);
    let first = list[0]["name"].as_str().unwrap().to_owned();
    for row in list.as_array().unwrap() {
        let id = format!("#{}", row["id"]);
        add("show", env.json(&["show", &id, "--json"]));
    }
    add("list", list);
    add("show", env.json(&["deactivate", &first, "--json"]));
    let word = first.split_whitespace().next().unwrap().trim_matches(',');
    add("list", env.json(&["list", "--search", word, "--json"]));
    for line in env.ok(&["list", "--json-lines"]).lines() {
        add("list", serde_json::from_str(line).unwrap());
    }
    add("show", env.json(&["reactivate", &first, "--json"]));
    add("show", env.json(&["add", "--name", "Zulu", "--json"]));
    add(
        "show",
        env.json(&["edit", "Zulu", "--set", "city=Laval", "--json"]),
    );

    add("team list", env.json(&["team", "list", "--json"]));
    add(
        "team list",
        env.json(&[
            "team", "add", "--name", "Jean Roy", "--login", "jroy", "--json",
        ]),
    );
    add(
        "team list",
        env.json(&[
            "team",
            "edit",
            "jroy",
            "--email",
            "jroy@example.ca",
            "--json",
        ]),
    );
    env.ok(&["edit", "Zulu", "--set", "lead=jroy"]);
    let me = super::server::util::my_login();
    add(
        "team deactivate",
        env.json(&["team", "deactivate", "jroy", "--reassign-to", &me, "--json"]),
    );
    add(
        "team list",
        env.json(&["team", "reactivate", "jroy", "--json"]),
    );
    add("billing", env.json(&["billing", "--json"]));

    let csv = format!("Name,Email\nNew client,new@example.ca\nBad,not-an-email\n\"{first}\",\n");
    let file = env.file("in.csv", csv);
    add(
        "import",
        env.json(&[
            "import",
            &file,
            "--dry-run",
            "--on-duplicate",
            "skip",
            "--skip-invalid",
            "--json",
        ]),
    );
    let out = env.path("out.csv");
    add(
        "export",
        env.json(&[
            "export",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
            "--json",
        ]),
    );
    let backup = env.path("backup.redb");
    let backup = backup.to_str().unwrap();
    add("backup", env.json(&["backup", backup, "--json"]));

    // A problem for `check` to find: a client's history removed.
    super::server::util::stop_server(env.firm());
    {
        const AUDIT: redb::TableDefinition<(u64, u64), &[u8]> = redb::TableDefinition::new("audit");
        let db = redb::Database::open(env.firm().join("firm.redb")).unwrap();
        let tx = db.begin_write().unwrap();
        let removed = tx
            .open_table(AUDIT)
            .unwrap()
            .remove((1, 0))
            .unwrap()
            .is_some();
        assert!(removed, "client #1 had no history to remove");
        tx.commit().unwrap();
    }
    let (out, _) = env.fails(6, &["check", "--json"]);
    add("check", serde_json::from_str(&out).unwrap());
    add(
        "restore",
        env.json(&["restore", backup, "--force", "--json"]),
    );
    add("check", env.json(&["check", "--json"]));

    let docs = documented();
    let sections: BTreeSet<&str> = docs.keys().map(String::as_str).collect();
    let tried: BTreeSet<&str> = seen.keys().copied().collect();
    assert_eq!(
        sections, tried,
        "README sections and the commands tried differ"
    );
    for (section, values) in &seen {
        let documented = &docs[*section];
        let mut all = BTreeSet::new();
        for v in values {
            let mut keys = BTreeSet::new();
            paths(v, "", &mut keys);
            let undocumented: Vec<_> = keys.difference(documented).collect();
            assert!(
                undocumented.is_empty(),
                "`{section}` prints keys the README does not document: {undocumented:?}"
            );
            all.extend(keys);
        }
        let missing: Vec<_> = documented.difference(&all).collect();
        assert!(
            missing.is_empty(),
            "the README documents keys `{section}` never printed: {missing:?}"
        );
    }
}

/// Every command and subcommand, as the words that name it.
fn commands() -> Vec<Vec<String>> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&cabinet::cli::Cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn help_for_every_command() {
    let env = Env::new();
    for path in commands() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.ok(&args);
        let name = if path.is_empty() {
            "help".to_owned()
        } else {
            format!("help-{}", path.join("-"))
        };
        insta::assert_snapshot!(name, help);
    }
}

#[test]
fn every_flag_and_argument_has_help() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            assert!(arg.get_help().is_some(), "{path} {id} has no help text");
        }
        for sub in cmd.get_subcommands() {
            assert!(
                sub.get_about().is_some(),
                "{path} {} has no help text",
                sub.get_name()
            );
            walk(sub, &format!("{path} {}", sub.get_name()));
        }
    }
    walk(&cabinet::cli::Cli::command(), "cabinet");
    let help = Env::new().ok(&["--help"]);
    for expected in ["config.toml", "CABINET_FIRM", "Exit codes:", "4  refused"] {
        assert!(help.contains(expected), "--help lacks {expected}:\n{help}");
    }
}

/// Runs `cabinet --firm DIR ARGS` in a pseudo-terminal `cols` wide,
/// expects success and returns what it printed, standard output and error
/// together.
fn in_terminal(env: &Env, cols: u16, args: &[&str]) -> String {
    let (ok, text) = run_in_terminal(env, cols, args);
    assert!(ok, "{args:?} failed:\n{text}");
    text
}

/// Runs `cabinet --firm DIR ARGS` in a pseudo-terminal `cols` wide and
/// returns whether it succeeded and what it printed.
fn run_in_terminal(env: &Env, cols: u16, args: &[&str]) -> (bool, String) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let home = env.dir.path().join("home");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cabinet"));
    cmd.arg("--firm");
    cmd.arg(env.firm());
    cmd.args(args);
    cmd.env("HOME", &home);
    cmd.env("XDG_CONFIG_HOME", home.join(".config"));
    cmd.env("XDG_DATA_HOME", home.join(".local/share"));
    cmd.env("LANG", "C");
    cmd.env_remove("COLUMNS");
    cmd.cwd(env.dir.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let master = pty.master;
    let read = std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    let ok = child.wait().unwrap().success();
    drop(master);
    let text = String::from_utf8(read.join().unwrap())
        .unwrap()
        .replace("\r\n", "\n");
    (ok, text)
}

#[test]
fn a_key_bound_twice_is_refused_naming_its_line() {
    let env = Env::new();
    let dir = env.dir.path().join("home/.config/cabinet");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "# my keys\n[keys.list]\nquit = \"ctrl+a\"\n\nsearch = [\"/\", \"C-a\"]\n",
    )
    .unwrap();
    let (ok, text) = run_in_terminal(&env, 120, &[]);
    assert!(!ok, "{text}");
    assert!(text.contains("config.toml, line 5: keys.list:"), "{text}");
    assert!(text.contains("bound twice"), "{text}");
    // The other commands don't use keys, so they still run.
    env.ok(&["list"]);
}

#[test]
fn tables_fit_the_terminal() {
    use unicode_width::UnicodeWidthStr;
    let env = Env::new();
    let long = "Plomberie et chauffage Tremblay-Lévesque et fils de Saint-Jean-sur-Richelieu inc.";
    env.ok(&[
        "team",
        "add",
        "--name",
        "Marie-Ève Lévesque-Tremblay",
        "--login",
        "mlt",
    ]);
    env.ok(&["add", "--name", long, "--number", "1001", "--lead", "mlt"]);
    env.ok(&["add", "--name", "Alpha", "--number", "7"]);

    let narrow = in_terminal(&env, 60, &["list"]);
    assert!(narrow.starts_with("NUMBER  CLIENT"), "{narrow}");
    for line in narrow.lines() {
        assert!(line.width() <= 60, "wider than 60 columns: {line:?}");
    }
    assert!(
        narrow.contains("1001    Plomberie et chauffage Tre…"),
        "{narrow}"
    );
    assert!(!narrow.contains("PRODUCT"), "{narrow}");
    assert!(narrow.ends_with("2 clients\n"), "{narrow}");

    let wide = in_terminal(&env, 200, &["list"]);
    assert!(wide.contains(long), "{wide}");
    assert!(wide.contains("Marie-Ève Lévesque-Tremblay"), "{wide}");
    assert!(wide.contains("PRODUCT"), "{wide}");
}

#[test]
fn help_in_french() {
    let env = Env::new();
    for (name, args) in [
        ("help-fr", &["--lang", "fr", "--help"][..]),
        ("help-fr-export", &["--lang", "fr", "export", "--help"][..]),
    ] {
        insta::assert_snapshot!(name, env.ok(args));
    }
    // The locale chooses it too, as for every other message.
    let o = Command::new(env!("CARGO_BIN_EXE_cabinet"))
        .args(["list", "--help"])
        .env("LANG", "fr_CA.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOME", env.dir.path())
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .output()
        .unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(help.starts_with("Lister les clients"), "{help}");
}
