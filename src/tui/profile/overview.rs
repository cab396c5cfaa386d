//! The Overview tab: contact, address, the firm's own facts, tax
//! identifiers (masked until revealed) and notes. On a wide screen the
//! facts sit in two columns.

use ratatui::text::{Line, Span};

use crate::model::ids::mask;
use crate::model::{Client, ClientKind, Stamp};

use super::super::action::Command;
use super::super::app::App;
use super::super::keymap::Screen;
use super::super::{strings, text};
use super::Profile;
use super::view::{field_line, heading_line};

/// Width of the label column.
const LABEL: usize = 18;

/// Screens at least this wide show two columns.
const TWO_COLUMNS: u16 = 100;

/// The tab's lines, ready to scroll.
pub(crate) fn lines(app: &App, p: &Profile, c: &Client, width: u16) -> Vec<Line<'static>> {
    let left = left_column(app, c);
    let right = right_column(app, p, c);
    let mut out = if width >= TWO_COLUMNS {
        side_by_side(left, right, usize::from(width / 2))
    } else {
        let mut all = left;
        all.push(Line::default());
        all.extend(right);
        all
    };
    out.push(Line::default());
    out.push(heading_line(&app.theme, strings::SECTION_NOTES));
    if c.notes.is_empty() {
        out.push(Line::from(Span::styled(
            format!("  {}", strings::NO_NOTES),
            app.theme.dim(),
        )));
    } else {
        out.extend(
            text::clean_lines(&c.notes)
                .into_iter()
                .map(|l| Line::from(format!("  {l}"))),
        );
    }
    out
}

fn left_column(app: &App, c: &Client) -> Vec<Line<'static>> {
    let t = &app.theme;
    let contact = format!("{} {}", c.first_name, c.last_name)
        .trim()
        .to_owned();
    let mut out = vec![
        heading_line(t, strings::SECTION_CONTACT),
        field_line(t, strings::LABEL_COMPANY, &c.company, LABEL),
        field_line(t, strings::LABEL_CONTACT, &contact, LABEL),
        field_line(t, strings::LABEL_EMAIL, &c.email, LABEL),
        field_line(t, strings::LABEL_PHONE, &c.phone, LABEL),
        field_line(t, strings::LABEL_MOBILE, &c.mobile, LABEL),
        field_line(t, strings::LABEL_WEBSITE, &c.website, LABEL),
        Line::default(),
        heading_line(t, strings::SECTION_ADDRESS),
    ];
    let a = &c.address;
    let street: Vec<String> = text::clean_lines(&a.street);
    if street.is_empty() {
        out.push(field_line(t, strings::LABEL_STREET, "", LABEL));
    }
    for (i, l) in street.iter().enumerate() {
        let label = if i == 0 { strings::LABEL_STREET } else { "" };
        out.push(field_line(t, label, l, LABEL));
    }
    out.push(field_line(t, strings::LABEL_CITY, &a.city, LABEL));
    let province = format!("{}  {}", a.province, a.postal_code)
        .trim()
        .to_owned();
    out.push(field_line(
        t,
        strings::LABEL_PROVINCE_POSTAL,
        &province,
        LABEL,
    ));
    out.push(field_line(t, strings::LABEL_COUNTRY, &a.country, LABEL));
    out
}

fn right_column(app: &App, p: &Profile, c: &Client) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lead = c.lead.map(|id| app.member_name(id)).unwrap_or_default();
    let status = match c.inactive_since {
        None => strings::ACTIVE.to_owned(),
        Some(d) => strings::inactive_since(d),
    };
    let year_end = c.fiscal_year_end.map(|m| m.to_string()).unwrap_or_default();
    let mut out = vec![
        heading_line(t, strings::SECTION_FIRM),
        field_line(
            t,
            strings::LABEL_NUMBER,
            c.number.as_deref().unwrap_or(""),
            LABEL,
        ),
        field_line(t, strings::LABEL_KIND, strings::kind(c.kind), LABEL),
        field_line(t, strings::LABEL_LEAD, &lead, LABEL),
        field_line(t, strings::LABEL_STATUS, &status, LABEL),
        field_line(t, strings::LABEL_YEAR_END, &year_end, LABEL),
    ];
    if c.kind == ClientKind::Individual {
        out.push(field_line(
            t,
            strings::LABEL_SELF_EMPLOYED,
            strings::yes_no(c.self_employed),
            LABEL,
        ));
    }
    out.push(field_line(
        t,
        strings::LABEL_CREATED,
        &stamp(app, c.created.as_ref()),
        LABEL,
    ));
    out.push(field_line(
        t,
        strings::LABEL_UPDATED,
        &stamp(app, c.updated.as_ref()),
        LABEL,
    ));
    out.push(Line::default());
    let key = app
        .keymap
        .key_label(Screen::Profile, Command::Reveal)
        .unwrap_or_default();
    let heading = if p.reveal {
        strings::ids_heading_shown(&key)
    } else {
        strings::ids_heading_masked(&key)
    };
    out.push(heading_line(t, &heading));
    let ids = &c.tax_ids;
    for (label, value) in [
        (strings::LABEL_BN, &ids.business_number),
        (strings::LABEL_NEQ, &ids.neq),
        (strings::LABEL_GST, &ids.gst),
        (strings::LABEL_QST, &ids.qst),
        (strings::LABEL_SIN, &ids.sin),
    ] {
        let shown = if p.reveal { value.clone() } else { mask(value) };
        out.push(field_line(t, label, &shown, LABEL));
    }
    out
}

fn stamp(app: &App, s: Option<&Stamp>) -> String {
    s.map(|s| strings::stamp(&strings::datetime(s.at, &app.tz), &app.member_name(s.by)))
        .unwrap_or_default()
}

/// Two columns of lines merged line by line, the left padded to `half`.
fn side_by_side(
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    half: usize,
) -> Vec<Line<'static>> {
    let n = left.len().max(right.len());
    let mut l = left.into_iter();
    let mut r = right.into_iter();
    (0..n)
        .map(|_| {
            let a = cut(l.next().unwrap_or_default(), half.saturating_sub(1));
            let b = r.next().unwrap_or_default();
            let pad = half.saturating_sub(a.width()).max(1);
            let mut spans = a.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.extend(b.spans);
            Line::from(spans)
        })
        .collect()
}

/// A line cut to at most `max` columns.
fn cut(line: Line<'static>, max: usize) -> Line<'static> {
    if line.width() <= max {
        return line;
    }
    let mut left = max;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let w = text::width(&span.content);
        if w <= left {
            left -= w;
            spans.push(span);
        } else {
            spans.push(Span::styled(text::fit(&span.content, left), span.style));
            left = 0;
        }
    }
    Line::from(spans)
}
