//! `cabinet init`: creating a firm, personal or office, with every mode
//! right.
//!
//! - A personal firm lives in a directory of the user's own (0700); the
//!   user's sessions start its server on demand.
//! - An office firm belongs to a service account (`cabinet:GROUP`, 2750),
//!   as do its file (0600), lock and log; the server the service account
//!   runs (the systemd unit) makes its socket 0660, the only thing the
//!   group can use. Members never start a server for it.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use super::CliError;
use super::args::InitArgs;
use crate::api::local::{Core, has_firm};
use crate::host::{accounts, firm_files};
use crate::i18n::{Lang, Msg};
use crate::model::text::for_terminal;
use crate::model::{Member, Role};
use crate::store::FILE_NAME;

/// The service account an office firm belongs to unless told otherwise.
pub(crate) const SERVICE_USER: &str = "cabinet";

use crate::model::text::path_for_terminal as shown;

/// Runs `cabinet init`.
pub fn run(args: &InitArgs, lang: Lang, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = std::path::absolute(&args.dir).unwrap_or_else(|_| args.dir.clone());
    if !args.office {
        if args.group.is_some() || args.service_user.is_some() || args.admin.is_some() {
            return Err(CliError::Usage(lang.t(Msg::InitOfficeOnly).into_owned()));
        }
        personal(&dir, lang)?;
        let config = crate::config::user_config_path()
            .map(|p| shown(&p))
            .unwrap_or_else(|| "~/.config/cabinet/config.toml".into());
        writeln!(
            out,
            "{}",
            lang.f(
                Msg::InitPersonal,
                &[("dir", &shown(&dir)), ("config", &config)]
            )
        )?;
        return Ok(());
    }
    let Some(group) = &args.group else {
        return Err(CliError::Usage(lang.t(Msg::InitNeedsGroup).into_owned()));
    };
    let user = args.service_user.as_deref().unwrap_or(SERVICE_USER);
    office(&dir, group, user, args.admin.as_deref(), lang)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let admin = match &args.admin {
        Some(login) => lang.f(Msg::InitOfficeAdmin, &[("login", login)]),
        None => lang.f(Msg::InitOfficeFirstAdmin, &[("group", group)]),
    };
    let exe = std::env::current_exe()
        .map(|p| shown(&p))
        .unwrap_or_else(|_| "cabinet".into());
    let steps = lang.f(
        Msg::InitOffice,
        &[
            ("dir", &shown(&dir)),
            ("user", &user),
            ("group", group),
            ("exe", &exe),
            ("name", &for_terminal(&name, false)),
            ("admin", &admin),
        ],
    );
    writeln!(out, "{}", for_terminal(&steps, true))?;
    if dir != Path::new("/srv/cabinet").join(&name) {
        writeln!(
            out,
            "{}",
            lang.f(
                Msg::InitOfficePath,
                &[("dir", &shown(&dir)), ("name", &for_terminal(&name, false))]
            )
        )?;
    }
    Ok(())
}

/// Creates a personal firm in `dir` (mode 0700), owned by the user
/// running this; the user becomes its admin on first use.
pub fn personal(dir: &Path, lang: Lang) -> Result<(), CliError> {
    fresh(dir, lang)?;
    let me = rustix::process::geteuid().as_raw();
    let failed = |e: &dyn std::fmt::Display| init_failed(dir, lang, e);
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).map_err(|e| failed(&e))?;
    }
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let owner = firm_files::owner(dir).map_err(|e| failed(&e))?;
            if owner != me {
                return Err(CliError::Usage(lang.f(
                    Msg::InitNotYours,
                    &[("dir", &shown(dir)), ("owner", &accounts::login_of(owner))],
                )));
            }
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| failed(&e))?;
        }
        Err(e) => return Err(failed(&e)),
    }
    create_file(dir).map_err(|e| failed(&e))
}

/// Why creating the firm in `dir` failed, in the user's language.
fn init_failed(dir: &Path, lang: Lang, e: &dyn std::fmt::Display) -> CliError {
    CliError::Other(lang.f(
        Msg::InitFailed,
        &[("dir", &shown(dir)), ("error", &e.to_string())],
    ))
}

