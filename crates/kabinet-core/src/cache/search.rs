//! In-memory search over a company's cached numbers (one index per administrator and company): any part of a number or account, a tariff
//! or a state (English or Russian), or of the number's label, in any case, with state, tariff and
//! label (department, cost centre, tag) filters.
//!
//! Why not SQL: every number shares its first digits with the others, so trigram full-text
//! postings are huge, and `LIKE`/`instr` scans cost 15–20 ms at 100,000 rows. Here each
//! company's search texts (already lower-cased, one per line) sit in one buffer that a SIMD
//! substring search (memchr) scans in a few milliseconds. The index is built from the cache on
//! first use (or in the background after a sync) and dropped when what it holds changes
//! ([`SearchIndex::invalidate`]); a change it does not hold (money, dates) drops only the sorted
//! orders ([`SearchIndex::forget_orders`]). The last result is kept, so scrolling a search result
//! does not search again.
//!
//! Sorting by a column other than the number asks SQLite once for that column's order (rowids
//! by column, ties by number) and keeps it with the company's index; a filtered result is then
//! that order with the non-matching rows left out, so a sorted search costs one pass.

use super::numbers::{search_text, NumberFilter, NumberOrder};
use super::Owner;
use crate::api::{NumberState, NumberSummary};
use crate::domain::phone_query_digits;
use crate::error::Result;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Whose list: the owner (portal and administrator) and the company.
type Key = (Owner, i64);
/// The last search: which company (and its generation), which filter, and its result.
type LastSearch = (Key, u64, NumberFilter, Arc<Vec<i64>>);

/// The sorted orders kept for a company: an epoch (see [`SearchIndex::forget_orders`]) and
/// the row indices of each order asked for so far.
type SortedOrders = (u64, HashMap<NumberOrder, Arc<Vec<u32>>>);

/// One company's rows in list order.
struct CompanyIndex {
    rowids: Vec<i64>,
    /// Start of each row's text in `haystack`.
    starts: Vec<usize>,
    haystack: String,
    states: Vec<NumberState>,
    tariffs: Vec<u32>,
    tariff_ids: HashMap<String, u32>,
    /// Row indices in the order of each column sorted by so far, and an epoch that
    /// [`SearchIndex::forget_orders`] bumps so an order read before a write is not kept after it.
    sorted: Mutex<SortedOrders>,
}

impl CompanyIndex {
    /// The rowids of the matching rows, in list order or in `sorted` order (row indices).
    fn matches(&self, filter: &NumberFilter, labelled: Option<&HashSet<i64>>, sorted: Option<&[u32]>) -> Vec<i64> {
        let rows = self.matching_rows(filter, labelled);
        let Some(order) = sorted else {
            return rows.into_iter().map(|r| self.rowids[r as usize]).collect();
        };
        if rows.len() == self.rowids.len() {
            return order.iter().map(|&r| self.rowids[r as usize]).collect();
        }
        let mut keep = vec![false; self.rowids.len()];
        for &r in &rows {
            keep[r as usize] = true;
        }
        order.iter().filter(|&&r| keep[r as usize]).map(|&r| self.rowids[r as usize]).collect()
    }

    /// The matching rows (indices into this index), in list order.
    fn matching_rows(&self, filter: &NumberFilter, labelled: Option<&HashSet<i64>>) -> Vec<u32> {
        let tariff = match &filter.tariff {
            Some(name) => match self.tariff_ids.get(name) {
                Some(id) => Some(*id),
                None => return Vec::new(),
            },
            None => None,
        };
        let keep = |row: usize| {
            filter.state.as_ref().is_none_or(|s| self.states[row] == *s)
                && tariff.is_none_or(|t| self.tariffs[row] == t)
                && labelled.is_none_or(|set| set.contains(&self.rowids[row]))
        };
        // A number typed as the list shows it (`+7 701 211 55 26`) is searched as its digits.
        let needle = phone_query_digits(&filter.text).unwrap_or_else(|| filter.text.trim().to_lowercase());
        if needle.contains('\n') {
            return Vec::new(); // rows are lines: nothing spans two
        }
        if needle.is_empty() {
            return (0..self.rowids.len()).filter(|&r| keep(r)).map(|r| r as u32).collect();
        }
        // Hits come in haystack order, so the row of each is found by walking `starts` forward
        // (O(rows + hits) in all), and after a hit the search goes on from the next row, so a
        // needle that matches every row (the first digits of every number) costs one hit per row.
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let hay = self.haystack.as_bytes();
        let rows = self.starts.len();
        let mut out = Vec::new();
        let (mut pos, mut row) = (0, 0);
        while let Some(found) = finder.find(&hay[pos..]) {
            let at = pos + found;
            while row + 1 < rows && self.starts[row + 1] <= at {
                row += 1;
            }
            if keep(row) {
                out.push(row as u32);
            }
            if row + 1 == rows {
                break;
            }
            pos = self.starts[row + 1];
        }
        out
    }

