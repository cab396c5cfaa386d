//! Drawing the whole screen from the app's state: the header, the screen
//! on top (conflict, form, profile or list), the status line, the footer
//! hints and any popup. Drawing reads the state and changes nothing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::action::Command;
use super::app::{App, StatusKind};
use super::keymap::Screen;
use super::stack::Layer;
use super::{
    billing, conflict, form, layout, list_view, popup, profile, strings, team, text, work,
};

/// Draws the app on a frame and places the cursor where text is typed.
pub(crate) fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(app, area);
    if let Some(p) = cursor(app, area) {
        frame.set_cursor_position(p);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !layout::fits(area) {
            let note = strings::too_small(layout::MIN_WIDTH, layout::MIN_HEIGHT);
            for (i, line) in text::wrap(&note, area.width.into())
                .iter()
                .take(area.height.into())
                .enumerate()
            {
                buf.set_stringn(
                    area.x,
                    area.y + i as u16,
                    line,
                    area.width.into(),
                    self.theme.alert(),
                );
            }
            return;
        }
        let c = layout::chrome(area);
        header(self, c.header, buf);
        // The topmost screen takes the body; the list lies under them all.
        match self.stack.screen() {
            Some(screen) => body(self, screen, c.body, buf),
            None => list_view::render(self, c.body, buf),
        }
        // A status too long for its line wraps onto the footer's, which
        // comes back with the next key.
        if status(self, c.status, c.footer, buf) < 2 {
            footer(self, c.footer, buf);
        }
        if let Some(Layer::Popup(p)) = self.stack.top() {
            popup::view::render(self, p, area, buf);
        }
    }
}

/// Draws one screen of the stack in the body, by its own module.
fn body(app: &App, screen: &Layer, area: Rect, buf: &mut Buffer) {
    match screen {
        Layer::Profile(p) => profile::view::render(app, p, area, buf),
        Layer::ClientForm(f) => form::view::render(app, f, area, buf),
        Layer::MemberForm(f) => team::form_view::render(app, f, area, buf),
        Layer::Conflict(c) => conflict::view::render(app, c, area, buf),
        Layer::Team(t) => team::view::render(app, t, area, buf),
        Layer::Billing(b) => billing::view::render(app, b, area, buf),
        Layer::Work(w) => work::view::render(app, w, area, buf),
        // Popups are drawn over the whole screen, after the rest.
        Layer::Popup(_) => {}
    }
}

/// Where the terminal cursor goes, if text is being typed: in the top
/// screen's text field.
fn cursor(app: &App, area: Rect) -> Option<Position> {
    let body = layout::chrome(area).body;
    match app.stack.top() {
        Some(Layer::Popup(p)) => match &**p {
            popup::Popup::PickClient(p) => popup::pick::cursor(p, area),
            _ => None,
        },
        _ if !layout::fits(area) => None,
        Some(Layer::ClientForm(f)) => form::view::cursor(f, body),
        Some(Layer::MemberForm(f)) => team::form_view::cursor(f, body),
        Some(_) => None,
        None => list_view::search_cursor(app, body),
    }
}

/// The top line: who and where on the left, counts on the right.
fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let list = &app.list;
    let q = &list.query;
    let lead = match q.lead {
        crate::model::LeadFilter::Member(id) if id == app.me.id => {
            Some(strings::my_clients().to_owned())
        }
        crate::model::LeadFilter::Member(id) => Some(app.member_name(id)),
        crate::model::LeadFilter::Unassigned => Some(strings::no_lead().to_owned()),
        crate::model::LeadFilter::Any => None,
    };
    // The screen on top shows its own counts, if it has any (the member
    // form, the team's); else the list's show, with the selected row's
    // place unless a client's own screen is on top.
    let screen = app.stack.screen();
    let page_counts = match screen {
        Some(Layer::Billing(b)) => Some(billing::counts(b)),
        Some(Layer::Team(_) | Layer::MemberForm(_)) => {
            app.stack.team().filter(|t| t.loaded).map(team::counts)
        }
        Some(Layer::Work(w)) => Some(work::counts(w)),
        _ => None,
    };
    let under = !matches!(
        screen,
        Some(Layer::Profile(_) | Layer::ClientForm(_) | Layer::Conflict(_))
    );
    let counts = page_counts.unwrap_or_else(|| {
        strings::counts(
            list.total(),
            list.page.inactive_hidden,
            q.include_inactive,
            list.marked.len(),
            q.kind.map(strings::kind),
            lead.as_deref(),
            strings::work_filter(&q.work),
            (under && list.loaded && list.selected < list.total()).then_some(list.selected),
        )
    });
    let counts = text::clean(&counts).into_owned();
    let cw = text::width(&counts) as u16;
    let left = strings::header(&app.firm_name, &app.me.name);
    let room = area.width.saturating_sub(cw + 2);
    buf.set_stringn(
        area.x,
        area.y,
        text::fit(&left, room.into()),
        room.into(),
        theme.title(),
    );
    if cw < area.width {
        buf.set_string(area.right() - cw, area.y, counts, theme.heading());
    }
}

