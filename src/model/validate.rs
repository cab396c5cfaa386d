//! Validation: one function per entity, returning every field error at once.
//!
//! Errors are codes with values ([`Rule`]), never finished sentences, so
//! that a client can word them in the user's language. The store, the CLI,
//! the import and the forms all call these same functions.

use serde::{Deserialize, Serialize};

use super::client::{Client, ClientKind};
use super::contact::{self, Region};
use super::field::Field;
use super::ids;
pub(crate) use super::rule::Rule;
use super::team::Member;
use super::text;

/// The highest monthly list price a subscription may have, in cents.
pub(crate) const MAX_PRICE_CENTS: i64 = 1_000_000;

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's key, e.g. `email` or `product 2 price`.
    pub field: String,
    pub rule: Rule,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        FieldError {
            field: field.into(),
            rule,
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.rule)
    }
}

/// Collects errors while checking fields.
struct Check(Vec<FieldError>);

impl Check {
    fn push(&mut self, field: &str, rule: Rule) {
        self.0.push(FieldError::new(field, rule));
    }

    /// Length in characters and forbidden characters.
    fn text(&mut self, field: &str, value: &str, max: usize, multiline: bool) -> bool {
        if let Some(ch) = text::first_forbidden(value, multiline) {
            self.push(field, Rule::ForbiddenChar { ch });
            return false;
        }
        if value.chars().count() > max {
            self.push(field, Rule::TooLong { max });
            return false;
        }
        true
    }

    fn id(&mut self, field: &str, value: &str, check: fn(&str) -> Result<(), Rule>) {
        if !value.is_empty()
            && self.text(field, value, 40, false)
            && let Err(rule) = check(value)
        {
            self.push(field, rule);
        }
    }
}

/// True for a plausible e-mail address: one `@`, a dot in the domain, no spaces.
pub(crate) fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// True for an http or https address with something after the scheme.
pub(crate) fn is_website(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(char::is_whitespace))
}

/// Checks a client (already normalised) and returns every field error.
///
/// Uniqueness and the existence of team members are checked by the store,
/// which alone can see the other records.
pub(crate) fn validate_client(c: &Client) -> Vec<FieldError> {
    let mut k = Check(Vec::new());
    if let Some(n) = &c.number {
        k.text("number", n, 100, false);
    }
    if c.display_name.is_empty() {
        k.push("name", Rule::Required);
    } else {
        k.text("name", &c.display_name, 100, false);
    }
    k.text("company", &c.company, 50, false);
    k.text("first_name", &c.first_name, 25, false);
    k.text("last_name", &c.last_name, 25, false);
    if k.text("email", &c.email, 100, false) && !c.email.is_empty() && !is_email(&c.email) {
        k.push("email", Rule::Email);
    }
    for (key, value) in [("phone", &c.phone), ("mobile", &c.mobile)] {
        if k.text(key, value, 30, false) && !value.is_empty() && !contact::is_phone(value) {
            k.push(key, Rule::Phone);
        }
    }
    if k.text("website", &c.website, 1000, false)
        && !c.website.is_empty()
        && !is_website(&c.website)
    {
        k.push("website", Rule::Website);
    }
    k.text("street", &c.address.street, 2000, true);
    k.text("city", &c.address.city, 255, false);
    let region = contact::region(&c.address.country, &c.address.province);
    if k.text("province", &c.address.province, 255, false)
        && region == Region::Canada
        && !c.address.province.is_empty()
        && contact::province_code(&c.address.province).is_none()
    {
        k.push(
            "province",
            Rule::Province {
                allowed: contact::province_codes(),
            },
        );
    }
    let postal = &c.address.postal_code;
    if k.text("postal_code", postal, 30, false) && !postal.is_empty() {
        match region {
            Region::Canada if !contact::is_canadian_postal(postal) => {
                k.push("postal_code", Rule::PostalCode)
            }
            Region::UnitedStates if !contact::is_zip(postal) => {
                k.push("postal_code", Rule::ZipCode)
            }
            _ => {}
        }
    }
    k.text("country", &c.address.country, 255, false);
    k.id(
        "business_number",
        &c.tax_ids.business_number,
        ids::check_business_number,
    );
    k.id("neq", &c.tax_ids.neq, ids::check_neq);
    k.id("gst", &c.tax_ids.gst, ids::check_gst);
    k.id("qst", &c.tax_ids.qst, ids::check_qst);
    if !c.tax_ids.sin.is_empty() && c.kind != ClientKind::Individual {
        k.push("sin", Rule::SinOnlyIndividuals);
    } else if !ids::is_masked(&c.tax_ids.sin) {
        // A masked SIN is the stored one, unchanged: the firm, which
        // knows it, puts it back before it checks the client.
        k.id("sin", &c.tax_ids.sin, ids::check_sin);
    }
    k.text("notes", &c.notes, 10_000, true);
    for (i, p) in c.products.iter().enumerate() {
        let f = |s: &str| format!("product {} {s}", i + 1);
        if let super::client::QboProduct::Other(name) = &p.product {
            if name.is_empty() {
                k.push(&f("name"), Rule::Required);
            } else {
                k.text(&f("name"), name, 100, false);
            }
        }
        if p.list_price_cents < 0 {
            k.push(&f("price"), Rule::Amount);
        } else if p.list_price_cents > MAX_PRICE_CENTS {
            k.push(
                &f("price"),
                Rule::AmountMax {
                    max_cents: MAX_PRICE_CENTS,
                },
            );
        }
        if p.discount_percent > 100 {
            k.push(&f("discount"), Rule::Percent);
        }
    }
    for (i, d) in c.documents.iter().enumerate() {
        let f = |s: &str| format!("document {} {s}", i + 1);
        if d.title.is_empty() {
            k.push(&f("title"), Rule::Required);
        } else {
            k.text(&f("title"), &d.title, 200, false);
        }
        k.text(&f("note"), &d.note, 2000, true);
    }
    for (i, r) in c.tax_returns.iter().enumerate() {
        let f = |s: &str| format!("return {} {s}", i + 1);
        if !(1900..=2200).contains(&r.year) {
            k.push(&f("year"), Rule::Year);
        }
        if let super::tax::TaxForm::Other(name) = &r.form {
            if name.is_empty() {
                k.push(&f("form"), Rule::Required);
            } else {
                k.text(&f("form"), name, 40, false);
            }
        }
        let form_key = text::fold(r.form.label());
        if c.tax_returns[..i]
            .iter()
            .any(|o| o.year == r.year && text::fold(o.form.label()) == form_key)
        {
            k.push(
                &f("form"),
                Rule::DuplicateReturn {
                    year: r.year,
                    form: r.form.label().to_owned(),
                },
            );
        }
        match (r.status.is_done(), r.filed) {
            (true, None) => k.push(&f("filed"), Rule::FiledNeedsDate),
            (false, Some(_)) => k.push(&f("filed"), Rule::NotYetFiled),
            _ => {}
        }
    }
    k.0
}

