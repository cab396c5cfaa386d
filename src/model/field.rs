//! The client's fields by name: read and written as text.
//!
//! One table serves `cabinet edit --set field=value`, the import, the audit
//! log's field-by-field changes and the conflict view, so that a field has
//! the same name and the same text form everywhere.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::client::{Client, ClientKind, ItemId, MonthDay};
use super::merge::Part;
use super::rule::Rule;
use super::team::Member;

/// A scalar field of a client that can be set from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Number,
    Kind,
    Name,
    Company,
    FirstName,
    LastName,
    Email,
    Phone,
    Mobile,
    Website,
    Street,
    City,
    Province,
    PostalCode,
    Country,
    BusinessNumber,
    Neq,
    Gst,
    Qst,
    Sin,
    FiscalYearEnd,
    SelfEmployed,
    Notes,
    Lead,
}

impl Field {
    /// Every field, in the order forms and diffs show them.
    pub(crate) const ALL: [Field; 24] = [
        Field::Name,
        Field::Number,
        Field::Kind,
        Field::Company,
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::Mobile,
        Field::Website,
        Field::Street,
        Field::City,
        Field::Province,
        Field::PostalCode,
        Field::Country,
        Field::BusinessNumber,
        Field::Neq,
        Field::Gst,
        Field::Qst,
        Field::Sin,
        Field::FiscalYearEnd,
        Field::SelfEmployed,
        Field::Lead,
        Field::Notes,
    ];

    /// The field's name in the CLI, the JSON output and the audit log.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Kind => "kind",
            Field::Name => "name",
            Field::Company => "company",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Mobile => "mobile",
            Field::Website => "website",
            Field::Street => "street",
            Field::City => "city",
            Field::Province => "province",
            Field::PostalCode => "postal_code",
            Field::Country => "country",
            Field::BusinessNumber => "business_number",
            Field::Neq => "neq",
            Field::Gst => "gst",
            Field::Qst => "qst",
            Field::Sin => "sin",
            Field::FiscalYearEnd => "fiscal_year_end",
            Field::SelfEmployed => "self_employed",
            Field::Notes => "notes",
            Field::Lead => "lead",
        }
    }

    /// Finds a field by key, accepting `-` for `_` and any case.
    pub(crate) fn parse(s: &str) -> Result<Field, Rule> {
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        let k = match k.as_str() {
            "display_name" => "name",
            "type" => "kind",
            "postal" | "zip" => "postal_code",
            "state" => "province",
            "bn" => "business_number",
            "fye" | "year_end" => "fiscal_year_end",
            other => other,
        };
        Field::ALL
            .into_iter()
            .find(|f| f.key() == k)
            .ok_or_else(|| Rule::UnknownField {
                known: Field::ALL.map(Field::key).join(", "),
            })
    }

    /// True for tax identifiers, which screens mask until revealed.
    pub(crate) fn is_sensitive(self) -> bool {
        matches!(
            self,
            Field::BusinessNumber | Field::Neq | Field::Gst | Field::Qst | Field::Sin
        )
    }

    /// The field's value as text. The lead is shown by login.
    pub(crate) fn get(self, c: &Client, team: &[Member]) -> String {
        match self {
            Field::Number => c.number.clone().unwrap_or_default(),
            Field::Kind => c.kind.key().to_owned(),
            Field::Name => c.display_name.clone(),
            Field::Company => c.company.clone(),
            Field::FirstName => c.first_name.clone(),
            Field::LastName => c.last_name.clone(),
            Field::Email => c.email.clone(),
            Field::Phone => c.phone.clone(),
            Field::Mobile => c.mobile.clone(),
            Field::Website => c.website.clone(),
            Field::Street => c.address.street.clone(),
            Field::City => c.address.city.clone(),
            Field::Province => c.address.province.clone(),
            Field::PostalCode => c.address.postal_code.clone(),
            Field::Country => c.address.country.clone(),
            Field::BusinessNumber => c.tax_ids.business_number.clone(),
            Field::Neq => c.tax_ids.neq.clone(),
            Field::Gst => c.tax_ids.gst.clone(),
            Field::Qst => c.tax_ids.qst.clone(),
            Field::Sin => c.tax_ids.sin.clone(),
            Field::FiscalYearEnd => c.fiscal_year_end.map(|m| m.to_string()).unwrap_or_default(),
            Field::SelfEmployed => if c.self_employed { "yes" } else { "no" }.to_owned(),
            Field::Notes => c.notes.clone(),
            Field::Lead => c.lead.map(|id| member_label(id, team)).unwrap_or_default(),
        }
    }

    /// Sets the field from text. An empty value clears optional fields.
    /// The lead is found by login or by name among active members.
    pub(crate) fn set(self, c: &mut Client, value: &str, team: &[Member]) -> Result<(), Rule> {
        let v = super::text::normalize(value);
        let s = v.clone();
        match self {
            Field::Number => c.number = (!s.is_empty()).then_some(s),
            Field::Kind => {
                c.kind = ClientKind::parse(&s).ok_or(Rule::Choice {
                    allowed: "business, individual".into(),
                })?
            }
            Field::Name => c.display_name = s,
            Field::Company => c.company = s,
            Field::FirstName => c.first_name = s,
            Field::LastName => c.last_name = s,
            Field::Email => c.email = s,
            Field::Phone => c.phone = s,
            Field::Mobile => c.mobile = s,
            Field::Website => c.website = s,
            Field::Street => c.address.street = s,
            Field::City => c.address.city = s,
            Field::Province => c.address.province = s,
            Field::PostalCode => c.address.postal_code = s,
            Field::Country => c.address.country = s,
            Field::BusinessNumber => c.tax_ids.business_number = super::ids::canonical(&s),
            Field::Neq => c.tax_ids.neq = super::ids::canonical(&s),
            Field::Gst => c.tax_ids.gst = super::ids::canonical(&s),
            Field::Qst => c.tax_ids.qst = super::ids::canonical(&s),
            Field::Sin => c.tax_ids.sin = super::ids::canonical(&s),
            Field::FiscalYearEnd => {
                c.fiscal_year_end = if s.is_empty() {
                    None
                } else {
                    Some(MonthDay::parse(&s).ok_or(Rule::MonthDay)?)
                }
            }
            Field::SelfEmployed => c.self_employed = parse_bool(&s).ok_or(Rule::Bool)?,
            Field::Notes => c.notes = s,
            Field::Lead => {
                c.lead = if s.is_empty() {
                    None
                } else {
                    let m = find_member(team, &s).ok_or(Rule::UnknownMember)?;
                    if !m.active {
                        return Err(Rule::InactiveMember);
                    }
                    Some(m.id)
                }
            }
        }
        Ok(())
    }
}

