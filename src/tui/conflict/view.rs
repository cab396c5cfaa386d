//! Drawing the conflict view: for each piece that differs, what the other
//! person's version holds, what this user's holds, and which is kept.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::ids::mask;

use super::super::app::App;
use super::super::{strings, text};
use super::{Conflict, Row, Side};

/// Screen lines per piece.
const ROW_LINES: u16 = 3;

pub(crate) fn render(app: &App, c: &Conflict, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = usize::from(body.width);
    buf.set_stringn(
        body.x,
        body.y,
        text::fit(&strings::conflict_title(&c.theirs.display_name), width),
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
        buf.set_stringn(
            body.x + 2,
            top,
            strings::CONFLICT_NOTHING,
            width,
            theme.dim(),
        );
        return;
    }
    let fit_rows = usize::from((room / ROW_LINES).max(1));
    let first = c.selected.saturating_sub(fit_rows - 1);
    for (k, row) in c.rows.iter().enumerate().skip(first).take(fit_rows) {
        let y = top + (k - first) as u16 * ROW_LINES;
        draw_row(
            app,
            c,
            row,
            k == c.selected,
            Rect {
                x: body.x,
                y,
                width: body.width,
                height: ROW_LINES,
            },
            buf,
        );
    }
}

fn draw_row(app: &App, c: &Conflict, row: &Row, selected: bool, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let show = |v: &str| {
        let v = if row.piece.is_sensitive() && !c.reveal {
            mask(v)
        } else {
            v.replace('\n', " / ")
        };
        if v.is_empty() {
            strings::EMPTY_VALUE.to_owned()
        } else {
            v
        }
    };
    let state = match (row.contested, row.choice) {
        (true, None) => Span::styled(strings::BOTH_CHANGED_CHOOSE, theme.alert()),
        (true, Some(_)) => Span::styled(strings::BOTH_CHANGED, theme.warning()),
        (false, _) if row.base.as_deref() == Some(row.theirs.as_str()) => {
            Span::styled(strings::ONLY_YOU_CHANGED, theme.dim())
        }
        (false, _) => Span::styled(strings::ONLY_THEY_CHANGED, theme.dim()),
    };
    let mut head = vec![
        Span::raw(if selected { "> " } else { "  " }),
        Span::styled(
            text::pad(&strings::piece_label(row.piece), 22),
            theme.heading(),
        ),
        state,
    ];
    if let Some(b) = &row.base {
        head.push(Span::styled(
            format!("  {}", strings::was(&text::clean(&show(b)))),
            theme.dim(),
        ));
    }
    let w = area.width;
    buf.set_line(area.x, area.y, &Line::from(head), w);
    if selected {
        buf.set_style(Rect { height: 1, ..area }, theme.selected());
    }
    let line = |side: Side, label: &str, value: &str, style: Style| {
        let mark = if row.choice == Some(side) {
            "[x]"
        } else {
            "[ ]"
        };
        Line::from(vec![
            Span::raw(format!("    {mark} ")),
            Span::styled(text::pad(label, 8), style),
            Span::raw(text::clean(&show(value)).into_owned()),
        ])
    };
    buf.set_line(
        area.x,
        area.y + 1,
        &line(Side::Theirs, strings::THEIRS, &row.theirs, theme.theirs()),
        w,
    );
    buf.set_line(
        area.x,
        area.y + 2,
        &line(Side::Mine, strings::YOURS, &row.mine, theme.mine()),
        w,
    );
}