/// Checks a changed client against the record it was made on. A rule
/// broken by a value that is already stored, unchanged, is not held
/// against the change: a firm's older records, kept before a rule
/// existed, can still be edited elsewhere, and the rule applies as soon
/// as that value is edited.
pub(crate) fn validate_change(current: &Client, new: &Client) -> Vec<FieldError> {
    let mut errors = validate_client(new);
    if current.id == 0 {
        // A new client: nothing of it is stored yet.
        return errors;
    }
    errors.retain(|e| e.rule == Rule::Required || !unchanged(current, new, e));
    errors
}

/// True when the value an error names is the same in both records.
fn unchanged(current: &Client, new: &Client, e: &FieldError) -> bool {
    if let Ok(f) = Field::parse(&e.field) {
        return f.get(current, &[]) == f.get(new, &[]);
    }
    let mut words = e.field.split(' ');
    let (Some(kind), Some(n)) = (words.next(), words.next()) else {
        return false;
    };
    let Some(i) = n.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) else {
        return false;
    };
    match kind {
        "product" => new
            .products
            .get(i)
            .is_some_and(|p| current.products.contains(p)),
        "document" => new
            .documents
            .get(i)
            .is_some_and(|d| current.documents.contains(d)),
        "return" => new.tax_returns.get(i).is_some_and(|r| {
            let duplicate = matches!(e.rule, Rule::DuplicateReturn { .. });
            current.tax_returns.contains(r) && (!duplicate || duplicates(current, r))
        }),
        _ => false,
    }
}

/// True when the client already had another return of this year and
/// form: a duplicate already stored is not the change's doing.
fn duplicates(c: &Client, r: &super::tax::TaxReturn) -> bool {
    let key = text::fold(r.form.label());
    c.tax_returns
        .iter()
        .filter(|o| o.year == r.year && text::fold(o.form.label()) == key)
        .count()
        > 1
}

