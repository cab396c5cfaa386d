//! The small forms for one product, document or tax return, opened from
//! the profile's tabs. Saving one saves the whole client with the item
//! added or replaced, so the same version check protects it.

use jiff::civil::Date;

use crate::model::field::{parse_cents, parse_date};
use crate::model::{
    BilledTo, Client, DocStatus, Document, Member, Product, QboProduct, ReturnStatus, Rule,
    TaxForm, TaxReturn, validate_change,
};

use super::super::profile::Part;
use super::super::strings;
use super::{Form, FormField, Opt};

/// The value of the "other" choice in product and form pick lists.
const OTHER: &str = "other";

/// The fields of an item form, filled from the item (or defaults).
pub(crate) fn fields(
    part: Part,
    index: Option<usize>,
    c: &Client,
    me: &Member,
    today: Date,
) -> Vec<FormField> {
    match part {
        Part::Products => {
            let p = index.and_then(|i| c.products.get(i));
            let (product, other) = match p.map(|p| &p.product) {
                Some(QboProduct::Other(name)) => (OTHER.to_owned(), name.clone()),
                Some(named) => (named.label().to_owned(), String::new()),
                None => (QboProduct::Plus.label().to_owned(), String::new()),
            };
            let mut options: Vec<Opt> = QboProduct::NAMED
                .iter()
                .map(|q| Opt::new(q.label(), q.label()))
                .collect();
            options.push(Opt::new(OTHER, strings::other_choice()));
            let billed = p.map_or(BilledTo::Client, |p| p.billed_to).key();
            vec![
                FormField::pick("product", strings::label_product(), options, &product),
                FormField::text("product_name", strings::label_other_product(), &other)
                    .hint(strings::hint_other()),
                FormField::pick(
                    "billed_to",
                    strings::label_billed_to(),
                    vec![
                        Opt::new("client", strings::billed_client()),
                        Opt::new("firm", strings::billed_firm()),
                    ],
                    billed,
                )
                .locked(!me.is_admin())
                .hint(strings::hint_wholesale()),
                FormField::text(
                    "price",
                    strings::label_list_price(),
                    &p.map(|p| strings::amount_input(p.list_price_cents))
                        .unwrap_or_default(),
                )
                .required()
                .hint(strings::hint_amount()),
                FormField::text(
                    "discount",
                    strings::label_discount(),
                    &p.map_or(0, |p| p.discount_percent).to_string(),
                )
                .hint(strings::hint_percent()),
                FormField::text(
                    "start",
                    strings::label_start(),
                    &p.map_or(today, |p| p.start).to_string(),
                )
                .required()
                .hint(strings::hint_date()),
            ]
        }
        Part::Documents => {
            let d = index.and_then(|i| c.documents.get(i));
            let statuses = DocStatus::ALL
                .iter()
                .map(|s| Opt::new(s.key(), strings::doc_status(*s)))
                .collect();
            vec![
                FormField::text("title", strings::label_title(), d.map_or("", |d| &d.title))
                    .required(),
                FormField::text(
                    "sent",
                    strings::label_sent(),
                    &d.map_or(today, |d| d.sent).to_string(),
                )
                .required()
                .hint(strings::hint_date()),
                FormField::pick(
                    "status",
                    strings::label_status(),
                    statuses,
                    d.map_or(DocStatus::Requested, |d| d.status).key(),
                ),
                FormField::lines("note", strings::label_note(), d.map_or("", |d| &d.note)),
            ]
        }
        Part::Returns => {
            let r = index.and_then(|i| c.tax_returns.get(i));
            let (form, other) = match r.map(|r| &r.form) {
                Some(TaxForm::Other(name)) => (OTHER.to_owned(), name.clone()),
                Some(named) => (named.label().to_owned(), String::new()),
                None => (default_form(c).label().to_owned(), String::new()),
            };
            let mut forms: Vec<Opt> = TaxForm::NAMED
                .iter()
                .map(|f| Opt::new(f.label(), f.label()))
                .collect();
            forms.push(Opt::new(OTHER, strings::other_choice()));
            let statuses = ReturnStatus::ALL
                .iter()
                .map(|s| Opt::new(s.key(), strings::return_status(*s)))
                .collect();
            let year = r.map_or(today.year() - 1, |r| r.year);
            let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            vec![
                FormField::text("year", strings::label_year(), &year.to_string()).required(),
                FormField::pick("form", strings::label_form(), forms, &form),
                FormField::text("form_name", strings::label_other_form(), &other)
                    .hint(strings::hint_other()),
                FormField::pick(
                    "status",
                    strings::label_status(),
                    statuses,
                    r.map_or(ReturnStatus::NotStarted, |r| r.status).key(),
                ),
                FormField::text("due", strings::label_due(), &date(r.and_then(|r| r.due)))
                    .hint(strings::hint_due()),
                FormField::text(
                    "filed",
                    strings::label_filed(),
                    &date(r.and_then(|r| r.filed)),
                )
                .hint(strings::hint_date()),
            ]
        }
    }
}

/// The usual return for a new one: T2 for businesses, T1 for individuals.
fn default_form(c: &Client) -> TaxForm {
    match c.kind {
        crate::model::ClientKind::Business => TaxForm::T2,
        crate::model::ClientKind::Individual => TaxForm::T1,
    }
}

/// Reads the form's fields by key.
struct Reader<'a> {
    form: &'a Form,
    errors: Vec<(usize, Rule)>,
}