    /// Reads a company's rows into a new index. At 100,000 numbers, decoding one result row per
    /// number costs most of a second, so the columns come as four concatenated strings (one
    /// result row) and are split here; a count that does not add up (a separator inside the
    /// data) falls back to reading row by row.
    async fn load(conn: &mut sqlx::SqliteConnection, key: &Key) -> Result<CompanyIndex> {
        let (count, rowids, searches, states, tariffs): (i64, String, String, String, String) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(group_concat(n.rowid, ',' ORDER BY position), ''),
                    COALESCE(group_concat(n.search || COALESCE(' ' || l.search, ''), char(30) ORDER BY position), ''),
                    COALESCE(group_concat(state, ',' ORDER BY position), ''),
                    COALESCE(group_concat(tariff, char(31) ORDER BY position), '')
             FROM numbers n LEFT JOIN number_labels l ON l.portal = n.portal AND l.admin_phone = n.admin_phone
                 AND l.company_id = n.company_id AND l.msisdn = n.msisdn
             WHERE n.portal = ? AND n.admin_phone = ? AND n.company_id = ?",
        )
        .bind(&key.0.portal)
        .bind(&key.0.admin)
        .bind(key.1)
        .fetch_one(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
        let count = count as usize;
        if count == 0 {
            return Ok(Self::from_rows(std::iter::empty()));
        }
        let rowids: Vec<i64> = rowids.split(',').filter_map(|r| r.parse().ok()).collect();
        let searches: Vec<&str> = searches.split('\u{1e}').collect();
        let states: Vec<&str> = states.split(',').collect();
        let tariffs: Vec<&str> = tariffs.split('\u{1f}').collect();
        if [rowids.len(), searches.len(), states.len(), tariffs.len()].iter().all(|&n| n == count) {
            let rows = rowids.into_iter().zip(searches).zip(states).zip(tariffs);
            return Ok(Self::from_rows(rows.map(|(((r, s), st), t)| (r, s, st, t))));
        }
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT n.rowid, n.search || COALESCE(' ' || l.search, ''), state, tariff FROM numbers n
             LEFT JOIN number_labels l ON l.portal = n.portal AND l.admin_phone = n.admin_phone
                 AND l.company_id = n.company_id AND l.msisdn = n.msisdn
             WHERE n.portal = ? AND n.admin_phone = ? AND n.company_id = ? ORDER BY position",
        )
        .bind(&key.0.portal)
        .bind(&key.0.admin)
        .bind(key.1)
        .fetch_all(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
        Ok(Self::from_rows(rows.iter().map(|(r, s, st, t)| (*r, s.as_str(), st.as_str(), t.as_str()))))
    }

    /// An index of (rowid, search text, state, tariff) rows, in list order.
    fn from_rows<'a>(rows: impl Iterator<Item = (i64, &'a str, &'a str, &'a str)>) -> CompanyIndex {
        let mut index = CompanyIndex {
            rowids: Vec::new(),
            starts: Vec::new(),
            haystack: String::new(),
            states: Vec::new(),
            tariffs: Vec::new(),
            tariff_ids: HashMap::new(),
            sorted: Mutex::default(),
        };
        for (rowid, search, state, tariff) in rows {
            index.rowids.push(rowid);
            index.starts.push(index.haystack.len());
            index.haystack.push_str(search);
            index.haystack.push('\n');
            index.states.push(NumberState::from_wire(state));
            let next = index.tariff_ids.len() as u32;
            let id = match index.tariff_ids.get(tariff) {
                Some(id) => *id,
                None => {
                    index.tariff_ids.insert(tariff.to_string(), next);
                    next
                }
            };
            index.tariffs.push(id);
        }
        index
    }

    /// The row indices in `order`, asked of SQLite the first time and kept with the index.
    async fn sorted(&self, conn: &mut sqlx::SqliteConnection, key: &Key, order: NumberOrder) -> Result<Arc<Vec<u32>>> {
        let epoch = {
            let sorted = self.sorted.lock().expect("search lock");
            if let Some(rows) = sorted.1.get(&order) {
                return Ok(rows.clone());
            }
            sorted.0
        };
        let rowids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT n.rowid FROM numbers n LEFT JOIN number_labels l ON l.portal = n.portal
                 AND l.admin_phone = n.admin_phone AND l.company_id = n.company_id AND l.msisdn = n.msisdn
             WHERE n.portal = ? AND n.admin_phone = ? AND n.company_id = ? ORDER BY {}",
            order.column.order_by(order.descending)
        ))
        .bind(&key.0.portal)
        .bind(&key.0.admin)
        .bind(key.1)
        .fetch_all(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
        let row_of: HashMap<i64, u32> = self.rowids.iter().enumerate().map(|(i, &r)| (r, i as u32)).collect();
        let mut rows: Vec<u32> = rowids.iter().filter_map(|r| row_of.get(r).copied()).collect();
        if rows.len() != self.rowids.len() {
            // A write landed between building the index and this query; the write has dropped
            // the index, so answer this once with every row of it and keep nothing.
            let mut seen = vec![false; self.rowids.len()];
            rows.retain(|&r| !std::mem::replace(&mut seen[r as usize], true));
            rows.extend((0..self.rowids.len() as u32).filter(|&r| !seen[r as usize]));
            return Ok(Arc::new(rows));
        }
        let rows = Arc::new(rows);
        let mut sorted = self.sorted.lock().expect("search lock");
        if sorted.0 == epoch {
            sorted.1.insert(order, rows.clone());
        }
        Ok(rows)
    }
}

