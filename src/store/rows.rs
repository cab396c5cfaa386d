//! The rows table: each client's list row, search text and billed
//! subscriptions, derived from the record and written in the same
//! transaction. Loading these instead of whole records is what lets a
//! server with 100,000 clients start in a blink.

use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};

use super::Store;
use super::error::StoreError;
use super::tables::*;
use crate::codec;
use crate::model::{Client, ClientRow};

/// Below this many rows, decoding stays on one thread.
const PARALLEL_FROM: usize = 10_000;

impl Store {
    /// Every client's row, in id order.
    pub fn rows(&self) -> Result<Vec<ClientRow>, StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let table = read.open_table(ROWS).map_err(|e| self.err(e))?;
        // Copy the bytes out first, then decode on every core: decoding
        // is the slow part.
        let mut raw: Vec<(u64, Vec<u8>)> =
            Vec::with_capacity(table.len().map_err(|e| self.err(e))? as usize);
        for row in table.iter().map_err(|e| self.err(e))? {
            let (k, v) = row.map_err(|e| self.err(e))?;
            raw.push((k.value(), v.value().to_vec()));
        }
        let decode = |chunk: &[(u64, Vec<u8>)]| -> Result<Vec<ClientRow>, StoreError> {
            chunk
                .iter()
                .map(|(id, bytes)| self.decode(&format!("row of client {id}"), bytes))
                .collect()
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        if raw.len() < PARALLEL_FROM || threads < 2 {
            return decode(&raw);
        }
        let size = raw.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = raw
                .chunks(size)
                .map(|c| s.spawn(move || decode(c)))
                .collect();
            let mut out = Vec::with_capacity(raw.len());
            for h in handles {
                out.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?);
            }
            Ok(out)
        })
    }

    /// Derives the rows again when the file lacks them, when they do not
    /// cover every client, or when they were written in another layout.
    pub(super) fn ensure_rows(&self) -> Result<(), StoreError> {
        let read = self.db.begin_read().map_err(|e| self.err(e))?;
        let clients = read
            .open_table(CLIENTS)
            .map_err(|e| self.err(e))?
            .len()
            .map_err(|e| self.err(e))?;
        let rows = match read.open_table(ROWS) {
            Ok(t) => t.len().map_err(|e| self.err(e))?,
            Err(redb::TableError::TableDoesNotExist(_)) => 0,
            Err(e) => return Err(self.err(e)),
        };
        let layout = read
            .open_table(META)
            .map_err(|e| self.err(e))?
            .get(ROWS_LAYOUT_KEY)
            .map_err(|e| self.err(e))?
            .map(|v| v.value());
        drop(read);
        if rows == clients && layout == Some(ROWS_LAYOUT) {
            return Ok(());
        }
        self.rebuild_rows()
    }

    /// Derives every row from its record again, in one transaction.
    pub(crate) fn rebuild_rows(&self) -> Result<(), StoreError> {
        let clients = self.clients()?;
        let tx = self.write_tx()?;
        {
            let mut rows = tx.open_table(ROWS).map_err(|e| self.err(e))?;
            rows.retain(|_, _| false).map_err(|e| self.err(e))?;
            for c in &clients {
                self.put_row(&mut rows, c)?;
            }
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            meta.insert(ROWS_LAYOUT_KEY, ROWS_LAYOUT)
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Writes one client's row (inside a write transaction).
    pub(super) fn put_row(
        &self,
        rows: &mut redb::Table<'_, u64, &'static [u8]>,
        c: &Client,
    ) -> Result<(), StoreError> {
        rows.insert(c.id, codec::encode(&ClientRow::of(c)).as_slice())
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
