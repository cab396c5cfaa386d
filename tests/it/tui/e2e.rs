//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator. Each test gets its own home and firm directories.
//!
//! The firm's admin signs in as the login of the user running the tests,
//! so the tests hold whether the binary opens the firm itself or through a
//! firm server that knows its clients by their uid. What a session saved
//! is checked by starting the binary again and reading the screen.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use super::fixtures;

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// How long to wait for the screen to show something.
const PATIENCE: Duration = Duration::from_secs(20);

/// The binary running in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
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
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let mut s = Session {
            child,
            writer,
            screen,
            _home: home,
        };
        s.wait_for("clients");
        s
    }

    /// Types bytes, then lets the app take them in.
    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Presses Esc alone, so the terminal does not read it as Alt.
    fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(60));
        self.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("the screen never showed {text:?}; it shows:\n{screen}");
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("cabinet exited ({status:?}) before showing {text:?}:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The client rows on screen.
    fn rows(&self) -> Vec<String> {
        self.contents()
            .lines()
            .skip(2)
            .take(usize::from(ROWS) - 5)
            .map(str::to_owned)
            .collect()
    }

    /// Waits for the process to end and checks the terminal was given back.
    fn wait_exit(&mut self) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "cabinet exited with {status:?}");
                break;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "cabinet did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(100));
        let parser = self.screen.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "the terminal is back on the main screen"
        );
        assert!(
            !parser.screen().hide_cursor(),
            "the cursor is visible again"
        );
    }

    fn quit(&mut self) {
        self.send("q");
        self.wait_exit();
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
    s.send("a");
    s.wait_for("Add client");
    s.send("Toiture Lapointe");
    s.send("\x13");
    s.wait_for("Added Toiture Lapointe");
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
    s.send("/boulangerie\r");
    s.wait_for("Boulangerie Côté & Fils  No. 1002");
    s.send("e");
    s.wait_for("Edit client");
    s.send(&"\t".repeat(8));
    s.send("\x15450-555-0142");
    s.send("\x13");
    s.wait_for("Saved Boulangerie Côté & Fils");
    s.wait_for("Phone             450-555-0142");
    s.esc();
    s.wait_for("Search: boulangerie");
    s.quit();
    let mut again = Session::start(&dir);
    again.send("/boulangerie\r");
    again.wait_for("Phone             450-555-0142");
    again.esc();
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
        let screen = s.wait_for("> Plomberie Tremblay inc.");
        assert!(screen.contains(&format!("Search: {typed}")), "{screen}");
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
    // The first row is selected once the list is drawn.
    s.wait_for("> Boulangerie Côté & Fils");
    assert!(s.rows()[0].starts_with("> Boulangerie Côté & Fils"));
    s.send("m");
    s.wait_for("Make inactive");
    s.send("x");
    s.wait_for("Their data is kept; their");
    s.send("y");
    s.wait_for("Boulangerie Côté & Fils is now inactive");
    let screen = s.wait_for("2 inactive hidden");
    // The status line names it; the rows no longer do.
    assert!(
        !s.rows().iter().any(|r| r.contains("Boulangerie")),
        "{screen}"
    );

    s.send("i");
    let screen = s.wait_for("inactive included");
    let row = s.rows().into_iter().find(|r| r.contains("Boulangerie"));
    let row = row.unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("inactive"), "{row}");
    s.send("g");
    s.send("m");
    s.wait_for("Reactivate");
    s.send("r");
    s.wait_for("Boulangerie Côté & Fils is active again");
    s.send("i");
    s.wait_for("1 inactive hidden");
    s.quit();
    let mut again = Session::start(&dir);
    let screen = again.wait_for("1 inactive hidden");
    let first = &again.rows()[0];
    assert!(first.starts_with("> Boulangerie Côté & Fils"), "{screen}");
    assert!(!first.contains("inactive"), "{screen}");
    again.quit();
}

#[test]
fn a_hang_up_keeps_the_unsaved_form_and_restores_the_terminal() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.send("e");
    s.wait_for("Edit client");
    s.send(" (centre-ville)");
    s.wait_for("(centre-ville)");
    signal(&s, rustix::process::Signal::HUP);
    s.wait_exit();
    // The next session offers the draft back.
    let mut again = Session::start(&dir);
    again.send("e");
    again.wait_for("You left unsaved changes to Boulangerie Côté & Fils");
    again.wait_for("form). Restore them?");
    again.send("y");
    again.wait_for("Côté & Fils (centre-ville)");
    again.send("\x13");
    again.wait_for("Saved Boulangerie Côté & Fils (centre-ville)");
    again.quit();
}

#[test]
fn a_killed_tax_return_form_comes_back_as_that_form() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    // Boulangerie Côté & Fils, its tax returns, its 2025 CO-17.
    s.send("\r");
    s.wait_for("Boulangerie Côté & Fils");
    s.send("4");
    s.wait_for("CO-17");
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
    let screen = again.wait_for("accepted");
    assert!(!screen.contains("unsaved draft"), "{screen}");
    // q goes back to the list, then quits.
    again.send("q");
    let screen = again.wait_for("accepted");
    let row = screen
        .lines()
        .find(|l| l.contains("Boulangerie"))
        .unwrap_or("");
    assert!(
        row.contains("accepted") && row.contains("CO-17"),
        "{screen}"
    );
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
    s.send("B");
    s.wait_for("Subscriptions billed to accountant");
    s.wait_for("All products · 4 subscriptions");
    s.send("jj");
    s.send("d");
    s.wait_for("Stop billing Online Plus of Plomberie Tremblay inc.");
    s.send("y");
    s.wait_for("Online Plus of Plomberie Tremblay inc. is now billed to the client");
    let screen = s.wait_for("All products · 3 subscriptions");
    assert!(screen.contains("$449.50"), "{screen}");
    // q leaves the billing screen for the list, then quits.
    s.send("q");
    s.wait_for("/ search");
    s.quit();
    let mut again = Session::start(&dir);
    again.send("B");
    let screen = again.wait_for("All products · 3 subscriptions");
    let table: Vec<&str> = screen.lines().take(usize::from(ROWS) - 2).collect();
    assert!(!table.iter().any(|l| l.contains("Plomberie")), "{screen}");
    again.esc();
    again.wait_for("/ search");
    again.quit();
}

#[test]
fn add_a_team_member_and_find_them_again() {
    let firm = seeded();
    let dir = firm.dir.clone();
    let mut s = Session::start(&dir);
    s.send("T");
    s.wait_for("Team · 3 members");
    s.send("a");
    s.wait_for("Add a team member");
    s.send("Nadia Roy\tnroy\tnadia@example.com");
    s.wait_for("nadia@example.com");
    s.send("\x13");
    s.wait_for("Added Nadia Roy (nroy) to the team as staff");
    s.wait_for("Team · 4 members");
    s.esc();
    s.wait_for("/ search");
    s.quit();
    let mut again = Session::start(&dir);
    again.send("T");
    let screen = again.wait_for("Team · 4 members");
    assert!(screen.contains("nadia@example.com"), "{screen}");
    assert!(screen.contains("added Nadia Roy"), "{screen}");
    again.send("q");
    again.wait_for("/ search");
    again.quit();
}

/// Sends a signal to the binary.
fn signal(s: &Session, signal: rustix::process::Signal) {
    let pid = s.child.process_id().expect("the child has a pid") as i32;
    let pid = rustix::process::Pid::from_raw(pid).expect("a positive pid");
    rustix::process::kill_process(pid, signal).unwrap();
}
