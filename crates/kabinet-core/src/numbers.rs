//! Number management for the signed-in administrator, as a handle on the account
//! (`account.numbers()`): the list (from the cache, in windows), sync, the number profile,
//! PIN/PUK, allowances, services and usage. Reads go to the portal and fall back to the cache
//! when it cannot be reached. The changes (block, a service, ...) are actions, sent by `act.rs`.
//!
//! A handle, not more methods on `Account`, so each area of the portal keeps its code in its own
//! file and `Account` keeps only the session. Every call about one number goes through
//! `Numbers::checked`: the number is parsed and the session checked in that one place.

use crate::api::*;
use crate::cache::cards::{self, Part};
use crate::cache::number_window;
use crate::cache::numbers::{self as cached, NumberFilter, NumberWindow};
use crate::cache::{sync_state, Cached, Owner};
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::session::Session;
use crate::sync::{self, SyncProgress, SyncReport};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What the list screen needs besides rows: when the list was synced, and its tariffs.
#[derive(Debug, Clone, Serialize)]
pub struct NumbersStatus {
    pub synced_at: Option<DateTime<Utc>>,
    pub tariffs: Vec<String>,
}

/// Number management of a signed-in account; get it with [`crate::account::Account::numbers`].
#[derive(Clone, Copy)]
pub struct Numbers<'a> {
    session: &'a Session,
}

/// A number asked about, checked: a valid number, and whose cache rows its answers go to (the
/// signed-in administrator, taken before asking the portal).
pub(crate) struct NumberRef {
    pub(crate) phone: Phone,
    pub(crate) owner: Owner,
}