/// Draws the status line; returns how many lines it took (0 to 2).
fn status(app: &App, area: Rect, below: Rect, buf: &mut Buffer) -> usize {
    let theme = &app.theme;
    let (text_, style) = if app.offline {
        (strings::offline().to_owned(), theme.warning())
    } else if let Some(s) = &app.status {
        let style = match s.kind {
            StatusKind::Info => ratatui::style::Style::new(),
            StatusKind::Success => theme.success(),
            StatusKind::Warning => theme.warning(),
            StatusKind::Error => theme.alert(),
        };
        (s.text.clone(), style)
    } else {
        return 0;
    };
    let w = usize::from(area.width);
    // Messages may carry the server's words: neutralised like any
    // stored value.
    let mut lines = text::wrap(&text::clean(&text_), w);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines = vec![lines[0].clone(), text::fit(&rest, w)];
    }
    for (line, at) in lines.iter().zip([area, below]) {
        buf.set_stringn(at.x, at.y, text::fit(line, w), w, style);
    }
    lines.len()
}

/// True when a command does something where the user is now (the item
/// keys only on the profile's item tabs, for instance).
fn offered(app: &App, screen: Screen, command: Command) -> bool {
    let admin = app.me.is_admin();
    match (screen, command) {
        (Screen::Billing, Command::Add | Command::RemoveItem) => return admin,
        (Screen::Team, Command::Add | Command::Edit) => return admin,
        (Screen::Team, Command::Deactivate | Command::Reactivate) => {
            let active = app
                .stack
                .team()
                .and_then(|t| t.selected())
                .map(|m| m.active);
            return admin && active == Some(command == Command::Deactivate);
        }
        _ => {}
    }
    let Some(p) = app.stack.profile().filter(|_| screen == Screen::Profile) else {
        return true;
    };
    match command {
        Command::AddItem | Command::EditItem | Command::RemoveItem => p.tab.part().is_some(),
        Command::Reveal => matches!(p.tab, profile::Tab::Overview | profile::Tab::History),
        _ => true,
    }
}

/// The keys that matter now, from the keymap's hints.
fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let screen = app.screen();
    let hints: Vec<(String, &str, bool)> = app
        .keymap
        .bindings(screen)
        .iter()
        .filter(|b| b.hint && offered(app, screen, b.command))
        .filter_map(|b| {
            let key = b.keys.first()?.label();
            let essential = matches!(
                b.command,
                Command::Help | Command::Quit | Command::Back | Command::Cancel | Command::Close
            );
            Some((key, strings::hint(screen, b.command), essential))
        })
        .collect();
    let width = |(k, w, _): &(String, &str, bool)| text::width(k) + 1 + text::width(w) + 2;
    // The ways out and the help always show; the rest as room allows.
    let mut room = usize::from(area.width) + 2;
    room = room.saturating_sub(hints.iter().filter(|h| h.2).map(width).sum());
    let mut spans = Vec::new();
    for h in &hints {
        if !h.2 {
            if width(h) > room {
                continue;
            }
            room -= width(h);
        }
        spans.push(Span::styled(h.0.clone(), app.theme.key()));
        spans.push(Span::raw(format!(" {}  ", h.1)));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
