//! The client form: the client's fields by section, built from the
//! model's field registry so that each field reads and writes the same
//! text as in the CLI; and the record the form would save.

use crate::model::{Client, Field, Member, Rule, validate_change};

use super::super::strings;
use super::{Form, FormField, Opt};

/// A section's title, in the app's language.
pub(crate) type SectionTitle = fn() -> &'static str;

/// The form's sections and the fields in each, top to bottom.
pub(crate) const SECTIONS: [(SectionTitle, &[Field]); 5] = [
    (
        strings::section_client,
        &[
            Field::Name,
            Field::Number,
            Field::Kind,
            Field::Lead,
            Field::Company,
        ],
    ),
    (
        strings::section_contact,
        &[
            Field::FirstName,
            Field::LastName,
            Field::Email,
            Field::Phone,
            Field::Mobile,
            Field::Website,
        ],
    ),
    (
        strings::section_address,
        &[
            Field::Street,
            Field::City,
            Field::Province,
            Field::PostalCode,
            Field::Country,
        ],
    ),
    (
        strings::section_tax,
        &[
            Field::FiscalYearEnd,
            Field::SelfEmployed,
            Field::BusinessNumber,
            Field::Neq,
            Field::Gst,
            Field::Qst,
            Field::Sin,
        ],
    ),
    (strings::section_notes, &[Field::Notes]),
];

/// Canada's provinces and territories, by postal abbreviation.
const PROVINCES: [&str; 13] = [
    "QC", "ON", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "PE", "SK", "YT",
];

/// The form's fields for a record. Non-admins see the lead accountant
/// but cannot change it, as the firm API would refuse.
pub(crate) fn fields(c: &Client, team: &[Member], me: &Member) -> Vec<FormField> {
    let mut out = Vec::new();
    for (section, list) in SECTIONS {
        for (i, f) in list.iter().enumerate() {
            let mut field = one(*f, c, team, me);
            if i == 0 {
                field = field.in_section(section());
            }
            out.push(field);
        }
    }
    out
}

fn one(f: Field, c: &Client, team: &[Member], me: &Member) -> FormField {
    let key = f.key();
    let label = strings::field_label(f);
    let value = f.get(c, team);
    match f {
        Field::Name => FormField::text(key, label, &value).required(),
        Field::Kind => FormField::pick(
            key,
            label,
            vec![
                Opt::new(
                    "business",
                    strings::kind(crate::model::ClientKind::Business),
                ),
                Opt::new(
                    "individual",
                    strings::kind(crate::model::ClientKind::Individual),
                ),
            ],
            &value,
        ),
        Field::Lead => {
            let mut options = vec![Opt::new("", strings::no_lead())];
            options.extend(
                team.iter()
                    .filter(|m| m.active || Some(m.id) == c.lead)
                    .map(|m| Opt::new(m.login.clone(), strings::member_choice(&m.name, &m.login))),
            );
            let field = FormField::pick(key, label, options, &value).locked(!me.is_admin());
            if me.is_admin() {
                field
            } else {
                field.hint(strings::only_admins_lead())
            }
        }
        Field::Province => {
            let mut options = vec![Opt::new("", strings::NONE_MARK)];
            options.extend(PROVINCES.iter().map(|p| Opt::new(*p, strings::province(p))));
            FormField::pick(key, label, options, &value)
        }
        Field::SelfEmployed => FormField::pick(
            key,
            label,
            vec![
                Opt::new("no", strings::yes_no(false)),
                Opt::new("yes", strings::yes_no(true)),
            ],
            &value,
        )
        .hint(strings::hint_self_employed()),
        Field::Notes | Field::Street => {
            if f == Field::Notes {
                FormField::lines(key, label, &value)
            } else {
                FormField::text(key, label, &value.replace('\n', ", "))
            }
        }
        _ => {
            let field = FormField::text(key, label, &value);
            let field = if f.is_sensitive() {
                field.sensitive()
            } else {
                field
            };
            match strings::field_hint(f) {
                Some(h) => field.hint(h),
                None => field,
            }
        }
    }
}

/// Fills the form with a draft's values.
pub(crate) fn restore(form: &mut Form, draft: &Client, team: &[Member]) {
    for field in &mut form.fields {
        if let Ok(f) = Field::parse(field.key) {
            let v = f.get(draft, team);
            field.set_value(
                if f == Field::Street {
                    v.replace('\n', ", ")
                } else {
                    v
                }
                .as_str(),
            );
        }
    }
}

/// The record the form would save: the base with each changed field set
/// from its text, normalised, then checked by the model.
pub(crate) fn build(
    form: &Form,
    items_from: Option<&Client>,
    team: &[Member],
) -> (Client, Vec<(usize, Rule)>) {
    let mut c = form.base.clone();
    if let Some(src) = items_from {
        c.products = src.products.clone();
        c.documents = src.documents.clone();
        c.tax_returns = src.tax_returns.clone();
    }
    let mut errors = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        if !field.is_changed() {
            continue;
        }
        if let Ok(f) = Field::parse(field.key)
            && let Err(rule) = f.set(&mut c, &field.value(), team)
        {
            errors.push((i, rule));
        }
    }
    c.normalize();
    for e in validate_change(&form.base, &c) {
        if let Some(i) = form.fields.iter().position(|f| f.key == e.field) {
            errors.push((i, e.rule));
        }
    }
    (c, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_registry_is_on_the_form() {
        let on_form: Vec<Field> = SECTIONS
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        for f in Field::ALL {
            assert!(on_form.contains(&f), "{} is missing from the form", f.key());
        }
        assert_eq!(on_form.len(), Field::ALL.len());
    }
}
