//! The client record and the small value types it is made of.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::tax::TaxReturn;
use super::team::MemberId;

/// A client's identifier, given by the store and never reused.
pub type ClientId = u64;

/// A product's, document's or tax return's identifier within its client,
/// given by the store and never reused for that client. 0 marks an item
/// not saved yet.
pub(crate) type ItemId = u32;

/// Business or individual, as in QuickBooks Online Accountant.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum ClientKind {
    #[default]
    Business,
    Individual,
}

impl ClientKind {
    /// The word used on screen and in the CLI.
    pub(crate) fn key(self) -> &'static str {
        match self {
            ClientKind::Business => "business",
            ClientKind::Individual => "individual",
        }
    }

    /// Parses `business`/`individual` (and their French forms), ignoring case.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match super::text::fold(s.trim()).as_str() {
            "business" | "b" | "entreprise" | "company" => Some(ClientKind::Business),
            "individual" | "i" | "particulier" | "person" => Some(ClientKind::Individual),
            _ => None,
        }
    }
}

/// The billing address. Limits are QuickBooks Online's own.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub province: String,
    pub postal_code: String,
    pub country: String,
}

/// Tax identifiers, stored in canonical form (digits and letters only).
/// An empty string means "not on file".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaxIds {
    pub business_number: String,
    pub neq: String,
    pub gst: String,
    pub qst: String,
    pub sin: String,
}

/// A fiscal year end: a month and a day, with no year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

impl MonthDay {
    /// December 31, the calendar year end.
    pub const DEC_31: MonthDay = MonthDay { month: 12, day: 31 };

    /// Builds a month and day that exists in every year (February 29 does not).
    pub fn new(month: u8, day: u8) -> Option<Self> {
        let max = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => 28,
            _ => return None,
        };
        (1..=max).contains(&day).then_some(MonthDay { month, day })
    }

    /// Parses `MM-DD`, `--MM-DD`, `MM/DD` or an ISO date whose year is ignored.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_start_matches("--");
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let (m, d) = match parts.as_slice() {
            [m, d] => (*m, *d),
            [y, m, d] if y.len() == 4 => (*m, *d),
            _ => return None,
        };
        MonthDay::new(m.parse().ok()?, d.parse().ok()?)
    }

    /// This month and day in `year`.
    pub(crate) fn in_year(self, year: i16) -> Option<Date> {
        Date::new(year, self.month as i8, self.day as i8).ok()
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// Which QuickBooks product a subscription is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QboProduct {
    SimpleStart,
    Essentials,
    Plus,
    Advanced,
    SelfEmployed,
    Payroll,
    Time,
    Desktop,
    Other(String),
}

impl QboProduct {
    /// Every named product, in the order pick lists show them.
    pub(crate) const NAMED: [QboProduct; 8] = [
        QboProduct::SimpleStart,
        QboProduct::Essentials,
        QboProduct::Plus,
        QboProduct::Advanced,
        QboProduct::SelfEmployed,
        QboProduct::Payroll,
        QboProduct::Time,
        QboProduct::Desktop,
    ];

    /// The product's name as QuickBooks prints it, without the brand.
    pub(crate) fn label(&self) -> &str {
        match self {
            QboProduct::SimpleStart => "Online Simple Start",
            QboProduct::Essentials => "Online Essentials",
            QboProduct::Plus => "Online Plus",
            QboProduct::Advanced => "Online Advanced",
            QboProduct::SelfEmployed => "Self-Employed",
            QboProduct::Payroll => "Payroll",
            QboProduct::Time => "Time",
            QboProduct::Desktop => "Desktop",
            QboProduct::Other(s) => s,
        }
    }

    /// Parses a label, a short key (`plus`, `simple-start`) or any other text.
    pub(crate) fn parse(s: &str) -> QboProduct {
        let f: String = super::text::fold(s.trim())
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let f = f.strip_prefix("quickbooks").unwrap_or(&f);
        let f = f.strip_prefix("online").unwrap_or(f);
        match f {
            "simplestart" => QboProduct::SimpleStart,
            "essentials" => QboProduct::Essentials,
            "plus" => QboProduct::Plus,
            "advanced" => QboProduct::Advanced,
            "selfemployed" => QboProduct::SelfEmployed,
            "payroll" => QboProduct::Payroll,
            "time" => QboProduct::Time,
            "desktop" => QboProduct::Desktop,
            _ => QboProduct::Other(super::text::normalize(s)),
        }
    }
}

/// Who pays Intuit for a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum BilledTo {
    /// Wholesale billing: the firm pays, at a discount.
    Firm,
    #[default]
    Client,
}

