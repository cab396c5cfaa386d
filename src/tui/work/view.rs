//! Drawing the work view: gauges for the returns by status, the due
//! counts, and a bar chart per lead (ratatui's `LineGauge` and
//! `BarChart`). Every number carries its words, and the selection a
//! marker, so the screen reads the same without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, LineGauge, Widget};

use crate::i18n::number;
use crate::model::ReturnStatus;
use crate::model::work::WorkReport;

use super::super::app::App;
use super::super::lang::lang;
use super::super::{strings, text};
use super::{COUNTS, Item, Measure, WorkView};

/// Where the parts of the work view go in the body.
pub(crate) struct Areas {
    pub(crate) title: Rect,
    /// The returns by status, with gauges.
    pub(crate) statuses: Rect,
    /// Overdue, due this week and month, documents awaited.
    pub(crate) due: Rect,
    pub(crate) chart_title: Rect,
    pub(crate) chart: Rect,
}

fn rect(x: u16, y: u16, width: u16, height: u16) -> Rect {
    Rect {
        x,
        y,
        width,
        height,
    }
}

pub(crate) fn areas(body: Rect) -> Areas {
    let top = 6.min(body.height.saturating_sub(1));
    let half = body.width / 2;
    let chart_y = body.y + 1 + top + 1;
    Areas {
        title: rect(body.x, body.y, body.width, 1.min(body.height)),
        statuses: rect(body.x, body.y + 1, half.saturating_sub(1), top),
        due: rect(body.x + half + 1, body.y + 1, body.width - half - 1, top),
        chart_title: rect(body.x, chart_y.min(body.bottom()), body.width, 1),
        chart: rect(
            body.x,
            (chart_y + 1).min(body.bottom()),
            body.width,
            body.bottom().saturating_sub(chart_y + 1),
        ),
    }
}

/// Draws the work view in the body.
pub(crate) fn render(app: &App, w: &WorkView, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let a = areas(body);
    let scope = if w.mine {
        strings::my_work().to_owned()
    } else {
        strings::whole_firm().to_owned()
    };
    let Some(r) = &w.report else {
        let t = strings::work_title(&scope, None);
        buf.set_stringn(a.title.x, a.title.y, t, body.width.into(), theme.title());
        let y = a.title.y + 1;
        buf.set_stringn(
            body.x + 2,
            y,
            strings::loading(),
            body.width.into(),
            theme.dim(),
        );
        return;
    };
    let title = strings::work_title(&scope, Some((r.clients, r.no_return, r.today)));
    let tw = usize::from(body.width);
    buf.set_stringn(
        a.title.x,
        a.title.y,
        text::fit(&title, tw),
        tw,
        theme.title(),
    );
    let selected = w.selected_item();
    statuses(app, r, selected, a.statuses, buf);
    due(app, r, selected, a.due, buf);
    let heading = match w.measure() {
        Measure::DocsByClient => strings::docs_by_client_title().to_owned(),
        m => strings::by_lead_title(measure_words(m)),
    };
    let keys = strings::chart_keys(&next_key(app));
    let hw = text::width(&heading);
    buf.set_stringn(
        a.chart_title.x,
        a.chart_title.y,
        &heading,
        tw,
        theme.heading(),
    );
    if hw + 2 + text::width(&keys) <= tw {
        let x = a.chart_title.right() - text::width(&keys) as u16;
        buf.set_stringn(x, a.chart_title.y, &keys, tw, theme.dim());
    }
    match w.measure() {
        Measure::DocsByClient => clients(app, w, r, a.chart, buf),
        m => chart(app, w, r, m, a.chart, buf),
    }
}

fn next_key(app: &App) -> String {
    use super::super::action::Command;
    use super::super::keymap::Screen;
    app.keymap
        .key_label(Screen::Work, Command::NextTab)
        .unwrap_or_default()
}

/// What a measure counts, in words.
fn measure_words(m: Measure) -> &'static str {
    match m {
        Measure::Status(s) => strings::return_status(s),
        Measure::Overdue => strings::overdue_words(),
        Measure::Docs | Measure::DocsByClient => strings::docs_awaited(),
    }
}

/// The marker before a selectable line.
fn marker(on: bool) -> &'static str {
    if on { "> " } else { "  " }
}

fn count(n: usize) -> String {
    number(lang(), n as u64)
}

/// One count line: marker, words, the number right-aligned in `numw`.
fn count_line(label: &str, n: usize, on: bool, width: usize, numw: usize) -> String {
    let words = width.saturating_sub(2 + 1 + numw);
    format!(
        "{}{} {}",
        marker(on),
        text::pad(&text::fit(label, words), words),
        text::pad_left(&count(n), numw)
    )
}

fn statuses(app: &App, r: &WorkReport, selected: Option<Item>, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let w = usize::from(area.width);
    buf.set_stringn(
        area.x,
        area.y,
        strings::returns_by_status(),
        w,
        theme.heading(),
    );
    let total = r.returns().max(1);
    let label_w = ReturnStatus::ALL
        .iter()
        .map(|s| text::width(strings::return_status(*s)))
        .max()
        .unwrap_or(0);
    let numw = count(r.returns()).chars().count().max(3);
    let text_w = (2 + label_w + 1 + numw).min(w);
    for (i, s) in ReturnStatus::ALL.into_iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.bottom() {
            break;
        }
        let on = selected == Some(Item::Status(s));
        let n = r.by_status[i];
        let line = count_line(strings::return_status(s), n, on, text_w, numw);
        let style = if on {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        buf.set_stringn(area.x, y, &line, text_w, style);
        let gauge_w = area.width.saturating_sub(text_w as u16 + 1);
        if gauge_w >= 8 {
            let ratio = n as f64 / total as f64;
            let pct = (ratio * 100.0).round() as u8;
            LineGauge::default()
                .ratio(ratio)
                .label(format!("{:>4}", crate::i18n::percent(lang(), pct)))
                .filled_symbol("█")
                .unfilled_symbol("░")
                .render(rect(area.x + text_w as u16 + 1, y, gauge_w, 1), buf);
        }
    }
}

