//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator. Each test gets its own home and firm directories.
//!
//! The firm's admin signs in as the login of the user running the tests,
//! so the tests hold whether the binary opens the firm itself or through a
//! firm server that knows its clients by their uid. What a session saved
//! is checked by starting the binary again and reading the screen.
//!
//! The helpers wait on what the screen shows, never for a fixed time: each
//! key is followed by a wait for the change it causes, and Esc in
//! particular is not followed by another key until the screen shows that
//! the app took it in, so that the two never reach the app in one read
//! (which it would take for Alt and that key).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use super::fixtures;

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// How long to wait for the screen to show something.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long `send` waits for a key to show on screen before taking it
/// that the key shows nothing (moving to the top when already there).
/// Keys are still read in order after it; only Esc must be seen to land
/// before the next key, and `esc` waits for that without this limit.
const UNSEEN: Duration = Duration::from_secs(1);

/// What the terminal shows, fed by a thread reading the app's output.
struct Terminal {
    parser: vt100::Parser,
    /// The app's side of the terminal is closed: the app has exited and
    /// everything it wrote has been read.
    closed: bool,
}

/// The terminal, and the signal its reader gives after each read.
type Shared = Arc<(Mutex<Terminal>, Condvar)>;

/// Everything a key can change: the cells with their colours, the cursor,
/// and which screen is shown.
fn snapshot(screen: &vt100::Screen) -> Vec<u8> {
    let mut state: Vec<u8> = screen.rows_formatted(0, COLS).flatten().collect();
    let (row, col) = screen.cursor_position();
    state.extend_from_slice(&row.to_le_bytes());
    state.extend_from_slice(&col.to_le_bytes());
    state.push(u8::from(screen.hide_cursor()));
    state.push(u8::from(screen.alternate_screen()));
    state
}

/// The client rows of a screen's text.
fn rows_of(contents: &str) -> Vec<String> {
    contents
        .lines()
        .skip(2)
        .take(usize::from(ROWS) - 5)
        .map(str::to_owned)
        .collect()
}

/// The binary running in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    terminal: Shared,
    _home: tempfile::TempDir,
}

