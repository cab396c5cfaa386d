//! Reading cabinet's own JSON export back: an array of clients in the
//! shape `cabinet show --json` prints.
//!
//! Keys the shape computes (id, version, stamps, net prices, whether a
//! return is overdue) are ignored, and a missing key means an empty
//! field. A return's due date is kept as set by hand only when it differs
//! from the date the filing rules give.

use std::io::{BufRead, Read};

use jiff::civil::Date;
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::report::{Issue, RowProblem};
use super::{Draft, TransferError};
use crate::model::field::find_member;
use crate::model::tax::computed_due;
use crate::model::{
    Address, BilledTo, Client, ClientKind, DocStatus, Document, Field, Member, MonthDay, Product,
    QboProduct, ReturnStatus, Rule, TaxForm, TaxIds, TaxReturn,
};

/// One client as the export writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ClientIn {
    number: Option<String>,
    name: String,
    kind: Option<String>,
    company: String,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    mobile: String,
    website: String,
    address: Address,
    tax_ids: TaxIds,
    fiscal_year_end: Option<String>,
    self_employed: bool,
    notes: String,
    lead: Option<String>,
    team_access: Vec<String>,
    inactive_since: Option<Date>,
    products: Vec<ProductIn>,
    documents: Vec<DocumentIn>,
    tax_returns: Vec<ReturnIn>,
}

#[derive(Debug, Clone, Deserialize)]
struct ProductIn {
    product: String,
    billed_to: String,
    list_price_cents: i64,
    #[serde(default)]
    discount_percent: u8,
    start: Date,
}

#[derive(Debug, Clone, Deserialize)]
struct DocumentIn {
    title: String,
    sent: Date,
    status: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Clone, Deserialize)]
struct ReturnIn {
    year: i16,
    form: String,
    status: String,
    #[serde(default)]
    due: Option<Date>,
    #[serde(default)]
    filed: Option<Date>,
}

/// Reads a JSON array of clients (or one client) from `text`, handing
/// each record to `f` as soon as it is read, so that no more than one
/// record is held at a time. Returns how many records there were. An
/// error from `f` stops the reading and is returned.
pub(crate) fn each(
    text: impl Read,
    f: &mut dyn FnMut(Draft) -> Result<(), TransferError>,
) -> Result<usize, TransferError> {
    let mut text = std::io::BufReader::new(text);
    let object = loop {
        let buf = text.fill_buf()?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf[i] == b'{',
            None if buf.is_empty() => break false,
            None => {
                let n = buf.len();
                text.consume(n);
            }
        }
    };
    let bad = |e: serde_json::Error| match e.io_error_kind() {
        Some(_) => {
            let e = std::io::Error::from(e);
            match super::input::undecodable(&e) {
                Some(encoding) => TransferError::Undecodable { encoding },
                None => TransferError::Io(e),
            }
        }
        None => TransferError::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        },
    };
    let mut de = serde_json::Deserializer::from_reader(text);
    let mut stop = None;
    let read = if object {
        let record = ClientIn::deserialize(&mut de).map_err(bad)?;
        f(Draft::from_record(1, record))?;
        Ok(1)
    } else {
        de.deserialize_seq(Each { f, stop: &mut stop })
    };
    if let Some(e) = stop {
        return Err(e);
    }
    let n = read.map_err(bad)?;
    de.end().map_err(bad)?;
    Ok(n)
}

/// Hands the records of an array to a function one by one.
struct Each<'a> {
    f: &'a mut dyn FnMut(Draft) -> Result<(), TransferError>,
    stop: &'a mut Option<TransferError>,
}

impl<'de> Visitor<'de> for Each<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of clients")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while let Some(record) = seq.next_element::<ClientIn>()? {
            n += 1;
            if let Err(e) = (self.f)(Draft::from_record(n, record)) {
                *self.stop = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(n)
    }
}

