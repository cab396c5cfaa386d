//! Shared helpers: temporary firms, servers and clients.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use cabinet::api::Event;
use cabinet::host::firm_files;
use cabinet::remote::{Connector, RemoteFirm};
use cabinet::server::{RunningServer, ServeOptions};

/// The built `cabinet` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_cabinet");

/// A temporary home with a firm directory in it. Any server still holding
/// the firm's lock when it drops is stopped, by its process id.
pub struct Firm {
    pub home: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Firm {
    /// A temporary home with a personal firm in it, as `cabinet init`
    /// creates one.
    pub fn new() -> Firm {
        let firm = Firm::bare();
        cabinet::cli::init::personal(&firm.dir, cabinet::i18n::Lang::En).unwrap();
        firm
    }

    /// A temporary home whose firm directory does not exist yet.
    pub fn bare() -> Firm {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("acme");
        Firm { home, dir }
    }

    /// A server inside this test process.
    pub fn embedded(&self) -> RunningServer {
        cabinet::server::start(ServeOptions::embedded(&self.dir)).unwrap()
    }

    /// A session on an already running server.
    pub fn client(&self) -> RemoteFirm {
        Connector::new(&self.dir)
            .autostart(false)
            .connect()
            .unwrap()
    }

    /// A connector that starts the built binary as a server when none
    /// runs, which exits soon after its last client leaves.
    pub fn auto(&self) -> Connector {
        Connector::new(&self.dir)
            .server_program(BIN)
            .idle_exit(Duration::from_secs(3))
    }

    /// The built binary, with a home and settings of its own.
    pub fn cabinet(&self) -> Command {
        let mut cmd = Command::new(BIN);
        let home = self.home.path();
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env_remove("CABINET_FIRM")
            .env_remove("RUST_LOG");
        cmd
    }

    /// Runs `cabinet ARGS --firm DIR` to its end.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.cabinet()
            .args(args)
            .arg("--firm")
            .arg(&self.dir)
            .output()
            .unwrap()
    }

    /// `cabinet serve --foreground` for this firm, as a child process;
    /// returns once it listens, checking that its lock file names it.
    pub fn spawn_server(&self) -> ServerProcess {
        self.spawn_server_with(&[], &[])
    }

    /// `cabinet serve --foreground` with more arguments and environment.
    pub fn spawn_server_with(&self, args: &[&str], env: &[(&str, &str)]) -> ServerProcess {
        let child = self
            .cabinet()
            .args(["serve", "--foreground", "--firm"])
            .arg(&self.dir)
            .args(args)
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            // The log goes to the firm's files as well; keep the test
            // output readable.
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        wait_until(Duration::from_secs(20), || {
            std::os::unix::net::UnixStream::connect(firm_files::socket_path(&self.dir)).is_ok()
        });
        let server = ServerProcess(child);
        assert_eq!(
            firm_files::server_pid(&self.dir),
            Some(server.id()),
            "a server that answers has its pid on record"
        );
        server
    }
}

/// A server process started by a test; stopped (SIGTERM) and waited for
/// when dropped, if it still runs.
pub struct ServerProcess(std::process::Child);

impl From<std::process::Child> for ServerProcess {
    fn from(child: std::process::Child) -> Self {
        ServerProcess(child)
    }
}

impl ServerProcess {
    pub fn id(&self) -> u32 {
        self.0.id()
    }

    /// Sends a signal to the server.
    pub fn signal(&self, signal: rustix::process::Signal) {
        rustix::process::kill_process(rustix::process::Pid::from_child(&self.0), signal).unwrap();
    }

    /// Waits for the server to exit.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.0.wait().unwrap()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = rustix::process::kill_process(
                rustix::process::Pid::from_child(&self.0),
                rustix::process::Signal::TERM,
            );
            let _ = self.0.wait();
        }
    }
}

impl Drop for Firm {
    fn drop(&mut self) {
        stop_server(&self.dir);
    }
}

