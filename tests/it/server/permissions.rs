//! People outside the team, or outside the firm's group.
//!
//! These tests run a client as another uid and gid, which takes root;
//! as anyone else they print a note and pass without checking.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::Command;

use cabinet::api::Firm;
use cabinet::host::accounts;

use super::util::{Firm as TempFirm, my_login};

/// Set when this test binary runs as the client of another test.
const CHILD_FIRM: &str = "CABINET_TEST_CHILD_FIRM";

/// A uid and gids no account uses.
const STRANGER: u32 = 4242;
const OUTSIDER_GROUP: u32 = 4244;

/// The client half of the tests below: does nothing unless started by
/// them, in a process of its own.
#[test]
fn child_entry() {
    let Some(dir) = std::env::var_os(CHILD_FIRM) else {
        return;
    };
    match cabinet::remote::Connector::new(dir)
        .autostart(false)
        .connect()
    {
        Ok(firm) => println!("CONNECTED as {}", firm.session().unwrap().me.login),
        Err(e) => println!("REFUSED: {e}"),
    }
}

/// Runs `child_entry` as `uid`/`gid` and returns what it printed.
fn run_as(uid: u32, gid: u32, dir: &std::path::Path) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "server::permissions::child_entry",
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_FIRM, dir)
        .env("HOME", "/nonexistent")
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the child failed: {text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines()
        .find(|l| l.starts_with("CONNECTED") || l.starts_with("REFUSED"))
        .unwrap_or("")
        .to_owned()
}

/// A group that exists in /etc/group, other than root's.
fn some_group() -> Option<u32> {
    let text = std::fs::read_to_string("/etc/group").ok()?;
    [100, 50, 60]
        .into_iter()
        .find(|g| accounts::name_of(&text, *g).is_some())
}

fn is_root() -> bool {
    let root = rustix::process::geteuid().is_root();
    if !root {
        eprintln!(
            "note: not root, so no client can run as another user; permission checks skipped"
        );
    }
    root
}

/// An office firm shared with `group`, as `cabinet init --office` makes
/// one; this test process (root) is its service account.
fn shared_firm(group: u32) -> TempFirm {
    let firm = TempFirm::bare();
    std::fs::set_permissions(firm.home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    cabinet::cli::init::office(
        &firm.dir,
        &accounts::group_name(group),
        "root",
        None,
        cabinet::i18n::Lang::En,
    )
    .unwrap();
    firm
}

#[test]
fn a_login_not_on_the_team_is_refused_with_the_admins_named() {
    if !is_root() {
        return;
    }
    let Some(group) = some_group() else {
        eprintln!("note: no spare group in /etc/group; skipped");
        return;
    };
    let firm = shared_firm(group);
    let _server = firm.embedded();
    let admin = firm.client();
    assert_eq!(admin.session().unwrap().me.login, my_login());

    let said = run_as(STRANGER, group, &firm.dir);
    let login = accounts::login_of(STRANGER);
    assert_eq!(
        said,
        format!(
            "REFUSED: {login} is not on this firm's team; ask an admin to add you ({})",
            my_login()
        )
    );
    // The socket belongs to the group; the firm file to the server alone.
    use std::os::unix::fs::MetadataExt;
    let socket = std::fs::metadata(firm.dir.join("cabinet.sock")).unwrap();
    assert_eq!(socket.gid(), group);
    assert_eq!(socket.mode() & 0o777, 0o660);
    assert_eq!(
        std::fs::metadata(firm.dir.join("firm.redb"))
            .unwrap()
            .mode()
            & 0o777,
        0o600,
        "the service account's alone"
    );

    // Once an admin adds them, the same login gets in.
    let mut member = cabinet::model::Member::new("Invité", &login);
    member.email = String::new();
    admin.save_member(member).unwrap();
    assert_eq!(
        run_as(STRANGER, group, &firm.dir),
        format!("CONNECTED as {login}")
    );
}

#[test]
fn a_user_outside_the_group_is_told_which_group_to_join() {
    if !is_root() {
        return;
    }
    let Some(group) = some_group() else {
        eprintln!("note: no spare group in /etc/group; skipped");
        return;
    };
    let firm = shared_firm(group);
    let _server = firm.embedded();
    let said = run_as(STRANGER, OUTSIDER_GROUP, &firm.dir);
    assert_eq!(
        said,
        format!(
            "REFUSED: permission denied: {} belongs to group {}; ask an admin to add you",
            firm.dir.display(),
            accounts::group_name(group)
        )
    );
}