impl ClientIn {
    /// The record's value for a field as an import problem names it
    /// (`email`, `product 2 price`); tax identifiers are never echoed.
    pub(crate) fn value_of(&self, field: &str) -> Option<String> {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut words = field.split(' ');
        let first = words.next()?;
        if let (Some(n), Some(part)) = (words.next(), words.next()) {
            let i = n.parse::<usize>().ok()?.checked_sub(1)?;
            return match first {
                "product" => {
                    let p = self.products.get(i)?;
                    Some(match part {
                        "price" => p.list_price_cents.to_string(),
                        "discount" => p.discount_percent.to_string(),
                        "billed_to" => p.billed_to.clone(),
                        _ => p.product.clone(),
                    })
                }
                "document" => {
                    let d = self.documents.get(i)?;
                    Some(match part {
                        "status" => d.status.clone(),
                        "note" => d.note.clone(),
                        _ => d.title.clone(),
                    })
                }
                "return" => {
                    let r = self.tax_returns.get(i)?;
                    Some(match part {
                        "year" => r.year.to_string(),
                        "status" => r.status.clone(),
                        "filed" => date(r.filed),
                        "due" => date(r.due),
                        _ => r.form.clone(),
                    })
                }
                _ => None,
            };
        }
        let a = &self.address;
        Some(match first {
            "name" => self.name.clone(),
            "number" => self.number.clone().unwrap_or_default(),
            "kind" => self.kind.clone().unwrap_or_default(),
            "company" => self.company.clone(),
            "first_name" => self.first_name.clone(),
            "last_name" => self.last_name.clone(),
            "email" => self.email.clone(),
            "phone" => self.phone.clone(),
            "mobile" => self.mobile.clone(),
            "website" => self.website.clone(),
            "street" => a.street.clone(),
            "city" => a.city.clone(),
            "province" => a.province.clone(),
            "postal_code" => a.postal_code.clone(),
            "country" => a.country.clone(),
            "fiscal_year_end" => self.fiscal_year_end.clone().unwrap_or_default(),
            "notes" => self.notes.clone(),
            "lead" => self.lead.clone().unwrap_or_default(),
            "team_access" => self.team_access.join(", "),
            _ => return None,
        })
    }

