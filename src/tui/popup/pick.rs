//! The client picker: a popup with a search box over the firm's clients,
//! for choosing one when the screen underneath has no list of its own
//! (adding a subscription from the billing screen).
//!
//! Typing asks the firm for the best matches, like the list's search;
//! each answer carries the number of its request, so an answer to older
//! text never replaces a newer one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use tui_input::{Input, InputRequest};

use crate::model::{ClientSummary, ViewPage, ViewQuery};

use super::super::action::Command;
use super::super::app::App;
use super::super::effect::Effect;
use super::super::{layout, strings, text};
use super::Popup;

/// How many matches the picker lists.
const ROWS: usize = 8;

/// The open picker.
#[derive(Debug, Clone)]
pub(crate) struct Picker {
    pub(crate) title: String,
    pub(crate) input: Input,
    pub(crate) rows: Vec<ClientSummary>,
    pub(crate) selected: usize,
    /// The number of the latest request; older answers are dropped.
    pub(crate) seq: u64,
    /// True once an answer to the latest request arrived.
    pub(crate) answered: bool,
}

/// Opens the picker to choose the client of a new subscription.
pub(crate) fn open_for_subscription(app: &mut App, fx: &mut Vec<Effect>) {
    app.stack.set_popup(Popup::PickClient(Picker {
        title: strings::pick_for_subscription().to_owned(),
        input: Input::default(),
        rows: Vec::new(),
        selected: 0,
        seq: 0,
        answered: false,
    }));
    ask(app, fx);
}

fn picker(app: &mut App) -> Option<&mut Picker> {
    match app.stack.popup_mut() {
        Some(Popup::PickClient(p)) => Some(p),
        _ => None,
    }
}

/// Asks for the clients matching the text typed so far.
fn ask(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(p) = picker(app) else { return };
    p.seq += 1;
    p.answered = false;
    fx.push(Effect::PickClients {
        seq: p.seq,
        query: ViewQuery {
            search: p.input.value().to_owned(),
            include_inactive: true,
            limit: ROWS,
            ..ViewQuery::default()
        },
    });
}

/// An answer arrived; only the latest request's is kept.
pub(crate) fn picked(app: &mut App, seq: u64, page: ViewPage) {
    let Some(p) = picker(app) else { return };
    if seq != p.seq {
        return;
    }
    p.rows = page.rows;
    p.selected = 0;
    p.answered = true;
}

/// The picker's keys.
pub(crate) fn command(app: &mut App, mut p: Picker, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Down => p.selected = (p.selected + 1).min(p.rows.len().saturating_sub(1)),
        Command::Up => p.selected = p.selected.saturating_sub(1),
        Command::Choose => {
            if let Some(row) = p.rows.get(p.selected) {
                // The popup closes; the form opens when the client arrives.
                fx.push(Effect::LoadSubscriptionBase { id: row.id });
                return;
            }
        }
        Command::Close => return,
        _ => {}
    }
    app.stack.set_popup(Popup::PickClient(p));
}

/// A key typed into the picker's search box.
pub(crate) fn input(app: &mut App, request: InputRequest, fx: &mut Vec<Effect>) {
    let Some(p) = picker(app) else { return };
    if p.input.handle(request).is_some_and(|c| c.value) {
        ask(app, fx);
    }
}

/// Text pasted into the picker's search box.
pub(crate) fn paste(app: &mut App, pasted: &str, fx: &mut Vec<Effect>) {
    let Some(p) = picker(app) else { return };
    for c in pasted.chars().filter(|c| !c.is_control()) {
        p.input.handle(InputRequest::InsertChar(c));
    }
    ask(app, fx);
}

/// Where the picker is drawn.
fn outer(area: Rect) -> Rect {
    let w = 72.min(area.width.saturating_sub(4));
    layout::centered(area, w, ROWS as u16 + 4)
}

/// Draws the picker over the screen.
pub(crate) fn render(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let inner = super::view::frame(app, &p.title, outer(area), buf);
    if inner.height < 2 {
        return;
    }
    let w = usize::from(inner.width);
    let label = crate::tui::strings::search_label();
    let lw = text::width(label) as u16 + 1;
    buf.set_stringn(inner.x, inner.y, label, w, theme.heading());
    let iw = inner.width.saturating_sub(lw);
    let skip = p.input.visual_scroll(usize::from(iw.saturating_sub(1)));
    let shown = text::pad(&text::window(p.input.value(), skip, iw.into()), iw.into());
    buf.set_stringn(inner.x + lw, inner.y, shown, iw.into(), theme.input());
    let note = if p.rows.is_empty() && p.answered {
        strings::pick_nothing()
    } else {
        strings::pick_hint()
    };
    buf.set_stringn(inner.x, inner.y + 1, text::fit(note, w), w, theme.dim());
    for (i, row) in p
        .rows
        .iter()
        .enumerate()
        .take(usize::from(inner.height.saturating_sub(2)))
    {
        let y = inner.y + 2 + i as u16;
        let selected = i == p.selected;
        let mut s = String::from(if selected { "> " } else { "  " });
        s.push_str(&text::clean(&row.name));
        if !row.number.is_empty() {
            s.push_str(&format!(
                "  {}",
                strings::client_no(&text::clean(&row.number))
            ));
        }
        if !row.active {
            s.push_str(strings::inactive_word());
        }
        let style = if row.active {
            Style::new()
        } else {
            theme.dim()
        };
        buf.set_stringn(inner.x, y, text::pad(&s, w), w, style);
        if selected {
            let r = Rect {
                x: inner.x,
                y,
                width: inner.width,
                height: 1,
            };
            buf.set_style(r, theme.selected());
        }
    }
}

/// Where the terminal cursor goes: in the picker's search box.
pub(crate) fn cursor(p: &Picker, area: Rect) -> Option<Position> {
    let o = outer(area);
    if o.height < 4 || o.width < 4 {
        return None;
    }
    let inner = Rect {
        x: o.x + 1,
        y: o.y + 1,
        width: o.width - 2,
        height: o.height - 2,
    };
    let lw = text::width(crate::tui::strings::search_label()) as u16 + 1;
    let iw = inner.width.saturating_sub(lw);
    let column = p
        .input
        .visual_cursor()
        .saturating_sub(p.input.visual_scroll(usize::from(iw.saturating_sub(1))));
    Some(Position::new(
        inner.x + lw + (column as u16).min(iw),
        inner.y,
    ))
}
