//! The History tab: the audit log, newest first: who changed what, and
//! when, field by field. Tax identifiers stay masked unless revealed. A
//! change too long for the screen puts its new value on a line of its own.

use ratatui::text::{Line, Span};

use crate::model::Field;
use crate::model::ids::mask;

use super::super::app::App;
use super::super::{strings, text};
use super::Profile;

/// How far a new value on its own line is indented.
const NEW_VALUE_INDENT: &str = "      ";

pub(crate) fn lines(app: &App, p: &Profile, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    if p.audit.is_empty() {
        return vec![Line::from(Span::styled(
            format!("  {}", strings::no_history()),
            theme.dim(),
        ))];
    }
    let mut out = Vec::new();
    for entry in p.audit.iter().rev() {
        out.push(Line::from(vec![
            Span::styled(strings::datetime(entry.at, &app.tz), theme.heading()),
            Span::raw("  "),
            Span::raw(text::clean(&app.member_name(entry.by)).into_owned()),
            Span::raw("  "),
            Span::styled(strings::audit_action(entry.action).to_owned(), theme.key()),
        ]));
        for change in &entry.changes {
            let sensitive = Field::parse(&change.field).is_ok_and(Field::is_sensitive);
            let show = |v: &str| {
                let v = if sensitive && !p.reveal {
                    mask(v)
                } else {
                    strings::history_value(&change.field, v).replace('\n', " / ")
                };
                if v.is_empty() {
                    strings::empty_value().to_owned()
                } else {
                    text::clean(&v).into_owned()
                }
            };
            let label = strings::change_label(&strings::field_key_label(&change.field));
            let (old, new) = (show(&change.old), show(&change.new));
            let whole = text::width(&label) + text::width(&old) + 3 + text::width(&new);
            if whole < usize::from(width) {
                out.push(Line::from(vec![
                    Span::raw(label),
                    Span::styled(old, theme.dim()),
                    Span::raw(" → "),
                    Span::raw(new),
                ]));
            } else {
                out.push(Line::from(vec![
                    Span::raw(label),
                    Span::styled(old, theme.dim()),
                ]));
                out.push(Line::from(vec![
                    Span::raw(format!("{NEW_VALUE_INDENT}→ ")),
                    Span::raw(new),
                ]));
            }
        }
        out.push(Line::default());
    }
    out
}
