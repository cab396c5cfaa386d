//! Merging two people's changes to one client.
//!
//! A save names the record it was made on (the base) and carries the
//! record as the user left it (mine). When someone else saved in between
//! (theirs), what changed from the base to mine is laid onto theirs, one
//! spot at a time: a scalar field, the team access, the active status, or
//! one field of one product, document or tax return, found by its id.
//! A spot only one side changed takes that side's value; a spot both
//! changed differently is a clash, and so is an edit on one side of an
//! item the other side deleted. Nothing is merged away in silence: the
//! server saves a merge only when nothing clashes, and the conflict view
//! shows each clash with both values.

use serde::{Deserialize, Serialize};

use super::client::{Client, ItemId};
use super::field::Field;
use super::team::Member;

/// The three kinds of items a client holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    Product,
    Document,
    Return,
}

impl Part {
    pub(crate) const ALL: [Part; 3] = [Part::Product, Part::Document, Part::Return];

    /// The word history and error messages use: `product`, `document`,
    /// `return`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Part::Product => "product",
            Part::Document => "document",
            Part::Return => "return",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.key() == s)
    }

    /// The item's fields, in the order forms show them.
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            Part::Product => &["product", "billed_to", "price", "discount", "start"],
            Part::Document => &["title", "sent", "status", "note"],
            Part::Return => &["year", "form", "status", "due", "filed"],
        }
    }

    /// The ids of the client's items of this kind, in order.
    pub(crate) fn ids(self, c: &Client) -> Vec<ItemId> {
        match self {
            Part::Product => c.products.iter().map(|p| p.id).collect(),
            Part::Document => c.documents.iter().map(|d| d.id).collect(),
            Part::Return => c.tax_returns.iter().map(|r| r.id).collect(),
        }
    }

    /// Where the item with this id sits, if the client has it.
    pub fn position(self, c: &Client, id: ItemId) -> Option<usize> {
        self.ids(c).iter().position(|&i| i == id)
    }

    /// One field of one item as text: codes and ISO dates, the same in
    /// every language. `None` when the client has no such item.
    pub(crate) fn value(self, c: &Client, id: ItemId, field: &str) -> Option<String> {
        let i = self.position(c, id)?;
        let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        Some(match self {
            Part::Product => {
                let p = &c.products[i];
                match field {
                    "product" => p.product.label().to_owned(),
                    "billed_to" => p.billed_to.key().to_owned(),
                    "price" => p.list_price_cents.to_string(),
                    "discount" => p.discount_percent.to_string(),
                    _ => p.start.to_string(),
                }
            }
            Part::Document => {
                let d = &c.documents[i];
                match field {
                    "title" => d.title.clone(),
                    "sent" => d.sent.to_string(),
                    "status" => d.status.key().to_owned(),
                    _ => d.note.clone(),
                }
            }
            Part::Return => {
                let r = &c.tax_returns[i];
                match field {
                    "year" => r.year.to_string(),
                    "form" => r.form.label().to_owned(),
                    "status" => r.status.key().to_owned(),
                    "due" => date(r.due),
                    _ => date(r.filed),
                }
            }
        })
    }

    /// The whole item as one line of text (codes, not words), or `None`.
    pub(crate) fn line(self, c: &Client, id: ItemId) -> Option<String> {
        let i = self.position(c, id)?;
        Some(match self {
            Part::Product => super::render::product(&c.products[i]),
            Part::Document => super::render::document(&c.documents[i]),
            Part::Return => super::render::tax_return(&c.tax_returns[i]),
        })
    }

    /// A few words naming the item: `2025 T1`, a document's title, a
    /// product's name.
    pub(crate) fn name(self, c: &Client, id: ItemId) -> Option<String> {
        let i = self.position(c, id)?;
        Some(match self {
            Part::Product => c.products[i].product.label().to_owned(),
            Part::Document => c.documents[i].title.clone(),
            Part::Return => {
                let r = &c.tax_returns[i];
                format!("{} {}", r.year, r.form.label())
            }
        })
    }

    /// Copies one field of an item from one record to another that both
    /// hold the item. Returns false when either lacks it.
    fn copy_field(self, from: &Client, to: &mut Client, id: ItemId, field: &str) -> bool {
        let (Some(i), Some(j)) = (self.position(from, id), self.position(to, id)) else {
            return false;
        };
        match self {
            Part::Product => {
                let (a, b) = (&from.products[i], &mut to.products[j]);
                match field {
                    "product" => b.product = a.product.clone(),
                    "billed_to" => b.billed_to = a.billed_to,
                    "price" => b.list_price_cents = a.list_price_cents,
                    "discount" => b.discount_percent = a.discount_percent,
                    _ => b.start = a.start,
                }
            }
            Part::Document => {
                let (a, b) = (&from.documents[i], &mut to.documents[j]);
                match field {
                    "title" => b.title = a.title.clone(),
                    "sent" => b.sent = a.sent,
                    "status" => b.status = a.status,
                    _ => b.note = a.note.clone(),
                }
            }
            Part::Return => {
                let (a, b) = (&from.tax_returns[i], &mut to.tax_returns[j]);
                match field {
                    "year" => b.year = a.year,
                    "form" => b.form = a.form.clone(),
                    "status" => b.status = a.status,
                    "due" => b.due = a.due,
                    _ => b.filed = a.filed,
                }
            }
        }
        true
    }

    /// Makes `to` hold the item as `from` has it: replaced, added at the
    /// end, or removed when `from` lacks it.
    fn copy_item(self, from: &Client, to: &mut Client, id: ItemId) {
        fn put<T: Clone>(from: &[T], to: &mut Vec<T>, i: Option<usize>, j: Option<usize>) {
            match (i, j) {
                (Some(i), Some(j)) => to[j] = from[i].clone(),
                (Some(i), None) => to.push(from[i].clone()),
                (None, Some(j)) => {
                    to.remove(j);
                }
                (None, None) => {}
            }
        }
        let (i, j) = (self.position(from, id), self.position(to, id));
        match self {
            Part::Product => put(&from.products, &mut to.products, i, j),
            Part::Document => put(&from.documents, &mut to.documents, i, j),
            Part::Return => put(&from.tax_returns, &mut to.tax_returns, i, j),
        }
    }
}

