//! A client's products, documents and returns as one line of text, and
//! the values the history holds, in the app's language.
//!
//! The history keeps each change as the text the firm wrote at the time:
//! codes for kinds and yes/no, and for items the model's English one-line
//! renderings (`Online Plus · billed to firm · 90.00/month · …`). Those
//! are worded again here when they read as the model writes them; any
//! other text is shown as stored.

use jiff::civil::Date;

use crate::model::field::{parse_bool, parse_cents};
use crate::model::merge::Part as ItemPart;
use crate::model::{BilledTo, ClientKind, DocStatus, Document, Product, ReturnStatus, TaxReturn};
use crate::tr;

use super::super::lang::{Lang, lang};
use super::profile::{active, inactive_since, money, percent};
use super::words::{doc_status, kind, return_status, yes_no};

/// What separates the parts of an item's line.
const SEP: &str = " · ";

/// A product on one line.
pub(crate) fn product_line(p: &Product) -> String {
    product_words(
        p.product.label(),
        p.billed_to,
        p.list_price_cents,
        p.discount_percent,
        p.start,
    )
}

/// A document on one line.
pub(crate) fn document_line(d: &Document) -> String {
    document_words(&d.title, d.sent, d.status, &d.note)
}

/// A tax return on one line.
pub(crate) fn return_line(r: &TaxReturn) -> String {
    return_words(
        &format!("{} {}", r.year, r.form.label()),
        r.status,
        r.due,
        r.filed,
    )
}

/// A list of items as a whole.
pub(crate) fn part_title(part: ItemPart) -> &'static str {
    match part {
        ItemPart::Product => tr!(en: "QuickBooks products", fr: "Produits QuickBooks"),
        ItemPart::Document => tr!(en: "Documents", fr: "Documents"),
        ItemPart::Return => tr!(en: "Tax returns", fr: "Déclarations de revenus"),
    }
}

/// One item, named: `Tax return 2025 T1`.
pub(crate) fn item_label(part: ItemPart, name: &str) -> String {
    match part {
        ItemPart::Product => tr!(en: format!("Product {name}"), fr: format!("Produit {name}")),
        ItemPart::Document => tr!(en: format!("Document {name}"), fr: format!("Document {name}")),
        ItemPart::Return => tr!(
            en: format!("Tax return {name}"),
            fr: format!("Déclaration {name}"),
        ),
    }
}

/// One field of an item: `2025 T1 · Status`.
pub(crate) fn item_field_piece(part: ItemPart, name: &str, field: &str) -> String {
    format!("{name} · {}", item_field_label(part, field))
}

/// An item's field by its key (`status`, `filed`).
pub(crate) fn item_field_label(part: ItemPart, field: &str) -> &'static str {
    match field {
        "product" => tr!(en: "Product", fr: "Produit"),
        "billed_to" => tr!(en: "Billed to", fr: "Facturé à"),
        "price" => tr!(en: "List price", fr: "Prix courant"),
        "discount" => tr!(en: "Discount", fr: "Remise"),
        "start" => tr!(en: "Start", fr: "Début"),
        "title" => tr!(en: "Title", fr: "Titre"),
        "sent" => tr!(en: "Sent", fr: "Envoyé le"),
        "status" => tr!(en: "Status", fr: "Statut"),
        "note" => tr!(en: "Note", fr: "Note"),
        "year" => tr!(en: "Year", fr: "Année"),
        "form" => tr!(en: "Form", fr: "Formulaire"),
        "due" => tr!(en: "Due", fr: "Échéance"),
        "filed" => tr!(en: "Filed", fr: "Produite le"),
        _ => part_title(part),
    }
}

/// An item field's stored value (a code, cents, an ISO date) in words.
pub(crate) fn item_value(part: ItemPart, field: &str, value: &str) -> String {
    match field {
        "status" => match part {
            ItemPart::Return => ReturnStatus::parse(value).map(return_status),
            _ => DocStatus::parse(value).map(doc_status),
        }
        .map_or_else(|| value.to_owned(), str::to_owned),
        "billed_to" => match BilledTo::parse(value) {
            Some(BilledTo::Firm) => tr!(en: "the firm", fr: "le cabinet").to_owned(),
            Some(BilledTo::Client) => tr!(en: "the client", fr: "le client").to_owned(),
            None => value.to_owned(),
        },
        "price" => value
            .parse::<i64>()
            .map_or_else(|_| value.to_owned(), money),
        "discount" => value
            .parse::<u8>()
            .map_or_else(|_| value.to_owned(), percent),
        _ => value.to_owned(),
    }
}

