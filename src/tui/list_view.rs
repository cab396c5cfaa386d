//! Drawing the client list: the search box, the column headers with the
//! sort arrow, and the rows on screen, nothing more. Only the rows in view
//! are built, so a frame costs the same at 2,000 or 1,000,000 clients.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::ClientSummary;

use super::app::App;
use super::columns::{self, Placed};
use super::{hidden, layout, strings, text};

/// Draws the list in the body.
pub(crate) fn render(app: &App, body: Rect, buf: &mut Buffer) {
    let list = &app.list;
    let theme = &app.theme;
    let areas = layout::list(body, list.search.is_some());
    if let Some(r) = areas.search {
        search_box(app, r, buf);
    }
    let placed = placed(app, body.width);
    buf.set_style(areas.columns, theme.heading());
    for p in &placed {
        let mut title = strings::column(p.column).to_owned();
        if list.query.sort == p.column {
            title = text::fit(&title, usize::from(p.width).saturating_sub(2));
            title.push_str(if list.query.descending {
                " ▼"
            } else {
                " ▲"
            });
        }
        let cell = if columns::right_aligned(p.column) {
            text::pad_left(&title, p.width.into())
        } else {
            text::pad(&title, p.width.into())
        };
        buf.set_stringn(
            areas.columns.x + p.x,
            areas.columns.y,
            cell,
            p.width.into(),
            theme.heading(),
        );
    }
    let rows = areas.rows;
    if !list.loaded {
        buf.set_stringn(
            rows.x + 2,
            rows.y,
            strings::loading(),
            rows.width.into(),
            theme.dim(),
        );
        return;
    }
    let extras = hidden::extras(&list.page);
    if list.total() == 0 && extras.is_empty() {
        return empty(app, rows, buf);
    }
    for i in 0..rows.height {
        let index = list.scroll + usize::from(i);
        let line = Rect {
            x: rows.x,
            y: rows.y + i,
            width: rows.width,
            height: 1,
        };
        let selected = index == list.selected;
        if index >= list.total() {
            match extras.get(index - list.total()) {
                Some(extra) => hidden::draw(app, extra, selected, &placed, line, buf),
                None => break,
            }
            continue;
        }
        match list.row(index) {
            Some(row) => {
                let k = index.checked_sub(list.page.offset);
                let marks = k
                    .and_then(|k| list.page.highlights.get(k))
                    .map_or(&[][..], Vec::as_slice);
                let found = k
                    .and_then(|k| list.page.found.get(k))
                    .and_then(Option::as_ref);
                draw_row(app, row, selected, &placed, line, buf, marks, false);
                if let Some(f) = found {
                    found_label(app, row, f, &placed, line, buf);
                }
            }
            None => {
                buf.set_stringn(line.x + 2, line.y, text::ELLIPSIS, 1, theme.dim());
            }
        }
    }
}

/// The list's columns on a screen `width` wide, for the rows it holds
/// (measured when they arrived).
pub(crate) fn placed(app: &App, width: u16) -> Vec<Placed> {
    columns::place(width, &app.list.content())
}

/// Draws one client row; `marks` are the name's characters the search
/// matched, and a `quiet` row (a hidden match) is drawn dim.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_row(
    app: &App,
    row: &ClientSummary,
    selected: bool,
    placed: &[Placed],
    line: Rect,
    buf: &mut Buffer,
    marks: &[usize],
    quiet: bool,
) {
    let theme = &app.theme;
    let marked = app.list.marked.contains_key(&row.id);
    let base = if !row.active || quiet {
        theme.dim()
    } else if marked {
        theme.marked()
    } else {
        Style::new()
    };
    buf.set_string(line.x, line.y, if selected { ">" } else { " " }, base);
    buf.set_string(line.x + 1, line.y, if marked { "*" } else { " " }, base);
    for p in placed {
        let x = line.x + p.x;
        let w = usize::from(p.width);
        if p.column == crate::model::SortColumn::Name && !row.active {
            let tag = strings::inactive_tag();
            let tag_w = text::width(tag).min(w);
            highlighted(app, &row.name, marks, x, line.y, w - tag_w, base, buf);
            buf.set_stringn(x + (w - tag_w) as u16, line.y, tag, tag_w, theme.warning());
            continue;
        }
        if p.column == crate::model::SortColumn::Name && !marks.is_empty() {
            highlighted(app, &row.name, marks, x, line.y, w, base, buf);
            continue;
        }
        let (value, alarm) = columns::cell(p.column, row, app.today, p.width);
        let cell = if columns::right_aligned(p.column) {
            text::pad_left(&value, w)
        } else {
            text::pad(&value, w)
        };
        let style = if alarm {
            base.patch(theme.alert())
        } else {
            base
        };
        buf.set_stringn(x, line.y, cell, w, style);
    }
    if selected {
        buf.set_style(line, theme.selected());
    }
}

