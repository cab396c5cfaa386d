//! The JSON shapes of the firm's records, shared by the CLI's `--json`
//! output and the JSON export (`transfer::export`). They are a stable,
//! script-friendly view: keys in snake case, members by login, money in
//! integer cents, dates in ISO 8601, enum values as kebab-case codes
//! ([`code`]). They depend on the model alone, so both front ends sit
//! above them.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::field::member_label;
use crate::model::{Address, Client, ClientSummary, Member, TaxIds};

/// One row of `cabinet list --json`.
#[derive(Debug, Serialize)]
pub(crate) struct SummaryJson<'a> {
    pub(crate) id: u64,
    pub(crate) number: &'a str,
    pub(crate) name: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) lead: Option<String>,
    pub(crate) lead_name: &'a str,
    pub(crate) active: bool,
    pub(crate) product: &'a str,
    pub(crate) latest_return: Option<ReturnJson>,
    pub(crate) documents_awaiting: u32,
    pub(crate) wholesale: bool,
}

impl<'a> SummaryJson<'a> {
    pub(crate) fn new(s: &'a ClientSummary, team: &[Member], today: Date) -> Self {
        SummaryJson {
            id: s.id,
            number: &s.number,
            name: &s.name,
            kind: s.kind.key(),
            lead: s.lead.map(|l| member_label(l, team)),
            lead_name: &s.lead_name,
            active: s.active,
            product: &s.product,
            latest_return: s.latest_return.as_ref().map(|r| ReturnJson {
                year: r.year,
                form: r.form.clone(),
                status: r.status.key(),
                due: r.due,
                filed: r.filed,
                overdue: r.is_overdue(today),
            }),
            documents_awaiting: s.docs_awaiting,
            wholesale: s.wholesale,
        }
    }
}

/// A tax return.
#[derive(Debug, Serialize)]
pub(crate) struct ReturnJson {
    pub(crate) year: i16,
    pub(crate) form: String,
    pub(crate) status: &'static str,
    pub(crate) due: Option<Date>,
    pub(crate) filed: Option<Date>,
    pub(crate) overdue: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct ProductJson {
    pub(crate) product: String,
    pub(crate) billed_to: &'static str,
    pub(crate) list_price_cents: i64,
    pub(crate) discount_percent: u8,
    pub(crate) net_price_cents: i64,
    pub(crate) start: Date,
}

#[derive(Debug, Serialize)]
pub(crate) struct DocumentJson {
    pub(crate) title: String,
    pub(crate) sent: Date,
    pub(crate) status: &'static str,
    pub(crate) note: String,
}

/// A whole client, as `cabinet show --json` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct ClientJson<'a> {
    pub(crate) id: u64,
    pub(crate) version: u64,
    pub(crate) number: Option<&'a str>,
    pub(crate) name: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) company: &'a str,
    pub(crate) first_name: &'a str,
    pub(crate) last_name: &'a str,
    pub(crate) email: &'a str,
    pub(crate) phone: &'a str,
    pub(crate) mobile: &'a str,
    pub(crate) website: &'a str,
    pub(crate) address: &'a Address,
    pub(crate) tax_ids: &'a TaxIds,
    pub(crate) fiscal_year_end: Option<String>,
    pub(crate) self_employed: bool,
    pub(crate) notes: &'a str,
    pub(crate) lead: Option<String>,
    pub(crate) team_access: Vec<String>,
    pub(crate) active: bool,
    pub(crate) inactive_since: Option<Date>,
    pub(crate) products: Vec<ProductJson>,
    pub(crate) documents: Vec<DocumentJson>,
    pub(crate) tax_returns: Vec<ReturnJson>,
    pub(crate) created: Option<String>,
    pub(crate) updated: Option<String>,
}

impl<'a> ClientJson<'a> {
    pub(crate) fn new(c: &'a Client, team: &[Member], today: Date) -> Self {
        let stamp = |s: &Option<crate::model::Stamp>| {
            s.as_ref()
                .map(|s| format!("{} by {}", s.at, member_label(s.by, team)))
        };
        ClientJson {
            id: c.id,
            version: c.version,
            number: c.number.as_deref(),
            name: &c.display_name,
            kind: c.kind.key(),
            company: &c.company,
            first_name: &c.first_name,
            last_name: &c.last_name,
            email: &c.email,
            phone: &c.phone,
            mobile: &c.mobile,
            website: &c.website,
            address: &c.address,
            tax_ids: &c.tax_ids,
            fiscal_year_end: c.fiscal_year_end.map(|m| m.to_string()),
            self_employed: c.self_employed,
            notes: &c.notes,
            lead: c.lead.map(|l| member_label(l, team)),
            team_access: c
                .team_access
                .iter()
                .map(|&m| member_label(m, team))
                .collect(),
            active: c.is_active(),
            inactive_since: c.inactive_since,
            products: c
                .products
                .iter()
                .map(|p| ProductJson {
                    product: p.product.label().to_owned(),
                    billed_to: p.billed_to.key(),
                    list_price_cents: p.list_price_cents,
                    discount_percent: p.discount_percent,
                    net_price_cents: p.net_cents(),
                    start: p.start,
                })
                .collect(),
            documents: c
                .documents
                .iter()
                .map(|d| DocumentJson {
                    title: d.title.clone(),
                    sent: d.sent,
                    status: d.status.key(),
                    note: d.note.clone(),
                })
                .collect(),
            tax_returns: c
                .tax_returns
                .iter()
                .map(|r| ReturnJson {
                    year: r.year,
                    form: r.form.label().to_owned(),
                    status: r.status.key(),
                    due: r.due_date(c),
                    filed: r.filed,
                    overdue: r.is_overdue(c, today),
                })
                .collect(),
            created: stamp(&c.created),
            updated: stamp(&c.updated),
        }
    }
}

/// A team member, with how many clients they lead.
#[derive(Debug, Serialize)]
pub(crate) struct MemberJson<'a> {
    pub(crate) id: u64,
    pub(crate) name: &'a str,
    pub(crate) login: &'a str,
    pub(crate) email: &'a str,
    pub(crate) role: &'static str,
    pub(crate) active: bool,
}

impl<'a> MemberJson<'a> {
    pub(crate) fn new(m: &'a Member) -> Self {
        MemberJson {
            id: m.id,
            name: &m.name,
            login: &m.login,
            email: &m.email,
            role: m.role.key(),
            active: m.active,
        }
    }
}

/// The kebab-case name of an enum value: `Rule::TooLong { .. }` gives
/// `too-long`, `Integrity::Clean` gives `clean`. Every enum value in the
/// JSON output is written this way, whatever serde would make of it.
pub(crate) fn code<T: Serialize>(value: &T) -> String {
    let name = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(m)) => m.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else if c == '_' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rule;

    #[test]
    fn enum_values_are_kebab_case_codes() {
        assert_eq!(code(&Rule::Email), "email");
        assert_eq!(code(&Rule::TooLong { max: 3 }), "too-long");
        assert_eq!(code(&Rule::SinFirstDigit), "sin-first-digit");
    }
}
