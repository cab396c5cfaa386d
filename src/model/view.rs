//! What a list screen asks for and what it gets back: a query over the
//! client list, answered with one window of summary rows.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::billing::BillingLine;
use super::client::{Client, ClientId, ClientKind};
use super::tax::ReturnStatus;
use super::team::{Member, MemberId};
use super::text::{digits, fold};

/// Which lead accountant's clients to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LeadFilter {
    #[default]
    Any,
    Member(MemberId),
    Unassigned,
}

/// Which returns to show by their due date. Every filter but `Any` keeps
/// only unfinished returns (not yet filed); `Within(n)` keeps those due
/// from today to `n` days later, `UpTo(n)` the overdue ones as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DueFilter {
    #[default]
    Any,
    /// Every unfinished return.
    Unfinished,
    /// Unfinished and past its due date.
    Overdue,
    /// Unfinished and due from today to this many days later.
    Within(u16),
    /// Overdue, or due from today to this many days later.
    UpTo(u16),
}

impl DueFilter {
    /// True when the latest return `r` passes the filter on `today`.
    pub(crate) fn keeps(self, r: Option<&ReturnBrief>, today: Date) -> bool {
        let Some(r) = r else {
            return self == DueFilter::Any;
        };
        if self == DueFilter::Any {
            return true;
        }
        if r.status.is_done() {
            return false;
        }
        let days = |due: Date| i64::from((due - today).get_days());
        let ahead = |n: u16| r.due.is_some_and(|d| (0..=i64::from(n)).contains(&days(d)));
        match self {
            DueFilter::Any | DueFilter::Unfinished => true,
            DueFilter::Overdue => r.is_overdue(today),
            DueFilter::Within(n) => ahead(n),
            DueFilter::UpTo(n) => r.is_overdue(today) || ahead(n),
        }
    }
}

/// A set of return statuses (empty: any status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct StatusSet(pub(crate) u8);

impl StatusSet {
    pub fn of(statuses: &[ReturnStatus]) -> Self {
        StatusSet(statuses.iter().fold(0, |m, s| m | Self::bit(*s)))
    }

    fn bit(s: ReturnStatus) -> u8 {
        1 << (s as u8)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn contains(self, s: ReturnStatus) -> bool {
        self.0 & Self::bit(s) != 0
    }

    /// Adds or removes one status.
    pub(crate) fn toggle(&mut self, s: ReturnStatus) {
        self.0 ^= Self::bit(s);
    }

    /// The statuses in the set, in the order of work.
    pub(crate) fn statuses(self) -> impl Iterator<Item = ReturnStatus> {
        ReturnStatus::ALL
            .into_iter()
            .filter(move |s| self.contains(*s))
    }

    /// True when a client whose latest return is `r` passes: any client
    /// when the set is empty, else one whose latest return has one of the
    /// statuses.
    pub(crate) fn keeps(self, r: Option<&ReturnBrief>) -> bool {
        self.is_empty() || r.is_some_and(|r| self.contains(r.status))
    }
}

/// The tax-return work filters: return status, due date, documents
/// awaited. They combine with each other and with type and lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct WorkFilter {
    pub statuses: StatusSet,
    pub due: DueFilter,
    /// Only clients with documents awaited.
    pub docs_awaited: bool,
}

impl WorkFilter {
    /// True when the client passes every work filter on `today`.
    pub(crate) fn keeps(&self, s: &ClientSummary, today: Date) -> bool {
        let r = s.latest_return.as_ref();
        self.statuses.keeps(r)
            && self.due.keeps(r, today)
            && (!self.docs_awaited || s.docs_awaiting > 0)
    }
}

/// A column the list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Name,
    Number,
    Kind,
    Lead,
    Product,
    Return,
    Documents,
    Wholesale,
}

impl SortColumn {
    /// Every column, in the order the list shows them from left to right
    /// and the sort menu offers them.
    pub(crate) const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Number,
        SortColumn::Kind,
        SortColumn::Lead,
        SortColumn::Product,
        SortColumn::Return,
        SortColumn::Documents,
        SortColumn::Wholesale,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Number => "number",
            SortColumn::Kind => "type",
            SortColumn::Lead => "lead",
            SortColumn::Product => "product",
            SortColumn::Return => "return",
            SortColumn::Documents => "documents",
            SortColumn::Wholesale => "wholesale",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        let k = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|c| c.key() == k || (k == "kind" && *c == SortColumn::Kind))
    }
}