/// Says, after a name, which other field the search found the client
/// through (`contact: frechette`), when the name column has room.
fn found_label(
    app: &App,
    row: &ClientSummary,
    found: &crate::model::FoundIn,
    placed: &[Placed],
    line: Rect,
    buf: &mut Buffer,
) {
    let Some(p) = placed
        .iter()
        .find(|p| p.column == crate::model::SortColumn::Name)
    else {
        return;
    };
    let w = usize::from(p.width);
    let mut name_w = text::width(&text::clean(&row.name));
    if !row.active {
        name_w += text::width(strings::inactive_tag());
    }
    let label = strings::found_in(found.field, &text::clean(&found.text));
    let room = w.saturating_sub(name_w + 2);
    if room < 12 {
        return;
    }
    let label = text::fit(&label, room);
    let x = line.x + p.x + (w - text::width(&label)) as u16;
    buf.set_stringn(x, line.y, &label, room, app.theme.dim());
}

/// Draws a name cut to `w` columns with the characters the search
/// matched in bold and underlined, which shows without colour too.
#[allow(clippy::too_many_arguments)]
fn highlighted(
    app: &App,
    name: &str,
    marks: &[usize],
    x: u16,
    y: u16,
    w: usize,
    base: Style,
    buf: &mut Buffer,
) {
    use unicode_segmentation::UnicodeSegmentation;
    let shown = text::fit(name, w);
    // A cut name ends with an ellipsis; the characters before it are the
    // name's own, one for one (cleaning keeps the count).
    let cut = text::width(&text::clean(name)) > w;
    let mut graphemes: Vec<&str> = shown.graphemes(true).collect();
    let tail = if cut { graphemes.pop() } else { None };
    let lit = base.patch(app.theme.matched());
    let mut col = 0usize;
    let mut at = 0usize;
    for g in graphemes {
        let chars = g.chars().count();
        let on = (at..at + chars).any(|i| marks.binary_search(&i).is_ok());
        let gw = text::width(g);
        buf.set_stringn(x + col as u16, y, g, gw, if on { lit } else { base });
        col += gw;
        at += chars;
    }
    if let Some(t) = tail {
        buf.set_stringn(x + col as u16, y, t, 1, base);
        col += text::width(t);
    }
    if col < w {
        buf.set_stringn(x + col as u16, y, " ".repeat(w - col), w - col, base);
    }
}

/// The search box's width, beside its label and the note saying that
/// only the closest names were found.
fn input_width(app: &App, area: Rect) -> (u16, Option<u16>) {
    let lw = text::width(strings::search_label()) as u16;
    let w = area.width.saturating_sub(lw + 1);
    // The note describes the rows on screen, so it follows the last answer.
    let closest = app.list.page.search.as_ref().is_some_and(|s| s.closest);
    if !closest {
        return (w, None);
    }
    // The note takes the right end; the box keeps at least 12 columns.
    let nw = (text::width(strings::closest_names()) as u16).min(w.saturating_sub(14));
    if nw == 0 {
        return (w, None);
    }
    (w - nw - 2, Some(nw))
}

fn search_box(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(input) = &app.list.search else {
        return;
    };
    let label = strings::search_label();
    let lw = text::width(label) as u16;
    buf.set_stringn(area.x, area.y, label, area.width.into(), theme.heading());
    let (w, note) = input_width(app, area);
    if let Some(nw) = note {
        let note = text::fit(strings::closest_names(), nw.into());
        buf.set_stringn(area.right() - nw, area.y, note, nw.into(), theme.warning());
    }
    let skip = input.visual_scroll(usize::from(w.saturating_sub(1)));
    let shown = text::pad(&text::window(input.value(), skip, w.into()), w.into());
    let style = if app.list.search_focused {
        theme.input()
    } else {
        Style::new()
    };
    buf.set_stringn(area.x + lw + 1, area.y, shown, w.into(), style);
}

/// Where the cursor goes while the search box has the focus.
pub(crate) fn search_cursor(app: &App, body: Rect) -> Option<ratatui::layout::Position> {
    let input = app
        .list
        .search
        .as_ref()
        .filter(|_| app.list.search_focused)?;
    let area = layout::list(body, true).search?;
    let lw = text::width(strings::search_label()) as u16;
    let (w, _) = input_width(app, area);
    let column = input
        .visual_cursor()
        .saturating_sub(input.visual_scroll(usize::from(w.saturating_sub(1))));
    Some(ratatui::layout::Position::new(
        area.x + lw + 1 + column as u16,
        area.y,
    ))
}

fn empty(app: &App, rows: Rect, buf: &mut Buffer) {
    let q = &app.list.query;
    let hidden = app.list.page.inactive_hidden;
    let key = |c| {
        app.keymap
            .key_label(super::keymap::Screen::List, c)
            .unwrap_or_default()
    };
    use super::action::Command;
    let mut lines = Vec::new();
    if !q.search.is_empty() {
        lines.push(strings::no_match(&q.search));
    } else if q.kind.is_some() || q.lead != crate::model::LeadFilter::Any {
        lines.push(strings::no_match_filters(&key(Command::Filters)));
    } else if hidden == 0 {
        lines.push(strings::no_clients(&key(Command::Add)));
    } else {
        lines.push(strings::all_inactive().to_owned());
    }
    if hidden > 0 {
        lines.push(strings::inactive_match(
            hidden,
            &key(Command::ToggleInactive),
        ));
    }
    for (i, l) in lines.iter().enumerate().take(usize::from(rows.height)) {
        buf.set_stringn(
            rows.x + 2,
            rows.y + i as u16,
            l,
            usize::from(rows.width.saturating_sub(2)),
            app.theme.dim(),
        );
    }
}
