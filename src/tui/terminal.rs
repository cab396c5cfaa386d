//! Taking over the terminal and always giving it back.
//!
//! [`Term`] switches to the alternate screen in raw mode and restores the
//! terminal when dropped, so an error return restores it too. A panic hook
//! restores it before the panic message prints. The shell turns SIGTERM
//! and SIGHUP into an orderly exit that also goes through [`Term`]'s drop.
//!
//! Nothing here queries the terminal (no cursor-position or colour
//! requests): over a slow SSH link each query costs a round trip.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};

use super::app::App;

/// The name of the thread that runs firm requests. A panic there is
/// caught and reported in the status line, so it must not restore the
/// terminal under the running app.
pub(crate) const WORKER_THREAD: &str = "cabinet-worker";

/// True while the app owns the terminal, so that restoring happens once.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether mouse capture was turned on, for restoring.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The terminal, owned by the app until dropped.
pub(crate) struct Term {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Term {
    /// Raw mode, alternate screen, bracketed paste, and the mouse if asked.
    pub(crate) fn enter(mouse: bool) -> io::Result<Term> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut out = io::stdout();
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        if mouse {
            execute!(out, EnableButtonMouse)?;
        }
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Term { terminal })
    }

    /// The screen's size now (from the kernel, not a terminal query).
    pub(crate) fn size(&self) -> io::Result<Rect> {
        self.terminal
            .size()
            .map(|s| Rect::from((Position::ORIGIN, s)))
    }

    /// Draws one frame, wrapped in a synchronized update so the terminal
    /// shows it all at once.
    pub(crate) fn draw(&mut self, app: &App) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(|f| super::view::view(app, f))?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)
    }

    /// Puts text on the clipboard of the terminal the user sits at, with
    /// OSC 52: it goes through SSH, and through tmux with `set-clipboard
    /// on`.
    pub(crate) fn copy(&mut self, text: &str) -> io::Result<()> {
        let out = self.terminal.backend_mut();
        write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
        out.flush()
    }

    /// Forgets what is on screen so that the next frame repaints it all.
    pub(crate) fn repaint(&mut self) -> io::Result<()> {
        let area = self.size()?;
        self.terminal.resize(area)
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        restore();
    }
}

/// Standard base64, for OSC 52.
pub(crate) fn base64(bytes: &[u8]) -> String {
    // not prose: the base64 alphabet
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Mouse reports for clicks and the wheel only (`?1000h`, in SGR form
/// `?1006h`): no motion is reported, so moving the mouse sends nothing
/// over SSH, and Shift still selects text in most terminals.
struct EnableButtonMouse;

impl crossterm::Command for EnableButtonMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Turns the mouse reports [`EnableButtonMouse`] asked for off again
/// (and any motion tracking an earlier program left on).
struct DisableButtonMouse;

impl crossterm::Command for DisableButtonMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1003l\x1b[?1002l\x1b[?1000l")
    }
}

/// Gives the terminal back: cooked mode, main screen, visible cursor, no
/// mouse capture. Safe to call more than once; errors are ignored, since
/// the terminal may be gone (after a hang-up).
pub(crate) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = queue!(out, DisableButtonMouse);
    }
    let _ = queue!(
        out,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(WORKER_THREAD) && ACTIVE.load(Ordering::SeqCst) {
            tracing::error!("firm request panicked: {info}");
            return;
        }
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_for_osc52() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("é@x.ca".as_bytes()), "w6lAeC5jYQ==");
    }
}
