//! QuickBooks subscriptions: which products a client holds, at what
//! price, and whether the firm pays for them at a wholesale discount.

use super::{Profile, days_between, shift};
use crate::demo::lists::Form;
use crate::demo::rng::Rng;
use crate::model::{BilledTo, Client, ClientKind, Product, QboProduct};

/// The monthly list price of a product, in cents.
pub(crate) fn list_price(p: &QboProduct) -> i64 {
    match p {
        QboProduct::SimpleStart => 3500,
        QboProduct::Essentials => 5500,
        QboProduct::Plus => 9000,
        QboProduct::Advanced => 20_000,
        QboProduct::SelfEmployed => 2000,
        QboProduct::Payroll => 5000,
        QboProduct::Time => 2000,
        QboProduct::Desktop => 4600,
        QboProduct::Other(_) => 2500,
    }
}

/// The client's QuickBooks subscriptions.
pub(crate) fn products(rng: &mut Rng, c: &Client, p: &Profile) -> Vec<Product> {
    use QboProduct::*;
    let main = match (c.kind, p.form) {
        (ClientKind::Individual, _) => (c.self_employed && rng.percent(45)).then(|| {
            rng.weighted(&[(60, SelfEmployed), (40, SimpleStart)])
                .clone()
        }),
        (_, Some(Form::Trust)) => None,
        _ if p.holding => rng
            .percent(35)
            .then(|| rng.weighted(&[(70, SimpleStart), (30, Essentials)]).clone()),
        (_, Some(Form::Partnership)) => rng
            .percent(60)
            .then(|| rng.weighted(&[(50, Essentials), (50, Plus)]).clone()),
        _ => rng.percent(75).then(|| {
            rng.weighted(&[
                (20, SimpleStart),
                (30, Essentials),
                (40, Plus),
                (4, Advanced),
                (6, Desktop),
            ])
            .clone()
        }),
    };
    let Some(main) = main else { return Vec::new() };
    let mut lines = vec![main.clone()];
    let employer = c.kind == ClientKind::Business && !p.holding;
    if employer && main != Desktop && rng.percent(35) {
        lines.push(Payroll);
        if rng.percent(20) {
            lines.push(Time);
        }
    }
    let wholesale = rng.percent(35);
    let discount = if wholesale {
        *rng.weighted(&[(40, 30u8), (20, 35), (25, 40), (15, 50)])
    } else {
        0
    };
    let first_start = shift(
        p.since,
        rng.between(0, days_between(p.since, p.asof).min(200)),
    );
    let mut out = Vec::with_capacity(lines.len());
    for (i, product) in lines.into_iter().enumerate() {
        let start = if i == 0 {
            first_start
        } else {
            shift(first_start, rng.between(0, 700)).min(p.asof)
        };
        out.push(Product {
            id: 0,
            list_price_cents: list_price(&product),
            product,
            billed_to: if wholesale {
                BilledTo::Firm
            } else {
                BilledTo::Client
            },
            discount_percent: discount,
            start,
        });
    }
    out
}
