//! The QuickBooks tab: the client's subscriptions, who is billed for each
//! (the firm, for wholesale billing, or the client), and the monthly
//! totals.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::{BilledTo, Client};

use super::super::app::App;
use super::super::strings;
use super::Profile;
use super::view::{CellText, Col, add_key, empty, table};

pub(crate) fn render(app: &App, p: &Profile, c: &Client, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cols = [
        Col {
            title: strings::col_product(),
            width: 18,
            right: false,
        },
        Col {
            title: strings::col_billed_to(),
            width: 16,
            right: false,
        },
        Col {
            title: strings::col_list_price(),
            width: 10,
            right: true,
        },
        Col {
            title: strings::col_discount(),
            width: 8,
            right: true,
        },
        Col {
            title: strings::col_net(),
            width: 10,
            right: true,
        },
        Col {
            title: strings::col_since(),
            width: 10,
            right: false,
        },
    ];
    let rows: Vec<Vec<CellText>> = c
        .products
        .iter()
        .map(|pr| {
            let billed = match pr.billed_to {
                BilledTo::Firm => (strings::billed_firm().to_owned(), Some(theme.warning())),
                BilledTo::Client => (strings::billed_client().to_owned(), None),
            };
            vec![
                (pr.product.label().to_owned(), None),
                billed,
                (strings::money(pr.list_price_cents), None),
                (strings::percent(pr.discount_percent), None),
                (strings::money(pr.net_cents()), None),
                (pr.start.to_string(), None),
            ]
        })
        .collect();
    let used = table(theme, &cols, &rows, p.item, area, buf);
    if rows.is_empty() {
        return empty(theme, &strings::no_products(&add_key(app)), area, buf);
    }
    let total = |to: BilledTo| {
        c.products
            .iter()
            .filter(|x| x.billed_to == to)
            .map(|x| x.net_cents())
            .sum::<i64>()
    };
    let summary = strings::monthly_totals(
        &strings::money(total(BilledTo::Firm)),
        &strings::money(total(BilledTo::Client)),
    );
    if used < area.height {
        let y = area.y + used.min(area.height - 1);
        buf.set_stringn(
            area.x + 2,
            y,
            summary,
            usize::from(area.width.saturating_sub(2)),
            theme.dim(),
        );
    }
}
