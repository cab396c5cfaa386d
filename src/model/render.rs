//! Plain-text renderings of a client's items, used by the audit log and
//! the CLI. Screens format the same data through the TUI's own widgets.

use super::client::{Document, Product};
use super::tax::TaxReturn;

/// Cents as `1,234.56` (English grouping, no currency sign).
pub(crate) fn cents(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    let grouped = super::text::group_thousands(c / 100, ',');
    format!("{sign}{grouped}.{:02}", c % 100)
}

pub(crate) fn product(p: &Product) -> String {
    format!(
        "{} · billed to {} · {}/month · {}% off · since {}",
        p.product.label(),
        p.billed_to.key(),
        cents(p.list_price_cents),
        p.discount_percent,
        p.start
    )
}

pub(crate) fn document(d: &Document) -> String {
    let mut s = format!("{} · sent {} · {}", d.title, d.sent, d.status.key());
    if !d.note.is_empty() {
        s.push_str(" · ");
        s.push_str(&d.note);
    }
    s
}

pub(crate) fn tax_return(r: &TaxReturn) -> String {
    let mut s = format!("{} {} · {}", r.year, r.form.label(), r.status.key());
    if let Some(d) = r.due {
        s.push_str(&format!(" · due {d}"));
    }
    if let Some(d) = r.filed {
        s.push_str(&format!(" · filed {d}"));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn cents_are_grouped() {
        assert_eq!(super::cents(0), "0.00");
        assert_eq!(super::cents(5), "0.05");
        assert_eq!(super::cents(123_456_789), "1,234,567.89");
        assert_eq!(super::cents(-100_000), "-1,000.00");
    }
}