/// Creates an office firm in `dir`: owned by `user` and `group`, 2750, its
/// file, lock and log the service account's alone. Run as root.
pub fn office(
    dir: &Path,
    group: &str,
    user: &str,
    admin: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    if !rustix::process::geteuid().is_root() {
        return Err(CliError::Usage(
            lang.f(Msg::InitNeedsRoot, &[("dir", &shown(dir))]),
        ));
    }
    let Some((uid, _)) = accounts::user_ids(user) else {
        return Err(CliError::Usage(lang.f(Msg::InitNoUser, &[("user", &user)])));
    };
    let Some(gid) = accounts::group_id(group) else {
        return Err(CliError::Usage(
            lang.f(Msg::InitNoGroup, &[("group", &group)]),
        ));
    };
    fresh(dir, lang)?;
    let failed = |e: &dyn std::fmt::Display| init_failed(dir, lang, e);
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).map_err(|e| failed(&e))?;
    }
    match DirBuilder::new().mode(0o750).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(failed(&e)),
    }
    let own = |path: &Path, mode: u32| -> std::io::Result<()> {
        std::os::unix::fs::chown(path, Some(uid), Some(gid))?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    };
    // The directory is root's until everything in it is right.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| failed(&e))?;
    create_file(dir).map_err(|e| failed(&e))?;
    if let Some(login) = admin {
        seed_admin(dir, login).map_err(|e| failed(&e))?;
    }
    let lock = firm_files::lock_path(dir);
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&lock)
        .map_err(|e| failed(&e))?;
    let log = firm_files::log_dir(dir);
    std::fs::create_dir_all(&log).map_err(|e| failed(&e))?;
    for (path, mode) in [(dir.join(FILE_NAME), 0o600), (lock, 0o600), (log, 0o700)] {
        own(&path, mode).map_err(|e| failed(&e))?;
    }
    own(dir, 0o2750).map_err(|e| failed(&e))
}

/// Refuses a directory that holds a firm already, or anything else.
fn fresh(dir: &Path, lang: Lang) -> Result<(), CliError> {
    if has_firm(dir) {
        return Err(CliError::Usage(
            lang.f(Msg::InitExists, &[("dir", &shown(dir))]),
        ));
    }
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(CliError::Usage(
            lang.f(Msg::InitNotEmpty, &[("dir", &shown(dir))]),
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::Usage(
            lang.f(Msg::InitNotEmpty, &[("dir", &shown(dir))]),
        ));
    }
    Ok(())
}

/// Creates the empty firm file (0600).
fn create_file(dir: &Path) -> Result<(), crate::store::StoreError> {
    let core = Core::open(dir)?;
    drop(core);
    let _ = std::fs::set_permissions(dir.join(FILE_NAME), std::fs::Permissions::from_mode(0o600));
    Ok(())
}

fn seed_admin(dir: &Path, login: &str) -> Result<(), String> {
    let core = Core::open(dir).map_err(|e| e.to_string())?;
    let mut first = Member::new(login, login);
    first.role = Role::Admin;
    core.save_member_unchecked(first)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The default personal firm in the user's data directory, created by the
/// first cabinet that needs it. Returns whether it was created now.
pub fn ensure_default(dir: &Path, lang: Lang) -> Result<bool, CliError> {
    if has_firm(dir) {
        return Ok(false);
    }
    personal(dir, lang)?;
    Ok(true)
}

/// Why `dir` cannot be used as a firm; `None` when it holds one.
pub fn missing(dir: &Path, lang: Lang) -> Option<CliError> {
    match std::fs::metadata(dir.join(FILE_NAME)) {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Some(CliError::Denied(
            lang.connect_error(&crate::api::ConnectError::PermissionDenied {
                dir: dir.to_owned(),
                group: firm_files::group_of(dir),
            }),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(CliError::Usage(
            lang.f(Msg::NoFirmHere, &[("dir", &shown(dir))]),
        )),
        Err(e) => Some(CliError::Other(lang.f(
            Msg::NoFirmAccess,
            &[("dir", &shown(dir)), ("error", &e.to_string())],
        ))),
    }
}
