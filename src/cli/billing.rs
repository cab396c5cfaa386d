//! `cabinet billing`: the subscriptions billed to the firm.

use super::table::Table;
use super::{CliError, Ctx};
use crate::i18n::{Msg, money, percent};

pub(super) fn run(ctx: &mut Ctx<'_>, inactive_only: bool, json: bool) -> Result<(), CliError> {
    let report = ctx.firm.billing(inactive_only)?;
    if json {
        return ctx.json(&report);
    }
    let lang = ctx.lang;
    let cols = [
        Msg::ColClient,
        Msg::ColProduct,
        Msg::ColList,
        Msg::ColDiscount,
        Msg::ColNet,
    ]
    .map(|m| m.text(lang));
    let mut t = Table::new(&cols).right(2).right(3).right(4);
    for l in &report.lines {
        let name = if l.client_inactive {
            format!(
                "{} {}",
                l.client_name,
                lang.t(Msg::InactiveMark).to_uppercase()
            )
        } else {
            l.client_name.clone()
        };
        t.row(vec![
            name,
            l.product.clone(),
            money(lang, l.list_price_cents),
            percent(lang, l.discount_percent),
            money(lang, l.net_cents),
        ]);
    }
    if !t.is_empty() {
        t.write(ctx.out)?;
        writeln!(ctx.out)?;
    }
    let cols = [
        Msg::ColProduct,
        Msg::ColSubscriptions,
        Msg::ColList,
        Msg::ColNet,
    ]
    .map(|m| m.text(lang));
    let mut totals = Table::new(&cols).right(1).right(2).right(3);
    for p in &report.by_product {
        totals.row(vec![
            p.product.clone(),
            p.subscriptions.to_string(),
            money(lang, p.list_cents),
            money(lang, p.net_cents),
        ]);
    }
    totals.row(vec![
        lang.t(Msg::Total).into_owned(),
        report.lines.len().to_string(),
        money(lang, report.list_cents),
        money(lang, report.net_cents),
    ]);
    totals.write(ctx.out)?;
    let n = report.inactive_billed_clients;
    if n > 0 {
        writeln!(ctx.out)?;
        ctx.say(
            Msg::InactiveStillBilled,
            &[("n", &n), ("clients", &lang.clients(n))],
        )?;
    }
    Ok(())
}
