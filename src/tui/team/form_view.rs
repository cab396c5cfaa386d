//! Drawing the member form: a title, one line per field with its label on
//! the left and its message on the right, and the focused field's full
//! message at the bottom. Four fields always fit, so it never scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::super::app::App;
use super::super::form::{FormField, Value};
use super::super::{strings, text};
use super::form::MemberForm;

/// Width of the label column.
const LABEL_WIDTH: u16 = 16;

/// Where the inputs and their notes go.
struct Geometry {
    top: u16,
    input_x: u16,
    input_w: u16,
    note_x: u16,
    note_w: u16,
}

fn geometry(body: Rect) -> Geometry {
    let input_x = body.x + 2 + LABEL_WIDTH + 1;
    let room = body.right().saturating_sub(input_x);
    let input_w = (room / 2).clamp(12, 40).min(room);
    let note_x = input_x + input_w + 2;
    Geometry {
        top: body.y + 2,
        input_x,
        input_w,
        note_x,
        note_w: body.right().saturating_sub(note_x),
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
        field(app, form, i, f, &g, body.x, y, buf);
    }
    message(app, form, body, buf);
}

#[allow(clippy::too_many_arguments)]
fn field(
    app: &App,
    form: &MemberForm,
    index: usize,
    f: &FormField,
    g: &Geometry,
    x: u16,
    y: u16,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let focused = index == form.focus;
    if focused {
        buf.set_string(x, y, ">", theme.focused_label());
    }
    let label = if f.required {
        format!("{} *", f.label)
    } else {
        f.label.to_owned()
    };
    let style = if focused {
        theme.focused_label()
    } else {
        Style::new()
    };
    let lw = usize::from(LABEL_WIDTH);
    buf.set_stringn(x + 2, y, text::pad(&label, lw), lw, style);
    let w = usize::from(g.input_w);
    let shown = match &f.value {
        Value::Text(input) => {
            let skip = if focused {
                input.visual_scroll(w.saturating_sub(1))
            } else {
                0
            };
            text::pad(&text::window(input.value(), skip, w), w)
        }
        Value::Pick { options, index } => {
            let label = options.get(*index).map_or("", |o| o.label.as_str());
            text::pad(&format!("< {label} >"), w)
        }
        Value::Lines { .. } => String::new(),
    };
    buf.set_stringn(g.input_x, y, shown, w, theme.input());
    if g.note_w > 0 {
        let (note, style) = match &f.error {
            Some(rule) if f.touched || form.tried => (strings::rule(rule), theme.alert()),
            _ if f.restored.is_some() => (
                strings::restored_note(f.restored.as_deref().unwrap_or_default()),
                theme.warning(),
            ),
            _ if focused => (f.hint.clone().unwrap_or_default(), theme.dim()),
            _ => (String::new(), Style::new()),
        };
        let nw = usize::from(g.note_w);
        buf.set_stringn(g.note_x, y, text::fit(&note, nw), nw, style);
    }
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

/// Where the terminal cursor goes: in the focused text field.
pub(crate) fn cursor(form: &MemberForm, body: Rect) -> Option<Position> {
    let g = geometry(body);
    let f = form.focused()?;
    let Value::Text(input) = &f.value else {
        return None;
    };
    let w = usize::from(g.input_w);
    let column = input
        .visual_cursor()
        .saturating_sub(input.visual_scroll(w.saturating_sub(1)));
    let y = g.top + form.focus as u16;
    (y < body.bottom().saturating_sub(1))
        .then(|| Position::new(g.input_x + column.min(w) as u16, y))
}