impl Session {
    /// Starts `cabinet --firm DIR` as the firm's admin, with a fresh home.
    fn start(firm: &Path) -> Session {
        let home = tempfile::tempdir().unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cabinet"));
        cmd.arg("--firm");
        cmd.arg(firm);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env("USER", login());
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.cwd(home.path());
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let terminal: Shared = Arc::new((
            Mutex::new(Terminal {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                closed: false,
            }),
            Condvar::new(),
        ));
        let feed = Arc::clone(&terminal);
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, signal) = &*feed;
                let mut t = lock.lock().unwrap_or_else(|p| p.into_inner());
                if n == 0 {
                    t.closed = true;
                } else {
                    t.parser.process(&buf[..n]);
                }
                signal.notify_all();
                if t.closed {
                    break;
                }
            }
        });
        let mut s = Session {
            child,
            writer,
            terminal,
            _home: home,
        };
        s.wait_for("clients");
        s
    }

    fn terminal(&self) -> MutexGuard<'_, Terminal> {
        self.terminal.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes bytes to the app, as typed.
    fn write(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits up to `limit` until `done` holds for the terminal, waking at
    /// each read of the app's output. Returns whether it held.
    fn wait_on(&mut self, limit: Duration, mut done: impl FnMut(&Terminal) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        let (lock, signal) = &*self.terminal;
        let mut t = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if done(&t) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || t.closed {
                return false;
            }
            t = signal
                .wait_timeout(t, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Types bytes, then waits for the screen to change (a key that shows
    /// nothing is given up on after a moment; see [`UNSEEN`]).
    fn send(&mut self, bytes: &str) {
        let before = snapshot(self.terminal().parser.screen());
        self.write(bytes);
        self.wait_on(UNSEEN, |t| snapshot(t.parser.screen()) != before);
    }

    /// Types bytes, then waits until the screen has changed and shows
    /// `text`; returns the screen.
    fn press(&mut self, bytes: &str, text: &str) -> String {
        let before = snapshot(self.terminal().parser.screen());
        self.write(bytes);
        self.wait_showing(&before, bytes, text)
    }

    /// Presses Esc alone and waits until the screen shows its effect, so
    /// that the next key is not read together with it (as Alt+key).
    /// [`Session::esc_to`] names the state Esc leads to, which is better.
    #[allow(dead_code)]
    fn esc(&mut self) {
        let before = snapshot(self.terminal().parser.screen());
        self.write("\x1b");
        if !self.wait_on(PATIENCE, |t| snapshot(t.parser.screen()) != before) {
            panic!(
                "Esc changed nothing on screen; it shows:\n{}",
                self.contents()
            );
        }
    }

    /// Presses Esc alone and waits until the screen has changed and shows
    /// `text`; returns the screen.
    fn esc_to(&mut self, text: &str) -> String {
        let before = snapshot(self.terminal().parser.screen());
        self.write("\x1b");
        self.wait_showing(&before, "Esc", text)
    }

    /// Waits until the screen differs from `before` and shows `text`.
    fn wait_showing(&mut self, before: &[u8], key: &str, text: &str) -> String {
        let shown = self.wait_on(PATIENCE, |t| {
            let screen = t.parser.screen();
            snapshot(screen) != before && screen.contents().contains(text)
        });
        let screen = self.contents();
        if !shown {
            panic!("after {key:?} the screen never showed {text:?}; it shows:\n{screen}");
        }
        screen
    }

    fn contents(&self) -> String {
        self.terminal().parser.screen().contents()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen's text meets `cond` (which `what` describes
    /// for the failure message), and returns the screen.
    fn wait_until(&mut self, what: &str, mut cond: impl FnMut(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            // Wakes at each read of the app's output, and now and then to
            // see whether the app has died.
            let left = deadline.saturating_duration_since(Instant::now());
            let held = self.wait_on(left.min(Duration::from_millis(200)), |t| {
                cond(&t.parser.screen().contents())
            });
            let screen = self.contents();
            if held {
                return screen;
            }
            if self.terminal().closed {
                let status = self.child.wait();
                panic!("cabinet exited ({status:?}) before the screen showed {what}:\n{screen}");
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("cabinet exited ({status:?}) before the screen showed {what}:\n{screen}");
            }
            if Instant::now() >= deadline {
                panic!("the screen never showed {what}; it shows:\n{screen}");
            }
        }
    }

    /// Waits until the client rows meet `cond` (which `what` describes),
    /// and returns them.
    fn wait_rows(&mut self, what: &str, mut cond: impl FnMut(&[String]) -> bool) -> Vec<String> {
        let screen = self.wait_until(what, |screen| cond(&rows_of(screen)));
        rows_of(&screen)
    }

    /// The client rows on screen now: read them only once the screen is
    /// known to show them (a status line can be drawn before the rows;
    /// see [`Session::wait_rows`]).
    #[allow(dead_code)]
    fn rows(&self) -> Vec<String> {
        rows_of(&self.contents())
    }

    /// Waits for the process to end and checks the terminal was given back.
    fn wait_exit(&mut self) {
        // The app's side closes when it exits; by then everything it
        // wrote, down to giving the terminal back, has been read.
        if !self.wait_on(PATIENCE, |t| t.closed) {
            panic!("cabinet did not exit:\n{}", self.contents());
        }
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "cabinet closed its terminal but did not exit"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(status.success(), "cabinet exited with {status:?}");
        let t = self.terminal();
        assert!(
            !t.parser.screen().alternate_screen(),
            "the terminal is back on the main screen"
        );
        assert!(
            !t.parser.screen().hide_cursor(),
            "the cursor is visible again"
        );
    }

    fn quit(&mut self) {
        self.write("q");
        self.wait_exit();
    }
}

impl Drop for Session {
    /// A test that failed half-way leaves no app running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The login of the user running the tests, as the server sees it.
fn login() -> String {
    crate::server::util::my_login()
}

/// A seeded firm in a temporary directory; the server the app starts for
/// it is stopped when the test ends.
struct Seeded {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Drop for Seeded {
    fn drop(&mut self) {
        crate::server::util::stop_server(&self.dir);
    }
}

fn seeded() -> Seeded {
    let (tmp, dir) = fixtures::firm_as(&login()).close();
    Seeded { _tmp: tmp, dir }
}

#[test]
fn add_a_client() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.press("a", "Add client");
    s.send("Toiture Lapointe");
    s.press("\x13", "Added Toiture Lapointe");
    s.wait_for("12 clients");
    // The new client is selected.
    s.wait_for("> Toiture Lapointe");
    s.quit();
    let mut again = Session::start(&dir);
    again.wait_for("12 clients");
    again.wait_for("Toiture Lapointe");
    again.quit();
}

#[test]
fn edit_a_phone_number_and_see_it_saved() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.press("/boulangerie\r", "Boulangerie Côté & Fils  No. 1002");
    s.press("e", "Edit client");
    s.send(&"\t".repeat(8));
    s.send("\x15450-555-0142");
    s.press("\x13", "Saved Boulangerie Côté & Fils");
    s.wait_for("Phone             450-555-0142");
    s.esc_to("Search: boulangerie");
    s.quit();
    let mut again = Session::start(&dir);
    again.press("/boulangerie\r", "Phone             450-555-0142");
    again.esc_to("Search: boulangerie");
    again.quit();
}

#[test]
fn a_phone_number_typed_as_written_finds_the_client() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    // Plomberie Tremblay's phone is 514-555-0199: typed with its
    // punctuation, with spaces, or with the country code, it is found.
    for typed in ["(514) 555-0199", "+1 514 555 0199", "555-0199"] {
        s.send("/");
        s.send(typed);
        // The search line may be drawn after the rows: wait for both.
        let search = format!("Search: {typed}");
        s.wait_until(&format!("Plomberie selected under {search:?}"), |screen| {
            screen.contains("> Plomberie Tremblay inc.") && screen.contains(&search)
        });
        s.esc();
        // The search closes and the selection stays on the client.
        s.wait_for("8/11 clients");
    }
    s.quit();
}

#[test]
fn make_inactive_disappear_include_inactive_reactivate() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.wait_rows("Boulangerie selected at the top", |rows| {
        rows[0].starts_with("> Boulangerie Côté & Fils")
    });
    s.press("m", "Make inactive");
    s.press("x", "Their data is kept; their");
    s.press("y", "Boulangerie Côté & Fils is now inactive");
    s.wait_for("2 inactive hidden");
    // The status line names it; the rows, once redrawn, no longer do
    // (the status line may be drawn before the rows).
    s.wait_rows("the list without Boulangerie", |rows| {
        rows[0].starts_with("> ") && !rows.iter().any(|r| r.contains("Boulangerie"))
    });

    s.press("i", "inactive included");
    s.wait_rows("Boulangerie listed as inactive", |rows| {
        rows.iter()
            .any(|r| r.contains("Boulangerie") && r.contains("inactive"))
    });
    s.send("g");
    s.press("m", "Reactivate");
    s.press("r", "Boulangerie Côté & Fils is active again");
    s.press("i", "1 inactive hidden");
    s.quit();
    let mut again = Session::start(&dir);
    again.wait_for("1 inactive hidden");
    again.wait_rows("Boulangerie active and selected at the top", |rows| {
        rows[0].starts_with("> Boulangerie Côté & Fils") && !rows[0].contains("inactive")
    });
    again.quit();
}

#[test]
fn a_hang_up_keeps_the_unsaved_form_and_restores_the_terminal() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.press("e", "Edit client");
    s.press(" (centre-ville)", "(centre-ville)");
    signal(&s, rustix::process::Signal::HUP);
    s.wait_exit();
    // The next session offers the draft back.
    let mut again = Session::start(&dir);
    again.press("e", "You left unsaved changes to Boulangerie Côté & Fils");
    again.wait_for("form). Restore them?");
    again.press("y", "Côté & Fils (centre-ville)");
    again.press("\x13", "Saved Boulangerie Côté & Fils (centre-ville)");
    again.quit();
}

#[test]
fn a_killed_tax_return_form_comes_back_as_that_form() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    // Boulangerie Côté & Fils, its tax returns, its 2025 CO-17.
    // The list already shows the client and its CO-17: wait for the
    // profile's own tabs, then for the return's row on its tab.
    s.send("\r");
    s.wait_for("4 Tax returns");
    s.send("4");
    s.wait_until("the CO-17 row of the tax returns tab", |screen| {
        screen.lines().any(|l| l.starts_with("> 2025 CO-17"))
    });
    s.send("\r");
    s.wait_for("Edit tax return · Boulangerie Côté & Fils");
    // To the status, from filed to accepted.
    s.send("\t\t\t");
    s.send("\x1b[C");
    s.wait_for("< accepted >");
    signal(&s, rustix::process::Signal::TERM);
    s.wait_exit();

    let mut again = Session::start(&dir);
    again.send("\r");
    again.wait_for("unsaved draft (2025 CO-17 tax return): e restores it");
    again.send("e");
    again.wait_for("(2025 CO-17");
    again.wait_for("tax return). Restore them?");
    again.send("y");
    // The same form, on the same return, the status as it was left, marked.
    let screen = again.wait_for("Edit tax return · Boulangerie Côté & Fils");
    assert!(screen.contains("< accepted >"), "{screen}");
    again.wait_for("restored · saved: filed");
    again.wait_for("1 field differs from the saved record");
    again.send("\x13");
    again.wait_for("Saved 2025 CO-17 of Boulangerie Côté & Fils");
    again.send("4");
    // A reload asked for by the live event may still carry the draft the
    // save is discarding; the reload after the save drops the notice.
    again.wait_until(
        "the tax returns tab, accepted, with no draft notice",
        |screen| screen.contains("accepted") && !screen.contains("unsaved draft"),
    );
    // q goes back to the list, whose row shows the saved status.
    again.send("q");
    again.wait_until("the list row with the accepted CO-17", |screen| {
        screen
            .lines()
            .any(|l| l.contains("Boulangerie") && l.contains("CO-17") && l.contains("accepted"))
    });
    again.quit();
}

