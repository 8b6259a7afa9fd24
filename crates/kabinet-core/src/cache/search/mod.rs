//! In-memory search over a company's cached numbers (one index per administrator and company):
//! any part of a number or account, a tariff or a state (English or Russian), or of the number's
//! label, in any case, with state, tariff and label (department, cost centre, tag) filters; and
//! the list sorted by any of its columns.
//!
//! Why not SQL: every number shares its first digits with the others, so SQLite's trigram
//! full-text postings are huge, and `LIKE`/`instr` scans cost 15–20 ms at 100,000 rows. A scan
//! of the texts in memory (memchr) still grows with the list (34 ms at a million), so the index
//! (`index.rs`) keeps trigram posting lists over each row's number and account and over the
//! texts rows share (tariff, state, label), and a search costs what it finds. The sortable
//! columns' values are kept with it (`order.rs`), so a first sort is one in-memory sort.
//!
//! The index is built from the cache on first use (or in the background after a sync) and
//! dropped when what it holds changes wholesale ([`SearchIndex::invalidate`]: a full sync, a
//! label import); rows an incremental sync or a refreshed number wrote are applied to it
//! ([`SearchIndex::rows_changed`], `overlay.rs`). The last result is kept, so scrolling a search
//! result does not search again.

mod company;
mod index;
mod load;
mod order;
mod overlay;
mod postings;
mod read;
mod text;

#[cfg(test)]
mod tests;

use super::numbers::{NumberFilter, NumberOrder};
use super::Owner;
use crate::domain::phone_query_digits;
use crate::error::Result;
use company::CompanyIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Whose list: the owner (portal and administrator) and the company.
type Key = (Owner, i64);
/// The last search: which company (and its generation), which filter, and its result.
type LastSearch = (Key, u64, NumberFilter, Arc<Vec<i64>>);

/// A company's index and the sorted orders asked of it so far (slots in each order).
struct Entry {
    index: CompanyIndex,
    orders: Mutex<HashMap<NumberOrder, Arc<Vec<u32>>>>,
}

impl Entry {
    fn new(index: CompanyIndex) -> Entry {
        Entry { index, orders: Mutex::default() }
    }

    fn sorted(&self, order: NumberOrder) -> Arc<Vec<u32>> {
        if let Some(slots) = self.orders.lock().expect("search lock").get(&order) {
            return slots.clone();
        }
        let slots = Arc::new(order::sorted(&self.index, order));
        self.orders.lock().expect("search lock").insert(order, slots.clone());
        slots
    }
}

/// The search text as the index matches it: a number typed as the list shows it
/// (`+7 701 211 55 26`) is searched as its digits; anything else trimmed and lower-cased.
fn needle(text: &str) -> String {
    phone_query_digits(text).unwrap_or_else(|| text.trim().to_lowercase())
}

/// The search indexes of all companies in one cache. Cheap to share.
#[derive(Default)]
pub struct SearchIndex {
    /// The cache's file, which an index build reads on connections of its own (`read.rs`);
    /// `None` for a cache in memory, read through the caller's connection.
    file: Option<PathBuf>,
    companies: Mutex<HashMap<Key, Arc<Entry>>>,
    /// Bumped by every change, so an index built from rows read before a write is not kept
    /// after it, and a result found before it is not served after it.
    generations: Mutex<HashMap<Key, u64>>,
    last: Mutex<Option<LastSearch>>,
    /// One build (or change applied) at a time: a search that arrives while the index is being
    /// built (after a sync) waits for it instead of building it a second time.
    building: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

impl SearchIndex {
    /// The indexes of the cache at `file`.
    pub(super) fn on_file(file: &Path) -> SearchIndex {
        SearchIndex { file: Some(file.to_owned()), ..SearchIndex::default() }
    }

    /// Forgets a company's index after its rows changed wholesale (a full sync, labels).
    pub fn invalidate(&self, owner: &Owner, company: i64) {
        let key = (owner.clone(), company);
        self.bump(&key);
        self.companies.lock().expect("search lock").remove(&key);
    }

