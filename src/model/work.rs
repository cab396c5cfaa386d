//! The firm's tax-return work in numbers: what the work view shows and
//! `Firm::work` answers, counted by the index in one pass over the rows.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::client::ClientId;
use super::view::LeadFilter;

/// Which clients the work report counts: active clients, all or one
/// lead's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct WorkQuery {
    pub lead: LeadFilter,
    /// The day overdue and due-soon count from; `None`: the firm's today.
    pub today: Option<Date>,
}

/// Counts of latest returns, one per status in [`ReturnStatus::ALL`]
/// order.
pub(crate) type StatusCounts = [usize; 5];

/// How far ahead "due this week" and "due this month" look, in days.
pub(crate) const WEEK: u16 = 7;
pub(crate) const MONTH: u16 = 30;

/// The work across the firm (or one lead's clients).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkReport {
    /// The day the report counts from.
    pub(crate) today: Date,
    /// Active clients counted.
    pub clients: usize,
    /// Clients by their latest return's status.
    pub(crate) by_status: StatusCounts,
    /// Clients without any return.
    pub(crate) no_return: usize,
    /// Unfinished returns past their due date.
    pub(crate) overdue: usize,
    /// Unfinished returns due from today to [`WEEK`] days later.
    pub(crate) due_week: usize,
    /// Unfinished returns due from today to [`MONTH`] days later.
    pub(crate) due_month: usize,
    /// Clients with documents awaited, and the documents in all.
    pub(crate) docs_clients: usize,
    pub(crate) docs: usize,
    /// Each lead's share, in the team's name order, then the clients
    /// without a lead (when there are any).
    pub(crate) leads: Vec<LeadWork>,
    /// The clients with the most documents awaited, most first, at most
    /// [`WorkReport::MAX_CLIENTS`].
    pub(crate) docs_by_client: Vec<ClientDocs>,
}

impl WorkReport {
    pub(crate) const MAX_CLIENTS: usize = 50;

    /// Returns counted by status, finished ones included.
    pub(crate) fn returns(&self) -> usize {
        self.by_status.iter().sum()
    }
}

/// One lead's share of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LeadWork {
    /// A member, or [`LeadFilter::Unassigned`].
    pub(crate) lead: LeadFilter,
    /// The member's name; empty for clients without a lead.
    pub(crate) name: String,
    pub(crate) clients: usize,
    pub(crate) by_status: StatusCounts,
    pub(crate) overdue: usize,
    pub(crate) docs_clients: usize,
    pub(crate) docs: usize,
}

impl LeadWork {
    pub(crate) fn new(lead: LeadFilter, name: String) -> Self {
        LeadWork {
            lead,
            name,
            clients: 0,
            by_status: [0; 5],
            overdue: 0,
            docs_clients: 0,
            docs: 0,
        }
    }
}

/// A client waiting on documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ClientDocs {
    pub(crate) id: ClientId,
    pub(crate) name: String,
    pub(crate) lead_name: String,
    pub(crate) docs: u32,
}
