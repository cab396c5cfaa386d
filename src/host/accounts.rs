//! Unix logins and group names, looked up by numeric id.
//!
//! The server maps the uid the kernel reports for a connection to a login,
//! and a refused client names the firm directory's group. Both read the
//! account files directly (`/etc/passwd`, `/etc/group`), then ask
//! `getent` for accounts that live in a directory service (LDAP, SSSD),
//! and fall back to the bare number.

use std::path::Path;
use std::process::{Command, Stdio};

/// The login of a uid: from `/etc/passwd`, else `getent passwd`, else
/// `uid<N>`.
pub fn login_of(uid: u32) -> String {
    lookup(Path::new("/etc/passwd"), "passwd", uid).unwrap_or_else(|| format!("uid{uid}"))
}

/// The name of a group: from `/etc/group`, else `getent group`, else the
/// number itself.
pub fn group_name(gid: u32) -> String {
    lookup(Path::new("/etc/group"), "group", gid).unwrap_or_else(|| gid.to_string())
}

fn lookup(file: &Path, database: &str, id: u32) -> Option<String> {
    if let Some(name) = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| name_of(&text, id).map(str::to_owned))
    {
        return Some(name);
    }
    let out = Command::new("getent")
        .args([database, &id.to_string()])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    name_of(&String::from_utf8_lossy(&out.stdout), id).map(str::to_owned)
}

/// The uid and primary gid of a login: from `/etc/passwd`, else `getent
/// passwd`.
pub fn user_ids(login: &str) -> Option<(u32, u32)> {
    let entry = entry_named(Path::new("/etc/passwd"), "passwd", login)?;
    let mut fields = entry.split(':').skip(2);
    let uid = fields.next()?.parse().ok()?;
    let gid = fields.next()?.parse().ok()?;
    Some((uid, gid))
}

/// The gid of a group name: from `/etc/group`, else `getent group`.
pub fn group_id(name: &str) -> Option<u32> {
    let entry = entry_named(Path::new("/etc/group"), "group", name)?;
    entry.split(':').nth(2)?.parse().ok()
}

/// The line for `name` in an account file, else from `getent`.
fn entry_named(file: &Path, database: &str, name: &str) -> Option<String> {
    if name.is_empty() || name.starts_with(['+', '-']) || name.contains([':', '\n']) {
        return None;
    }
    let find = |text: &str| {
        text.lines()
            .map(|l| l.trim_end_matches('\r'))
            .find(|l| l.split(':').next() == Some(name) && l.split(':').count() >= 3)
            .map(str::to_owned)
    };
    if let Some(line) = std::fs::read_to_string(file).ok().and_then(|t| find(&t)) {
        return Some(line);
    }
    let out = Command::new("getent")
        .args([database, name])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| find(&String::from_utf8_lossy(&out.stdout)))
        .flatten()
}

/// Finds the name with the given id in text laid out like `/etc/passwd`
/// or `/etc/group` (`name:password:id:...`, one entry a line). Comments,
/// blank lines, malformed lines and NIS `+`/`-` entries are skipped; the
/// first matching entry wins.
pub fn name_of(text: &str, id: u32) -> Option<&str> {
    text.lines().find_map(|line| {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut fields = line.split(':');
        let name = fields.next()?;
        let _password = fields.next()?;
        let number = fields.next()?;
        let valid = !name.is_empty()
            && !name.starts_with(['+', '-'])
            && !name.contains(char::is_whitespace);
        (valid && number.parse::<u32>() == Ok(id)).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "\
# comment
root:x:0:0:root:/root:/bin/bash

broken line
+nis:x:1001:1001::/:/bin/sh
marie:x:1001:1001:Marie Tremblay,,,:/home/marie:/bin/bash
marie2:x:1001:1001::/home/marie2:/bin/bash
bob:x:notanumber:1002::/home/bob:/bin/sh
";

    #[test]
    fn finds_names_by_id() {
        assert_eq!(name_of(PASSWD, 0), Some("root"));
        assert_eq!(name_of(PASSWD, 1001), Some("marie"));
        assert_eq!(name_of(PASSWD, 1002), None);
        assert_eq!(name_of("users:x:100:\n", 100), Some("users"));
        assert_eq!(name_of("::5:\n", 5), None);
    }

    #[test]
    fn falls_back_to_the_number() {
        // No account has this uid on any sane system.
        assert_eq!(login_of(3_999_999_999), "uid3999999999");
        assert_eq!(group_name(3_999_999_999), "3999999999");
        assert_eq!(login_of(0), "root");
    }

    #[test]
    fn finds_ids_by_name() {
        assert_eq!(user_ids("root"), Some((0, 0)));
        assert_eq!(group_id("root"), Some(0));
        assert_eq!(user_ids("no-such-login-here"), None);
        assert_eq!(group_id(""), None);
    }
}
