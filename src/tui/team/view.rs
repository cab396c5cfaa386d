//! Drawing the team screen: a title with the counts, a note for those who
//! may only read, the table of members, and the team's history below it
//! when there is room. The member form, while open, takes the body.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::{AuditAction, AuditEntry};

use super::super::app::App;
use super::super::strings::{self, TeamChange};
use super::super::text;
use super::TeamView;

/// Where the parts of the team screen go in the body.
struct Areas {
    title: Rect,
    note: Option<Rect>,
    header: Rect,
    rows: Rect,
    /// The history, when at least two lines are left for it.
    history: Option<Rect>,
}

fn line(body: Rect, y: u16, height: u16) -> Rect {
    Rect {
        x: body.x,
        y,
        width: body.width,
        height,
    }
}

fn areas(app: &App, t: &TeamView, body: Rect) -> Areas {
    let mut y = body.y;
    let bottom = body.bottom();
    let title = line(body, y, 1);
    y += 1;
    let note = (!app.me.is_admin()).then(|| {
        y += 1;
        line(body, y - 1, 1)
    });
    let header = line(body, y.min(bottom), 1);
    y += 1;
    let left = bottom.saturating_sub(y);
    let rows = line(body, y.min(bottom), (t.members.len() as u16).min(left));
    y += rows.height;
    // A blank line, the heading, and at least one entry.
    let history = (bottom.saturating_sub(y) >= 3).then(|| line(body, y + 1, bottom - y - 1));
    Areas {
        title,
        note,
        header,
        rows,
        history,
    }
}

/// The first member row shown, so that the selection stays on screen.
fn first_shown(t: &TeamView, rows: u16) -> usize {
    t.selected.saturating_sub(usize::from(rows.max(1)) - 1)
}

/// The member drawn on a screen line, for clicks.
pub(crate) fn member_at(app: &App, t: &TeamView, body: Rect, y: u16) -> Option<usize> {
    let a = areas(app, t, body);
    if y < a.rows.y || y >= a.rows.bottom() {
        return None;
    }
    let index = first_shown(t, a.rows.height) + usize::from(y - a.rows.y);
    (index < t.members.len()).then_some(index)
}

/// One column of the members table.
struct Col {
    title: &'static str,
    width: usize,
}

/// The columns that fit: name, login, email, role, active, leads. The
/// email gives way first on a narrow screen.
fn columns(t: &TeamView, width: u16) -> Vec<Col> {
    let widest = |title: &str, values: Vec<String>| {
        values
            .iter()
            .map(|v| text::width(v))
            .chain([text::width(title)])
            .max()
            .unwrap_or(0)
    };
    let role = widest(
        strings::col_role(),
        t.members
            .iter()
            .map(|m| strings::role(m.role).to_owned())
            .collect(),
    );
    let active = widest(
        strings::col_active(),
        vec![
            strings::yes_no(true).to_owned(),
            strings::yes_no(false).to_owned(),
        ],
    );
    let leads = widest(
        strings::col_leads(),
        t.members
            .iter()
            .map(|m| {
                let l = t.leads_of(m.id);
                strings::leads(l.active, l.inactive)
            })
            .collect(),
    )
    .min(20);
    let login = 12;
    let fixed = 2 + login + role + active + leads + 4;
    let rest = usize::from(width).saturating_sub(fixed);
    let (name, email) = if rest >= 16 + 1 + 12 {
        let name = (rest * 45 / 100).clamp(16, 30);
        (name, (rest - name - 1).min(40))
    } else {
        (rest, 0)
    };
    let mut cols = vec![
        Col {
            title: strings::col_name(),
            width: name,
        },
        Col {
            title: strings::col_login(),
            width: login,
        },
    ];
    if email > 0 {
        cols.push(Col {
            title: strings::col_email(),
            width: email,
        });
    }
    for (title, width) in [
        (strings::col_role(), role),
        (strings::col_active(), active),
        (strings::col_leads(), leads),
    ] {
        cols.push(Col { title, width });
    }
    cols
}

