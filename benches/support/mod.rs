//! What the benchmarks share: a firm server run from the built binary in
//! a home of its own, the binary as a command, the user's login, a
//! process's memory, percentiles, and a client list as French Excel
//! writes it. Each benchmark uses a part (`mod support;`).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cabinet::api::Firm;
use cabinet::remote::{Connector, RemoteFirm};

/// `cabinet serve --foreground` on a firm directory, its home a temporary
/// directory; the server stops on drop.
pub struct Server {
    pub home: tempfile::TempDir,
    pub dir: PathBuf,
    pub child: Child,
}

impl Server {
    /// A server on a new, empty personal firm in a new temporary home.
    pub fn new_firm(quiet: bool) -> Server {
        Server::in_new_home(quiet, |dir| {
            cabinet::cli::init::personal(dir, cabinet::i18n::Lang::En).unwrap();
        })
    }

    /// A server on `firm` in a new temporary home, after `prepare` has
    /// made the firm there (a server serves only a firm that exists).
    /// `quiet` sends the server's log lines (it keeps them in its files
    /// too) nowhere instead of to this terminal.
    pub fn in_new_home(quiet: bool, prepare: impl FnOnce(&Path)) -> Server {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("firm");
        prepare(&dir);
        Server::start(home, &dir, quiet)
    }

    /// A server on `dir`, with `home` as its home. Returns once it
    /// listens and has answered a session (or refused one).
    pub fn start(home: tempfile::TempDir, dir: &Path, quiet: bool) -> Server {
        let mut cmd = cabinet_in(home.path());
        cmd.args(["serve", "--foreground", "--firm"])
            .arg(dir)
            .stdin(Stdio::null());
        if quiet {
            cmd.stderr(Stdio::null());
        }
        let mut server = Server {
            child: cmd.spawn().unwrap(),
            home,
            dir: dir.to_owned(),
        };
        let socket = cabinet::host::firm_files::socket_path(dir);
        let deadline = Instant::now() + Duration::from_secs(600);
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("the server on {} stopped: {status}", dir.display());
            }
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = server.connector().connect().map(|firm| firm.session());
        server
    }

    /// Connecting to this server, never starting one.
    pub fn connector(&self) -> Connector {
        Connector::new(&self.dir).autostart(false)
    }

    /// A session on this server.
    pub fn session(&self) -> RemoteFirm {
        self.connector().connect().unwrap()
    }

    /// The binary as a command on this firm, in the server's home.
    pub fn cabinet(&self, args: &[&str]) -> Command {
        let mut cmd = cabinet_in(self.home.path());
        cmd.arg("--firm").arg(&self.dir).args(args);
        cmd
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = rustix::process::Pid::from_child(&self.child);
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        let _ = self.child.wait();
    }
}

/// The built binary, with `home` as its home and no setting of the
/// user's own.
pub fn cabinet_in(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cabinet"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("LANG", "C")
        .env_remove("CABINET_FIRM")
        .env_remove("RUST_LOG");
    cmd
}

/// The login of the user running the benchmark, as a firm knows it.
pub fn my_login() -> String {
    cabinet::host::accounts::login_of(rustix::process::geteuid().as_raw())
}

/// A process's resident memory now and at its peak (VmRSS, VmHWM), in
/// kB; zeros once it is gone.
pub fn memory_of(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The sample at fraction `p` (0 to 1) of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A QuickBooks-style client list of `rows` clients in French Excel's
/// form: a byte-order mark, semicolons, CRLF, quoted cells with line
/// breaks, accents.
pub fn client_list(rows: usize) -> String {
    let cities = [
        "Montréal",
        "Québec",
        "Laval",
        "Gatineau",
        "Sherbrooke",
        "Lévis",
    ];
    let trades = [
        "Plomberie",
        "Boulangerie",
        "Garage",
        "Clinique",
        "Café",
        "Atelier",
    ];
    let people = [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Lévesque",
    ];
    let mut s = String::from(
        "\u{FEFF}Numéro de client;Nom;Entreprise;Courriel;Téléphone;Rue;Ville;Province;Code postal;Pays;Remarques\r\n",
    );
    for i in 0..rows {
        let trade = trades[i % trades.len()];
        let person = people[(i / 7) % people.len()];
        let city = cities[(i / 3) % cities.len()];
        let _ = write!(
            s,
            "{n};\"{trade} {person} {i}, inc.\";{trade} {person};compta{i}@exemple.ca;514-555-{p:04};\
             \"{i} rue Principale\r\nbureau {b}\";{city};QC;H{d}A 1A1;Canada;\"Client depuis {y}; paie par chèque\"\r\n",
            n = 10_000 + i,
            p = i % 10_000,
            b = i % 400,
            d = i % 10,
            y = 1990 + i % 35,
        );
    }
    s
}
