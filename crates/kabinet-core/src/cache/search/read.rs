//! Reading a company's rows from the cache file for its index, in two halves (by number) on two
//! threads, each on a connection of its own.
//!
//! Why not sqlx: sqlx copies every value of every row into a row it sends from its worker thread,
//! about a microsecond a row; read through one `group_concat` per column instead, SQLite's text
//! building and the split after it were still three quarters of the index build at a million
//! rows. rusqlite steps the statement on the calling thread and lends each value in place, so a
//! row costs SQLite's own step and a copy of its number and account. The connections are opened
//! read-only for the read and closed after it (a few milliseconds, once per build); the halves
//! may see different moments of the cache, which the caller allows for (an index is kept only
//! when no write came since its build began, [`super::SearchIndex`]).

use crate::cache::Owner;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::time::Duration;

/// Rows of one half, in number order: each row's number and account in one text, its tariff,
/// state and payment method as indexes into `shared` (a list has a few of each), and its money.
#[derive(Default)]
pub(super) struct Rows {
    pub rowids: Vec<i64>,
    /// Row `i`'s number is `text[starts[i]..splits[i]]`, its account `text[splits[i]..starts[i + 1]]`.
    text: String,
    starts: Vec<u32>,
    splits: Vec<u32>,
    /// `[tariff, state, payment]` of each row, in `shared`.
    kinds: Vec<[u32; 3]>,
    shared: Vec<Box<str>>,
    pub funds: Vec<Option<i64>>,
    pub balances: Vec<i64>,
}

impl Rows {
    pub(super) fn len(&self) -> usize {
        self.rowids.len()
    }

    pub(super) fn msisdn(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.splits[i] as usize]
    }

    pub(super) fn account(&self, i: usize) -> &str {
        &self.text[self.splits[i] as usize..self.starts[i + 1] as usize]
    }

    /// Row `i`'s tariff, state and payment method.
    pub(super) fn kinds(&self, i: usize) -> [&str; 3] {
        self.kinds[i].map(|k| &*self.shared[k as usize])
    }
}

/// A company's rows in the cache at `file`, in two halves in number order (one when the list
/// is empty).
pub(super) fn company(file: &Path, owner: &Owner, company: i64) -> Result<Vec<Rows>> {
    let first = open(file)?;
    let middle: Option<String> = first
        .query_row(
            "SELECT msisdn FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 ORDER BY msisdn
             LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3)",
            (&owner.portal, &owner.admin, company),
            |row| row.get(0),
        )
        .optional()
        .map_err(Error::cache)?;
    let Some(middle) = middle else { return Ok(Vec::new()) };
    std::thread::scope(|scope| {
        let high = scope.spawn(|| open(file).and_then(|c| half(&c, owner, company, ">=", &middle)));
        let low = half(&first, owner, company, "<", &middle);
        let high = high.join().expect("reading rows does not panic");
        Ok(vec![low?, high?])
    })
}

/// A read-only connection to the cache file (its schema is the pool's, already migrated).
fn open(file: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(Error::cache)?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(Error::cache)?;
    Ok(conn)
}

/// The company's rows whose number is `op` (`<` or `>=`) `middle`.
fn half(conn: &Connection, owner: &Owner, company: i64, op: &str, middle: &str) -> Result<Rows> {
    let mut statement = conn
        .prepare(&format!(
            "SELECT rowid, msisdn, account, tariff, state, payment_method, available_funds, balance FROM numbers
             WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND msisdn {op} ?4 ORDER BY msisdn"
        ))
        .map_err(Error::cache)?;
    let mut rows = statement.query((&owner.portal, &owner.admin, company, middle)).map_err(Error::cache)?;
    let mut out = Rows { starts: vec![0], ..Rows::default() };
    let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    while let Some(row) = rows.next().map_err(Error::cache)? {
        let text = |i| row.get_ref(i).and_then(|v| Ok(v.as_str()?)).map_err(Error::cache);
        out.rowids.push(row.get(0).map_err(Error::cache)?);
        out.text.push_str(text(1)?);
        out.splits.push(offset(&out.text)?);
        out.text.push_str(text(2)?);
        out.starts.push(offset(&out.text)?);
        let mut kinds = [0; 3];
        for (kind, column) in kinds.iter_mut().zip(3..) {
            let value = text(column)?;
            *kind = match ids.get(value) {
                Some(&id) => id,
                None => {
                    let id = out.shared.len() as u32;
                    out.shared.push(value.into());
                    ids.insert(value.into(), id);
                    id
                }
            };
        }
        out.kinds.push(kinds);
        out.funds.push(row.get(6).map_err(Error::cache)?);
        out.balances.push(row.get(7).map_err(Error::cache)?);
    }
    Ok(out)
}

/// The text's length as an offset (a half's numbers and accounts stay far below 4 GB).
fn offset(text: &str) -> Result<u32> {
    u32::try_from(text.len()).map_err(|_| Error::cache("a company's numbers and accounts exceed 4 GB"))
}