impl BilledTo {
    pub(crate) fn key(self) -> &'static str {
        match self {
            BilledTo::Firm => "firm",
            BilledTo::Client => "client",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match super::text::fold(s.trim()).as_str() {
            "firm" | "accountant" | "wholesale" | "cabinet" | "comptable" => Some(BilledTo::Firm),
            "client" | "retail" => Some(BilledTo::Client),
            _ => None,
        }
    }
}

/// One QuickBooks subscription held by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: ItemId,
    pub product: QboProduct,
    pub billed_to: BilledTo,
    /// Monthly list price, in cents of the firm's currency.
    pub list_price_cents: i64,
    /// Wholesale discount, 0 to 100.
    pub discount_percent: u8,
    pub start: Date,
}

impl Product {
    /// The monthly price after the discount, rounded half up to the cent.
    /// Computed in 128 bits, so no stored price can overflow it.
    pub(crate) fn net_cents(&self) -> i64 {
        let pct = i128::from(100 - self.discount_percent.min(100));
        let net = (i128::from(self.list_price_cents) * pct + 50).div_euclid(100);
        i64::try_from(net).unwrap_or(if net < 0 { i64::MIN } else { i64::MAX })
    }
}

/// Where a document sent to or requested from the client stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum DocStatus {
    #[default]
    Requested,
    Received,
    Reviewed,
}

impl DocStatus {
    pub(crate) const ALL: [DocStatus; 3] = [
        DocStatus::Requested,
        DocStatus::Received,
        DocStatus::Reviewed,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            DocStatus::Requested => "requested",
            DocStatus::Received => "received",
            DocStatus::Reviewed => "reviewed",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        let f = super::text::fold(s.trim());
        Self::ALL.into_iter().find(|d| d.key() == f)
    }
}

/// A document exchanged with the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: ItemId,
    pub title: String,
    pub sent: Date,
    pub status: DocStatus,
    pub note: String,
}

/// Who created and last changed a record, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: Timestamp,
    pub by: MemberId,
}

/// A client of the firm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: ClientId,
    /// Grows by one on every change; an update names the version it was made on.
    pub version: u64,
    pub number: Option<String>,
    pub kind: ClientKind,
    pub display_name: String,
    pub company: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub mobile: String,
    pub website: String,
    pub address: Address,
    pub tax_ids: TaxIds,
    pub fiscal_year_end: Option<MonthDay>,
    /// Self-employed individuals file their T1 by June 15.
    pub self_employed: bool,
    pub notes: String,
    pub lead: Option<MemberId>,
    pub team_access: Vec<MemberId>,
    pub products: Vec<Product>,
    pub documents: Vec<Document>,
    pub tax_returns: Vec<TaxReturn>,
    /// `None` while active; the day it became inactive otherwise.
    pub inactive_since: Option<Date>,
    pub created: Option<Stamp>,
    pub updated: Option<Stamp>,
    /// The id the next new product, document or return gets.
    pub next_item: ItemId,
}

impl Client {
    /// A new, empty business client with just a display name.
    pub fn new(display_name: impl Into<String>) -> Self {
        Client {
            id: 0,
            version: 0,
            number: None,
            kind: ClientKind::Business,
            display_name: display_name.into(),
            company: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            phone: String::new(),
            mobile: String::new(),
            website: String::new(),
            address: Address::default(),
            tax_ids: TaxIds::default(),
            fiscal_year_end: None,
            self_employed: false,
            notes: String::new(),
            lead: None,
            team_access: Vec::new(),
            products: Vec::new(),
            documents: Vec::new(),
            tax_returns: Vec::new(),
            inactive_since: None,
            created: None,
            updated: None,
            next_item: 1,
        }
    }

    /// Gives each item not saved yet (id 0) the id of an item of `from`
    /// that is the same in every other respect and not already taken, so
    /// that a record read back from a file matches the one it came from.
    pub(crate) fn adopt_item_ids(&mut self, from: &Client) {
        fn adopt<T: Clone + PartialEq>(
            mine: &mut [T],
            theirs: &[T],
            id: fn(&T) -> ItemId,
            set: fn(&mut T, ItemId),
        ) {
            let mut taken: Vec<ItemId> = mine.iter().map(id).filter(|&i| i != 0).collect();
            for item in mine.iter_mut().filter(|i| id(i) == 0) {
                let found = theirs.iter().find(|t| {
                    let mut probe = (*t).clone();
                    set(&mut probe, 0);
                    probe == *item && !taken.contains(&id(t))
                });
                if let Some(t) = found {
                    taken.push(id(t));
                    set(item, id(t));
                }
            }
        }
        adopt(
            &mut self.products,
            &from.products,
            |p| p.id,
            |p, i| p.id = i,
        );
        adopt(
            &mut self.documents,
            &from.documents,
            |d| d.id,
            |d, i| d.id = i,
        );
        adopt(
            &mut self.tax_returns,
            &from.tax_returns,
            |r| r.id,
            |r, i| r.id = i,
        );
        self.next_item = self.next_item.max(from.next_item);
    }

