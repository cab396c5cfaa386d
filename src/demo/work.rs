//! The work the firm does for a client: QuickBooks subscriptions, tax
//! returns, and the documents asked for to prepare them.
//!
//! Everything is dated relative to an "as of" day: today for an active
//! client, the day it left for an inactive one. A return's status follows
//! its due date the way a real practice's would: long past due is almost
//! always filed, due next month is in progress, due next year is not
//! started.

use jiff::ToSpan;
use jiff::civil::Date;

use super::lists::{Form, Lang};
use super::rng::Rng;
use crate::model::tax::computed_due;
use crate::model::{
    BilledTo, Client, ClientKind, DocStatus, Document, MonthDay, Product, QboProduct, ReturnStatus,
    TaxForm, TaxReturn,
};

/// What the generator knows about a client beyond its record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Profile {
    /// The business's legal form; `None` for an individual.
    pub form: Option<Form>,
    pub holding: bool,
    pub quebec: bool,
    pub lang: Lang,
    /// The day the client joined the firm.
    pub since: Date,
    /// The day the data describes.
    pub asof: Date,
}

/// The monthly list price of a product, in cents.
pub(crate) fn list_price(p: &QboProduct) -> i64 {
    match p {
        QboProduct::SimpleStart => 3500,
        QboProduct::Essentials => 5500,
        QboProduct::Plus => 9000,
        QboProduct::Advanced => 20_000,
        QboProduct::SelfEmployed => 2000,
        QboProduct::Payroll => 5000,
        QboProduct::Time => 2000,
        QboProduct::Desktop => 4600,
        QboProduct::Other(_) => 2500,
    }
}

/// `d` moved by `days`, clamped to jiff's range (never reached in practice).
pub(crate) fn shift(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap_or(d)
}

/// Days from `a` to `b`; negative when `b` is earlier.
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// The client's QuickBooks subscriptions.
pub(crate) fn products(rng: &mut Rng, c: &Client, p: &Profile) -> Vec<Product> {
    use QboProduct::*;
    let main = match (c.kind, p.form) {
        (ClientKind::Individual, _) => (c.self_employed && rng.percent(45)).then(|| {
            rng.weighted(&[(60, SelfEmployed), (40, SimpleStart)])
                .clone()
        }),
        (_, Some(Form::Trust)) => None,
        _ if p.holding => rng
            .percent(35)
            .then(|| rng.weighted(&[(70, SimpleStart), (30, Essentials)]).clone()),
        (_, Some(Form::Partnership)) => rng
            .percent(60)
            .then(|| rng.weighted(&[(50, Essentials), (50, Plus)]).clone()),
        _ => rng.percent(75).then(|| {
            rng.weighted(&[
                (20, SimpleStart),
                (30, Essentials),
                (40, Plus),
                (4, Advanced),
                (6, Desktop),
            ])
            .clone()
        }),
    };
    let Some(main) = main else { return Vec::new() };
    let mut lines = vec![main.clone()];
    let employer = c.kind == ClientKind::Business && !p.holding;
    if employer && main != Desktop && rng.percent(35) {
        lines.push(Payroll);
        if rng.percent(20) {
            lines.push(Time);
        }
    }
    let wholesale = rng.percent(35);
    let discount = if wholesale {
        *rng.weighted(&[(40, 30u8), (20, 35), (25, 40), (15, 50)])
    } else {
        0
    };
    let first_start = shift(p.since, rng.between(0, 200)).min(p.asof);
    let mut out = Vec::with_capacity(lines.len());
    for (i, product) in lines.into_iter().enumerate() {
        let start = if i == 0 {
            first_start
        } else {
            shift(first_start, rng.between(0, 700)).min(p.asof)
        };
        out.push(Product {
            list_price_cents: list_price(&product),
            product,
            billed_to: if wholesale {
                BilledTo::Firm
            } else {
                BilledTo::Client
            },
            discount_percent: discount,
            start,
        });
    }
    out
}

/// A group of returns prepared together, sharing a status: the federal
/// return with its Québec twin, or the GST/HST return with the QST one.
struct Group {
    forms: Vec<TaxForm>,
    /// A due date for forms the model has no rule for (T5013, TP-600…).
    manual_due: Option<Date>,
    income: bool,
}

