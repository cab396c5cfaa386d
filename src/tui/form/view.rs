//! Drawing a form: a title, the fields by section with their labels on
//! the left and their messages on the right, and a line at the bottom
//! with the focused field's full message. The form scrolls to keep the
//! focused field on screen; the same geometry places the cursor and
//! answers mouse clicks.

use super::super::app::App;
use super::super::{strings, text};
use super::line::{Columns, FieldLine};
use super::{Form, Value};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// Width of the label column.
const LABEL_WIDTH: u16 = 20;

/// One screen line of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Blank,
    Heading(&'static str),
    Field { index: usize, line: usize },
}

fn rows(form: &Form) -> Vec<Row> {
    let mut out = Vec::new();
    for (index, f) in form.fields.iter().enumerate() {
        if let Some(title) = f.section {
            if index > 0 {
                out.push(Row::Blank);
            }
            out.push(Row::Heading(title));
        }
        out.extend((0..f.height()).map(|line| Row::Field { index, line }));
    }
    out
}

/// Where everything goes for a form in a body area.
struct Geometry {
    rows: Vec<Row>,
    /// The first row shown.
    first: usize,
    /// The screen line of the first row shown.
    top: u16,
    /// How many rows show.
    height: u16,
    cols: Columns,
    message_y: u16,
}

fn geometry(form: &Form, body: Rect) -> Geometry {
    let rows = rows(form);
    let top = body.y + 1 + u16::from(form.changed_by.is_some() || form.restored.is_some());
    let message_y = body
        .bottom()
        .saturating_sub(message_lines(form, body.width).len() as u16);
    let height = message_y.saturating_sub(top);
    let focus_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Field { index, .. } if *index == form.focus))
        .map(|(i, _)| i)
        .collect();
    let end = focus_rows.last().map_or(0, |i| i + 1);
    let start = focus_rows.first().copied().unwrap_or(0);
    // Show the section heading above the first field of a section too.
    let start = if start >= 1 && matches!(rows[start - 1], Row::Heading(_)) {
        start - 1
    } else {
        start
    };
    let h = usize::from(height);
    let first = if end > h { (end - h).min(start) } else { 0 };
    Geometry {
        rows,
        first,
        top,
        height,
        cols: Columns::beside_labels(body, LABEL_WIDTH, 44),
        message_y,
    }
}

/// Draws a form in the body.
pub(crate) fn render(app: &App, form: &Form, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let g = geometry(form, body);
    let width = usize::from(body.width);
    buf.set_stringn(
        body.x,
        body.y,
        text::fit(&form.title(), width),
        width,
        theme.heading(),
    );
    let note = strings::required_note();
    let nw = text::width(note) as u16;
    if body.width > nw + 20 {
        buf.set_string(body.right() - nw, body.y, note, theme.dim());
    }
    if let Some(who) = &form.changed_by {
        let note = text::fit(&strings::changed_by_note(who), width);
        buf.set_stringn(body.x, body.y + 1, note, width, theme.warning());
    } else if let Some(n) = form.restored {
        let note = text::fit(&strings::restored_banner(n), width);
        buf.set_stringn(body.x, body.y + 1, note, width, theme.warning());
    }
    for (k, row) in g
        .rows
        .iter()
        .skip(g.first)
        .take(usize::from(g.height))
        .enumerate()
    {
        let y = g.top + k as u16;
        match *row {
            Row::Blank => {}
            Row::Heading(title) => {
                buf.set_stringn(body.x, y, title, width, theme.heading());
            }
            Row::Field { index, line } => FieldLine {
                field: &form.fields[index],
                focused: index == form.focus,
                tried: form.tried,
                line,
            }
            .render(&g.cols, y, theme, buf),
        }
    }
    message(app, form, g.message_y, body, buf);
}

/// The line under the form: the focused field's error once it matters,
/// else how to fill it in; true for an error.
fn message_text(form: &Form) -> Option<(String, bool)> {
    let f = form.focused()?;
    Some(match &f.error {
        Some(rule) if f.touched || form.tried => (strings::field_error(f.label, rule), true),
        _ => match &f.value {
            Value::Pick { .. } if !f.locked => (strings::pick_help(), false),
            Value::Lines { .. } => (strings::notes_help(), false),
            _ => (f.hint.clone().unwrap_or_default(), false),
        },
    })
}

/// The most lines the message under the form takes.
const MESSAGE_LINES: usize = 3;

/// The message under the form, wrapped to the body's width (at least one
/// line, at most [`MESSAGE_LINES`], the last cut with "…" if need be).
fn message_lines(form: &Form, width: u16) -> Vec<String> {
    let w = usize::from(width);
    let text_ = message_text(form).map(|(t, _)| t).unwrap_or_default();
    let mut lines = text::wrap(&text_, w);
    if lines.len() > MESSAGE_LINES {
        let rest = lines[MESSAGE_LINES - 1..].join(" ");
        lines.truncate(MESSAGE_LINES - 1);
        lines.push(text::fit(&rest, w));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn message(app: &App, form: &Form, y: u16, body: Rect, buf: &mut Buffer) {
    let Some((_, alert)) = message_text(form) else {
        return;
    };
    let style = if alert {
        app.theme.alert()
    } else {
        app.theme.dim()
    };
    let width = usize::from(body.width);
    for (i, line) in message_lines(form, body.width).iter().enumerate() {
        let at = y + i as u16;
        if at >= body.bottom() {
            break;
        }
        buf.set_stringn(body.x, at, text::fit(line, width), width, style);
    }
}

/// Where the terminal cursor goes: in the focused text field.
pub(crate) fn cursor(form: &Form, body: Rect) -> Option<Position> {
    let g = geometry(form, body);
    let f = form.focused()?;
    let w = g.cols.width_of(f);
    let (line, column) = match &f.value {
        Value::Text(i) => (
            0,
            i.visual_cursor()
                .saturating_sub(i.visual_scroll(w.saturating_sub(1))),
        ),
        Value::Lines { lines, row } => {
            let first = row.saturating_sub(f.height() - 1);
            let i = &lines[*row];
            (
                row - first,
                i.visual_cursor()
                    .saturating_sub(i.visual_scroll(w.saturating_sub(1))),
            )
        }
        Value::Pick { .. } => return None,
    };
    if f.locked {
        return None;
    }
    let at = g.rows.iter().position(|r| {
        *r == Row::Field {
            index: form.focus,
            line,
        }
    })?;
    let k = at.checked_sub(g.first)?;
    (k < usize::from(g.height))
        .then(|| Position::new(g.cols.input_x + column.min(w) as u16, g.top + k as u16))
}

/// The field drawn on a screen line, for mouse clicks.
pub(crate) fn field_at(form: &Form, body: Rect, y: u16) -> Option<usize> {
    let g = geometry(form, body);
    let k = usize::from(y.checked_sub(g.top)?);
    if k >= usize::from(g.height) {
        return None;
    }
    match g.rows.get(g.first + k)? {
        Row::Field { index, .. } => Some(*index),
        _ => None,
    }
}
