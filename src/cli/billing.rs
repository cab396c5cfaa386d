//! `cabinet billing`: the subscriptions billed to the firm.

use super::table::{Layout, Table};
use super::{CliError, Ctx};
use crate::i18n::{Lang, Msg, money, number, percent};

pub(super) fn run(
    ctx: &mut Ctx<'_>,
    inactive_only: bool,
    json: bool,
    header: bool,
) -> Result<(), CliError> {
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
    let layout = ctx.layout(header);
    let piped = matches!(layout, Layout::Piped { .. });
    let mut t = Table::new(&cols)
        .right(2)
        .right(3)
        .right(4)
        .drops(&[2, 3])
        .shrink(0, 20)
        .shrink(1, 12);
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
        t.print(ctx.out, layout)?;
        if !piped {
            writeln!(ctx.out)?;
        }
    }
    // Piped, the lines are the rows; the totals are a summary.
    if piped {
        let mut totals = format!(
            "{}: {} · {}",
            lang.t(Msg::Total),
            money(lang, report.list_cents),
            money(lang, report.net_cents)
        );
        if report.inactive_billed_clients > 0 {
            totals.push('\n');
            totals.push_str(&still_billed(lang, report.inactive_billed_clients));
        }
        return ctx.note_line(&totals);
    }
    let cols = [
        Msg::ColProduct,
        Msg::ColSubscriptions,
        Msg::ColList,
        Msg::ColNet,
    ]
    .map(|m| m.text(lang));
    let mut totals = Table::new(&cols).right(1).right(2).right(3).shrink(0, 12);
    for p in &report.by_product {
        totals.row(vec![
            p.product.clone(),
            number(lang, p.subscriptions as u64),
            money(lang, p.list_cents),
            money(lang, p.net_cents),
        ]);
    }
    totals.row(vec![
        lang.t(Msg::Total).into_owned(),
        number(lang, report.lines.len() as u64),
        money(lang, report.list_cents),
        money(lang, report.net_cents),
    ]);
    totals.print(ctx.out, layout)?;
    let n = report.inactive_billed_clients;
    if n > 0 {
        ctx.note_line("")?;
        ctx.note_line(&still_billed(lang, n))?;
    }
    Ok(())
}

/// `3 inactive clients are still billed to the firm…`
fn still_billed(lang: Lang, n: usize) -> String {
    let msg = super::one_or_many(
        lang,
        n,
        Msg::InactiveStillBilledOne,
        Msg::InactiveStillBilledMany,
    );
    lang.f(msg, &[("n", &number(lang, n as u64))])
}
