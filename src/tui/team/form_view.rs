//! Drawing the member form: a title, one line per field with its label on
//! the left and its message on the right, and the focused field's full
//! message at the bottom. Four fields always fit, so it never scrolls.

use super::super::app::App;
use super::super::form::Value;
use super::super::form::line::{Columns, FieldLine};
use super::super::{strings, text};
use super::form::MemberForm;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// Width of the label column.
const LABEL_WIDTH: u16 = 16;

/// Where the fields go: the first one's line, and the columns.
struct Geometry {
    top: u16,
    cols: Columns,
}

fn geometry(body: Rect) -> Geometry {
    Geometry {
        top: body.y + 2,
        cols: Columns::beside_labels(body, LABEL_WIDTH, 40),
    }
}

/// Draws the member form in the body.
pub(crate) fn render(app: &App, form: &MemberForm, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let g = geometry(body);
    let width = usize::from(body.width);
    buf.set_stringn(
        body.x,
        body.y,
        text::fit(&form.title(), width),
        width,
        theme.heading(),
    );
    let note = crate::tui::strings::required_note();
    let nw = text::width(note) as u16;
    if body.width > nw + 20 {
        buf.set_string(body.right() - nw, body.y, note, theme.dim());
    }
    for (i, f) in form.fields.iter().enumerate() {
        let y = g.top + i as u16;
        if y >= body.bottom().saturating_sub(1) {
            break;
        }
        FieldLine {
            field: f,
            focused: i == form.focus,
            tried: form.tried,
            line: 0,
        }
        .render(&g.cols, y, theme, buf);
    }
    message(app, form, body, buf);
}

/// The focused field's full message, on the body's last line.
fn message(app: &App, form: &MemberForm, body: Rect, buf: &mut Buffer) {
    let Some(f) = form.focused() else { return };
    let (words, style) = match &f.error {
        Some(rule) if f.touched || form.tried => {
            (strings::field_error(f.label, rule), app.theme.alert())
        }
        _ => (f.hint.clone().unwrap_or_default(), app.theme.dim()),
    };
    let width = usize::from(body.width);
    let y = body.bottom().saturating_sub(1);
    buf.set_stringn(body.x, y, text::fit(&words, width), width, style);
}

/// The field drawn on a screen line, for mouse clicks.
pub(crate) fn field_at(form: &MemberForm, body: Rect, y: u16) -> Option<usize> {
    let g = geometry(body);
    let i = usize::from(y.checked_sub(g.top)?);
    (i < form.fields.len() && y < body.bottom().saturating_sub(1)).then_some(i)
}

/// Where the terminal cursor goes: in the focused text field.
pub(crate) fn cursor(form: &MemberForm, body: Rect) -> Option<Position> {
    let g = geometry(body);
    let f = form.focused()?;
    let Value::Text(input) = &f.value else {
        return None;
    };
    let w = usize::from(g.cols.input_w);
    let column = input
        .visual_cursor()
        .saturating_sub(input.visual_scroll(w.saturating_sub(1)));
    let y = g.top + form.focus as u16;
    (y < body.bottom().saturating_sub(1))
        .then(|| Position::new(g.cols.input_x + column.min(w) as u16, y))
}
