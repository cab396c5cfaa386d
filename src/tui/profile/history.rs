//! The History tab: the audit log, newest first: who changed what, and
//! when, field by field. Tax identifiers stay masked unless revealed. A
//! change too long for the screen puts its new value on a line of its own.

use ratatui::text::{Line, Span};

use crate::model::field::{ItemValue, item_key, parse_item, parse_item_key};
use crate::model::ids::mask;
use crate::model::{Field, ItemId, Part};

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
            let item = parse_item_key(&change.field);
            let show = |v: &str| {
                let v = if sensitive && !p.reveal {
                    mask(v)
                } else {
                    match item {
                        Some((part, _, Some(field))) => strings::item_value(part, field, v),
                        Some((part, _, None)) => strings::item_codes_line(part, v),
                        None => strings::history_value(&change.field, v),
                    }
                    .replace('\n', " / ")
                };
                if v.is_empty() {
                    strings::empty_value().to_owned()
                } else {
                    text::clean(&v).into_owned()
                }
            };
            let label = match item {
                Some((part, id, field)) => {
                    let name = item_name(p, &entry.changes, part, id);
                    match field {
                        Some(f) => strings::item_field_piece(part, &name, f),
                        None => strings::item_label(part, &name),
                    }
                }
                None => strings::field_key_label(&change.field),
            };
            let label = strings::change_label(&label);
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

/// A few words naming an item of the history: as the client holds it now,
/// else as the entry recorded it whole, else by its id.
fn item_name(p: &Profile, changes: &[crate::model::FieldChange], part: Part, id: ItemId) -> String {
    if let Some(name) = p.client.as_ref().and_then(|c| part.name(c, id)) {
        return name;
    }
    let whole = item_key(part, id, None);
    changes
        .iter()
        .filter(|c| c.field == whole)
        .flat_map(|c| [&c.old, &c.new])
        .find_map(|v| match parse_item(part, v)? {
            ItemValue::Product(p) => Some(p.product.label().to_owned()),
            ItemValue::Document(d) => Some(d.title),
            ItemValue::Return(r) => Some(format!("{} {}", r.year, r.form.label())),
        })
        .unwrap_or_else(|| format!("#{id}"))
}