/// The last day of tax year `year` for this client.
fn period_end(c: &Client, year: i16) -> Option<Date> {
    match c.kind {
        ClientKind::Individual => Date::new(year, 12, 31).ok(),
        ClientKind::Business => c.year_end().in_year(year),
    }
}

/// The groups of returns a client files for one tax year.
fn groups(c: &Client, p: &Profile, year: i16) -> Vec<Group> {
    let end = period_end(c, year);
    let after_end = |days: i64| end.map(|d| shift(d, days));
    let mut out = Vec::new();
    let both = |fed: TaxForm, qc: TaxForm| if p.quebec { vec![fed, qc] } else { vec![fed] };
    match p.form {
        None => out.push(Group {
            forms: both(TaxForm::T1, TaxForm::Tp1),
            manual_due: None,
            income: true,
        }),
        Some(Form::Corp) => out.push(Group {
            forms: both(TaxForm::T2, TaxForm::Co17),
            manual_due: None,
            income: true,
        }),
        Some(Form::Partnership) => out.push(Group {
            forms: both(
                TaxForm::Other("T5013".into()),
                TaxForm::Other("TP-600".into()),
            ),
            manual_due: Date::new(year.saturating_add(1), 3, 31).ok(),
            income: true,
        }),
        Some(Form::Trust) => {
            let fed = vec![TaxForm::T3];
            let forms = if p.quebec {
                vec![TaxForm::T3, TaxForm::Other("TP-646".into())]
            } else {
                fed
            };
            out.push(Group {
                forms,
                manual_due: after_end(90),
                income: true,
            });
        }
        // The owner reports the business's income on their own return.
        Some(Form::Sole) => out.push(Group {
            forms: both(TaxForm::T1, TaxForm::Tp1),
            manual_due: None,
            income: true,
        }),
    }
    if !c.tax_ids.gst.is_empty() {
        let forms = if c.tax_ids.qst.is_empty() {
            vec![TaxForm::GstHst]
        } else {
            vec![TaxForm::GstHst, TaxForm::Qst]
        };
        out.push(Group {
            forms,
            manual_due: None,
            income: false,
        });
    }
    out
}

/// The client's returns for its last one or two tax years, and the
/// status of its latest income return (for the documents).
pub(crate) fn tax_returns(
    rng: &mut Rng,
    c: &Client,
    p: &Profile,
) -> (Vec<TaxReturn>, Option<(i16, ReturnStatus)>) {
    let asof_year = p.asof.year();
    let latest = match period_end(c, asof_year) {
        Some(end) if end < p.asof => asof_year,
        _ => asof_year - 1,
    };
    let mut years = vec![latest];
    if period_end(c, latest - 1).is_some_and(|end| end >= shift(p.since, -180)) {
        years.insert(0, latest - 1);
    }
    let mut out = Vec::new();
    let mut progress = None;
    for year in years {
        let Some(end) = period_end(c, year) else {
            continue;
        };
        for g in groups(c, p, year) {
            let due = g
                .manual_due
                .or_else(|| g.forms.first().and_then(|f| computed_due(f, year, c)));
            let Some(due) = due else { continue };
            let (status, filed) = status_for(rng, due, end, p.asof);
            if g.income || progress.is_none() {
                progress = Some((year, status));
            }
            for form in g.forms {
                let manual = g.manual_due.filter(|_| matches!(form, TaxForm::Other(_)));
                out.push(TaxReturn {
                    year,
                    form,
                    status,
                    due: manual,
                    filed,
                });
            }
        }
    }
    (out, progress)
}

