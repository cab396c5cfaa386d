//! The rules a value can break, as codes with values ([`Rule`]), never
//! finished sentences: each language words them (`i18n::rules`). The
//! validation ([`super::validate`]) and the identifier checks
//! ([`super::ids`]) both return them, so the rule sits below both.

use serde::{Deserialize, Serialize};

/// The rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    Required,
    TooLong {
        max: usize,
    },
    ForbiddenChar {
        ch: char,
    },
    Email,
    Website,
    BusinessNumber,
    Neq,
    Gst,
    Qst,
    Sin,
    SinFirstDigit,
    SinOnlyIndividuals,
    Checksum,
    /// Another client already uses this value.
    Duplicate {
        other: String,
    },
    UnknownMember,
    InactiveMember,
    Date,
    MonthDay,
    Year,
    Percent,
    Amount,
    Choice {
        allowed: String,
    },
    Bool,
    UnknownField {
        known: String,
    },
    Login,
    /// The last active admin cannot be removed or demoted.
    LastAdmin,
    /// A member who leads clients cannot be deactivated.
    LeadsClients {
        count: usize,
    },
    /// A phone number: 10 to 15 digits, an optional extension.
    Phone,
    /// A Canadian postal code, `A1A 1A1`.
    PostalCode,
    /// A US ZIP code, `12345` or `12345-6789`.
    ZipCode,
    /// A province or territory of Canada, by code or name.
    Province {
        allowed: String,
    },
    /// A second return for the same year and form.
    DuplicateReturn {
        year: i16,
        form: String,
    },
    /// A filed or accepted return needs the day it was filed.
    FiledNeedsDate,
    /// A return not yet filed cannot have a filed date.
    NotYetFiled,
    /// An amount above what any subscription costs.
    AmountMax {
        max_cents: i64,
    },
    /// A SIN masked as an export shows it, where no stored SIN stands
    /// behind the mask (a new client, or another client's mask).
    SinMasked,
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Required => write!(f, "is required"),
            Rule::TooLong { max } => write!(f, "is longer than {max} characters"),
            Rule::ForbiddenChar { ch } => {
                write!(
                    f,
                    "contains a control or invisible character (U+{:04X}); remove it",
                    *ch as u32
                )
            }
            Rule::Email => write!(
                f,
                "must look like name@example.com: one @, a dot in the domain, no spaces"
            ),
            Rule::Website => write!(f, "must start with http:// or https://"),
            Rule::BusinessNumber => write!(f, "must be 9 digits, e.g. 123456782"),
            Rule::Neq => write!(f, "must be 10 digits starting with 11, 22, 33 or 88"),
            Rule::Gst => write!(f, "must be 9 digits, RT, 4 digits, e.g. 123456782RT0001"),
            Rule::Qst => write!(f, "must be 10 digits, TQ, 4 digits, e.g. 1234567890TQ0001"),
            Rule::Sin => write!(f, "must be 9 digits"),
            Rule::SinFirstDigit => write!(f, "cannot start with 0 or 8"),
            Rule::SinOnlyIndividuals => write!(f, "is only kept for individuals"),
            Rule::Checksum => write!(f, "has a wrong check digit; look for a typo"),
            Rule::Duplicate { other } => write!(f, "is already used by {other}"),
            Rule::UnknownMember => write!(f, "is not a member of the team"),
            Rule::InactiveMember => write!(f, "is an inactive team member"),
            Rule::Date => write!(f, "must be a date like 2026-04-30"),
            Rule::MonthDay => write!(f, "must be a month and day like 12-31"),
            Rule::Year => write!(f, "must be a year between 1900 and 2200"),
            Rule::Percent => write!(f, "must be a whole percentage from 0 to 100"),
            Rule::Amount => write!(f, "must be an amount like 85.00, zero or more"),
            Rule::Choice { allowed } => write!(f, "must be one of: {allowed}"),
            Rule::Bool => write!(f, "must be yes or no"),
            Rule::UnknownField { known } => write!(f, "is not a field; fields are: {known}"),
            Rule::Login => write!(f, "must be a Unix login: letters, digits, '.', '_' or '-'"),
            Rule::LastAdmin => write!(
                f,
                "cannot change: this is the firm's last admin; make someone else admin first"
            ),
            Rule::LeadsClients { count } => {
                write!(
                    f,
                    "cannot change: this member still leads {count} clients; reassign them first"
                )
            }
            Rule::Phone => write!(
                f,
                "must be a phone number of 10 to 15 digits, e.g. 514-555-0199, with an optional extension like x12"
            ),
            Rule::PostalCode => write!(
                f,
                "must be a Canadian postal code like H3G 1K4 (letter, digit, letter, digit, letter, digit)"
            ),
            Rule::ZipCode => write!(f, "must be a US ZIP code like 12345 or 12345-6789"),
            Rule::SinMasked => write!(
                f,
                "is masked, as exports show it: leave the column empty, or export again with --include-sin (admins)"
            ),
            Rule::Province { allowed } => {
                write!(f, "must be a province or territory of Canada: {allowed}")
            }
            Rule::DuplicateReturn { year, form } => write!(
                f,
                "repeats the {year} {form} return: a client has one return per year and form"
            ),
            Rule::FiledNeedsDate => {
                write!(f, "is required once the return is filed or accepted")
            }
            Rule::NotYetFiled => write!(
                f,
                "must be empty until the return is filed or accepted; clear it or change the status"
            ),
            Rule::AmountMax { max_cents } => write!(
                f,
                "must be at most ${}.{:02}",
                super::text::group_thousands(max_cents.unsigned_abs() / 100, ','),
                max_cents % 100
            ),
        }
    }
}