/// Draws the team screen in the body.
pub(crate) fn render(app: &App, t: &TeamView, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let a = areas(app, t, body);
    let w = usize::from(body.width);
    let inactive = t.members.iter().filter(|m| !m.active).count();
    let title = strings::team_title(t.members.len() - inactive, inactive);
    buf.set_stringn(
        a.title.x,
        a.title.y,
        text::fit(&title, w),
        w,
        theme.heading(),
    );
    if let Some(n) = a.note {
        let note = text::fit(strings::team_read_only(), w);
        buf.set_stringn(n.x, n.y, note, w, theme.warning());
    }
    if !t.loaded {
        let y = a.header.y.min(body.bottom().saturating_sub(1));
        buf.set_stringn(body.x + 2, y, strings::loading(), w, theme.dim());
        return;
    }
    let cols = columns(t, body.width);
    let cells = |values: Vec<String>| -> String {
        let mut s = String::new();
        for (v, c) in values.iter().zip(&cols) {
            s.push_str(&text::pad(v, c.width));
            s.push(' ');
        }
        s
    };
    let titles = cells(cols.iter().map(|c| c.title.to_owned()).collect());
    buf.set_stringn(
        a.header.x + 2,
        a.header.y,
        titles,
        w.saturating_sub(2),
        theme.heading(),
    );
    let first = first_shown(t, a.rows.height);
    let with_email = cols.len() == 6;
    for (k, m) in t
        .members
        .iter()
        .enumerate()
        .skip(first)
        .take(a.rows.height.into())
    {
        let y = a.rows.y + (k - first) as u16;
        let l = t.leads_of(m.id);
        let mut values = vec![m.name.clone(), m.login.clone()];
        if with_email {
            values.push(m.email.clone());
        }
        values.push(strings::role(m.role).to_owned());
        values.push(strings::yes_no(m.active).to_owned());
        values.push(strings::leads(l.active, l.inactive));
        let style = if m.active { Style::new() } else { theme.dim() };
        let selected = k == t.selected;
        buf.set_string(body.x, y, if selected { ">" } else { " " }, style);
        buf.set_stringn(body.x + 2, y, cells(values), w.saturating_sub(2), style);
        if selected {
            buf.set_style(line(body, y, 1), theme.selected());
        }
    }
    if let Some(h) = a.history {
        history(app, t, h, buf);
    }
}

/// The team's history, newest first, one line per change.
fn history(app: &App, t: &TeamView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let w = usize::from(area.width);
    buf.set_stringn(area.x, area.y, strings::team_history(), w, theme.heading());
    let lines: Vec<Line<'static>> = if t.history.is_empty() {
        vec![Line::from(Span::styled(
            format!("  {}", strings::no_team_history()),
            theme.dim(),
        ))]
    } else {
        t.history.iter().rev().map(|e| entry(app, t, e)).collect()
    };
    for (i, l) in lines
        .iter()
        .take(usize::from(area.height.saturating_sub(1)))
        .enumerate()
    {
        buf.set_line(area.x, area.y + 1 + i as u16, l, area.width);
    }
}

/// One change to the team: when, who did what to whom, and the fields.
fn entry(app: &App, t: &TeamView, e: &AuditEntry) -> Line<'static> {
    let name = |id| match t.name_of(id) {
        Some(n) => n.to_owned(),
        None if id == crate::api::local::SYSTEM => strings::setup().to_owned(),
        None => app.member_name(id),
    };
    let active = e.changes.iter().find(|c| c.field == "active");
    let what = match (e.action, active.map(|c| c.new.as_str())) {
        (AuditAction::MemberAdded, _) => TeamChange::Added,
        (_, Some("no")) => TeamChange::Deactivated,
        (_, Some("yes")) => TeamChange::Reactivated,
        _ => TeamChange::Changed,
    };
    let said = strings::team_change(&name(e.by), what, &e.member().map(name).unwrap_or_default());
    let details: Vec<String> = e
        .changes
        .iter()
        .filter(|c| what != TeamChange::Added || c.field == "role")
        .filter(|c| {
            !matches!(what, TeamChange::Deactivated | TeamChange::Reactivated)
                || c.field != "active"
        })
        .map(|c| {
            let label = strings::member_field(&c.field);
            let new = strings::member_value(&c.field, &c.new);
            let old = (what != TeamChange::Added).then(|| strings::member_value(&c.field, &c.old));
            strings::member_change(&label, old.as_deref(), &new)
        })
        .collect();
    let mut spans = vec![
        Span::styled(
            format!("  {}  ", strings::datetime(e.at, &app.tz)),
            app.theme.dim(),
        ),
        Span::raw(text::clean(&said).into_owned()),
    ];
    if !details.is_empty() {
        spans.push(Span::styled(
            format!(" · {}", text::clean(&details.join("; "))),
            app.theme.dim(),
        ));
    }
    Line::from(spans)
}