/// A request for one window of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ViewQuery {
    pub include_inactive: bool,
    pub kind: Option<ClientKind>,
    pub lead: LeadFilter,
    /// Free text; empty shows everything.
    pub search: String,
    pub sort: SortColumn,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
    /// Ask where this client sits in the view, to keep a selection on it.
    pub locate: Option<ClientId>,
    /// Return status, due date and documents filters.
    pub work: WorkFilter,
    /// The day overdue and due-within filters count from; `None` means
    /// the firm's today.
    pub today: Option<Date>,
}

impl ViewQuery {
    /// Everything the view shows, in one window.
    pub fn all() -> Self {
        ViewQuery {
            limit: usize::MAX,
            ..Default::default()
        }
    }

    /// The same filters and order, ignoring the window: two queries with
    /// the same shape list the same clients in the same order.
    pub(crate) fn shape(&self) -> ViewQuery {
        ViewQuery {
            offset: 0,
            limit: 0,
            locate: None,
            ..self.clone()
        }
    }
}

/// The latest tax return, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnBrief {
    pub year: i16,
    pub form: String,
    pub status: ReturnStatus,
    pub due: Option<Date>,
    /// When it was filed, if it was.
    pub filed: Option<Date>,
}

impl ReturnBrief {
    /// When the return is due, while it is not done.
    pub(crate) fn due_unfinished(&self) -> Option<Date> {
        self.due.filter(|_| !self.status.is_done())
    }

    pub(crate) fn is_overdue(&self, today: Date) -> bool {
        self.due_unfinished().is_some_and(|d| d < today)
    }
}

/// One row of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub id: ClientId,
    pub version: u64,
    pub number: String,
    pub name: String,
    pub kind: ClientKind,
    pub lead: Option<MemberId>,
    /// The lead's name, empty when unassigned.
    pub lead_name: String,
    /// The first product's label, with `+N` when there are more.
    pub product: String,
    pub latest_return: Option<ReturnBrief>,
    pub docs_awaiting: u32,
    pub wholesale: bool,
    pub active: bool,
}

impl ClientSummary {
    /// Summarises a client; `team` gives the lead's name.
    pub(crate) fn of(c: &Client, team: &[Member]) -> Self {
        let product = match c.products.as_slice() {
            [] => String::new(),
            [p] => p.product.label().to_owned(),
            [p, rest @ ..] => format!("{} +{}", p.product.label(), rest.len()),
        };
        ClientSummary {
            id: c.id,
            version: c.version,
            number: c.number.clone().unwrap_or_default(),
            name: c.display_name.clone(),
            kind: c.kind,
            lead: c.lead,
            lead_name: c
                .lead
                .and_then(|id| team.iter().find(|m| m.id == id))
                .map(|m| m.name.clone())
                .unwrap_or_default(),
            product,
            latest_return: c.latest_return().map(|r| ReturnBrief {
                year: r.year,
                form: r.form.label().to_owned(),
                status: r.status,
                due: r.due_date(c),
                filed: r.filed,
            }),
            docs_awaiting: c.documents_awaiting() as u32,
            wholesale: c.wholesale(),
            active: c.is_active(),
        }
    }
}

/// A client's searchable text, folded once when the client changes (lower
/// case, no accents), so that a search never folds clients' text again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SearchText {
    /// The folded display name, then company, contact, number and e-mail,
    /// separated by [`SearchText::SEPARATOR`].
    pub(crate) all: String,
    /// How many bytes of `all` are the display name.
    pub(crate) name_len: u32,
    /// Phone and mobile digits, space-separated.
    pub(crate) phones: String,
}

impl SearchText {
    pub(crate) fn of(c: &Client) -> Self {
        let mut all = fold(&c.display_name);
        let name_len = all.len() as u32;
        // Every field has its place, empty or not, so that a match can
        // say which field it was found in.
        for part in [
            c.company.as_str(),
            c.first_name.as_str(),
            c.last_name.as_str(),
            c.number.as_deref().unwrap_or(""),
            c.email.as_str(),
        ] {
            all.push(SearchText::SEPARATOR);
            all.push_str(&fold(part));
        }
        SearchText {
            all,
            name_len,
            phones: format!("{} {}", digits(&c.phone), digits(&c.mobile)),
        }
    }

