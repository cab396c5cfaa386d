//! What the integration tests share: a temporary home and firm, and the
//! real `cabinet` binary run in them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary home and firm, and a way to run `cabinet` in them.
pub struct Env {
    pub dir: tempfile::TempDir,
    firm: PathBuf,
}

impl Drop for Env {
    /// Stops the firm server the commands started.
    fn drop(&mut self) {
        super::server::util::stop_server(&self.firm);
    }
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let firm = dir.path().join("firm");
        Env { dir, firm }
    }

    pub fn firm(&self) -> &Path {
        &self.firm
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the temporary directory and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_owned()
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        let home = self.dir.path().join("home");
        Command::new(env!("CARGO_BIN_EXE_cabinet"))
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("CABINET_FIRM", &self.firm)
            .env("USER", "marie")
            .env_remove("NO_COLOR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .output()
            .unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.cmd(args);
        assert!(
            o.status.success(),
            "{args:?} failed: {}\n{}",
            String::from_utf8_lossy(&o.stderr),
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs and expects success; returns stdout and stderr (where
    /// summaries and counts go).
    pub fn ok2(&self, args: &[&str]) -> (String, String) {
        let o = self.cmd(args);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{args:?} failed: {err}");
        (String::from_utf8(o.stdout).unwrap(), err)
    }

    /// Runs and expects failure with `code`; returns stdout and stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> (String, String) {
        let o = self.cmd(args);
        let (out, err) = (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        );
        assert_eq!(o.status.code(), Some(code), "{args:?}:\n{out}\n{err}");
        assert!(!err.contains("panicked"), "{args:?} panicked:\n{err}");
        (out, err)
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Every client as `show --json` prints it, by name, without what the
    /// store assigns (id, version, stamps).
    pub fn clients(&self) -> Vec<serde_json::Value> {
        let list = self.json(&["list", "--include-inactive", "--json"]);
        list.as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let id = format!("#{}", row["id"]);
                let mut c = self.json(&["show", &id, "--json"]);
                let o = c.as_object_mut().unwrap();
                for k in ["id", "version", "created", "updated"] {
                    o.remove(k);
                }
                c
            })
            .collect()
    }
}