/// One place in a client record that two versions can disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    Field(Field),
    TeamAccess,
    /// Active, or inactive since a day.
    Status,
    /// An item as a whole: there on one side, not on the other.
    Item(Part, ItemId),
    /// One field of an item both sides hold.
    ItemField(Part, ItemId, &'static str),
}

impl Spot {
    /// The spot's value in a record, as text for comparing; `None` for an
    /// item the record does not hold.
    pub fn value(self, c: &Client, team: &[Member]) -> Option<String> {
        match self {
            Spot::Field(f) => Some(f.get(c, team)),
            Spot::TeamAccess => {
                let mut ids = c.team_access.clone();
                ids.sort_unstable();
                Some(format!("{ids:?}"))
            }
            Spot::Status => Some(c.inactive_since.map(|d| d.to_string()).unwrap_or_default()),
            Spot::Item(part, id) => part.line(c, id),
            Spot::ItemField(part, id, field) => part.value(c, id, field),
        }
    }

    /// Copies the spot from one record to another.
    pub(crate) fn copy(self, from: &Client, to: &mut Client, team: &[Member]) {
        match self {
            Spot::Field(Field::Lead) => to.lead = from.lead,
            Spot::Field(f) => {
                // Reading back what `get` wrote cannot fail; should it,
                // the field keeps its value rather than take a wrong one.
                let _ = f.set(to, &f.get(from, team), team);
            }
            Spot::TeamAccess => to.team_access = from.team_access.clone(),
            Spot::Status => to.inactive_since = from.inactive_since,
            Spot::Item(part, id) => part.copy_item(from, to, id),
            Spot::ItemField(part, id, field) => {
                if !part.copy_field(from, to, id, field) {
                    part.copy_item(from, to, id);
                }
            }
        }
    }

    /// True for tax identifiers, which screens mask until revealed.
    pub(crate) fn is_sensitive(self) -> bool {
        matches!(self, Spot::Field(f) if f.is_sensitive())
    }

    /// The item the spot is about, if any.
    pub fn item(self) -> Option<(Part, ItemId)> {
        match self {
            Spot::Item(p, id) | Spot::ItemField(p, id, _) => Some((p, id)),
            _ => None,
        }
    }
}

/// Every spot where two records differ, in form order: the client's
/// fields, team access, status, then each item (a whole item when only
/// one record holds it, else each field that differs).
pub fn spots(a: &Client, b: &Client, team: &[Member]) -> Vec<Spot> {
    let mut out = Vec::new();
    let scalar = Field::ALL
        .into_iter()
        .map(Spot::Field)
        .chain([Spot::TeamAccess, Spot::Status]);
    for s in scalar {
        if s.value(a, team) != s.value(b, team) {
            out.push(s);
        }
    }
    for part in Part::ALL {
        let mut ids = part.ids(a);
        for id in part.ids(b) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for id in ids {
            let (x, y) = (part.position(a, id), part.position(b, id));
            if x.is_some() && y.is_some() {
                for &f in part.fields() {
                    if part.value(a, id, f) != part.value(b, id, f) {
                        out.push(Spot::ItemField(part, id, f));
                    }
                }
            } else {
                out.push(Spot::Item(part, id));
            }
        }
    }
    out
}

/// What a merge gives: the record with every change that could be laid
/// on the current one, and the spots both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged {
    pub(crate) client: Client,
    pub(crate) clashes: Vec<Spot>,
}