/// Finds a member by login, then by name, ignoring case and accents.
pub(crate) fn find_member<'a>(team: &'a [Member], key: &str) -> Option<&'a Member> {
    let k = super::text::fold(key.trim());
    team.iter()
        .find(|m| super::text::fold(&m.login) == k)
        .or_else(|| team.iter().find(|m| super::text::fold(&m.name) == k))
}

/// A member's login, or `#id` for one that no longer exists.
pub(crate) fn member_label(id: super::team::MemberId, team: &[Member]) -> String {
    team.iter()
        .find(|m| m.id == id)
        .map(|m| m.login.clone())
        .unwrap_or_else(|| format!("#{id}"))
}

/// Parses yes/no in English and French.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match super::text::fold(s.trim()).as_str() {
        "yes" | "y" | "true" | "1" | "oui" | "o" | "vrai" => Some(true),
        "no" | "n" | "false" | "0" | "non" | "faux" | "" => Some(false),
        _ => None,
    }
}

/// Parses an ISO date, `2026-04-30`.
pub(crate) fn parse_date(s: &str) -> Result<Date, Rule> {
    s.trim().parse::<Date>().map_err(|_| Rule::Date)
}

/// Parses an amount like `85`, `85.5`, `85.50`, `1 234,56` or `$85.00`
/// into cents, without floating point.
pub(crate) fn parse_cents(s: &str) -> Result<i64, Rule> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '$' | ' ' | '\u{00A0}' | '\u{202F}'))
        .collect();
    // A comma is a decimal separator when it is the last separator and has
    // at most two digits after it (French style); otherwise a thousands one.
    let normalized = match (cleaned.rfind(','), cleaned.rfind('.')) {
        (Some(c), None) if cleaned.len() - c - 1 <= 2 => cleaned.replacen(',', ".", 1),
        _ => cleaned.replace(',', ""),
    };
    let (whole, frac) = normalized.split_once('.').unwrap_or((&normalized, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 12
    {
        return Err(Rule::Amount);
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| Rule::Amount)?
    };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| Rule::Amount)? * 10,
        _ => frac.parse().map_err(|_| Rule::Amount)?,
    };
    Ok(w * 100 + f)
}

