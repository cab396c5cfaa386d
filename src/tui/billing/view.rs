//! Drawing the billing screen: a title, the warning about inactive
//! clients still billed, the table of subscriptions, and the totals per
//! product and overall at the bottom. Amounts are formatted for the
//! user's language; inactive clients carry a word, not just a colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::action::Command;
use super::super::app::App;
use super::super::keymap::Screen;
use super::super::{strings, text};
use super::BillingView;

/// Where the parts of the billing screen go in the body.
pub(crate) struct Areas {
    pub(crate) title: Rect,
    /// The warning about inactive clients, or the filter's note.
    pub(crate) note: Option<Rect>,
    pub(crate) header: Rect,
    pub(crate) rows: Rect,
    /// The totals kept at the bottom: per product and overall, or the
    /// overall line alone.
    pub(crate) totals: Rect,
    /// The totals per product follow the table's rows (reached by going
    /// to the last row) instead of keeping their own place: there are too
    /// many products for the screen's height.
    pub(crate) inline: bool,
}

impl Areas {
    /// Lines after the table's rows: the totals per product, when inline.
    pub(crate) fn extra(&self, b: &BillingView) -> usize {
        if self.inline {
            1 + b.report.by_product.len()
        } else {
            0
        }
    }
}

fn line(body: Rect, y: u16, height: u16) -> Rect {
    Rect {
        x: body.x,
        y: y.min(body.bottom()),
        width: body.width,
        height,
    }
}

/// The note over the table: the warning about inactive clients still
/// billed, or what the filter shows.
fn note_text(app: &App, b: &BillingView) -> Option<String> {
    let key = super::filter_key(app);
    if b.inactive_only {
        Some(strings::inactive_only_note(&key))
    } else if b.report.inactive_billed_clients > 0 {
        let n = b.report.inactive_billed_clients;
        Some(strings::inactive_billed_warning(n, &key))
    } else {
        None
    }
}

/// The note's lines: wrapped on two lines when it needs them and the
/// screen has the room, else cut.
fn note_lines(app: &App, b: &BillingView, body: Rect) -> Vec<String> {
    let Some(note) = note_text(app, b) else {
        return Vec::new();
    };
    let width = usize::from(body.width);
    let lines = text::wrap(&note, width);
    if lines.len() > 1 && body.height >= 16 {
        let mut two: Vec<String> = lines.into_iter().take(3).collect();
        if two.len() == 3 {
            two.truncate(2);
            let last = two[1].clone() + " " + text::ELLIPSIS;
            two[1] = text::fit(&last, width);
        }
        two
    } else {
        vec![text::fit(&note, width)]
    }
}

/// Lays out the billing screen in the body.
pub(crate) fn areas(app: &App, b: &BillingView, body: Rect) -> Areas {
    let note_h = note_lines(app, b, body).len() as u16;
    let has_note = note_h > 0;
    let top = 2 + note_h;
    let left = body.height.saturating_sub(top);
    // A heading, a line per product and the overall line, unless that
    // leaves the table less than half the room: then the overall line
    // alone, the rest after the table's rows.
    let full = 2 + b.report.by_product.len() as u16;
    let (totals_h, inline) = if left >= full + (left / 2).max(3) {
        (full, false)
    } else {
        (1.min(left), true)
    };
    let rows_h = left - totals_h;
    let title = line(body, body.y, 1);
    let note = has_note.then(|| line(body, body.y + 1, note_h));
    let header = line(body, body.y + top - 1, 1);
    let rows = line(body, body.y + top, rows_h);
    let totals = line(body, body.y + top + rows_h, totals_h);
    Areas {
        title,
        note,
        header,
        rows,
        totals,
        inline,
    }
}

/// The table's column widths: client, product, list price, discount
/// (none when the screen is narrow), net.
struct Widths {
    client: usize,
    product: usize,
    money: usize,
    discount: Option<usize>,
}

fn widths(width: u16) -> Widths {
    let avail = usize::from(width).saturating_sub(2);
    let money = 12;
    let mut product = 20;
    let mut discount = Some(8);
    let used = |product: usize, discount: Option<usize>| {
        product + 1 + (money + 1) * 2 + discount.map_or(0, |d| d + 1)
    };
    if avail < used(product, discount) + 16 {
        discount = None;
    }
    if avail < used(product, discount) + 16 {
        product = 14;
    }
    Widths {
        // A wide screen keeps the amounts near the names.
        client: avail.saturating_sub(used(product, discount)).clamp(8, 48),
        product,
        money,
        discount,
    }
}

/// One row's cells: left-aligned text, then right-aligned amounts.
fn row_text(w: &Widths, product: &str, list: &str, discount: &str, net: &str) -> String {
    let mut s = String::new();
    if w.product > 0 {
        s.push_str(&text::pad(product, w.product));
        s.push(' ');
    }
    s.push_str(&text::pad_left(list, w.money));
    s.push(' ');
    if let Some(d) = w.discount {
        s.push_str(&text::pad_left(discount, d));
        s.push(' ');
    }
    s.push_str(&text::pad_left(net, w.money));
    s
}