/// Stops the server holding a firm's lock, if any, and waits until the
/// lock is free.
pub fn stop_server(dir: &Path) {
    if let Some(pid) = firm_files::server_pid(dir)
        && pid != std::process::id()
        && let Some(pid) = rustix::process::Pid::from_raw(pid as i32)
    {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        let deadline = Instant::now() + Duration::from_secs(10);
        while firm_files::server_running(dir) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// A raw connection to the socket that has done the handshake and holds a
/// session, reading with a deadline of 20 seconds.
pub fn handshaken(socket: &Path) -> std::os::unix::net::UnixStream {
    use cabinet::protocol::{Hello, ServerMsg, Welcome, frame};
    let mut s = std::os::unix::net::UnixStream::connect(socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    frame::write(&mut s, &Hello::new(false)).unwrap();
    let welcome: Welcome = frame::read(&mut s).unwrap();
    assert!(welcome.refused.is_empty(), "{}", welcome.refused);
    match frame::read::<ServerMsg>(&mut s).unwrap() {
        ServerMsg::Session(Ok(_)) => s,
        other => panic!("no session: {other:?}"),
    }
}

/// Everything the server sends until it closes the connection, and
/// whether it ended on a frame's boundary (a frame cut short, or a reset,
/// is not clean); a read that fails otherwise (a timeout) fails the test.
pub fn until_closed(
    s: &mut std::os::unix::net::UnixStream,
) -> (Vec<cabinet::protocol::ServerMsg>, bool) {
    use cabinet::protocol::frame::{self, FrameError};
    let mut got = Vec::new();
    loop {
        match frame::read(s) {
            Ok(msg) => got.push(msg),
            Err(FrameError::Closed) => return (got, true),
            Err(FrameError::Truncated) => return (got, false),
            Err(FrameError::Io(e)) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return (got, false);
            }
            Err(e) => panic!("the server did not close the connection: {e}"),
        }
    }
}

/// Polls until `cond` holds, failing the test after `limit`.
pub fn wait_until(limit: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !cond() {
        assert!(Instant::now() < deadline, "gave up waiting after {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The next event that matches, failing the test after `limit`.
pub fn expect_event(
    events: &Receiver<Event>,
    limit: Duration,
    want: impl Fn(&Event) -> bool,
) -> Event {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(e) if want(&e) => return e,
            Ok(_) => {}
            Err(e) => panic!("no matching event within {limit:?}: {e}"),
        }
    }
}

/// The login this test process connects as.
pub fn my_login() -> String {
    cabinet::host::accounts::login_of(rustix::process::geteuid().as_raw())
}

/// A call held by the server for as long as a file exists
/// (`CABINET_TEST_HOLD`, debug builds only).
#[cfg(debug_assertions)]
pub struct Held {
    path: std::path::PathBuf,
}

#[cfg(debug_assertions)]
impl Held {
    pub fn new(firm: &Firm) -> Held {
        let path = firm.home.path().join("hold");
        std::fs::write(&path, b"").unwrap();
        Held { path }
    }

    pub fn key(&self) -> String {
        self.path.to_str().unwrap().to_owned()
    }

    /// A server of this firm that holds a lookup of [`Held::key`].
    pub fn server(&self, firm: &Firm) -> ServerProcess {
        firm.spawn_server_with(&[], &[("CABINET_TEST_HOLD", &self.key())])
    }

    /// Lets the call go on.
    pub fn release(&self) {
        std::fs::remove_file(&self.path).unwrap();
    }

    /// Sends the held call, as call `id`, and returns once the server
    /// says that it still runs.
    pub fn call(&self, s: &mut std::os::unix::net::UnixStream, id: u64) {
        use cabinet::protocol::{ClientMsg, Request, ServerMsg, frame};
        let request = Request::Find(self.key());
        frame::write(s, &ClientMsg::Call { id, request }).unwrap();
        loop {
            match frame::read::<ServerMsg>(s).unwrap() {
                ServerMsg::Working { id: got } if got == id => return,
                ServerMsg::Reply { id: got, .. } => panic!("call {got} answered while held"),
                _ => {}
            }
        }
    }
}
