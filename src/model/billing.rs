//! Wholesale billing: the subscriptions the firm pays for on its clients'
//! behalf, with totals per product and overall, in integer cents.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::client::{BilledTo, Client, ClientId};

/// One subscription billed to the firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingLine {
    pub(crate) client: ClientId,
    pub client_name: String,
    pub(crate) client_number: String,
    /// The client is inactive but the firm still pays: money quietly lost.
    pub(crate) client_inactive: bool,
    /// Which of the client's products this is (0-based).
    pub(crate) product_index: usize,
    pub(crate) product: String,
    pub(crate) list_price_cents: i64,
    pub(crate) discount_percent: u8,
    pub(crate) net_cents: i64,
    pub(crate) start: Date,
}

/// The total for one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ProductTotal {
    pub(crate) product: String,
    pub(crate) subscriptions: usize,
    pub(crate) list_cents: i64,
    pub(crate) net_cents: i64,
}

/// Every subscription billed to the firm, and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BillingReport {
    /// Sorted by client name, then product.
    pub lines: Vec<BillingLine>,
    /// Sorted by product name.
    pub(crate) by_product: Vec<ProductTotal>,
    pub list_cents: i64,
    pub net_cents: i64,
    /// How many inactive clients the firm still pays for.
    pub inactive_billed_clients: usize,
}

/// The lines billed to the firm for one client.
pub(crate) fn lines_of(c: &Client) -> Vec<BillingLine> {
    c.products
        .iter()
        .enumerate()
        .filter(|(_, p)| p.billed_to == BilledTo::Firm)
        .map(|(i, p)| BillingLine {
            client: c.id,
            client_name: c.display_name.clone(),
            client_number: c.number.clone().unwrap_or_default(),
            client_inactive: !c.is_active(),
            product_index: i,
            product: p.product.label().to_owned(),
            list_price_cents: p.list_price_cents,
            discount_percent: p.discount_percent,
            net_cents: p.net_cents(),
            start: p.start,
        })
        .collect()
}

impl BillingReport {
    /// Builds the report from billing lines; with `inactive_only`, keeps
    /// only the lines of inactive clients.
    pub(crate) fn from_lines(mut lines: Vec<BillingLine>, inactive_only: bool) -> Self {
        if inactive_only {
            lines.retain(|l| l.client_inactive);
        }
        lines.sort_by(|a, b| {
            super::text::fold(&a.client_name)
                .cmp(&super::text::fold(&b.client_name))
                .then(a.client.cmp(&b.client))
                .then(a.product_index.cmp(&b.product_index))
        });
        let mut by_product: Vec<ProductTotal> = Vec::new();
        for l in &lines {
            match by_product.iter_mut().find(|t| t.product == l.product) {
                Some(t) => {
                    t.subscriptions += 1;
                    t.list_cents = add(t.list_cents, l.list_price_cents);
                    t.net_cents = add(t.net_cents, l.net_cents);
                }
                None => by_product.push(ProductTotal {
                    product: l.product.clone(),
                    subscriptions: 1,
                    list_cents: l.list_price_cents,
                    net_cents: l.net_cents,
                }),
            }
        }
        by_product.sort_by(|a, b| a.product.cmp(&b.product));
        let mut inactive: Vec<ClientId> = lines
            .iter()
            .filter(|l| l.client_inactive)
            .map(|l| l.client)
            .collect();
        inactive.dedup();
        BillingReport {
            list_cents: lines.iter().map(|l| l.list_price_cents).fold(0, add),
            net_cents: lines.iter().map(|l| l.net_cents).fold(0, add),
            inactive_billed_clients: inactive.len(),
            by_product,
            lines,
        }
    }
}

/// Adds amounts with checked arithmetic. Prices are bounded when saved
/// (`validate::MAX_PRICE_CENTS`), so a total cannot overflow; one that
/// would (a price stored before the bound) stops at the largest amount
/// instead of wrapping to a negative one.
fn add(a: i64, b: i64) -> i64 {
    a.checked_add(b)
        .unwrap_or(if b < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Product, QboProduct};

    fn product(p: QboProduct, billed: BilledTo, cents: i64, pct: u8) -> Product {
        Product {
            id: 0,
            product: p,
            billed_to: billed,
            list_price_cents: cents,
            discount_percent: pct,
            start: jiff::civil::date(2025, 1, 1),
        }
    }

    #[test]
    fn totals_are_exact_in_cents() {
        let mut a = Client::new("Alpha");
        a.id = 1;
        a.products = vec![
            product(QboProduct::Plus, BilledTo::Firm, 9_000, 30),
            product(QboProduct::Payroll, BilledTo::Client, 5_000, 0),
        ];
        let mut b = Client::new("Bravo");
        b.id = 2;
        b.inactive_since = Some(jiff::civil::date(2026, 1, 1));
        // 33.33 at 33% off: 22.3311 rounds to 22.33.
        b.products = vec![
            product(QboProduct::Plus, BilledTo::Firm, 3_333, 33),
            product(QboProduct::Time, BilledTo::Firm, 1_001, 50),
        ];
        let lines: Vec<_> = [&a, &b].iter().flat_map(|c| lines_of(c)).collect();
        let r = BillingReport::from_lines(lines.clone(), false);
        assert_eq!(r.lines.len(), 3);
        assert_eq!(r.list_cents, 9_000 + 3_333 + 1_001);
        assert_eq!(r.net_cents, 6_300 + 2_233 + 501);
        assert_eq!(
            r.by_product[0],
            ProductTotal {
                product: "Online Plus".into(),
                subscriptions: 2,
                list_cents: 12_333,
                net_cents: 8_533
            }
        );
        assert_eq!(r.inactive_billed_clients, 1);
        let only = BillingReport::from_lines(lines.clone(), true);
        assert_eq!(only.lines.len(), 2);
        assert!(only.lines.iter().all(|l| l.client == 2));
    }

    #[test]
    fn totals_never_wrap() {
        let mut a = Client::new("Alpha");
        a.id = 1;
        a.products = vec![
            product(QboProduct::Plus, BilledTo::Firm, i64::MAX, 0),
            product(QboProduct::Time, BilledTo::Firm, i64::MAX, 10),
        ];
        let r = BillingReport::from_lines(lines_of(&a), false);
        assert_eq!(r.list_cents, i64::MAX);
        assert!(r.net_cents > 0);
    }
}
