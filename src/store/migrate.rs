//! Bringing a file written by an older cabinet up to this build's schema,
//! in one transaction when the file is opened.
//!
//! Schema 1 kept products, documents and tax returns without ids. Schema 2
//! gives each one an id, unique within its client and never reused, so
//! that two people editing different items of one client can both save.
//! Schema 3 says what each history entry is about ([`Subject`]): a client
//! at a version, or a team member, where schemas 1 and 2 kept a member's
//! id in the version of an entry under client id 0. Schema 4 adds the
//! tables of changes sent once (`once`), empty in an upgraded file; an
//! older cabinet, which would refuse to back up a file holding tables it
//! does not know, is told the file is newer instead.
//! The old layouts are kept here, and only here, to read such a file.

use jiff::civil::Date;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::StoreError;
use super::tables::*;
use crate::codec;
use crate::model::audit::TEAM_HISTORY;
use crate::model::{
    Address, AuditAction, AuditEntry, BilledTo, Client, ClientId, ClientKind, DocStatus, Document,
    FieldChange, MemberId, MonthDay, Product, QboProduct, ReturnStatus, Stamp, Subject, TaxForm,
    TaxIds, TaxReturn,
};

/// A history entry as schemas 1 and 2 stored it: in the team's history
/// (client id 0), `version` held the member's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AuditEntryV2 {
    client: ClientId,
    version: u64,
    at: jiff::Timestamp,
    by: MemberId,
    action: AuditAction,
    changes: Vec<FieldChange>,
}

impl AuditEntryV2 {
    fn upgrade(self) -> AuditEntry {
        let subject = if self.client == TEAM_HISTORY {
            Subject::Member { id: self.version }
        } else {
            Subject::Client {
                id: self.client,
                version: self.version,
            }
        };
        AuditEntry {
            subject,
            at: self.at,
            by: self.by,
            action: self.action,
            changes: self.changes,
        }
    }
}

