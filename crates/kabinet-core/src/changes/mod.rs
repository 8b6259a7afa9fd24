//! What changed in a company's numbers, sync after sync (`account.changes()`): a number added or
//! gone, a state or tariff change, a debt appearing, a balance falling under the company's
//! threshold. Found by `detect` in each sync's own transaction (`sync.rs`), kept in the cache
//! (`cache/changes.rs`), so the feed reads offline and the CLI (`kabinet-cli changes`) gives the
//! same rows a scheduled task can act on.

pub mod detect;

use crate::cache::changes::{self as kept, ChangeRow};
use crate::error::{Error, ErrorCode, Result};
use crate::session::Session;
use chrono::{DateTime, Utc};
use detect::{ChangeKind, Rules};

/// Finds what changed from `before` (the company's rows as they were) to `after` (what is being
/// written) by the company's rules, and keeps it in the caller's transaction, so a write that
/// fails records nothing. `complete`: `after` is the whole list. Returns how many were found.
/// The ONE place a write of the numbers list records its changes: a sync (`sync.rs`) and a
/// number read again (its profile, a request that completed: `Numbers::refresh_row`).
pub(crate) async fn record(
    conn: &mut sqlx::SqliteConnection,
    owner: &crate::cache::Owner,
    company: i64,
    before: &std::collections::HashMap<String, detect::Before>,
    after: &[crate::api::NumberSummary],
    complete: bool,
    now: DateTime<Utc>,
) -> Result<usize> {
    let rules = match kept::low_balance(&mut *conn, owner, company).await? {
        Some(low_balance_tiyn) => Rules { low_balance_tiyn },
        None => Rules::default(),
    };
    let found = detect::changes(before, after, complete, rules);
    let rows: Vec<(&str, &str, &str, &str)> =
        found.iter().map(|f| (f.msisdn.as_str(), f.kind.id(), f.before.as_str(), f.after.as_str())).collect();
    kept::insert(conn, owner, company, &rows, now).await?;
    Ok(found.len())
}

/// The most changes one read gives.
pub const MAX_ROWS: i64 = 10_000;

/// What the feed shows: the changes of a kind, a number, or both (`None`: all).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChangesFilter {
    pub kind: Option<ChangeKind>,
    pub msisdn: Option<String>,
}

/// The changes of a signed-in account's companies; get it with [`crate::account::Account::changes`].
#[derive(Clone, Copy)]
pub struct Changes<'a> {
    session: &'a Session,
}

impl<'a> Changes<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The company's changes found since `since`, newest first, that pass `filter`.
    pub async fn list(&self, company: i64, since: DateTime<Utc>, filter: &ChangesFilter) -> Result<Vec<ChangeRow>> {
        let msisdn = match &filter.msisdn {
            Some(m) => Some(crate::domain::Phone::parse(m)?.as_str().to_string()),
            None => None,
        };
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        let rows = kept::since(&mut conn, &self.session.owner()?, company, since, MAX_ROWS).await?;
        Ok(rows
            .into_iter()
            .filter(|r| filter.kind.is_none_or(|k| r.kind == k.id()))
            .filter(|r| msisdn.as_deref().is_none_or(|m| r.msisdn == m))
            .collect())
    }

    /// The company's thresholds (the defaults until it sets its own).
    pub async fn rules(&self, company: i64) -> Result<Rules> {
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        Ok(match kept::low_balance(&mut conn, &self.session.owner()?, company).await? {
            Some(low_balance_tiyn) => Rules { low_balance_tiyn },
            None => Rules::default(),
        })
    }

    /// Sets the company's low-balance threshold (tiyn, 0 or more).
    pub async fn set_rules(&self, company: i64, rules: Rules) -> Result<()> {
        if rules.low_balance_tiyn < 0 {
            return Err(Error::invalid_field(
                ErrorCode::InvalidAmount,
                "low_balance",
                "The threshold cannot be negative.",
            ));
        }
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        kept::set_low_balance(&mut conn, &self.session.owner()?, company, rules.low_balance_tiyn).await
    }
}
