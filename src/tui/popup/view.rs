//! Drawing popups: the help (from the keymap), menus and pick lists, and
//! questions with their answer keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::super::action::Command;
use super::super::app::App;
use super::super::keymap::Screen;
use super::super::{layout, strings, text};
use super::{Confirm, Menu, Popup};

pub(crate) fn render(app: &App, popup: &Popup, area: Rect, buf: &mut Buffer) {
    match popup {
        Popup::Help { screen, scroll } => help(app, *screen, *scroll, area, buf),
        Popup::Menu(menu) => self::menu(app, menu, area, buf),
        Popup::Confirm(c) => confirm(app, c, area, buf),
        Popup::PickClient(p) => super::pick::render(app, p, area, buf),
    }
}

pub(super) fn frame(app: &App, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    // A wide character just left of the box would spill into its border.
    if area.x > 0 {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_style(app.theme.border())
        .title(Span::styled(
            format!(" {} ", text::clean(title)),
            app.theme.heading(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The narrowest the help's column of keys gets.
const HELP_KEYS: usize = 22;

/// The lines of the help for a screen: its keys, then the keys that work
/// everywhere, then the editing keys where text is typed. The column of
/// keys is as wide as its widest entry needs.
/// The help's lines for a screen, each description wrapped to fit `width`
/// columns.
pub(crate) fn help_lines(app: &App, screen: Screen, width: usize) -> Vec<Line<'static>> {
    // A title, or keys with what they do.
    let mut rows: Vec<(String, Option<&'static str>)> = Vec::new();
    let mut section = |title: String, s: Screen| {
        rows.push((title, None));
        for b in app.keymap.bindings(s).iter().filter(|b| !b.keys.is_empty()) {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ");
            rows.push((keys, Some(super::super::strings::describe(s, b.command))));
        }
        rows.push((String::new(), None));
    };
    section(strings::help_section(screen), screen);
    section(strings::help_section(Screen::Global), Screen::Global);
    if matches!(screen, Screen::Form | Screen::Search | Screen::Picker) {
        rows.push((strings::editing_keys_title().to_owned(), None));
        rows.extend(
            strings::editing_keys()
                .into_iter()
                .map(|(keys, what)| (keys, Some(what))),
        );
    }
    let keys_w = rows
        .iter()
        .filter(|(_, what)| what.is_some())
        .map(|(keys, _)| text::width(keys))
        .fold(HELP_KEYS, usize::max);
    let what_w = width.saturating_sub(keys_w + 3).max(1);
    let mut lines = Vec::with_capacity(rows.len());
    for (keys, what) in rows {
        match what {
            // A description too long for its column goes on below, under
            // itself, rather than being cut.
            Some(what) => {
                for (i, part) in text::wrap(what, what_w).into_iter().enumerate() {
                    let keys = if i == 0 { keys.as_str() } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {} ", text::pad(keys, keys_w)), app.theme.key()),
                        Span::raw(part),
                    ]));
                }
            }
            None if keys.is_empty() => lines.push(Line::default()),
            None => lines.push(Line::from(Span::styled(
                text::fit(&keys, width),
                app.theme.heading(),
            ))),
        }
    }
    lines
}

fn help(app: &App, screen: Screen, scroll: usize, area: Rect, buf: &mut Buffer) {
    let w = 74.min(area.width.saturating_sub(2));
    let lines = help_lines(app, screen, w.saturating_sub(2).into());
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let outer = layout::centered(area, w, h);
    let inner = frame(app, strings::help_title(), outer, buf);
    let first = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    for (i, line) in lines
        .iter()
        .skip(first)
        .take(inner.height.into())
        .enumerate()
    {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
}

/// Where a menu is drawn, for clicks.
pub(crate) fn menu_area(menu: &Menu, area: Rect) -> Rect {
    let widest = menu
        .items
        .iter()
        .map(|i| text::width(&i.label))
        .max()
        .unwrap_or(0);
    let w = (widest + 10).max(text::width(&menu.title) + 6).max(30) as u16;
    let h = menu.items.len() as u16 + 2;
    layout::centered(
        area,
        w.min(area.width.saturating_sub(4)),
        h.min(area.height.saturating_sub(2)),
    )
}

/// The first menu line shown, so that the selection stays in view.
pub(crate) fn menu_first(menu: &Menu, inner_height: u16) -> usize {
    menu.selected
        .saturating_sub(usize::from(inner_height.max(1)) - 1)
}

fn menu(app: &App, menu: &Menu, area: Rect, buf: &mut Buffer) {
    let outer = menu_area(menu, area);
    let inner = frame(app, &menu.title, outer, buf);
    let first = menu_first(menu, inner.height);
    for (k, item) in menu
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(inner.height.into())
    {
        let y = inner.y + (k - first) as u16;
        let line = Rect {
            x: inner.x,
            y,
            width: inner.width,
            height: 1,
        };
        if item.choice.is_none() {
            buf.set_stringn(
                inner.x,
                y,
                text::fit(&item.label, inner.width.into()),
                inner.width.into(),
                app.theme.heading(),
            );
            continue;
        }
        let selected = k == menu.selected;
        let mut s = String::from(if selected { "> " } else { "  " });
        s.push_str(
            &item
                .hotkey
                .map_or_else(|| "  ".to_owned(), |c| format!("{c} ")),
        );
        match item.checked {
            Some(true) => s.push_str("[x] "),
            Some(false) => s.push_str("[ ] "),
            None => {}
        }
        s.push_str(&item.label);
        buf.set_stringn(
            inner.x,
            y,
            text::pad(&s, inner.width.into()),
            inner.width.into(),
            Style::new(),
        );
        if selected {
            buf.set_style(line, app.theme.selected());
        }
    }
}

fn confirm(app: &App, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let w = 66.min(area.width.saturating_sub(4));
    let lines = text::wrap(&c.text, usize::from(w.saturating_sub(2)));
    let outer = layout::centered(area, w, lines.len() as u16 + 4);
    let inner = frame(app, &c.title, outer, buf);
    for (i, l) in lines
        .iter()
        .take(usize::from(inner.height.saturating_sub(2)))
        .enumerate()
    {
        buf.set_stringn(
            inner.x,
            inner.y + i as u16,
            l,
            inner.width.into(),
            Style::new(),
        );
    }
    let key = |cmd| {
        app.keymap
            .key_label(Screen::Confirm, cmd)
            .unwrap_or_default()
    };
    let mut spans = vec![
        Span::styled(key(Command::Yes), app.theme.key()),
        Span::raw(format!(" {}   ", c.yes)),
        Span::styled(key(Command::No), app.theme.key()),
        Span::raw(format!(" {}", c.no)),
    ];
    if let Some(cancel) = &c.cancel {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(key(Command::Cancel), app.theme.key()));
        spans.push(Span::raw(format!(" {cancel}")));
    }
    buf.set_line(
        inner.x,
        inner.bottom().saturating_sub(1),
        &Line::from(spans),
        inner.width,
    );
}
