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

/// The narrowest label column: labels are padded to the widest of their
/// column, in the app's language, and never to less than this.
const LABEL_MIN: usize = 16;

/// The width of a column of labels: the widest and two spaces.
fn label_width(labels: &[&str]) -> usize {
    labels
        .iter()
        .map(|l| text::width(l))
        .fold(LABEL_MIN, usize::max)
        + 2
}

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
    out.push(heading_line(&app.theme, strings::section_notes()));
    if c.notes.is_empty() {
        out.push(Line::from(Span::styled(
            format!("  {}", strings::no_notes()),
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
    let w = label_width(&[
        strings::label_company(),
        strings::label_contact(),
        strings::label_email(),
        strings::label_phone(),
        strings::label_mobile(),
        strings::label_website(),
        strings::label_street(),
        strings::label_city(),
        strings::label_province_postal(),
        strings::label_country(),
    ]);
    let mut out = vec![
        heading_line(t, strings::section_contact()),
        field_line(t, strings::label_company(), &c.company, w),
        field_line(t, strings::label_contact(), &contact, w),
        field_line(t, strings::label_email(), &c.email, w),
        field_line(t, strings::label_phone(), &c.phone, w),
        field_line(t, strings::label_mobile(), &c.mobile, w),
        field_line(t, strings::label_website(), &c.website, w),
        Line::default(),
        heading_line(t, strings::section_address()),
    ];
    let a = &c.address;
    let street: Vec<String> = text::clean_lines(&a.street);
    if street.is_empty() {
        out.push(field_line(t, strings::label_street(), "", w));
    }
    for (i, l) in street.iter().enumerate() {
        let label = if i == 0 { strings::label_street() } else { "" };
        out.push(field_line(t, label, l, w));
    }
    out.push(field_line(t, strings::label_city(), &a.city, w));
    let province = format!("{}  {}", a.province, a.postal_code)
        .trim()
        .to_owned();
    out.push(field_line(
        t,
        strings::label_province_postal(),
        &province,
        w,
    ));
    out.push(field_line(t, strings::label_country(), &a.country, w));
    out
}

fn right_column(app: &App, p: &Profile, c: &Client) -> Vec<Line<'static>> {
    let t = &app.theme;
    let lead = c.lead.map(|id| app.member_name(id)).unwrap_or_default();
    let status = match c.inactive_since {
        None => strings::active().to_owned(),
        Some(d) => strings::inactive_since(d),
    };
    let year_end = c.fiscal_year_end.map(|m| m.to_string()).unwrap_or_default();
    let individual = c.kind == ClientKind::Individual;
    let w = label_width(&[
        strings::label_number(),
        strings::label_kind(),
        strings::label_lead(),
        strings::label_status(),
        strings::label_year_end(),
        if individual {
            strings::label_self_employed()
        } else {
            ""
        },
        strings::label_created(),
        strings::label_updated(),
        strings::label_bn(),
        strings::label_neq(),
        strings::label_gst(),
        strings::label_qst(),
        strings::label_sin(),
    ]);
    let mut out = vec![
        heading_line(t, strings::section_firm()),
        field_line(
            t,
            strings::label_number(),
            c.number.as_deref().unwrap_or(""),
            w,
        ),
        field_line(t, strings::label_kind(), strings::kind(c.kind), w),
        field_line(t, strings::label_lead(), &lead, w),
        field_line(t, strings::label_status(), &status, w),
        field_line(t, strings::label_year_end(), &year_end, w),
    ];
    if individual {
        out.push(field_line(
            t,
            strings::label_self_employed(),
            strings::yes_no(c.self_employed),
            w,
        ));
    }
    out.push(field_line(
        t,
        strings::label_created(),
        &stamp(app, c.created.as_ref()),
        w,
    ));
    out.push(field_line(
        t,
        strings::label_updated(),
        &stamp(app, c.updated.as_ref()),
        w,
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
        (strings::label_bn(), &ids.business_number),
        (strings::label_neq(), &ids.neq),
        (strings::label_gst(), &ids.gst),
        (strings::label_qst(), &ids.qst),
        (strings::label_sin(), &ids.sin),
    ] {
        let shown = if p.reveal { value.clone() } else { mask(value) };
        out.push(field_line(t, label, &shown, w));
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
