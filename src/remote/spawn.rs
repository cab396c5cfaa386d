//! Starting the firm server when none answers, waiting for it to listen,
//! and stopping one so that another build replaces it.
//!
//! When nothing answers (no socket, or a stale one that a dead server
//! left), [`Connector`] starts `cabinet serve --detach` for the firm,
//! which puts itself in a session of its own so that it outlives the
//! terminal that started it, and connects as soon as that server
//! listens. Servers started at the same moment by two people race for
//! the firm's lock; the loser exits quietly and both clients end up on
//! the winner. An office firm's server is never started from here.

use std::io::Read;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::connect::{Attempt, Connector, GreetError, Handshaken, greet, io, refusal};
use crate::api::{ConnectError, StartFailure, StopRefusal};
use crate::host::firm_files;
use crate::model::text::for_terminal;

/// How long to wait for a server to start listening (opening a large
/// firm builds its search index first).
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The exit code of a server that may not use the firm directory.
pub(crate) const EXIT_PERMISSION: i32 = 77;

/// What [`Connector::ensure_server`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// A server was running already.
    AlreadyRunning { pid: u32 },
    /// This call started one.
    Started { pid: u32 },
}

impl Connector {
    /// Makes sure a server is running for the firm, starting one if
    /// needed, without opening a session.
    pub fn ensure_server(&self) -> Result<Started, ConnectError> {
        let socket = self.socket()?;
        if let Some(h) = self.reach_office(&socket)? {
            return Ok(Started::AlreadyRunning { pid: h.server.pid });
        }
        // A plain connection tells that it listens; no hello, no session.
        let (pid, spawned) = self.until_up(true, || match UnixStream::connect(&socket) {
            Ok(_) => Ok(Some(firm_files::server_pid(&self.dir).unwrap_or(0))),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(self.denied()),
            Err(_) => Ok(None),
        })?;
        Ok(if spawned {
            Started::Started { pid }
        } else {
            Started::AlreadyRunning { pid }
        })
    }

