//! One field's line on a form, for both forms (the client form and the
//! team member form): the focus mark and the label on the left, the value
//! in the middle, and the note beside it on the right.
//!
//! Each form lays out its own columns ([`Columns`]) and rows; this widget
//! draws what goes on one row, the same way on both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::ids::mask;

use super::super::theme::Theme;
use super::super::{strings, text};
use super::{FormField, Value};

/// Where a form's columns go, in screen columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    /// The left edge: the focus mark, then the label two columns on.
    pub(crate) x: u16,
    pub(crate) label_w: u16,
    pub(crate) input_x: u16,
    pub(crate) input_w: u16,
    pub(crate) note_x: u16,
    pub(crate) note_w: u16,
}

impl Columns {
    /// The columns of a form drawn in `body`: labels `label_w` wide, then
    /// the input (half the room left, from 12 columns to `widest`), then
    /// the notes.
    pub(crate) fn beside_labels(body: Rect, label_w: u16, widest: u16) -> Columns {
        let input_x = body.x + 2 + label_w + 1;
        let room = body.right().saturating_sub(input_x);
        let input_w = (room / 2).clamp(12, widest).min(room);
        let note_x = input_x + input_w + 2;
        Columns {
            x: body.x,
            label_w,
            input_x,
            input_w,
            note_x,
            note_w: body.right().saturating_sub(note_x),
        }
    }

    /// How wide a field's input is: notes take the whole line.
    pub(crate) fn width_of(&self, f: &FormField) -> usize {
        match f.value {
            Value::Lines { .. } => {
                usize::from((self.note_x + self.note_w).saturating_sub(self.input_x))
            }
            _ => usize::from(self.input_w),
        }
    }
}

/// One screen line of a field: a one-line field, or one line of a notes
/// field (the first carries the label and the note).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldLine<'a> {
    pub(crate) field: &'a FormField,
    pub(crate) focused: bool,
    /// A save was tried: errors show on untouched fields too.
    pub(crate) tried: bool,
    /// Which line of the field, from 0.
    pub(crate) line: usize,
}

impl FieldLine<'_> {
    /// Draws the line at screen row `y`.
    pub(crate) fn render(&self, cols: &Columns, y: u16, theme: &Theme, buf: &mut Buffer) {
        let f = self.field;
        let w = cols.width_of(f);
        if self.line == 0 {
            if self.focused {
                buf.set_string(cols.x, y, ">", theme.focused_label());
            }
            let label = if f.required {
                format!("{} *", f.label)
            } else {
                f.label.to_owned()
            };
            let style = if self.focused {
                theme.focused_label()
            } else {
                Style::new()
            };
            let lw = usize::from(cols.label_w);
            buf.set_stringn(cols.x + 2, y, text::pad(&label, lw), lw, style);
        }
        let style = if f.locked { theme.dim() } else { theme.input() };
        buf.set_stringn(cols.input_x, y, self.shown(w), w, style);
        let beside = !matches!(f.value, Value::Lines { .. });
        if self.line == 0 && cols.note_w > 0 && beside {
            let (note, style) = self.note(theme);
            let nw = usize::from(cols.note_w);
            buf.set_stringn(cols.note_x, y, text::fit(&note, nw), nw, style);
        }
    }

    /// The value as shown in `w` columns: masked when sensitive and not
    /// focused, scrolled to the cursor when focused.
    fn shown(&self, w: usize) -> String {
        let f = self.field;
        let focused = self.focused;
        match &f.value {
            Value::Text(input) => {
                let v = input.value();
                if f.sensitive && !focused {
                    text::pad(&mask(v), w)
                } else {
                    let skip = if focused {
                        input.visual_scroll(w.saturating_sub(1))
                    } else {
                        0
                    };
                    text::pad(&text::window(v, skip, w), w)
                }
            }
            Value::Pick { options, index } => {
                let label = options.get(*index).map_or("", |o| o.label.as_str());
                let label = if label.is_empty() {
                    strings::NONE_MARK
                } else {
                    label
                };
                if f.locked {
                    text::pad(label, w)
                } else {
                    text::pad(&format!("< {label} >"), w)
                }
            }
            Value::Lines { lines, row } => {
                let first = row.saturating_sub(f.height() - 1);
                let at = first + self.line;
                let input = lines.get(at);
                let skip = match input {
                    Some(i) if focused && at == *row => i.visual_scroll(w.saturating_sub(1)),
                    _ => 0,
                };
                text::pad(&text::window(input.map_or("", |i| i.value()), skip, w), w)
            }
        }
    }

    /// What shows beside the field: its error once it matters, else the
    /// saved value a draft replaced, else its hint while it has the focus.
    fn note(&self, theme: &Theme) -> (String, Style) {
        let f = self.field;
        match &f.error {
            Some(rule) if f.touched || self.tried => (strings::rule(rule), theme.alert()),
            _ if f.restored.is_some() => (
                strings::restored_note(f.restored.as_deref().unwrap_or_default()),
                theme.warning(),
            ),
            _ if self.focused => (f.hint.clone().unwrap_or_default(), theme.dim()),
            _ => (String::new(), Style::new()),
        }
    }
}