#[test]
fn sigterm_restores_the_terminal() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    signal(&s, rustix::process::Signal::TERM);
    s.wait_exit();
}

#[test]
fn remove_a_subscription_from_wholesale_billing_and_see_it_stay_removed() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.press("B", "Subscriptions billed to accountant");
    s.wait_for("All products · 4 subscriptions");
    s.send("jj");
    s.press("d", "Stop billing Online Plus of Plomberie Tremblay inc.");
    s.press(
        "y",
        "Online Plus of Plomberie Tremblay inc. is now billed to the client",
    );
    s.wait_until("the totals for 3 subscriptions at $449.50", |screen| {
        screen
            .lines()
            .any(|l| l.contains("All products · 3 subscriptions") && l.contains("$449.50"))
    });
    // q leaves the billing screen for the list, then quits.
    s.press("q", "/ search");
    s.quit();
    let mut again = Session::start(&dir);
    let screen = again.press("B", "All products · 3 subscriptions");
    let table: Vec<&str> = screen.lines().take(usize::from(ROWS) - 2).collect();
    assert!(!table.iter().any(|l| l.contains("Plomberie")), "{screen}");
    again.esc_to("/ search");
    again.quit();
}

#[test]
fn add_a_team_member_and_find_them_again() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.press("T", "Team · 3 members");
    s.press("a", "Add a team member");
    s.press("Nadia Roy\tnroy\tnadia@example.com", "nadia@example.com");
    s.press("\x13", "Added Nadia Roy (nroy) to the team as staff");
    s.wait_for("Team · 4 members");
    s.esc_to("/ search");
    s.quit();
    let mut again = Session::start(&dir);
    again.press("T", "Team · 4 members");
    again.wait_for("nadia@example.com");
    again.wait_for("added Nadia Roy");
    again.press("q", "/ search");
    again.quit();
}

/// Sends a signal to the binary.
fn signal(s: &Session, signal: rustix::process::Signal) {
    let pid = s.child.process_id().expect("the child has a pid") as i32;
    let pid = rustix::process::Pid::from_raw(pid).expect("a positive pid");
    rustix::process::kill_process(pid, signal).unwrap();
}