/// Lays the changes from `base` to `mine` onto `theirs`. The result keeps
/// `theirs`'s version; a clash keeps `theirs`'s value until someone
/// chooses. Items `mine` added (id 0) get fresh ids.
pub(crate) fn merge(base: &Client, mine: &Client, theirs: &Client, team: &[Member]) -> Merged {
    let mut mine = mine.clone();
    // New items on my side become new ids above every id either side used.
    mine.next_item = mine.next_item.max(theirs.next_item);
    mine.assign_item_ids();
    let mut out = theirs.clone();
    out.next_item = mine.next_item.max(theirs.next_item);
    let mut clashes: Vec<Spot> = Vec::new();
    let mut clash = |s: Spot| {
        if !clashes.contains(&s) {
            clashes.push(s);
        }
    };
    for s in spots(base, &mine, team) {
        // An edit of an item the other side deleted, or a deletion of an
        // item the other side edited, is one clash about the whole item.
        if let Spot::ItemField(part, id, _) = s
            && part.position(theirs, id).is_none()
        {
            clash(Spot::Item(part, id));
            continue;
        }
        let (b, m, t) = (
            s.value(base, team),
            s.value(&mine, team),
            s.value(theirs, team),
        );
        if t == b {
            s.copy(&mine, &mut out, team);
        } else if t != m {
            clash(s);
        }
    }
    out.version = theirs.version;
    Merged {
        client: out,
        clashes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReturnStatus, TaxForm, TaxReturn};
    use jiff::civil::date;

    fn ret(id: ItemId, year: i16, form: TaxForm) -> TaxReturn {
        TaxReturn {
            id,
            year,
            form,
            status: ReturnStatus::InProgress,
            due: None,
            filed: None,
        }
    }

    fn client() -> Client {
        let mut c = Client::new("Plomberie Tremblay inc.");
        c.id = 1;
        c.version = 3;
        c.tax_returns = vec![ret(1, 2025, TaxForm::T1), ret(2, 2025, TaxForm::Tp1)];
        c.next_item = 3;
        c
    }

    #[test]
    fn different_returns_merge_on_their_own() {
        let base = client();
        let mut theirs = base.clone();
        theirs.version = 4;
        theirs.tax_returns[1].status = ReturnStatus::Filed;
        theirs.tax_returns[1].filed = Some(date(2026, 4, 20));
        let mut mine = base.clone();
        mine.tax_returns[0].filed = Some(date(2026, 4, 21));
        mine.tax_returns[0].status = ReturnStatus::Filed;
        let m = merge(&base, &mine, &theirs, &[]);
        assert!(m.clashes.is_empty());
        assert_eq!(m.client.version, 4);
        assert_eq!(m.client.tax_returns[0].filed, Some(date(2026, 4, 21)));
        assert_eq!(m.client.tax_returns[1].status, ReturnStatus::Filed);
        assert_eq!(m.client.tax_returns[1].filed, Some(date(2026, 4, 20)));
    }

    #[test]
    fn one_field_both_changed_clashes_field_by_field() {
        let base = client();
        let mut theirs = base.clone();
        theirs.tax_returns[0].status = ReturnStatus::ReadyForReview;
        theirs.tax_returns[0].due = Some(date(2026, 5, 1));
        let mut mine = base.clone();
        mine.tax_returns[0].status = ReturnStatus::NotStarted;
        mine.phone = "514-555-0199".into();
        let m = merge(&base, &mine, &theirs, &[]);
        assert_eq!(m.clashes, [Spot::ItemField(Part::Return, 1, "status")]);
        assert_eq!(m.client.phone, "514-555-0199");
        assert_eq!(m.client.tax_returns[0].due, Some(date(2026, 5, 1)));
        assert_eq!(
            m.client.tax_returns[0].status,
            ReturnStatus::ReadyForReview,
            "theirs until chosen"
        );
    }

    #[test]
    fn an_edit_against_a_deletion_clashes_either_way() {
        let base = client();
        let mut theirs = base.clone();
        theirs.tax_returns.remove(0);
        let mut mine = base.clone();
        mine.tax_returns[0].status = ReturnStatus::Filed;
        let m = merge(&base, &mine, &theirs, &[]);
        assert_eq!(m.clashes, [Spot::Item(Part::Return, 1)]);
        assert_eq!(m.client.tax_returns.len(), 1, "not resurrected");
        // And the other way round.
        let m = merge(&base, &theirs, &mine, &[]);
        assert_eq!(m.clashes, [Spot::Item(Part::Return, 1)]);
        assert_eq!(m.client.tax_returns.len(), 2, "not lost");
    }

    #[test]
    fn both_sides_add_items_and_deletions_of_untouched_items_go_through() {
        let base = client();
        let mut theirs = base.clone();
        theirs.tax_returns.push(ret(3, 2024, TaxForm::T1));
        theirs.next_item = 4;
        let mut mine = base.clone();
        mine.tax_returns.remove(1);
        mine.tax_returns.push(ret(0, 2024, TaxForm::Tp1));
        let m = merge(&base, &mine, &theirs, &[]);
        assert!(m.clashes.is_empty());
        let ids: Vec<_> = m.client.tax_returns.iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 3, 4]);
        assert_eq!(m.client.next_item, 5);
    }
}