fn due(app: &App, r: &WorkReport, selected: Option<Item>, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let w = usize::from(area.width);
    buf.set_stringn(area.x, area.y, strings::due_heading(), w, theme.heading());
    let rows = [
        (Item::Overdue, strings::overdue_count_words(), r.overdue),
        (Item::Week, strings::due_this_week(), r.due_week),
        (Item::Month, strings::due_this_month(), r.due_month),
    ];
    let numw = count(r.clients).chars().count().max(3);
    let label_w = rows
        .iter()
        .map(|r| text::width(r.1))
        .chain([text::width(strings::docs_awaited_clients())])
        .max()
        .unwrap_or(0);
    let line_w = w.min(2 + label_w + 1 + numw);
    for (i, (item, label, n)) in rows.into_iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.bottom() {
            return;
        }
        let on = selected == Some(item);
        let mut style = if on {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        if item == Item::Overdue && n > 0 {
            style = style.patch(theme.alert());
        }
        buf.set_stringn(area.x, y, count_line(label, n, on, line_w, numw), w, style);
    }
    let y = area.y + 4;
    if y < area.bottom() {
        let on = selected == Some(Item::Docs);
        let line = count_line(
            strings::docs_awaited_clients(),
            r.docs_clients,
            on,
            line_w,
            numw,
        );
        let style = if on {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        buf.set_stringn(area.x, y, &line, w, style);
        let docs = strings::documents_count(r.docs);
        let used = text::width(&line).min(w);
        if used + 1 + text::width(&docs) <= w {
            buf.set_stringn(area.x + used as u16 + 1, y, docs, w, theme.dim());
        }
    }
    debug_assert!(COUNTS.len() == 9);
}

/// One lead's value of a measure.
fn value(r: &WorkReport, i: usize, m: Measure) -> usize {
    let l = &r.leads[i];
    match m {
        Measure::Status(s) => l.by_status[s as usize],
        Measure::Overdue => l.overdue,
        Measure::Docs | Measure::DocsByClient => l.docs_clients,
    }
}

fn chart(app: &App, w: &WorkView, r: &WorkReport, m: Measure, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    if r.leads.is_empty() {
        buf.set_stringn(
            area.x + 2,
            area.y,
            strings::no_active_clients(),
            area.width.into(),
            app.theme.dim(),
        );
        return;
    }
    let rows = usize::from(area.height);
    let end = (w.scroll + rows).min(r.leads.len());
    let label_w = r
        .leads
        .iter()
        .map(|l| text::width(&lead_name(&l.name)))
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width / 3))
        .max(8);
    let max = (0..r.leads.len())
        .map(|i| value(r, i, m))
        .max()
        .unwrap_or(0)
        .max(1);
    let selected = match w.selected_item() {
        Some(Item::Bar(i)) => Some(i),
        _ => None,
    };
    // Counts are right-aligned, so that bars of 6 and 10 read as numbers.
    let numw = text::width(&count(max));
    let bars: Vec<Bar> = (w.scroll..end)
        .map(|i| {
            let on = selected == Some(i);
            let name = text::pad(&text::fit(&lead_name(&r.leads[i].name), label_w), label_w);
            let n = value(r, i, m);
            Bar::default()
                .label(Line::from(format!("{}{name}", marker(on))))
                .value(n as u64)
                .text_value(format!("{} ", text::pad_left(&count(n), numw)))
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_gap(0)
        .bar_width(1)
        .max(max as u64)
        .value_style(app.theme.heading())
        .direction(Direction::Horizontal)
        .render(area, buf);
    if let Some(i) = selected.filter(|i| (w.scroll..end).contains(i)) {
        let y = area.y + (i - w.scroll) as u16;
        buf.set_style(rect(area.x, y, label_w as u16 + 2, 1), app.theme.selected());
    }
}

/// A lead's name, or the words for clients without one.
fn lead_name(name: &str) -> String {
    if name.is_empty() {
        strings::no_lead().to_owned()
    } else {
        name.to_owned()
    }
}

fn clients(app: &App, w: &WorkView, r: &WorkReport, area: Rect, buf: &mut Buffer) {
    if r.docs_by_client.is_empty() {
        buf.set_stringn(
            area.x + 2,
            area.y,
            strings::no_docs_awaited(),
            area.width.into(),
            app.theme.dim(),
        );
        return;
    }
    let width = usize::from(area.width);
    let selected = match w.selected_item() {
        Some(Item::Client(i)) => Some(i),
        _ => None,
    };
    let numw = 4;
    let lead_w = r
        .docs_by_client
        .iter()
        .map(|c| text::width(&c.lead_name))
        .max()
        .unwrap_or(0)
        .min(width / 4);
    for (row, i) in (w.scroll..r.docs_by_client.len()).enumerate() {
        if row >= usize::from(area.height) {
            break;
        }
        let c = &r.docs_by_client[i];
        let on = selected == Some(i);
        let name_w = width.saturating_sub(2 + numw + 1 + lead_w + 1);
        let line = format!(
            "{}{} {} {}",
            marker(on),
            text::pad(&text::fit(&c.name, name_w), name_w),
            text::pad(&text::fit(&c.lead_name, lead_w), lead_w),
            text::pad_left(&count(c.docs as usize), numw),
        );
        let style = if on {
            app.theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        buf.set_stringn(area.x, area.y + row as u16, line, width, style);
    }
}