    /// Asks the running server to shut down so that another build can
    /// take over, and waits until it has let go of the firm.
    pub fn replace_server(&self, wait: Duration) -> Result<Option<u32>, ConnectError> {
        let socket = self.socket()?;
        let stream = match UnixStream::connect(&socket) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(self.denied());
            }
            // No socket, yet a server may hold the firm (its socket was
            // deleted): stop it by its process id.
            Err(_) => return self.stop_by_signal(wait),
        };
        self.check_peer(&stream, &socket)?;
        let welcome = match greet(stream, &socket, true) {
            Ok((welcome, mut reader)) => {
                if !welcome.refused.is_empty() {
                    // A server of another protocol says why in its own
                    // words; one of this protocol, as a code and a reason.
                    if welcome.protocol != crate::protocol::VERSION {
                        return Err(ConnectError::ServerRefused {
                            said: welcome.refused,
                        });
                    }
                    return Err(refusal(welcome, &mut reader));
                }
                welcome
            }
            Err(GreetError::Gone) => return self.stop_by_signal(wait),
            Err(GreetError::Failed(e)) => {
                // A server that does not answer on its socket.
                if firm_files::server_running(&self.dir) {
                    return self.stop_by_signal(wait);
                }
                return Err(e);
            }
        };
        self.wait_stopped(wait, || {})?;
        Ok(Some(welcome.pid))
    }

    /// Stops the server holding the firm's lock by signal (SIGTERM, then
    /// SIGKILL if it does not let go), after checking it is a cabinet
    /// server of this firm. `None` when no server holds the lock.
    fn stop_by_signal(&self, wait: Duration) -> Result<Option<u32>, ConnectError> {
        use rustix::process::{Pid, Signal, kill_process};
        let Some(pid) = firm_files::server_pid(&self.dir) else {
            return Ok(None);
        };
        let refuse = |why: StopRefusal| ConnectError::CannotStop {
            dir: self.dir.clone(),
            pid,
            why,
        };
        if !firm_files::is_firm_server(pid, &self.dir) {
            return Err(refuse(StopRefusal::NotCabinet));
        }
        let target = Pid::from_raw(pid as i32).ok_or_else(|| refuse(StopRefusal::NoSuchProcess))?;
        tracing::info!(
            "stopping the firm server {pid} by signal: it does not answer on its socket"
        );
        match kill_process(target, Signal::TERM) {
            Ok(()) => {}
            Err(rustix::io::Errno::PERM) => {
                return Err(refuse(StopRefusal::OtherUser));
            }
            Err(rustix::io::Errno::SRCH) => return Ok(Some(pid)),
            Err(e) => {
                return Err(refuse(StopRefusal::Failed(crate::api::OsError::from_code(
                    e.raw_os_error(),
                ))));
            }
        }
        self.wait_stopped(wait, || {
            tracing::warn!("the firm server {pid} ignored SIGTERM; killing it");
            let _ = kill_process(target, Signal::KILL);
        })?;
        Ok(Some(pid))
    }

    /// Waits until no server holds the firm's lock, for at most `wait`;
    /// `halfway` runs once if it still holds it after half that time.
    fn wait_stopped(&self, wait: Duration, halfway: impl FnOnce()) -> Result<(), ConnectError> {
        let started = Instant::now();
        let mut halfway = Some(halfway);
        while firm_files::server_running(&self.dir) {
            if started.elapsed() > wait / 2
                && let Some(act) = halfway.take()
            {
                act();
            }
            if started.elapsed() > wait {
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: wait,
                });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    /// Connects and handshakes; when nothing listens, starts a server
    /// (once) if `autostart`, and keeps trying until it answers.
    pub(super) fn reach(&self, autostart: bool) -> Result<Handshaken, ConnectError> {
        let socket = self.socket()?;
        if let Some(h) = self.reach_office(&socket)? {
            return Ok(h);
        }
        let (h, _) = self.until_up(autostart, || match self.attempt(&socket)? {
            Attempt::Connected(h) => Ok(Some(*h)),
            Attempt::NotListening => Ok(None),
        })?;
        Ok(h)
    }

    /// An office firm's server, which only the service manager starts:
    /// one attempt, and a server that is down says so. `None` for a
    /// personal firm.
    fn reach_office(&self, socket: &Path) -> Result<Option<Handshaken>, ConnectError> {
        let Some(service) = self.office()? else {
            return Ok(None);
        };
        match self.attempt(socket)? {
            Attempt::Connected(h) => Ok(Some(*h)),
            Attempt::NotListening => Err(self.office_down(service)),
        }
    }

    /// Tries `probe` until it answers (`Some`), starting a server when
    /// nothing listens if `autostart`, and another if the one started
    /// exits without any server holding the firm (it lost a race, or went
    /// idle before we got there). Says whether this call started one.
    fn until_up<T>(
        &self,
        autostart: bool,
        mut probe: impl FnMut() -> Result<Option<T>, ConnectError>,
    ) -> Result<(T, bool), ConnectError> {
        let started = Instant::now();
        let mut child: Option<Child> = None;
        let mut pause = Duration::from_millis(2);
        loop {
            match probe()? {
                // Started here exactly when a child is held.
                Some(up) => return Ok((up, child.map(reap).is_some())),
                None if !autostart && !firm_files::server_running(&self.dir) => {
                    return Err(ConnectError::NoServer(self.dir.clone()));
                }
                None => {}
            }
            if autostart {
                let respawn = match child.as_mut().map(Child::try_wait) {
                    None => true,
                    Some(Ok(Some(status))) if !status.success() => {
                        return Err(
                            self.failure(status.code(), child.take().and_then(|c| c.stderr))
                        );
                    }
                    Some(Ok(Some(_))) => !firm_files::server_running(&self.dir),
                    _ => false,
                };
                if respawn {
                    child = Some(self.spawn_server()?);
                }
            }
            if started.elapsed() > self.start_timeout {
                if let Some(child) = child {
                    reap(child);
                }
                if let Some(pid) = firm_files::server_pid(&self.dir) {
                    return Err(ConnectError::NotAnswering {
                        dir: self.dir.clone(),
                        pid,
                        waited: self.start_timeout,
                    });
                }
                return Err(ConnectError::Timeout {
                    dir: self.dir.clone(),
                    waited: self.start_timeout,
                });
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    fn spawn_server(&self) -> Result<Child, ConnectError> {
        let program = match &self.program {
            Some(p) => p.clone(),
            None => std::env::current_exe().map_err(|e| io(Path::new("cabinet"), e))?,
        };
        let mut cmd = Command::new(&program);
        cmd.arg("serve")
            .arg("--detach")
            .arg("--firm")
            .arg(&self.dir);
        if let Some(idle) = self.idle_exit {
            cmd.arg("--idle-exit")
                .arg(idle.as_secs().max(1).to_string());
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .current_dir("/");
        cmd.spawn().map_err(|e| {
            ConnectError::ServerFailed(StartFailure::CannotRun {
                program,
                error: e.into(),
            })
        })
    }

    /// Explains why a started server exited, from its exit code and what
    /// it wrote to stderr before exiting (shown as it is, neutralised).
    fn failure(
        &self,
        code: Option<i32>,
        stderr: Option<std::process::ChildStderr>,
    ) -> ConnectError {
        if code == Some(EXIT_PERMISSION) {
            return self.denied();
        }
        let mut text = String::new();
        if let Some(mut e) = stderr {
            let _ = e.read_to_string(&mut text);
        }
        // The server words its failure in the same language as this
        // process (they share the environment), after its name.
        let said = text.trim();
        let said = said
            .strip_prefix("cabinet: ")
            .or_else(|| said.strip_prefix("cabinet : "))
            .unwrap_or(said)
            .trim();
        ConnectError::ServerFailed(StartFailure::Exited {
            status: code,
            said: for_terminal(said, false),
        })
    }
}

/// Waits for a started server in the background, so that it leaves no
/// zombie behind when it exits before this process does. Its stderr is
/// closed, so it can write nothing to anyone's terminal.
fn reap(mut child: Child) {
    drop(child.stderr.take());
    let _ = std::thread::Builder::new()
        .name("cabinet-reap".into())
        .spawn(move || child.wait());
}