impl Reader<'_> {
    fn pos(&self, key: &str) -> usize {
        self.form
            .fields
            .iter()
            .position(|f| f.key == key)
            .expect("item forms hold the fields they read")
    }

    fn text(&self, key: &str) -> String {
        crate::model::text::normalize(&self.form.fields[self.pos(key)].value())
    }

    fn parse<T>(&mut self, key: &str, parse: impl Fn(&str) -> Result<T, Rule>) -> Option<T> {
        match parse(&self.text(key)) {
            Ok(v) => Some(v),
            Err(rule) => {
                let i = self.pos(key);
                self.errors.push((i, rule));
                None
            }
        }
    }

    fn optional_date(&mut self, key: &str) -> Option<Date> {
        if self.text(key).is_empty() {
            None
        } else {
            self.parse(key, parse_date)
        }
    }
}

/// The client with the item as the form holds it, and every rule broken.
pub(crate) fn build(form: &Form, part: Part, index: Option<usize>) -> (Client, Vec<(usize, Rule)>) {
    let mut r = Reader {
        form,
        errors: Vec::new(),
    };
    let mut c = form.base.clone();
    let slot = index.unwrap_or(part.len(&c));
    match part {
        Part::Products => {
            let product = match r.text("product").as_str() {
                OTHER => QboProduct::Other(r.text("product_name")),
                label => QboProduct::parse(label),
            };
            let billed_to = BilledTo::parse(&r.text("billed_to")).unwrap_or_default();
            let price = r.parse("price", parse_cents);
            let discount = r.parse("discount", |s| {
                s.parse::<u8>()
                    .ok()
                    .filter(|p| *p <= 100)
                    .ok_or(Rule::Percent)
            });
            let start = r.parse("start", parse_date);
            if let (Some(list_price_cents), Some(discount_percent), Some(start)) =
                (price, discount, start)
            {
                put(
                    &mut c.products,
                    slot,
                    Product {
                        id: 0,
                        product,
                        billed_to,
                        list_price_cents,
                        discount_percent,
                        start,
                    },
                );
            }
        }
        Part::Documents => {
            let sent = r.parse("sent", parse_date);
            let status = DocStatus::parse(&r.text("status")).unwrap_or_default();
            if let Some(sent) = sent {
                put(
                    &mut c.documents,
                    slot,
                    Document {
                        id: 0,
                        title: r.text("title"),
                        sent,
                        status,
                        note: r.text("note"),
                    },
                );
            }
        }
        Part::Returns => {
            let year = r.parse("year", |s| s.parse::<i16>().map_err(|_| Rule::Year));
            let form_ = match r.text("form").as_str() {
                OTHER => TaxForm::Other(r.text("form_name")),
                label => TaxForm::parse(label),
            };
            let status = ReturnStatus::parse(&r.text("status")).unwrap_or_default();
            let due = r.optional_date("due");
            let filed = r.optional_date("filed");
            if let Some(year) = year {
                put(
                    &mut c.tax_returns,
                    slot,
                    TaxReturn {
                        id: 0,
                        year,
                        form: form_,
                        status,
                        due,
                        filed,
                    },
                );
            }
        }
    }
    // An edited item keeps its id, so a save merges by item.
    if let Some(&id) = part.model().ids(&form.base).get(slot) {
        match part {
            Part::Products => c.products[slot].id = id,
            Part::Documents => c.documents[slot].id = id,
            Part::Returns => c.tax_returns[slot].id = id,
        }
    }
    c.normalize();
    let mut errors = r.errors;
    for e in validate_change(&form.base, &c) {
        // Only the item on the form changed, so a second return of a year
        // and form is this one, whichever of the two the model names.
        let key = if matches!(e.rule, Rule::DuplicateReturn { .. }) {
            Some("year")
        } else {
            field_key(part, Some(slot), &form.base, &e.field)
        };
        if let Some(key) = key
            && let Some(i) = form.fields.iter().position(|f| f.key == key)
        {
            errors.push((i, e.rule));
        }
    }
    (c, errors)
}

fn put<T>(list: &mut Vec<T>, slot: usize, item: T) {
    if slot < list.len() {
        list[slot] = item;
    } else {
        list.push(item);
    }
}

/// The form field a model error names, e.g. `product 2 price` is the
/// price field when the form edits product 2.
pub(crate) fn field_key(
    part: Part,
    index: Option<usize>,
    base: &Client,
    error_field: &str,
) -> Option<&'static str> {
    let slot = index.unwrap_or(part.len(base)) + 1;
    let (prefix, keys): (&str, &[(&str, &'static str)]) = match part {
        Part::Products => (
            "product",
            &[
                ("name", "product_name"),
                ("price", "price"),
                ("discount", "discount"),
            ],
        ),
        Part::Documents => ("document", &[("title", "title"), ("note", "note")]),
        Part::Returns => (
            "return",
            &[("year", "year"), ("form", "form_name"), ("filed", "filed")],
        ),
    };
    let rest = error_field.strip_prefix(&format!("{prefix} {slot} "))?;
    keys.iter()
        .find(|(suffix, _)| *suffix == rest)
        .map(|(_, key)| *key)
}

/// A few words naming the item the form holds.
pub(crate) fn label(form: &Form, part: Part) -> String {
    let value = |key: &str| {
        form.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value())
            .unwrap_or_default()
    };
    match part {
        Part::Products => match value("product").as_str() {
            OTHER => value("product_name"),
            v => v.to_owned(),
        },
        Part::Documents => value("title"),
        Part::Returns => {
            let form_ = match value("form").as_str() {
                OTHER => value("form_name"),
                v => v.to_owned(),
            };
            format!("{} {form_}", value("year"))
        }
    }
}
