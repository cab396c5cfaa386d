//! Driving the app without a terminal, for tests and benchmarks.
//!
//! A [`Harness`] holds the app and a firm. Keys are written in a compact
//! notation (`"jj<enter>"`, `"<c-s>"`, see [`keymap::parse_keys`]) and go
//! through the real keymap and update function; effects run in line, and
//! the firm's live events are delivered after each step, so one call
//! settles everything a key set off. Screens render to ratatui's
//! `TestBackend` at a fixed size.

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

use crate::api::{Event, Firm};

use super::action::Action;
use super::app::{App, update};
use super::effect::Effect;
use super::keymap::{self, Screen};
use super::{Options, TuiError};

/// The app, a firm and a test screen.
pub struct Harness {
    app: App,
    firm: Arc<dyn Firm>,
    events: Option<Receiver<Event>>,
    terminal: Terminal<TestBackend>,
    exited: bool,
    /// Drafts kept, in order (the draft timer and hang-ups).
    drafts: usize,
    /// What the app put on the clipboard, in order.
    copied: Vec<String>,
}

impl Harness {
    /// Opens the app on a firm session at a screen size, and settles the
    /// first requests.
    pub fn new(
        firm: Arc<dyn Firm>,
        options: &Options,
        width: u16,
        height: u16,
    ) -> Result<Harness, TuiError> {
        let app = super::new_app(&*firm, options)?;
        let events = firm.subscribe().ok();
        let terminal =
            Terminal::new(TestBackend::new(width, height)).expect("a test backend never fails");
        let mut h = Harness {
            app,
            firm,
            events,
            terminal,
            exited: false,
            drafts: 0,
            copied: Vec::new(),
        };
        h.send(Action::Resize { width, height });
        let start = h.app.start();
        h.run(start);
        Ok(h)
    }

    /// What the app put on the clipboard, in order.
    pub fn copied(&self) -> &[String] {
        &self.copied
    }

    /// Presses keys, written as `"jj<enter>"`; panics on a bad script.
    pub fn keys(&mut self, script: &str) -> &mut Harness {
        for event in
            keymap::parse_keys(script).unwrap_or_else(|e| panic!("bad key script {script:?}: {e}"))
        {
            if let Some(action) = self.app.keymap().translate(self.app.screen(), &event) {
                self.send(action);
            }
        }
        self
    }

    /// Presses keys but holds back the requests they make, as if the firm
    /// were slow; [`Harness::settle`] answers them later.
    pub fn keys_unanswered(&mut self, script: &str) -> Vec<Effect> {
        let mut held = Vec::new();
        for event in
            keymap::parse_keys(script).unwrap_or_else(|e| panic!("bad key script {script:?}: {e}"))
        {
            if let Some(action) = self.app.keymap().translate(self.app.screen(), &event) {
                held.extend(update(&mut self.app, action));
            }
        }
        held
    }

    /// Answers requests held back by [`Harness::keys_unanswered`].
    pub fn settle(&mut self, effects: Vec<Effect>) -> &mut Harness {
        self.run(effects);
        self
    }

    /// Types text as plain characters (no `<…>` notation).
    pub fn type_text(&mut self, text: &str) -> &mut Harness {
        for c in text.chars() {
            let event = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ));
            if let Some(action) = self.app.keymap().translate(self.app.screen(), &event) {
                self.send(action);
            }
        }
        self
    }

    /// Applies one action and settles what it sets off.
    pub fn send(&mut self, action: Action) -> &mut Harness {
        let effects = update(&mut self.app, action);
        self.run(effects);
        self
    }

    /// Delivers the firm's pending live events.
    pub fn pump(&mut self) -> &mut Harness {
        self.run(Vec::new());
        self
    }

    fn run(&mut self, mut queue: Vec<Effect>) {
        loop {
            while !queue.is_empty() {
                let effect = queue.remove(0);
                match effect {
                    Effect::Exit => self.exited = true,
                    Effect::Redraw | Effect::Resubscribe => {}
                    Effect::Clipboard(text) => self.copied.push(text),
                    other => {
                        if matches!(other, Effect::SaveDraft(_)) {
                            self.drafts += 1;
                        }
                        if let Some(outcome) = other.perform(&*self.firm) {
                            queue.extend(update(&mut self.app, Action::Done(outcome)));
                        }
                    }
                }
            }
            let Some(events) = &self.events else { return };
            let pending: Vec<Event> = events.try_iter().collect();
            if pending.is_empty() {
                return;
            }
            for e in pending {
                queue.extend(update(&mut self.app, Action::Firm(e)));
            }
        }
    }

    /// Draws the screen and returns its text, one line per row, wide
    /// characters once.
    pub fn screen(&mut self) -> String {
        let buffer = self.render().clone();
        buffer_text(&buffer)
    }

    /// Draws the screen through a terminal frame (with the cursor).
    pub fn render(&mut self) -> &Buffer {
        let app = &self.app;
        self.terminal
            .draw(|f| super::view::view(app, f))
            .expect("a test backend never fails");
        self.terminal.backend().buffer()
    }

    /// Draws the app straight into a buffer, the way a frame does.
    pub fn draw_into(&self, buffer: &mut Buffer) {
        let area = buffer.area;
        (&self.app).render(area, buffer);
    }

    /// The app's state.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The keymap screen that has the keyboard.
    pub fn screen_name(&self) -> Screen {
        self.app.screen()
    }

    /// True once the app asked to exit.
    pub fn exited(&self) -> bool {
        self.exited
    }

    /// How many drafts were kept.
    pub fn drafts_kept(&self) -> usize {
        self.drafts
    }

    /// The status line's text.
    pub fn status(&self) -> String {
        self.app.status_text().unwrap_or_default().to_owned()
    }

    /// The name of the selected client on the list.
    pub fn selected_name(&self) -> Option<String> {
        self.app.list.selected_row().map(|r| r.name.clone())
    }

    /// The value of a field of the open form, by key.
    pub fn form_value(&self, key: &str) -> Option<String> {
        self.app
            .stack
            .client_form()?
            .fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value())
    }

    /// The key of the focused form field.
    pub fn form_focus(&self) -> Option<&'static str> {
        self.app.stack.client_form()?.focused().map(|f| f.key)
    }

    /// How many clients the list's view holds (the header's count).
    pub fn list_total(&self) -> usize {
        self.app.list.total()
    }

    /// The question open on screen, if any: its whole text, unwrapped.
    pub fn question(&self) -> Option<String> {
        match self.app.stack.popup() {
            Some(super::popup::Popup::Confirm(c)) => Some(c.text.clone()),
            _ => None,
        }
    }

    /// The member selected on the team screen, by name.
    pub fn team_selected(&self) -> Option<String> {
        let t = self.app.stack.team()?;
        t.selected().map(|m| m.name.clone())
    }

    /// The subscription selected on the billing screen: client and
    /// product.
    pub fn billing_selected(&self) -> Option<(String, String)> {
        let b = self.app.stack.billing()?;
        b.selected()
            .map(|l| (l.client_name.clone(), l.product.clone()))
    }

    /// The list's search text, as last sent to the firm.
    pub fn search_text(&self) -> &str {
        &self.app.list.query.search
    }

    /// The rows of the list window the app holds now.
    pub fn loaded_rows(&self) -> usize {
        self.app.list.page.rows.len()
    }

    /// The firm the app talks to.
    pub fn firm(&self) -> &Arc<dyn Firm> {
        &self.firm
    }
}

/// A buffer's text, one line per row, each wide character once.
pub(crate) fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
