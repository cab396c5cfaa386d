//! Table definitions and the meta keys. Changing any of these changes the
//! database format: bump `SCHEMA_VERSION` and record it in the changelog.

use redb::TableDefinition;

/// Client id → enveloped [`crate::model::Client`].
pub(super) const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("clients");
/// Lower-cased display name → client id. Names are unique ignoring case.
pub(super) const NAMES: TableDefinition<&str, u64> = TableDefinition::new("client_names");
/// Client number → client id, for clients that have one.
pub(super) const NUMBERS: TableDefinition<&str, u64> = TableDefinition::new("client_numbers");
/// Member id → enveloped [`crate::model::Member`].
pub(super) const TEAM: TableDefinition<u64, &[u8]> = TableDefinition::new("team");
/// (client id, sequence) → enveloped [`crate::model::AuditEntry`]. Append only.
pub(super) const AUDIT: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("audit");
/// (member id, client id) → enveloped [`crate::model::Draft`]: the member's
/// unsaved form for the client. Client id 0 holds a new client's draft.
/// (Schema 1 kept a bare [`crate::model::Client`] here.)
pub(super) const DRAFTS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("drafts");
/// Client id → enveloped [`crate::model::ClientRow`]: what the list index
/// needs of each client, derived from the record and written with it, so
/// that a server starts without decoding every whole record.
pub(super) const ROWS: TableDefinition<u64, &[u8]> = TableDefinition::new("client_rows");
/// (Unix user id, key) → enveloped `once::Receipt`: a change sent with a
/// key, when it was made and what it did, written in the change's own
/// transaction (schema 4). See [`super::once`].
pub(super) const ONCE: TableDefinition<(u32, u64), &[u8]> =
    TableDefinition::new("changes_sent_once");
/// (when, in microseconds since 1970, Unix user id, key) → nothing: the
/// keys of [`ONCE`] oldest first, so that forgetting old ones reads only
/// those (schema 4).
pub(super) const ONCE_BY_AGE: TableDefinition<(i64, u32, u64), ()> =
    TableDefinition::new("changes_sent_once_by_age");
/// Schema version and id counters.
pub(super) const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

pub(super) const SCHEMA_KEY: &str = "schema_version";
pub(super) const NEXT_CLIENT: &str = "next_client_id";
pub(super) const NEXT_MEMBER: &str = "next_member_id";
/// The layout of the derived rows in [`ROWS`]; rows of another layout are
/// derived again from their records when the file is opened.
pub(super) const ROWS_LAYOUT_KEY: &str = "rows_layout";
pub(super) const ROWS_LAYOUT: u64 = 3;

/// The key under which a display name is unique.
pub(super) fn name_key(name: &str) -> String {
    name.to_lowercase()
}