    /// Gives every item not saved yet (id 0) a fresh id, and makes sure
    /// the next id is above every id in use.
    pub fn assign_item_ids(&mut self) {
        let highest = self
            .products
            .iter()
            .map(|p| p.id)
            .chain(self.documents.iter().map(|d| d.id))
            .chain(self.tax_returns.iter().map(|r| r.id))
            .max()
            .unwrap_or(0);
        let mut next = self.next_item.max(highest.saturating_add(1)).max(1);
        let mut take = |id: &mut ItemId| {
            if *id == 0 {
                *id = next;
                next = next.saturating_add(1);
            }
        };
        self.products.iter_mut().for_each(|p| take(&mut p.id));
        self.documents.iter_mut().for_each(|d| take(&mut d.id));
        self.tax_returns.iter_mut().for_each(|r| take(&mut r.id));
        self.next_item = next;
    }

    pub fn is_active(&self) -> bool {
        self.inactive_since.is_none()
    }

    /// The fiscal year end, December 31 when none is on file.
    pub(crate) fn year_end(&self) -> MonthDay {
        self.fiscal_year_end.unwrap_or(MonthDay::DEC_31)
    }

    /// Documents requested and not yet received.
    pub(crate) fn documents_awaiting(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.status == DocStatus::Requested)
            .count()
    }

    /// True when the firm pays for at least one of the client's subscriptions.
    pub(crate) fn wholesale(&self) -> bool {
        self.products.iter().any(|p| p.billed_to == BilledTo::Firm)
    }

    /// The most recent tax return: highest year, then the latest due date.
    pub(crate) fn latest_return(&self) -> Option<&TaxReturn> {
        self.tax_returns
            .iter()
            .max_by_key(|r| (r.year, r.due_date(self)))
    }

    /// A Canadian address gets its province's code and its postal code in
    /// the form `H3G 1K4`; a US ZIP code loses its spaces; a website
    /// written without a scheme gains `https://`.
    pub(crate) fn normalize_contact(&mut self) {
        use super::contact::{Region, canadian_postal, province_code, region};
        let a = &mut self.address;
        match region(&a.country, &a.province) {
            Region::Canada => {
                if let Some(code) = province_code(&a.province) {
                    a.province = code.to_owned();
                }
                a.postal_code = canadian_postal(&a.postal_code);
            }
            Region::UnitedStates => a.postal_code = a.postal_code.replace(' ', ""),
            Region::Elsewhere => {}
        }
        let w = &self.website;
        if !w.is_empty()
            && !w.contains("://")
            && w.contains('.')
            && !w.starts_with('.')
            && !w.contains(char::is_whitespace)
            && !w.contains('@')
        {
            self.website = format!("https://{w}");
        }
    }

    /// Puts every text field in its stored form: NFC, trimmed, identifiers
    /// canonical. Validation expects normalised input.
    pub(crate) fn normalize(&mut self) {
        use super::ids::canonical;
        use super::text::normalize as n;
        self.number = self.number.as_deref().map(n).filter(|s| !s.is_empty());
        for s in [
            &mut self.display_name,
            &mut self.company,
            &mut self.first_name,
            &mut self.last_name,
            &mut self.email,
            &mut self.phone,
            &mut self.mobile,
            &mut self.website,
            &mut self.notes,
            &mut self.address.street,
            &mut self.address.city,
            &mut self.address.province,
            &mut self.address.postal_code,
            &mut self.address.country,
        ] {
            *s = n(s);
        }
        self.normalize_contact();
        for s in [
            &mut self.tax_ids.business_number,
            &mut self.tax_ids.neq,
            &mut self.tax_ids.gst,
            &mut self.tax_ids.qst,
            &mut self.tax_ids.sin,
        ] {
            *s = canonical(&n(s));
        }
        for p in &mut self.products {
            if let QboProduct::Other(s) = &mut p.product {
                *s = n(s);
            }
        }
        for d in &mut self.documents {
            d.title = n(&d.title);
            d.note = n(&d.note);
        }
        for r in &mut self.tax_returns {
            if let super::tax::TaxForm::Other(s) = &mut r.form {
                *s = n(s);
            }
        }
        self.team_access.sort_unstable();
        self.team_access.dedup();
    }
}