    /// Stands between fields, so that a fuzzy match never strings letters
    /// together across two fields.
    pub(crate) const SEPARATOR: char = '\u{1F}';
}

/// What the list index needs of one client, kept beside the record so
/// that a server starts without decoding every whole record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRow {
    /// The list row; `lead_name` is filled in from the team when loaded.
    pub(crate) summary: ClientSummary,
    pub(crate) search: SearchText,
    /// The client's subscriptions billed to the firm.
    pub(crate) billing: Vec<BillingLine>,
}

impl ClientRow {
    pub fn of(c: &Client) -> Self {
        ClientRow {
            summary: ClientSummary::of(c, &[]),
            search: SearchText::of(c),
            billing: super::billing::lines_of(c),
        }
    }
}

/// One window of the client list, with the counts the header shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ViewPage {
    /// Clients in the whole view (not just this window).
    pub total: usize,
    /// Inactive clients that match but are hidden because inactive clients
    /// are not included.
    pub inactive_hidden: usize,
    pub offset: usize,
    pub rows: Vec<ClientSummary>,
    /// Where the client asked for with `locate` sits in the view.
    pub located: Option<usize>,
    /// For each row, the char indices of its name that the search matched.
    pub highlights: Vec<Vec<usize>>,
    /// For each row, the field other than the name the search found it
    /// through, if any (a contact's name, an e-mail…).
    pub found: Vec<Option<FoundIn>>,
    /// What the search found beyond the rows, when there is a search.
    pub search: Option<SearchOutcome>,
}

/// A field other than the name that a search found a client through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum FoundField {
    Company,
    Contact,
    Number,
    Email,
    Phone,
}

/// Which field a search found a client through, and its text: folded as
/// the index holds it, then as the client wrote it once the session has
/// read the record ([`FoundIn::as_written`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundIn {
    pub(crate) field: FoundField,
    pub(crate) text: String,
}

impl FoundIn {
    /// The field's text as written in the client's record, for
    /// `contact: Fréchette` rather than the folded `contact: frechette`.
    /// For a phone, the number (phone or mobile) whose digits were found.
    pub(crate) fn as_written(&self, c: &Client) -> String {
        match self.field {
            FoundField::Company => c.company.clone(),
            FoundField::Contact => format!("{} {}", c.first_name, c.last_name)
                .trim()
                .to_owned(),
            FoundField::Number => c.number.clone().unwrap_or_default(),
            FoundField::Email => c.email.clone(),
            FoundField::Phone => [&c.phone, &c.mobile]
                .into_iter()
                .find(|p| super::text::digits(p) == self.text)
                .or_else(|| {
                    [&c.phone, &c.mobile]
                        .into_iter()
                        .find(|p| super::text::digits(p).contains(&self.text))
                })
                .cloned()
                .unwrap_or_else(|| self.text.clone()),
        }
    }
}

/// Why a client that matches the search is not among the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HiddenReason {
    /// Inactive, and inactive clients are not included.
    Inactive,
    /// The type filter hides it.
    Kind,
    /// The lead accountant filter hides it.
    Lead,
    /// The return status, due date or documents filter hides it.
    Work,
}

/// A client that matches the search but is hidden from the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenMatch {
    pub row: ClientSummary,
    pub reason: HiddenReason,
}

/// How a search went, beyond the rows it shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchOutcome {
    /// Nothing matched even loosely: the rows are the closest names by
    /// edit distance instead.
    pub closest: bool,
    /// The best hidden matches, at most [`SearchOutcome::MAX_HIDDEN`].
    pub hidden: Vec<HiddenMatch>,
    /// How many matches each reason hides in all.
    pub hidden_inactive: usize,
    pub hidden_by_kind: usize,
    pub hidden_by_lead: usize,
    pub hidden_by_work: usize,
}

impl SearchOutcome {
    /// How many hidden matches a page carries.
    pub(crate) const MAX_HIDDEN: usize = 50;
}