impl<'a> Numbers<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The one check of every call about a number: the number first (a typo is named as such
    /// even when signed out), then the session. The actions (`act.rs`) and the other handles
    /// about a number (`devices.rs`, `forwarding.rs`, `payments.rs`) check through it too.
    pub(crate) fn checked(&self, msisdn: &str) -> Result<NumberRef> {
        let phone = Phone::parse(msisdn)?;
        let owner = self.session.owner()?;
        Ok(NumberRef { phone, owner })
    }

    /// Syncs a company's numbers list (full the first time or when asked, incremental after).
    pub async fn sync(
        &self,
        company: i64,
        force_full: bool,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncReport> {
        let session = self.session;
        let owner = session.owner()?;
        let expected = session
            .companies_cached()
            .await?
            .and_then(|list| list.into_iter().find(|c| c.id == company))
            .and_then(|c| usize::try_from(c.numbers_total).ok());
        let result =
            sync::sync_company(&session.client, &session.cache, &owner, company, expected, force_full, progress).await;
        let report = session.check(result)?;
        // Build the search index now, in the background, rather than on the first keystroke:
        // after a sync that wrote rows (which dropped it), and after the first sync of a session
        // (nothing built it yet). A no-op when it is built.
        let cache = session.cache.clone();
        tokio::spawn(async move {
            if let Ok(mut conn) = cache.pool().acquire().await {
                let _ = cache.search().prepare(&mut conn, &owner, company).await;
            }
        });
        Ok(report)
    }

    /// A window of the (filtered) cached list, with the labels of its numbers.
    pub async fn window(&self, company: i64, filter: &NumberFilter, offset: i64, limit: i64) -> Result<NumberWindow> {
        number_window::window(&self.session.cache, &self.session.owner()?, company, filter, offset, limit).await
    }

    /// Every cached number of the (filtered) list, for exports.
    pub async fn all(&self, company: i64, filter: &NumberFilter) -> Result<Vec<NumberSummary>> {
        number_window::all(&self.session.cache, &self.session.owner()?, company, filter).await
    }

    /// The file name of a numbers export: by the company's name as this administrator sees it
    /// (the cached one), made safe for every OS; by its id when it is not cached.
    pub async fn export_name(&self, company: i64, format: crate::export::ListFormat) -> Result<String> {
        let companies = self.session.companies_cached().await?.unwrap_or_default();
        let name = companies.iter().find(|c| c.id == company).map(|c| c.display_name.as_str()).unwrap_or_default();
        Ok(crate::export::numbers_file_name(name, company, chrono::Utc::now(), format))
    }

    /// The company an export is titled with: its name as this administrator sees it and its BIN,
    /// from the cache (nothing when it is not cached).
    pub async fn export_company(&self, company: i64) -> Result<crate::export::ExportCompany> {
        let companies = self.session.companies_cached().await?.unwrap_or_default();
        let found = companies.into_iter().find(|c| c.id == company);
        Ok(crate::export::ExportCompany {
            name: found.as_ref().map(|c| c.display_name.clone()).filter(|n| !n.is_empty()),
            bin: found.map(|c| c.bin).filter(|b| !b.is_empty()),
        })
    }

    pub async fn status(&self, company: i64) -> Result<NumbersStatus> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let synced_at = sync_state::load(pool, &owner, company).await?.map(|s| s.synced_at);
        let mut conn = pool.acquire().await.map_err(crate::Error::cache)?;
        let tariffs = cached::tariffs(&mut conn, &owner, company).await?;
        Ok(NumbersStatus { synced_at, tariffs })
    }

    /// Portal first; on `portal_unreachable`, the cached part (if any) of the administrator who
    /// asked, marked offline.
    pub(crate) async fn read_through<T: Serialize + DeserializeOwned>(
        &self,
        number: &NumberRef,
        part: Part,
        fetched: Result<T>,
    ) -> Result<Cached<T>> {
        let (pool, owner, msisdn) = (self.session.cache.pool(), &number.owner, number.phone.as_str());
        match self.session.check(fetched) {
            Ok(data) => {
                let now = Utc::now();
                cards::save(pool, owner, msisdn, part, &data, now).await?;
                Ok(Cached { data, fetched_at: now, offline: false })
            }
            Err(e) if e.is_unreachable() => match cards::load(pool, owner, msisdn, part).await? {
                Some((data, fetched_at)) => Ok(Cached { data, fetched_at, offline: true }),
                None => Err(Error::new(
                    e.code,
                    "The portal cannot be reached, and this has not been opened before, so nothing is cached.",
                )),
            },
            Err(e) => Err(e),
        }
    }

    /// Keeps the list row of a number in step with a fresher summary from the portal. An
    /// unchanged row is not written; a change search does not see (money, dates) keeps the
    /// search index and drops only its sorted orders, so opening a number does not make the next
    /// search rebuild the index.
    async fn refresh_row(&self, owner: &Owner, summary: &NumberSummary) -> Result<()> {
        let cache = &self.session.cache;
        let mut conn = cache.pool().acquire().await.map_err(crate::Error::cache)?;
        let Some((company, before, _)) = cached::get(&mut conn, owner, &summary.msisdn).await? else {
            return Ok(());
        };
        drop(conn);
        if before == *summary {
            return Ok(());
        }
        let now = Utc::now();
        let mut tx = cache.pool().begin().await.map_err(crate::Error::cache)?;
        cached::upsert(&mut tx, owner, company, std::slice::from_ref(summary), now).await?;
        // A number read again (its profile, a request that completed) records what changed as a
        // sync does, so the feed does not miss a block the watcher saw before the next sync.
        let was = crate::cache::changes::Snapshot::of(std::slice::from_ref(&before))?;
        crate::changes::record(&mut tx, owner, company, &was, std::slice::from_ref(summary), false, now).await?;
        tx.commit().await.map_err(crate::Error::cache)?;
        cache.search().rows_changed(cache.pool(), owner, company, &[&summary.msisdn]).await;
        Ok(())
    }

    /// A fresher summary of a number the portal answered with (a balance transfer): the list
    /// row and the cached profile take it, so both show the new figures, offline too.
    pub(crate) async fn summary_changed(&self, owner: &Owner, summary: &NumberSummary) -> Result<()> {
        self.refresh_row(owner, summary).await?;
        let pool = self.session.cache.pool();
        cards::edit(pool, owner, &summary.msisdn, Part::Detail, Utc::now(), |d: &mut NumberDetail| {
            d.summary = summary.clone()
        })
        .await
    }

    /// The number profile.
    pub async fn detail(&self, msisdn: &str) -> Result<Cached<NumberDetail>> {
        let number = self.checked(msisdn)?;
        let msisdn = &number.phone;
        let fetched = self
            .session
            .client
            .number(msisdn)
            .await
            .and_then(|d| same_number(msisdn, &d.summary, "summary").map(|()| d));
        let detail = self.read_through(&number, Part::Detail, fetched).await?;
        if !detail.offline {
            self.refresh_row(&number.owner, &detail.data.summary).await?;
        }
        Ok(detail)
    }

    /// PIN and PUK: from the portal only, never cached.
    pub async fn sim_secrets(&self, msisdn: &str) -> Result<SimSecrets> {
        let number = self.checked(msisdn)?;
        self.session.check(self.session.client.sim_secrets(&number.phone).await)
    }

    pub async fn allowances(&self, msisdn: &str) -> Result<Cached<Allowances>> {
        let number = self.checked(msisdn)?;
        let fetched = self.session.client.allowances(&number.phone).await;
        self.read_through(&number, Part::Allowances, fetched).await
    }

    pub async fn services(&self, msisdn: &str) -> Result<Cached<NumberServices>> {
        let number = self.checked(msisdn)?;
        let fetched = self.session.client.services(&number.phone).await;
        self.read_through(&number, Part::Services, fetched).await
    }

    /// The usage report of a period (whole days, at most 93, not in the future).
    pub async fn usage(
        &self,
        msisdn: &str,
        from: NaiveDate,
        to: NaiveDate,
        kind: UsageKind,
    ) -> Result<Cached<UsageReport>> {
        let number = self.checked(msisdn)?;
        crate::rules::usage_period::check(from, to, Utc::now())?;
        let fetched = self.session.client.usage(&number.phone, from, to, kind).await;
        self.read_through(&number, Part::Usage { from, to, kind }, fetched).await
    }
}

/// A portal answer about a number must be about the number asked for: its summary updates that
/// number's cached row, so another number's would overwrite the wrong row.
fn same_number(asked: &Phone, got: &NumberSummary, field: &str) -> Result<()> {
    if got.msisdn == asked.as_str() {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::InvalidResponse,
        format!("The portal answered about {:?} in `{field}.msisdn` when asked about {asked}.", got.msisdn),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::rules::usage_period::check as check_usage_period;
    use chrono::TimeZone;

    #[test]
    fn usage_period_rules() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_usage_period(d(2026, 10, 1), d(2026, 10, 31), now).is_ok());
        assert_eq!(check_usage_period(d(2026, 10, 31), d(2026, 10, 1), now).unwrap_err().code, ErrorCode::InvalidInput);
        assert_eq!(
            check_usage_period(d(2026, 11, 26), d(2026, 11, 27), now).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert_eq!(check_usage_period(d(2026, 6, 1), d(2026, 10, 31), now).unwrap_err().code, ErrorCode::PeriodTooLong);
    }

    #[test]
    fn the_client_refuses_absurd_usage_dates() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // The fuzzer's period, which the client used to send on.
        let e = check_usage_period(d(-262_143, 1, 1), d(-262_143, 1, 2), now).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(check_usage_period(d(2026, 10, 1), d(9999, 12, 31), now).unwrap_err().code, ErrorCode::InvalidInput);
    }
}