/// Draws the billing screen in the body.
pub(crate) fn render(app: &App, b: &BillingView, body: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let a = areas(app, b, body);
    let width = usize::from(body.width);
    let mut title = strings::billing_title().to_owned();
    if b.inactive_only {
        title.push_str(" · ");
        title.push_str(strings::inactive_only_title());
    }
    buf.set_stringn(
        a.title.x,
        a.title.y,
        text::fit(&title, width),
        width,
        theme.heading(),
    );
    let filter_key = super::filter_key(app);
    if let Some(n) = a.note {
        for (i, l) in note_lines(app, b, body).iter().enumerate() {
            buf.set_stringn(n.x, n.y + i as u16, l, width, theme.warning());
        }
    }
    let w = widths(body.width);
    let header = format!(
        "{} {}",
        text::pad(strings::col_client(), w.client),
        row_text(
            &w,
            crate::tui::strings::col_product(),
            crate::tui::strings::col_list_price(),
            crate::tui::strings::col_discount(),
            crate::tui::strings::col_net(),
        )
    );
    buf.set_stringn(
        a.header.x + 2,
        a.header.y,
        header,
        width.saturating_sub(2),
        theme.heading(),
    );
    if !b.loaded {
        buf.set_stringn(
            a.rows.x + 2,
            a.rows.y,
            crate::tui::strings::loading(),
            width,
            theme.dim(),
        );
        return;
    }
    if b.report.lines.is_empty() {
        let message = if b.inactive_only {
            strings::no_inactive_billed(&filter_key)
        } else {
            let add = app
                .keymap
                .key_label(Screen::Billing, Command::Add)
                .unwrap_or_default();
            strings::no_billing(&add)
        };
        buf.set_stringn(
            a.rows.x + 2,
            a.rows.y,
            text::fit(&message, width.saturating_sub(2)),
            width,
            theme.dim(),
        );
    }
    rows(app, b, &a, &w, buf);
    totals(app, b, &a, &w, buf);
}

fn rows(app: &App, b: &BillingView, a: &Areas, w: &Widths, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = usize::from(a.rows.width);
    if a.inline {
        // The totals per product, after the last row, as far as they show.
        let n = b.report.lines.len();
        let first = b.scroll.max(n);
        let shown = (b.scroll + usize::from(a.rows.height)).saturating_sub(first);
        let y = a.rows.y + (first - b.scroll) as u16;
        let area = Rect {
            y,
            height: shown as u16,
            ..a.rows
        };
        per_product(app, b, w, area, first - n, buf);
    }
    for (i, l) in b
        .report
        .lines
        .iter()
        .enumerate()
        .skip(b.scroll)
        .take(a.rows.height.into())
    {
        let y = a.rows.y + (i - b.scroll) as u16;
        let selected = i == b.selected;
        buf.set_string(a.rows.x, y, if selected { ">" } else { " " }, Style::new());
        let x = a.rows.x + 2;
        // In capitals here: an inactive client the firm still pays for is
        // money being lost, not just a marker.
        let tag = if l.client_inactive {
            crate::tui::strings::inactive_tag().to_uppercase()
        } else {
            String::new()
        };
        let tag = tag.as_str();
        let tag_w = text::width(tag).min(w.client);
        let name_w = w.client - tag_w;
        let style = if l.client_inactive {
            theme.warning()
        } else {
            Style::new()
        };
        buf.set_stringn(
            x,
            y,
            text::pad(&l.client_name, name_w),
            name_w,
            Style::new(),
        );
        buf.set_stringn(x + name_w as u16, y, tag, tag_w, style);
        let cells = row_text(
            w,
            &l.product,
            &strings::amount(l.list_price_cents),
            &strings::discount(l.discount_percent),
            &strings::amount(l.net_cents),
        );
        buf.set_stringn(
            x + w.client as u16 + 1,
            y,
            cells,
            width.saturating_sub(w.client + 3),
            Style::new(),
        );
        if selected {
            buf.set_style(line(a.rows, y, 1), theme.selected());
        }
    }
}

/// One line of totals: a label over the client and product columns,
/// then the list and net amounts under theirs.
fn total_line(w: &Widths, label: &str, list: i64, net: i64) -> String {
    let after = Widths {
        client: 0,
        product: 0,
        money: w.money,
        discount: w.discount,
    };
    format!(
        "{} {}",
        text::pad(label, w.client + 1 + w.product),
        row_text(
            &after,
            "",
            &strings::amount(list),
            "",
            &strings::amount(net)
        )
    )
}

/// The heading and the totals per product, from line `skip` of them on,
/// as many as fit in `area`.
fn per_product(app: &App, b: &BillingView, w: &Widths, area: Rect, skip: usize, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut heading = format!("── {} ", strings::totals_title());
    let used = text::width(&heading);
    heading.extend(std::iter::repeat_n('─', width.saturating_sub(used)));
    let mut lines = vec![(heading, app.theme.heading(), 0u16)];
    for p in &b.report.by_product {
        let label = strings::product_total(&p.product, p.subscriptions);
        let s = total_line(w, &label, p.list_cents, p.net_cents);
        lines.push((s, Style::new(), 2));
    }
    for (i, (s, style, indent)) in lines.iter().skip(skip).take(area.height.into()).enumerate() {
        buf.set_stringn(
            area.x + indent,
            area.y + i as u16,
            s,
            width.saturating_sub(usize::from(*indent)),
            *style,
        );
    }
}

fn totals(app: &App, b: &BillingView, a: &Areas, w: &Widths, buf: &mut Buffer) {
    if a.totals.height == 0 {
        return;
    }
    let width = usize::from(a.totals.width);
    let r = &b.report;
    if !a.inline {
        let area = Rect {
            height: a.totals.height - 1,
            ..a.totals
        };
        per_product(app, b, w, area, 0, buf);
    }
    let label = strings::overall_total(r.lines.len());
    let s = total_line(w, &label, r.list_cents, r.net_cents);
    let y = a.totals.bottom() - 1;
    buf.set_stringn(
        a.totals.x + 2,
        y,
        s,
        width.saturating_sub(2),
        app.theme.heading(),
    );
}