/// True for a Unix login name as `useradd` accepts them.
pub(crate) fn is_login(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Checks a team member (already normalised).
pub(crate) fn validate_member(m: &Member) -> Vec<FieldError> {
    let mut k = Check(Vec::new());
    if m.name.is_empty() {
        k.push("name", Rule::Required);
    } else {
        k.text("name", &m.name, 100, false);
    }
    if m.login.is_empty() {
        k.push("login", Rule::Required);
    } else if !is_login(&m.login) {
        k.push("login", Rule::Login);
    }
    if k.text("email", &m.email, 100, false) && !m.email.is_empty() && !is_email(&m.email) {
        k.push("email", Rule::Email);
    }
    k.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReturnStatus, TaxForm, TaxReturn};

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_minimal_client_is_valid() {
        assert!(validate_client(&Client::new("Plomberie Tremblay inc.")).is_empty());
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let mut c = Client::new("");
        c.email = "not an email".into();
        c.website = "ftp://x".into();
        c.first_name = "x".repeat(26);
        c.tax_ids.sin = "130692544".into();
        let e = validate_client(&c);
        assert_eq!(
            fields(&e),
            ["name", "first_name", "email", "website", "sin"]
        );
        assert_eq!(e[0].rule, Rule::Required);
        assert_eq!(e[2].rule, Rule::Email);
        assert_eq!(e[4].rule, Rule::SinOnlyIndividuals);
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let mut c = Client::new("é".repeat(100));
        assert!(validate_client(&c).is_empty());
        c.display_name.push('é');
        assert_eq!(validate_client(&c)[0].rule, Rule::TooLong { max: 100 });
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        let mut c = Client::new("Evil\u{202E}gnp.exe");
        c.company = "a\x1b[2Jb".into();
        c.notes = "line one\nline two".into();
        let e = validate_client(&c);
        assert_eq!(fields(&e), ["name", "company"]);
        assert_eq!(e[0].rule, Rule::ForbiddenChar { ch: '\u{202E}' });
    }

    #[test]
    fn emails() {
        assert!(is_email("marie@cabinet.qc.ca"));
        assert!(!is_email("marie@localhost"));
        assert!(!is_email("a@b@c.com"));
        assert!(!is_email("ma rie@x.ca"));
        assert!(!is_email("@x.ca"));
    }

    #[test]
    fn members() {
        let mut m = Member::new("Marie Côté", "mcote");
        assert!(validate_member(&m).is_empty());
        m.login = "m cote".into();
        assert_eq!(validate_member(&m)[0].rule, Rule::Login);
    }

    fn ret(year: i16, form: TaxForm, status: ReturnStatus, filed: Option<&str>) -> TaxReturn {
        TaxReturn {
            id: 0,
            year,
            form,
            status,
            due: None,
            filed: filed.map(|d| d.parse().unwrap()),
        }
    }

    #[test]
    fn canadian_addresses_phones_and_returns() {
        let mut c = Client::new("Plomberie Tremblay inc.");
        c.address.country = "Canada".into();
        c.address.province = "quebec".into();
        c.address.postal_code = "h3g1k4".into();
        c.website = "www.tremblay.ca".into();
        c.normalize();
        assert_eq!(c.address.province, "QC");
        assert_eq!(c.address.postal_code, "H3G 1K4");
        assert_eq!(c.website, "https://www.tremblay.ca");
        assert!(validate_client(&c).is_empty());
        for bad in ["ZZZ ZZZ", "12345", "Montréal"] {
            c.address.postal_code = bad.into();
            c.normalize();
            assert_eq!(validate_client(&c)[0].rule, Rule::PostalCode, "{bad}");
        }
        c.address.country = "USA".into();
        c.address.postal_code = "12345".into();
        c.address.province = "NY".into();
        assert!(validate_client(&c).is_empty());
        c.address.country = "Canada".into();
        c.address.postal_code = String::new();
        c.address.province = "XX".into();
        c.phone = "abc".into();
        let e = validate_client(&c);
        assert_eq!(fields(&e), ["phone", "province"]);
        c.address.province = "QC".into();
        c.phone = "514-555-0199 x12".into();
        c.tax_returns = vec![
            ret(2025, TaxForm::T2, ReturnStatus::Filed, None),
            ret(
                2025,
                TaxForm::T2,
                ReturnStatus::NotStarted,
                Some("2026-01-02"),
            ),
        ];
        let e = validate_client(&c);
        assert_eq!(
            fields(&e),
            ["return 1 filed", "return 2 form", "return 2 filed"]
        );
        assert_eq!(e[0].rule, Rule::FiledNeedsDate);
        assert!(matches!(
            e[1].rule,
            Rule::DuplicateReturn { year: 2025, .. }
        ));
        assert_eq!(e[2].rule, Rule::NotYetFiled);
    }

    #[test]
    fn prices_are_bounded() {
        let mut c = Client::new("A");
        c.products.push(crate::model::Product {
            id: 0,
            product: crate::model::QboProduct::Plus,
            billed_to: crate::model::BilledTo::Firm,
            list_price_cents: i64::MAX,
            discount_percent: 0,
            start: jiff::civil::date(2025, 1, 1),
        });
        let e = validate_client(&c);
        assert_eq!(e[0].field, "product 1 price");
        assert_eq!(e[0].rule.to_string(), "must be at most $10,000.00");
    }

    #[test]
    fn a_stored_value_broken_by_a_new_rule_does_not_block_other_edits() {
        let mut old = Client::new("A");
        old.id = 1;
        old.phone = "555-0199".into();
        old.tax_returns = vec![ret(2024, TaxForm::T1, ReturnStatus::Filed, None)];
        let mut new = old.clone();
        new.email = "a@b.ca".into();
        assert!(validate_change(&old, &new).is_empty());
        new.phone = "555-0198".into();
        new.tax_returns[0].status = ReturnStatus::Accepted;
        let e = validate_change(&old, &new);
        assert_eq!(fields(&e), ["phone", "return 1 filed"]);
    }
}
