//! The QuickBooks tab: the client's subscriptions, who is billed for each
//! (the firm, for wholesale billing, or the client), and the monthly
//! totals.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::render::cents;
use crate::model::{BilledTo, Client};

use super::super::app::App;
use super::super::strings;
use super::Profile;
use super::view::{CellText, Col, add_key, empty, table};

pub(crate) fn render(app: &App, p: &Profile, c: &Client, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cols = [
        Col {
            title: strings::COL_PRODUCT,
            width: 18,
            right: false,
        },
        Col {
            title: strings::COL_BILLED_TO,
            width: 16,
            right: false,
        },
        Col {
            title: strings::COL_LIST_PRICE,
            width: 10,
            right: true,
        },
        Col {
            title: strings::COL_DISCOUNT,
            width: 8,
            right: true,
        },
        Col {
            title: strings::COL_NET,
            width: 10,
            right: true,
        },
        Col {
            title: strings::COL_SINCE,
            width: 10,
            right: false,
        },
    ];
    let rows: Vec<Vec<CellText>> = c
        .products
        .iter()
        .map(|pr| {
            let billed = match pr.billed_to {
                BilledTo::Firm => (strings::BILLED_FIRM.to_owned(), Some(theme.warning())),
                BilledTo::Client => (strings::BILLED_CLIENT.to_owned(), None),
            };
            vec![
                (pr.product.label().to_owned(), None),
                billed,
                (cents(pr.list_price_cents), None),
                (format!("{}%", pr.discount_percent), None),
                (cents(pr.net_cents()), None),
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
        &cents(total(BilledTo::Firm)),
        &cents(total(BilledTo::Client)),
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