/// One field's change, as recorded in the audit log and shown in conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Every difference between two versions of a client, field by field,
/// as codes and values that each language words when it shows them.
/// Products, documents and returns are compared item by item, by id: a
/// field of an item both versions hold, or a whole item added or removed.
pub(crate) fn diff(old: &Client, new: &Client, team: &[Member]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for f in Field::ALL {
        let (a, b) = (f.get(old, team), f.get(new, team));
        if a != b {
            out.push(FieldChange {
                field: f.key().to_owned(),
                old: a,
                new: b,
            });
        }
    }
    let access = |c: &Client| {
        c.team_access
            .iter()
            .map(|&id| member_label(id, team))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if access(old) != access(new) {
        out.push(FieldChange {
            field: "team_access".into(),
            old: access(old),
            new: access(new),
        });
    }
    // The status as a code: `active`, or the day it became inactive.
    let status = |c: &Client| match c.inactive_since {
        None => "active".to_owned(),
        Some(d) => d.to_string(),
    };
    if status(old) != status(new) {
        out.push(FieldChange {
            field: "status".into(),
            old: status(old),
            new: status(new),
        });
    }
    for part in Part::ALL {
        let mut ids = part.ids(old);
        for id in part.ids(new) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for id in ids {
            match (part.position(old, id), part.position(new, id)) {
                (Some(_), Some(_)) => {
                    for &f in part.fields() {
                        let (a, b) = (part.value(old, id, f), part.value(new, id, f));
                        if a != b {
                            out.push(FieldChange {
                                field: item_key(part, id, Some(f)),
                                old: a.unwrap_or_default(),
                                new: b.unwrap_or_default(),
                            });
                        }
                    }
                }
                (a, b) => out.push(FieldChange {
                    field: item_key(part, id, None),
                    old: a.map(|_| item_codes(part, old, id)).unwrap_or_default(),
                    new: b.map(|_| item_codes(part, new, id)).unwrap_or_default(),
                }),
            }
        }
    }
    out
}

/// What separates an item's values in history: a control character, which
/// no stored text may hold.
pub(crate) const ITEM_SEP: char = '\u{1F}';

/// The history key of an item (`return#7`) or of one of its fields
/// (`return#7 status`). Entries written before items had ids name them by
/// position instead (`return 2`), with an English line as the value.
pub(crate) fn item_key(part: Part, id: ItemId, field: Option<&str>) -> String {
    match field {
        Some(f) => format!("{}#{id} {f}", part.key()),
        None => format!("{}#{id}", part.key()),
    }
}

/// Reads a history key written by [`item_key`].
pub(crate) fn parse_item_key(key: &str) -> Option<(Part, ItemId, Option<&str>)> {
    let (head, field) = match key.split_once(' ') {
        Some((h, f)) => (h, Some(f)),
        None => (key, None),
    };
    let (part, id) = head.split_once('#')?;
    Some((Part::parse(part)?, id.parse().ok()?, field))
}

/// An item's values as history keeps a whole item: its fields' codes in
/// [`Part::fields`] order, separated by [`ITEM_SEP`].
pub(crate) fn item_codes(part: Part, c: &Client, id: ItemId) -> String {
    part.fields()
        .iter()
        .map(|f| part.value(c, id, f).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(&ITEM_SEP.to_string())
}

/// A whole item read back from history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemValue {
    Product(super::client::Product),
    Document(super::client::Document),
    Return(super::tax::TaxReturn),
}

/// Reads back a whole item kept by [`item_codes`]; `None` for text that
/// does not read so.
pub(crate) fn parse_item(part: Part, codes: &str) -> Option<ItemValue> {
    use super::client::{BilledTo, DocStatus, Document, Product, QboProduct};
    use super::tax::{ReturnStatus, TaxForm, TaxReturn};
    let values = parse_item_codes(part, codes)?;
    let v = |i: usize| values[i].1.as_str();
    let date = |i: usize| v(i).parse::<Date>().ok();
    Some(match part {
        Part::Product => ItemValue::Product(Product {
            id: 0,
            product: QboProduct::parse(v(0)),
            billed_to: BilledTo::parse(v(1))?,
            list_price_cents: v(2).parse().ok()?,
            discount_percent: v(3).parse().ok()?,
            start: date(4)?,
        }),
        Part::Document => ItemValue::Document(Document {
            id: 0,
            title: v(0).to_owned(),
            sent: date(1)?,
            status: DocStatus::parse(v(2))?,
            note: v(3).to_owned(),
        }),
        Part::Return => ItemValue::Return(TaxReturn {
            id: 0,
            year: v(0).parse().ok()?,
            form: TaxForm::parse(v(1)),
            status: ReturnStatus::parse(v(2))?,
            due: date(3),
            filed: date(4),
        }),
    })
}

/// The values of a whole item kept by [`item_codes`], by field.
pub(crate) fn parse_item_codes(part: Part, codes: &str) -> Option<Vec<(&'static str, String)>> {
    let values: Vec<&str> = codes.split(ITEM_SEP).collect();
    (values.len() == part.fields().len()).then(|| {
        part.fields()
            .iter()
            .zip(values)
            .map(|(f, v)| (*f, v.to_owned()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_cents_without_floats() {
        assert_eq!(parse_cents("85"), Ok(8500));
        assert_eq!(parse_cents("85.5"), Ok(8550));
        assert_eq!(parse_cents("$1,234.56"), Ok(123_456));
        assert_eq!(parse_cents("1 234,56"), Ok(123_456));
        assert_eq!(parse_cents("0,99"), Ok(99));
        assert_eq!(parse_cents("-3"), Err(Rule::Amount));
        assert_eq!(parse_cents("1.234"), Err(Rule::Amount));
        assert_eq!(parse_cents(""), Err(Rule::Amount));
        assert_eq!(parse_cents("abc"), Err(Rule::Amount));
    }

    #[test]
    fn fields_round_trip_through_text() {
        let team = vec![Member {
            id: 7,
            ..Member::new("Marie Côté", "mcote")
        }];
        let mut c = Client::new("X");
        Field::Lead.set(&mut c, "Marie Cote", &team).unwrap();
        assert_eq!(c.lead, Some(7));
        assert_eq!(Field::Lead.get(&c, &team), "mcote");
        Field::Gst
            .set(&mut c, "123 456 782 rt 0001", &team)
            .unwrap();
        assert_eq!(c.tax_ids.gst, "123456782RT0001");
        Field::FiscalYearEnd.set(&mut c, "03-31", &team).unwrap();
        assert_eq!(Field::FiscalYearEnd.get(&c, &team), "03-31");
        assert_eq!(
            Field::Kind.set(&mut c, "martian", &team),
            Err(Rule::Choice {
                allowed: "business, individual".into()
            })
        );
        assert!(Field::parse("nope").is_err());
        assert_eq!(Field::parse("Postal-Code"), Ok(Field::PostalCode));
    }

    #[test]
    fn diff_names_each_changed_field() {
        let team = [];
        let a = Client::new("A");
        let mut b = a.clone();
        b.phone = "514-555-0199".into();
        b.inactive_since = Some(jiff::civil::date(2026, 1, 2));
        let d = diff(&a, &b, &team);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0],
            FieldChange {
                field: "phone".into(),
                old: String::new(),
                new: "514-555-0199".into()
            }
        );
        assert_eq!(d[1].new, "2026-01-02");
    }

    #[test]
    fn history_names_items_by_id_with_codes() {
        use crate::model::{ReturnStatus, TaxForm, TaxReturn};
        let mut a = Client::new("A");
        a.tax_returns = vec![TaxReturn {
            id: 7,
            year: 2025,
            form: TaxForm::Tp1,
            status: ReturnStatus::ReadyForReview,
            due: None,
            filed: None,
        }];
        let mut b = a.clone();
        b.tax_returns[0].status = ReturnStatus::Filed;
        b.tax_returns[0].filed = Some(jiff::civil::date(2026, 4, 20));
        let d = diff(&a, &b, &[]);
        assert_eq!(
            d,
            [
                FieldChange {
                    field: "return#7 status".into(),
                    old: "ready-for-review".into(),
                    new: "filed".into()
                },
                FieldChange {
                    field: "return#7 filed".into(),
                    old: String::new(),
                    new: "2026-04-20".into()
                }
            ]
        );
        assert_eq!(
            parse_item_key(&d[0].field),
            Some((Part::Return, 7, Some("status")))
        );
        let removed = diff(&a, &Client::new("A"), &[]);
        assert_eq!(removed[0].field, "return#7");
        let values = parse_item_codes(Part::Return, &removed[0].old).unwrap();
        assert_eq!(values[0], ("year", "2025".to_owned()));
        assert_eq!(values[2], ("status", "ready-for-review".to_owned()));
    }
}
