//! Drawing the profile: the client's name, the tab line, and the current
//! tab; and the small table and line helpers the tabs share.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::Client;

use super::super::app::App;
use super::super::theme::Theme;
use super::super::{layout, strings, text};
use super::{Profile, Tab, documents, history, overview, products, returns};

/// Each tab's title on the tab line, with its number.
pub(crate) fn tab_titles() -> Vec<(Tab, String)> {
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, format!(" {} {} ", i + 1, strings::tab(*t))))
        .collect()
}

/// How many lines the current tab has, for scrolling.
pub(crate) fn line_count(app: &App) -> usize {
    let Some(p) = app.stack.profile() else {
        return 0;
    };
    let Some(c) = &p.client else { return 0 };
    let width = app.area.width;
    match p.tab {
        Tab::Overview => overview::lines(app, p, c, width).len(),
        Tab::History => history::lines(app, p, width).len(),
        _ => 0,
    }
}

/// Draws the profile in the body.
pub(crate) fn render(app: &App, p: &Profile, body: Rect, buf: &mut Buffer) {
    let areas = layout::profile(body);
    let theme = &app.theme;
    let Some(c) = &p.client else {
        buf.set_stringn(
            areas.content.x + 2,
            areas.content.y,
            strings::loading(),
            body.width.into(),
            theme.dim(),
        );
        return;
    };
    title(app, p, c, areas.title, buf);
    let mut x = areas.tabs.x;
    for (tab, t) in tab_titles() {
        let style = if tab == p.tab {
            theme.selected().patch(theme.heading())
        } else {
            Style::new()
        };
        let (nx, _) = buf.set_stringn(
            x,
            areas.tabs.y,
            &t,
            usize::from(areas.tabs.right().saturating_sub(x)),
            style,
        );
        x = nx;
    }
    let area = areas.content;
    match p.tab {
        Tab::Overview => scrolled(
            theme,
            &overview::lines(app, p, c, area.width),
            p.scroll,
            area,
            buf,
        ),
        Tab::QuickBooks => products::render(app, p, c, area, buf),
        Tab::Documents => documents::render(app, p, c, area, buf),
        Tab::Returns => returns::render(app, p, c, area, buf),
        Tab::History => scrolled(
            theme,
            &history::lines(app, p, area.width),
            p.scroll,
            area,
            buf,
        ),
    }
}

fn title(app: &App, p: &Profile, c: &Client, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled(
        text::clean(&c.display_name).into_owned(),
        theme.heading(),
    )];
    if let Some(n) = &c.number {
        spans.push(Span::raw(format!(
            "  {}",
            strings::client_no(&text::clean(n))
        )));
    }
    spans.push(Span::raw(format!("  {}", strings::kind(c.kind))));
    if let Some(since) = c.inactive_since {
        spans.push(Span::styled(
            format!("  {}", strings::inactive_since(since)),
            theme.warning(),
        ));
    }
    if let Some((form, item)) = &p.draft {
        let key = app.keymap.key_label(
            super::super::keymap::Screen::Profile,
            super::super::action::Command::Edit,
        );
        let which = strings::draft_form(*form, item);
        spans.push(Span::styled(
            format!(
                "  {}",
                strings::draft_kept(&which, &key.unwrap_or_default())
            ),
            theme.warning(),
        ));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// Draws lines from `scroll` on, as many as fit, with arrows on the right
/// when there is more above or below.
pub(crate) fn scrolled(
    theme: &Theme,
    lines: &[Line<'static>],
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let h = usize::from(area.height);
    let first = scroll.min(lines.len().saturating_sub(h));
    for (i, line) in lines.iter().skip(first).take(h).enumerate() {
        buf.set_line(area.x, area.y + i as u16, line, area.width);
    }
    if area.height > 1 && area.width > 10 {
        let x = area.right() - 1;
        if first > 0 {
            buf.set_string(x, area.y, "↑", theme.key());
        }
        if first + h < lines.len() {
            buf.set_string(x, area.bottom() - 1, "↓", theme.key());
        }
    }
}

/// A label and a value on one line, the label padded to a column.
pub(crate) fn field_line(theme: &Theme, label: &str, value: &str, width: usize) -> Line<'static> {
    let value = if value.is_empty() {
        Span::styled(strings::NONE_MARK, theme.dim())
    } else {
        Span::raw(text::clean(value).into_owned())
    };
    Line::from(vec![
        Span::styled(format!("  {}", text::pad(label, width)), theme.dim()),
        value,
    ])
}

/// A section heading.
pub(crate) fn heading_line(theme: &Theme, title: &str) -> Line<'static> {
    Line::from(Span::styled(title.to_owned(), theme.heading()))
}

/// One column of an item table.
pub(crate) struct Col {
    pub(crate) title: &'static str,
    pub(crate) width: u16,
    pub(crate) right: bool,
}

/// One table cell: its text and an optional style.
pub(crate) type CellText = (String, Option<Style>);

/// Draws a table of items with a header, the selected one reversed and
/// marked; each column is at least as wide as its title, and the last
/// takes what is left. Returns the rows drawn.
pub(crate) fn table(
    theme: &Theme,
    cols: &[Col],
    rows: &[Vec<CellText>],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    if area.height == 0 {
        return 0;
    }
    // A column is at least as wide as its title, whatever the language.
    let mut widths: Vec<u16> = cols
        .iter()
        .map(|c| c.width.max(text::width(c.title) as u16))
        .collect();
    let fixed: u16 = widths[..widths.len() - 1].iter().map(|w| w + 1).sum();
    if let Some(last) = widths.last_mut() {
        *last = area.width.saturating_sub(2 + fixed).max(*last);
    }
    let draw = |buf: &mut Buffer, y: u16, cells: &[CellText], base: Style| {
        let mut x = area.x + 2;
        for ((text_, style), (col, w)) in cells.iter().zip(cols.iter().zip(&widths)) {
            if x >= area.right() {
                break;
            }
            let w = (*w).min(area.right() - x);
            let s = if col.right {
                text::pad_left(text_, w.into())
            } else {
                text::pad(text_, w.into())
            };
            buf.set_stringn(x, y, s, w.into(), style.map_or(base, |st| base.patch(st)));
            x += w + 1;
        }
    };
    let header: Vec<CellText> = cols.iter().map(|c| (c.title.to_owned(), None)).collect();
    draw(buf, area.y, &header, theme.heading());
    let visible = usize::from(area.height - 1);
    let first = if selected < visible {
        0
    } else {
        selected + 1 - visible
    };
    let mut drawn = 0;
    for (i, cells) in rows.iter().enumerate().skip(first).take(visible) {
        let y = area.y + 1 + (i - first) as u16;
        draw(buf, y, cells, Style::new());
        if i == selected {
            buf.set_string(area.x, y, ">", Style::new());
            buf.set_style(
                Rect {
                    x: area.x,
                    y,
                    width: area.width,
                    height: 1,
                },
                theme.selected(),
            );
        }
        drawn += 1;
    }
    drawn + 1
}

/// The key that adds an item, for the empty tabs' hint.
pub(crate) fn add_key(app: &App) -> String {
    use super::super::{action::Command, keymap::Screen};
    app.keymap
        .key_label(Screen::Profile, Command::AddItem)
        .unwrap_or_default()
}

/// The "nothing here yet" line of an empty tab.
pub(crate) fn empty(theme: &Theme, message: &str, area: Rect, buf: &mut Buffer) {
    if area.height > 1 {
        buf.set_stringn(
            area.x + 2,
            area.y + 1,
            message,
            usize::from(area.width.saturating_sub(2)),
            theme.dim(),
        );
    }
}