/// A whole item as history keeps it (its fields' codes) on one line, in
/// words; text that does not read so is shown as stored.
pub(crate) fn item_codes_line(part: ItemPart, codes: &str) -> String {
    if codes.is_empty() {
        return String::new();
    }
    use crate::model::field::{ITEM_SEP, ItemValue, parse_item};
    match parse_item(part, codes) {
        Some(ItemValue::Product(p)) => product_line(&p),
        Some(ItemValue::Document(d)) => document_line(&d),
        Some(ItemValue::Return(r)) => return_line(&r),
        None => codes.replace(ITEM_SEP, " · "),
    }
}

/// What an item one side deleted shows.
pub(crate) fn item_deleted() -> &'static str {
    tr!(en: "(deleted)", fr: "(supprimé)")
}

fn product_words(label: &str, billed: BilledTo, cents: i64, discount: u8, start: Date) -> String {
    let billed = match billed {
        BilledTo::Firm => tr!(en: "billed to the firm", fr: "facturé au cabinet"),
        BilledTo::Client => tr!(en: "billed to the client", fr: "facturé au client"),
    };
    let price = money(cents);
    let discount = percent(discount);
    tr!(
        en: format!("{label} · {billed} · {price}/month · {discount} off · since {start}"),
        fr: format!("{label} · {billed} · {price}/mois · remise de {discount} · depuis le {start}"),
    )
}

fn document_words(title: &str, sent: Date, status: DocStatus, note: &str) -> String {
    let status = doc_status(status);
    let mut s = tr!(
        en: format!("{title} · sent {sent} · {status}"),
        fr: format!("{title} · envoyé le {sent} · {status}"),
    );
    if !note.is_empty() {
        s.push_str(SEP);
        s.push_str(note);
    }
    s
}

fn return_words(
    what: &str,
    status: ReturnStatus,
    due: Option<Date>,
    filed: Option<Date>,
) -> String {
    let mut s = format!("{what}{SEP}{}", return_status(status));
    if let Some(d) = due {
        s.push_str(&tr!(en: format!(" · due {d}"), fr: format!(" · échéance le {d}")));
    }
    if let Some(d) = filed {
        s.push_str(&tr!(en: format!(" · filed {d}"), fr: format!(" · produite le {d}")));
    }
    s
}

/// The start of a history line: the field that changed.
pub(crate) fn change_label(label: &str) -> String {
    tr!(en: format!("    {label}: "), fr: format!("    {label} : "))
}

/// A value from the history, for the field it belongs to.
pub(crate) fn history_value(key: &str, value: &str) -> String {
    let worded = match key.split(' ').next().unwrap_or("") {
        "kind" => ClientKind::parse(value).map(|k| kind(k).to_owned()),
        "self_employed" => parse_bool(value).map(|b| yes_no(b).to_owned()),
        "status" if value == "active" => Some(active().to_owned()), // stored text
        // Inactive since a day: the day alone, or as older entries wrote it.
        "status" => value
            .strip_prefix("inactive since ") // stored text
            .unwrap_or(value)
            .parse::<Date>()
            .ok()
            .map(inactive_since),
        // The English renderings read as they are in English.
        _ if lang() == Lang::En => None,
        "product" => parse_product(value),
        "document" => parse_document(value),
        "return" => parse_return(value),
        _ => None,
    };
    worded.unwrap_or_else(|| value.to_owned())
}