/// A plausible status (and filing date) for a return due on `due`, for a
/// period that ended on `end`, as of `asof`.
fn status_for(rng: &mut Rng, due: Date, end: Date, asof: Date) -> (ReturnStatus, Option<Date>) {
    use ReturnStatus::*;
    let late = days_between(due, asof);
    let weights: [(u32, ReturnStatus); 5] = match late {
        366.. => [
            (97, Accepted),
            (3, Filed),
            (0, ReadyForReview),
            (0, InProgress),
            (0, NotStarted),
        ],
        61..=365 => [
            (90, Accepted),
            (6, Filed),
            (1, ReadyForReview),
            (2, InProgress),
            (1, NotStarted),
        ],
        1..=60 => [
            (40, Accepted),
            (35, Filed),
            (8, ReadyForReview),
            (10, InProgress),
            (7, NotStarted),
        ],
        -45..=0 => [
            (10, Accepted),
            (20, Filed),
            (20, ReadyForReview),
            (30, InProgress),
            (20, NotStarted),
        ],
        _ => [
            (3, Accepted),
            (5, Filed),
            (7, ReadyForReview),
            (25, InProgress),
            (60, NotStarted),
        ],
    };
    let status = *rng.weighted(&weights);
    if !status.is_done() {
        return (status, None);
    }
    let earliest = shift(end, 20);
    let deadline = if rng.percent(8) { shift(due, 60) } else { due };
    let latest = deadline.min(asof);
    if latest <= end {
        return (NotStarted, None);
    }
    let earliest = earliest.min(latest);
    let filed = shift(earliest, rng.between(0, days_between(earliest, latest)));
    if status == Accepted && days_between(filed, asof) < 10 {
        return (Filed, Some(filed));
    }
    (status, Some(filed))
}

/// One candidate document: French title, English title, how often.
type Candidate = (&'static str, &'static str, u32);

