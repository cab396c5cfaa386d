//! Plain data and validation: clients, team members, tax returns, the
//! audit log and list views. Nothing in here does I/O or knows about
//! storage, the network or the terminal.

pub mod audit;
pub mod billing;
pub(crate) mod client;
pub(crate) mod contact;
pub(crate) mod draft;
pub(crate) mod field;
pub(crate) mod ids;
pub mod merge;
pub(crate) mod render;
pub(crate) mod rule;
pub(crate) mod tax;
pub(crate) mod team;
pub mod text;
pub(crate) mod validate;
pub(crate) mod view;
pub mod work;

pub use audit::{AuditAction, AuditEntry, Subject};
pub(crate) use client::ItemId;
pub use client::{
    Address, BilledTo, Client, ClientId, ClientKind, DocStatus, Document, MonthDay, Product,
    QboProduct, Stamp, TaxIds,
};
pub use draft::{Draft, DraftForm, TEAM_DRAFT};
pub(crate) use field::Field;
pub use field::FieldChange;
pub use merge::{Part, Spot};
pub use rule::Rule;
pub use tax::{ReturnStatus, TaxForm, TaxReturn};
pub use team::{LeadCount, Member, MemberId, Role};
pub use validate::FieldError;
pub(crate) use validate::{validate_change, validate_client, validate_member};
pub use view::{
    ClientRow, ClientSummary, DueFilter, HiddenReason, LeadFilter, ReturnBrief, SortColumn,
    StatusSet, ViewPage, ViewQuery, WorkFilter,
};
pub(crate) use view::{FoundField, FoundIn, HiddenMatch, SearchOutcome, SearchText};