/// `Online Plus · billed to firm · 90.00/month · 30% off · since 2024-01-15`.
fn parse_product(v: &str) -> Option<String> {
    let mut parts = v.rsplitn(5, SEP);
    let start = parts.next()?.strip_prefix("since ")?.parse::<Date>().ok()?; // stored text
    let discount = parts.next()?.strip_suffix("% off")?.parse::<u8>().ok()?; // stored text
    let cents = parse_cents(parts.next()?.strip_suffix("/month")?).ok()?; // stored text
    let billed = BilledTo::parse(parts.next()?.strip_prefix("billed to ")?)?; // stored text
    let label = parts.next()?;
    Some(product_words(label, billed, cents, discount, start))
}

/// `Bank statements · sent 2026-02-01 · requested · a note`. The title and
/// the note are free text, so the date and the status anchor the parse.
fn parse_document(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split(SEP).collect();
    (1..parts.len().saturating_sub(1)).find_map(|i| {
        let sent = parts[i].strip_prefix("sent ")?.parse::<Date>().ok()?; // stored text
        let status = DocStatus::ALL
            .into_iter()
            .find(|s| s.key() == parts[i + 1])?;
        let title = parts[..i].join(SEP);
        let note = parts[i + 2..].join(SEP);
        Some(document_words(&title, sent, status, &note))
    })
}

/// `2025 T2 · in-progress · due 2026-06-30 · filed 2026-06-01`.
fn parse_return(v: &str) -> Option<String> {
    let mut parts: Vec<&str> = v.split(SEP).collect();
    let mut date = |prefix: &str| -> Option<Option<Date>> {
        match parts.last()?.strip_prefix(prefix) {
            Some(d) => {
                let d = d.parse::<Date>().ok()?;
                parts.pop();
                Some(Some(d))
            }
            None => Some(None),
        }
    };
    let filed = date("filed ")?; // stored text
    let due = date("due ")?; // stored text
    let status = ReturnStatus::ALL
        .into_iter()
        .find(|s| Some(&s.key()) == parts.last())?;
    parts.pop();
    if parts.is_empty() {
        return None;
    }
    Some(return_words(&parts.join(SEP), status, due, filed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QboProduct, TaxForm, render};
    use crate::tui::lang::set_lang;
    use jiff::civil::date;

    fn product() -> Product {
        Product {
            id: 0,
            product: QboProduct::Plus,
            billed_to: BilledTo::Firm,
            list_price_cents: 123_456,
            discount_percent: 30,
            start: date(2024, 1, 15),
        }
    }

    #[test]
    fn history_items_are_worded_again_in_french() {
        set_lang(Lang::Fr);
        let p = product();
        assert_eq!(
            history_value("product 1", &render::product(&p)),
            product_line(&p)
        );
        assert!(product_line(&p).contains("1\u{202F}234,56\u{A0}$/mois"));
        let d = Document {
            id: 0,
            title: "Relevés · 2025".into(),
            sent: date(2026, 2, 1),
            status: DocStatus::Received,
            note: "Numérisé · complet".into(),
        };
        assert_eq!(
            history_value("document 2", &render::document(&d)),
            "Relevés · 2025 · envoyé le 2026-02-01 · reçu · Numérisé · complet"
        );
        let r = TaxReturn {
            id: 0,
            year: 2025,
            form: TaxForm::T2,
            status: ReturnStatus::ReadyForReview,
            due: Some(date(2026, 6, 30)),
            filed: None,
        };
        assert_eq!(
            history_value("return 1", &render::tax_return(&r)),
            "2025 T2 · prête pour révision · échéance le 2026-06-30"
        );
        assert_eq!(history_value("kind", "individual"), "Particulier");
        assert_eq!(
            history_value("status", "inactive since 2026-05-04"),
            "inactif depuis le 2026-05-04"
        );
        // Text that does not read as the model writes it is kept.
        assert_eq!(
            history_value("product 1", "anything · else"),
            "anything · else"
        );
        assert_eq!(history_value("phone", "514-555-0199"), "514-555-0199");
        set_lang(Lang::En);
    }

    #[test]
    fn english_history_keeps_the_stored_text() {
        set_lang(Lang::En);
        let p = product();
        let stored = render::product(&p);
        assert_eq!(history_value("product 1", &stored), stored);
        assert_eq!(history_value("kind", "business"), "Business");
        assert!(product_line(&p).contains("$1,234.56/month"));
    }
}