const PERSONAL: &[Candidate] = &[
    ("Feuillet T5 {y}", "T5 slip {y}", 30),
    (
        "Reçus de cotisation REER {y}",
        "RRSP contribution receipts {y}",
        40,
    ),
    (
        "Reçus de frais médicaux {y}",
        "Medical expense receipts {y}",
        25,
    ),
    ("Reçus de dons {y}", "Donation receipts {y}", 20),
    ("Avis de cotisation {p}", "Notice of assessment {p}", 15),
];
const PERSONAL_QC: &[Candidate] = &[
    (
        "Relevé 24 – frais de garde {y}",
        "RL-24 childcare slip {y}",
        12,
    ),
    ("Relevé 31 – logement {y}", "RL-31 housing slip {y}", 30),
];
const SELF_EMPLOYED: &[Candidate] = &[
    (
        "Revenus et dépenses d'entreprise {y}",
        "Business income and expenses {y}",
        90,
    ),
    ("Registre de kilométrage {y}", "Vehicle logbook {y}", 40),
    ("Relevés bancaires {y}", "Bank statements {y}", 50),
];
const YEAR_END: &[Candidate] = &[
    ("États financiers {p}", "Financial statements {p}", 15),
    ("Relevés de prêts {y}", "Loan statements {y}", 30),
    (
        "Factures d'immobilisations {y}",
        "Fixed asset invoices {y}",
        25,
    ),
    (
        "Liste des comptes clients au {e}",
        "Accounts receivable listing at {e}",
        25,
    ),
];
const OPERATING: &[Candidate] = &[(
    "Inventaire de fin d'exercice {y}",
    "Year-end inventory count {y}",
    30,
)];
const HOLDING: &[Candidate] = &[
    ("Relevés de placements {y}", "Investment statements {y}", 70),
    ("Baux des locataires {y}", "Tenant leases {y}", 30),
];
const NOTES_FR: &[&str] = &[
    "Reçu par courriel.",
    "Copie floue : redemander.",
    "Déposé dans le portail.",
    "Il manque une page.",
];
const NOTES_EN: &[&str] = &[
    "Received by e-mail.",
    "Blurry copy: ask again.",
    "Uploaded to the portal.",
    "A page is missing.",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The documents asked of the client: the slips and statements for its
/// latest return, and for bookkeeping clients the last months' bank
/// statements. Their status follows the return's progress.
pub(crate) fn documents(
    rng: &mut Rng,
    c: &Client,
    p: &Profile,
    latest: Option<(i16, ReturnStatus)>,
) -> Vec<Document> {
    let fr = p.lang == Lang::Fr;
    let mut out = Vec::new();
    if let Some((year, status)) = latest
        && let Some(end) = period_end(c, year)
    {
        let mut wanted: Vec<(&str, &str)> = Vec::new();
        match p.form {
            None => {
                if !c.self_employed || rng.percent(20) {
                    wanted.push(("Feuillet T4 {y}", "T4 slip {y}"));
                    if p.quebec {
                        wanted.push(("Relevé 1 {y}", "RL-1 slip {y}"));
                    }
                }
                consider(rng, PERSONAL, &mut wanted);
                if p.quebec {
                    consider(rng, PERSONAL_QC, &mut wanted);
                }
                if c.self_employed {
                    consider(rng, SELF_EMPLOYED, &mut wanted);
                }
            }
            Some(_) => {
                consider(rng, YEAR_END, &mut wanted);
                if p.holding {
                    consider(rng, HOLDING, &mut wanted);
                } else {
                    consider(rng, OPERATING, &mut wanted);
                }
                if c.products.iter().any(|x| x.product == QboProduct::Payroll) {
                    wanted.push(("Sommaire des T4 et relevés 1 {y}", "T4 summary {y}"));
                }
            }
        }
        let weights = progress_weights(rng, status);
        let fye = MonthDay {
            month: end.month() as u8,
            day: end.day() as u8,
        };
        for (f, e) in wanted {
            let title = if fr { f } else { e }
                .replace("{y}", &year.to_string())
                .replace("{p}", &(year - 1).to_string())
                .replace("{e}", &format!("{year}-{fye}"));
            let sent = shift(end, rng.between(5, 75)).min(p.asof);
            out.push(document(rng, title, sent, &weights, fr));
        }
    }
    let bookkeeping =
        c.kind == ClientKind::Business && !p.holding && (!c.products.is_empty() || rng.percent(30));
    if bookkeeping {
        let months = rng.between(1, 3);
        let card = rng.percent(50);
        for back in (1..=months).rev() {
            let Ok(first) = p.asof.first_of_month().checked_sub((back - 1).months()) else {
                continue;
            };
            let Ok(month) = first.checked_sub(1.month()) else {
                continue;
            };
            let name = if fr { MONTHS_FR } else { MONTHS_EN }[month.month() as usize - 1];
            let recent = back == 1;
            let weights = if recent {
                [
                    (30, DocStatus::Requested),
                    (45, DocStatus::Received),
                    (25, DocStatus::Reviewed),
                ]
            } else {
                [
                    (5, DocStatus::Requested),
                    (15, DocStatus::Received),
                    (80, DocStatus::Reviewed),
                ]
            };
            let sent = shift(first, rng.between(1, 7)).min(p.asof);
            let bank = if fr {
                format!("Relevé bancaire – {name} {}", month.year())
            } else {
                format!("Bank statement – {name} {}", month.year())
            };
            out.push(document(rng, bank, sent, &weights, fr));
            if card {
                let title = if fr {
                    format!("Relevé de carte de crédit – {name} {}", month.year())
                } else {
                    format!("Credit card statement – {name} {}", month.year())
                };
                out.push(document(rng, title, sent, &weights, fr));
            }
        }
    }
    out
}

/// Adds each candidate with its own chance.
fn consider(rng: &mut Rng, list: &[Candidate], wanted: &mut Vec<(&'static str, &'static str)>) {
    for &(f, e, pct) in list {
        if rng.percent(pct) {
            wanted.push((f, e));
        }
    }
}

/// How documents stand while their return is at `status`: a client has
/// either sent everything asked, or still owes some of it.
fn progress_weights(rng: &mut Rng, status: ReturnStatus) -> [(u32, DocStatus); 3] {
    use DocStatus::*;
    let complete = rng.percent(match status {
        ReturnStatus::NotStarted => 45,
        ReturnStatus::InProgress => 75,
        _ => 100,
    });
    match (status, complete) {
        (ReturnStatus::NotStarted, true) => [(0, Requested), (60, Received), (40, Reviewed)],
        (ReturnStatus::NotStarted, false) => [(65, Requested), (30, Received), (5, Reviewed)],
        (ReturnStatus::InProgress, true) => [(0, Requested), (35, Received), (65, Reviewed)],
        (ReturnStatus::InProgress, false) => [(35, Requested), (40, Received), (25, Reviewed)],
        _ => [(0, Requested), (5, Received), (95, Reviewed)],
    }
}

/// A document whose status is drawn from `weights`.
fn document(
    rng: &mut Rng,
    title: String,
    sent: Date,
    weights: &[(u32, DocStatus)],
    fr: bool,
) -> Document {
    let status = *rng.weighted(weights);
    let note = if rng.percent(8) {
        rng.pick(if fr { NOTES_FR } else { NOTES_EN }).to_string()
    } else {
        String::new()
    };
    Document {
        title,
        sent,
        status,
        note,
    }
}