    /// After a write of the numbers `msisdns` of a company (an incremental sync, a number read
    /// again) was committed: applies their current rows to the kept index, without a rebuild
    /// (a number no longer in the cache leaves the index). Never fails: when the rows cannot be
    /// read, or too many changes piled up, the index is dropped and the next search builds it.
    pub async fn rows_changed(&self, pool: &sqlx::SqlitePool, owner: &Owner, company: i64, msisdns: &[&str]) {
        if msisdns.is_empty() {
            return;
        }
        let key = (owner.clone(), company);
        self.bump(&key);
        let _building = self.building.lock().await;
        let Some(entry) = self.companies.lock().expect("search lock").get(&key).cloned() else {
            return; // nothing built: the next search builds from the cache as it is
        };
        let only = serde_json::to_string(msisdns).expect("strings serialize");
        let read = match pool.acquire().await {
            Ok(mut conn) => load::owned_rows(&mut conn, owner, company, Some(only)).await,
            Err(e) => Err(crate::Error::cache(e)),
        };
        let next = read.ok().and_then(|owned| {
            let rows: Vec<_> = owned.iter().map(load::OwnedRow::as_row).collect();
            entry.index.overlay.apply(&entry.index.base, msisdns, &rows)
        });
        let mut companies = self.companies.lock().expect("search lock");
        match next {
            Some(overlay) => {
                let index = CompanyIndex { base: entry.index.base.clone(), overlay };
                companies.insert(key.clone(), Arc::new(Entry::new(index)));
            }
            None => {
                companies.remove(&key);
            }
        }
        drop(companies);
        // A search that read the index before the change must not keep its result.
        self.bump(&key);
    }

    fn bump(&self, key: &Key) {
        *self.generations.lock().expect("search lock").entry(key.clone()).or_default() += 1;
        let mut last = self.last.lock().expect("search lock");
        if last.as_ref().is_some_and(|(k, _, _, _)| k == key) {
            *last = None;
        }
    }

    /// Builds a company's index ahead of the first search (after a sync), so the first
    /// keystroke does not wait for it.
    pub async fn prepare(&self, conn: &mut sqlx::SqliteConnection, owner: &Owner, company: i64) -> Result<()> {
        self.company(conn, &(owner.clone(), company)).await.map(|_| ())
    }

    /// The bytes a company's index holds, when it is built (the `search_index_mb` figure).
    pub fn index_bytes(&self, owner: &Owner, company: i64) -> Option<usize> {
        let companies = self.companies.lock().expect("search lock");
        let entry = companies.get(&(owner.clone(), company))?;
        Some(entry.index.base.bytes() + entry.index.overlay.bytes())
    }

    /// The rowids of the rows that match, in list order.
    pub async fn matches(
        &self,
        conn: &mut sqlx::SqliteConnection,
        owner: &Owner,
        company: i64,
        filter: &NumberFilter,
    ) -> Result<Arc<Vec<i64>>> {
        let key = (owner.clone(), company);
        let current = self.generation(&key);
        if let Some((k, g, f, result)) = self.last.lock().expect("search lock").as_ref() {
            if *k == key && *g == current && f == filter {
                return Ok(result.clone());
            }
        }
        let (entry, built_from) = self.company(conn, &key).await?;
        let sorted = if filter.order.is_default() { None } else { Some(entry.sorted(filter.order)) };
        // A label's department, cost centre or tag: the few labelled rows, asked of SQLite.
        let labelled = super::labels::filtered_rowids(conn, owner, company, filter).await?;
        let bits = entry.index.matching(
            &needle(&filter.text),
            filter.state.as_ref(),
            filter.tariff.as_deref(),
            labelled.as_ref(),
        );
        let result = Arc::new(entry.index.rowids(&bits, sorted.as_deref().map(Vec::as_slice)));
        if self.generation(&key) == built_from {
            *self.last.lock().expect("search lock") = Some((key, built_from, filter.clone(), result.clone()));
        }
        Ok(result)
    }

    fn generation(&self, key: &Key) -> u64 {
        self.generations.lock().expect("search lock").get(key).copied().unwrap_or(0)
    }

    /// The company's index and the generation it was built from.
    async fn company(&self, conn: &mut sqlx::SqliteConnection, key: &Key) -> Result<(Arc<Entry>, u64)> {
        let built_from = self.generation(key);
        if let Some(entry) = self.companies.lock().expect("search lock").get(key) {
            return Ok((entry.clone(), built_from));
        }
        let _building = self.building.lock().await;
        let built_from = self.generation(key);
        if let Some(entry) = self.companies.lock().expect("search lock").get(key) {
            return Ok((entry.clone(), built_from));
        }
        let entry = Arc::new(Entry::new(load::company(conn, self.file.as_deref(), &key.0, key.1).await?));
        let mut companies = self.companies.lock().expect("search lock");
        if self.generation(key) == built_from {
            companies.insert(key.clone(), entry.clone());
        }
        Ok((entry, built_from))
    }
}
