//! Plain data and validation: clients, team members, tax returns, the
//! audit log and list views. Nothing in here does I/O or knows about
//! storage, the network or the terminal.

pub mod audit;
pub mod billing;
pub mod client;
pub mod contact;
pub mod draft;
pub mod field;
pub mod ids;
pub mod merge;
pub mod render;
pub mod rule;
pub mod tax;
pub mod team;
pub mod text;
pub mod validate;
pub mod view;
pub mod work;

pub use audit::{AuditAction, AuditEntry};
pub use client::{
    Address, BilledTo, Client, ClientId, ClientKind, DocStatus, Document, ItemId, MonthDay,
    Product, QboProduct, Stamp, TaxIds,
};
pub use draft::{Draft, DraftForm, TEAM_DRAFT};
pub use field::{Field, FieldChange};
pub use merge::{Part, Spot};
pub use rule::Rule;
pub use tax::{ReturnStatus, TaxForm, TaxReturn};
pub use team::{LeadCount, Member, MemberId, Role};
pub use validate::{FieldError, validate_change, validate_client, validate_member};
pub use view::{
    ClientRow, ClientSummary, DueFilter, FoundField, FoundIn, HiddenMatch, HiddenReason,
    LeadFilter, ReturnBrief, SearchOutcome, SearchText, SortColumn, StatusSet, ViewPage, ViewQuery,
    WorkFilter,
};
