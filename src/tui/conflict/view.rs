//! Drawing the conflict view: for each piece that differs, what the other
//! person's version holds, what this user's holds, and which is kept.
//! The selected piece shows its values in full, wrapped; the others one
//! line each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::ids::mask;

use super::super::action::Command;
use super::super::app::App;
use super::super::keymap::Screen;
use super::super::{strings, text};
use super::{Conflict, Row, Side};

/// Columns before a side's name: the indent and the tick box.
const MARK_W: usize = 8;

/// The narrowest a side's name is padded to.
const SIDE_MIN: usize = 7;

/// The narrowest the pieces' names are padded to.
const PIECE_MIN: usize = 22;

/// Columns before a value: the tick box and the side's name, as long as
/// the longer name needs in the app's language.
fn value_x() -> usize {
    let side = text::width(strings::theirs())
        .max(text::width(strings::yours()))
        .max(SIDE_MIN);
    MARK_W + side + 1
}

/// The most lines one value takes when its piece is selected.
const MAX_VALUE_LINES: usize = 4;

pub(crate) fn render(app: &App, c: &Conflict, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = usize::from(body.width);
    let title = strings::conflict_title(&c.theirs.display_name);
    buf.set_stringn(
        body.x,
        body.y,
        text::fit(&title, width),
        width,
        theme.warning(),
    );
    let who = c
        .theirs
        .updated
        .as_ref()
        .map(|s| app.member_name(s.by))
        .unwrap_or_default();
    let explain = strings::conflict_explain(&who, c.undecided());
    buf.set_stringn(
        body.x,
        body.y + 1,
        text::fit(&explain, width),
        width,
        theme.dim(),
    );
    let top = body.y + 3;
    let room = body.bottom().saturating_sub(top);
    if c.rows.is_empty() {
        let key = app
            .keymap
            .key_label(Screen::Conflict, Command::Save)
            .unwrap_or_default();
        let note = text::fit(&strings::conflict_nothing(&key), width.saturating_sub(2));
        buf.set_stringn(body.x + 2, top, note, width, theme.dim());
        return;
    }
    let value_w = usize::from(body.width).saturating_sub(value_x()).max(10);
    let lines: Vec<(Vec<String>, Vec<String>)> = c
        .rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let most = if k == c.selected { MAX_VALUE_LINES } else { 1 };
            (
                value_lines(c, row, &row.theirs, value_w, most),
                value_lines(c, row, &row.mine, value_w, most),
            )
        })
        .collect();
    let height = |k: usize| 1 + lines[k].0.len() + lines[k].1.len();
    // The first piece shown: as far back as still leaves the selected one
    // whole on screen.
    let mut first = c.selected;
    let mut used = height(first);
    while first > 0 && used + height(first - 1) <= usize::from(room) {
        first -= 1;
        used += height(first);
    }
    let mut y = top;
    for (k, row) in c.rows.iter().enumerate().skip(first) {
        if y >= body.bottom() {
            break;
        }
        let area = Rect {
            x: body.x,
            y,
            width: body.width,
            height: body.bottom() - y,
        };
        y += draw_row(app, c, row, k == c.selected, &lines[k], area, buf);
    }
}

/// A value as shown: masked if it is a tax identifier, cut into lines.
fn value_lines(c: &Conflict, row: &Row, value: &str, width: usize, most: usize) -> Vec<String> {
    let v = if row.piece.is_sensitive() && !c.reveal {
        mask(value)
    } else {
        value.replace('\n', " / ")
    };
    let v = if v.is_empty() {
        strings::empty_value().to_owned()
    } else {
        v
    };
    let mut out = text::wrap(&v, width);
    if out.len() > most {
        out.truncate(most);
        let last = out.pop().unwrap_or_default();
        out.push(text::fit(&format!("{last} {}", text::ELLIPSIS), width));
    }
    out
}

/// Draws one piece and returns how many lines it took.
fn draw_row(
    app: &App,
    c: &Conflict,
    row: &Row,
    selected: bool,
    lines: &(Vec<String>, Vec<String>),
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let theme = &app.theme;
    let state = match (row.contested, row.choice) {
        (true, None) => Span::styled(strings::both_changed_choose(), theme.alert()),
        (true, Some(_)) => Span::styled(strings::both_changed(), theme.warning()),
        (false, _) if row.base.as_deref() == Some(row.theirs.as_str()) => {
            Span::styled(strings::only_you_changed(), theme.dim())
        }
        (false, _) => Span::styled(strings::only_they_changed(), theme.dim()),
    };
    let label_w = c
        .rows
        .iter()
        .map(|r| text::width(&r.label))
        .fold(PIECE_MIN, usize::max);
    let label = text::pad(&row.label, label_w);
    let mut head = vec![
        Span::raw(if selected { "> " } else { "  " }),
        Span::styled(label, theme.heading()),
        state,
    ];
    let used = 2 + label_w + text::width(&head[2].content);
    if let Some(b) = &row.base {
        let was = value_lines(c, row, b, usize::MAX / 2, 1).concat();
        let room = usize::from(area.width).saturating_sub(used + 2);
        head.push(Span::styled(
            format!("  {}", text::fit(&strings::was(&was), room)),
            theme.dim(),
        ));
    }
    let w = area.width;
    buf.set_line(area.x, area.y, &Line::from(head), w);
    if selected {
        buf.set_style(Rect { height: 1, ..area }, theme.selected());
    }
    let mut y = area.y + 1;
    for (side, name, style, values) in [
        (Side::Theirs, strings::theirs(), theme.theirs(), &lines.0),
        (Side::Mine, strings::yours(), theme.mine(), &lines.1),
    ] {
        let mark = if row.choice == Some(side) {
            "[x]"
        } else {
            "[ ]"
        };
        for (i, value) in values.iter().enumerate() {
            if y >= area.bottom() {
                return y - area.y;
            }
            let lead = if i == 0 {
                vec![
                    Span::raw(format!("    {mark} ")),
                    Span::styled(text::pad(name, value_x() - MARK_W), style),
                ]
            } else {
                vec![Span::raw(" ".repeat(value_x()))]
            };
            let mut spans = lead;
            spans.push(Span::raw(value.clone()));
            buf.set_line(area.x, y, &Line::from(spans), w);
            y += 1;
        }
    }
    y - area.y
}
