//! What changed in a company's numbers, sync after sync (`account.changes()`): a number added or
//! gone, a state or tariff change, a debt appearing, a balance falling under the company's
//! threshold (`detect`, in each sync's own transaction: `sync.rs`); a spend rise and a dormant
//! line (`charges`, in the transaction that writes the latest billed month: `cache/charges.rs`).
//! Kept in the cache (`cache/changes.rs`), so the feed reads offline and the CLI
//! (`kabinet-cli changes`) gives the same rows a scheduled task can act on; `summary` is the one
//! wording of a sync's desktop notification.

pub mod charges;
pub mod detect;
pub mod input;
pub mod summary;

use crate::cache::changes::{self as kept, ChangeRow};
use crate::cache::charge_totals as totals;
use crate::error::{Error, Result};
use crate::rules::document_months::YearMonth;
use crate::session::Session;
use chrono::{DateTime, Utc};
use detect::{ChangeKind, Rules};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Finds what changed from `before` (the company's rows as they were) to `after` (what is being
/// written) by the company's rules, and keeps it in the caller's transaction, so a write that
/// fails records nothing. `complete`: `after` is the whole list. Returns how many were found.
/// The ONE place a write of the numbers list records its changes: a sync (`sync.rs`) and a
/// number read again (its profile, a request that completed: `Numbers::refresh_row`).
pub(crate) async fn record(
    conn: &mut sqlx::SqliteConnection,
    owner: &crate::cache::Owner,
    company: i64,
    before: &kept::Snapshot,
    after: &[crate::api::NumberSummary],
    complete: bool,
    now: DateTime<Utc>,
) -> Result<usize> {
    let rules = kept::rules(&mut *conn, owner, company).await?.unwrap_or_default();
    let found = detect::changes(&before.rows()?, after, complete, rules);
    keep(conn, owner, company, &found, now).await
}

/// Finds the spend rises and dormant lines `month`'s charges show (from its totals, rebuilt
/// first: `cache::charge_totals::rebuild_month`), in the transaction that wrote them
/// (`cache::charges::replace_month`), so a write that fails records nothing. Only the latest
/// billed month at `now` is looked at: filling in older months (the first fetch of a year, an
/// import of old files) tells nothing new. Returns how many were found.
pub(crate) async fn record_charges(
    conn: &mut sqlx::SqliteConnection,
    owner: &crate::cache::Owner,
    company: i64,
    month: YearMonth,
    now: DateTime<Utc>,
) -> Result<usize> {
    if month < crate::rules::charges_period::last_year(now).1 {
        return Ok(0);
    }
    let rules = kept::rules(&mut *conn, owner, company).await?.unwrap_or_default();
    let held: BTreeSet<YearMonth> =
        totals::held_months(&mut *conn, owner, company).await?.iter().filter_map(|m| parse_month(m)).collect();
    let (from, to) = charges::months_read(month, rules.dormant_days);
    let rows: Vec<charges::NumberMonth> =
        totals::month_totals(&mut *conn, owner, company, &from.to_string(), &to.to_string())
            .await?
            .into_iter()
            .filter_map(|(msisdn, m, total, usage)| {
                Some(charges::NumberMonth { msisdn, month: parse_month(&m)?, total, usage })
            })
            .collect();
    let active: HashSet<String> = kept::active_numbers(&mut *conn, owner, company).await?.into_iter().collect();
    let kinds = [ChangeKind::SpendRise.id(), ChangeKind::Dormant.id()];
    let recorded: Vec<charges::Recorded> = kept::with_month(&mut *conn, owner, company, &kinds)
        .await?
        .into_iter()
        .filter_map(|(msisdn, kind, m)| Some((msisdn, ChangeKind::from_id(&kind)?, parse_month(&m)?)))
        .collect();
    let idle = charges::dormant_lines(&rows, &held, month, rules.dormant_days, &active);
    let last_used: HashMap<String, YearMonth> = totals::last_used(&mut *conn, owner, company, &idle, &to.to_string())
        .await?
        .into_iter()
        .filter_map(|(msisdn, m)| Some((msisdn, parse_month(&m)?)))
        .collect();
    let found = charges::found(&rows, &held, month, rules, &active, &recorded, &last_used);
    keep(conn, owner, company, &found, now).await
}

async fn keep(
    conn: &mut sqlx::SqliteConnection,
    owner: &crate::cache::Owner,
    company: i64,
    found: &[detect::Found],
    now: DateTime<Utc>,
) -> Result<usize> {
    let rows: Vec<kept::NewChange> = found
        .iter()
        .map(|f| (f.msisdn.as_str(), f.kind.id(), f.before.as_str(), f.after.as_str(), f.month.map(|m| m.to_string())))
        .collect();
    kept::insert(conn, owner, company, &rows, now).await?;
    Ok(found.len())
}

/// A month as the cache writes it (`YYYY-MM`).
fn parse_month(text: &str) -> Option<YearMonth> {
    let (y, m) = text.split_once('-')?;
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

/// The most changes one read gives.
pub const MAX_ROWS: i64 = 10_000;

/// What the feed shows: the changes of a kind, a number, a cost centre (`None`: all).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChangesFilter {
    pub kind: Option<ChangeKind>,
    pub msisdn: Option<String>,
    /// A cost centre's code (the numbers' labels now); `""`: the numbers with none.
    pub cost_centre: Option<String>,
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
        // Any part of the number, written any way the list's search reads it (`701 060`,
        // `+7 701 060 05 92`, `8 701…`); text that is no number is refused as a phone is.
        let msisdn = match filter.msisdn.as_deref() {
            Some(m) => Some(crate::domain::phone_query_digits(m).ok_or_else(|| {
                crate::domain::Phone::parse(m).map_or_else(Error::from, |_| {
                    Error::invalid_field(crate::error::ErrorCode::InvalidInput, "msisdn", "Type the number's digits.")
                })
            })?),
            None => None,
        };
        let which = kept::Which {
            kind: filter.kind.map(ChangeKind::id),
            msisdn: msisdn.as_deref(),
            cost_centre: filter.cost_centre.as_deref().map(str::trim),
        };
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        kept::since(&mut conn, &self.session.owner()?, company, since, which, MAX_ROWS).await
    }

    /// The company's thresholds (the defaults until it sets its own).
    pub async fn rules(&self, company: i64) -> Result<Rules> {
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        Ok(kept::rules(&mut conn, &self.session.owner()?, company).await?.unwrap_or_default())
    }

    /// Sets the company's rules, each threshold checked (`Rules::check`, naming its field).
    pub async fn set_rules(&self, company: i64, rules: Rules) -> Result<()> {
        rules.check()?;
        let mut conn = self.session.cache.pool().acquire().await.map_err(Error::cache)?;
        kept::set_rules(&mut conn, &self.session.owner()?, company, &rules).await
    }
}