    /// The client this record describes, and what could not be understood.
    pub(crate) fn to_client(&self, line: usize, team: &[Member]) -> (Client, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut bad = |field: &str, rule: Rule| {
            issues.push(Issue::new(line, None, field, RowProblem::Rule(rule)));
        };
        let mut c = Client::new(self.name.as_str());
        c.number = self.number.clone();
        if let Some(k) = &self.kind {
            match ClientKind::parse(k) {
                Some(k) => c.kind = k,
                None => bad(
                    "kind",
                    Rule::Choice {
                        allowed: "business, individual".into(),
                    },
                ),
            }
        }
        c.company = self.company.clone();
        c.first_name = self.first_name.clone();
        c.last_name = self.last_name.clone();
        c.email = self.email.clone();
        c.phone = self.phone.clone();
        c.mobile = self.mobile.clone();
        c.website = self.website.clone();
        c.address = self.address.clone();
        c.tax_ids = self.tax_ids.clone();
        if let Some(f) = self.fiscal_year_end.as_deref().filter(|f| !f.is_empty()) {
            match MonthDay::parse(f) {
                Some(m) => c.fiscal_year_end = Some(m),
                None => bad("fiscal_year_end", Rule::MonthDay),
            }
        }
        c.self_employed = self.self_employed;
        c.notes = self.notes.clone();
        if let Some(l) = &self.lead
            && let Err(rule) = Field::Lead.set(&mut c, l, team)
        {
            bad("lead", rule);
        }
        for login in &self.team_access {
            match find_member(team, login) {
                Some(m) => c.team_access.push(m.id),
                None => bad("team_access", Rule::UnknownMember),
            }
        }
        c.inactive_since = self.inactive_since;
        for (i, p) in self.products.iter().enumerate() {
            let billed_to = BilledTo::parse(&p.billed_to).unwrap_or_else(|| {
                bad(
                    &format!("product {} billed_to", i + 1),
                    Rule::Choice {
                        allowed: "firm, client".into(),
                    },
                );
                BilledTo::Client
            });
            c.products.push(Product {
                id: 0,
                product: QboProduct::parse(&p.product),
                billed_to,
                list_price_cents: p.list_price_cents,
                discount_percent: p.discount_percent,
                start: p.start,
            });
        }
        for (i, d) in self.documents.iter().enumerate() {
            let status = DocStatus::parse(&d.status).unwrap_or_else(|| {
                bad(
                    &format!("document {} status", i + 1),
                    Rule::Choice {
                        allowed: DocStatus::ALL.map(DocStatus::key).join(", "),
                    },
                );
                DocStatus::Requested
            });
            c.documents.push(Document {
                id: 0,
                title: d.title.clone(),
                sent: d.sent,
                status,
                note: d.note.clone(),
            });
        }
        for (i, r) in self.tax_returns.iter().enumerate() {
            let status = ReturnStatus::parse(&r.status).unwrap_or_else(|| {
                bad(
                    &format!("return {} status", i + 1),
                    Rule::Choice {
                        allowed: ReturnStatus::ALL.map(ReturnStatus::key).join(", "),
                    },
                );
                ReturnStatus::NotStarted
            });
            let form = TaxForm::parse(&r.form);
            c.tax_returns.push(TaxReturn {
                id: 0,
                year: r.year,
                form,
                status,
                due: None,
                filed: r.filed,
            });
        }
        // Due dates are compared with the rules once the whole record is
        // known, since they depend on the year end and self-employment.
        let computed: Vec<Option<Date>> = c
            .tax_returns
            .iter()
            .map(|ret| computed_due(&ret.form, ret.year, &c))
            .collect();
        for ((ret, r), rule_due) in c
            .tax_returns
            .iter_mut()
            .zip(&self.tax_returns)
            .zip(computed)
        {
            ret.due = r.due.filter(|d| Some(*d) != rule_due);
        }
        (c, issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSON text's records, read whole.
    #[derive(Debug)]
    struct Read {
        drafts: Vec<Draft>,
    }

    fn read(text: &str) -> Result<Read, TransferError> {
        let mut drafts = Vec::new();
        each(text.as_bytes(), &mut |d| {
            drafts.push(d);
            Ok(())
        })?;
        Ok(Read { drafts })
    }

    #[test]
    fn reads_the_export_shape_and_ignores_computed_keys() {
        let text = r#"[{"id": 9, "version": 4, "name": "Dupuis, Anne", "kind": "individual",
            "address": {"street": "1 rue X", "city": "Laval", "province": "QC", "postal_code": "H7A 1A1", "country": "Canada"},
            "tax_returns": [{"year": 2025, "form": "T1", "status": "in-progress", "due": "2026-04-30", "overdue": false},
                            {"year": 2025, "form": "TP-1", "status": "filed", "due": "2026-05-15", "filed": "2026-04-01"}],
            "products": [{"product": "Online Plus", "billed_to": "firm", "list_price_cents": 8500, "discount_percent": 30, "net_price_cents": 5950, "start": "2025-01-01"}],
            "created": "2026-01-01T00:00:00Z by marie"}]"#;
        let s = read(text).unwrap();
        assert_eq!(s.drafts.len(), 1);
        let (c, issues) = s.drafts[0].record().unwrap().to_client(1, &[]);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(c.display_name, "Dupuis, Anne");
        assert_eq!(c.kind, ClientKind::Individual);
        assert_eq!(c.address.city, "Laval");
        assert_eq!(c.products[0].product, QboProduct::Plus);
        assert_eq!(c.products[0].billed_to, BilledTo::Firm);
        // The T1's due date is the rules' own; the TP-1's was set by hand.
        assert_eq!(c.tax_returns[0].due, None);
        assert_eq!(c.tax_returns[1].due, Some(jiff::civil::date(2026, 5, 15)));
        assert_eq!(c.tax_returns[1].status, ReturnStatus::Filed);
    }

    #[test]
    fn bad_values_are_issues_and_bad_json_is_an_error() {
        let s = read(r#"[{"name": "A", "kind": "martian", "lead": "nobody"}]"#).unwrap();
        let (_, issues) = s.drafts[0].record().unwrap().to_client(1, &[]);
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["kind", "lead"]);
        let e = read("[{\"name\": 3}]").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
        let one = read("{\"name\": \"Solo\"}").unwrap();
        assert_eq!(one.drafts[0].record().unwrap().name, "Solo");
    }
}