/// A client as schema 1 stored it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ClientV1 {
    id: u64,
    version: u64,
    number: Option<String>,
    kind: ClientKind,
    display_name: String,
    company: String,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    mobile: String,
    website: String,
    address: Address,
    tax_ids: TaxIds,
    fiscal_year_end: Option<MonthDay>,
    self_employed: bool,
    notes: String,
    lead: Option<MemberId>,
    team_access: Vec<MemberId>,
    products: Vec<ProductV1>,
    documents: Vec<DocumentV1>,
    tax_returns: Vec<TaxReturnV1>,
    inactive_since: Option<Date>,
    created: Option<Stamp>,
    updated: Option<Stamp>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProductV1 {
    product: QboProduct,
    billed_to: BilledTo,
    list_price_cents: i64,
    discount_percent: u8,
    start: Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocumentV1 {
    title: String,
    sent: Date,
    status: DocStatus,
    note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TaxReturnV1 {
    year: i16,
    form: TaxForm,
    status: ReturnStatus,
    due: Option<Date>,
    filed: Option<Date>,
}

impl ClientV1 {
    /// The same client with ids given to its items in their stored order:
    /// products first, then documents, then returns.
    fn upgrade(self) -> Client {
        let mut c = Client {
            id: self.id,
            version: self.version,
            number: self.number,
            kind: self.kind,
            display_name: self.display_name,
            company: self.company,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            phone: self.phone,
            mobile: self.mobile,
            website: self.website,
            address: self.address,
            tax_ids: self.tax_ids,
            fiscal_year_end: self.fiscal_year_end,
            self_employed: self.self_employed,
            notes: self.notes,
            lead: self.lead,
            team_access: self.team_access,
            products: self
                .products
                .into_iter()
                .map(|p| Product {
                    id: 0,
                    product: p.product,
                    billed_to: p.billed_to,
                    list_price_cents: p.list_price_cents,
                    discount_percent: p.discount_percent,
                    start: p.start,
                })
                .collect(),
            documents: self
                .documents
                .into_iter()
                .map(|d| Document {
                    id: 0,
                    title: d.title,
                    sent: d.sent,
                    status: d.status,
                    note: d.note,
                })
                .collect(),
            tax_returns: self
                .tax_returns
                .into_iter()
                .map(|r| TaxReturn {
                    id: 0,
                    year: r.year,
                    form: r.form,
                    status: r.status,
                    due: r.due,
                    filed: r.filed,
                })
                .collect(),
            inactive_since: self.inactive_since,
            created: self.created,
            updated: self.updated,
            next_item: 1,
        };
        c.assign_item_ids();
        c
    }
}

impl Store {
    /// Upgrades a file of an older schema to this build's, in one
    /// transaction: every client record, draft and history entry of an
    /// older layout is rewritten in the new one, or nothing is.
    pub(super) fn migrate(&self, from: u64) -> Result<(), StoreError> {
        if from >= super::SCHEMA_VERSION {
            return Ok(());
        }
        tracing::info!(
            "upgrading {} from schema {from} to {}",
            self.path.display(),
            super::SCHEMA_VERSION
        );
        let tx = self.write_tx()?;
        if from < 2 {
            self.give_items_ids(&tx)?;
        }
        if from < 3 {
            self.say_what_history_is_about(&tx)?;
        }
        {
            // Schema 4 keeps the keys of changes sent once, in tables of
            // their own: a file of an older schema starts with none.
            tx.open_table(ONCE).map_err(|e| self.err(e))?;
            tx.open_table(ONCE_BY_AGE).map_err(|e| self.err(e))?;
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            meta.insert(SCHEMA_KEY, super::SCHEMA_VERSION)
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Schemas 1 and 2 to 3: each history entry says what it is about.
    fn say_what_history_is_about(&self, tx: &redb::WriteTransaction) -> Result<(), StoreError> {
        {
            let mut audit = tx.open_table(AUDIT).map_err(|e| self.err(e))?;
            let mut upgraded = Vec::new();
            for row in audit.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                let (client, seq) = k.value();
                // An entry that cannot be read is left as it is, for
                // `cabinet check` to report: history is never dropped.
                match codec::decode::<AuditEntryV2>(v.value()) {
                    Ok(old) => upgraded.push(((client, seq), old.upgrade())),
                    Err(e) => tracing::warn!(
                        "leaving unreadable history entry {seq} of client #{client}: {e}"
                    ),
                }
            }
            for (key, entry) in upgraded {
                audit
                    .insert(key, codec::encode(&entry).as_slice())
                    .map_err(|e| self.err(e))?;
            }
        }
        Ok(())
    }

    /// Schema 1 to 2: ids for every client's items, drafts in their new
    /// shape.
    fn give_items_ids(&self, tx: &redb::WriteTransaction) -> Result<(), StoreError> {
        {
            let mut clients = tx.open_table(CLIENTS).map_err(|e| self.err(e))?;
            let mut upgraded = Vec::new();
            for row in clients.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                let old: ClientV1 = self.decode(&format!("client {}", k.value()), v.value())?;
                upgraded.push((k.value(), old.upgrade()));
            }
            for (id, c) in upgraded {
                clients
                    .insert(id, codec::encode(&c).as_slice())
                    .map_err(|e| self.err(e))?;
            }
            let mut drafts = tx.open_table(DRAFTS).map_err(|e| self.err(e))?;
            let mut kept = Vec::new();
            for row in drafts.iter().map_err(|e| self.err(e))? {
                let (k, v) = row.map_err(|e| self.err(e))?;
                let (member, client) = k.value();
                // A draft that cannot be read is of no use to anyone and
                // must not keep the firm from opening.
                match codec::decode::<ClientV1>(v.value()) {
                    Ok(old) => kept.push(((member, client), old.upgrade())),
                    Err(e) => tracing::warn!("dropping unreadable draft {member}/{client}: {e}"),
                }
            }
            drafts.retain(|_, _| false).map_err(|e| self.err(e))?;
            for (key, c) in kept {
                drafts
                    .insert(
                        key,
                        codec::encode(&crate::model::Draft::client(c)).as_slice(),
                    )
                    .map_err(|e| self.err(e))?;
            }
        }
        Ok(())
    }
}