/// The search indexes of all companies in one cache. Cheap to share.
#[derive(Default)]
pub struct SearchIndex {
    companies: Mutex<HashMap<Key, Arc<CompanyIndex>>>,
    /// Bumped by every invalidation, so an index built from rows read before a write is not
    /// kept after it.
    generations: Mutex<HashMap<Key, u64>>,
    last: Mutex<Option<LastSearch>>,
    /// One build at a time: a search that arrives while the index is being built (after a
    /// sync) waits for it instead of building it a second time.
    building: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchIndex")
    }
}

impl SearchIndex {
    /// Forgets a company's index after its rows changed.
    pub fn invalidate(&self, owner: &Owner, company: i64) {
        let key = (owner.clone(), company);
        *self.generations.lock().expect("search lock").entry(key.clone()).or_default() += 1;
        self.companies.lock().expect("search lock").remove(&key);
        self.forget_last(&key);
    }

    /// After one row of a company was updated in place (same rowid and position): keeps the
    /// index when the row looks the same to search (only money or dates changed), and drops
    /// it otherwise.
    pub fn row_updated(&self, owner: &Owner, company: i64, before: &NumberSummary, after: &NumberSummary) {
        if search_text(before) == search_text(after) {
            self.forget_orders(owner, company);
        } else {
            self.invalidate(owner, company);
        }
    }

    /// Forgets the sorted orders and the last result of a company whose rows changed only in
    /// what search does not look at (money, dates): the index itself stays valid, so the next
    /// search does not rebuild it.
    pub fn forget_orders(&self, owner: &Owner, company: i64) {
        let key = (owner.clone(), company);
        if let Some(index) = self.companies.lock().expect("search lock").get(&key) {
            let mut sorted = index.sorted.lock().expect("search lock");
            sorted.0 += 1;
            sorted.1.clear();
        }
        self.forget_last(&key);
    }

    /// Drops the kept last result when it is this company's.
    fn forget_last(&self, key: &Key) {
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
        let (index, built_from) = self.company(conn, &key).await?;
        let sorted = if filter.order.is_default() { None } else { Some(index.sorted(conn, &key, filter.order).await?) };
        // A label's department, cost centre or tag: the few labelled rows, asked of SQLite.
        let labelled = super::labels::filtered_rowids(conn, owner, company, filter).await?;
        let result = Arc::new(index.matches(filter, labelled.as_ref(), sorted.as_deref().map(Vec::as_slice)));
        if self.generation(&key) == built_from {
            *self.last.lock().expect("search lock") = Some((key, built_from, filter.clone(), result.clone()));
        }
        Ok(result)
    }

    fn generation(&self, key: &Key) -> u64 {
        self.generations.lock().expect("search lock").get(key).copied().unwrap_or(0)
    }

    /// The company's index and the generation it was built from.
    async fn company(&self, conn: &mut sqlx::SqliteConnection, key: &Key) -> Result<(Arc<CompanyIndex>, u64)> {
        let built_from = self.generation(key);
        if let Some(index) = self.companies.lock().expect("search lock").get(key) {
            return Ok((index.clone(), built_from));
        }
        let _building = self.building.lock().await;
        let built_from = self.generation(key);
        if let Some(index) = self.companies.lock().expect("search lock").get(key) {
            return Ok((index.clone(), built_from));
        }
        let index = CompanyIndex::load(conn, key).await?;
        let index = Arc::new(index);
        let mut companies = self.companies.lock().expect("search lock");
        if self.generation(key) == built_from {
            companies.insert(key.clone(), index.clone());
        }
        Ok((index, built_from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_typed_as_the_list_shows_it_is_found() {
        let index = CompanyIndex::from_rows(
            [
                (1, "77010542007 100200 business class junior active активен", "active", "Business Class Junior"),
                (2, "77012115526 100201 корпоративный безлимит active активен", "active", "Корпоративный безлимит"),
            ]
            .into_iter(),
        );
        let find = |text: &str| index.matches(&NumberFilter { text: text.into(), ..Default::default() }, None, None);
        for query in
            ["+7 701 211 55 26", "+77012115526", "87012115526", "701 211 55 26", "+7 (701) 211-55-26", "211-55-26"]
        {
            assert_eq!(find(query), vec![2], "{query:?}");
        }
        // Text stays text search, in any case.
        assert_eq!(find("КОРПОРАТИВНЫЙ"), vec![2]);
        assert_eq!(find("0542"), vec![1]);
    }
}
