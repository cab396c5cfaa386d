//! Documents asked of a client: the slips and statements its latest
//! return needs, and the monthly statements bookkeeping needs.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Profile, period_end, shift};
use crate::demo::lists::Lang;
use crate::demo::rng::Rng;
use crate::model::{Client, ClientKind, DocStatus, Document, MonthDay, QboProduct, ReturnStatus};

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
    if let Some(doc) = payroll_summary(rng, c, p) {
        out.push(doc);
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
            let lang = if fr {
                crate::i18n::Lang::Fr
            } else {
                crate::i18n::Lang::En
            };
            let name = lang.month(month.month());
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

/// An employer's T4 summary (and RL-1 summary in Québec) for the last
/// calendar year, whatever its fiscal year: asked for in January, due at
/// the end of February.
fn payroll_summary(rng: &mut Rng, c: &Client, p: &Profile) -> Option<Document> {
    let year = p.asof.year() - 1;
    let payroll = c
        .products
        .iter()
        .find(|x| x.product == QboProduct::Payroll)?;
    if payroll.start.year() > year {
        return None;
    }
    let title = match (p.lang, p.quebec) {
        (Lang::Fr, true) => format!("Sommaires des T4 et relevés 1 {year}"),
        (Lang::Fr, false) => format!("Sommaire des T4 {year}"),
        (Lang::En, true) => format!("T4 and RL-1 summaries {year}"),
        (Lang::En, false) => format!("T4 summary {year}"),
    };
    let january = Date::new(year + 1, 1, 1).ok()?;
    let sent = shift(january, rng.between(4, 30)).min(p.asof);
    let deadline = Date::new(year + 1, 2, 28).ok()?;
    let weights = if p.asof > deadline {
        [
            (0, DocStatus::Requested),
            (10, DocStatus::Received),
            (90, DocStatus::Reviewed),
        ]
    } else {
        [
            (40, DocStatus::Requested),
            (40, DocStatus::Received),
            (20, DocStatus::Reviewed),
        ]
    };
    Some(document(rng, title, sent, &weights, p.lang == Lang::Fr))
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
        id: 0,
        title,
        sent,
        status,
        note,
    }
}
